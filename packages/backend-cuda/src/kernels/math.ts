import type { CudaKernel, KernelCall } from './kernel-call.js';
import { F32_I32 } from './kernel-call.js';

/** Normalised, sorted reduction axes from the host `reduction_indices` input. */
function reductionAxes(k: KernelCall, rank: number): number[] {
  const raw = k.hostInts(1);
  return raw.map((a) => k.axis(a, rank, 'reduction axis')).sort((a, b) => a - b);
}

function reduction(name: string, dtypes: readonly string[]): CudaKernel {
  return {
    dtypes: dtypes as CudaKernel['dtypes'],
    run(k) {
      const x = k.input(0);
      const code = k.ops.reduce[name];
      if (code === undefined) throw k.error(`the addon has no reduction '${name}'`);
      k.ctx.reduce(code, k.buf(x), x.shape, reductionAxes(k, x.shape.length), k.buf(k.output(0)));
    },
  };
}

function argReduction(isMax: boolean): CudaKernel {
  return {
    dtypes: F32_I32,
    run(k) {
      const x = k.input(0);
      k.ctx.argReduce(isMax, k.buf(x), x.shape, k.axis(k.hostScalar(1), x.shape.length, 'dimension'), k.buf(k.output(0)));
    },
  };
}

/** float32 (TF32 tensor cores when allowed) and int32 (products and sums wrap, as on TensorFlow's CPU). */
function matMul(batched: boolean): CudaKernel {
  return {
    dtypes: F32_I32,
    run(k) {
      const a = k.input(0), b = k.input(1), c = k.output(0);
      const ta = k.boolAttr(batched ? 'adj_x' : 'transpose_a');
      const tb = k.boolAttr(batched ? 'adj_y' : 'transpose_b');
      k.ctx.matMul(k.buf(a), a.shape, k.buf(b), b.shape, k.buf(c), c.shape, ta, tb, k.allowTf32 && a.dtype === 'float32');
    },
  };
}

/** Matrix products and reductions. */
export const MATH_KERNELS: Readonly<Record<string, CudaKernel>> = {
  MatMul: matMul(false),
  BatchMatMulV2: matMul(true),
  Sum: reduction('Sum', F32_I32),
  Mean: reduction('Mean', F32_I32),
  Prod: reduction('Prod', F32_I32),
  Max: reduction('Max', F32_I32),
  Min: reduction('Min', F32_I32),
  All: reduction('All', ['bool']),
  Any: reduction('Any', ['bool']),
  ArgMax: argReduction(true),
  ArgMin: argReduction(false),
};
