import { FLOAT } from '../../dtype/dtype-sets.js';
import { numberReader, numberWriter } from '../../dtype/element-io.js';
import type { KernelContext } from '../../kernel/kernel-context.js';
import type { Kernel } from '../../kernel/kernel.js';

/**
 * Softmax / LogSoftmax over the last dimension, max-subtracted so that no exponent overflows:
 * softmax = e^(x−max) / Σ e^(x−max); logsoftmax = (x − max) − ln Σ e^(x−max). In float64, rounded once.
 */
function softmaxRows(ctx: KernelContext, log: boolean): void {
  ctx.expectArity(1, 1);
  const x = ctx.input(0);
  const y = ctx.output(0);
  if (x.shape.length < 1) throw ctx.argumentError('logits must have rank >= 1');
  ctx.expectShape(y, x.shape, 'output');
  const n = x.shape[x.shape.length - 1] as number;
  const rows = n === 0 ? 0 : x.size / n;
  const read = numberReader(x);
  const write = numberWriter(y);
  for (let r = 0; r < rows; r++) {
    let max = -Infinity;
    for (let j = 0; j < n; j++) {
      const v = read(r * n + j);
      max = Number.isNaN(v) || Number.isNaN(max) ? NaN : Math.max(max, v);
    }
    let sum = 0;
    for (let j = 0; j < n; j++) sum += Math.exp(read(r * n + j) - max);
    for (let j = 0; j < n; j++) {
      const shifted = read(r * n + j) - max;
      write(r * n + j, log ? shifted - Math.log(sum) : Math.exp(shifted) / sum);
    }
  }
}

export const SOFTMAX_KERNELS: Kernel[] = [
  { op: 'Softmax', dtypes: FLOAT, run: (ctx) => softmaxRows(ctx, false) },
  { op: 'LogSoftmax', dtypes: FLOAT, run: (ctx) => softmaxRows(ctx, true) },
];
