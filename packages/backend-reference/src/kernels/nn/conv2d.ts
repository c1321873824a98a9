import { FLOAT } from '../../dtype/dtype-sets.js';
import { numberReader, numberWriter } from '../../dtype/element-io.js';
import type { KernelContext } from '../../kernel/kernel-context.js';
import type { Kernel } from '../../kernel/kernel.js';
import { imageLayout, layoutOf, spatialAttr, windowExtent } from '../../shape/window-geometry.js';
import type { DataFormat, ImageLayout, Padding } from '../../shape/window-geometry.js';

/** Everything the three convolution kernels share: layouts, filter size, strides, dilations, padding. */
interface ConvGeometry {
  input: ImageLayout;
  output: ImageLayout;
  kh: number;
  kw: number;
  inChannels: number;
  outChannels: number;
  sh: number;
  sw: number;
  dh: number;
  dw: number;
  padTop: number;
  padLeft: number;
}

/** Filter element (kh, kw, ci, co) in TensorFlow's [height, width, in, out] layout. */
const filterIndex = (g: ConvGeometry, kh: number, kw: number, ci: number, co: number): number =>
  ((kh * g.kw + kw) * g.inChannels + ci) * g.outChannels + co;

function geometry(ctx: KernelContext, inputShape: readonly number[], filterShape: readonly number[]): ConvGeometry {
  const format = ctx.attrString<DataFormat>('data_format', ['NHWC', 'NCHW']);
  const padding = ctx.attrString<Padding>('padding', ['SAME', 'VALID']);
  const input = layoutOf(ctx, format, inputShape, 'input');
  if (filterShape.length !== 4) throw ctx.argumentError(`filter must be 4-dimensional: [${filterShape.join(',')}]`);
  const [kh, kw, inChannels, outChannels] = filterShape as [number, number, number, number];
  if (inChannels !== input.channels) {
    throw ctx.argumentError(`input depth must be evenly divisible by filter depth: ${input.channels} vs ${inChannels} (grouped convolution is not supported)`);
  }
  const s = spatialAttr(ctx, 'strides', format);
  const d = spatialAttr(ctx, 'dilations', format);
  if (s.n !== 1 || s.c !== 1) throw ctx.argumentError('Current implementation does not yet support strides in the batch and depth dimensions.');
  if (d.n !== 1 || d.c !== 1) throw ctx.argumentError('Current implementation does not yet support dilations in the batch and depth dimensions.');
  if (s.h < 1 || s.w < 1 || d.h < 1 || d.w < 1) throw ctx.argumentError('strides and dilations must be positive');
  const rows = windowExtent(input.height, kh, s.h, d.h, padding);
  const cols = windowExtent(input.width, kw, s.w, d.w, padding);
  return {
    input,
    output: imageLayout(format, input.batch, rows.out, cols.out, outChannels),
    kh, kw, inChannels, outChannels,
    sh: s.h, sw: s.w, dh: d.h, dw: d.w,
    padTop: rows.padBefore, padLeft: cols.padBefore,
  };
}

/**
 * Calls `fn(inputIndex, filterIndex, outputIndex)` for every multiply of the convolution, in the
 * order (n, oh, ow, co, kh, kw, ci); taps that fall in the padding are skipped.
 */
function forEachTap(g: ConvGeometry, fn: (x: number, f: number, y: number) => void): void {
  const { input, output } = g;
  for (let n = 0; n < output.batch; n++) {
    for (let oh = 0; oh < output.height; oh++) {
      for (let ow = 0; ow < output.width; ow++) {
        for (let co = 0; co < g.outChannels; co++) {
          const y = output.index(n, oh, ow, co);
          for (let kh = 0; kh < g.kh; kh++) {
            const ih = oh * g.sh + kh * g.dh - g.padTop;
            if (ih < 0 || ih >= input.height) continue;
            for (let kw = 0; kw < g.kw; kw++) {
              const iw = ow * g.sw + kw * g.dw - g.padLeft;
              if (iw < 0 || iw >= input.width) continue;
              for (let ci = 0; ci < g.inChannels; ci++) fn(input.index(n, ih, iw, ci), filterIndex(g, kh, kw, ci, co), y);
            }
          }
        }
      }
    }
  }
}

/** Accumulates in float64 and stores every element once, rounded to the dtype. */
function store(out: Parameters<typeof numberWriter>[0], acc: Float64Array): void {
  const w = numberWriter(out);
  for (let i = 0; i < acc.length; i++) w(i, acc[i] as number);
}

/** Conv2D (cross-correlation) and its two gradients, NHWC or NCHW, SAME or VALID, strided and dilated. */
export const CONV2D_KERNELS: Kernel[] = [
  {
    op: 'Conv2D',
    dtypes: FLOAT,
    run(ctx) {
      ctx.expectArity(2, 1);
      const x = ctx.input(0);
      const filter = ctx.input(1);
      const y = ctx.output(0);
      const g = geometry(ctx, x.shape, filter.shape);
      ctx.expectShape(y, g.output.shape(), 'output');
      const rx = numberReader(x);
      const rf = numberReader(filter);
      const acc = new Float64Array(y.size);
      forEachTap(g, (xi, fi, yi) => { acc[yi] = (acc[yi] as number) + rx(xi) * rf(fi); });
      store(y, acc);
    },
  },
  {
    op: 'Conv2DBackpropInput',
    dtypes: FLOAT,
    run(ctx) {
      ctx.expectArity(3, 1);
      const inputSizes = ctx.hostInts(0, 'input_sizes');
      const filter = ctx.input(1);
      const dy = ctx.input(2);
      const dx = ctx.output(0);
      const g = geometry(ctx, inputSizes, filter.shape);
      ctx.expectShape(dy, g.output.shape(), 'out_backprop');
      ctx.expectShape(dx, inputSizes, 'output');
      const rf = numberReader(filter);
      const rdy = numberReader(dy);
      const acc = new Float64Array(dx.size);
      forEachTap(g, (xi, fi, yi) => { acc[xi] = (acc[xi] as number) + rf(fi) * rdy(yi); });
      store(dx, acc);
    },
  },
  {
    op: 'Conv2DBackpropFilter',
    dtypes: FLOAT,
    run(ctx) {
      ctx.expectArity(3, 1);
      const x = ctx.input(0);
      const filterSizes = ctx.hostInts(1, 'filter_sizes');
      const dy = ctx.input(2);
      const df = ctx.output(0);
      const g = geometry(ctx, x.shape, filterSizes);
      ctx.expectShape(dy, g.output.shape(), 'out_backprop');
      ctx.expectShape(df, filterSizes, 'output');
      const rx = numberReader(x);
      const rdy = numberReader(dy);
      const acc = new Float64Array(df.size);
      forEachTap(g, (xi, fi, yi) => { acc[fi] = (acc[fi] as number) + rx(xi) * rdy(yi); });
      store(df, acc);
    },
  },
];
