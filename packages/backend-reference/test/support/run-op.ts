import { DTYPES, allocateData, getOpDef, shapeSize } from '@varscope/kernel-api';
import type { AttrValue, DType, HostTensor, PhiloxState, TensorData, TensorRef } from '@varscope/kernel-api';
import { bfloat16BitsFromNumber, bfloat16BitsToNumber, createReferenceBackend, halfBitsFromNumber, halfBitsToNumber } from '../../src/index.js';
import type { ReferenceBackend } from '../../src/index.js';

/** A host tensor from readable values: numbers (encoded for float16/bfloat16; interleaved re, im for complex), bigints or booleans. */
export function tensor(dtype: DType, shape: readonly number[], values: readonly (number | bigint | boolean)[]): HostTensor {
  const info = DTYPES[dtype];
  const n = shapeSize(shape) * info.lanes;
  if (values.length !== n) throw new Error(`test tensor ${dtype} [${shape.join(',')}] needs ${n} values, got ${values.length}`);
  const data = allocateData(dtype, shapeSize(shape)) as unknown as { [i: number]: number | bigint };
  values.forEach((v, i) => {
    if (dtype === 'float16') data[i] = halfBitsFromNumber(Number(v));
    else if (dtype === 'bfloat16') data[i] = bfloat16BitsFromNumber(Number(v));
    else if (dtype === 'int64' || dtype === 'uint64') data[i] = BigInt(v);
    else data[i] = typeof v === 'boolean' ? (v ? 1 : 0) : Number(v);
  });
  return { dtype, shape: [...shape], data: data as unknown as TensorData };
}

export const scalar = (dtype: DType, v: number | bigint | boolean): HostTensor => tensor(dtype, [], [v]);
export const vec = (dtype: DType, values: readonly (number | bigint | boolean)[]): HostTensor => tensor(dtype, [values.length], values);

/** Decoded values of a host tensor: numbers (float16/bfloat16 decoded), or bigints for 64-bit ints. */
export function values(t: HostTensor): (number | bigint)[] {
  const raw = Array.from(t.data as ArrayLike<number | bigint>);
  if (t.dtype === 'float16') return raw.map((b) => halfBitsToNumber(b as number));
  if (t.dtype === 'bfloat16') return raw.map((b) => bfloat16BitsToNumber(b as number));
  return raw;
}

export interface OutputSpec {
  dtype: DType;
  shape: readonly number[];
}

export interface RunOptions {
  philox?: PhiloxState;
  backend?: ReferenceBackend;
}

/** Which flattened inputs of `op` are host-memory, given its list lengths. */
function hostMemoryFlags(op: string, attrs: Record<string, AttrValue>, count: number): boolean[] {
  const def = getOpDef(op);
  if (def === undefined) throw new Error(`unknown op ${op}`);
  const flags: boolean[] = [];
  for (const a of def.inputs) {
    const repeat = a.numberAttr !== undefined ? Number(attrs[a.numberAttr]) : 1;
    for (let k = 0; k < repeat; k++) flags.push(a.hostMemory === true);
  }
  if (flags.length !== count) throw new Error(`${op} takes ${flags.length} inputs with these attrs, the test passed ${count}`);
  return flags;
}

/** The op's attrs with the schema's defaults filled in (core's job in real runs). */
export function withDefaults(op: string, attrs: Record<string, AttrValue>): Record<string, AttrValue> {
  const def = getOpDef(op);
  if (def === undefined) throw new Error(`unknown op ${op}`);
  const out: Record<string, AttrValue> = {};
  for (const a of def.attrs) if (a.default !== undefined) out[a.name] = a.default;
  return { ...out, ...attrs };
}

/**
 * Runs one op on a fresh (or given) reference backend: uploads inputs, allocates outputs, runs,
 * downloads the outputs and releases every handle it made.
 */
export function runOp(op: string, inputs: readonly HostTensor[], outputs: readonly OutputSpec[], attrs: Record<string, AttrValue> = {}, options: RunOptions = {}): HostTensor[] {
  const backend = options.backend ?? createReferenceBackend();
  const full = withDefaults(op, attrs);
  const host = hostMemoryFlags(op, full, inputs.length);
  const refs: TensorRef[] = [];
  try {
    const inRefs = inputs.map((t) => {
      const ref: TensorRef = { handle: backend.allocate(t.dtype, t.shape), dtype: t.dtype, shape: t.shape };
      refs.push(ref);
      backend.upload(ref, t.data);
      return ref;
    });
    const outRefs = outputs.map((o) => {
      const ref: TensorRef = { handle: backend.allocate(o.dtype, o.shape), dtype: o.dtype, shape: o.shape };
      refs.push(ref);
      return ref;
    });
    backend.doRun({
      op,
      inputs: inRefs,
      outputs: outRefs,
      hostInputs: inputs.map((t, i) => (host[i] ? t : undefined)),
      attrs: full,
      ...(options.philox ? { philox: options.philox } : {}),
      nodeName: `test/${op}`,
    });
    const results = outRefs.map((r) => ({ dtype: r.dtype, shape: r.shape, data: backend.downloadSync(r) }));
    // Ref ops write into their first input: return it too, after the outputs.
    if (outputs.length === 0 && inRefs[0] !== undefined) {
      const r = inRefs[0];
      results.push({ dtype: r.dtype, shape: r.shape, data: backend.downloadSync(r) });
    }
    return results;
  } finally {
    for (const r of refs) backend.release(r.handle);
  }
}

/** Runs an op with one output and returns its decoded values. */
export function run1(op: string, inputs: readonly HostTensor[], out: OutputSpec, attrs: Record<string, AttrValue> = {}, options: RunOptions = {}): (number | bigint)[] {
  return values(runOp(op, inputs, [out], attrs, options)[0] as HostTensor);
}
