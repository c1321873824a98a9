// The host-side StridedSlice resolution against the reference backend's ValidateStridedSliceOp
// port, over random shapes, indices, strides and masks: same output shape, same walk, same
// errors; and every walk stays inside the input (what the addon re-checks before launching).
import { KernelArgumentError, validateStridedSlice } from '@varscope/kernel-api';
import { describe, expect, it } from 'vitest';
import { resolveStridedSlice } from '../src/layout/strided-slice-spec.js';
import type { StridedSliceArgs } from '../src/layout/strided-slice-spec.js';

/** Deterministic xorshift32 stream. */
function random(seed: number): (lo: number, hi: number) => number {
  let s = seed >>> 0 || 1;
  return (lo, hi) => {
    s ^= s << 13; s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5; s >>>= 0;
    return lo + (s % (hi - lo + 1));
  };
}

function randomCase(r: (lo: number, hi: number) => number): { shape: number[]; args: StridedSliceArgs } {
  const shape = Array.from({ length: r(0, 4) }, () => r(0, 6));
  const n = r(0, shape.length + 2);
  const pick = () => r(-8, 8);
  const mask = () => r(0, (1 << n) - 1) & r(0, (1 << n) - 1);
  // At most one ellipsis bit most of the time; sometimes two, which must fail the same way.
  const ellipsis = r(0, 9) === 0 ? mask() : (r(0, 2) === 0 && n > 0 ? 1 << r(0, n - 1) : 0);
  return {
    shape,
    args: {
      begin: Array.from({ length: n }, pick),
      end: Array.from({ length: r(0, 20) === 0 ? n + 1 : n }, pick),
      strides: Array.from({ length: n }, () => (r(0, 15) === 0 ? 0 : r(0, 1) === 0 ? r(1, 3) : -r(1, 3))),
      beginMask: mask(), endMask: mask(), ellipsisMask: ellipsis, newAxisMask: mask(), shrinkAxisMask: mask(),
    },
  };
}

describe('resolveStridedSlice', () => {
  it('walks only inside the input, as the shared spec resolves 5000 random slices', () => {
    const r = random(20240607);
    let valid = 0, invalid = 0;
    for (let i = 0; i < 5000; i++) {
      const { shape, args } = randomCase(r);
      const label = JSON.stringify({ shape, args });
      let expected: ReturnType<typeof validateStridedSlice> | Error;
      try {
        expected = validateStridedSlice(shape, args);
      } catch (e) {
        expected = e as Error;
      }
      if (expected instanceof Error) {
        invalid++;
        // Same condition, same wording; ours also names the node.
        expect(() => resolveStridedSlice(shape, args, 'n'), label).toThrow(KernelArgumentError);
        expect(() => resolveStridedSlice(shape, args, 'n'), label).toThrow(expected.message.replace(/^StridedSlice: /, ''));
        continue;
      }
      valid++;
      const walk = resolveStridedSlice(shape, args, 'n');
      expect(walk.outputShape, label).toEqual(expected.finalShape);
      expect(walk.sizes, label).toEqual(expected.processingShape);
      expect(walk.strides, label).toEqual(expected.strides);
      walk.sizes.forEach((size, d) => {
        if (size === 0) return;
        expect(walk.begin[d], label).toBe(expected.begin[d]);
        const last = (walk.begin[d] as number) + (size - 1) * (walk.strides[d] as number);
        expect(Math.min(walk.begin[d] as number, last), label).toBeGreaterThanOrEqual(0);
        expect(Math.max(walk.begin[d] as number, last), label).toBeLessThan(shape[d] as number);
      });
    }
    // The generator must exercise both outcomes substantially.
    expect(valid).toBeGreaterThan(1000);
    expect(invalid).toBeGreaterThan(200);
  });

  it('names the node in TensorFlow\'s wording', () => {
    const args = { begin: [5], end: [6], strides: [1], beginMask: 0, endMask: 0, ellipsisMask: 0, newAxisMask: 0, shrinkAxisMask: 1 };
    expect(() => resolveStridedSlice([3], args, 'x/slice')).toThrow("slice index 5 of dimension 0 out of bounds. (node 'x/slice')");
    expect(() => resolveStridedSlice([3], { ...args, strides: [0], shrinkAxisMask: 0 }, 'x/slice')).toThrow('strides[0] must be non-zero');
  });
});
