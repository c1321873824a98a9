/**
 * Normalises an axis in [-rank, rank) to [0, rank); returns null when out of range so that the
 * kernel can raise its own error naming the argument.
 */
export function normalizeAxis(axis: number, rank: number): number | null {
  if (axis < -rank || axis >= rank) return null;
  return axis < 0 ? axis + rank : axis;
}

/** The product of `shape[from..to)`. */
export function dimProduct(shape: readonly number[], from: number, to: number = shape.length): number {
  let n = 1;
  for (let i = from; i < to; i++) n *= shape[i] as number;
  return n;
}

/** Calls `fn` with every coordinate of `shape` in row-major order, and its flat index. The array is reused. */
export function forEachCoord(shape: readonly number[], fn: (coord: readonly number[], flat: number) => void): void {
  const rank = shape.length;
  let size = 1;
  for (const d of shape) size *= d;
  const coord = new Array<number>(rank).fill(0);
  for (let i = 0; i < size; i++) {
    fn(coord, i);
    for (let d = rank - 1; d >= 0; d--) {
      coord[d] = (coord[d] as number) + 1;
      if ((coord[d] as number) < (shape[d] as number)) break;
      coord[d] = 0;
    }
  }
}

/** The flat row-major index of `coord` in `shape`. */
export function flatIndex(coord: readonly number[], shape: readonly number[]): number {
  let flat = 0;
  for (let d = 0; d < shape.length; d++) flat = flat * (shape[d] as number) + (coord[d] as number);
  return flat;
}
