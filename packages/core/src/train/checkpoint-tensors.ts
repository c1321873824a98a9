import { allocateData, shapeSize, shapeStrides } from '@varscope/kernel-api';
import type { DType, HostTensor } from '@varscope/kernel-api';
import type { TensorData, TensorInput, TensorSlice } from '@varscope/checkpoint';
import { InvalidArgumentError } from '../errors.js';
import type { ShapeAndSlice } from '../shape/index.js';

const utf8 = new TextDecoder('utf-8');

/**
 * A checkpoint tensor as a host tensor. Storage is the same for fixed-size dtypes (the
 * checkpoint package and core share TensorFlow's layouts); string elements, bytes on disk,
 * become JS strings decoded as UTF-8.
 */
export function hostTensorFromCheckpoint(t: TensorData, nodeName: string, key: string): HostTensor {
  if (t.dtype === 'variant') {
    throw new InvalidArgumentError(`Tensor ${key} in the checkpoint is a variant tensor, which cannot be restored into a variable`, nodeName);
  }
  if (t.dtype === 'string') {
    return { dtype: 'string', shape: [...t.shape], data: t.data.map((b) => utf8.decode(b)) };
  }
  return { dtype: t.dtype as DType, shape: [...t.shape], data: t.data as HostTensor['data'] };
}

/** A host tensor in the form `CheckpointWriter.add` takes. */
export function checkpointInput(t: HostTensor, nodeName: string, key: string): TensorInput {
  if (t.dtype === 'resource' || t.dtype === 'variant') {
    throw new InvalidArgumentError(`Cannot save ${key}: ${t.dtype} tensors have no checkpoint representation`, nodeName);
  }
  return { dtype: t.dtype, shape: [...t.shape], data: t.data } as TensorInput;
}

/** The checkpoint package's slice form of a parsed `shape_and_slices` entry. */
export function toTensorSlice(s: ShapeAndSlice): TensorSlice {
  return s.slice.map((e, i) => (e === 'full' ? { start: 0, length: s.fullShape[i] as number } : { start: e.start, length: e.length }));
}

/**
 * Copies the box `slice` out of `full` (row-major): what RestoreV2 returns for a partition
 * read from a checkpoint that holds the whole tensor.
 */
export function extractSlice(full: HostTensor, spec: ShapeAndSlice): HostTensor {
  const rank = full.shape.length;
  const starts = spec.slice.map((e) => (e === 'full' ? 0 : e.start));
  const out = spec.sliceShape;
  const n = shapeSize(out);
  const data = allocateData(full.dtype, n) as unknown as { [i: number]: unknown; length: number };
  const src = full.data as unknown as ArrayLike<unknown>;
  const lanes = full.dtype === 'complex64' || full.dtype === 'complex128' ? 2 : 1;
  const strides = shapeStrides(full.shape);
  const index = new Array<number>(rank).fill(0);
  // Copy innermost rows at a time: the last dimension is contiguous in both tensors.
  const row = rank === 0 ? 1 : (out[rank - 1] as number);
  const rows = row === 0 ? 0 : n / row;
  for (let r = 0; r < rows; r++) {
    let base = 0;
    for (let k = 0; k < rank; k++) base += ((index[k] as number) + (starts[k] as number)) * (strides[k] as number);
    for (let j = 0; j < row * lanes; j++) data[r * row * lanes + j] = src[base * lanes + j];
    for (let k = rank - 2; k >= 0; k--) {
      index[k] = (index[k] as number) + 1;
      if ((index[k] as number) < (out[k] as number)) break;
      index[k] = 0;
    }
  }
  return { dtype: full.dtype, shape: [...out], data: data as unknown as HostTensor['data'] };
}
