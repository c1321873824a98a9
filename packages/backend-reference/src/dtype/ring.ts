import type { DType } from '@varscope/kernel-api';
import type { TensorView } from '../kernel/tensor-view.js';
import { cAdd, cDiv, cMul, cNeg, cSqrt, cSub, complex } from './complex.js';
import type { Complex } from './complex.js';
import { bigintWrapper, domainOf, floatRounder, intWrapper } from './domain.js';
import { bigintReader, bigintWriter, complexReader, complexWriter, numberReader, numberWriter } from './element-io.js';

/**
 * Arithmetic on one dtype's values, for kernels written once for every numeric dtype
 * (reductions, AddN, MatMul, optimizer updates). Values are opaque to the kernel.
 */
export interface Ring<V> {
  readonly zero: V;
  readonly one: V;
  add(a: V, b: V): V;
  sub(a: V, b: V): V;
  mul(a: V, b: V): V;
  neg(a: V): V;
  /** A JS number as a value of this ring (an integer count, a float constant). */
  fromNumber(x: number): V;
  reader(view: TensorView): (i: number) => V;
  writer(view: TensorView): (i: number, v: V) => void;
}

/** A ring with division and square root: floats and complex. */
export interface Field<V> extends Ring<V> {
  div(a: V, b: V): V;
  sqrt(a: V): V;
}

function realField(round: (x: number) => number): Field<number> {
  return {
    zero: 0,
    one: 1,
    add: (a, b) => round(a + b),
    sub: (a, b) => round(a - b),
    mul: (a, b) => round(a * b),
    neg: (a) => -a,
    div: (a, b) => round(a / b),
    sqrt: (a) => round(Math.sqrt(a)),
    fromNumber: round,
    reader: numberReader,
    writer: numberWriter,
  };
}

function complexField(round: (x: number) => number): Field<Complex> {
  const r = (c: Complex): Complex => complex(round(c.re), round(c.im));
  return {
    zero: complex(0),
    one: complex(1),
    add: (a, b) => r(cAdd(a, b)),
    sub: (a, b) => r(cSub(a, b)),
    mul: (a, b) => r(cMul(a, b)),
    neg: cNeg,
    div: (a, b) => r(cDiv(a, b)),
    sqrt: (a) => r(cSqrt(a)),
    fromNumber: (x) => complex(round(x)),
    reader: complexReader,
    writer: complexWriter,
  };
}

function intRing(dtype: DType): Ring<number> {
  const wrap = intWrapper(dtype);
  return {
    zero: 0,
    one: 1,
    add: (a, b) => wrap(a + b),
    sub: (a, b) => wrap(a - b),
    // Math.imul keeps the low 32 bits of the exact product, which is all any ≤32-bit type keeps.
    mul: (a, b) => wrap(Math.imul(a, b)),
    neg: (a) => wrap(-a),
    fromNumber: (x) => wrap(x),
    reader: numberReader,
    writer: numberWriter,
  };
}

function bigintRing(dtype: DType): Ring<bigint> {
  const wrap = bigintWrapper(dtype);
  return {
    zero: 0n,
    one: 1n,
    add: (a, b) => wrap(a + b),
    sub: (a, b) => wrap(a - b),
    mul: (a, b) => wrap(a * b),
    neg: (a) => wrap(-a),
    fromNumber: (x) => wrap(BigInt(x)),
    reader: bigintReader,
    writer: bigintWriter,
  };
}

const identity = (x: number): number => x;

/**
 * The ring kernels accumulate in: floats and complex in float64 (rounded to the dtype once, when
 * stored), integers wrapped to their width after every operation. The reference computes the
 * nearest value it can; backends that accumulate in float32 compare within their tolerance.
 */
export function accumulatorRing(dtype: DType): Ring<unknown> {
  switch (domainOf(dtype)) {
    case 'float': return realField(identity) as Ring<unknown>;
    case 'complex': return complexField(identity) as Ring<unknown>;
    case 'int': return intRing(dtype) as Ring<unknown>;
    case 'bigint': return bigintRing(dtype) as Ring<unknown>;
    default: throw new TypeError(`${dtype} has no arithmetic`);
  }
}

/**
 * The field of a float or complex dtype with every operation rounded to the dtype, as C++ code
 * computing in `T` does (float16/bfloat16: per operation through float32, as Eigen does).
 * Optimizer updates use it so that their results follow TensorFlow's expression order.
 */
export function dtypeField(dtype: DType): Field<unknown> {
  switch (domainOf(dtype)) {
    case 'float': return realField(floatRounder(dtype)) as Field<unknown>;
    case 'complex': return complexField(dtype === 'complex64' ? Math.fround : identity) as Field<unknown>;
    default: throw new TypeError(`${dtype} is not a float or complex dtype`);
  }
}
