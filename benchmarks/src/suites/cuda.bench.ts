// The CUDA backend on one GPU: GEMM (strict f32 and TF32), elementwise bandwidth against a
// device-to-device copy, and the per-op enqueue cost from JS. Where there is no GPU the suite
// prints why and reports nothing. PyTorch ratios come from the GPU run bundle instead
// (docs/benchmarks/cuda.md), since that machine has PyTorch and this runner does not.
import type { KernelBackend, TensorRef } from '@varscope/kernel-api';
import type { BenchResult, BenchSuite } from '../suite.js';
import { medianTime } from '../suite.js';

interface CudaBackendLike extends KernelBackend {
  readonly device: { readonly name: string };
}
interface CudaModule {
  createCudaBackend(options?: { allowTf32?: boolean }): CudaBackendLike;
}

// Imported by name at run time so this file typechecks whether or not the package is linked.
const CUDA_PACKAGE = '@varscope/backend-cuda';

async function open(allowTf32: boolean): Promise<CudaBackendLike | string> {
  let mod: CudaModule;
  try {
    mod = (await import(CUDA_PACKAGE)) as CudaModule;
  } catch (e) {
    return `cannot import ${CUDA_PACKAGE}: ${e instanceof Error ? e.message : String(e)}`;
  }
  const backend = mod.createCudaBackend({ allowTf32 });
  try {
    await backend.init();
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
  return backend;
}

function filled(backend: KernelBackend, shape: number[]): TensorRef {
  const ref = { handle: backend.allocate('float32', shape), dtype: 'float32' as const, shape };
  const n = shape.reduce((a, b) => a * b, 1);
  backend.upload(ref, Float32Array.from({ length: n }, (_v, i) => (i % 13) / 13));
  return ref;
}

const suite: BenchSuite = {
  name: 'cuda',
  async run({ quick }) {
    const results: BenchResult[] = [];
    for (const tf32 of [false, true]) {
      const backend = await open(tf32);
      if (typeof backend === 'string') {
        console.log(`cuda: skipped: ${backend}`);
        return results;
      }
      const runner = tf32 ? 'cuda-tf32' : 'cuda';
      for (const n of quick ? [256] : [1024, 2048, 4096]) {
        const a = filled(backend, [n, n]), b = filled(backend, [n, n]);
        const c = { handle: backend.allocate('float32', [n, n]), dtype: 'float32' as const, shape: [n, n] };
        const call = { op: 'MatMul', inputs: [a, b], outputs: [c], hostInputs: [], nodeName: 'bench',
          attrs: { transpose_a: false, transpose_b: false, T: 'float32' } };
        const ms = await medianTime(async () => { backend.doRun(call); await backend.sync(); }, quick ? 1 : 10, 2);
        results.push({ group: 'matmul', case: `n=${n}`, runner, medianMs: ms, value: (2 * n ** 3) / ms / 1e6, unit: 'GFLOP/s',
          notes: backend.device.name });
        for (const r of [a, b, c]) backend.release(r.handle);
      }
      if (!tf32) {
        const n = quick ? 1 << 16 : (256 * 2 ** 20) / 4;
        const x = filled(backend, [n]), y = filled(backend, [n]);
        const z = { handle: backend.allocate('float32', [n]), dtype: 'float32' as const, shape: [n] };
        const add = { op: 'Add', inputs: [x, y], outputs: [z], hostInputs: [], nodeName: 'add', attrs: { T: 'float32' } };
        const copy = { op: 'Identity', inputs: [x], outputs: [z], hostInputs: [], nodeName: 'copy', attrs: { T: 'float32' } };
        const addMs = await medianTime(async () => { backend.doRun(add); await backend.sync(); }, quick ? 1 : 20, 2);
        const copyMs = await medianTime(async () => { backend.doRun(copy); await backend.sync(); }, quick ? 1 : 20, 2);
        results.push({ group: 'elementwise', case: `Add ${(n * 4) / 2 ** 20} MiB`, runner, medianMs: addMs,
          value: (3 * n * 4) / addMs / 1e6, unit: 'GB/s' });
        results.push({ group: 'elementwise', case: `D2D copy ${(n * 4) / 2 ** 20} MiB`, runner, medianMs: copyMs,
          value: (2 * n * 4) / copyMs / 1e6, unit: 'GB/s' });
        const launches = quick ? 100 : 10000;
        const s = filled(backend, [1]);
        const tiny = { op: 'Add', inputs: [s, s], outputs: [s], hostInputs: [], nodeName: 'tiny', attrs: { T: 'float32' } };
        const t0 = performance.now();
        for (let i = 0; i < launches; i++) backend.doRun(tiny);
        const enqueueMs = (performance.now() - t0) / launches;
        await backend.sync();
        results.push({ group: 'launch', case: 'doRun(Add [1])', runner, medianMs: enqueueMs, value: enqueueMs * 1000, unit: 'µs/op' });
        for (const r of [x, y, z, s]) backend.release(r.handle);
      }
      backend.dispose();
    }
    return results;
  },
};

export default suite;
