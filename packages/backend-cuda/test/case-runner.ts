import { DTYPES, allocateData, getOpDef } from '@varscope/kernel-api';
import type { ArgDef, HostTensor, KernelBackend, TensorData, TensorRef } from '@varscope/kernel-api';
import type { KernelCase } from './kernel-cases.js';
import { caseData } from './kernel-cases.js';

function hostTensor(dtype: HostTensor['dtype'], shape: readonly number[], values: number[]): HostTensor {
  const data = allocateData(dtype, values.length) as unknown as { [i: number]: number | bigint };
  values.forEach((v, i) => {
    data[i] = DTYPES[dtype].array === 'BigInt64Array' ? BigInt(v) : v;
  });
  return { dtype, shape, data: data as unknown as TensorData };
}

/**
 * Runs one case: allocates and uploads its inputs, runs it, and downloads its outputs, or, for
 * ops that update refs in place (Assign, Apply*), the ref inputs. Releases everything.
 */
export async function runCase(backend: KernelBackend, c: KernelCase): Promise<TensorData[]> {
  const def = getOpDef(c.op)!;
  // The schema's args with list args (`values` of ConcatV2…) expanded to one entry per tensor.
  const args: ArgDef[] = def.inputs.flatMap((a) => {
    const count = a.numberAttr !== undefined ? Number(c.attrs[a.numberAttr]) : 1;
    return new Array<ArgDef>(count).fill(a);
  });
  if (args.length !== c.inputs.length) throw new Error(`${c.name}: ${c.inputs.length} inputs for ${args.length} args`);
  const refs: TensorRef[] = [];
  const hostInputs: (HostTensor | undefined)[] = [];
  try {
    c.inputs.forEach((input, i) => {
      const host = hostTensor(input.dtype, input.shape, caseData(input, i + 1));
      const ref = { handle: backend.allocate(input.dtype, input.shape), dtype: input.dtype, shape: input.shape };
      refs.push(ref);
      backend.upload(ref, host.data as never);
      hostInputs.push(args[i]?.hostMemory ? host : undefined);
    });
    const outputs = c.outputs.map((o) => ({ handle: backend.allocate(o.dtype, o.shape), dtype: o.dtype, shape: o.shape }));
    refs.push(...outputs);
    backend.doRun({
      op: c.op, inputs: refs.slice(0, c.inputs.length), outputs, hostInputs, attrs: c.attrs, nodeName: c.name,
      ...(c.philox ? { philox: c.philox } : {}),
    });
    const results = outputs.length > 0 ? outputs : refs.slice(0, c.inputs.length).filter((_r, i) => args[i]?.isRef);
    return await Promise.all(results.map((r) => backend.download(r)));
  } finally {
    for (const r of refs) backend.release(r.handle);
  }
}
