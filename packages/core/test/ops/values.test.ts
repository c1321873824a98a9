import { describe, expect, it } from 'vitest';
import { Graph } from '../../src/graph/index.js';
import {
  abs, add, addN, argMax, argMin, cast, ceil, clipByValue, concat, constant, div, divPython2, equal, expandDims, fill, floor,
  floorDiv, gather, greater, index, less, logicalAnd, logicalNot, logicalOr, logicalXor, matMul, maximum, minimum, mod, mul,
  neg, oneHot, ones, onesLike, pad, placeholder, pow, range, rank, reciprocal, reduceAll, reduceAny, reduceMax, reduceMean,
  reduceMin, reduceProd, reduceSum, reshape, round, rsqrt, select, shape, sign, size, slice, split, sqrt, square, squeeze,
  stack, stridedSlice, sub, tile, transpose, unstack, where, zeros, zerosLike, exp, log, realDiv,
} from '../../src/ops/index.js';
import { closeTo, evaluate } from './helpers.js';

/** Builds with `build` in a fresh graph and evaluates every returned tensor. */
async function values(build: () => unknown[], feeds: Record<string, unknown> = {}): Promise<unknown[]> {
  const g = new Graph();
  const fetches = g.asDefault(build);
  return evaluate(g, fetches, feeds);
}

describe('arithmetic values (TF-SEMANTICS 37)', () => {
  it('computes the operators with TensorFlow semantics', async () => {
    const r = await values(() => {
      const f = constant([2.5]);
      const i = constant([20]);
      return [add(f, 0.5), add(1.5, f), sub(f, 1), sub(1, f), mul(f, 10), div(f, 10), div(10, f), neg(f), abs(neg(f)),
        less(f, 3), mod(i, 7), mod(103, i), mod(-7, 3), floorDiv(-7, 2), div(7, 2), divPython2(7, 2), pow(2, 10)];
    });
    expect(closeTo(r, [[3], [4], [1.5], [-1.5], [25], [0.25], [4], [-2.5], [2.5], [true], [6], [3], 2, -4, 3.5, 3, 1024])).toBe(true);
  });

  it('computes the unary functions', async () => {
    const r = await values(() => {
      const x = constant([0.25, 4.5]);
      return [square(x), sqrt(x), rsqrt(x), exp(x), log(x), reciprocal(x), sign(constant([-2.5, 0, 3.5])),
        floor(constant([-1.5, 1.5])), ceil(constant([-1.5, 1.5])), round(constant([0.5, 1.5, 2.5, -0.5]))];
    });
    expect(closeTo(r, [[0.0625, 20.25], [0.5, Math.sqrt(4.5)], [2, 1 / Math.sqrt(4.5)], [Math.exp(0.25), Math.exp(4.5)],
      [Math.log(0.25), Math.log(4.5)], [4, 1 / 4.5], [-1, 0, 1], [-2, 1], [-1, 2], [0, 2, 2, -0]])).toBe(true);
  });

  it('casts, takes maxima and minima, sums lists and divides reals', async () => {
    const r = await values(() => [
      cast(constant([1.7, -1.7]), 'int32'), cast(constant([0, 2]), 'bool'), maximum(constant([1, 5]), 3),
      minimum(constant([1, 5]), 3), addN([constant([1, 2]), constant([3, 4]), constant([5, 6])]), realDiv(constant([1.5]), 0.5),
    ]);
    expect(r).toEqual([[1, -1], [false, true], [3, 5], [1, 3], [9, 12], [3]]);
  });

  it('multiplies matrices with transposes, and batches beyond rank 2', async () => {
    const r = await values(() => {
      const a = constant([[1, 2], [3, 4]], { dtype: 'float32' });
      const b = constant([[5, 6], [7, 8]], { dtype: 'float32' });
      const batch = constant([[[1, 0], [0, 1]], [[2, 0], [0, 2]]], { dtype: 'float32' });
      return [matMul(a, b), matMul(a, b, { transposeA: true }), matMul(a, b, { transposeB: true }), matMul(batch, b)];
    });
    expect(r).toEqual([[[19, 22], [43, 50]], [[26, 30], [38, 44]], [[17, 23], [39, 53]], [[[5, 6], [7, 8]], [[10, 12], [14, 16]]]]);
  });

  it('compares and combines booleans', async () => {
    const r = await values(() => {
      const t = constant([true, true, false, false]);
      const f = constant([true, false, true, false]);
      return [logicalAnd(t, f), logicalOr(t, f), logicalXor(t, f), logicalNot(t), equal(constant([1, 2]), 2), greater(constant([1, 3]), 2)];
    });
    expect(r).toEqual([[true, false, false, false], [true, true, true, false], [false, true, true, false], [false, false, true, true],
      [false, true], [false, true]]);
  });
});

describe('array values', () => {
  it('reshapes, transposes, slices and joins', async () => {
    const r = await values(() => {
      const x = constant([[1, 2, 3], [4, 5, 6]]);
      return [reshape(x, [3, -1]), transpose(x), transpose(x, { perm: [1, 0] }), slice(x, [0, 1], [2, 2]),
        stridedSlice(x, [0, 0], [2, 3], [1, 2]), index(x, [-1, '::-1']), concat([x, x], 1), stack([x, x], { axis: 1 }),
        tile(constant([1, 2]), [2]), pad(constant([[1]]), [[1, 0], [0, 1]]), pad(constant([1]), [[1, 1]], { constantValues: 9 }),
        expandDims(constant([1, 2]), 0), squeeze(constant([[[1], [2]]])), gather(x, [1, 0]), gather(x, [2], { axis: 1 })];
    });
    expect(r).toEqual([
      [[1, 2], [3, 4], [5, 6]], [[1, 4], [2, 5], [3, 6]], [[1, 4], [2, 5], [3, 6]], [[2, 3], [5, 6]],
      [[1, 3], [4, 6]], [6, 5, 4], [[1, 2, 3, 1, 2, 3], [4, 5, 6, 4, 5, 6]], [[[1, 2, 3], [1, 2, 3]], [[4, 5, 6], [4, 5, 6]]],
      [1, 2, 1, 2], [[0, 0], [1, 0]], [9, 1, 9], [[1, 2]], [1, 2], [[4, 5, 6], [1, 2, 3]], [[3], [6]],
    ]);
  });

  it('splits and unstacks', async () => {
    const r = await values(() => {
      const x = constant([[1, 2], [3, 4], [5, 6]]);
      return [...split(x, 3), ...split(x, [1, -1]), ...unstack(x, { axis: 1 })];
    });
    expect(r).toEqual([[[1, 2]], [[3, 4]], [[5, 6]], [[1, 2]], [[3, 4], [5, 6]], [1, 3, 5], [2, 4, 6]]);
  });

  it('fills, counts and queries shapes, including shapes known only at run time', async () => {
    const g = new Graph();
    const { fetches, p } = g.asDefault(() => {
      const p = placeholder('float32', [null, 2], { name: 'p' });
      return {
        p,
        fetches: [zeros([2], 'int32'), ones([2, 1]), fill([2], 7), zerosLike(p), onesLike(p), shape(p), size(p), rank(p),
          zeros([1001]), range(3), range(1, 2, 0.25)],
      };
    });
    const r = await evaluate(g, fetches, { [p.name]: [[1.5, 2.5], [3.5, 4.5], [5.5, 6.5]] });
    expect(r.slice(0, 8)).toEqual([[0, 0], [[1], [1]], [7, 7], [[0, 0], [0, 0], [0, 0]], [[1, 1], [1, 1], [1, 1]], [3, 2], 6, 2]);
    expect((r[8] as number[]).length).toBe(1001);
    expect(r.slice(9)).toEqual([[0, 1, 2], [1, 1.25, 1.5, 1.75]]);
  });

  it('one-hot encodes, selects and finds true elements', async () => {
    const r = await values(() => [
      oneHot([0, 2], 3), oneHot([1], 2, { onValue: 5, offValue: -1 }), select(constant([true, false]), constant([1, 2]), constant([3, 4])),
      where(constant([[true, false], [false, true]])), where(constant([false, true]), constant([1, 2]), constant([3, 4])),
      clipByValue(constant([-1.5, 0.5, 2.5]), 0, 1),
    ]);
    expect(r).toEqual([[[1, 0, 0], [0, 0, 1]], [[-1, 5]], [1, 4], [[0n, 0n], [1n, 1n]], [3, 2], [0, 0.5, 1]]);
  });
});

describe('reduction values', () => {
  it('reduces over all axes, given axes, and keeps dims', async () => {
    const r = await values(() => {
      const x = constant([[1, 2, 3], [4, 5, 6]]);
      return [reduceSum(x), reduceSum(x, { axis: 0 }), reduceSum(x, { axis: [1], keepDims: true }), reduceMean(cast(x, 'float32')),
        reduceMean(x), reduceMax(x, { axis: 1 }), reduceMin(x), reduceProd(x, { axis: 0 }), argMax(x, { axis: 1 }),
        argMin(x, { axis: 0, outputType: 'int32' }), reduceAll(constant([true, false])), reduceAny(constant([true, false]))];
    });
    expect(r).toEqual([21, [5, 7, 9], [[6], [15]], 3.5, 3, [3, 6], 1, [4, 10, 18], [2n, 2n], [0, 0, 0], false, true]);
  });
});

describe('zeros and ones of every kind of dtype', () => {
  it('fills int64, bool and string tensors', async () => {
    const r = await values(() => [zeros([2], 'int64'), ones([2], 'int64'), zeros([2], 'bool'), ones([1], { dtype: 'bool' }), zeros([2], 'string'),
      zeros([2], { dtype: 'float64', name: 'z' })]);
    expect(r).toEqual([[0n, 0n], [1n, 1n], [false, false], [true], ['', ''], [0, 0]]);
  });
});
