import type { KernelContext } from '../kernel/kernel-context.js';
import type { TensorView } from '../kernel/tensor-view.js';

export type DataFormat = 'NHWC' | 'NCHW';
export type Padding = 'SAME' | 'VALID';

/** A 4-D image tensor's dimensions, whatever its layout, and its element index. */
export interface ImageLayout {
  readonly batch: number;
  readonly height: number;
  readonly width: number;
  readonly channels: number;
  index(n: number, h: number, w: number, c: number): number;
  /** The shape in the layout's order. */
  shape(): number[];
}

export function imageLayout(format: DataFormat, batch: number, height: number, width: number, channels: number): ImageLayout {
  return {
    batch, height, width, channels,
    index: format === 'NHWC'
      ? (n, h, w, c) => ((n * height + h) * width + w) * channels + c
      : (n, h, w, c) => ((n * channels + c) * height + h) * width + w,
    shape: () => (format === 'NHWC' ? [batch, height, width, channels] : [batch, channels, height, width]),
  };
}

/** Reads a 4-D shape given in `format` order as an image layout. */
export function layoutOf(ctx: KernelContext, format: DataFormat, shape: readonly number[], what: string): ImageLayout {
  if (shape.length !== 4) throw ctx.argumentError(`${what} must be 4-dimensional, got shape [${shape.join(',')}]`);
  const [a, b, c, d] = shape as [number, number, number, number];
  return format === 'NHWC' ? imageLayout(format, a, b, c, d) : imageLayout(format, a, c, d, b);
}

export function layoutOfView(ctx: KernelContext, format: DataFormat, v: TensorView, what: string): ImageLayout {
  return layoutOf(ctx, format, v.shape, what);
}

/** A 4-entry attr (strides, ksize, dilations) in `format` order, as (batch, height, width, channels). */
export function spatialAttr(ctx: KernelContext, name: string, format: DataFormat): { n: number; h: number; w: number; c: number } {
  const v = ctx.attrInts(name, 4) as [number, number, number, number];
  return format === 'NHWC' ? { n: v[0], h: v[1], w: v[2], c: v[3] } : { n: v[0], h: v[2], w: v[3], c: v[1] };
}

/** Output extent and leading padding of one spatial dimension (TensorFlow's GetWindowedOutputSize). */
export function windowExtent(inSize: number, filter: number, stride: number, dilation: number, padding: Padding): { out: number; padBefore: number } {
  const effective = (filter - 1) * dilation + 1;
  if (padding === 'VALID') {
    return { out: inSize >= effective ? Math.floor((inSize - effective) / stride) + 1 : 0, padBefore: 0 };
  }
  const out = Math.ceil(inSize / stride);
  const padTotal = Math.max((out - 1) * stride + effective - inSize, 0);
  return { out, padBefore: Math.floor(padTotal / 2) };
}
