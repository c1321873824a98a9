import type { DType } from '@varscope/kernel-api';
import { isFloating } from '@varscope/kernel-api';
import { randomInt } from 'node:crypto';
import { asDType, isHostTensor, isNumericTypedArray } from '../dtypes/index.js';
import type { TensorLike } from '../dtypes/index.js';
import { ValueError } from '../errors.js';
import { getDefaultGraph } from '../graph/graph.js';
import type { Tensor } from '../graph/tensor.js';
import { constant } from '../ops/convert.js';
import { buildOp1 } from '../ops/op-builder.js';
import { getSeed, randomNormal, randomUniform, truncatedNormal } from '../ops/random.js';
import { Initializer } from './initializer.js';
import type { PartitionInfo } from './initializer.js';
import { hostStandardNormals } from './host-normal.js';
import { signCorrectedQ } from './householder-qr.js';

// The initializers of TensorFlow 1.x's init_ops.py: the same formulas, defaults, op structure
// and error messages.

/** The dtype of an initializer that only makes sense for floats. */
function floatDType(dtype: DType | string | undefined): DType {
  const d = asDType(dtype ?? 'float32');
  if (!isFloating(d)) throw new ValueError(`Expected floating point type, got <dtype: '${d}'>.`);
  return d;
}

function checkSeed(seed: number | null | undefined): number | null {
  if (seed === undefined || seed === null) return null;
  if (!Number.isSafeInteger(seed)) throw new TypeError(`An initializer seed must be an integer, got ${String(seed)}`);
  return seed;
}

/**
 * `(fanIn, fanOut)` of a weight shape (TensorFlow's `_compute_fans`): scalars (1, 1); vectors
 * (n, n); matrices (rows, cols); higher ranks are convolution kernels `[..., in, out]` whose
 * leading dimensions multiply both fans.
 */
export function computeFans(shape: readonly number[]): [fanIn: number, fanOut: number] {
  if (shape.length < 1) return [1, 1];
  if (shape.length === 1) return [shape[0] as number, shape[0] as number];
  if (shape.length === 2) return [shape[0] as number, shape[1] as number];
  let receptive = 1;
  for (const d of shape.slice(0, -2)) receptive *= d;
  return [(shape[shape.length - 2] as number) * receptive, (shape[shape.length - 1] as number) * receptive];
}

/**
 * A tensor of `shape` filled with `value` (TensorFlow's `array_ops.zeros`/`ones`): a constant
 * named `name` when it has fewer than 1000 elements, else a `Fill` op, so that graphs stay small.
 */
function filled(shape: readonly number[], value: number | boolean | string, dtype: DType, name: string): Tensor {
  const g = getDefaultGraph();
  return g.atomically(() => g.nameScope(name, (scope) => {
    const size = shape.reduce((a, b) => a * b, 1);
    if (size < 1000) return constant(value, { dtype, shape, name: scope });
    return buildOp1({
      type: 'Fill', name: scope,
      inputs: () => [constant(shape, { dtype: 'int32', name: 'shape_as_tensor' }), constant(value, { dtype, name: 'Const' })],
    });
  }));
}

function zeroOf(dtype: DType): number | boolean | string {
  if (dtype === 'bool') return false;
  if (dtype === 'string') return '';
  return 0;
}

class Zeros extends Initializer {
  constructor(readonly dtype: DType) { super(); }
  call(shape: readonly number[], dtype?: DType): Tensor {
    const d = dtype ?? this.dtype;
    return filled(shape, zeroOf(d), d, 'zeros');
  }
  getConfig(): Record<string, unknown> { return { dtype: this.dtype }; }
}

class Ones extends Initializer {
  constructor(readonly dtype: DType) { super(); }
  call(shape: readonly number[], dtype?: DType): Tensor {
    const d = dtype ?? this.dtype;
    if (d === 'string') throw new ValueError(`Cannot create a tensor of ones of dtype ${d}`);
    return filled(shape, d === 'bool' ? true : 1, d, 'ones');
  }
  getConfig(): Record<string, unknown> { return { dtype: this.dtype }; }
}

/** Zeros (false for bool, '' for strings). */
export function zerosInitializer(options: { dtype?: DType | string } = {}): Initializer {
  return new Zeros(asDType(options.dtype ?? 'float32'));
}

/** Ones (true for bool). */
export function onesInitializer(options: { dtype?: DType | string } = {}): Initializer {
  return new Ones(asDType(options.dtype ?? 'float32'));
}

class ConstantInit extends Initializer {
  constructor(readonly value: TensorLike, readonly dtype: DType, readonly verifyShape: boolean) { super(); }
  call(shape: readonly number[], dtype?: DType): Tensor {
    return constant(this.value, { dtype: dtype ?? this.dtype, shape, verifyShape: this.verifyShape, name: 'Const' });
  }
  getConfig(): Record<string, unknown> { return { value: this.value, dtype: this.dtype, verifyShape: this.verifyShape }; }
}

/**
 * A constant (TensorFlow's `constant_initializer`): a scalar fills the shape; a list fills it
 * row-major, the last value repeating if it is short; too many values is an error, and with
 * `verifyShape` the value's own shape must equal the variable's.
 */
export function constantInitializer(value: TensorLike = 0, options: { dtype?: DType | string; verifyShape?: boolean } = {}): Initializer {
  const ok = typeof value === 'number' || typeof value === 'boolean' || typeof value === 'string' || typeof value === 'bigint'
    || Array.isArray(value) || isNumericTypedArray(value) || isHostTensor(value);
  if (!ok) {
    throw new TypeError(
      `Invalid type for initial value: ${describeType(value)} (expected Python scalar, list or tuple of values, or numpy.ndarray).`);
  }
  return new ConstantInit(value, asDType(options.dtype ?? 'float32'), options.verifyShape ?? false);
}

interface SeedOption {
  /** Op-level seed; with the graph seed (`setRandomSeed`) it fixes the values. */
  readonly seed?: number | null;
  readonly dtype?: DType | string;
}

class RandomUniformInit extends Initializer {
  constructor(readonly minval: number, readonly maxval: number | null, readonly seed: number | null, readonly dtype: DType) { super(); }
  call(shape: readonly number[], dtype?: DType): Tensor {
    return randomUniform(shape, {
      minval: this.minval, ...(this.maxval !== null ? { maxval: this.maxval } : {}), dtype: dtype ?? this.dtype, seed: this.seed,
    });
  }
  getConfig(): Record<string, unknown> { return { minval: this.minval, maxval: this.maxval, seed: this.seed, dtype: this.dtype }; }
}

export interface RandomUniformInitializerOptions extends SeedOption {
  /** Inclusive lower bound, default 0. */
  readonly minval?: number;
  /** Exclusive upper bound, default 1 for floats (required for integer dtypes). */
  readonly maxval?: number | null;
}

/**
 * Uniform values in `[minval, maxval)` (TensorFlow's `random_uniform_initializer`):
 * `randomUniformInitializer({ minval: -1, maxval: 1 })`, or positionally
 * `randomUniformInitializer(-1, 1, { seed })` as in TensorFlow.
 */
export function randomUniformInitializer(options?: RandomUniformInitializerOptions): Initializer;
export function randomUniformInitializer(minval: number, maxval?: number | null, options?: SeedOption): Initializer;
export function randomUniformInitializer(a: RandomUniformInitializerOptions | number = {}, maxval?: number | null, rest: SeedOption = {}): Initializer {
  const o: RandomUniformInitializerOptions = typeof a === 'number' ? { ...rest, minval: a, maxval: maxval ?? null } : a;
  const minval = o.minval ?? 0;
  if (typeof minval !== 'number' || (o.maxval !== undefined && o.maxval !== null && typeof o.maxval !== 'number')) {
    throw new TypeError('randomUniformInitializer: minval and maxval must be numbers');
  }
  return new RandomUniformInit(minval, o.maxval ?? null, checkSeed(o.seed), asDType(o.dtype ?? 'float32'));
}

class NormalInit extends Initializer {
  constructor(readonly truncated: boolean, readonly mean: number, readonly stddev: number, readonly seed: number | null, readonly dtype: DType) { super(); }
  call(shape: readonly number[], dtype?: DType): Tensor {
    const d = floatDType(dtype ?? this.dtype);
    const fn = this.truncated ? truncatedNormal : randomNormal;
    return fn(shape, { mean: this.mean, stddev: this.stddev, dtype: d, seed: this.seed });
  }
  getConfig(): Record<string, unknown> { return { mean: this.mean, stddev: this.stddev, seed: this.seed, dtype: this.dtype }; }
}

export interface NormalInitializerOptions extends SeedOption {
  readonly mean?: number;
  readonly stddev?: number;
}

/** Normal values, default mean 0 and stddev 1 (TensorFlow's `random_normal_initializer`). Floats only. */
export function randomNormalInitializer(options: NormalInitializerOptions = {}): Initializer {
  return new NormalInit(false, options.mean ?? 0, options.stddev ?? 1, checkSeed(options.seed), floatDType(options.dtype));
}

/**
 * Normal values, redrawn when more than two standard deviations from the mean (TensorFlow's
 * `truncated_normal_initializer`). `stddev` is that of the normal before truncation. Floats only.
 */
export function truncatedNormalInitializer(options: NormalInitializerOptions = {}): Initializer {
  return new NormalInit(true, options.mean ?? 0, options.stddev ?? 1, checkSeed(options.seed), floatDType(options.dtype));
}

/** stddev of a standard normal truncated to (-2, 2): scipy.stats.truncnorm.std(a=-2, b=2). */
const TRUNCATED_STDDEV = 0.87962566103423978;

export type FanMode = 'fan_in' | 'fan_out' | 'fan_avg';
export type VarianceScalingDistribution = 'normal' | 'truncated_normal' | 'untruncated_normal' | 'uniform';

class VarianceScaling extends Initializer {
  constructor(readonly scale: number, readonly mode: FanMode, readonly distribution: VarianceScalingDistribution,
    readonly seed: number | null, readonly dtype: DType) { super(); }

  call(shape: readonly number[], dtype?: DType, partitionInfo?: PartitionInfo): Tensor {
    const d = floatDType(dtype ?? this.dtype);
    // A partition's fans are those of the whole variable.
    const [fanIn, fanOut] = computeFans(partitionInfo ? partitionInfo.fullShape : shape);
    const n = this.mode === 'fan_in' ? fanIn : this.mode === 'fan_out' ? fanOut : (fanIn + fanOut) / 2;
    const scale = this.scale / Math.max(1, n);
    if (this.distribution === 'normal' || this.distribution === 'truncated_normal') {
      // The stddev after truncation is sqrt(scale): widen the normal that gets truncated.
      return truncatedNormal(shape, { mean: 0, stddev: Math.sqrt(scale) / TRUNCATED_STDDEV, dtype: d, seed: this.seed });
    }
    if (this.distribution === 'untruncated_normal') {
      return randomNormal(shape, { mean: 0, stddev: Math.sqrt(scale), dtype: d, seed: this.seed });
    }
    const limit = Math.sqrt(3 * scale);
    return randomUniform(shape, { minval: -limit, maxval: limit, dtype: d, seed: this.seed });
  }

  getConfig(): Record<string, unknown> {
    return { scale: this.scale, mode: this.mode, distribution: this.distribution, seed: this.seed, dtype: this.dtype };
  }
}

export interface VarianceScalingOptions extends SeedOption {
  /** Positive scaling factor, default 1. */
  readonly scale?: number;
  /** Which fan `n` to use, default `fan_in`. */
  readonly mode?: FanMode;
  /**
   * `truncated_normal` (default; `normal` is the legacy name of the same): stddev sqrt(scale/n)
   * after truncation at 2σ; `untruncated_normal`: plain normal with that stddev; `uniform`:
   * U(-limit, limit) with limit sqrt(3·scale/n).
   */
  readonly distribution?: VarianceScalingDistribution;
}

/** Values scaled to the shape's fans (TensorFlow's `variance_scaling_initializer`, 1.15 semantics). */
export function varianceScalingInitializer(options: VarianceScalingOptions = {}): Initializer {
  const scale = options.scale ?? 1;
  if (typeof scale !== 'number' || !(scale > 0)) throw new ValueError('`scale` must be positive float.');
  const mode = options.mode ?? 'fan_in';
  if (!['fan_in', 'fan_out', 'fan_avg'].includes(mode)) throw new ValueError(`Invalid \`mode\` argument: ${String(mode)}`);
  const distribution = String(options.distribution ?? 'truncated_normal').toLowerCase();
  if (!['normal', 'uniform', 'truncated_normal', 'untruncated_normal'].includes(distribution)) {
    throw new ValueError(`Invalid \`distribution\` argument: ${distribution}`);
  }
  return new VarianceScaling(scale, mode, distribution as VarianceScalingDistribution, checkSeed(options.seed), floatDType(options.dtype));
}

/** Glorot/Xavier uniform: U(-limit, limit), limit = sqrt(6 / (fanIn + fanOut)). The default of `getVariable` for floats. */
export function glorotUniformInitializer(options: SeedOption = {}): Initializer {
  return varianceScalingInitializer({ ...options, scale: 1, mode: 'fan_avg', distribution: 'uniform' });
}

/** Glorot/Xavier normal: truncated normal with stddev sqrt(2 / (fanIn + fanOut)) after truncation. */
export function glorotNormalInitializer(options: SeedOption = {}): Initializer {
  return varianceScalingInitializer({ ...options, scale: 1, mode: 'fan_avg', distribution: 'truncated_normal' });
}

class UniformUnitScaling extends Initializer {
  constructor(readonly factor: number, readonly seed: number | null, readonly dtype: DType) { super(); }
  call(shape: readonly number[], dtype?: DType, partitionInfo?: PartitionInfo): Tensor {
    const scaleShape = partitionInfo ? partitionInfo.fullShape : shape;
    // All dimensions but the last: right for matmul and convolution weights.
    let inputSize = 1;
    for (const d of scaleShape.slice(0, -1)) inputSize *= d;
    inputSize = Math.max(inputSize, 1);
    const maxVal = Math.sqrt(3 / inputSize) * this.factor;
    return randomUniform(shape, { minval: -maxVal, maxval: maxVal, dtype: floatDType(dtype ?? this.dtype), seed: this.seed });
  }
  getConfig(): Record<string, unknown> { return { factor: this.factor, seed: this.seed, dtype: this.dtype }; }
}

/** U(-limit, limit), limit = factor·sqrt(3 / inputSize), inputSize the product of all dims but the last. */
export function uniformUnitScalingInitializer(options: SeedOption & { factor?: number } = {}): Initializer {
  return new UniformUnitScaling(options.factor ?? 1, checkSeed(options.seed), floatDType(options.dtype));
}

class Orthogonal extends Initializer {
  constructor(readonly gain: number, readonly seed: number | null, readonly dtype: DType) { super(); }

  call(shape: readonly number[], dtype?: DType): Tensor {
    const d = floatDType(dtype ?? this.dtype);
    if (shape.length < 2) throw new ValueError('The tensor to initialize must be at least two-dimensional');
    // Flatten all dimensions but the last, so that convolution kernels work too.
    let rows = 1;
    for (const x of shape.slice(0, -1)) rows *= x;
    const cols = shape[shape.length - 1] as number;
    const [m, n] = rows < cols ? [cols, rows] : [rows, cols];
    const g = getDefaultGraph();
    let [seed, seed2] = getSeed(this.seed, g);
    if (seed === 0 && seed2 === 0) [seed, seed2] = freshSeeds();
    const q = signCorrectedQ(hostStandardNormals(m * n, d, seed, seed2), m, n);
    const values = new Array<number>(rows * cols);
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < cols; j++) {
        values[i * cols + j] = this.gain * (rows < cols ? q[j * n + i] as number : q[i * n + j] as number);
      }
    }
    return constant(Float64Array.from(values), { dtype: d, shape, name: 'orthogonal' });
  }

  getConfig(): Record<string, unknown> { return { gain: this.gain, seed: this.seed, dtype: this.dtype }; }
}

/**
 * A (semi-)orthogonal matrix times `gain` (TensorFlow's `orthogonal_initializer`); shapes of rank
 * > 2 are flattened to `[prod(shape[:-1]), shape[-1]]`.
 *
 * TensorFlow draws a random normal matrix with an op and factorizes it with a `Qr` op at run
 * time. varscope has no QR kernel, so the value is computed when the graph is built: the same
 * normals a `RandomStandardNormal` op with this initializer's seeds draws on its first run (the
 * Philox layout of kernel-api), a Householder QR in float64, Q's columns multiplied by the signs
 * of R's diagonal, stored as a constant `orthogonal`. Hence, unlike TensorFlow, re-running the
 * initializer yields the same matrix; without any seed, fresh seeds are drawn at build time.
 */
export function orthogonalInitializer(options: SeedOption & { gain?: number } = {}): Initializer {
  return new Orthogonal(options.gain ?? 1, checkSeed(options.seed), floatDType(options.dtype));
}

class IdentityInit extends Initializer {
  constructor(readonly gain: number, readonly dtype: DType) { super(); }
  call(shape: readonly number[], dtype?: DType, partitionInfo?: PartitionInfo): Tensor {
    const full = partitionInfo ? partitionInfo.fullShape : shape;
    if (full.length !== 2) throw new ValueError('Identity matrix initializer can only be used for 2D matrices.');
    const d = dtype ?? this.dtype;
    const offset = partitionInfo ? partitionInfo.varOffset : [0, 0];
    const [rows, cols] = shape as [number, number];
    const values = new Array<number>(rows * cols).fill(0);
    for (let i = 0; i < rows; i++) {
      const j = i + (offset[0] as number) - (offset[1] as number);
      if (j >= 0 && j < cols) values[i * cols + j] = this.gain;
    }
    return constant(values, { dtype: d, shape, name: 'identity' });
  }
  getConfig(): Record<string, unknown> { return { gain: this.gain, dtype: this.dtype }; }
}

/**
 * `gain` times the identity matrix (TensorFlow's `identity_initializer`); 2-D only. A constant
 * (TensorFlow builds the same values with `eye` ops).
 */
export function identityInitializer(options: { gain?: number; dtype?: DType | string } = {}): Initializer {
  return new IdentityInit(options.gain ?? 1, asDType(options.dtype ?? 'float32'));
}

function freshSeeds(): [number, number] {
  return [randomInt(1, 2 ** 31 - 1), randomInt(1, 2 ** 31 - 1)];
}

function describeType(value: unknown): string {
  if (value === null) return "<class 'NoneType'>";
  if (typeof value === 'object') return `<class '${(value as object).constructor?.name ?? 'object'}'>`;
  return `<class '${typeof value}'>`;
}
