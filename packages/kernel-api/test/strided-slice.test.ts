import { describe, expect, it } from 'vitest';
import { KernelArgumentError, validateStridedSlice } from '../src/index.js';

const args = (begin: number[], end: number[], strides: number[], masks: Partial<Record<'beginMask' | 'endMask' | 'ellipsisMask' | 'newAxisMask' | 'shrinkAxisMask', number>> = {}) => ({
  begin, end, strides, beginMask: 0, endMask: 0, ellipsisMask: 0, newAxisMask: 0, shrinkAxisMask: 0, ...masks,
});

/** The indices Python's `list(range(n))[start:stop:step]` selects (None = omitted), from slice.indices. */
function pythonSlice(n: number, start: number | null, stop: number | null, step: number): number[] {
  const [lower, upper] = step > 0 ? [0, n] : [-1, n - 1];
  const fix = (v: number | null, dflt: number): number => {
    if (v === null) return dflt;
    const w = v < 0 ? v + n : v;
    return w < lower ? lower : w > upper ? upper : w;
  };
  const s = fix(start, step > 0 ? lower : upper);
  const e = fix(stop, step > 0 ? upper : lower);
  const out: number[] = [];
  for (let i = s; step > 0 ? i < e : i > e; i += step) out.push(i);
  return out;
}

/** The indices a 1-D spec selects. */
const selected = (spec: ReturnType<typeof validateStridedSlice>): number[] =>
  Array.from({ length: spec.processingShape[0] ?? 0 }, (_, k) => (spec.begin[0] ?? 0) + k * (spec.strides[0] ?? 1));

describe('validateStridedSlice', () => {
  it('selects exactly what Python slicing selects, for every 1-D begin/end/stride/mask combination', () => {
    let cases = 0;
    for (let n = 0; n <= 5; n++) {
      for (let b = -7; b <= 7; b++) {
        for (let e = -7; e <= 7; e++) {
          for (const s of [-3, -2, -1, 1, 2, 3]) {
            for (const beginMask of [0, 1]) {
              for (const endMask of [0, 1]) {
                const spec = validateStridedSlice([n], args([b], [e], [s], { beginMask, endMask }));
                const want = pythonSlice(n, beginMask ? null : b, endMask ? null : e, s);
                expect(selected(spec), `x[${beginMask ? '' : b}:${endMask ? '' : e}:${s}] of ${n}`).toEqual(want);
                expect(spec.finalShape).toEqual([want.length]);
                cases++;
              }
            }
          }
        }
      }
    }
    expect(cases).toBe(6 * 15 * 15 * 6 * 4);
  });

  it('shrinks an axis to one element, wrapping negative indices, and rejects out-of-range ones', () => {
    for (let n = 1; n <= 4; n++) {
      for (let i = -n; i < n; i++) {
        const spec = validateStridedSlice([n], args([i], [i + 1], [1], { shrinkAxisMask: 1 }));
        expect(spec.finalShape).toEqual([]);
        expect(selected(spec)).toEqual([i < 0 ? i + n : i]);
      }
      expect(() => validateStridedSlice([n], args([n], [n + 1], [1], { shrinkAxisMask: 1 }))).toThrow(`slice index ${n} of dimension 0 out of bounds.`);
      expect(() => validateStridedSlice([n], args([-n - 1], [0], [1], { shrinkAxisMask: 1 }))).toThrow(KernelArgumentError);
    }
    expect(() => validateStridedSlice([3], args([0], [1], [-1], { shrinkAxisMask: 1 }))).toThrow('only stride 1 allowed on non-range indexing.');
  });

  it('expands ellipses and places new axes as numpy does', () => {
    const shape = [2, 3, 4];
    expect(validateStridedSlice(shape, args([0, 1], [0, 2], [1, 1], { ellipsisMask: 1, shrinkAxisMask: 2 })).finalShape).toEqual([2, 3]); // x[..., 1]
    expect(validateStridedSlice(shape, args([0, 0, 0], [0, 0, 0], [1, 1, 1], { newAxisMask: 5, ellipsisMask: 2 })).finalShape).toEqual([1, 2, 3, 4, 1]); // x[None, ..., None]
    expect(validateStridedSlice(shape, args([1, 0, 0], [2, 0, 0], [1, 1, 2], { shrinkAxisMask: 1, ellipsisMask: 2, beginMask: 4, endMask: 4 })).finalShape).toEqual([3, 2]); // x[1, ..., ::2]
    expect(validateStridedSlice(shape, args([0, 0, 1], [0, 0, 0], [1, 1, 1], { beginMask: 1, endMask: 5, newAxisMask: 2 })).finalShape).toEqual([2, 1, 2, 4]); // x[:, None, 1:]
    expect(validateStridedSlice(shape, args([], [], [])).finalShape).toEqual([2, 3, 4]); // x[...] implicitly
    expect(validateStridedSlice(shape, args([1], [2], [1])).finalShape).toEqual([1, 3, 4]); // x[1:2]
    expect(validateStridedSlice([], args([0], [0], [1], { newAxisMask: 1 })).finalShape).toEqual([1]); // scalar[None]
  });

  it('resolves the begin/end/strides of every input dimension', () => {
    const spec = validateStridedSlice([5, 6], args([-1, 1], [0, -1], [-2, 2], { endMask: 1 })); // x[-1::-2, 1:-1:2]
    expect(spec.begin).toEqual([4, 1]);
    expect(spec.end).toEqual([-1, 5]);
    expect(spec.strides).toEqual([-2, 2]);
    expect(spec.processingShape).toEqual([3, 2]);
  });

  it('rejects malformed specs in TensorFlow’s words', () => {
    expect(() => validateStridedSlice([3], args([0, 0], [1], [1]))).toThrow('Expected begin, end, and strides to be 1D equal size tensors, but got shapes [2], [1], and [1] instead.');
    expect(() => validateStridedSlice([3], args([0], [1], [0]))).toThrow('strides[0] must be non-zero');
    expect(() => validateStridedSlice([3, 3], args([0, 0], [1, 1], [1, 1], { ellipsisMask: 3 }))).toThrow('Multiple ellipses in slice spec not allowed');
    expect(() => validateStridedSlice([3], args([0, 0], [1, 1], [1, 1]))).toThrow('Index out of range using input dim 1; input has only 1 dims');
  });
});
