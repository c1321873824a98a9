import { KernelArgumentError, shapeSize, shapeStrides, type KernelInvocation } from '@varscope/kernel-api';
import { dtypeId, opId } from '../module/op-ids.js';
import { copyStrided, hostInts } from './data-movement.js';
import { NUMERIC } from './dtype-sets.js';
import { elemSize, type KernelContext, type KernelDef, type KernelTable } from './kernel-context.js';

/** The input seen as [outer, r, inner] for the kernel, transposing into scratch if needed. */
interface ReduceView {
  ptr: number;
  outer: number;
  r: number;
  inner: number;
}

/**
 * Collapses an arbitrary set of reduced axes to [outer, r, inner]. Size-1 axes are dropped and
 * runs of kept/reduced axes merged; if the pattern is still not (kept, reduced, kept) the input
 * is transposed into scratch as [kept…, reduced…].
 */
function reduceView(ctx: KernelContext, call: KernelInvocation, axes: readonly number[]): ReduceView {
  const x = ctx.input(call, 0);
  const shape = x.shape;
  const rank = shape.length;
  const reduced = new Set<number>();
  for (const a of axes) {
    const n = a < 0 ? a + rank : a;
    if (n < 0 || n >= Math.max(rank, 1)) {
      throw new KernelArgumentError(call.op, `${call.nodeName}: Invalid reduction dimension (${a} for input with ${rank} dimension(s)`);
    }
    reduced.add(n);
  }
  const ptr = ctx.ptr(call, x, 'input');
  const runs: { red: boolean; size: number }[] = [];
  shape.forEach((d, i) => {
    if (d === 1) return;
    const red = reduced.has(i);
    const last = runs[runs.length - 1];
    if (last !== undefined && last.red === red) last.size *= d;
    else runs.push({ red, size: d });
  });
  const reducedRuns = runs.filter((r) => r.red).length;
  if (reducedRuns <= 1) {
    const at = runs.findIndex((r) => r.red);
    if (at < 0) return { ptr, outer: shapeSize(shape), r: 1, inner: 1 };
    const outer = runs.slice(0, at).reduce((a, r) => a * r.size, 1);
    const inner = runs.slice(at + 1).reduce((a, r) => a * r.size, 1);
    return { ptr, outer, r: runs[at]!.size, inner };
  }
  const kept = shape.map((_, i) => i).filter((i) => !reduced.has(i));
  const red = shape.map((_, i) => i).filter((i) => reduced.has(i));
  const perm = [...kept, ...red];
  const xs = shapeStrides(shape);
  const dims = perm.map((p) => shape[p] as number);
  const es = elemSize(x.dtype);
  const tmp = ctx.temp(call, shapeSize(shape) * es);
  copyStrided(ctx, call, es, dims, perm.map((p) => xs[p] as number), ptr, shapeStrides(dims), tmp);
  const r = red.reduce((a, i) => a * (shape[i] as number), 1);
  return { ptr: tmp, outer: kept.reduce((a, i) => a * (shape[i] as number), 1), r, inner: 1 };
}

const reduction = (dtypes: KernelDef['dtypes']): KernelDef => ({
  dtypes,
  run(ctx, call) {
    const x = ctx.input(call, 0), y = ctx.output(call, 0);
    const yp = ctx.ptr(call, y, 'output');
    const v = reduceView(ctx, call, hostInts(call, 1, 'reduction_indices'));
    ctx.check(call, ctx.k.vs_reduce(opId(call.op), dtypeId(x.dtype), v.ptr, yp, v.outer, v.r, v.inner));
  },
});

const argReduction: KernelDef = {
  dtypes: NUMERIC,
  run(ctx, call) {
    const x = ctx.input(call, 0), y = ctx.output(call, 0);
    const axis = hostInts(call, 1, 'dimension')[0] ?? 0;
    const rank = x.shape.length;
    const a = axis < 0 ? axis + rank : axis;
    if (a < 0 || a >= rank) {
      throw new KernelArgumentError(call.op, `${call.nodeName}: Expected dimension in the range [${-rank}, ${rank}), but got ${axis}`);
    }
    const outer = shapeSize(x.shape.slice(0, a)), r = x.shape[a] as number, inner = shapeSize(x.shape.slice(a + 1));
    if (r === 0 && outer * inner > 0) {
      throw new KernelArgumentError(call.op, `${call.nodeName}: Reduction axis ${axis} is empty in shape [${x.shape.join(',')}]`);
    }
    ctx.check(call, ctx.k.vs_arg_reduce(opId(call.op), dtypeId(x.dtype), ctx.ptr(call, x, 'input'), dtypeId(y.dtype),
      ctx.ptr(call, y, 'output'), outer, r, inner));
  },
};

export const REDUCTION_KERNELS: KernelTable = {
  Sum: reduction(NUMERIC), Mean: reduction(NUMERIC), Prod: reduction(NUMERIC), Max: reduction(NUMERIC), Min: reduction(NUMERIC),
  All: reduction(['bool']), Any: reduction(['bool']),
  ArgMax: argReduction, ArgMin: argReduction,
  L2Loss: {
    dtypes: ['float32', 'float64'],
    run(ctx, call) {
      const t = ctx.input(call, 0), y = ctx.output(call, 0);
      ctx.check(call, ctx.k.vs_l2_loss(dtypeId(t.dtype), ctx.ptr(call, t, 't'), shapeSize(t.shape), ctx.ptr(call, y, 'output')));
    },
  },
};
