import { FLOAT } from '../../dtype/dtype-sets.js';
import { accumulatorRing } from '../../dtype/ring.js';
import type { Kernel } from '../../kernel/kernel.js';

/** sum(t²) / 2, accumulated in float64 and rounded once. */
export const L2_LOSS_KERNELS: Kernel[] = [
  {
    op: 'L2Loss',
    dtypes: FLOAT,
    run(ctx) {
      ctx.expectArity(1, 1);
      const t = ctx.input(0);
      const out = ctx.output(0);
      ctx.expectShape(out, [], 'output');
      const ring = accumulatorRing(t.dtype);
      const r = ring.reader(t);
      let sum = ring.zero;
      for (let i = 0; i < t.size; i++) sum = ring.add(sum, ring.mul(r(i), r(i)));
      ring.writer(out)(0, (sum as number) / 2);
    },
  },
];
