import { REAL } from '../../dtype/dtype-sets.js';
import type { Kernel } from '../../kernel/kernel.js';
import { mapBroadcast } from './elementwise.js';

// Eigen's `t.cwiseMin(hi).cwiseMax(lo)` with std::min/std::max semantics: a NaN in `t` passes
// through; a NaN bound is ignored.
const clip = (t: number, lo: number, hi: number): number => {
  const m = hi < t ? hi : t;
  return m < lo ? lo : m;
};

/** min(max(t, lo), hi); lo and hi are scalars or t's shape. */
export const CLIP_KERNELS: Kernel[] = [{
  op: 'ClipByValue',
  dtypes: REAL,
  run(ctx) {
    ctx.expectArity(3, 1);
    const t = ctx.input(0);
    const out = ctx.output(0);
    ctx.expectShape(out, t.shape, 'output');
    for (const [i, what] of [[1, 'clip_value_min'], [2, 'clip_value_max']] as const) {
      const v = ctx.input(i);
      if (v.size !== 1 && !v.shape.every((d, k) => d === t.shape[k])) {
        throw ctx.argumentError(`${what} must be a scalar or have the shape of t [${t.shape.join(',')}], got [${v.shape.join(',')}]`);
      }
    }
    mapBroadcast(ctx, [t, ctx.input(1), ctx.input(2)], out, {
      float: clip,
      int: clip,
      bigint: (x, lo, hi) => {
        const m = hi < x ? hi : x;
        return m < lo ? lo : m;
      },
    });
  },
}];
