import { describe, expect, it } from 'vitest';
import { validateStridedSlice } from '../../src/shape/index.js';
import { ValueError } from '../../src/errors.js';
import { ofType, s, shapes, int } from './helpers.js';

const shape = [5, 6, 7];

describe('validateStridedSlice: TensorFlow docs examples on t of shape [3, 2, 3]', () => {
  const t = [3, 2, 3];
  it('t[1:2, 0:1, 0:3]', () => {
    const spec = validateStridedSlice({ inputShape: t, begin: [1, 0, 0], end: [2, 1, 3], strides: [1, 1, 1] });
    expect(spec.finalShape).toEqual([1, 1, 3]);
    expect(spec.begin).toEqual([1, 0, 0]);
    expect(spec.end).toEqual([2, 1, 3]);
    expect(spec.isSimpleSlice).toBe(true);
    expect(spec.isIdentity).toBe(false);
  });

  it('t[1:2, -1:-3:-1, 0:3] reverses the middle dimension', () => {
    const spec = validateStridedSlice({ inputShape: t, begin: [1, -1, 0], end: [2, -3, 3], strides: [1, -1, 1] });
    expect(spec.finalShape).toEqual([1, 2, 3]);
    expect(spec.begin).toEqual([1, 1, 0]);
    expect(spec.end).toEqual([2, -1, 3]);
    expect(spec.isSimpleSlice).toBe(false);
  });
});

describe('validateStridedSlice: masks on [5, 6, 7]', () => {
  it('foo[..., 3]: ellipsis then a shrunk index', () => {
    const spec = validateStridedSlice({ inputShape: shape, begin: [0, 3], end: [0, 4], strides: [1, 1], ellipsisMask: 1, shrinkAxisMask: 2 });
    expect(spec.finalShape).toEqual([5, 6]);
    expect(spec.processingShape).toEqual([5, 6, 1]);
    expect(spec.shrinkAxes).toEqual([2]);
    expect(spec.begin).toEqual([0, 0, 3]);
    expect(spec.end).toEqual([5, 6, 4]);
  });

  it('foo[1:3, newaxis, ::2]', () => {
    const spec = validateStridedSlice({
      inputShape: shape, begin: [1, 0, 0], end: [3, 0, 0], strides: [1, 1, 2], newAxisMask: 2, beginMask: 4, endMask: 4,
    });
    expect(spec.finalShape).toEqual([2, 1, 3, 7]);
    expect(spec.processingShape).toEqual([2, 3, 7]);
    expect(spec.strides).toEqual([1, 2, 1]);
  });

  it('foo[-1] shrinks the first dimension', () => {
    const spec = validateStridedSlice({ inputShape: shape, begin: [-1], end: [0], strides: [1], shrinkAxisMask: 1 });
    expect(spec.finalShape).toEqual([6, 7]);
    expect(spec.begin).toEqual([4, 0, 0]);
    expect(spec.end).toEqual([5, 6, 7]);
    expect(spec.sliceDim0).toBe(true);
  });

  it('foo[::-1] reverses with masks', () => {
    const spec = validateStridedSlice({ inputShape: shape, begin: [0], end: [0], strides: [-1], beginMask: 1, endMask: 1 });
    expect(spec.finalShape).toEqual([5, 6, 7]);
    expect(spec.begin[0]).toBe(4);
    expect(spec.end[0]).toBe(-1);
    expect(spec.isIdentity).toBe(false);
  });

  it('foo[:] is the identity; foo[1:3] slices dim 0 only; foo[:, 1:3] does not', () => {
    expect(validateStridedSlice({ inputShape: shape, begin: [0], end: [0], strides: [1], beginMask: 1, endMask: 1 }).isIdentity).toBe(true);
    const dim0 = validateStridedSlice({ inputShape: shape, begin: [1], end: [3], strides: [1] });
    expect([dim0.isIdentity, dim0.sliceDim0, dim0.finalShape]).toEqual([false, true, [2, 6, 7]]);
    const dim1 = validateStridedSlice({ inputShape: shape, begin: [0, 1], end: [0, 3], strides: [1, 1], beginMask: 1, endMask: 1 });
    expect([dim1.sliceDim0, dim1.finalShape]).toEqual([false, [5, 2, 7]]);
  });

  it('empty and clamped ranges', () => {
    expect(validateStridedSlice({ inputShape: shape, begin: [2], end: [1], strides: [1] }).finalShape).toEqual([0, 6, 7]);
    expect(validateStridedSlice({ inputShape: shape, begin: [10], end: [20], strides: [1] }).finalShape).toEqual([0, 6, 7]);
    expect(validateStridedSlice({ inputShape: shape, begin: [-100], end: [100], strides: [2] }).finalShape).toEqual([3, 6, 7]);
  });

  it('new axes after an ellipsis, and before one', () => {
    expect(validateStridedSlice({ inputShape: shape, begin: [0, 0], end: [0, 0], strides: [1, 1], ellipsisMask: 1, newAxisMask: 2 }).finalShape)
      .toEqual([5, 6, 7, 1]);
    expect(validateStridedSlice({
      inputShape: shape, begin: [0, 0, 0], end: [0, 0, 1], strides: [1, 1, 1], newAxisMask: 1, ellipsisMask: 2, shrinkAxisMask: 4,
    }).finalShape).toEqual([1, 5, 6]);
  });

  it('partial knowledge: unknown begin/end or dims', () => {
    expect(validateStridedSlice({ inputShape: shape, end: [3], strides: [1] }).finalShape).toEqual([null, 6, 7]);
    expect(validateStridedSlice({ inputShape: shape, strides: [1], shrinkAxisMask: 1 }).finalShape).toEqual([6, 7]);
    expect(validateStridedSlice({ inputShape: [null, 6], begin: [1], end: [3], strides: [1] }).finalShape).toEqual([null, 6]);
    expect(validateStridedSlice({ inputShape: [null, 6], begin: [0, 1], end: [0, 3], strides: [1, 1], beginMask: 1, endMask: 1 }).finalShape)
      .toEqual([null, 2]);
  });

  it('errors with TensorFlow\'s messages', () => {
    expect(() => validateStridedSlice({ inputShape: shape, begin: [7], end: [8], strides: [1], shrinkAxisMask: 1 }))
      .toThrow('slice index 7 of dimension 0 out of bounds.');
    expect(() => validateStridedSlice({ inputShape: shape, begin: [0, 0], end: [0, 0], strides: [1, 1], ellipsisMask: 3 }))
      .toThrow('Multiple ellipses in slice spec not allowed');
    expect(() => validateStridedSlice({ inputShape: shape, begin: [0], end: [1], strides: [0] })).toThrow('strides[0] must be non-zero');
    expect(() => validateStridedSlice({ inputShape: [5, 6], begin: [0, 0, 0], end: [1, 1, 1], strides: [1, 1, 1] }))
      .toThrow('Index out of range using input dim 2; input has only 2 dims');
    expect(() => validateStridedSlice({ inputShape: shape, begin: [0, 0], end: [1], strides: [1, 1] }))
      .toThrow('Expected begin, end, and strides to be 1D equal size tensors, but got shapes [2], [1], and [2] instead.');
    expect(() => validateStridedSlice({ inputShape: shape, begin: [1], end: [2], strides: [-1], shrinkAxisMask: 1 }))
      .toThrow('only stride 1 allowed on non-range indexing.');
    expect(() => validateStridedSlice({ inputShape: shape, begin: [7], end: [8], strides: [1], shrinkAxisMask: 1 })).toThrow(ValueError);
  });
});

describe('StridedSlice shape inference', () => {
  it('uses the processing spec and the masks', () => {
    expect(shapes('StridedSlice', [s(5, 6, 7), int([0, 3]), int([0, 4]), int([1, 1])], { ellipsis_mask: 1, shrink_axis_mask: 2 }))
      .toEqual(['[5,6]']);
    expect(shapes('StridedSlice', [s(null, 6), int([1]), int([3]), int([1])])).toEqual(['[?,6]']);
  });

  it('is unknown without strides or rank', () => {
    expect(shapes('StridedSlice', [s(5, 6), int([1]), int([3]), ofType('int32', 1)])).toEqual(['?']);
    expect(shapes('StridedSlice', [{ shape: null }, int([1]), int([3]), int([1])])).toEqual(['?']);
  });

  it('adds the node context to errors', () => {
    expect(() => shapes('StridedSlice', [s(5), int([7]), int([8]), int([1])], { shrink_axis_mask: 1 }, 'strided'))
      .toThrow("slice index 7 of dimension 0 out of bounds. for 'strided' (op: 'StridedSlice') with input shapes: [5], [1], [1], [1]");
  });
});
