// The CUDA kernels on a real GPU, against the reference backend as the oracle. Wherever there
// is no GPU (our CI: nvcc but no driver) the whole suite reports itself skipped, with the
// CUDA runtime's reason in its title.
import { createReferenceBackend } from '@varscope/backend-reference';
import { KernelRuntimeError } from '@varscope/kernel-api';
import type { DType, KernelBackend, TensorRef } from '@varscope/kernel-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCudaBackend } from '../src/index.js';
import type { CudaBackend } from '../src/index.js';
import { findAddon, gpuUnavailableReason } from './addon-harness.js';
import { runCase } from './case-runner.js';
import { mismatches } from './compare.js';
import { KERNEL_CASES } from './kernel-cases.js';
import type { KernelCase } from './kernel-cases.js';

const { addon, reason } = findAddon();
const skipReason = gpuUnavailableReason(addon, reason);

/** Looser where the float reference sums in float64 and the GPU in float32, or libm differs. */
function tolerance(c: KernelCase): { rtol: number; atol: number } {
  if (['Conv2D', 'Conv2DBackpropInput', 'Conv2DBackpropFilter', 'MatMul', 'BatchMatMulV2', 'Sum', 'Mean', 'Prod',
    'L2Loss', 'BiasAddGrad', 'Pow'].includes(c.op)) return { rtol: 1e-4, atol: 1e-4 };
  return { rtol: 2e-6, atol: 1e-6 };
}

describe.skipIf(skipReason !== undefined)(`CUDA kernels on a GPU${skipReason === undefined ? '' : ` (skipped: ${skipReason})`}`, () => {
  let cuda: CudaBackend;
  let reference: KernelBackend;

  beforeAll(async () => {
    cuda = createCudaBackend({ addon });
    await cuda.init();
    reference = createReferenceBackend();
    await reference.init();
  });
  afterAll(() => {
    cuda?.dispose();
    reference?.dispose();
  });

  for (const c of KERNEL_CASES) {
    it(`${c.name} matches the reference backend`, async () => {
      const want = await runCase(reference, c);
      const got = await runCase(cuda, c);
      const { rtol, atol } = tolerance(c);
      got.forEach((g, i) => expect(mismatches(g, want[i]!, rtol, atol), `${c.name} output ${i}`).toEqual([]));
      expect(cuda.stats()).toEqual({ liveHandles: 0, bytesInUse: 0 });
    });
  }

  async function roundTrip(backend: KernelBackend, op: string, attrs: Record<string, unknown>, inputs: [DType, number[], ArrayLike<number>][],
    outShape: number[], outType: DType = 'float32'): Promise<ArrayLike<number>> {
    const refs: TensorRef[] = inputs.map(([dtype, shape, data]) => {
      const ref = { handle: backend.allocate(dtype, shape), dtype, shape };
      backend.upload(ref, (dtype === 'int32' ? Int32Array.from(data) : Float32Array.from(data)) as never);
      return ref;
    });
    const out = { handle: backend.allocate(outType, outShape), dtype: outType, shape: outShape };
    try {
      backend.doRun({ op, inputs: refs, outputs: [out], hostInputs: refs.map(() => undefined), attrs: attrs as never, nodeName: op });
      return (await backend.download(out)) as unknown as ArrayLike<number>;
    } finally {
      for (const r of [...refs, out]) backend.release(r.handle);
    }
  }

  const randomData = (n: number, seed: number) => Float32Array.from({ length: n }, (_v, i) => Math.sin(i * 12.9898 + seed) * 2);

  it('GEMM 512×384×640 in strict f32 and with TF32 tensor cores', async () => {
    const a = randomData(512 * 384, 1), b = randomData(384 * 640, 2);
    const attrs = { transpose_a: false, transpose_b: false, T: 'float32' };
    const inputs: [DType, number[], ArrayLike<number>][] = [['float32', [512, 384], a], ['float32', [384, 640], b]];
    const want = await roundTrip(reference, 'MatMul', attrs, inputs, [512, 640]);
    const strict = await roundTrip(cuda, 'MatMul', attrs, inputs, [512, 640]);
    expect(mismatches(strict as never, want as never, 1e-4, 1e-3)).toEqual([]);
    if (cuda.device.tf32) {
      const tf32 = createCudaBackend({ addon, allowTf32: true });
      await tf32.init();
      const got = await roundTrip(tf32, 'MatMul', attrs, inputs, [512, 640]);
      // TF32 keeps 10 mantissa bits per operand: ~1e-3 relative per product, sums of 384.
      expect(mismatches(got as never, want as never, 2e-2, 5e-2)).toEqual([]);
      tf32.dispose();
    }
  });

  it('reduces a 4M-element tensor to a scalar through the split-row path', async () => {
    const n = 1 << 22;
    const x = Float32Array.from({ length: n }, (_v, i) => ((i % 1000) - 500) / 1000);
    const hostAxes = { dtype: 'int32' as const, shape: [1], data: new Int32Array([0]) };
    const run = async (backend: KernelBackend) => {
      const xr = { handle: backend.allocate('float32', [n]), dtype: 'float32' as const, shape: [n] };
      backend.upload(xr, x);
      const axes = { handle: backend.allocate('int32', [1]), dtype: 'int32' as const, shape: [1] };
      backend.upload(axes, hostAxes.data);
      const out = { handle: backend.allocate('float32', []), dtype: 'float32' as const, shape: [] };
      backend.doRun({ op: 'Sum', inputs: [xr, axes], outputs: [out], hostInputs: [undefined, hostAxes], attrs: { keep_dims: false, T: 'float32', Tidx: 'int32' }, nodeName: 'sum' });
      const v = (await backend.download(out)) as Float32Array;
      for (const r of [xr, axes, out]) backend.release(r.handle);
      return v[0]!;
    };
    expect(await run(cuda)).toBeCloseTo(await run(reference), 0);
  });

  it('reports integer division by zero at the next sync, in TensorFlow\'s words', async () => {
    const p = roundTrip(cuda, 'FloorDiv', { T: 'int32' }, [['int32', [3], [1, 2, 3]], ['int32', [3], [1, 0, 1]]], [3], 'int32');
    await expect(p).rejects.toBeInstanceOf(KernelRuntimeError);
    await expect(cuda.sync()).resolves.toBeUndefined();  // reported once, then cleared
  });

  it('rejects RandomUniformInt with minval >= maxval', async () => {
    const refs = [['int32', [1], [4]], ['int32', [], [5]], ['int32', [], [5]]] as const;
    const handles = refs.map(([dtype, shape, data]) => {
      const r = { handle: cuda.allocate(dtype, shape), dtype, shape };
      cuda.upload(r, Int32Array.from(data));
      return r;
    });
    const out = { handle: cuda.allocate('int32', [4]), dtype: 'int32' as const, shape: [4] };
    cuda.doRun({ op: 'RandomUniformInt', inputs: handles, outputs: [out], hostInputs: [{ dtype: 'int32', shape: [1], data: new Int32Array([4]) }, undefined, undefined],
      attrs: { seed: 1, seed2: 2, Tout: 'int32', T: 'int32' }, philox: { seed: 1, seed2: 2, offset: 0 }, nodeName: 'r' });
    await expect(cuda.sync()).rejects.toThrow(/Need minval < maxval/);
    for (const r of [...handles, out]) cuda.release(r.handle);
  });
});
