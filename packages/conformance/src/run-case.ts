import { allocateData, dtypeInfo, getOpDef } from '@varscope/kernel-api';
import type { ArgDef, DType, HostTensor, KernelBackend, TensorData, TensorRef } from '@varscope/kernel-api';
import type { CaseTensor, KernelCase } from './cases/kernel-case.js';

/** The schema argument each flattened input of a case belongs to. */
export function inputArgs(c: KernelCase): ArgDef[] {
  const def = getOpDef(c.op);
  if (def === undefined) throw new Error(`case ${c.id}: unknown op ${c.op}`);
  const args: ArgDef[] = [];
  for (const arg of def.inputs) {
    const n = arg.numberAttr !== undefined ? Number(c.attrs[arg.numberAttr])
      : arg.typeListAttr !== undefined ? (c.attrs[arg.typeListAttr] as readonly string[]).length : 1;
    for (let i = 0; i < n; i++) args.push(arg);
  }
  if (args.length !== c.inputs.length) {
    throw new Error(`case ${c.id}: ${c.inputs.length} inputs given, the schema expects ${args.length}`);
  }
  return args;
}

/** float32 → IEEE half bits, round to nearest even. */
function toHalfBits(v: number): number {
  const f = new Float32Array([v]);
  const x = new Uint32Array(f.buffer)[0] as number;
  const sign = (x >>> 16) & 0x8000;
  const exp = (x >>> 23) & 0xff;
  let mant = x & 0x7fffff;
  if (exp === 0xff) return sign | 0x7c00 | (mant ? 0x200 : 0);
  let e = exp - 127 + 15;
  if (e >= 0x1f) return sign | 0x7c00;
  if (e <= 0) {
    if (e < -10) return sign;
    mant |= 0x800000;
    const shift = 14 - e;
    const half = mant >>> shift;
    const rem = mant & ((1 << shift) - 1);
    const mid = 1 << (shift - 1);
    return sign | (half + (rem > mid || (rem === mid && (half & 1)) ? 1 : 0));
  }
  let half = (e << 10) | (mant >>> 13);
  const rem = mant & 0x1fff;
  if (rem > 0x1000 || (rem === 0x1000 && (half & 1))) half += 1;
  e = half >>> 10;
  return sign | half;
}

/** Case values in the dtype's storage. */
export function toData(t: CaseTensor): TensorData {
  const info = dtypeInfo(t.dtype);
  const size = t.shape.reduce((a, b) => a * b, 1);
  const data = allocateData(t.dtype, size) as unknown as { [i: number]: number | bigint; length: number };
  if (t.values.length !== size * info.lanes) {
    throw new Error(`case tensor has ${t.values.length} values for shape [${t.shape.join(',')}] (${t.dtype})`);
  }
  for (let i = 0; i < t.values.length; i++) {
    const v = t.values[i] as number | bigint;
    if (t.dtype === 'float16') data[i] = toHalfBits(Number(v));
    else if (t.dtype === 'int64' || t.dtype === 'uint64') data[i] = BigInt(v);
    else data[i] = Number(v);
  }
  return data as unknown as TensorData;
}

/** What one backend produced for a case: the outputs, or the mutated inputs for ref ops. */
export interface CaseResult {
  readonly tensors: readonly { dtype: DType; shape: readonly number[]; data: TensorData }[];
}

/**
 * Runs one case on `backend`: uploads inputs, allocates outputs, runs the kernel, downloads
 * the results, and releases every buffer it made, even when the kernel throws.
 */
export async function runKernelCase(backend: KernelBackend, c: KernelCase): Promise<CaseResult> {
  const args = inputArgs(c);
  const refs: TensorRef[] = [];
  try {
    const inputs: TensorRef[] = [];
    const hostInputs: (HostTensor | undefined)[] = [];
    c.inputs.forEach((t, i) => {
      const handle = backend.allocate(t.dtype, t.shape);
      const ref: TensorRef = { handle, dtype: t.dtype, shape: t.shape };
      refs.push(ref);
      const data = toData(t);
      backend.upload(ref, data);
      inputs.push(ref);
      hostInputs.push(args[i]?.hostMemory ? { dtype: t.dtype, shape: t.shape, data } : undefined);
    });
    const outputs: TensorRef[] = c.outputs.map((o) => {
      const ref: TensorRef = { handle: backend.allocate(o.dtype, o.shape), dtype: o.dtype, shape: o.shape };
      refs.push(ref);
      return ref;
    });
    backend.doRun({
      op: c.op, inputs, outputs, hostInputs, attrs: c.attrs, nodeName: c.id,
      ...(c.philox !== undefined ? { philox: c.philox } : {}),
    });
    await backend.sync();
    const results = c.mutatedInputs !== undefined ? c.mutatedInputs.map((i) => inputs[i] as TensorRef) : outputs;
    const tensors = [];
    for (const r of results) tensors.push({ dtype: r.dtype, shape: r.shape, data: await backend.download(r) });
    return { tensors };
  } finally {
    for (const r of refs) backend.release(r.handle);
  }
}
