import { shapeSize, shapeStrides } from '@varscope/kernel-api';

/** numpy's broadcast of two shapes, or null when they are incompatible. */
export function broadcastShapes(a: readonly number[], b: readonly number[]): number[] | null {
  const rank = Math.max(a.length, b.length);
  const out = new Array<number>(rank);
  for (let i = 0; i < rank; i++) {
    const da = a[a.length - rank + i] ?? 1;
    const db = b[b.length - rank + i] ?? 1;
    if (da !== db && da !== 1 && db !== 1) return null;
    out[i] = da === 1 ? db : da;
  }
  return out;
}

/**
 * For each element of `outShape` (row-major), the flat index of the element of a tensor of
 * `inShape` that broadcasts onto it. `inShape` must broadcast to `outShape`.
 */
export function broadcastIndexMap(outShape: readonly number[], inShape: readonly number[]): Int32Array | Float64Array {
  const size = shapeSize(outShape);
  const map = size < 2 ** 31 ? new Int32Array(size) : new Float64Array(size);
  const rank = outShape.length;
  const offset = rank - inShape.length;
  const inStrides = shapeStrides(inShape);
  // Stride per output dim into the input: 0 where the input is broadcast (size 1 or missing).
  const strides = outShape.map((_, d) => {
    const id = d - offset;
    return id < 0 || inShape[id] === 1 ? 0 : (inStrides[id] as number);
  });
  const coord = new Array<number>(rank).fill(0);
  let flat = 0;
  for (let i = 0; i < size; i++) {
    map[i] = flat;
    for (let d = rank - 1; d >= 0; d--) {
      coord[d] = (coord[d] as number) + 1;
      flat += strides[d] as number;
      if ((coord[d] as number) < (outShape[d] as number)) break;
      flat -= (strides[d] as number) * (outShape[d] as number);
      coord[d] = 0;
    }
  }
  return map;
}

/** Row-major coordinates of a flat index. */
export function unravelIndex(flat: number, shape: readonly number[]): number[] {
  const coord = new Array<number>(shape.length);
  for (let d = shape.length - 1; d >= 0; d--) {
    const n = shape[d] as number;
    coord[d] = flat % n;
    flat = Math.floor(flat / n);
  }
  return coord;
}
