import { NUMBER, STORAGE } from '../../dtype/dtype-sets.js';
import { rawCopier } from '../../dtype/element-io.js';
import { accumulatorRing } from '../../dtype/ring.js';
import type { KernelContext } from '../../kernel/kernel-context.js';
import type { Kernel } from '../../kernel/kernel.js';

/** Ref ops write into inputs[0], the variable's own buffer; the aliased output is not passed. */
function refAndValue(ctx: KernelContext) {
  if (ctx.numInputs !== 2 || ctx.numOutputs > 1) {
    throw ctx.argumentError(`expected (ref, value) and no separate output, got ${ctx.numInputs} inputs and ${ctx.numOutputs} outputs`);
  }
  const ref = ctx.input(0);
  const value = ctx.input(1);
  ctx.expectDtype(value, ref.dtype, 'value');
  return { ref, value };
}

function update(ctx: KernelContext, subtract: boolean): void {
  const { ref, value } = refAndValue(ctx);
  ctx.expectShape(value, ref.shape, 'value');
  const ring = accumulatorRing(ref.dtype);
  const rr = ring.reader(ref);
  const rv = ring.reader(value);
  const w = ring.writer(ref);
  for (let i = 0; i < ref.size; i++) w(i, subtract ? ring.sub(rr(i), rv(i)) : ring.add(rr(i), rv(i)));
}

export const ASSIGN_KERNELS: Kernel[] = [
  {
    op: 'Assign',
    dtypes: STORAGE,
    run(ctx) {
      const { ref, value } = refAndValue(ctx);
      // With validate_shape=false core gives the variable a buffer of the value's shape first.
      if (value.size !== ref.size) {
        throw ctx.argumentError(`the variable's buffer holds ${ref.size} elements, the value has ${value.size}: core must reallocate it first`);
      }
      const copy = rawCopier(value, ref);
      for (let i = 0; i < ref.size; i++) copy(i, i);
    },
  },
  { op: 'AssignAdd', dtypes: NUMBER, run: (ctx) => update(ctx, false) },
  { op: 'AssignSub', dtypes: NUMBER, run: (ctx) => update(ctx, true) },
];
