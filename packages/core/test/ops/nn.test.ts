import { describe, expect, it } from 'vitest';
import { Graph, setRandomSeed } from '../../src/graph/index.js';
import { constant, nn, placeholder } from '../../src/ops/index.js';
import { closeTo, evaluate, inGraph } from './helpers.js';

async function values(build: () => unknown[]): Promise<unknown[]> {
  const g = new Graph();
  return evaluate(g, g.asDefault(build));
}

const softmaxRow = (row: number[]) => {
  const m = Math.max(...row);
  const e = row.map((x) => Math.exp(x - m));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((x) => x / s);
};

describe('activations', () => {
  it('computes relu, relu6, sigmoid, tanh, softplus, elu and leakyRelu', async () => {
    const xs = [-2.5, -0.5, 0, 0.5, 7.5];
    const r = await values(() => {
      const x = constant(xs);
      return [nn.relu(x), nn.relu6(x), nn.sigmoid(x), nn.tanh(x), nn.softplus(x), nn.elu(x), nn.leakyRelu(x), nn.leakyRelu(x, { alpha: 0.5 })];
    });
    expect(closeTo(r, [
      xs.map((x) => Math.max(x, 0)), xs.map((x) => Math.min(Math.max(x, 0), 6)), xs.map((x) => 1 / (1 + Math.exp(-x))),
      xs.map(Math.tanh), xs.map((x) => Math.log1p(Math.exp(x))), xs.map((x) => (x > 0 ? x : Math.exp(x) - 1)),
      xs.map((x) => (x > 0 ? x : 0.2 * x)), xs.map((x) => (x > 0 ? x : 0.5 * x)),
    ])).toBe(true);
  });

  it('takes softmax and log-softmax over the last axis or another one', async () => {
    const rows = [[1.5, 2.5, 0.5], [0.25, 0.25, 3.5]];
    const r = await values(() => {
      const x = constant(rows);
      return [nn.softmax(x), nn.logSoftmax(x), nn.softmax(x, { axis: 0 })];
    });
    const sm = rows.map(softmaxRow);
    const cols = [0, 1, 2].map((j) => softmaxRow(rows.map((row) => row[j] as number)));
    expect(closeTo(r, [sm, sm.map((row) => row.map(Math.log)), [0, 1].map((i) => cols.map((c) => c[i] as number))])).toBe(true);
  });
});

describe('convolution, pooling and bias', () => {
  it('convolves with SAME and VALID padding and strides', async () => {
    // A 1×3×3×1 image and a 2×2×1×1 filter of ones: window sums.
    const image = [[[[1], [2], [3]], [[4], [5], [6]], [[7], [8], [9]]]];
    const filter = [[[[1]], [[1]]], [[[1]], [[1]]]];
    const r = await values(() => {
      const x = constant(image, { dtype: 'float32' });
      const f = constant(filter, { dtype: 'float32' });
      return [nn.conv2d(x, f, [1, 1, 1, 1], 'VALID'), nn.conv2d(x, f, 1, 'SAME'), nn.conv2d(x, f, [2, 2], 'SAME')];
    });
    expect(r).toEqual([
      [[[[12], [16]], [[24], [28]]]],
      [[[[12], [16], [9]], [[24], [28], [15]], [[15], [17], [9]]]],
      [[[[12], [9]], [[15], [9]]]],
    ]);
  });

  it('pools by max and average and adds a bias per channel', async () => {
    const r = await values(() => {
      const x = constant([[[[1, 10], [2, 20]], [[3, 30], [4, 40]]]], { dtype: 'float32' });
      return [nn.maxPool(x, 2, 2, 'VALID'), nn.avgPool(x, [2, 2], [1, 1], 'VALID'), nn.biasAdd(x, [0.5, -0.5])];
    });
    expect(r).toEqual([
      [[[[4, 40]]]], [[[[2.5, 25]]]],
      [[[[1.5, 9.5], [2.5, 19.5]], [[3.5, 29.5], [4.5, 39.5]]]],
    ]);
  });

  it('rejects bad padding, strides and data formats with clear errors, leaving the graph unchanged', () => {
    inGraph((g) => {
      const x = placeholder('float32', [1, 3, 3, 1], { name: 'x' });
      const f = placeholder('float32', [2, 2, 1, 1], { name: 'f' });
      expect(() => nn.conv2d(x, f, [1, 1, 1, 1], 'FULL')).toThrow(/padding must be 'SAME' or 'VALID'/);
      expect(() => nn.conv2d(x, f, [1, 1, 1], 'SAME')).toThrow(/strides should be of length 1, 2 or 4 but was 3/);
      expect(() => nn.maxPool(x, 2, 2, 'SAME', { dataFormat: 'NWHC' as never })).toThrow(/data_format/);
      expect(() => nn.biasAdd(x, [1], { dataFormat: 'HWC' })).toThrow(/data_format must be of shape NC... or N...C/);
      expect(g.size).toBe(2);
    });
  });
});

describe('losses', () => {
  it('computes softmax and sparse softmax cross-entropy, over any rank', async () => {
    const logits = [[1.5, 2.5, 0.5], [0.25, 0.25, 3.5]];
    const r = await values(() => {
      const l = constant(logits);
      return [
        nn.softmaxCrossEntropyWithLogits({ labels: [[0, 1, 0], [0.5, 0.5, 0]], logits: l }),
        nn.sparseSoftmaxCrossEntropyWithLogits({ labels: [1, 2], logits: l }),
        nn.sparseSoftmaxCrossEntropyWithLogits({ labels: [[1, 2]], logits: constant([logits]) }),
        nn.softmaxCrossEntropyWithLogits({ labels: [[1, 0], [0, 0], [0, 1]], logits: constant([[0.5, 1.5], [0.5, 2.5], [0.5, 3.5]]), dim: 0 }),
      ];
    });
    const p = logits.map(softmaxRow);
    const row0 = -Math.log(p[0]?.[1] as number);
    const row1 = -0.5 * Math.log(p[1]?.[0] as number) - 0.5 * Math.log(p[1]?.[1] as number);
    const sparse1 = -Math.log(p[1]?.[2] as number);
    const c0 = softmaxRow([0.5, 0.5, 0.5]);
    const c1 = softmaxRow([1.5, 2.5, 3.5]);
    expect(closeTo(r, [[row0, row1], [row0, sparse1], [[row0, sparse1]], [-Math.log(c0[0] as number), -Math.log(c1[2] as number)]])).toBe(true);
  });

  it('computes the logistic loss stably, even for large logits', async () => {
    const xs = [-100.5, -1.5, 0, 2.5, 100.5];
    const zs = [0, 1, 0.5, 0, 1];
    const r = await values(() => [nn.sigmoidCrossEntropyWithLogits({ labels: zs, logits: constant(xs) })]);
    const expected = xs.map((x, i) => Math.max(x, 0) - x * (zs[i] as number) + Math.log1p(Math.exp(-Math.abs(x))));
    expect(closeTo(r[0], expected)).toBe(true);
    expect((r[0] as number[]).every(Number.isFinite)).toBe(true);
  });

  it('computes l2Loss as sum(t²)/2', async () => {
    expect(await values(() => [nn.l2Loss(constant([1.5, -2.5]))])).toEqual([(1.5 ** 2 + 2.5 ** 2) / 2]);
  });

  it('checks label and logit shapes at graph build', () => {
    inGraph(() => {
      const logits = placeholder('float32', [4, 3]);
      expect(() => nn.sparseSoftmaxCrossEntropyWithLogits({ labels: placeholder('int32', [4, 1]), logits }))
        .toThrow(/Rank mismatch: Rank of labels \(received 2\) should equal rank of logits minus 1 \(received 2\)/);
      expect(() => nn.sparseSoftmaxCrossEntropyWithLogits({ labels: placeholder('int32', [5]), logits }))
        .toThrow(/Shape mismatch: The shape of labels \(received \(5,\)\)/);
      expect(() => nn.sigmoidCrossEntropyWithLogits({ labels: placeholder('float32', [4, 2]), logits }))
        .toThrow(/logits and labels must have the same shape/);
      expect(() => nn.softmaxCrossEntropyWithLogits({ logits } as never)).toThrow(/named arguments/);
    });
  });
});

describe('dropout', () => {
  it('keeps each element with probability keepProb, scaled by 1/keepProb', async () => {
    const g = new Graph();
    const y = g.asDefault(() => {
      setRandomSeed(5);
      return nn.dropout(constant(new Array<number>(2000).fill(1.5)), { keepProb: 0.25 });
    });
    const [v] = await evaluate(g, [y]) as [number[]];
    const kept = v.filter((x) => x !== 0);
    expect(new Set(kept)).toEqual(new Set([6]));
    expect(kept.length / v.length).toBeGreaterThan(0.2);
    expect(kept.length / v.length).toBeLessThan(0.3);
  });

  it('accepts rate, validates its arguments and rejects integer inputs', () => {
    inGraph((g) => {
      const x = placeholder('float32', [3], { name: 'x' });
      expect(nn.dropout(x, { rate: 0.5 }).op.name).toBe('dropout/mul');
      const n = g.size;
      expect(() => nn.dropout(x, { keepProb: 0 })).toThrow(/keep_prob must be a scalar tensor or a float in the range \(0, 1\], got 0/);
      expect(() => nn.dropout(x, { rate: 1 })).toThrow(/range \[0, 1\)/);
      expect(() => nn.dropout(x, {})).toThrow(/exactly one of keepProb and rate/);
      expect(() => nn.dropout(placeholder('int32', [3]), { keepProb: 0.5 })).toThrow(/x has to be a floating point tensor/);
      expect(g.size).toBe(n + 1);
    });
  });
});
