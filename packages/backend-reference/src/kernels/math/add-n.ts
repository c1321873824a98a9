import { NUMBER } from '../../dtype/dtype-sets.js';
import { accumulatorRing } from '../../dtype/ring.js';
import type { Kernel } from '../../kernel/kernel.js';

/** Sum of N same-shaped tensors, added in input order (floats in float64, rounded once). */
export const ADD_N_KERNELS: Kernel[] = [{
  op: 'AddN',
  dtypes: NUMBER,
  run(ctx) {
    if (ctx.numInputs < 1) throw ctx.argumentError('AddN needs at least one input');
    ctx.expectArity(ctx.numInputs, 1);
    const out = ctx.output(0);
    const ins = Array.from({ length: ctx.numInputs }, (_, k) => ctx.input(k));
    for (const [k, v] of ins.entries()) {
      ctx.expectShape(v, out.shape, `input #${k}`);
      ctx.expectDtype(v, out.dtype, `input #${k}`);
    }
    const ring = accumulatorRing(out.dtype);
    const readers = ins.map((v) => ring.reader(v));
    const write = ring.writer(out);
    for (let i = 0; i < out.size; i++) {
      let acc = ring.zero;
      for (const r of readers) acc = ring.add(acc, r(i));
      write(i, acc);
    }
  },
}];
