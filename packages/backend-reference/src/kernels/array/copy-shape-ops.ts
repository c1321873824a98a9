import { STORAGE } from '../../dtype/dtype-sets.js';
import { rawCopier } from '../../dtype/element-io.js';
import type { KernelContext } from '../../kernel/kernel-context.js';
import { kernels } from '../../kernel/kernel.js';
import type { Kernel } from '../../kernel/kernel.js';
import { normalizeAxis } from '../../shape/axes.js';

/** Copies every element of input 0 into output 0: the data of a reshape-like op does not move. */
function copyAll(ctx: KernelContext): void {
  const x = ctx.input(0);
  const y = ctx.output(0);
  ctx.expectDtype(y, x.dtype, 'output');
  if (x.size !== y.size) throw ctx.argumentError(`output [${y.shape.join(',')}] does not hold the ${x.size} input elements`);
  const copy = rawCopier(x, y);
  for (let i = 0; i < x.size; i++) copy(i, i);
}

/** Reshape's target shape with its -1 resolved, or an error naming the mismatch. */
function reshapeTarget(ctx: KernelContext, size: number): number[] {
  const shape = ctx.hostInts(1, 'shape');
  const unknown = shape.flatMap((d, i) => (d === -1 ? [i] : []));
  if (unknown.length > 1) throw ctx.argumentError(`only one input size may be -1, not both ${unknown[0]} and ${unknown[1]}`);
  const known = shape.reduce((p, d) => (d === -1 ? p : p * d), 1);
  if (unknown.length === 1) {
    if (known === 0 || size % known !== 0) throw ctx.argumentError(`cannot reshape a tensor with ${size} elements to shape [${shape.join(',')}]`);
    shape[unknown[0] as number] = size / known;
  }
  return shape;
}

export const COPY_SHAPE_KERNELS: Kernel[] = [
  ...kernels(['Identity', 'StopGradient'], STORAGE, (ctx) => {
    ctx.expectArity(1, 1);
    ctx.expectShape(ctx.output(0), ctx.input(0).shape, 'output');
    copyAll(ctx);
  }),
  ...kernels(['Reshape'], STORAGE, (ctx) => {
    ctx.expectArity(2, 1);
    ctx.expectShape(ctx.output(0), reshapeTarget(ctx, ctx.input(0).size), 'output');
    copyAll(ctx);
  }),
  ...kernels(['Squeeze'], STORAGE, (ctx) => {
    ctx.expectArity(1, 1);
    const shape = ctx.input(0).shape;
    const dims = ctx.attrInts('squeeze_dims').map((d) => {
      const a = normalizeAxis(d, shape.length);
      if (a === null) throw ctx.argumentError(`Tried to squeeze dim index ${d} for tensor with ${shape.length} dimensions.`);
      if (shape[a] !== 1) throw ctx.argumentError(`Can not squeeze dim[${a}], expected a dimension of 1, got ${shape[a]}`);
      return a;
    });
    const keep = shape.filter((d, i) => (dims.length === 0 ? d !== 1 : !dims.includes(i)));
    ctx.expectShape(ctx.output(0), keep, 'output');
    copyAll(ctx);
  }),
  ...kernels(['ExpandDims'], STORAGE, (ctx) => {
    ctx.expectArity(2, 1);
    const shape = [...ctx.input(0).shape];
    const dim = ctx.hostScalarInt(1, 'dim');
    const a = normalizeAxis(dim, shape.length + 1);
    if (a === null) throw ctx.argumentError(`Tried to expand dim index ${dim} for tensor with ${shape.length} dimensions.`);
    shape.splice(a, 0, 1);
    ctx.expectShape(ctx.output(0), shape, 'output');
    copyAll(ctx);
  }),
];
