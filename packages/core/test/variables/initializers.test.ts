import { afterAll, describe, expect, it } from 'vitest';
import { createReferenceBackend } from '@varscope/backend-reference';
import type { HostTensor } from '@varscope/kernel-api';
import { ValueError } from '../../src/errors.js';
import { Graph, setRandomSeed } from '../../src/graph/index.js';
import type { Tensor } from '../../src/graph/index.js';
import { randomNormal } from '../../src/ops/random.js';
import { Session } from '../../src/session/index.js';
import {
  computeFans, constantInitializer, getVariable, glorotNormalInitializer, glorotUniformInitializer,
  identityInitializer, onesInitializer, orthogonalInitializer, randomNormalInitializer, randomUniformInitializer,
  truncatedNormalInitializer, uniformUnitScalingInitializer, varianceScalingInitializer, zerosInitializer,
} from '../../src/variables/index.js';
import type { Initializer } from '../../src/variables/index.js';
import { inGraph } from './helpers.js';

const sessions: Session[] = [];
afterAll(async () => { await Promise.all(sessions.map((s) => s.close())); });

/** Builds `init.call(shape, …)` in a fresh graph (graph seed 1234) and runs it on the reference backend. */
async function sample(init: Initializer, shape: number[], dtype: 'float32' | 'float64' = 'float32',
  partitionInfo?: { fullShape: number[]; varOffset: number[] }): Promise<number[]> {
  const g = new Graph();
  const t = g.asDefault(() => {
    setRandomSeed(1234);
    return init.call(shape, dtype, partitionInfo);
  });
  const s = new Session({ graph: g, devices: { CPU: createReferenceBackend() } });
  sessions.push(s);
  const out = await s.run(t);
  expect(out.shape).toEqual(shape);
  return Array.from(out.data as Float32Array, Number);
}

/** The value of the `Const` op named `name` in `t`'s graph (a scalar). */
function constScalar(t: Tensor, name: string): number {
  const op = t.graph.getOperationByName(name);
  return Number((op.attrs.value as HostTensor).data[0]);
}

const stats = (xs: readonly number[]) => {
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  const std = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / xs.length);
  const maxAbs = xs.reduce((m, x) => Math.max(m, Math.abs(x)), 0);
  return { mean, std, maxAbs };
};

describe('fans (case 111)', () => {
  it('computes fans by rank', () => {
    expect(computeFans([])).toEqual([1, 1]);
    expect(computeFans([7])).toEqual([7, 7]);
    expect(computeFans([2, 3])).toEqual([2, 3]);
    expect(computeFans([3, 3, 16, 32])).toEqual([144, 288]);
    expect(computeFans([5, 5, 3])).toEqual([25, 15]);
  });
});

describe('variance scaling and glorot (cases 112, 113)', () => {
  it('builds U(-limit, limit) with limit sqrt(3·scale/n) for each mode', () => {
    inGraph(() => {
      const shape = [3, 3, 16, 32];
      const cases = [['fan_in', 144], ['fan_out', 288], ['fan_avg', 216]] as const;
      for (const [mode, n] of cases) {
        const t = varianceScalingInitializer({ scale: 2, mode, distribution: 'uniform' }).call(shape);
        const scope = t.op.name;
        expect(constScalar(t, `${scope}/max`)).toBeCloseTo(Math.sqrt(6 / n), 6);
        expect(constScalar(t, `${scope}/min`)).toBeCloseTo(-Math.sqrt(6 / n), 6);
      }
      const glorot = glorotUniformInitializer().call([2, 3]);
      expect(constScalar(glorot, `${glorot.op.name}/max`)).toBeCloseTo(1.0954451, 6);
    });
  });

  it('widens the truncated normal so the stddev after truncation is sqrt(scale/n)', () => {
    inGraph(() => {
      const t = varianceScalingInitializer({ scale: 2, mode: 'fan_in' }).call([400, 500]);
      expect(t.op.inputs[0]?.op.inputs[0]?.op.type).toBe('TruncatedNormal');
      expect(constScalar(t, `${t.op.name}/stddev`)).toBeCloseTo(Math.sqrt(2 / 400) / 0.87962566103423978, 7);
      const legacy = varianceScalingInitializer({ distribution: 'normal' }).call([10, 10]);
      expect(legacy.op.inputs[0]?.op.inputs[0]?.op.type).toBe('TruncatedNormal');
      const plain = varianceScalingInitializer({ distribution: 'untruncated_normal', mode: 'fan_out' }).call([10, 20]);
      expect(plain.op.inputs[0]?.op.inputs[0]?.op.type).toBe('RandomStandardNormal');
      expect(constScalar(plain, `${plain.op.name}/stddev`)).toBeCloseTo(Math.sqrt(1 / 20), 7);
      const gn = glorotNormalInitializer().call([30, 70]);
      expect(constScalar(gn, `${gn.op.name}/stddev`)).toBeCloseTo(Math.sqrt(2 / 100) / 0.87962566103423978, 7);
    });
  });

  it('uses the full shape of a partitioned variable for fans', () => {
    inGraph(() => {
      const t = glorotUniformInitializer().call([2, 300], 'float32', { fullShape: [200, 300], varOffset: [0, 0] });
      expect(constScalar(t, `${t.op.name}/max`)).toBeCloseTo(Math.sqrt(6 / 500), 6);
    });
  });

  it('draws values with the stated spread', async () => {
    const uniform = stats(await sample(glorotUniformInitializer({ seed: 1 }), [200, 300]));
    const limit = Math.sqrt(6 / 500);
    expect(uniform.maxAbs).toBeLessThanOrEqual(limit);
    expect(uniform.maxAbs).toBeGreaterThan(0.99 * limit);
    expect(uniform.std / (limit / Math.sqrt(3))).toBeCloseTo(1, 1);
    expect(Math.abs(uniform.mean)).toBeLessThan(0.01 * limit);

    const sigma = Math.sqrt(2 / 400);
    const trunc = stats(await sample(varianceScalingInitializer({ scale: 2, seed: 2 }), [400, 500]));
    expect(Math.abs(trunc.std / sigma - 1)).toBeLessThan(0.02);
    expect(trunc.maxAbs).toBeLessThanOrEqual(2 * sigma / 0.87962566103423978 + 1e-7);

    const plain = stats(await sample(varianceScalingInitializer({ scale: 2, distribution: 'untruncated_normal', seed: 3 }), [400, 500]));
    expect(Math.abs(plain.std / sigma - 1)).toBeLessThan(0.02);
    expect(plain.maxAbs).toBeGreaterThan(3 * sigma);
  });

  it('rejects bad arguments with TensorFlow messages', () => {
    expect(() => varianceScalingInitializer({ scale: 0 })).toThrow(new ValueError('`scale` must be positive float.'));
    expect(() => varianceScalingInitializer({ mode: 'fan' as never })).toThrow(/Invalid `mode` argument:/);
    expect(() => varianceScalingInitializer({ distribution: 'cauchy' as never })).toThrow(/Invalid `distribution` argument:/);
    expect(() => varianceScalingInitializer({ dtype: 'int32' })).toThrow(new ValueError("Expected floating point type, got <dtype: 'int32'>."));
    expect(varianceScalingInitializer({ distribution: 'UNIFORM' as never }).getConfig().distribution).toBe('uniform');
  });
});

describe('random initializers (cases 109, 110)', () => {
  it('random uniform: [minval, maxval), maxval defaulting to 1, object and positional forms', async () => {
    const a = stats(await sample(randomUniformInitializer(), [100, 100]));
    const xs = await sample(randomUniformInitializer(-1, 1, { seed: 4 }), [100, 100]);
    expect(xs.every((x) => x >= -1 && x < 1)).toBe(true);
    expect(stats(xs).std).toBeCloseTo(2 / Math.sqrt(12), 2);
    expect(a.mean).toBeCloseTo(0.5, 2);
    const ys = await sample(randomUniformInitializer({ minval: 3, maxval: 5, seed: 4 }), [50, 50], 'float64');
    expect(ys.every((y) => y >= 3 && y < 5)).toBe(true);
  });

  it('random normal: mean and stddev', async () => {
    const s = stats(await sample(randomNormalInitializer({ mean: 3, stddev: 0.5, seed: 5 }), [200, 200]));
    expect(s.mean).toBeCloseTo(3, 2);
    expect(Math.abs(s.std / 0.5 - 1)).toBeLessThan(0.02);
  });

  it('truncated normal: nothing beyond 2σ, stddev 0.8796σ, right mean', async () => {
    const xs = await sample(truncatedNormalInitializer({ mean: 1, stddev: 0.1, seed: 6 }), [300, 300]);
    const s = stats(xs.map((x) => x - 1));
    expect(s.maxAbs).toBeLessThanOrEqual(0.2 + 1e-6);
    expect(s.maxAbs).toBeGreaterThan(0.19);
    expect(Math.abs(s.std / (0.1 * 0.87962566103423978) - 1)).toBeLessThan(0.02);
    expect(Math.abs(s.mean)).toBeLessThan(0.002);
  });

  it('normal initializers reject non-float dtypes (case 110)', () => {
    expect(() => randomNormalInitializer({ dtype: 'int32' })).toThrow("Expected floating point type, got <dtype: 'int32'>.");
    expect(() => truncatedNormalInitializer({ dtype: 'int32' })).toThrow(/Expected floating point type/);
    inGraph(() => expect(() => randomNormalInitializer().call([2], 'int32')).toThrow(/Expected floating point type/));
  });

  it('is reproducible with a graph seed and an op seed', async () => {
    const a = await sample(randomNormalInitializer({ seed: 9 }), [3, 3]);
    const b = await sample(randomNormalInitializer({ seed: 9 }), [3, 3]);
    const c = await sample(randomNormalInitializer({ seed: 10 }), [3, 3]);
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
  });
});

describe('uniform unit scaling, zeros, ones, constant, identity (cases 107, 108, 114)', () => {
  it('uniform unit scaling: limit factor·sqrt(3/inputSize), full shape for partitions', () => {
    inGraph(() => {
      const t = uniformUnitScalingInitializer({ factor: 2 }).call([3, 3, 16, 32]);
      expect(constScalar(t, `${t.op.name}/max`)).toBeCloseTo(2 * Math.sqrt(3 / 144), 6);
      const p = uniformUnitScalingInitializer().call([10, 4], 'float32', { fullShape: [100, 4], varOffset: [0, 0] });
      expect(constScalar(p, `${p.op.name}/max`)).toBeCloseTo(Math.sqrt(3 / 100), 6);
      const z = uniformUnitScalingInitializer().call([0, 4]);
      expect(constScalar(z, `${z.op.name}/max`)).toBeCloseTo(Math.sqrt(3), 6);
    });
  });

  it('zeros and ones take the call dtype, and become a Fill op from 1000 elements', async () => {
    inGraph(() => {
      const small = zerosInitializer().call([3, 2], 'int32');
      expect([small.op.type, small.op.name, small.dtype]).toEqual(['Const', 'zeros', 'int32']);
      const big = zerosInitializer().call([10, 100]);
      expect([big.op.type, big.op.name]).toEqual(['Fill', 'zeros_1']);
      expect(big.op.inputs.map((t) => t.op.name)).toEqual(['zeros_1/shape_as_tensor', 'zeros_1/Const']);
      expect(onesInitializer({ dtype: 'bool' }).call([2]).dtype).toBe('bool');
      expect(zerosInitializer().call([2], 'string').dtype).toBe('string');
    });
    expect(new Set(await sample(onesInitializer(), [40, 30]))).toEqual(new Set([1]));
    expect(new Set(await sample(zerosInitializer(), [40, 30]))).toEqual(new Set([0]));
  });

  it('constant fills row-major, repeats the last value, rejects too many values (case 108)', async () => {
    const values = [0, 1, 2, 3, 4, 5, 6, 7];
    expect(await sample(constantInitializer(values), [2, 4])).toEqual(values);
    expect(await sample(constantInitializer(values), [3, 4])).toEqual([...values, 7, 7, 7, 7]);
    inGraph(() => {
      expect(() => constantInitializer(values).call([2, 3])).toThrow('Too many elements provided. Needed at most 6, but received 8');
      expect(() => constantInitializer(values, { verifyShape: true }).call([3, 4])).toThrow(new TypeError("Expected Tensor's shape: (3, 4), got (8,)."));
      expect(constantInitializer(2.5, { dtype: 'float64' }).call([2]).dtype).toBe('float64');
    });
    expect(() => constantInitializer({} as never)).toThrow(
      /Invalid type for initial value: <class 'Object'> \(expected Python scalar, list or tuple of values, or numpy.ndarray\)\./);
  });

  it('identity: 2-D only, gain, partition slices', async () => {
    expect(await sample(identityInitializer({ gain: 2 }), [2, 3])).toEqual([2, 0, 0, 0, 2, 0]);
    expect(await sample(identityInitializer(), [2, 2], 'float32', { fullShape: [4, 2], varOffset: [1, 0] })).toEqual([0, 1, 0, 0]);
    inGraph(() => expect(() => identityInitializer().call([2, 2, 2])).toThrow(
      new ValueError('Identity matrix initializer can only be used for 2D matrices.')));
  });
});

describe('orthogonal initializer (case 114)', () => {
  /** Columns (or rows, when wider than tall) of the flattened matrix are orthonormal. */
  const gram = (xs: number[], rows: number, cols: number, byRows: boolean): number[][] => {
    const k = byRows ? rows : cols;
    const at = (i: number, j: number) => xs[i * cols + j] as number;
    return Array.from({ length: k }, (_, a) => Array.from({ length: k }, (_, b) => {
      let dot = 0;
      for (let t = 0; t < (byRows ? cols : rows); t++) dot += byRows ? at(a, t) * at(b, t) : at(t, a) * at(t, b);
      return dot;
    }));
  };
  const expectIdentity = (m: number[][], gain2 = 1) => m.forEach((row, i) => row.forEach((x, j) => expect(x).toBeCloseTo(i === j ? gain2 : 0, 5)));

  it('is orthonormal for tall, wide and convolution shapes, scaled by gain', async () => {
    expectIdentity(gram(await sample(orthogonalInitializer({ seed: 1 }), [6, 4]), 6, 4, false));
    expectIdentity(gram(await sample(orthogonalInitializer({ seed: 1 }), [4, 6]), 4, 6, true));
    expectIdentity(gram(await sample(orthogonalInitializer({ seed: 2 }), [3, 3, 4, 8]), 36, 8, false));
    expectIdentity(gram(await sample(orthogonalInitializer({ seed: 3, gain: 2 }), [5, 5], 'float64'), 5, 5, false), 4);
  });

  it('is the sign-corrected Q of the normals a RandomStandardNormal op with the same seeds draws', async () => {
    const [m, n] = [5, 3];
    const g = new Graph();
    const [q, a] = g.asDefault(() => [orthogonalInitializer({ seed: 11 }).call([m, n], 'float64'), randomNormal([m, n], { seed: 11, dtype: 'float64' })]);
    const s = new Session({ graph: g, devices: { CPU: createReferenceBackend() } });
    sessions.push(s);
    const [qr, ar] = await s.run([q, a] as const);
    const [qv, av] = [Array.from(qr.data as Float64Array), Array.from(ar.data as Float64Array)];
    // R = Qᵀ A must be upper triangular with a positive diagonal, and Q R must give back A.
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        let r = 0;
        for (let t = 0; t < m; t++) r += (qv[t * n + i] as number) * (av[t * n + j] as number);
        if (i > j) expect(r).toBeCloseTo(0, 9);
        if (i === j) expect(r).toBeGreaterThan(0);
      }
    }
  });

  it('needs rank 2 and a float dtype', () => {
    inGraph(() => {
      expect(() => orthogonalInitializer().call([4])).toThrow(new ValueError('The tensor to initialize must be at least two-dimensional'));
      expect(() => orthogonalInitializer({ dtype: 'int32' })).toThrow(/Expected floating point type/);
      expect(getVariable('w', [3, 3], { initializer: orthogonalInitializer() }).initialValue.name).toBe('w/Initializer/orthogonal:0');
    });
  });
});
