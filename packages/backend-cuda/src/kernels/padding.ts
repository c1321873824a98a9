import type { KernelCall } from './kernel-call.js';

/** Data-format positions of the batch, height, width and channel dims. */
export interface Layout4D {
  readonly nchw: boolean;
  readonly n: 0;
  readonly h: number;
  readonly w: number;
  readonly c: number;
}

export function layoutOf(k: KernelCall): Layout4D {
  const format = k.stringAttr('data_format');
  if (format !== 'NHWC' && format !== 'NCHW') throw k.error(`data_format ${format} is not supported (NHWC or NCHW)`);
  return format === 'NCHW' ? { nchw: true, n: 0, h: 2, w: 3, c: 1 } : { nchw: false, n: 0, h: 1, w: 2, c: 3 };
}

/**
 * TensorFlow's GetWindowedOutputSize padding: the top/left padding of one spatial dim.
 * SAME pads (out - 1)·stride + effective window - in in total, the smaller half before.
 */
export function padBefore(k: KernelCall, padding: string, inSize: number, window: number, stride: number,
  dilation: number, explicitBefore: number): number {
  const effective = (window - 1) * dilation + 1;
  switch (padding) {
    case 'VALID':
      return 0;
    case 'SAME': {
      const out = Math.ceil(inSize / stride);
      return Math.floor(Math.max((out - 1) * stride + effective - inSize, 0) / 2);
    }
    case 'EXPLICIT':
      return explicitBefore;
    default:
      throw k.error(`padding ${padding} is not supported`);
  }
}
