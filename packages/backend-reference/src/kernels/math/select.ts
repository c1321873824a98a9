import { STORAGE } from '../../dtype/dtype-sets.js';
import { rawCopier } from '../../dtype/element-io.js';
import type { Kernel } from '../../kernel/kernel.js';

/**
 * condition ? t : e. The condition has t's shape, is a scalar, or (t of rank ≥ 1) is a vector over
 * t's first dimension, selecting whole rows (TensorFlow 1's Select).
 */
export const SELECT_KERNELS: Kernel[] = [{
  op: 'Select',
  dtypes: STORAGE,
  run(ctx) {
    ctx.expectArity(3, 1);
    const cond = ctx.input(0);
    const t = ctx.input(1);
    const e = ctx.input(2);
    const out = ctx.output(0);
    ctx.expectDtype(cond, 'bool', 'condition');
    ctx.expectShape(e, t.shape, 'e');
    ctx.expectShape(out, t.shape, 'output');
    const sameShape = cond.shape.length === t.shape.length && cond.shape.every((d, i) => d === t.shape[i]);
    const rowVector = cond.shape.length === 1 && t.shape.length >= 1 && cond.shape[0] === t.shape[0];
    const scalar = cond.shape.length === 0;
    if (!sameShape && !rowVector && !scalar) {
      throw ctx.argumentError(`condition [${cond.shape.join(',')}] must be a scalar, have t's shape [${t.shape.join(',')}], or be a vector over its first dimension`);
    }
    const c = cond.data as Uint8Array;
    const rowSize = rowVector && !sameShape && (t.shape[0] as number) > 0 ? t.size / (t.shape[0] as number) : 1;
    const fromT = rawCopier(t, out);
    const fromE = rawCopier(e, out);
    for (let i = 0; i < out.size; i++) {
      const pick = scalar ? c[0] : sameShape ? c[i] : c[Math.floor(i / rowSize)];
      if (pick !== 0) fromT(i, i);
      else fromE(i, i);
    }
  },
}];
