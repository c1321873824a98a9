import { describe, expect, it } from 'vitest';
import { Graph, setRandomSeed } from '../../src/graph/index.js';
import { DEFAULT_GRAPH_SEED, getSeed, randomNormal, randomUniform, truncatedNormal } from '../../src/ops/index.js';
import { evaluate, inGraph } from './helpers.js';

const MAXINT32 = 2 ** 31 - 1;

describe('getSeed (random_seed.get_seed)', () => {
  it('returns (0, 0) — nondeterministic — when neither seed is set', () => {
    inGraph(() => expect(getSeed()).toEqual([0, 0]));
  });

  it('pairs an op seed with DEFAULT_GRAPH_SEED when only the op seed is set', () => {
    inGraph(() => {
      expect(DEFAULT_GRAPH_SEED).toBe(87654321);
      expect(getSeed(5)).toEqual([87654321, 5]);
    });
  });

  it('defaults the op seed to the id of the last op created when the graph seed is set', () => {
    inGraph((g) => {
      setRandomSeed(42);
      expect(getSeed()).toEqual([42, 0]);
      randomUniform([2]);
      const rnd = g.getOperationByName('random_uniform/RandomUniform');
      // get_seed runs after shape/min/max are converted: the op seed is the id of random_uniform/max.
      expect(rnd.attrs.seed).toBe(42);
      expect(rnd.attrs.seed2).toBe(g.getOperationByName('random_uniform/max').id);
      expect(getSeed(7)).toEqual([42, 7]);
    });
  });

  it('truncates seeds mod 2^31 - 1 (non-negative, as in Python) and never derives (0, 0)', () => {
    inGraph((g) => {
      g.seed = MAXINT32;
      expect(getSeed(0)).toEqual([0, MAXINT32]);
      expect(getSeed(MAXINT32 + 5)).toEqual([0, 5]);
      g.seed = -1;
      expect(getSeed(-2)).toEqual([MAXINT32 - 1, MAXINT32 - 2]);
      expect(() => getSeed(1.5)).toThrow(TypeError);
    });
  });

  it('gives a graph built the same way the same seeds', () => {
    const build = () => {
      const g = new Graph();
      return g.asDefault(() => {
        setRandomSeed(1234);
        randomNormal([3]);
        return randomUniform([3]).op.inputs[0]?.op.inputs[0]?.op.attrs;
      });
    };
    expect(build()).toEqual(build());
  });
});

describe('random values on the reference backend', () => {
  it('repeats the same numbers for the same graph seed across graphs and sessions', async () => {
    const run = async () => {
      const g = new Graph();
      const t = g.asDefault(() => {
        setRandomSeed(99);
        return randomUniform([8]);
      });
      return (await evaluate(g, [t]))[0];
    };
    const a = await run();
    expect(await run()).toEqual(a);
  });

  it('draws uniform floats in [minval, maxval) and integers in [minval, maxval)', async () => {
    const g = new Graph();
    const [u, i] = g.asDefault(() => [
      randomUniform([1000], { minval: -2, maxval: 3, seed: 1 }),
      randomUniform([1000], { minval: 5, maxval: 9, dtype: 'int32', seed: 2 }),
    ]);
    const [uv, iv] = await evaluate(g, [u, i]) as [number[], number[]];
    expect(uv).toHaveLength(1000);
    expect(Math.min(...uv)).toBeGreaterThanOrEqual(-2);
    expect(Math.max(...uv)).toBeLessThan(3);
    expect(new Set(iv)).toEqual(new Set([5, 6, 7, 8]));
  });

  it('draws normals with the requested mean and stddev and truncates at two stddev', async () => {
    const g = new Graph();
    const [n, t] = g.asDefault(() => [
      randomNormal([4000], { mean: 3, stddev: 2, seed: 3 }),
      truncatedNormal([4000], { mean: -1, stddev: 0.5, seed: 4 }),
    ]);
    const [nv, tv] = await evaluate(g, [n, t]) as [number[], number[]];
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const std = (xs: number[]) => {
      const m = mean(xs);
      return Math.sqrt(mean(xs.map((x) => (x - m) ** 2)));
    };
    expect(mean(nv)).toBeCloseTo(3, 0);
    expect(std(nv)).toBeCloseTo(2, 0);
    expect(Math.max(...tv.map((x) => Math.abs(x + 1)))).toBeLessThanOrEqual(1);
    // A normal truncated at ±2σ has stddev ≈ 0.8796σ.
    expect(std(tv)).toBeCloseTo(0.5 * 0.8796, 1);
  });

  it('rejects dtypes random ops do not produce', () => {
    inGraph((g) => {
      expect(() => randomUniform([2], { dtype: 'int32' })).toThrow(/Must specify maxval for integer dtype int32/);
      expect(() => randomUniform([2], { dtype: 'bool' })).toThrow(/Invalid dtype bool/);
      expect(() => randomNormal([2], { dtype: 'int32' })).toThrow(/floating point/);
      expect(g.size).toBe(0);
    });
  });
});
