import {
  KernelArgumentError, KernelRuntimeError, shapeSize, shapeStrides, type KernelInvocation, type TensorRef,
} from '@varscope/kernel-api';
import { collapse } from '../layout/strides.js';
import { stridedSliceDims } from '../layout/strided-slice.js';
import { dtypeId } from '../module/op-ids.js';
import { FIXED_SIZE } from './dtype-sets.js';
import { elemSize, type KernelContext, type KernelDef, type KernelTable } from './kernel-context.js';

const MAX_RANK = 8;

/**
 * dst[walk] = src[walk] for a walk over `dims` with element strides (src strides may be
 * negative or 0). Pointers are already offset to the first element.
 */
export function copyStrided(ctx: KernelContext, call: KernelInvocation, es: number, dims: readonly number[],
  srcStrides: readonly number[], src: number, dstStrides: readonly number[], dst: number): void {
  if (shapeSize(dims) === 0) return;
  const layout = collapse(dims, [srcStrides, dstStrides]);
  if (layout.dims.length > MAX_RANK) {
    throw new KernelArgumentError(call.op, `${call.nodeName}: a ${layout.dims.length}-d copy exceeds the kernel's ${MAX_RANK} dims`);
  }
  const args = ctx.heap.writeArgs([...layout.dims, ...layout.strides[0]!, ...layout.strides[1]!]);
  ctx.check(call, ctx.k.vs_copy_strided(es, layout.dims.length, args, src, dst));
}

/** Host integer values of a host-memory input, as numbers. */
export function hostInts(call: KernelInvocation, i: number, what: string): number[] {
  const t = call.hostInputs[i];
  if (t === undefined) throw new KernelArgumentError(call.op, `${call.nodeName}: host values of ${what} are missing`);
  return Array.from(t.data as ArrayLike<number | bigint>, (v) => Number(v));
}

const normAxis = (call: KernelInvocation, axis: number, rank: number): number => {
  const a = axis < 0 ? axis + rank : axis;
  if (a < 0 || a >= Math.max(rank, 1)) {
    throw new KernelArgumentError(call.op, `${call.nodeName}: axis ${axis} is out of range for rank ${rank}`);
  }
  return a;
};

/** A copy of the whole buffer (Identity, Reshape, Squeeze, ExpandDims, Assign). */
export function copyWhole(ctx: KernelContext, call: KernelInvocation, from: TensorRef, to: TensorRef): void {
  const src = ctx.ptr(call, from, 'input'), dst = ctx.ptr(call, to, 'output');
  const bytes = shapeSize(from.shape) * elemSize(from.dtype);
  if (bytes !== shapeSize(to.shape) * elemSize(to.dtype)) {
    throw new KernelArgumentError(call.op, `${call.nodeName}: input and output sizes differ`);
  }
  if (bytes > 0 && src !== dst) ctx.heap.views().u8.copyWithin(dst, src, src + bytes);
}

const copyKernel: KernelDef = {
  dtypes: FIXED_SIZE,
  run(ctx, call) { copyWhole(ctx, call, ctx.input(call, 0), ctx.output(call, 0)); },
};

/** Copies `part` into (or out of) the block of `whole` starting at `offsets`. */
function blockCopy(ctx: KernelContext, call: KernelInvocation, part: TensorRef, whole: TensorRef,
  offsets: readonly number[], into: boolean): void {
  const es = elemSize(whole.dtype);
  const ws = shapeStrides(whole.shape);
  const base = offsets.reduce((acc, o, i) => acc + o * (ws[i] as number), 0);
  const wp = ctx.ptr(call, whole, into ? 'output' : 'input') + base * es;
  const pp = ctx.ptr(call, part, into ? 'input' : 'output');
  const ps = shapeStrides(part.shape);
  if (into) copyStrided(ctx, call, es, part.shape, ps, pp, ws, wp);
  else copyStrided(ctx, call, es, part.shape, ws, wp, ps, pp);
}

/** Shape of `ref` seen with a size-1 axis inserted at `axis` (Pack/Unpack parts). */
const withAxis = (ref: TensorRef, axis: number): TensorRef =>
  ({ ...ref, shape: [...ref.shape.slice(0, axis), 1, ...ref.shape.slice(axis)] });

function concatInto(ctx: KernelContext, call: KernelInvocation, parts: readonly TensorRef[], out: TensorRef, axis: number): void {
  let at = 0;
  for (const part of parts) {
    const offsets = out.shape.map((_, i) => (i === axis ? at : 0));
    blockCopy(ctx, call, part, out, offsets, true);
    at += part.shape[axis] ?? 0;
  }
}

function splitFrom(ctx: KernelContext, call: KernelInvocation, whole: TensorRef, parts: readonly TensorRef[], axis: number): void {
  let at = 0;
  for (const part of parts) {
    const offsets = whole.shape.map((_, i) => (i === axis ? at : 0));
    blockCopy(ctx, call, part, whole, offsets, false);
    at += part.shape[axis] ?? 0;
  }
}

function padKernel(withValue: boolean): KernelDef {
  return {
    dtypes: FIXED_SIZE,
    run(ctx, call) {
      const x = ctx.input(call, 0), out = ctx.output(call, 0);
      const pads = hostInts(call, 1, 'paddings');
      const es = elemSize(out.dtype);
      const outPtr = ctx.ptr(call, out, 'output');
      const value = withValue ? ctx.ptr(call, ctx.input(call, 2), 'constant_values') : ctx.heap.argBlock + 2048;
      if (!withValue) ctx.heap.views().u8.fill(0, value, value + es);
      ctx.check(call, ctx.k.vs_fill(es, outPtr, shapeSize(out.shape), value));
      blockCopy(ctx, call, x, out, x.shape.map((_, i) => pads[2 * i] as number), true);
    },
  };
}

export const DATA_MOVEMENT_KERNELS: KernelTable = {
  Identity: copyKernel, StopGradient: copyKernel, Reshape: copyKernel, Squeeze: copyKernel, ExpandDims: copyKernel,

  Transpose: {
    dtypes: FIXED_SIZE,
    run(ctx, call) {
      const x = ctx.input(call, 0), y = ctx.output(call, 0);
      const perm = hostInts(call, 1, 'perm');
      const xs = shapeStrides(x.shape);
      copyStrided(ctx, call, elemSize(x.dtype), y.shape, perm.map((p) => xs[p] as number), ctx.ptr(call, x, 'x'),
        shapeStrides(y.shape), ctx.ptr(call, y, 'y'));
    },
  },
  Slice: {
    dtypes: FIXED_SIZE,
    run(ctx, call) {
      const x = ctx.input(call, 0), y = ctx.output(call, 0);
      blockCopy(ctx, call, y, x, hostInts(call, 1, 'begin'), false);
    },
  },
  StridedSlice: {
    dtypes: FIXED_SIZE,
    run(ctx, call) {
      const x = ctx.input(call, 0), y = ctx.output(call, 0);
      const a = call.attrs;
      const dims = stridedSliceDims(x.shape, {
        begin: hostInts(call, 1, 'begin'), end: hostInts(call, 2, 'end'), strides: hostInts(call, 3, 'strides'),
        beginMask: Number(a['begin_mask'] ?? 0), endMask: Number(a['end_mask'] ?? 0),
        ellipsisMask: Number(a['ellipsis_mask'] ?? 0), newAxisMask: Number(a['new_axis_mask'] ?? 0),
        shrinkAxisMask: Number(a['shrink_axis_mask'] ?? 0),
      }, call.nodeName);
      const counts = dims.map((d) => d.count);
      if (shapeSize(counts) !== shapeSize(y.shape)) {
        throw new KernelArgumentError(call.op, `${call.nodeName}: slice has ${shapeSize(counts)} elements, output has ${shapeSize(y.shape)}`);
      }
      const es = elemSize(x.dtype);
      const xs = shapeStrides(x.shape);
      const base = dims.reduce((acc, d, i) => acc + (d.count > 0 ? d.start * (xs[i] as number) : 0), 0);
      copyStrided(ctx, call, es, counts, dims.map((d, i) => d.step * (xs[i] as number)), ctx.ptr(call, x, 'input') + base * es,
        shapeStrides(counts), ctx.ptr(call, y, 'output'));
    },
  },
  Tile: {
    dtypes: FIXED_SIZE,
    run(ctx, call) {
      const x = ctx.input(call, 0), y = ctx.output(call, 0);
      const mult = hostInts(call, 1, 'multiples');
      const xs = shapeStrides(x.shape);
      // output dim i = (m_i, d_i) row-major: the repeat index walks with stride 0
      const dims = x.shape.flatMap((d, i) => [mult[i] as number, d]);
      const src = x.shape.flatMap((_, i) => [0, xs[i] as number]);
      copyStrided(ctx, call, elemSize(x.dtype), dims, src, ctx.ptr(call, x, 'input'), shapeStrides(dims), ctx.ptr(call, y, 'output'));
    },
  },
  Pad: padKernel(false),
  PadV2: padKernel(true),
  ConcatV2: {
    dtypes: FIXED_SIZE,
    run(ctx, call) {
      const out = ctx.output(call, 0);
      const parts = call.inputs.slice(0, -1);
      const axis = normAxis(call, hostInts(call, call.inputs.length - 1, 'axis')[0] ?? 0, out.shape.length);
      concatInto(ctx, call, parts, out, axis);
    },
  },
  Pack: {
    dtypes: FIXED_SIZE,
    run(ctx, call) {
      const out = ctx.output(call, 0);
      const axis = normAxis(call, Number(call.attrs['axis'] ?? 0), out.shape.length);
      concatInto(ctx, call, call.inputs.map((r) => withAxis(r, axis)), out, axis);
    },
  },
  Unpack: {
    dtypes: FIXED_SIZE,
    run(ctx, call) {
      const x = ctx.input(call, 0);
      const axis = normAxis(call, Number(call.attrs['axis'] ?? 0), x.shape.length);
      splitFrom(ctx, call, x, call.outputs.map((r) => withAxis(r, axis)), axis);
    },
  },
  Split: {
    dtypes: FIXED_SIZE,
    run(ctx, call) {
      const x = ctx.input(call, 1);
      splitFrom(ctx, call, x, call.outputs, normAxis(call, hostInts(call, 0, 'split_dim')[0] ?? 0, x.shape.length));
    },
  },
  SplitV: {
    dtypes: FIXED_SIZE,
    run(ctx, call) {
      const x = ctx.input(call, 0);
      splitFrom(ctx, call, x, call.outputs, normAxis(call, hostInts(call, 2, 'split_dim')[0] ?? 0, x.shape.length));
    },
  },
  GatherV2: {
    dtypes: FIXED_SIZE,
    run(ctx, call) {
      const params = ctx.input(call, 0), indices = ctx.input(call, 1), out = ctx.output(call, 0);
      if (Number(call.attrs['batch_dims'] ?? 0) !== 0) {
        throw new KernelArgumentError(call.op, `${call.nodeName}: batch_dims != 0 is not supported by the wasm backend`);
      }
      const axis = normAxis(call, hostInts(call, 2, 'axis')[0] ?? 0, params.shape.length);
      const outer = shapeSize(params.shape.slice(0, axis)), inner = shapeSize(params.shape.slice(axis + 1));
      const axisDim = params.shape[axis] ?? 1;
      ctx.check(call, ctx.k.vs_gather(elemSize(params.dtype), outer, axisDim, inner, ctx.ptr(call, params, 'params'),
        dtypeId(indices.dtype), ctx.ptr(call, indices, 'indices'), shapeSize(indices.shape), ctx.ptr(call, out, 'output')),
      (pos, value, limit) => `indices[${pos}] = ${value} is not in [0, ${limit})`);
    },
  },
  OneHot: {
    dtypes: FIXED_SIZE,
    run(ctx, call) {
      const indices = ctx.input(call, 0), on = ctx.input(call, 2), off = ctx.input(call, 3), out = ctx.output(call, 0);
      const depth = hostInts(call, 1, 'depth')[0] ?? 0;
      const rawAxis = Number(call.attrs['axis'] ?? -1);
      const axis = rawAxis === -1 ? indices.shape.length : rawAxis;
      if (axis < 0 || axis > indices.shape.length) throw new KernelRuntimeError(call.op, `Expected axis to be -1 or between [0, ${indices.shape.length}).  But received: ${rawAxis}`);
      const outer = shapeSize(indices.shape.slice(0, axis)), inner = shapeSize(indices.shape.slice(axis));
      ctx.check(call, ctx.k.vs_one_hot(elemSize(out.dtype), dtypeId(indices.dtype), ctx.ptr(call, indices, 'indices'),
        outer, depth, inner, ctx.ptr(call, on, 'on_value'), ctx.ptr(call, off, 'off_value'), ctx.ptr(call, out, 'output')));
    },
  },
};
