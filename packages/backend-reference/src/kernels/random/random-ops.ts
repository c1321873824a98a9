import { FLOAT } from '../../dtype/dtype-sets.js';
import { bigintReader, bigintWriter, numberReader, numberWriter } from '../../dtype/element-io.js';
import type { KernelContext } from '../../kernel/kernel-context.js';
import type { Kernel } from '../../kernel/kernel.js';
import type { TensorView } from '../../kernel/tensor-view.js';
import { normalValues, truncatedNormalValues, uniformValues } from '../../random/distributions.js';
import { PhiloxStream } from '../../random/philox4x32.js';

/** The run's Philox stream and the output, checked against the `shape` input. */
function setup(ctx: KernelContext, arity: number): { stream: PhiloxStream; out: TensorView } {
  ctx.expectArity(arity, 1);
  const out = ctx.output(0);
  ctx.expectShape(out, ctx.hostInts(0, 'shape'), 'output');
  const p = ctx.philox;
  if (p === undefined) throw ctx.argumentError('a random op needs call.philox');
  for (const [name, v] of [['seed', p.seed], ['seed2', p.seed2], ['offset', p.offset]] as const) {
    if (!Number.isSafeInteger(v)) throw ctx.argumentError(`philox.${name} must be a safe integer, got ${v}`);
  }
  if (p.offset < 0) throw ctx.argumentError(`philox.offset must be non-negative, got ${p.offset}`);
  return { stream: new PhiloxStream(p.seed, p.seed2, p.offset), out };
}

function floatRandom(op: string, values: typeof uniformValues): Kernel {
  return {
    op,
    dtypes: FLOAT,
    run(ctx) {
      const { stream, out } = setup(ctx, 1);
      ctx.expectDtype(out, ctx.attrType('dtype'), 'output');
      const w = numberWriter(out);
      values(stream, out.dtype, out.size).forEach((v, i) => w(i, v));
    },
  };
}

export const RANDOM_KERNELS: Kernel[] = [
  floatRandom('RandomUniform', uniformValues),
  floatRandom('RandomStandardNormal', normalValues),
  floatRandom('TruncatedNormal', truncatedNormalValues),
  {
    // minval + (bits mod (maxval − minval)), in unsigned arithmetic: int32 takes one word per
    // element; (layout choice) int64 takes words (2k, 2k+1) of block ⌊i/2⌋, k = i mod 2, as
    // bits = w[2k] | w[2k+1] << 32 (TensorFlow's order), matching philoxBlocksUsed's 2 per block.
    op: 'RandomUniformInt',
    dtypes: ['int32', 'int64'],
    run(ctx) {
      const { stream, out } = setup(ctx, 3);
      const lo = ctx.input(1);
      const hi = ctx.input(2);
      for (const [v, what] of [[lo, 'minval'], [hi, 'maxval']] as const) {
        if (v.shape.length !== 0) throw ctx.argumentError(`${what} must be 0-D, got shape [${v.shape.join(',')}]`);
        ctx.expectDtype(v, out.dtype, what);
      }
      if (out.dtype === 'int64') {
        const minval = bigintReader(lo)(0);
        const maxval = bigintReader(hi)(0);
        if (out.size > 0 && minval >= maxval) throw ctx.runtimeError(`Need minval < maxval: ${minval} >= ${maxval}`);
        const range = BigInt.asUintN(64, maxval - minval);
        const w = bigintWriter(out);
        for (let i = 0; i < out.size; i++) {
          const b = stream.block(Math.floor(i / 2));
          const k = i % 2;
          const bits = BigInt(b[2 * k] as number) | (BigInt(b[2 * k + 1] as number) << 32n);
          w(i, minval + (bits % range));
        }
        return;
      }
      const minval = numberReader(lo)(0);
      const maxval = numberReader(hi)(0);
      if (out.size > 0 && minval >= maxval) throw ctx.runtimeError(`Need minval < maxval: ${minval} >= ${maxval}`);
      const range = (maxval - minval) >>> 0;
      const w = numberWriter(out);
      for (let i = 0; i < out.size; i++) w(i, minval + (stream.block(Math.floor(i / 4))[i % 4] as number) % range);
    },
  },
];
