import { cDiv, complex } from '../../dtype/complex.js';
import type { Complex } from '../../dtype/complex.js';
import { domainOf, numericLimits } from '../../dtype/domain.js';
import { NUMBER, REAL } from '../../dtype/dtype-sets.js';
import { numberReader, numberWriter } from '../../dtype/element-io.js';
import { accumulatorRing } from '../../dtype/ring.js';
import { maxPropagateNaN, minPropagateNaN } from '../../dtype/scalar-math.js';
import type { KernelContext } from '../../kernel/kernel-context.js';
import type { Kernel } from '../../kernel/kernel.js';
import type { TensorView } from '../../kernel/tensor-view.js';
import { planReduction } from '../../shape/reduction-plan.js';
import type { ReductionPlan } from '../../shape/reduction-plan.js';

/** The operation one reduction folds with, on opaque values of the accumulator ring. */
interface Fold {
  init: unknown;
  step(acc: unknown, x: unknown): unknown;
  finish?(acc: unknown, count: number): unknown;
}

function plan(ctx: KernelContext): { input: TensorView; output: TensorView; plan: ReductionPlan } {
  ctx.expectArity(2, 1);
  const input = ctx.input(0);
  const output = ctx.output(0);
  const p = planReduction(ctx, input.shape, ctx.hostInts(1, 'reduction_indices'), ctx.attrBool('keep_dims'));
  ctx.expectShape(output, p.outShape, 'output');
  ctx.expectDtype(output, input.dtype, 'output');
  return { input, output, plan: p };
}

/** Folds every input element, in row-major order, into its output element. */
function reduce(ctx: KernelContext, fold: (dtype: TensorView['dtype']) => Fold): void {
  const { input, output, plan: p } = plan(ctx);
  const ring = accumulatorRing(input.dtype);
  const f = fold(input.dtype);
  const acc = new Array<unknown>(output.size).fill(f.init);
  const read = ring.reader(input);
  for (let i = 0; i < input.size; i++) {
    const t = p.target[i] as number;
    acc[t] = f.step(acc[t], read(i));
  }
  const write = ring.writer(output);
  for (let o = 0; o < output.size; o++) write(o, f.finish ? f.finish(acc[o], p.count) : acc[o]);
}

function meanFold(ctx: KernelContext, dtype: TensorView['dtype']): Fold {
  const ring = accumulatorRing(dtype);
  const base = { init: ring.zero, step: (a: unknown, x: unknown) => ring.add(a, x) };
  switch (domainOf(dtype)) {
    case 'float': return { ...base, finish: (a, n) => (a as number) / n };
    case 'complex': return { ...base, finish: (a, n) => cDiv(a as Complex, complex(n)) };
    case 'int': return {
      ...base,
      finish: (a, n) => {
        if (n === 0) throw ctx.runtimeError('Integer division by zero');
        return Math.trunc((a as number) / n);
      },
    };
    default: return {
      ...base,
      finish: (a, n) => {
        if (n === 0) throw ctx.runtimeError('Integer division by zero');
        return (a as bigint) / BigInt(n);
      },
    };
  }
}

/** Max/Min: NaN propagates for floats; an empty reduction gives lowest()/max() (−∞/+∞ for floats). */
function extremumFold(dtype: TensorView['dtype'], max: boolean): Fold {
  const d = domainOf(dtype);
  if (d === 'float') {
    return { init: max ? -Infinity : Infinity, step: (a, x) => (max ? maxPropagateNaN : minPropagateNaN)(a as number, x as number) };
  }
  const lim = numericLimits(dtype);
  const init = max ? lim.lowest : lim.highest;
  return { init, step: (a, x) => (max ? ((x as number) > (a as number) ? x : a) : ((x as number) < (a as number) ? x : a)) };
}

function boolReduce(ctx: KernelContext, all: boolean): void {
  const { input, output, plan: p } = plan(ctx);
  ctx.expectDtype(input, 'bool', 'input');
  const read = numberReader(input);
  const acc = new Uint8Array(output.size).fill(all ? 1 : 0);
  for (let i = 0; i < input.size; i++) {
    const t = p.target[i] as number;
    acc[t] = all ? (acc[t] as number) & (read(i) !== 0 ? 1 : 0) : (acc[t] as number) | (read(i) !== 0 ? 1 : 0);
  }
  const write = numberWriter(output);
  for (let o = 0; o < output.size; o++) write(o, acc[o] as number);
}

/**
 * Reductions over any set of axes. Floats and complex accumulate in float64 and round once;
 * integers wrap in their own width; the integer Mean truncates toward zero.
 */
export const REDUCTION_KERNELS: Kernel[] = [
  { op: 'Sum', dtypes: NUMBER, run: (ctx) => reduce(ctx, (dt) => { const r = accumulatorRing(dt); return { init: r.zero, step: r.add }; }) },
  { op: 'Prod', dtypes: NUMBER, run: (ctx) => reduce(ctx, (dt) => { const r = accumulatorRing(dt); return { init: r.one, step: r.mul }; }) },
  { op: 'Mean', dtypes: NUMBER, run: (ctx) => reduce(ctx, (dt) => meanFold(ctx, dt)) },
  { op: 'Max', dtypes: REAL, run: (ctx) => reduce(ctx, (dt) => extremumFold(dt, true)) },
  { op: 'Min', dtypes: REAL, run: (ctx) => reduce(ctx, (dt) => extremumFold(dt, false)) },
  { op: 'All', dtypes: ['bool'], run: (ctx) => boolReduce(ctx, true) },
  { op: 'Any', dtypes: ['bool'], run: (ctx) => boolReduce(ctx, false) },
];
