import { shapeStrides } from '@varscope/kernel-api';
import { STORAGE } from '../../dtype/dtype-sets.js';
import { rawCopier, zeroFiller } from '../../dtype/element-io.js';
import type { Kernel } from '../../kernel/kernel.js';
import { forEachCoord } from '../../shape/axes.js';

const fmt = (s: readonly number[]): string => `[${s.join(',')}]`;

export const SLICE_TILE_PAD_KERNELS: Kernel[] = [
  {
    op: 'Slice',
    dtypes: STORAGE,
    run(ctx) {
      ctx.expectArity(3, 1);
      const x = ctx.input(0);
      const y = ctx.output(0);
      const rank = x.shape.length;
      const begin = ctx.hostInts(1, 'begin');
      const size = ctx.hostInts(2, 'size');
      if (begin.length !== rank || size.length !== rank) {
        throw ctx.argumentError(`Expected begin and size arguments to be 1-D tensors of size ${rank}, but got shapes [${begin.length}] and [${size.length}] instead.`);
      }
      const extent = size.map((s, d) => (s === -1 ? (x.shape[d] as number) - (begin[d] as number) : s));
      extent.forEach((s, d) => {
        const b = begin[d] as number;
        if (b < 0 || s < 0 || b + s > (x.shape[d] as number)) {
          throw ctx.argumentError(`Expected size[${d}] in [0, ${(x.shape[d] as number) - b}], but got ${size[d]} (begin[${d}] = ${b})`);
        }
      });
      ctx.expectShape(y, extent, 'output');
      const strides = shapeStrides(x.shape);
      const copy = rawCopier(x, y);
      forEachCoord(y.shape, (coord, flat) => {
        let src = 0;
        for (let d = 0; d < rank; d++) src += ((coord[d] as number) + (begin[d] as number)) * (strides[d] as number);
        copy(flat, src);
      });
    },
  },
  {
    op: 'Tile',
    dtypes: STORAGE,
    run(ctx) {
      ctx.expectArity(2, 1);
      const x = ctx.input(0);
      const y = ctx.output(0);
      const multiples = ctx.hostInts(1, 'multiples');
      if (multiples.length !== x.shape.length || multiples.some((m) => m < 0)) {
        throw ctx.argumentError(`multiples ${fmt(multiples)} must have one non-negative entry per input dimension (${x.shape.length})`);
      }
      ctx.expectShape(y, x.shape.map((d, i) => d * (multiples[i] as number)), 'output');
      const strides = shapeStrides(x.shape);
      const copy = rawCopier(x, y);
      forEachCoord(y.shape, (coord, flat) => {
        let src = 0;
        for (let d = 0; d < coord.length; d++) src += ((coord[d] as number) % (x.shape[d] as number)) * (strides[d] as number);
        copy(flat, src);
      });
    },
  },
  ...(['Pad', 'PadV2'] as const).map((op): Kernel => ({
    op,
    dtypes: STORAGE,
    run(ctx) {
      ctx.expectArity(op === 'Pad' ? 2 : 3, 1);
      const x = ctx.input(0);
      const y = ctx.output(0);
      const rank = x.shape.length;
      const paddings = ctx.hostInts(1, 'paddings');
      if (paddings.length !== 2 * rank || paddings.some((p) => p < 0)) {
        throw ctx.argumentError(`paddings must be a [${rank}, 2] matrix of non-negative values, got ${fmt(paddings)}`);
      }
      const before = (d: number): number => paddings[2 * d] as number;
      ctx.expectShape(y, x.shape.map((n, d) => before(d) + n + (paddings[2 * d + 1] as number)), 'output');
      // The fill value: zero (fresh storage) for Pad, constant_values (a scalar) for PadV2.
      let fill: ((di: number) => void) | undefined;
      if (op === 'PadV2') {
        const c = ctx.input(2);
        if (c.size !== 1 || c.shape.length !== 0) throw ctx.argumentError(`constant_values must be a scalar, got ${fmt(c.shape)}`);
        const fromC = rawCopier(c, y);
        fill = (di) => fromC(di, 0);
      } else {
        const zero = zeroFiller(y);
        fill = (di) => zero(di, di + 1);
      }
      const strides = shapeStrides(x.shape);
      const copy = rawCopier(x, y);
      forEachCoord(y.shape, (coord, flat) => {
        let src = 0;
        for (let d = 0; d < rank; d++) {
          const c = (coord[d] as number) - before(d);
          if (c < 0 || c >= (x.shape[d] as number)) {
            src = -1;
            break;
          }
          src += c * (strides[d] as number);
        }
        if (src < 0) fill(flat);
        else copy(flat, src);
      });
    },
  })),
];
