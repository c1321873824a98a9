import { STORAGE } from '../../dtype/dtype-sets.js';
import { rawCopier } from '../../dtype/element-io.js';
import type { KernelContext } from '../../kernel/kernel-context.js';
import type { Kernel } from '../../kernel/kernel.js';
import type { TensorView } from '../../kernel/tensor-view.js';
import { dimProduct, normalizeAxis } from '../../shape/axes.js';

const fmt = (s: readonly number[]): string => `[${s.join(',')}]`;

/**
 * Joins `parts` along `axis` of `whole` (join = true), or cuts `whole` into them (join = false).
 * Each part must equal `whole` except along the axis, and the parts' extents must sum to it.
 */
function joinOrCut(ctx: KernelContext, whole: TensorView, parts: readonly TensorView[], axis: number, join: boolean): void {
  const rank = whole.shape.length;
  let total = 0;
  for (const [k, p] of parts.entries()) {
    ctx.expectDtype(p, whole.dtype, `part #${k}`);
    if (p.shape.length !== rank || p.shape.some((d, i) => i !== axis && d !== whole.shape[i])) {
      throw ctx.argumentError(`part #${k} ${fmt(p.shape)} does not match ${fmt(whole.shape)} outside dimension ${axis}`);
    }
    total += p.shape[axis] as number;
  }
  if (total !== whole.shape[axis]) throw ctx.argumentError(`parts sum to ${total} along dimension ${axis}, expected ${whole.shape[axis]}`);
  const outer = dimProduct(whole.shape, 0, axis);
  const inner = dimProduct(whole.shape, axis + 1);
  const wholeRow = (whole.shape[axis] as number) * inner;
  let offset = 0;
  for (const p of parts) {
    const row = (p.shape[axis] as number) * inner;
    const copy = join ? rawCopier(p, whole) : rawCopier(whole, p);
    for (let o = 0; o < outer; o++) {
      for (let j = 0; j < row; j++) {
        const w = o * wholeRow + offset + j;
        const q = o * row + j;
        if (join) copy(w, q);
        else copy(q, w);
      }
    }
    offset += row;
  }
}

function axisOf(ctx: KernelContext, value: number, rank: number, what: string): number {
  const a = normalizeAxis(value, rank);
  if (a === null) throw ctx.argumentError(`${what} ${value} is out of range for rank ${rank}: expected in [${-rank}, ${rank})`);
  return a;
}

const inputsFrom = (ctx: KernelContext, from: number, count: number): TensorView[] =>
  Array.from({ length: count }, (_, k) => ctx.input(from + k));
const outputs = (ctx: KernelContext): TensorView[] => Array.from({ length: ctx.numOutputs }, (_, k) => ctx.output(k));

/** The part inserted or dropped by Pack/Unpack: a tensor of rank r seen as rank r + 1 with a 1 at `axis`. */
function withUnitAxis(v: TensorView, axis: number): TensorView {
  const shape = [...v.shape];
  shape.splice(axis, 0, 1);
  return { ...v, shape };
}

export const CONCAT_SPLIT_KERNELS: Kernel[] = [
  {
    op: 'ConcatV2',
    dtypes: STORAGE,
    run(ctx) {
      const n = ctx.numInputs - 1;
      if (n < 1) throw ctx.argumentError('ConcatV2 needs values and an axis');
      ctx.expectArity(n + 1, 1);
      const out = ctx.output(0);
      const axis = axisOf(ctx, ctx.hostScalarInt(n, 'axis'), out.shape.length, 'ConcatV2 axis');
      joinOrCut(ctx, out, inputsFrom(ctx, 0, n), axis, true);
    },
  },
  {
    op: 'Pack',
    dtypes: STORAGE,
    run(ctx) {
      const out = ctx.output(0);
      ctx.expectArity(ctx.numInputs, 1);
      const axis = axisOf(ctx, ctx.attrInt('axis'), out.shape.length, 'Pack axis');
      joinOrCut(ctx, out, inputsFrom(ctx, 0, ctx.numInputs).map((v) => withUnitAxis(v, axis)), axis, true);
    },
  },
  {
    op: 'Unpack',
    dtypes: STORAGE,
    run(ctx) {
      ctx.expectArity(1, ctx.numOutputs);
      const value = ctx.input(0);
      const axis = axisOf(ctx, ctx.attrInt('axis'), value.shape.length, 'Unpack axis');
      joinOrCut(ctx, value, outputs(ctx).map((v) => withUnitAxis(v, axis)), axis, false);
    },
  },
  {
    op: 'Split',
    dtypes: STORAGE,
    run(ctx) {
      ctx.expectArity(2, ctx.numOutputs);
      const value = ctx.input(1);
      const axis = axisOf(ctx, ctx.hostScalarInt(0, 'split_dim'), value.shape.length, 'split_dim');
      const parts = outputs(ctx);
      if ((value.shape[axis] as number) % parts.length !== 0) {
        throw ctx.argumentError(`Number of ways to split should evenly divide the split dimension, but got split_dim ${axis} (size = ${value.shape[axis]}) and num_split ${parts.length}`);
      }
      joinOrCut(ctx, value, parts, axis, false);
    },
  },
  {
    op: 'SplitV',
    dtypes: STORAGE,
    run(ctx) {
      ctx.expectArity(3, ctx.numOutputs);
      const value = ctx.input(0);
      const axis = axisOf(ctx, ctx.hostScalarInt(2, 'split_dim'), value.shape.length, 'split_dim');
      const sizes = ctx.hostInts(1, 'size_splits');
      const parts = outputs(ctx);
      if (sizes.length !== parts.length) throw ctx.argumentError(`size_splits has ${sizes.length} entries for ${parts.length} outputs`);
      const inferred = sizes.filter((s) => s === -1).length;
      if (inferred > 1) throw ctx.argumentError('Only one dimensions can have a value of -1');
      const known = sizes.reduce((a, s) => (s === -1 ? a : a + s), 0);
      const resolved = sizes.map((s) => (s === -1 ? (value.shape[axis] as number) - known : s));
      resolved.forEach((s, k) => {
        if ((parts[k] as TensorView).shape[axis] !== s) throw ctx.argumentError(`output #${k} has ${(parts[k] as TensorView).shape[axis]} along dimension ${axis}, size_splits says ${s}`);
      });
      joinOrCut(ctx, value, parts, axis, false);
    },
  },
];
