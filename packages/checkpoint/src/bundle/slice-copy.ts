import type { TensorSlice } from './bundle-entry.js';

/** Resolved extents of a slice against a full shape: start and length per dim, validated. */
export function resolveSlice(slice: TensorSlice, fullShape: readonly number[]): { start: number[]; shape: number[] } | string {
  if (slice.length !== fullShape.length) return `slice has rank ${slice.length} but the tensor has rank ${fullShape.length}`;
  const start: number[] = [];
  const shape: number[] = [];
  for (let i = 0; i < slice.length; i++) {
    const e = slice[i] as { start: number; length?: number };
    const dim = fullShape[i] as number;
    const length = e.length ?? dim - e.start;
    if (e.start < 0 || length < 0 || e.start + length > dim) {
      return `slice extent ${e.start},${e.length ?? '-'} is outside dimension ${i} of size ${dim}`;
    }
    start.push(e.start);
    shape.push(length);
  }
  return { start, shape };
}

interface Indexable<T> {
  [i: number]: T;
}

/**
 * Copies a row-major block of `sliceShape` into `dst` (of `fullShape`) at
 * `start`. `lanes` is the number of array elements per tensor element (2
 * for complex). Innermost runs are copied contiguously.
 */
export function copySliceInto<T>(dst: Indexable<T>, fullShape: readonly number[], src: Indexable<T>,
  start: readonly number[], sliceShape: readonly number[], lanes: number): void {
  const rank = fullShape.length;
  if (rank === 0) {
    for (let l = 0; l < lanes; l++) dst[l] = src[l] as T;
    return;
  }
  const strides = new Array<number>(rank).fill(1);
  for (let i = rank - 2; i >= 0; i--) strides[i] = (strides[i + 1] as number) * (fullShape[i + 1] as number);
  const inner = (sliceShape[rank - 1] as number) * lanes;
  let outer = 1;
  for (let i = 0; i < rank - 1; i++) outer *= sliceShape[i] as number;
  if (inner === 0 || outer === 0) return;
  const idx = new Array<number>(rank - 1).fill(0);
  let srcPos = 0;
  for (let o = 0; o < outer; o++) {
    let dstPos = (start[rank - 1] as number);
    for (let i = 0; i < rank - 1; i++) dstPos += ((start[i] as number) + (idx[i] as number)) * (strides[i] as number);
    dstPos *= lanes;
    for (let k = 0; k < inner; k++) dst[dstPos + k] = src[srcPos + k] as T;
    srcPos += inner;
    for (let i = rank - 2; i >= 0; i--) {
      idx[i] = (idx[i] as number) + 1;
      if ((idx[i] as number) < (sliceShape[i] as number)) break;
      idx[i] = 0;
    }
  }
}
