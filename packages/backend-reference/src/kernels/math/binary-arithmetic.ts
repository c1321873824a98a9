import { cAdd, cConj, cDiv, cMul, cPow, cSub } from '../../dtype/complex.js';
import { bigintWrapper, floatRounder, intWrapper } from '../../dtype/domain.js';
import { FLOAT, NUMBER, REAL } from '../../dtype/dtype-sets.js';
import {
  bigintFloorDiv, bigintFloorMod, bigintPow, powLikeC, floorModFloat, intPow, maxPropagateNaN, minPropagateNaN,
} from '../../dtype/scalar-math.js';
import type { KernelContext } from '../../kernel/kernel-context.js';
import { kernels } from '../../kernel/kernel.js';
import type { Kernel } from '../../kernel/kernel.js';
import { runBinary } from './elementwise.js';

const DIV_BY_ZERO = 'Integer division by zero';

/** Integer division or modulo: TensorFlow raises on a zero divisor (safe_div_or_mod_op) rather than crash. */
function checkedInt<T extends number | bigint>(ctx: KernelContext, f: (a: T, b: T) => T): (a: T, b: T) => T {
  return (a, b) => {
    if (b === 0 || b === 0n) throw ctx.runtimeError(DIV_BY_ZERO);
    return f(a, b);
  };
}

const truncDiv = (a: number, b: number): number => Math.trunc(a / b);

/** Div: floats divide; integers truncate toward zero (INT_MIN / -1 wraps to INT_MIN). */
const divide = (ctx: KernelContext): void => runBinary(ctx, {
  float: (a, b) => a / b,
  int: checkedInt(ctx, truncDiv),
  bigint: checkedInt(ctx, (a: bigint, b: bigint) => a / b),
  complex: cDiv,
});

export const BINARY_ARITHMETIC_KERNELS: Kernel[] = [
  ...kernels(['Add', 'AddV2'], NUMBER, (ctx) => runBinary(ctx, {
    float: (a, b) => a + b, int: (a, b) => a + b, bigint: (a, b) => a + b, complex: cAdd,
  })),
  ...kernels(['Sub'], NUMBER, (ctx) => runBinary(ctx, {
    float: (a, b) => a - b, int: (a, b) => a - b, bigint: (a, b) => a - b, complex: cSub,
  })),
  ...kernels(['Mul'], NUMBER, (ctx) => runBinary(ctx, {
    float: (a, b) => a * b, int: (a, b) => Math.imul(a, b), bigint: (a, b) => a * b, complex: cMul,
  })),
  // RealDiv on integers (the schema allows it; TensorFlow registers floats only) divides as Div does.
  ...kernels(['Div', 'RealDiv'], NUMBER, divide),
  // FloorDiv has no meaning for complex numbers (TensorFlow has no such kernel): not offered.
  ...kernels(['FloorDiv'], REAL, (ctx) => runBinary(ctx, {
    float: (a, b) => Math.floor(a / b),
    int: checkedInt(ctx, (a: number, b: number) => Math.floor(a / b)),
    bigint: checkedInt(ctx, bigintFloorDiv),
  })),
  ...kernels(['FloorMod'], REAL, (ctx) => runBinary(ctx, {
    float: floorModFloat,
    int: checkedInt(ctx, (a: number, b: number) => floorModFloat(a, b)),
    bigint: checkedInt(ctx, bigintFloorMod),
  })),
  ...kernels(['TruncateMod'], REAL, (ctx) => runBinary(ctx, {
    float: (a, b) => a % b,
    int: checkedInt(ctx, (a: number, b: number) => a % b),
    bigint: checkedInt(ctx, (a: bigint, b: bigint) => a % b),
  })),
  ...kernels(['Pow'], NUMBER, (ctx) => {
    const dtype = ctx.input(0).dtype;
    const negative = (): never => { throw ctx.runtimeError('Integers to negative integer powers are not allowed'); };
    runBinary(ctx, {
      float: powLikeC,
      int: (a, b) => (b < 0 ? negative() : intPow(a, b, intWrapper(dtype))),
      bigint: (a, b) => (b < 0n ? negative() : bigintPow(a, b, bigintWrapper(dtype))),
      complex: cPow,
    });
  }),
  ...kernels(['Maximum'], REAL, (ctx) => runBinary(ctx, {
    float: maxPropagateNaN, int: (a, b) => Math.max(a, b), bigint: (a, b) => (a < b ? b : a),
  })),
  ...kernels(['Minimum'], REAL, (ctx) => runBinary(ctx, {
    float: minPropagateNaN, int: (a, b) => Math.min(a, b), bigint: (a, b) => (b < a ? b : a),
  })),
  // (x - y)²: the difference is rounded to T first, as TensorFlow's functor computes it in T;
  // for complex it is (x - y)·conj(x - y).
  ...kernels(['SquaredDifference'], NUMBER, (ctx) => {
    const dtype = ctx.input(0).dtype;
    const round = FLOAT.includes(dtype) ? floatRounder(dtype) : (x: number) => x;
    const roundC = dtype === 'complex64' ? Math.fround : (x: number) => x;
    runBinary(ctx, {
      float: (a, b) => { const d = round(a - b); return d * d; },
      int: (a, b) => { const d = intWrapper(dtype)(a - b); return Math.imul(d, d); },
      bigint: (a, b) => { const d = bigintWrapper(dtype)(a - b); return d * d; },
      complex: (a, b) => {
        const d = cSub(a, b);
        const dr = { re: roundC(d.re), im: roundC(d.im) };
        return cMul(dr, cConj(dr));
      },
    });
  }),
];
