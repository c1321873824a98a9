import { shapeSize } from '@varscope/kernel-api';
import type { HostTensor } from '@varscope/kernel-api';
import { InvalidArgumentError, UnimplementedError } from '../../errors.js';
import type { HostKernel, HostKernelContext } from './host-kernel.js';
import { broadcastIndex, debugShape, hostTensor, readInts } from './host-tensor.js';

// Host versions of the data-movement ops for string tensors. Output shapes come from core's
// shape functions (`ctx.outputShapes()`), so the rules and errors match the device kernels.

const strings = (t: HostTensor): readonly string[] => t.data as string[];
const outShape = (ctx: HostKernelContext, i = 0): number[] => ctx.outputShapes()[i] as number[];

/** Same elements, new shape (Identity, Reshape, ExpandDims, Squeeze). Host values are immutable, so data is shared. */
const relabel = (op: string): HostKernel => ({
  op, dtypes: 'string',
  run: (ctx) => [{ dtype: 'string', shape: outShape(ctx), data: ctx.input(0).data }],
});

function normalizeAxis(axis: number, rank: number, ctx: HostKernelContext): number {
  if (axis < -rank || axis >= rank) {
    throw new InvalidArgumentError(`Expected axis in the range [${-rank}, ${rank}), but got ${axis}`, ctx.nodeName);
  }
  return axis < 0 ? axis + rank : axis;
}

/** Interleaves chunks of the inputs: for each outer index, each input contributes `chunk(input)` elements. */
function interleave(inputs: readonly HostTensor[], outer: number, chunk: (t: HostTensor) => number, shape: number[]): HostTensor {
  const out: string[] = [];
  for (let o = 0; o < outer; o++) {
    for (const t of inputs) {
      const c = chunk(t);
      const d = strings(t);
      for (let k = 0; k < c; k++) out.push(d[o * c + k] as string);
    }
  }
  return hostTensor('string', shape, out);
}

const packKernel: HostKernel = {
  op: 'Pack', dtypes: 'string',
  run: (ctx) => {
    const inputs = ctx.inputs.map((_, i) => ctx.input(i));
    const shape = outShape(ctx);
    const axis = normalizeAxis(Number(ctx.attrs.axis ?? 0), shape.length, ctx);
    const outer = shapeSize(shape.slice(0, axis));
    return [interleave(inputs, outer, (t) => shapeSize(t.shape.slice(axis)), shape)];
  },
};

const concatKernel: HostKernel = {
  op: 'ConcatV2', dtypes: 'string',
  run: (ctx) => {
    const n = ctx.inputs.length - 1;
    const inputs = ctx.inputs.slice(0, n).map((_, i) => ctx.input(i));
    const shape = outShape(ctx);
    const axisValue = readInts(ctx.input(n), 'axis', ctx.nodeName)[0] ?? 0;
    const axis = normalizeAxis(axisValue, shape.length, ctx);
    const outer = shapeSize(shape.slice(0, axis));
    return [interleave(inputs, outer, (t) => shapeSize(t.shape.slice(axis)), shape)];
  },
};

const gatherKernel: HostKernel = {
  op: 'GatherV2', dtypes: 'string',
  run: (ctx) => {
    if (Number(ctx.attrs.batch_dims ?? 0) !== 0) {
      throw new UnimplementedError(`GatherV2 on strings supports batch_dims = 0 only (node ${ctx.nodeName})`, ctx.nodeName);
    }
    const params = ctx.input(0);
    const indices = readInts(ctx.input(1), 'indices', ctx.nodeName);
    const axis = normalizeAxis(readInts(ctx.input(2), 'axis', ctx.nodeName)[0] ?? 0, params.shape.length, ctx);
    const dim = params.shape[axis] as number;
    const outer = shapeSize(params.shape.slice(0, axis));
    const inner = shapeSize(params.shape.slice(axis + 1));
    indices.forEach((ix, k) => {
      if (ix < 0 || ix >= dim) {
        throw new InvalidArgumentError(`indices[${k}] = ${ix} is not in [0, ${dim})`, ctx.nodeName);
      }
    });
    const src = strings(params);
    const out: string[] = [];
    for (let o = 0; o < outer; o++) {
      for (const ix of indices) {
        const base = (o * dim + ix) * inner;
        for (let k = 0; k < inner; k++) out.push(src[base + k] as string);
      }
    }
    return [hostTensor('string', outShape(ctx), out)];
  },
};

const fillKernel: HostKernel = {
  op: 'Fill', dtypes: 'string',
  run: (ctx) => {
    const value = ctx.input(1);
    if (value.shape.length !== 0) {
      throw new InvalidArgumentError(`value must be a scalar, got shape ${debugShape(value.shape)}`, ctx.nodeName);
    }
    const shape = outShape(ctx);
    return [hostTensor('string', shape, new Array<string>(shapeSize(shape)).fill(strings(value)[0] as string))];
  },
};

/** Elementwise over two broadcast string inputs. */
function binary(op: string, outDtype: 'bool' | 'string', f: (a: string, b: string) => string | boolean): HostKernel {
  return {
    op, dtypes: 'string',
    run: (ctx) => {
      const a = ctx.input(0);
      const b = ctx.input(1);
      const shape = outShape(ctx);
      const ia = broadcastIndex(a.shape, shape);
      const ib = broadcastIndex(b.shape, shape);
      const da = strings(a);
      const db = strings(b);
      const out = hostTensor(outDtype, shape);
      const data = out.data as Uint8Array | string[];
      for (let i = 0; i < ia.length; i++) {
        const r = f(da[ia[i] as number] as string, db[ib[i] as number] as string);
        data[i] = typeof r === 'boolean' ? Number(r) : r;
      }
      return [out];
    },
  };
}

/** `StringJoin`: elementwise concatenation with `separator`; scalars broadcast, other shapes must match. */
const stringJoinKernel: HostKernel = {
  op: 'StringJoin', dtypes: 'any',
  run: (ctx) => {
    const inputs = ctx.inputs.map((_, i) => ctx.input(i));
    let shape: readonly number[] = [];
    for (const t of inputs) {
      if (t.shape.length === 0) continue;
      if (shape.length > 0 && (shape.length !== t.shape.length || shape.some((d, i) => d !== t.shape[i]))) {
        throw new InvalidArgumentError(`Input shapes do not match: ${debugShape(shape)} vs. ${debugShape(t.shape)}`, ctx.nodeName);
      }
      shape = t.shape;
    }
    const n = shapeSize(shape);
    const separator = (ctx.attrs.separator as string | undefined) ?? '';
    const out: string[] = new Array<string>(n);
    for (let i = 0; i < n; i++) {
      out[i] = inputs.map((t) => strings(t)[t.shape.length === 0 ? 0 : i] as string).join(separator);
    }
    return [hostTensor('string', shape, out)];
  },
};

export const STRING_KERNELS: readonly HostKernel[] = [
  relabel('Identity'),
  relabel('StopGradient'),
  relabel('Reshape'),
  relabel('ExpandDims'),
  relabel('Squeeze'),
  packKernel,
  concatKernel,
  gatherKernel,
  fillKernel,
  binary('Equal', 'bool', (a, b) => a === b),
  binary('NotEqual', 'bool', (a, b) => a !== b),
  binary('Add', 'string', (a, b) => a + b),
  stringJoinKernel,
];
