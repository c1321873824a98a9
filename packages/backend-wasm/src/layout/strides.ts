import { shapeStrides } from '@varscope/kernel-api';

/** A strided view of one operand over an iteration shape (element strides; 0 broadcasts). */
export interface StridedLayout {
  readonly dims: number[];
  readonly strides: number[][];
}

/** Strides of `inShape` broadcast (right-aligned, TensorFlow/NumPy rules) to `outShape`. */
export function broadcastStrides(inShape: readonly number[], outShape: readonly number[]): number[] {
  const own = shapeStrides(inShape);
  const offset = outShape.length - inShape.length;
  if (offset < 0) throw new RangeError(`cannot broadcast [${inShape.join(', ')}] to [${outShape.join(', ')}]`);
  return outShape.map((d, i) => {
    const j = i - offset;
    if (j < 0) return 0;
    const s = inShape[j] as number;
    if (s === d) return s === 1 ? 0 : (own[j] as number);
    if (s === 1) return 0;
    throw new RangeError(`cannot broadcast [${inShape.join(', ')}] to [${outShape.join(', ')}]`);
  });
}

/**
 * Drops size-1 dims and merges adjacent dims that every operand walks contiguously, so a
 * kernel loops over as few and as long rows as possible. Always returns rank >= 1.
 */
export function collapse(dims: readonly number[], strides: readonly (readonly number[])[]): StridedLayout {
  const outDims: number[] = [];
  const outStrides: number[][] = strides.map(() => []);
  for (let i = 0; i < dims.length; i++) {
    const d = dims[i] as number;
    if (d === 1) continue;
    const last = outDims.length - 1;
    if (last >= 0 && strides.every((s, k) => (outStrides[k]![last] as number) === (s[i] as number) * d)) {
      outDims[last] = (outDims[last] as number) * d;
      strides.forEach((s, k) => { outStrides[k]![last] = s[i] as number; });
      continue;
    }
    outDims.push(d);
    strides.forEach((s, k) => outStrides[k]!.push(s[i] as number));
  }
  if (outDims.length === 0) return { dims: [1], strides: strides.map(() => [1]) };
  return { dims: outDims, strides: outStrides };
}
