import type { Complex } from '../../dtype/complex.js';
import { domainOf } from '../../dtype/domain.js';
import {
  bigintReader, bigintWriter, complexReader, complexWriter, numberReader, numberWriter,
} from '../../dtype/element-io.js';
import type { KernelContext } from '../../kernel/kernel-context.js';
import type { TensorView } from '../../kernel/tensor-view.js';
import { broadcastIndexMap, broadcastShapes } from '../../shape/broadcast.js';

/**
 * One elementwise function per value domain. Float functions compute in float64 and the result
 * is rounded to the output dtype once, when stored (for +, −, ×, ÷ and √ that is exactly the
 * dtype's own IEEE operation). Integer functions return exact integers that the store wraps.
 */
export interface ElementwiseFns<R = number, RB = bigint, RC = Complex> {
  float?: (...xs: number[]) => R;
  int?: (...xs: number[]) => R;
  bool?: (...xs: number[]) => R;
  /** Quantized storage, compared raw (Equal, NotEqual). */
  quantized?: (...xs: number[]) => R;
  bigint?: (...xs: bigint[]) => RB;
  complex?: (...xs: Complex[]) => RC;
}

type Fn<A, R> = (...xs: A[]) => R;

function missing(ctx: KernelContext, dtype: string): never {
  throw ctx.argumentError(`no ${ctx.op} implementation for ${dtype}`);
}

/** Applies `fns` over inputs that broadcast together into `out`, checking every shape first. */
export function mapBroadcast(
  ctx: KernelContext,
  ins: readonly TensorView[],
  out: TensorView,
  fns: ElementwiseFns<number | boolean, bigint | boolean, Complex | boolean>,
): void {
  const first = ins[0];
  if (first === undefined) throw ctx.argumentError('no inputs');
  let shape: number[] | null = [...first.shape];
  for (const v of ins) {
    if (v.dtype !== first.dtype) throw ctx.argumentError(`inputs mix ${first.dtype} and ${v.dtype}`);
    shape = shape && broadcastShapes(shape, v.shape);
  }
  if (shape === null) {
    throw ctx.argumentError(`incompatible shapes: ${ins.map((v) => `[${v.shape.join(',')}]`).join(' vs. ')}`);
  }
  ctx.expectShape(out, shape, 'output');
  const maps = ins.map((v) => broadcastIndexMap(shape, v.shape));
  const n = out.size;
  const args = new Array<unknown>(ins.length);
  const outDomain = domainOf(out.dtype);

  // The output is written through the writer of its own domain (bool for comparisons).
  const write = ((): ((i: number, v: unknown) => void) => {
    switch (outDomain) {
      case 'bigint': return bigintWriter(out) as (i: number, v: unknown) => void;
      case 'complex': return complexWriter(out) as (i: number, v: unknown) => void;
      case 'bool': { const w = numberWriter(out); return (i, v) => w(i, v === true || (typeof v === 'number' && v !== 0) ? 1 : 0); }
      default: return numberWriter(out) as (i: number, v: unknown) => void;
    }
  })();

  const run = <A>(readers: ((i: number) => A)[], fn: Fn<A, unknown> | undefined): void => {
    if (fn === undefined) missing(ctx, first.dtype);
    for (let i = 0; i < n; i++) {
      for (let k = 0; k < readers.length; k++) args[k] = (readers[k] as (j: number) => A)((maps[k] as ArrayLike<number>)[i] as number);
      write(i, fn(...(args as A[])));
    }
  };
  switch (domainOf(first.dtype)) {
    case 'float': return run(ins.map(numberReader), fns.float);
    case 'int': return run(ins.map(numberReader), fns.int);
    case 'bool': return run(ins.map(numberReader), fns.bool);
    case 'quantized': return run(ins.map(numberReader), fns.quantized);
    case 'bigint': return run(ins.map(bigintReader), fns.bigint);
    case 'complex': return run(ins.map(complexReader), fns.complex);
  }
}

/** `y = f(x)` elementwise, output dtype = input dtype. */
export function runUnary(ctx: KernelContext, fns: ElementwiseFns): void {
  ctx.expectArity(1, 1);
  const x = ctx.input(0);
  const y = ctx.output(0);
  ctx.expectDtype(y, x.dtype, 'output');
  mapBroadcast(ctx, [x], y, fns);
}

/** `z = f(x, y)` with broadcasting, output dtype = input dtype. */
export function runBinary(ctx: KernelContext, fns: ElementwiseFns): void {
  ctx.expectArity(2, 1);
  const z = ctx.output(0);
  ctx.expectDtype(z, ctx.input(0).dtype, 'output');
  mapBroadcast(ctx, [ctx.input(0), ctx.input(1)], z, fns);
}

/** `z = p(x, y)` with broadcasting into a bool output. */
export function runPredicate(ctx: KernelContext, fns: ElementwiseFns<boolean, boolean, boolean>): void {
  ctx.expectArity(2, 1);
  const z = ctx.output(0);
  ctx.expectDtype(z, 'bool', 'output');
  mapBroadcast(ctx, [ctx.input(0), ctx.input(1)], z, fns);
}
