import { complex } from '../../dtype/complex.js';
import { domainOf } from '../../dtype/domain.js';
import { NUMBER, STORAGE } from '../../dtype/dtype-sets.js';
import { bigintReader, bigintWriter, complexWriter, numberReader, numberWriter, rawCopier, zeroFiller } from '../../dtype/element-io.js';
import type { KernelContext } from '../../kernel/kernel-context.js';
import type { Kernel } from '../../kernel/kernel.js';
import type { TensorView } from '../../kernel/tensor-view.js';
import { dimProduct, normalizeAxis } from '../../shape/axes.js';

function expectScalar(ctx: KernelContext, v: TensorView, what: string): void {
  if (v.shape.length !== 0) throw ctx.argumentError(`${what} must be a scalar, got shape [${v.shape.join(',')}]`);
}

function writeOnes(out: TensorView): void {
  switch (domainOf(out.dtype)) {
    case 'bigint': { const w = bigintWriter(out); for (let i = 0; i < out.size; i++) w(i, 1n); return; }
    case 'complex': { const w = complexWriter(out); for (let i = 0; i < out.size; i++) w(i, complex(1)); return; }
    default: { const w = numberWriter(out); for (let i = 0; i < out.size; i++) w(i, 1); }
  }
}

/** OneHot's indices (uint8, int32 or int64) as numbers; int64 values beyond 2^53 round, but stay out of range. */
function indexReader(v: TensorView): (i: number) => number {
  if (v.dtype === 'int64') {
    const r = bigintReader(v);
    return (i) => Number(r(i));
  }
  return numberReader(v);
}

export const FILL_LIKE_KERNELS: Kernel[] = [
  {
    op: 'Fill',
    dtypes: STORAGE,
    run(ctx) {
      ctx.expectArity(2, 1);
      const dims = ctx.hostInts(0, 'dims');
      const value = ctx.input(1);
      const out = ctx.output(0);
      expectScalar(ctx, value, 'value');
      if (dims.some((d) => d < 0)) throw ctx.argumentError(`dims [${dims.join(',')}] must be non-negative`);
      ctx.expectShape(out, dims, 'output');
      const copy = rawCopier(value, out);
      for (let i = 0; i < out.size; i++) copy(i, 0);
    },
  },
  {
    op: 'ZerosLike',
    dtypes: STORAGE,
    run(ctx) {
      ctx.expectArity(1, 1);
      const out = ctx.output(0);
      ctx.expectShape(out, ctx.input(0).shape, 'output');
      ctx.expectDtype(out, ctx.input(0).dtype, 'output');
      zeroFiller(out)(0, out.size);
    },
  },
  {
    op: 'OnesLike',
    dtypes: [...NUMBER, 'bool'],
    run(ctx) {
      ctx.expectArity(1, 1);
      const out = ctx.output(0);
      ctx.expectShape(out, ctx.input(0).shape, 'output');
      ctx.expectDtype(out, ctx.input(0).dtype, 'output');
      writeOnes(out);
    },
  },
  {
    // Keyed by the indices' dtype (TI); the output may be any storage.
    op: 'OneHot',
    dtypes: ['uint8', 'int32', 'int64'],
    run(ctx) {
      ctx.expectArity(4, 1);
      const indices = ctx.input(0);
      const depth = ctx.hostScalarInt(1, 'depth');
      const on = ctx.input(2);
      const off = ctx.input(3);
      const out = ctx.output(0);
      expectScalar(ctx, on, 'on_value');
      expectScalar(ctx, off, 'off_value');
      if (depth < 0) throw ctx.argumentError(`depth must be non-negative, got: ${depth}`);
      const rank = indices.shape.length;
      const axisAttr = ctx.attrInt('axis');
      const axis = axisAttr === -1 ? rank : normalizeAxis(axisAttr, rank + 1);
      if (axis === null || axisAttr < -1) throw ctx.argumentError(`Expected axis to be -1 or between [0, ${rank}].  But received: ${axisAttr}`);
      const shape = [...indices.shape];
      shape.splice(axis, 0, depth);
      ctx.expectShape(out, shape, 'output');
      const outer = dimProduct(indices.shape, 0, axis);
      const inner = dimProduct(indices.shape, axis);
      const read = indexReader(indices);
      const fromOn = rawCopier(on, out);
      const fromOff = rawCopier(off, out);
      for (let o = 0; o < outer; o++) {
        for (let d = 0; d < depth; d++) {
          for (let k = 0; k < inner; k++) {
            const target = (o * depth + d) * inner + k;
            if (read(o * inner + k) === d) fromOn(target, 0);
            else fromOff(target, 0);
          }
        }
      }
    },
  },
];
