import {
  cDiv, cExp, cLog, cMul, cNeg, cSign, cSin, cCos, cSqrt, complex,
} from '../../dtype/complex.js';
import type { Complex } from '../../dtype/complex.js';
import { COMPLEX, FLOAT, NUMBER, SIGNED_INT } from '../../dtype/dtype-sets.js';
import type { DType } from '@varscope/kernel-api';
import { roundHalfToEven, sign } from '../../dtype/scalar-math.js';
import type { KernelContext } from '../../kernel/kernel-context.js';
import { kernels } from '../../kernel/kernel.js';
import type { Kernel } from '../../kernel/kernel.js';
import { runUnary } from './elementwise.js';
import type { ElementwiseFns } from './elementwise.js';

const SIGNED_NUMBER = [...FLOAT, ...SIGNED_INT, ...COMPLEX];
const FLOAT_COMPLEX = [...FLOAT, ...COMPLEX];
const ONE = complex(1);

const unary = (op: string, dtypes: readonly DType[], fns: (ctx: KernelContext) => ElementwiseFns): Kernel[] =>
  kernels([op], dtypes, (ctx) => runUnary(ctx, fns(ctx)));

const intReciprocal = (ctx: KernelContext) => (x: number): number => {
  if (x === 0) throw ctx.runtimeError('Integer division by zero');
  return Math.trunc(1 / x);
};

/** Elementwise math on one tensor. Float results are computed in float64 and rounded once when stored. */
export const UNARY_MATH_KERNELS: Kernel[] = [
  ...unary('Neg', SIGNED_NUMBER, () => ({ float: (x) => -x, int: (x) => -x, bigint: (x) => -x, complex: cNeg })),
  ...unary('Abs', [...FLOAT, ...SIGNED_INT], () => ({ float: Math.abs, int: Math.abs, bigint: (x) => (x < 0n ? -x : x) })),
  ...unary('Sign', SIGNED_NUMBER, () => ({
    float: sign, int: sign, bigint: (x) => (x > 0n ? 1n : x < 0n ? -1n : 0n), complex: cSign,
  })),
  ...unary('Square', NUMBER, () => ({
    float: (x) => x * x, int: (x) => Math.imul(x, x), bigint: (x) => x * x, complex: (x) => cMul(x, x),
  })),
  ...unary('Sqrt', FLOAT_COMPLEX, () => ({ float: Math.sqrt, complex: cSqrt })),
  ...unary('Rsqrt', FLOAT_COMPLEX, () => ({ float: (x) => 1 / Math.sqrt(x), complex: (x) => cDiv(ONE, cSqrt(x)) })),
  ...unary('Reciprocal', SIGNED_NUMBER, (ctx) => ({
    float: (x) => 1 / x,
    int: intReciprocal(ctx),
    bigint: (x) => {
      if (x === 0n) throw ctx.runtimeError('Integer division by zero');
      return 1n / x;
    },
    complex: (x) => cDiv(ONE, x),
  })),
  ...unary('Exp', FLOAT_COMPLEX, () => ({ float: Math.exp, complex: cExp })),
  ...unary('Log', FLOAT_COMPLEX, () => ({ float: Math.log, complex: cLog })),
  ...unary('Log1p', FLOAT_COMPLEX, () => ({ float: Math.log1p, complex: (x: Complex) => cLog(complex(1 + x.re, x.im)) })),
  ...unary('Sin', FLOAT_COMPLEX, () => ({ float: Math.sin, complex: cSin })),
  ...unary('Cos', FLOAT_COMPLEX, () => ({ float: Math.cos, complex: cCos })),
  ...unary('Floor', FLOAT, () => ({ float: Math.floor })),
  ...unary('Ceil', FLOAT, () => ({ float: Math.ceil })),
  // Integers are already round.
  ...unary('Round', [...FLOAT, ...SIGNED_INT], () => ({ float: roundHalfToEven, int: (x) => x, bigint: (x) => x })),
];
