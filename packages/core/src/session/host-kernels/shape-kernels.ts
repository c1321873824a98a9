import type { DType, HostTensor } from '@varscope/kernel-api';
import { shapeSize, shapeStrides } from '@varscope/kernel-api';
import { InvalidArgumentError } from '../../errors.js';
import { broadcastGradientArgs } from '../../shape/index.js';
import type { HostKernel } from './host-kernel.js';
import { debugShape, hostTensor, intVector, isNonZero, readInts, scalar } from './host-tensor.js';

const shapeOnly = () => false;

export const shapeKernel: HostKernel = {
  op: 'Shape', dtypes: 'any', readsInput: shapeOnly,
  run: (ctx) => [intVector((ctx.attrs.out_type as DType | undefined) ?? 'int32', (ctx.inputs[0] as { shape: readonly number[] }).shape)],
};

export const sizeKernel: HostKernel = {
  op: 'Size', dtypes: 'any', readsInput: shapeOnly,
  run: (ctx) => {
    const n = shapeSize((ctx.inputs[0] as { shape: readonly number[] }).shape);
    const outType = (ctx.attrs.out_type as DType | undefined) ?? 'int32';
    if (outType === 'int32' && n > 0x7fffffff) {
      throw new InvalidArgumentError(`Number of elements was larger than representable by 32-bit output type`, ctx.nodeName);
    }
    return [scalar(outType === 'int64' ? 'int64' : 'int32', n)];
  },
};

export const rankKernel: HostKernel = {
  op: 'Rank', dtypes: 'any', readsInput: shapeOnly,
  run: (ctx) => [scalar('int32', (ctx.inputs[0] as { shape: readonly number[] }).shape.length)],
};

/** `Where`: row-major coordinates (int64, [n, rank]) of the non-zero elements. */
export const whereKernel: HostKernel = {
  op: 'Where', dtypes: 'any',
  run: (ctx) => {
    const input = ctx.input(0);
    const size = shapeSize(input.shape);
    const rank = input.shape.length;
    const strides = shapeStrides(input.shape);
    const hits: number[] = [];
    for (let i = 0; i < size; i++) if (isNonZero(input, i)) hits.push(i);
    const out = hostTensor('int64', [hits.length, rank]);
    const data = out.data as BigInt64Array;
    hits.forEach((flat, row) => {
      let rest = flat;
      for (let k = 0; k < rank; k++) {
        const s = strides[k] as number;
        data[row * rank + k] = BigInt(Math.floor(rest / s));
        rest %= s;
      }
    });
    return [out];
  },
};

/** `BroadcastGradientArgs`: the axes each input was broadcast along (core's BCast rules in `shape/`). */
export const broadcastGradientArgsKernel: HostKernel = {
  op: 'BroadcastGradientArgs', dtypes: 'any',
  run: (ctx) => {
    const a = ctx.input(0);
    const b = ctx.input(1);
    for (const [t, name] of [[a, 's0'], [b, 's1']] as const) {
      if (t.shape.length !== 1) {
        throw new InvalidArgumentError(`In[${name === 's0' ? 0 : 1}] must be a vector. ${debugShape(t.shape)}`, ctx.nodeName);
      }
    }
    const [r0, r1] = broadcastGradientArgs(readInts(a, 's0', ctx.nodeName), readInts(b, 's1', ctx.nodeName));
    return [intVector(a.dtype, r0), intVector(a.dtype, r1)] satisfies HostTensor[];
  },
};
