import { bigintWrapper, floatRounder, intWrapper } from '../../dtype/domain.js';
import { bigintWriter, numberWriter } from '../../dtype/element-io.js';
import type { Kernel } from '../../kernel/kernel.js';

/**
 * start, start + delta, … (exclusive of limit). As TensorFlow's RangeOp, each value is the previous
 * one plus delta, computed in the output dtype (so float rounding accumulates exactly as there).
 */
export const RANGE_KERNELS: Kernel[] = [{
  op: 'Range',
  dtypes: ['float32', 'float64', 'int32', 'int64'],
  run(ctx) {
    ctx.expectArity(3, 1);
    const out = ctx.output(0);
    const scalar = (i: number, what: string): number | bigint => {
      const t = ctx.hostTensor(i, what);
      if (t.dtype !== out.dtype || t.data.length !== 1) throw ctx.argumentError(`${what} must be a ${out.dtype} scalar`);
      return (t.data as ArrayLike<number | bigint>)[0] as number | bigint;
    };
    const start = scalar(0, 'start');
    const limit = scalar(1, 'limit');
    const delta = scalar(2, 'delta');
    if (delta === 0 || delta === 0n) throw ctx.runtimeError(`Requires delta != 0: ${String(delta)}`);
    if (delta > 0 ? start > limit : start < limit) {
      throw ctx.runtimeError(delta > 0
        ? `Requires start <= limit when delta > 0: ${String(start)}/${String(limit)}`
        : `Requires start >= limit when delta < 0: ${String(start)}/${String(limit)}`);
    }
    let size: number;
    if (typeof start === 'bigint') {
      const span = (limit as bigint) - start;
      const d = delta as bigint;
      const abs = (v: bigint): bigint => (v < 0n ? -v : v);
      size = Number((abs(span) + abs(d) - 1n) / abs(d));
    } else if (out.dtype === 'int32') {
      size = Math.ceil(Math.abs((limit as number) - start) / Math.abs(delta as number));
    } else {
      size = Math.ceil(Math.abs(((limit as number) - start) / (delta as number)));
    }
    ctx.expectShape(out, [size], 'output');
    if (out.dtype === 'int64') {
      const w = bigintWriter(out);
      const wrap = bigintWrapper('int64');
      let v = start as bigint;
      for (let i = 0; i < size; i++, v = wrap(v + (delta as bigint))) w(i, v);
    } else {
      const w = numberWriter(out);
      const step = out.dtype === 'int32' ? intWrapper('int32') : floatRounder(out.dtype);
      let v = start as number;
      for (let i = 0; i < size; i++, v = step(v + (delta as number))) w(i, v);
    }
  },
}];
