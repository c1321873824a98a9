import type { DType } from '@varscope/kernel-api';
import { complex } from '../../dtype/complex.js';
import type { Complex } from '../../dtype/complex.js';
import {
  bigintToFloat, floatToInt32, floatToInt64, floatToUint32, floatToUint64, truncateMantissa,
} from '../../dtype/convert.js';
import { domainOf } from '../../dtype/domain.js';
import { NUMBER } from '../../dtype/dtype-sets.js';
import {
  bigintReader, bigintWriter, complexReader, complexWriter, numberReader, numberWriter,
} from '../../dtype/element-io.js';
import type { KernelContext } from '../../kernel/kernel-context.js';
import type { Kernel } from '../../kernel/kernel.js';
import type { TensorView } from '../../kernel/tensor-view.js';

/**
 * A source element in one of three shapes every destination knows how to take: a real number
 * (floats, ≤32-bit ints, bool), a bigint (int64/uint64), or complex. Complex → real keeps the
 * real part and complex → bool tests the real part only, as TensorFlow's cast does (numpy's rule).
 */
type Source =
  | { kind: 'number'; read: (i: number) => number }
  | { kind: 'bigint'; read: (i: number) => bigint }
  | { kind: 'complex'; read: (i: number) => Complex };

function source(x: TensorView): Source {
  switch (domainOf(x.dtype)) {
    case 'bigint': return { kind: 'bigint', read: bigintReader(x) };
    case 'complex': return { kind: 'complex', read: complexReader(x) };
    default: return { kind: 'number', read: numberReader(x) };
  }
}

/** The real value of element i for a float destination `dst` (bigints rounded once to `dst`). */
function realOf(src: Source, i: number, dst: DType): number {
  switch (src.kind) {
    case 'number': return src.read(i);
    case 'bigint': return bigintToFloat(src.read(i), dst);
    case 'complex': return src.read(i).re;
  }
}

function castInto(ctx: KernelContext, x: TensorView, y: TensorView, truncate: boolean): void {
  const src = source(x);
  const srcIsFloat = domainOf(x.dtype) === 'float' || domainOf(x.dtype) === 'complex';
  const n = y.size;
  const dst = y.dtype;
  // Truncate=true narrows float mantissas by truncation instead of rounding.
  const narrow = (v: number): number => (truncate && srcIsFloat ? truncateMantissa(v, x.dtype, dst) : v);
  switch (domainOf(dst)) {
    case 'float': {
      const w = numberWriter(y);
      for (let i = 0; i < n; i++) w(i, narrow(realOf(src, i, dst)));
      return;
    }
    case 'complex': {
      const w = complexWriter(y);
      for (let i = 0; i < n; i++) {
        const v = src.kind === 'complex' ? src.read(i) : complex(realOf(src, i, dst));
        w(i, complex(narrow(v.re), narrow(v.im)));
      }
      return;
    }
    case 'bool': {
      const w = numberWriter(y);
      for (let i = 0; i < n; i++) {
        const nonzero = src.kind === 'bigint' ? src.read(i) !== 0n
          : src.kind === 'complex' ? src.read(i).re !== 0 : src.read(i) !== 0;
        w(i, nonzero ? 1 : 0);
      }
      return;
    }
    case 'int': {
      const w = numberWriter(y);
      const fromFloat = dst === 'uint32' ? floatToUint32 : floatToInt32;
      for (let i = 0; i < n; i++) {
        let v: number;
        if (src.kind === 'bigint') v = Number(BigInt.asIntN(32, src.read(i)));
        else if (src.kind === 'complex') v = fromFloat(src.read(i).re);
        else v = srcIsFloat ? fromFloat(src.read(i)) : src.read(i);
        w(i, v); // the store keeps the low bits, as the C conversion does
      }
      return;
    }
    case 'bigint': {
      const w = bigintWriter(y);
      const fromFloat = dst === 'uint64' ? floatToUint64 : floatToInt64;
      for (let i = 0; i < n; i++) {
        let v: bigint;
        if (src.kind === 'bigint') v = src.read(i);
        else if (src.kind === 'complex') v = fromFloat(src.read(i).re);
        else v = srcIsFloat ? fromFloat(src.read(i)) : BigInt(src.read(i));
        w(i, v);
      }
      return;
    }
    default:
      throw ctx.argumentError(`cannot cast to ${dst}`);
  }
}

/** Cast between every pair of numeric and bool dtypes. */
export const CAST_KERNELS: Kernel[] = [{
  op: 'Cast',
  dtypes: [...NUMBER, 'bool'],
  run(ctx) {
    ctx.expectArity(1, 1);
    const x = ctx.input(0);
    const y = ctx.output(0);
    ctx.expectShape(y, x.shape, 'output');
    ctx.expectDtype(x, ctx.attrType('SrcT'), 'x');
    ctx.expectDtype(y, ctx.attrType('DstT'), 'y');
    const truncate = ctx.attrs['Truncate'] === true;
    castInto(ctx, x, y, truncate);
  },
}];
