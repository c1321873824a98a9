import { domainOf, numericLimits } from '../../dtype/domain.js';
import { REAL } from '../../dtype/dtype-sets.js';
import { bigintReader, bigintWriter, numberReader, numberWriter } from '../../dtype/element-io.js';
import type { KernelContext } from '../../kernel/kernel-context.js';
import type { Kernel } from '../../kernel/kernel.js';
import { dimProduct, normalizeAxis } from '../../shape/axes.js';

/**
 * ArgMax/ArgMin along one axis, as Eigen's tuple reducers in TensorFlow 1.x: the running best
 * starts at (index 0, lowest() for ArgMax / highest() for ArgMin) and an element replaces it only
 * when strictly greater (smaller). So ties keep the first index, NaN never wins, and a row of NaN
 * (or of values no better than the start, e.g. all −∞ for ArgMax) gives index 0.
 */
function argReduce(ctx: KernelContext, max: boolean): void {
  ctx.expectArity(2, 1);
  const x = ctx.input(0);
  const out = ctx.output(0);
  const rank = x.shape.length;
  const a = ctx.hostScalarInt(1, 'dimension');
  const axis = normalizeAxis(a, rank);
  if (axis === null) throw ctx.argumentError(`Expected dimension in the range [${-rank}, ${rank}), but got ${a}`);
  const n = x.shape[axis] as number;
  if (n === 0) throw ctx.runtimeError(`Reduction axis ${a} is empty in shape [${x.shape.join(',')}]`);
  ctx.expectShape(out, x.shape.filter((_, d) => d !== axis), 'output');
  const outer = dimProduct(x.shape, 0, axis);
  const inner = dimProduct(x.shape, axis + 1);
  const lim = numericLimits(x.dtype);
  const better = (v: number | bigint, best: number | bigint): boolean => (max ? v > best : v < best);
  const read: (i: number) => number | bigint = domainOf(x.dtype) === 'bigint' ? bigintReader(x) : numberReader(x);
  // The start is the dtype's lowest()/highest() (finite for floats, not ±∞).
  const start = max ? lim.lowest : lim.highest;
  const writeIndex: (i: number, v: number) => void = out.dtype === 'int64'
    ? ((w) => (i: number, v: number) => w(i, BigInt(v)))(bigintWriter(out))
    : numberWriter(out);
  for (let o = 0; o < outer; o++) {
    for (let k = 0; k < inner; k++) {
      let bestIndex = 0;
      let best: number | bigint = start;
      for (let j = 0; j < n; j++) {
        const v = read((o * n + j) * inner + k);
        if (better(v, best)) {
          best = v;
          bestIndex = j;
        }
      }
      writeIndex(o * inner + k, bestIndex);
    }
  }
}

export const ARG_REDUCTION_KERNELS: Kernel[] = [
  { op: 'ArgMax', dtypes: REAL, run: (ctx) => argReduce(ctx, true) },
  { op: 'ArgMin', dtypes: REAL, run: (ctx) => argReduce(ctx, false) },
];
