import { floatRounder } from '../../dtype/domain.js';
import { FLOAT } from '../../dtype/dtype-sets.js';
import type { KernelContext } from '../../kernel/kernel-context.js';
import { kernels } from '../../kernel/kernel.js';
import type { Kernel } from '../../kernel/kernel.js';
import { mapBroadcast, runUnary } from '../math/elementwise.js';

// Activations compute in float64 and round once to the dtype. Where TensorFlow writes the
// function with std::max/std::min (Relu, Relu6), the same comparisons are used so that NaN and −0
// come out as they do there.
const relu = (x: number): number => (x < 0 ? 0 : x);
const relu6 = (x: number): number => { const m = relu(x); return 6 < m ? 6 : m; };

/** ln(1 + eˣ) without overflow or cancellation. */
export const softplus = (x: number): number => (x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x)));

/** A gradient op: two same-shaped inputs, one output of their shape. */
function runGrad(ctx: KernelContext, f: (a: number, b: number) => number): void {
  ctx.expectArity(2, 1);
  const a = ctx.input(0);
  const b = ctx.input(1);
  ctx.expectShape(b, a.shape, 'second input');
  ctx.expectShape(ctx.output(0), a.shape, 'output');
  ctx.expectDtype(ctx.output(0), a.dtype, 'output');
  mapBroadcast(ctx, [a, b], ctx.output(0), { float: f });
}

export const ACTIVATION_KERNELS: Kernel[] = [
  ...kernels(['Relu'], [...FLOAT, 'int32', 'int64', 'int8', 'int16', 'uint8', 'uint16'], (ctx) => runUnary(ctx, {
    float: relu, int: relu, bigint: (x) => (x < 0n ? 0n : x),
  })),
  ...kernels(['Relu6'], FLOAT, (ctx) => runUnary(ctx, { float: relu6 })),
  ...kernels(['Sigmoid'], FLOAT, (ctx) => runUnary(ctx, { float: (x) => 1 / (1 + Math.exp(-x)) })),
  ...kernels(['Tanh'], FLOAT, (ctx) => runUnary(ctx, { float: Math.tanh })),
  ...kernels(['Softplus'], FLOAT, (ctx) => runUnary(ctx, { float: softplus })),
  ...kernels(['Elu'], FLOAT, (ctx) => runUnary(ctx, { float: (x) => (x < 0 ? Math.expm1(x) : x) })),
  ...kernels(['LeakyRelu'], FLOAT, (ctx) => {
    // alpha is used as a T, as TensorFlow's static_cast<T>(alpha).
    const alpha = floatRounder(ctx.input(0).dtype)(ctx.attrFloat('alpha'));
    runUnary(ctx, { float: (x) => (x > 0 ? x : x * alpha) });
  }),
  // Gradients multiply by a 0/1 mask (so a NaN or ∞ gradient times 0 is NaN, as in TensorFlow).
  ...kernels(['ReluGrad'], FLOAT, (ctx) => runGrad(ctx, (g, f) => g * (f > 0 ? 1 : 0))),
  ...kernels(['Relu6Grad'], FLOAT, (ctx) => runGrad(ctx, (g, f) => g * (f > 0 && f < 6 ? 1 : 0))),
  ...kernels(['SoftplusGrad'], FLOAT, (ctx) => runGrad(ctx, (g, f) => g / (Math.exp(-f) + 1))),
  ...kernels(['EluGrad'], FLOAT, (ctx) => runGrad(ctx, (g, y) => (y < 0 ? g * (y + 1) : g))),
  ...kernels(['SigmoidGrad'], FLOAT, (ctx) => runGrad(ctx, (y, dy) => dy * y * (1 - y))),
  ...kernels(['TanhGrad'], FLOAT, (ctx) => runGrad(ctx, (y, dy) => dy * (1 - y * y))),
];
