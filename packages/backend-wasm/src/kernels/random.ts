import { KernelArgumentError, KernelRuntimeError, shapeSize } from '@varscope/kernel-api';
import { dtypeId, opId } from '../module/op-ids.js';
import { FLOATS } from './dtype-sets.js';
import type { KernelDef, KernelTable } from './kernel-context.js';

/** A 64-bit integer (seed, block offset) as its two's-complement 32-bit halves. */
function halves(v: number): [number, number] {
  const b = BigInt.asUintN(64, BigInt(v));
  return [Number(b & 0xffff_ffffn), Number(b >> 32n)];
}

const randomKernel = (dtypes: KernelDef['dtypes']): KernelDef => ({
  dtypes,
  run(ctx, call) {
    const out = ctx.output(call, 0);
    const ph = call.philox;
    if (ph === undefined) throw new KernelArgumentError(call.op, `${call.nodeName}: random ops need a Philox state`);
    const [s0, s1] = halves(ph.seed), [t0, t1] = halves(ph.seed2), [o0, o1] = halves(ph.offset);
    const isInt = call.op === 'RandomUniformInt';
    const minval = isInt ? ctx.ptr(call, ctx.input(call, 1), 'minval') : 0;
    const maxval = isInt ? ctx.ptr(call, ctx.input(call, 2), 'maxval') : 0;
    if (isInt && shapeSize(out.shape) > 0) {
      const v = ctx.heap.views();
      const lo = out.dtype === 'int64' ? v.i64[minval >> 3]! : BigInt(v.i32[minval >> 2]!);
      const hi = out.dtype === 'int64' ? v.i64[maxval >> 3]! : BigInt(v.i32[maxval >> 2]!);
      if (lo >= hi) throw new KernelRuntimeError(call.op, `Need minval < maxval: ${lo} >= ${hi}`);
    }
    ctx.check(call, ctx.k.vs_random(opId(call.op), dtypeId(out.dtype), ctx.ptr(call, out, 'output'), shapeSize(out.shape),
      s0, s1, t0, t1, o0, o1, minval, maxval));
  },
});

export const RANDOM_KERNELS: KernelTable = {
  RandomUniform: randomKernel(FLOATS),
  RandomStandardNormal: randomKernel(FLOATS),
  TruncatedNormal: randomKernel(FLOATS),
  RandomUniformInt: randomKernel(['int32', 'int64']),
};
