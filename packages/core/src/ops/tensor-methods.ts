import type { DType } from '@varscope/kernel-api';
import type { Tensor } from '../graph/tensor.js';
import { index, reshape, transpose } from './array.js';
import type { IndexEntry, ShapeArg, TransposeOptions } from './array.js';
import { equal, greater, greaterEqual, less, lessEqual, logicalAnd, logicalNot, logicalOr, notEqual } from './comparison.js';
import type { TensorInput } from './convert.js';
import { abs, add, cast, div, exp, floorDiv, log, matMul, mod, mul, neg, pow, sqrt, square, sub } from './math.js';
import type { MatMulOptions, NameOptions } from './math.js';
import { reduceMax, reduceMean, reduceMin, reduceSum } from './reduction.js';
import type { ReduceOptions } from './reduction.js';

/**
 * The method forms of the common ops (API.md: "`v.add(1)`"): `x.add(y)` is `add(x, y)`, with
 * the receiver as the first operand. For `Tensor` and anything that converts to one (`Variable`).
 */
export interface TensorMethods {
  add(y: TensorInput, options?: NameOptions): Tensor;
  sub(y: TensorInput, options?: NameOptions): Tensor;
  mul(y: TensorInput, options?: NameOptions): Tensor;
  div(y: TensorInput, options?: NameOptions): Tensor;
  floorDiv(y: TensorInput, options?: NameOptions): Tensor;
  mod(y: TensorInput, options?: NameOptions): Tensor;
  pow(y: TensorInput, options?: NameOptions): Tensor;
  neg(options?: NameOptions): Tensor;
  abs(options?: NameOptions): Tensor;
  square(options?: NameOptions): Tensor;
  sqrt(options?: NameOptions): Tensor;
  exp(options?: NameOptions): Tensor;
  log(options?: NameOptions): Tensor;
  matMul(b: TensorInput, options?: MatMulOptions): Tensor;
  equal(y: TensorInput, options?: NameOptions): Tensor;
  notEqual(y: TensorInput, options?: NameOptions): Tensor;
  less(y: TensorInput, options?: NameOptions): Tensor;
  lessEqual(y: TensorInput, options?: NameOptions): Tensor;
  greater(y: TensorInput, options?: NameOptions): Tensor;
  greaterEqual(y: TensorInput, options?: NameOptions): Tensor;
  logicalAnd(y: TensorInput, options?: NameOptions): Tensor;
  logicalOr(y: TensorInput, options?: NameOptions): Tensor;
  logicalNot(options?: NameOptions): Tensor;
  cast(dtype: DType | string, options?: NameOptions): Tensor;
  reshape(shape: ShapeArg, options?: NameOptions): Tensor;
  transpose(options?: TransposeOptions): Tensor;
  reduceSum(options?: ReduceOptions): Tensor;
  reduceMean(options?: ReduceOptions): Tensor;
  reduceMax(options?: ReduceOptions): Tensor;
  reduceMin(options?: ReduceOptions): Tensor;
  /** Python's `x[...]`: see {@link index}. */
  index(spec: readonly IndexEntry[], options?: NameOptions): Tensor;
}

/** {@link TensorMethods} with the receiver typed, for installing on a class or calling with `.call`. */
export type TensorMethodImpls = {
  readonly [K in keyof TensorMethods]: (this: TensorInput, ...args: Parameters<TensorMethods[K]>) => ReturnType<TensorMethods[K]>;
};

/**
 * The implementations, each delegating to the op function with `this` as the first operand.
 * A class gains the methods by declaring `interface Tensor extends TensorMethods {}` and copying
 * these onto its prototype in its own module (no import of this module changes anything).
 */
export const tensorMethods: TensorMethodImpls = Object.freeze({
  add(y, options) { return add(this, y, options); },
  sub(y, options) { return sub(this, y, options); },
  mul(y, options) { return mul(this, y, options); },
  div(y, options) { return div(this, y, options); },
  floorDiv(y, options) { return floorDiv(this, y, options); },
  mod(y, options) { return mod(this, y, options); },
  pow(y, options) { return pow(this, y, options); },
  neg(options) { return neg(this, options); },
  abs(options) { return abs(this, options); },
  square(options) { return square(this, options); },
  sqrt(options) { return sqrt(this, options); },
  exp(options) { return exp(this, options); },
  log(options) { return log(this, options); },
  matMul(b, options) { return matMul(this, b, options); },
  equal(y, options) { return equal(this, y, options); },
  notEqual(y, options) { return notEqual(this, y, options); },
  less(y, options) { return less(this, y, options); },
  lessEqual(y, options) { return lessEqual(this, y, options); },
  greater(y, options) { return greater(this, y, options); },
  greaterEqual(y, options) { return greaterEqual(this, y, options); },
  logicalAnd(y, options) { return logicalAnd(this, y, options); },
  logicalOr(y, options) { return logicalOr(this, y, options); },
  logicalNot(options) { return logicalNot(this, options); },
  cast(dtype, options) { return cast(this, dtype, options); },
  reshape(shape, options) { return reshape(this, shape, options); },
  transpose(options) { return transpose(this, options); },
  reduceSum(options) { return reduceSum(this, options); },
  reduceMean(options) { return reduceMean(this, options); },
  reduceMax(options) { return reduceMax(this, options); },
  reduceMin(options) { return reduceMin(this, options); },
  index(spec, options) { return index(this, spec, options); },
});
