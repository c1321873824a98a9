// Runs single kernels the way core drives a backend: inputs uploaded, outputs pre-allocated
// at their final shapes, attrs with the schema's defaults filled, host-memory inputs copied.
import {
  allocateData, getOpDef, shapeSize,
  type Attrs, type DType, type HostTensor, type KernelBackend, type PhiloxState, type TensorData, type TensorRef,
} from '@varscope/kernel-api';

export interface TensorSpec {
  dtype: DType;
  shape: number[];
  data: ArrayLike<number | bigint | boolean>;
}

export const t = (dtype: DType, shape: number[], data: ArrayLike<number | bigint | boolean>): TensorSpec =>
  ({ dtype, shape, data });

export function toTyped(spec: TensorSpec): TensorData {
  const out = allocateData(spec.dtype, shapeSize(spec.shape)) as unknown as { [i: number]: number | bigint; length: number };
  if (spec.data.length !== out.length) throw new Error(`spec has ${spec.data.length} values for ${out.length} elements`);
  for (let i = 0; i < out.length; i++) {
    const v = spec.data[i] as number | bigint | boolean;
    out[i] = spec.dtype === 'int64' || spec.dtype === 'uint64' ? BigInt(v) : Number(v);
  }
  return out as unknown as TensorData;
}

export interface RunOptions {
  attrs?: Attrs;
  philox?: PhiloxState;
  /** Refs the caller owns (variables): used as inputs by index, not released. */
  refs?: Record<number, TensorRef>;
}

export function upload(backend: KernelBackend, spec: TensorSpec): TensorRef {
  const ref = { handle: backend.allocate(spec.dtype, spec.shape), dtype: spec.dtype, shape: spec.shape };
  backend.upload(ref, toTyped(spec) as never);
  return ref;
}

export function read(backend: KernelBackend, ref: TensorRef): number[] {
  return Array.from(backend.downloadSync!(ref) as ArrayLike<number | bigint>, Number);
}

/** Runs `op`; returns each output's values as numbers (and releases everything it made). */
export function run(backend: KernelBackend, op: string, inputs: (TensorSpec | null)[],
  outputs: { dtype: DType; shape: number[] }[], options: RunOptions = {}): number[][] {
  const def = getOpDef(op);
  if (def === undefined) throw new Error(`unknown op ${op}`);
  const attrs: Record<string, unknown> = {};
  for (const a of def.attrs) if (a.default !== undefined) attrs[a.name] = a.default;
  Object.assign(attrs, options.attrs ?? {});
  const made: TensorRef[] = [];
  const inRefs = inputs.map((spec, i) => {
    const own = options.refs?.[i];
    if (own) return own;
    if (spec === null) throw new Error(`input ${i} has neither a spec nor a ref`);
    const ref = upload(backend, spec);
    made.push(ref);
    return ref;
  });
  // list args (N, num) are flattened: host-memory flags follow the schema's arg order
  const hostFlags: boolean[] = [];
  for (const a of def.inputs) {
    const count = a.numberAttr ? Number(attrs[a.numberAttr] ?? 1) : 1;
    for (let k = 0; k < count; k++) hostFlags.push(a.hostMemory === true);
  }
  const hostInputs = inputs.map((spec, i): HostTensor | undefined =>
    hostFlags[i] && spec ? { dtype: spec.dtype, shape: spec.shape, data: toTyped(spec) } : undefined);
  const outRefs = outputs.map((o) => {
    const ref = { handle: backend.allocate(o.dtype, o.shape), dtype: o.dtype, shape: o.shape };
    made.push(ref);
    return ref;
  });
  try {
    backend.doRun({
      op, inputs: inRefs, outputs: outRefs, hostInputs, attrs: attrs as Attrs, nodeName: `test/${op}`,
      ...(options.philox ? { philox: options.philox } : {}),
    });
    return outRefs.map((r) => read(backend, r));
  } finally {
    for (const r of made) backend.release(r.handle);
  }
}

export function expectClose(actual: readonly number[], expected: readonly number[], rtol = 1e-5, atol = 1e-6): void {
  if (actual.length !== expected.length) throw new Error(`length ${actual.length} != ${expected.length}`);
  for (let i = 0; i < actual.length; i++) {
    const a = actual[i] as number, e = expected[i] as number;
    if (Number.isNaN(e) ? !Number.isNaN(a) : !(Math.abs(a - e) <= atol + rtol * Math.abs(e) || a === e)) {
      throw new Error(`element ${i}: got ${a}, expected ${e}\n actual:   ${actual.slice(0, 16).join(', ')}\n expected: ${expected.slice(0, 16).join(', ')}`);
    }
  }
}
