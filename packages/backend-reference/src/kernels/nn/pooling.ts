import { numericLimits } from '../../dtype/domain.js';
import { FLOAT } from '../../dtype/dtype-sets.js';
import { numberReader, numberWriter } from '../../dtype/element-io.js';
import type { KernelContext } from '../../kernel/kernel-context.js';
import type { Kernel } from '../../kernel/kernel.js';
import type { TensorView } from '../../kernel/tensor-view.js';
import { imageLayout, layoutOf, spatialAttr, windowExtent } from '../../shape/window-geometry.js';
import type { DataFormat, ImageLayout, Padding } from '../../shape/window-geometry.js';

interface PoolGeometry {
  input: ImageLayout;
  output: ImageLayout;
  /** The input cells (flat indices) of the window of output (n, oh, ow, c), in (kh, kw) order, padding excluded. */
  window(n: number, oh: number, ow: number, c: number): number[];
}

function geometry(ctx: KernelContext, inputShape: readonly number[]): PoolGeometry {
  const format = ctx.attrString<DataFormat>('data_format', ['NHWC', 'NCHW']);
  const padding = ctx.attrString<Padding>('padding', ['SAME', 'VALID']);
  const input = layoutOf(ctx, format, inputShape, 'input');
  const k = spatialAttr(ctx, 'ksize', format);
  const s = spatialAttr(ctx, 'strides', format);
  if (k.n !== 1 || s.n !== 1) throw ctx.argumentError('Pooling is not yet supported on the batch dimension.');
  if (k.c !== 1 || s.c !== 1) throw ctx.argumentError('Depthwise pooling is not supported by the reference backend: ksize and strides must be 1 on the channel dimension.');
  if (k.h < 1 || k.w < 1 || s.h < 1 || s.w < 1) throw ctx.argumentError('ksize and strides must be positive');
  const rows = windowExtent(input.height, k.h, s.h, 1, padding);
  const cols = windowExtent(input.width, k.w, s.w, 1, padding);
  return {
    input,
    output: imageLayout(format, input.batch, rows.out, cols.out, input.channels),
    window(n, oh, ow, c) {
      const cells: number[] = [];
      for (let kh = 0; kh < k.h; kh++) {
        const ih = oh * s.h + kh - rows.padBefore;
        if (ih < 0 || ih >= input.height) continue;
        for (let kw = 0; kw < k.w; kw++) {
          const iw = ow * s.w + kw - cols.padBefore;
          if (iw >= 0 && iw < input.width) cells.push(input.index(n, ih, iw, c));
        }
      }
      return cells;
    },
  };
}

/** Visits every output element with its flat index and window. */
function forEachWindow(g: PoolGeometry, fn: (out: number, cells: number[]) => void): void {
  const o = g.output;
  for (let n = 0; n < o.batch; n++) {
    for (let oh = 0; oh < o.height; oh++) {
      for (let ow = 0; ow < o.width; ow++) {
        for (let c = 0; c < o.channels; c++) fn(o.index(n, oh, ow, c), g.window(n, oh, ow, c));
      }
    }
  }
}

/**
 * The first maximal cell of a window in (kh, kw) order: a cell wins only when strictly greater,
 * starting from the dtype's lowest() (so NaN never wins, as with Eigen's cwiseMax in TensorFlow).
 */
function argmax(x: TensorView, read: (i: number) => number, cells: readonly number[]): number {
  let best = numericLimits(x.dtype).lowest as number;
  let at = cells[0] as number;
  for (const cell of cells) {
    const v = read(cell);
    if (v > best) {
      best = v;
      at = cell;
    }
  }
  return at;
}

export const POOLING_KERNELS: Kernel[] = [
  {
    op: 'MaxPool',
    dtypes: FLOAT,
    run(ctx) {
      ctx.expectArity(1, 1);
      const x = ctx.input(0);
      const y = ctx.output(0);
      const g = geometry(ctx, x.shape);
      ctx.expectShape(y, g.output.shape(), 'output');
      const read = numberReader(x);
      const write = numberWriter(y);
      const lowest = numericLimits(x.dtype).lowest as number;
      forEachWindow(g, (o, cells) => {
        let best = lowest;
        for (const cell of cells) if (read(cell) > best) best = read(cell);
        write(o, best);
      });
    },
  },
  {
    op: 'MaxPoolGrad',
    dtypes: FLOAT,
    run(ctx) {
      ctx.expectArity(3, 1);
      const x = ctx.input(0);
      const grad = ctx.input(2);
      const dx = ctx.output(0);
      const g = geometry(ctx, x.shape);
      ctx.expectShape(ctx.input(1), g.output.shape(), 'orig_output');
      ctx.expectShape(grad, g.output.shape(), 'grad');
      ctx.expectShape(dx, x.shape, 'output');
      const read = numberReader(x);
      const rg = numberReader(grad);
      const acc = new Float64Array(dx.size);
      forEachWindow(g, (o, cells) => {
        if (cells.length === 0) return;
        const at = argmax(x, read, cells);
        acc[at] = (acc[at] as number) + rg(o);
      });
      const w = numberWriter(dx);
      for (let i = 0; i < acc.length; i++) w(i, acc[i] as number);
    },
  },
  {
    op: 'AvgPool',
    dtypes: FLOAT,
    run(ctx) {
      ctx.expectArity(1, 1);
      const x = ctx.input(0);
      const y = ctx.output(0);
      const g = geometry(ctx, x.shape);
      ctx.expectShape(y, g.output.shape(), 'output');
      const read = numberReader(x);
      const write = numberWriter(y);
      // SAME padding: the average is over the cells inside the input only.
      forEachWindow(g, (o, cells) => {
        let sum = 0;
        for (const cell of cells) sum += read(cell);
        write(o, sum / cells.length);
      });
    },
  },
  {
    op: 'AvgPoolGrad',
    dtypes: FLOAT,
    run(ctx) {
      ctx.expectArity(2, 1);
      const shape = ctx.hostInts(0, 'orig_input_shape');
      const grad = ctx.input(1);
      const dx = ctx.output(0);
      const g = geometry(ctx, shape);
      ctx.expectShape(grad, g.output.shape(), 'grad');
      ctx.expectShape(dx, shape, 'output');
      const rg = numberReader(grad);
      const acc = new Float64Array(dx.size);
      forEachWindow(g, (o, cells) => {
        const share = rg(o) / cells.length;
        for (const cell of cells) acc[cell] = (acc[cell] as number) + share;
      });
      const w = numberWriter(dx);
      for (let i = 0; i < acc.length; i++) w(i, acc[i] as number);
    },
  },
];
