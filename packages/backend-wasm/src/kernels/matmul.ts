import { KernelArgumentError, shapeSize, type KernelInvocation } from '@varscope/kernel-api';
import { dtypeId } from '../module/op-ids.js';
import { elemSize, type KernelContext, type KernelTable } from './kernel-context.js';

const MATMUL_TYPES = ['float32', 'float64', 'int32', 'int64'] as const;

function batchMatMul(ctx: KernelContext, call: KernelInvocation, transA: boolean, transB: boolean): void {
  const a = ctx.input(call, 0), b = ctx.input(call, 1), c = ctx.output(call, 0);
  const ap = ctx.ptr(call, a, 'x'), bp = ctx.ptr(call, b, 'y'), cp = ctx.ptr(call, c, 'output');
  if (a.shape.length < 2 || b.shape.length < 2) throw new KernelArgumentError(call.op, `${call.nodeName}: inputs must be at least rank 2`);
  const ra = a.shape.length, rb = b.shape.length;
  const m = a.shape[transA ? ra - 1 : ra - 2] as number, k = a.shape[transA ? ra - 2 : ra - 1] as number;
  const n = b.shape[transB ? rb - 2 : rb - 1] as number;
  const kb = b.shape[transB ? rb - 1 : rb - 2] as number;
  if (k !== kb) {
    throw new KernelArgumentError(call.op, `${call.nodeName}: Matrix size-incompatible: In[0]: [${a.shape.join(',')}], In[1]: [${b.shape.join(',')}]`);
  }
  const outBatch = c.shape.slice(0, -2);
  const batch = shapeSize(outBatch);
  if (batch === 0 || m === 0 || n === 0) return;
  const aBatch = a.shape.slice(0, -2), bBatch = b.shape.slice(0, -2);
  const aMat = m * k, bMat = k * n;
  // batch index -> operand batch index under broadcasting
  const operandBatch = (shape: readonly number[], i: number): number => {
    let rem = i, idx = 0, stride = 1;
    for (let d = outBatch.length - 1; d >= 0; d--) {
      const od = outBatch[d] as number;
      const coord = rem % od;
      rem = Math.floor(rem / od);
      const sd = d - (outBatch.length - shape.length);
      if (sd >= 0) {
        const dim = shape[sd] as number;
        idx += (dim === 1 ? 0 : coord) * stride;
        stride *= dim;
      }
    }
    return idx;
  };
  const dt = dtypeId(a.dtype), es = elemSize(a.dtype);
  const aFull = shapeSize(aBatch) === batch, bFull = shapeSize(bBatch) === batch;
  const aOne = shapeSize(aBatch) === 1, bOne = shapeSize(bBatch) === 1;
  if ((aFull || aOne) && (bFull || bOne)) {
    ctx.check(call, ctx.k.vs_matmul(dt, ap, bp, cp, batch, m, n, k, transA ? 1 : 0, transB ? 1 : 0,
      aOne ? 0 : aMat, bOne ? 0 : bMat, 0));
    return;
  }
  for (let i = 0; i < batch; i++) {
    const ai = operandBatch(a.shape.slice(0, -2), i), bi = operandBatch(b.shape.slice(0, -2), i);
    ctx.check(call, ctx.k.vs_matmul(dt, ap + ai * aMat * es, bp + bi * bMat * es, cp + i * m * n * es, 1, m, n, k,
      transA ? 1 : 0, transB ? 1 : 0, 0, 0, 0));
  }
}

export const MATMUL_KERNELS: KernelTable = {
  MatMul: {
    dtypes: MATMUL_TYPES,
    run(ctx, call) {
      batchMatMul(ctx, call, call.attrs['transpose_a'] === true, call.attrs['transpose_b'] === true);
    },
  },
  BatchMatMulV2: {
    dtypes: MATMUL_TYPES,
    run(ctx, call) {
      batchMatMul(ctx, call, call.attrs['adj_x'] === true, call.attrs['adj_y'] === true);
    },
  },
};
