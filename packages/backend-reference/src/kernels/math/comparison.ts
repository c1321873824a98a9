import { cEqual } from '../../dtype/complex.js';
import { REAL, STORAGE } from '../../dtype/dtype-sets.js';
import { kernels } from '../../kernel/kernel.js';
import type { Kernel } from '../../kernel/kernel.js';
import { mapBroadcast, runPredicate } from './elementwise.js';

const eq = (a: number, b: number): boolean => a === b;
const ne = (a: number, b: number): boolean => a !== b;

/** Comparisons into bool with broadcasting. Floats compare by IEEE rules (NaN equals nothing). */
export const COMPARISON_KERNELS: Kernel[] = [
  // Equality of quantized values compares their raw storage.
  ...kernels(['Equal'], STORAGE, (ctx) => runPredicate(ctx, {
    float: eq, int: eq, bool: eq, quantized: eq, bigint: (a, b) => a === b, complex: cEqual,
  })),
  ...kernels(['NotEqual'], STORAGE, (ctx) => runPredicate(ctx, {
    float: ne, int: ne, bool: ne, quantized: ne, bigint: (a, b) => a !== b, complex: (a, b) => !cEqual(a, b),
  })),
  ...kernels(['Less'], REAL, (ctx) => runPredicate(ctx, { float: (a, b) => a < b, int: (a, b) => a < b, bigint: (a, b) => a < b })),
  ...kernels(['LessEqual'], REAL, (ctx) => runPredicate(ctx, { float: (a, b) => a <= b, int: (a, b) => a <= b, bigint: (a, b) => a <= b })),
  ...kernels(['Greater'], REAL, (ctx) => runPredicate(ctx, { float: (a, b) => a > b, int: (a, b) => a > b, bigint: (a, b) => a > b })),
  ...kernels(['GreaterEqual'], REAL, (ctx) => runPredicate(ctx, { float: (a, b) => a >= b, int: (a, b) => a >= b, bigint: (a, b) => a >= b })),
  ...kernels(['LogicalAnd'], ['bool'], (ctx) => runPredicate(ctx, { bool: (a, b) => a !== 0 && b !== 0 })),
  ...kernels(['LogicalOr'], ['bool'], (ctx) => runPredicate(ctx, { bool: (a, b) => a !== 0 || b !== 0 })),
  ...kernels(['LogicalNot'], ['bool'], (ctx) => {
    ctx.expectArity(1, 1);
    ctx.expectDtype(ctx.input(0), 'bool', 'x');
    ctx.expectDtype(ctx.output(0), 'bool', 'output');
    mapBroadcast(ctx, [ctx.input(0)], ctx.output(0), { bool: (a) => a === 0 });
  }),
];
