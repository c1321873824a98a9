import type { HostTensor } from '@varscope/kernel-api';
import { describe, expect, it } from 'vitest';
import { runOp, run1, tensor, values, vec } from './support/run-op.js';

const un = (op: string, x: HostTensor, attrs: Record<string, number> = {}) => run1(op, [x], { dtype: x.dtype, shape: [...x.shape] }, { T: x.dtype, ...attrs });
const grad = (op: string, a: HostTensor, b: HostTensor) => run1(op, [a, b], { dtype: a.dtype, shape: [...a.shape] }, { T: a.dtype });

describe('activations', () => {
  it('computes each activation, rounding once to the dtype', () => {
    expect(un('Relu', vec('float32', [-1, 0, 2, NaN]))).toEqual([0, 0, 2, NaN]);
    expect(un('Relu6', vec('float32', [-1, 3, 7, NaN]))).toEqual([0, 3, 6, NaN]);
    expect(un('Sigmoid', vec('float64', [0, 1]))).toEqual([0.5, 1 / (1 + Math.exp(-1))]);
    expect(un('Tanh', vec('float32', [0.5]))).toEqual([Math.fround(Math.tanh(0.5))]);
    expect(un('Softplus', vec('float64', [0, 1000, -1000, 30]))).toEqual([Math.LN2, 1000, 0, 30 + Math.log1p(Math.exp(-30))]);
    expect(un('Elu', vec('float64', [-1, 2]))).toEqual([Math.expm1(-1), 2]);
    expect(un('LeakyRelu', vec('float32', [-2, 3]), { alpha: 0.1 } as Record<string, number>)).toEqual([Math.fround(-2 * Math.fround(0.1)), 3]);
    expect(un('Sigmoid', vec('float16', [0]))).toEqual([0.5]);
  });

  it('computes activation gradients with TensorFlow masks', () => {
    expect(grad('ReluGrad', vec('float32', [1, 2, NaN]), vec('float32', [1, -1, -1]))).toEqual([1, 0, NaN]);
    expect(grad('Relu6Grad', vec('float32', [1, 1, 1]), vec('float32', [0, 3, 6]))).toEqual([0, 1, 0]);
    expect(grad('SoftplusGrad', vec('float64', [2]), vec('float64', [0]))).toEqual([1]);
    expect(grad('EluGrad', vec('float64', [2, 2]), vec('float64', [-0.5, 1]))).toEqual([1, 2]);
    expect(grad('SigmoidGrad', vec('float64', [0.5]), vec('float64', [2]))).toEqual([0.5]);
    expect(grad('TanhGrad', vec('float64', [0.5]), vec('float64', [2]))).toEqual([1.5]);
    expect(() => grad('ReluGrad', vec('float32', [1, 2]), vec('float32', [1]))).toThrow(/second input has shape \[1\], expected \[2\]/);
  });
});

describe('Softmax and LogSoftmax', () => {
  it('subtract the row max, so large logits do not overflow', () => {
    const e = [Math.exp(-2), Math.exp(-1), 1];
    const s = e[0]! + e[1]! + e[2]!;
    expect(un('Softmax', tensor('float64', [2, 3], [1, 2, 3, 1000, 1000, 1000]))).toEqual([e[0]! / s, e[1]! / s, 1 / s, 1 / 3, 1 / 3, 1 / 3]);
    expect(un('LogSoftmax', vec('float64', [1, 2, 3]))).toEqual([-2 - Math.log(s), -1 - Math.log(s), -Math.log(s)]);
    expect(un('Softmax', tensor('float32', [0, 4], []))).toEqual([]);
  });
});

describe('cross-entropy', () => {
  it('gives loss and backprop, broadcasting labels', () => {
    const [loss, back] = runOp('SoftmaxCrossEntropyWithLogits', [tensor('float64', [2, 2], [0, 0, 1000, 0]), tensor('float64', [1, 2], [1, 0])],
      [{ dtype: 'float64', shape: [2] }, { dtype: 'float64', shape: [2, 2] }], { T: 'float64' });
    expect(values(loss!)).toEqual([Math.LN2, 0]);
    expect(values(back!)).toEqual([-0.5, 0.5, 0, 0]);
  });

  it('takes sparse labels and rejects ones out of range', () => {
    const [loss, back] = runOp('SparseSoftmaxCrossEntropyWithLogits', [tensor('float32', [2, 2], [0, 0, 0, 0]), vec('int64', [1n, 0n])],
      [{ dtype: 'float32', shape: [2] }, { dtype: 'float32', shape: [2, 2] }], { T: 'float32', Tlabels: 'int64' });
    expect(values(loss!)).toEqual([Math.fround(Math.LN2), Math.fround(Math.LN2)]);
    expect(values(back!)).toEqual([0.5, -0.5, -0.5, 0.5]);
    expect(() => runOp('SparseSoftmaxCrossEntropyWithLogits', [tensor('float32', [2, 3], [0, 0, 0, 0, 0, 0]), vec('int32', [1, 3])],
      [{ dtype: 'float32', shape: [2] }, { dtype: 'float32', shape: [2, 3] }], { T: 'float32', Tlabels: 'int32' }))
      .toThrow('Received a label value of 3 which is outside the valid range of [0, 3).  Label values: 1 3');
  });
});

describe('BiasAdd, BiasAddGrad, L2Loss', () => {
  it('adds the bias on the channel dimension of either layout', () => {
    const x = tensor('float32', [1, 2, 1, 2], [1, 2, 3, 4]);
    expect(run1('BiasAdd', [x, vec('float32', [10, 20])], { dtype: 'float32', shape: [1, 2, 1, 2] }, { T: 'float32' })).toEqual([11, 22, 13, 24]);
    expect(run1('BiasAdd', [x, vec('float32', [10, 20])], { dtype: 'float32', shape: [1, 2, 1, 2] }, { T: 'float32', data_format: 'NCHW' })).toEqual([11, 12, 23, 24]);
    expect(run1('BiasAdd', [tensor('int32', [2, 1], [2147483647, 1]), vec('int32', [1])], { dtype: 'int32', shape: [2, 1] }, { T: 'int32' })).toEqual([-2147483648, 2]);
    expect(run1('BiasAddGrad', [x], { dtype: 'float32', shape: [2] }, { T: 'float32' })).toEqual([4, 6]);
    expect(run1('BiasAddGrad', [x], { dtype: 'float32', shape: [2] }, { T: 'float32', data_format: 'NCHW' })).toEqual([3, 7]);
    expect(() => run1('BiasAdd', [x, vec('float32', [1, 2, 3])], { dtype: 'float32', shape: [1, 2, 1, 2] }, { T: 'float32' })).toThrow(/as many biases as the channel dimension/);
  });

  it('computes sum(t²)/2', () => {
    expect(run1('L2Loss', [vec('float32', [1, 2, 3])], { dtype: 'float32', shape: [] }, { T: 'float32' })).toEqual([7]);
    expect(run1('L2Loss', [tensor('float64', [0], [])], { dtype: 'float64', shape: [] }, { T: 'float64' })).toEqual([0]);
  });
});

const iota = (n: number, scale = 1): number[] => Array.from({ length: n }, (_, i) => (i + 1) * scale);

describe('Conv2D', () => {
  const img = tensor('float32', [1, 3, 3, 1], iota(9));
  const ones = tensor('float32', [2, 2, 1, 1], [1, 1, 1, 1]);
  const conv = (x: HostTensor, f: HostTensor, shape: number[], attrs: Record<string, unknown>) =>
    run1('Conv2D', [x, f], { dtype: x.dtype, shape }, { T: x.dtype, ...attrs } as never);

  it('cross-correlates with VALID and SAME padding, strides and dilations', () => {
    expect(conv(img, ones, [1, 2, 2, 1], { strides: [1, 1, 1, 1], padding: 'VALID' })).toEqual([12, 16, 24, 28]);
    expect(conv(img, ones, [1, 3, 3, 1], { strides: [1, 1, 1, 1], padding: 'SAME' })).toEqual([12, 16, 9, 24, 28, 15, 15, 17, 9]);
    expect(conv(img, ones, [1, 2, 2, 1], { strides: [1, 2, 2, 1], padding: 'SAME' })).toEqual([12, 9, 15, 9]);
    expect(conv(img, ones, [1, 1, 1, 1], { strides: [1, 1, 1, 1], padding: 'VALID', dilations: [1, 2, 2, 1] })).toEqual([20]);
  });

  it('reads NCHW input and strides in NCHW order', () => {
    const x = tensor('float64', [1, 2, 2, 2], [1, 2, 3, 4, 5, 6, 7, 8]); // channel 0: 1..4, channel 1: 5..8
    const f = tensor('float64', [1, 1, 2, 1], [1, 10]);
    expect(conv(x, f, [1, 1, 2, 2], { strides: [1, 1, 1, 1], padding: 'VALID', data_format: 'NCHW' })).toEqual([51, 62, 73, 84]);
    expect(conv(x, f, [1, 1, 1, 1], { strides: [1, 1, 2, 2], padding: 'VALID', data_format: 'NCHW' })).toEqual([51]);
    const wide = tensor('float32', [1, 2, 1, 3], [1, 2, 3, 4, 5, 6]);
    expect(conv(wide, tensor('float32', [1, 2, 2, 1], [1, 1, 1, 1]), [1, 1, 1, 2], { strides: [1, 1, 1, 1], padding: 'VALID', data_format: 'NCHW' })).toEqual([12, 16]);
  });

  it('rejects strides on the batch or depth dimension', () => {
    expect(() => conv(img, ones, [1, 2, 2, 1], { strides: [2, 1, 1, 1], padding: 'VALID' })).toThrow(/strides in the batch and depth dimensions/);
  });

  // Conv2D is linear in each argument, so a unit finite difference of L = Σ conv(x, f)·w is exact
  // (up to float64 rounding): the backprops must equal it.
  const configs = [
    { name: 'NHWC VALID', format: 'NHWC', padding: 'VALID', strides: [1, 1, 1, 1], dilations: [1, 1, 1, 1] },
    { name: 'NHWC SAME stride 2', format: 'NHWC', padding: 'SAME', strides: [1, 2, 2, 1], dilations: [1, 1, 1, 1] },
    { name: 'NHWC SAME dilation 2', format: 'NHWC', padding: 'SAME', strides: [1, 1, 1, 1], dilations: [1, 2, 2, 1] },
    { name: 'NCHW VALID stride 2', format: 'NCHW', padding: 'VALID', strides: [1, 1, 2, 1], dilations: [1, 1, 1, 1] },
    { name: 'NCHW SAME', format: 'NCHW', padding: 'SAME', strides: [1, 1, 1, 1], dilations: [1, 1, 1, 2] },
  ] as const;

  for (const c of configs) {
    it(`has backprops equal to finite differences (${c.name})`, () => {
      const [n, h, w, ci, co, kh, kw] = [2, 5, 4, 2, 3, 3, 2];
      const xShape = c.format === 'NHWC' ? [n, h, w, ci] : [n, ci, h, w];
      const fShape = [kh, kw, ci, co];
      let seed = 7;
      const rand = () => { seed = (seed * 16807) % 2147483647; return seed / 2147483647 - 0.5; };
      const xv = Array.from({ length: n * h * w * ci }, rand);
      const fv = Array.from({ length: kh * kw * ci * co }, rand);
      const attrs = { strides: c.strides, padding: c.padding, data_format: c.format, dilations: c.dilations };
      const outShapeOf = (x: number[], f: number[]) => {
        const y0 = runOp('Conv2D', [tensor('float64', xShape, x), tensor('float64', fShape, f)], [{ dtype: 'float64', shape: probeShape }], { T: 'float64', ...attrs } as never);
        return values(y0[0]!) as number[];
      };
      // The output shape, from TensorFlow's windowed-size rule.
      const size = (len: number, k: number, s: number, d: number) => {
        const eff = (k - 1) * d + 1;
        return c.padding === 'SAME' ? Math.ceil(len / s) : Math.floor((len - eff) / s) + 1;
      };
      const [sh, sw] = c.format === 'NHWC' ? [c.strides[1], c.strides[2]] : [c.strides[2], c.strides[3]];
      const [dh, dw] = c.format === 'NHWC' ? [c.dilations[1], c.dilations[2]] : [c.dilations[2], c.dilations[3]];
      const oh = size(h, kh, sh, dh);
      const ow = size(w, kw, sw, dw);
      const probeShape = c.format === 'NHWC' ? [n, oh, ow, co] : [n, co, oh, ow];
      const weights = Array.from({ length: n * oh * ow * co }, rand);
      const loss = (x: number[], f: number[]) => outShapeOf(x, f).reduce((s, v, i) => s + v * weights[i]!, 0);
      const base = loss(xv, fv);
      const dy = tensor('float64', probeShape, weights);
      const dx = values(runOp('Conv2DBackpropInput', [vec('int32', xShape), tensor('float64', fShape, fv), dy], [{ dtype: 'float64', shape: xShape }], { T: 'float64', ...attrs } as never)[0]!) as number[];
      const df = values(runOp('Conv2DBackpropFilter', [tensor('float64', xShape, xv), vec('int32', fShape), dy], [{ dtype: 'float64', shape: fShape }], { T: 'float64', ...attrs } as never)[0]!) as number[];
      xv.forEach((_, i) => {
        const bumped = [...xv];
        bumped[i]! += 1;
        expect(dx[i]).toBeCloseTo(loss(bumped, fv) - base, 9);
      });
      fv.forEach((_, i) => {
        const bumped = [...fv];
        bumped[i]! += 1;
        expect(df[i]).toBeCloseTo(loss(xv, bumped) - base, 9);
      });
    });
  }
});

describe('pooling', () => {
  const pool = (op: string, x: HostTensor, shape: number[], attrs: Record<string, unknown>) =>
    run1(op, [x], { dtype: x.dtype, shape }, { T: x.dtype, ...attrs } as never);
  const x = tensor('float32', [1, 2, 2, 1], [1, 2, 3, 4]);
  const k2s1 = { ksize: [1, 2, 2, 1], strides: [1, 1, 1, 1] };

  it('max-pools, ignoring SAME padding', () => {
    expect(pool('MaxPool', x, [1, 1, 1, 1], { ...k2s1, padding: 'VALID' })).toEqual([4]);
    expect(pool('MaxPool', tensor('float32', [1, 2, 2, 1], [-1, -2, -3, -4]), [1, 2, 2, 1], { ...k2s1, padding: 'SAME' })).toEqual([-1, -2, -3, -4]);
    expect(pool('MaxPool', tensor('float32', [1, 1, 2, 2], [1, 5, 3, 2]), [1, 1, 1, 2], { ksize: [1, 1, 2, 1], strides: [1, 1, 1, 1], padding: 'VALID' })).toEqual([3, 5]);
  });

  it('average-pools, counting only cells inside the input', () => {
    expect(pool('AvgPool', x, [1, 2, 2, 1], { ...k2s1, padding: 'SAME' })).toEqual([2.5, 3, 3.5, 4]);
    expect(pool('AvgPool', tensor('float64', [1, 1, 2, 2], [1, 2, 3, 4]), [1, 1, 1, 1], { ksize: [1, 1, 2, 2], strides: [1, 1, 1, 1], padding: 'VALID', data_format: 'NCHW' })).toEqual([2.5]);
  });

  it('sends each MaxPool gradient to the first maximum of its window', () => {
    const orig = tensor('float32', [1, 2, 3, 1], [5, 5, 1, 1, 5, 5]);
    const dx = run1('MaxPoolGrad', [orig, tensor('float32', [1, 1, 2, 1], [5, 5]), tensor('float32', [1, 1, 2, 1], [10, 100])],
      { dtype: 'float32', shape: [1, 2, 3, 1] }, { T: 'float32', ksize: [1, 2, 2, 1], strides: [1, 1, 1, 1], padding: 'VALID' });
    expect(dx).toEqual([10, 100, 0, 0, 0, 0]);
  });

  it('spreads each AvgPool gradient over the cells counted', () => {
    const dx = run1('AvgPoolGrad', [vec('int32', [1, 2, 2, 1]), tensor('float32', [1, 2, 2, 1], [1, 1, 1, 1])],
      { dtype: 'float32', shape: [1, 2, 2, 1] }, { T: 'float32', ...k2s1, padding: 'SAME' });
    expect(dx).toEqual([0.25, 0.75, 0.75, 2.25]);
  });
});
