import type { TensorRef } from '@varscope/kernel-api';
import { resolveStridedSlice } from '../layout/strided-slice-spec.js';
import type { CudaKernel, KernelCall } from './kernel-call.js';
import { F32_I32, STORED, contiguousStrides, product } from './kernel-call.js';

/** Same elements, new shape: a device-to-device copy into the pre-allocated output. */
const copy: CudaKernel = { dtypes: STORED, run: (k) => k.ctx.copyBuffer(k.buf(k.output(0)), k.buf(k.input(0))) };

/** Copies `src` into `out` viewed as [outer, axisTotal, inner], at `start` along the axis. */
function copyAlongAxis(k: KernelCall, out: TensorRef, src: TensorRef, outer: number, axisTotal: number, inner: number,
  start: number, srcAxis: number, srcStart: number, length: number, into: boolean): void {
  // `into`: src (length along the axis) → out at `start`; otherwise out ← src slice at `srcStart`.
  if (into) {
    k.ctx.stridedCopy(k.buf(out), start * inner, [axisTotal * inner, inner, 1],
      k.buf(src), 0, [length * inner, inner, 1], [outer, length, inner]);
  } else {
    k.ctx.stridedCopy(k.buf(out), 0, [length * inner, inner, 1],
      k.buf(src), srcStart * inner, [srcAxis * inner, inner, 1], [outer, length, inner]);
  }
}

/** ConcatV2 / Pack: every input lands in its slot of the output along `axis`. */
function concat(k: KernelCall, values: readonly TensorRef[], axis: number, stacked: boolean): void {
  const out = k.output(0);
  const outer = product(out.shape.slice(0, axis));
  const inner = product(out.shape.slice(axis + 1));
  const axisTotal = out.shape[axis] as number;
  let start = 0;
  for (const v of values) {
    const len = stacked ? 1 : (v.shape[axis] as number);
    copyAlongAxis(k, out, v, outer, axisTotal, inner, start, 0, 0, len, true);
    start += len;
  }
  if (start !== axisTotal) throw k.error(`inputs fill ${start} of ${axisTotal} along axis ${axis}`);
}

/** Split / SplitV / Unpack: each output is the next slice of `value` along `axis`. */
function split(k: KernelCall, value: TensorRef, axis: number, unstacked: boolean): void {
  const outer = product(value.shape.slice(0, axis));
  const inner = product(value.shape.slice(axis + 1));
  const axisTotal = value.shape[axis] as number;
  let start = 0;
  for (const out of k.call.outputs) {
    const len = unstacked ? 1 : (out.shape[axis] as number);
    copyAlongAxis(k, out, value, outer, 0, inner, 0, axisTotal, start, len, false);
    start += len;
  }
  if (start !== axisTotal) throw k.error(`outputs take ${start} of ${axisTotal} along axis ${axis}`);
}

/** Data movement. Shapes are core's; every index range is proven in bounds again in C++. */
export const ARRAY_KERNELS: Readonly<Record<string, CudaKernel>> = {
  Identity: copy,
  StopGradient: copy,
  Reshape: copy,
  Squeeze: copy,
  ExpandDims: copy,

  Transpose: {
    dtypes: STORED,
    run(k) {
      const x = k.input(0), y = k.output(0);
      const perm = k.hostInts(1);
      if (perm.length !== x.shape.length) throw k.error(`perm has ${perm.length} entries for rank ${x.shape.length}`);
      const inStrides = contiguousStrides(x.shape);
      k.ctx.stridedCopy(k.buf(y), 0, contiguousStrides(y.shape), k.buf(x), 0,
        perm.map((p) => inStrides[k.axis(p, x.shape.length, 'perm entry')] as number), y.shape);
    },
  },

  ConcatV2: {
    dtypes: STORED,
    run(k) {
      const n = k.call.inputs.length - 1;
      const values = k.call.inputs.slice(0, n);
      concat(k, values, k.axis(k.hostScalar(n), k.output(0).shape.length, 'axis'), false);
    },
  },
  Pack: {
    dtypes: STORED,
    run: (k) => concat(k, k.call.inputs, k.axis(k.intAttr('axis'), k.output(0).shape.length, 'axis'), true),
  },
  Unpack: {
    dtypes: STORED,
    run(k) {
      const value = k.input(0);
      split(k, value, k.axis(k.intAttr('axis'), value.shape.length, 'axis'), true);
    },
  },
  Split: {
    dtypes: STORED,
    run(k) {
      const value = k.input(1);
      split(k, value, k.axis(k.hostScalar(0), value.shape.length, 'split_dim'), false);
    },
  },
  SplitV: {
    dtypes: STORED,
    run(k) {
      const value = k.input(0);
      split(k, value, k.axis(k.hostScalar(2), value.shape.length, 'split_dim'), false);
    },
  },

  Slice: {
    dtypes: STORED,
    run(k) {
      const x = k.input(0), y = k.output(0);
      const begin = k.hostInts(1);
      const strides = contiguousStrides(x.shape);
      const offset = begin.reduce((acc, b, d) => acc + b * (strides[d] as number), 0);
      k.ctx.stridedCopy(k.buf(y), 0, contiguousStrides(y.shape), k.buf(x), offset, strides, y.shape);
    },
  },

  StridedSlice: {
    dtypes: STORED,
    run(k) {
      const x = k.input(0), y = k.output(0);
      const walk = resolveStridedSlice(x.shape, {
        begin: k.hostInts(1), end: k.hostInts(2), strides: k.hostInts(3),
        beginMask: k.intAttr('begin_mask'), endMask: k.intAttr('end_mask'), ellipsisMask: k.intAttr('ellipsis_mask'),
        newAxisMask: k.intAttr('new_axis_mask'), shrinkAxisMask: k.intAttr('shrink_axis_mask'),
      }, k.call.nodeName);
      if (walk.outputShape.length !== y.shape.length || walk.outputShape.some((d, i) => d !== y.shape[i])) {
        throw k.error(`the slice has shape [${walk.outputShape.join(',')}] but the output is [${y.shape.join(',')}]`);
      }
      k.ctx.stridedSlice(k.buf(x), x.shape, walk.begin, walk.strides, k.buf(y), walk.sizes);
    },
  },

  Tile: {
    dtypes: STORED,
    run(k) {
      const x = k.input(0), y = k.output(0);
      const multiples = k.hostInts(1);
      // View the output [m0·d0, m1·d1, …] as [m0, d0, m1, d1, …]; the input repeats along each m.
      const dims: number[] = [];
      const inStrides: number[] = [];
      const xs = contiguousStrides(x.shape);
      x.shape.forEach((d, i) => {
        dims.push(multiples[i] as number, d);
        inStrides.push(0, xs[i] as number);
      });
      k.ctx.stridedCopy(k.buf(y), 0, contiguousStrides(dims), k.buf(x), 0, inStrides, dims);
    },
  },

  Pad: { dtypes: STORED, run: (k) => pad(k, false) },
  PadV2: { dtypes: STORED, run: (k) => pad(k, true) },

  Fill: {
    dtypes: STORED,
    run(k) {
      const value = k.input(1), out = k.output(0);
      k.ctx.stridedCopy(k.buf(out), 0, contiguousStrides(out.shape), k.buf(value), 0, out.shape.map(() => 0), out.shape);
    },
  },

  GatherV2: {
    dtypes: STORED,
    run(k) {
      const params = k.input(0), indices = k.input(1), out = k.output(0);
      const rank = params.shape.length;
      const axis = k.axis(k.hostScalar(2), rank, 'axis');
      const batchDims = k.intAttr('batch_dims');
      const bd = batchDims < 0 ? batchDims + indices.shape.length : batchDims;
      if (bd < 0 || bd > axis) throw k.error(`batch_dims ${batchDims} must be in [0, axis]`);
      k.ctx.gather(k.buf(params), k.buf(indices), k.buf(out), product(params.shape.slice(0, bd)),
        product(params.shape.slice(bd, axis)), params.shape[axis] as number, product(params.shape.slice(axis + 1)));
    },
  },

  OneHot: {
    dtypes: STORED,
    run(k) {
      const indices = k.input(0), on = k.input(2), off = k.input(3), out = k.output(0);
      const depth = k.hostScalar(1);
      const axisAttr = k.intAttr('axis');
      const axis = axisAttr === -1 ? indices.shape.length : axisAttr;
      k.ctx.oneHot(k.buf(indices), k.buf(on), k.buf(off), k.buf(out), product(indices.shape.slice(0, axis)), depth,
        product(indices.shape.slice(axis)));
    },
  },

  Range: {
    dtypes: F32_I32,
    run(k) {
      // All three inputs live on the host; the values are computed there and uploaded.
      const host = (i: number): number => {
        const t = k.call.hostInputs[i];
        if (t === undefined) throw k.error(`input ${i} must also be given in hostInputs`);
        return Number((t.data as ArrayLike<number | bigint>)[0]);
      };
      const start = host(0), delta = host(2);
      const out = k.output(0);
      const n = product(out.shape);
      const data = out.dtype === 'int32' ? new Int32Array(n) : new Float32Array(n);
      // As TensorFlow's RangeOp: each value is the previous one plus delta in the output dtype,
      // so float rounding accumulates exactly as there (the typed array rounds every store).
      let value = start;
      for (let i = 0; i < n; i++) {
        data[i] = value;
        value = (data[i] as number) + delta;
      }
      k.ctx.upload(k.buf(out), data);
    },
  },
};

function pad(k: KernelCall, withConstant: boolean): void {
  const x = k.input(0), out = k.output(0);
  const paddings = k.hostInts(1);
  if (paddings.length !== 2 * x.shape.length) throw k.error(`paddings must be [${x.shape.length}, 2]`);
  const outStrides = contiguousStrides(out.shape);
  if (withConstant) {
    const c = k.input(2);
    k.ctx.stridedCopy(k.buf(out), 0, outStrides, k.buf(c), 0, out.shape.map(() => 0), out.shape);
  } else {
    k.ctx.fillZero(k.buf(out));
  }
  const offset = x.shape.reduce((acc, _d, i) => acc + (paddings[2 * i] as number) * (outStrides[i] as number), 0);
  k.ctx.stridedCopy(k.buf(out), offset, outStrides, k.buf(x), 0, contiguousStrides(x.shape), x.shape);
}
