import { isInteger } from '@varscope/kernel-api';
import { ValueError } from '../errors.js';
import { getDefaultGraph } from '../graph/graph.js';
import type { Tensor } from '../graph/tensor.js';
import { transpose } from './array.js';
import { convertToTensor } from './convert.js';
import type { TensorInput } from './convert.js';
import { cast } from './math.js';
import type { NameOptions } from './math.js';
import { genOp1 } from './op-inputs.js';

// ---------------------------------------------------------------- activations

/** `max(features, 0)` (op `Relu`). */
export function relu(features: TensorInput, options: NameOptions = {}): Tensor {
  return genOp1({ type: 'Relu', name: options.name, inputs: [features], argNames: ['features'] });
}

/** `min(max(features, 0), 6)` (op `Relu6`). */
export function relu6(features: TensorInput, options: NameOptions = {}): Tensor {
  const g = getDefaultGraph();
  return g.atomically(() => g.nameScope(options.name || 'Relu6', (scope) => {
    const f = convertToTensor(features, { name: 'features' });
    return genOp1({ type: 'Relu6', name: scope, inputs: [f] });
  }));
}

/** `ln(1 + e^features)` (op `Softplus`). */
export function softplus(features: TensorInput, options: NameOptions = {}): Tensor {
  return genOp1({ type: 'Softplus', name: options.name, inputs: [features], argNames: ['features'] });
}

/** `features` where positive, else `e^features - 1` (op `Elu`). */
export function elu(features: TensorInput, options: NameOptions = {}): Tensor {
  return genOp1({ type: 'Elu', name: options.name, inputs: [features], argNames: ['features'] });
}

export interface LeakyReluOptions extends NameOptions {
  /** The slope for negative inputs (default 0.2). */
  readonly alpha?: number;
}

/** `features` where positive, else `alpha · features` (op `LeakyRelu`); integer inputs are cast to float32 first. */
export function leakyRelu(features: TensorInput, options: LeakyReluOptions = {}): Tensor {
  const alpha = options.alpha ?? 0.2;
  if (typeof alpha !== 'number' || !Number.isFinite(alpha)) throw new TypeError(`leakyRelu: alpha must be a finite number, got ${String(alpha)}`);
  const g = getDefaultGraph();
  return g.atomically(() => g.nameScope(options.name || 'LeakyRelu', (scope) => {
    let f = convertToTensor(features, { name: 'features' });
    if (isInteger(f.dtype)) f = cast(f, 'float32');
    return genOp1({ type: 'LeakyRelu', name: scope, inputs: [f], attrs: { alpha } });
  }));
}

export interface SoftmaxOptions extends NameOptions {
  /** The dimension softmax is taken over (default -1, the last). */
  readonly axis?: number;
}

function softmaxLike(type: 'Softmax' | 'LogSoftmax', logits: TensorInput, options: SoftmaxOptions): Tensor {
  const g = getDefaultGraph();
  return g.atomically(() => {
    const t = convertToTensor(logits);
    const axis = options.axis ?? -1;
    const r = t.shape.rank;
    if (axis === -1 || (r !== null && axis === r - 1)) return genOp1({ type, name: options.name, inputs: [t] });
    if (r === null) throw new ValueError(`${type} over axis ${axis} needs the rank of ${t.name}, which is unknown`);
    if (!Number.isInteger(axis) || axis < -r || axis >= r) {
      throw new ValueError(`Dimension (${axis}) must be in the range [${-r}, ${r}) where ${r} is the number of dimensions in the input.`);
    }
    // Swap `axis` with the last dimension, compute on the last, swap back (a constant permutation:
    // the rank is known here).
    const a = axis < 0 ? axis + r : axis;
    const perm = Array.from({ length: r }, (_v, i) => (i === a ? r - 1 : i === r - 1 ? a : i));
    const out = transpose(genOp1({ type, inputs: [transpose(t, { perm })] }), { perm, ...(options.name ? { name: options.name } : {}) });
    out.setShape(t.shape);
    return out;
  });
}

/** `exp(logits) / sum(exp(logits))` over `axis` (op `Softmax`). */
export function softmax(logits: TensorInput, options: SoftmaxOptions = {}): Tensor {
  return softmaxLike('Softmax', logits, options);
}

/** `logits - log(sum(exp(logits)))` over `axis` (op `LogSoftmax`). */
export function logSoftmax(logits: TensorInput, options: SoftmaxOptions = {}): Tensor {
  return softmaxLike('LogSoftmax', logits, options);
}

// ---------------------------------------------------------------- convolution and pooling

export type DataFormat = 'NHWC' | 'NCHW';
export type Padding = 'SAME' | 'VALID';

function checkPadding(padding: string, op: string): Padding {
  const p = String(padding).toUpperCase();
  if (p !== 'SAME' && p !== 'VALID') throw new ValueError(`${op}: padding must be 'SAME' or 'VALID', got '${padding}'`);
  return p;
}

function checkDataFormat(dataFormat: string | undefined, op: string): DataFormat {
  const f = dataFormat ?? 'NHWC';
  if (f !== 'NHWC' && f !== 'NCHW') throw new ValueError(`${op}: data_format must be 'NHWC' or 'NCHW', got '${f}'`);
  return f;
}

/**
 * A 4-entry window attr from TensorFlow's accepted forms (`_get_sequence`): a number or a
 * 1-list (same for both spatial dims), a 2-list (the spatial dims), or the full 4-list.
 */
function windowAttr(value: number | readonly number[] | undefined, dataFormat: DataFormat, name: string): number[] {
  const v = value === undefined ? [1] : typeof value === 'number' ? [value] : [...value];
  for (const x of v) {
    if (!Number.isInteger(x) || x < 1) throw new ValueError(`${name} entries must be positive integers, got [${v.join(', ')}]`);
  }
  if (v.length === 4) return v;
  let spatial: number[];
  if (v.length === 1) spatial = [v[0] as number, v[0] as number];
  else if (v.length === 2) spatial = v;
  else throw new ValueError(`${name} should be of length 1, 2 or 4 but was ${v.length}`);
  return dataFormat === 'NCHW' ? [1, 1, ...spatial] : [1, ...spatial, 1];
}

export interface Conv2DOptions extends NameOptions {
  readonly dataFormat?: DataFormat;
  /** Dilation rates, in the forms `strides` accepts (default 1). */
  readonly dilations?: number | readonly number[];
  readonly useCudnnOnGpu?: boolean;
}

/**
 * 2-D convolution (cross-correlation) of a 4-D `input` with a `[height, width, in, out]`
 * filter (op `Conv2D`). `strides` is a number, a 2-list of spatial strides, or the 4-list.
 */
export function conv2d(input: TensorInput, filter: TensorInput, strides: number | readonly number[], padding: Padding | string,
  options: Conv2DOptions = {}): Tensor {
  const dataFormat = checkDataFormat(options.dataFormat, 'conv2d');
  const p = checkPadding(padding, 'conv2d');
  const s = windowAttr(strides, dataFormat, 'strides');
  const d = windowAttr(options.dilations ?? 1, dataFormat, 'dilations');
  return genOp1({
    type: 'Conv2D', name: options.name, inputs: [input, filter],
    attrs: { strides: s, padding: p, data_format: dataFormat, dilations: d, use_cudnn_on_gpu: options.useCudnnOnGpu ?? true },
  });
}

export interface PoolOptions extends NameOptions {
  readonly dataFormat?: DataFormat;
}

function pool(type: 'MaxPool' | 'AvgPool', value: TensorInput, ksize: number | readonly number[], strides: number | readonly number[],
  padding: Padding | string, options: PoolOptions): Tensor {
  const g = getDefaultGraph();
  const dataFormat = checkDataFormat(options.dataFormat, type);
  const p = checkPadding(padding, type);
  const k = windowAttr(ksize, dataFormat, 'ksize');
  const s = windowAttr(strides, dataFormat, 'strides');
  return g.atomically(() => g.nameScope(options.name || type, (scope) => {
    const v = convertToTensor(value, { name: type === 'MaxPool' ? 'input' : 'value' });
    return genOp1({ type, name: scope, inputs: [v], attrs: { ksize: k, strides: s, padding: p, data_format: dataFormat } });
  }));
}

/** Max pooling over 4-D windows (TensorFlow's `tf.nn.max_pool`, op `MaxPool`). */
export function maxPool(value: TensorInput, ksize: number | readonly number[], strides: number | readonly number[],
  padding: Padding | string, options: PoolOptions = {}): Tensor {
  return pool('MaxPool', value, ksize, strides, padding, options);
}

/** Average pooling over 4-D windows, padding not counted (TensorFlow's `tf.nn.avg_pool`, op `AvgPool`). */
export function avgPool(value: TensorInput, ksize: number | readonly number[], strides: number | readonly number[],
  padding: Padding | string, options: PoolOptions = {}): Tensor {
  return pool('AvgPool', value, ksize, strides, padding, options);
}

export interface BiasAddOptions extends NameOptions {
  /** `NC…` (channels first) or `N…C` (channels last, the default). */
  readonly dataFormat?: string;
}

/** Adds a 1-D `bias` along the channel dimension (TensorFlow's `tf.nn.bias_add`, op `BiasAdd`). */
export function biasAdd(value: TensorInput, bias: TensorInput, options: BiasAddOptions = {}): Tensor {
  let dataFormat: DataFormat | undefined;
  if (options.dataFormat !== undefined) {
    if (options.dataFormat.startsWith('NC')) dataFormat = 'NCHW';
    else if (options.dataFormat.startsWith('N') && options.dataFormat.endsWith('C')) dataFormat = 'NHWC';
    else throw new ValueError('data_format must be of shape NC... or N...C');
  }
  const g = getDefaultGraph();
  return g.atomically(() => g.nameScope(options.name || 'BiasAdd', (scope) => {
    const v = convertToTensor(value, { name: 'input' });
    const b = convertToTensor(bias, { dtype: v.dtype, name: 'bias' });
    return genOp1({ type: 'BiasAdd', name: scope, inputs: [v, b], attrs: dataFormat === undefined ? {} : { data_format: dataFormat } });
  }));
}
