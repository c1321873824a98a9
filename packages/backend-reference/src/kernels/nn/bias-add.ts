import { FLOAT } from '../../dtype/dtype-sets.js';
import { accumulatorRing } from '../../dtype/ring.js';
import type { KernelContext } from '../../kernel/kernel-context.js';
import type { Kernel } from '../../kernel/kernel.js';
import type { TensorView } from '../../kernel/tensor-view.js';
import { dimProduct } from '../../shape/axes.js';

const BIAS_TYPES = [...FLOAT, 'int32', 'int64'] as const;

/** The channel dimension: last for NHWC, 1 for NCHW (which is also the last of a matrix). */
function channelAxis(ctx: KernelContext, value: TensorView): number {
  if (value.shape.length < 2) throw ctx.argumentError(`Input tensor must be at least 2D: [${value.shape.join(',')}]`);
  return ctx.attrString('data_format', ['NHWC', 'NCHW']) === 'NCHW' ? 1 : value.shape.length - 1;
}

export const BIAS_ADD_KERNELS: Kernel[] = [
  {
    op: 'BiasAdd',
    dtypes: BIAS_TYPES,
    run(ctx) {
      ctx.expectArity(2, 1);
      const value = ctx.input(0);
      const bias = ctx.input(1);
      const out = ctx.output(0);
      const axis = channelAxis(ctx, value);
      const channels = value.shape[axis] as number;
      if (bias.shape.length !== 1 || bias.shape[0] !== channels) {
        throw ctx.argumentError(`Must provide as many biases as the channel dimension of the input tensor: [${bias.shape.join(',')}] vs. [${value.shape.join(',')}]`);
      }
      ctx.expectShape(out, value.shape, 'output');
      const inner = dimProduct(value.shape, axis + 1);
      const ring = accumulatorRing(value.dtype);
      const rv = ring.reader(value);
      const rb = ring.reader(bias);
      const w = ring.writer(out);
      for (let i = 0; i < value.size; i++) w(i, ring.add(rv(i), rb(Math.floor(i / inner) % channels)));
    },
  },
  {
    op: 'BiasAddGrad',
    dtypes: BIAS_TYPES,
    run(ctx) {
      ctx.expectArity(1, 1);
      const grad = ctx.input(0);
      const out = ctx.output(0);
      const axis = channelAxis(ctx, grad);
      const channels = grad.shape[axis] as number;
      ctx.expectShape(out, [channels], 'output');
      const inner = dimProduct(grad.shape, axis + 1);
      const ring = accumulatorRing(grad.dtype);
      const r = ring.reader(grad);
      const acc = new Array<unknown>(channels).fill(ring.zero);
      for (let i = 0; i < grad.size; i++) {
        const c = Math.floor(i / inner) % channels;
        acc[c] = ring.add(acc[c], r(i));
      }
      const w = ring.writer(out);
      acc.forEach((v, c) => w(c, v));
    },
  },
];
