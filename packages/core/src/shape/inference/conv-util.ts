import type { Dim } from '../tensor-shape.js';
import type { InferenceContext } from './context.js';

/** Positions of the batch, height, width and channel dims in a 4-D tensor of `format`. */
export interface FormatIndices {
  readonly N: number;
  readonly H: number;
  readonly W: number;
  readonly C: number;
}

export function formatIndices(format: string): FormatIndices {
  return format === 'NCHW' ? { N: 0, C: 1, H: 2, W: 3 } : { N: 0, H: 1, W: 2, C: 3 };
}

/**
 * TensorFlow's `GetWindowedOutputSizeFromDimsV2`: the output size of a window of `filter`
 * elements (dilated by `dilation`) sliding by `stride` over `input` elements.
 * VALID: ⌈(input − (filter−1)·dilation) / stride⌉; SAME: ⌈input / stride⌉.
 */
export function windowedOutputSize(c: InferenceContext, input: Dim, filter: Dim, dilation: number, stride: number,
  padding: string): Dim {
  if (stride <= 0) c.fail(`Stride must be > 0, but got ${stride}`);
  if (dilation < 1) c.fail(`Dilation rate must be >= 1, but got ${dilation}`);
  if (padding === 'VALID') {
    const window = filter === null ? null : (filter - 1) * dilation + 1;
    const remaining = c.subtractDim(input, window);
    return c.divideDim(c.addDim(remaining, stride), stride, false);
  }
  return c.divideDim(c.addDim(input, stride - 1), stride, false);
}

/** Reads a 4-element list attr (`strides`, `ksize`, `dilations`) with TensorFlow's length check. */
export function fourValues(c: InferenceContext, attr: string, opLabel: string): readonly number[] {
  const values = c.attrInts(attr);
  const what = attr === 'dilations' ? 'dilation' : attr === 'strides' ? 'stride' : attr;
  if (values.length !== 4) {
    c.fail(`${opLabel} requires the ${what} attribute to contain 4 values, but got: ${values.length}`);
  }
  return values;
}
