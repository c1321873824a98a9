import type { CaseTensor, KernelCase } from './kernel-case.js';
import { ints, literal, tensor } from './values.js';

const outSize = (inSize: number, k: number, stride: number, dilation: number, padding: string): number =>
  padding === 'SAME' ? Math.ceil(inSize / stride) : Math.ceil((inSize - (k - 1) * dilation) / stride);

/** Activations' gradients, softmax family, bias add, cross-entropies, L2 loss. */
export function activationCases(): KernelCase[] {
  const cases: KernelCase[] = [];
  let seed = 9000;
  for (const op of ['ReluGrad', 'Relu6Grad', 'SoftplusGrad', 'EluGrad']) {
    cases.push({ id: `${op}/float32`, op, dtype: 'float32', attrs: { T: 'float32' },
      inputs: [tensor('float32', [3, 7], seed++), tensor('float32', [3, 7], seed++, { min: -2, max: 8 })],
      outputs: [{ dtype: 'float32', shape: [3, 7] }], tolerance: 'elementwise', tags: [] });
  }
  for (const op of ['SigmoidGrad', 'TanhGrad']) {
    cases.push({ id: `${op}/float32`, op, dtype: 'float32', attrs: { T: 'float32' },
      inputs: [tensor('float32', [3, 7], seed++, { min: 0, max: 1 }), tensor('float32', [3, 7], seed++)],
      outputs: [{ dtype: 'float32', shape: [3, 7] }], tolerance: 'elementwise', tags: [] });
  }
  cases.push({ id: 'LeakyRelu/float32', op: 'LeakyRelu', dtype: 'float32', attrs: { alpha: 0.2, T: 'float32' },
    inputs: [tensor('float32', [10], seed++)], outputs: [{ dtype: 'float32', shape: [10] }], tolerance: 'elementwise', tags: [] });
  for (const op of ['Softmax', 'LogSoftmax']) {
    for (const dtype of ['float32', 'float64'] as const) {
      for (const shape of [[5], [3, 10], [2, 3, 4], [4, 1000]]) {
        cases.push({ id: `${op}/${dtype}/[${shape.join(',')}]`, op, dtype, attrs: { T: dtype },
          inputs: [tensor(dtype, shape, seed++, { min: -20, max: 20 })], outputs: [{ dtype, shape }],
          tolerance: 'accumulation', tags: [] });
      }
    }
  }
  for (const fmt of ['NHWC', 'NCHW']) {
    const shape = [2, 3, 4, 5];
    const c = fmt === 'NHWC' ? 5 : 3;
    cases.push({ id: `BiasAdd/float32/${fmt}`, op: 'BiasAdd', dtype: 'float32', attrs: { T: 'float32', data_format: fmt },
      inputs: [tensor('float32', shape, seed++), tensor('float32', [c], seed++)], outputs: [{ dtype: 'float32', shape }],
      tolerance: 'elementwise', tags: [] });
    cases.push({ id: `BiasAddGrad/float32/${fmt}`, op: 'BiasAddGrad', dtype: 'float32', attrs: { T: 'float32', data_format: fmt },
      inputs: [tensor('float32', shape, seed++)], outputs: [{ dtype: 'float32', shape: [c] }], tolerance: 'accumulation', tags: [] });
  }
  cases.push({ id: 'BiasAdd/float32/rank2', op: 'BiasAdd', dtype: 'float32', attrs: { T: 'float32', data_format: 'NHWC' },
    inputs: [tensor('float32', [128, 10], seed++), tensor('float32', [10], seed++)], outputs: [{ dtype: 'float32', shape: [128, 10] }],
    tolerance: 'elementwise', tags: [] });
  cases.push({ id: 'SoftmaxCrossEntropyWithLogits/float32', op: 'SoftmaxCrossEntropyWithLogits', dtype: 'float32', attrs: { T: 'float32' },
    inputs: [tensor('float32', [4, 10], seed++, { min: -5, max: 5 }), tensor('float32', [4, 10], seed++, { min: 0, max: 1 })],
    outputs: [{ dtype: 'float32', shape: [4] }, { dtype: 'float32', shape: [4, 10] }], tolerance: 'accumulation', tags: [] });
  cases.push({ id: 'SparseSoftmaxCrossEntropyWithLogits/float32', op: 'SparseSoftmaxCrossEntropyWithLogits', dtype: 'float32',
    attrs: { T: 'float32', Tlabels: 'int32' },
    inputs: [tensor('float32', [5, 7], seed++, { min: -5, max: 5 }), literal('int32', [5], [0, 6, 3, 3, 1])],
    outputs: [{ dtype: 'float32', shape: [5] }, { dtype: 'float32', shape: [5, 7] }], tolerance: 'accumulation', tags: [] });
  cases.push({ id: 'SparseSoftmaxCrossEntropyWithLogits/float32/label-out-of-range', op: 'SparseSoftmaxCrossEntropyWithLogits',
    dtype: 'float32', attrs: { T: 'float32', Tlabels: 'int64' },
    inputs: [tensor('float32', [2, 3], seed++), literal('int64', [2], [1, 3])],
    outputs: [{ dtype: 'float32', shape: [2] }, { dtype: 'float32', shape: [2, 3] }], tolerance: 'exact',
    throws: 'Received a label value of 3 which is outside the valid range of [0, 3)', tags: ['error'] });
  cases.push({ id: 'L2Loss/float32', op: 'L2Loss', dtype: 'float32', attrs: { T: 'float32' },
    inputs: [tensor('float32', [6, 7], seed++)], outputs: [{ dtype: 'float32', shape: [] }], tolerance: 'accumulation', tags: [] });
  return cases;
}

interface ConvSpec { n: number; h: number; w: number; cin: number; kh: number; kw: number; cout: number; stride: number; dilation: number; padding: 'SAME' | 'VALID' }
const CONVS: readonly ConvSpec[] = [
  { n: 1, h: 5, w: 5, cin: 1, kh: 3, kw: 3, cout: 1, stride: 1, dilation: 1, padding: 'SAME' },
  { n: 2, h: 7, w: 6, cin: 3, kh: 3, kw: 2, cout: 4, stride: 1, dilation: 1, padding: 'VALID' },
  { n: 2, h: 8, w: 8, cin: 4, kh: 3, kw: 3, cout: 5, stride: 2, dilation: 1, padding: 'SAME' },
  { n: 1, h: 9, w: 9, cin: 2, kh: 3, kw: 3, cout: 3, stride: 1, dilation: 2, padding: 'SAME' },
  { n: 1, h: 10, w: 7, cin: 3, kh: 5, kw: 5, cout: 2, stride: 3, dilation: 1, padding: 'VALID' },
  { n: 1, h: 14, w: 14, cin: 16, kh: 3, kw: 3, cout: 16, stride: 1, dilation: 1, padding: 'SAME' },
];

/** Conv2D and both backprops, NHWC (and one NCHW), SAME/VALID, strides and dilations; pooling and its gradients. */
export function convolutionCases(): KernelCase[] {
  const cases: KernelCase[] = [];
  let seed = 10000;
  for (const c of CONVS) {
    const oh = outSize(c.h, c.kh, c.stride, c.dilation, c.padding);
    const ow = outSize(c.w, c.kw, c.stride, c.dilation, c.padding);
    const id = `${c.n}x${c.h}x${c.w}x${c.cin}*${c.kh}x${c.kw}x${c.cout}/s${c.stride}/d${c.dilation}/${c.padding}`;
    const attrs = { T: 'float32', strides: [1, c.stride, c.stride, 1], use_cudnn_on_gpu: true, padding: c.padding,
      explicit_paddings: [], data_format: 'NHWC', dilations: [1, c.dilation, c.dilation, 1] };
    const input = tensor('float32', [c.n, c.h, c.w, c.cin], seed++, { min: -1, max: 1 });
    const filter = tensor('float32', [c.kh, c.kw, c.cin, c.cout], seed++, { min: -1, max: 1 });
    const dy = tensor('float32', [c.n, oh, ow, c.cout], seed++, { min: -1, max: 1 });
    cases.push({ id: `Conv2D/float32/${id}`, op: 'Conv2D', dtype: 'float32', attrs, inputs: [input, filter],
      outputs: [{ dtype: 'float32', shape: [c.n, oh, ow, c.cout] }], tolerance: 'accumulation', tags: [] });
    cases.push({ id: `Conv2DBackpropInput/float32/${id}`, op: 'Conv2DBackpropInput', dtype: 'float32', attrs,
      inputs: [ints([c.n, c.h, c.w, c.cin]), filter, dy], outputs: [{ dtype: 'float32', shape: [c.n, c.h, c.w, c.cin] }],
      tolerance: 'accumulation', tags: [] });
    cases.push({ id: `Conv2DBackpropFilter/float32/${id}`, op: 'Conv2DBackpropFilter', dtype: 'float32', attrs,
      inputs: [input, ints([c.kh, c.kw, c.cin, c.cout]), dy], outputs: [{ dtype: 'float32', shape: [c.kh, c.kw, c.cin, c.cout] }],
      tolerance: 'accumulation', tags: [] });
  }
  cases.push({ id: 'Conv2D/float32/NCHW', op: 'Conv2D', dtype: 'float32',
    attrs: { T: 'float32', strides: [1, 1, 1, 1], use_cudnn_on_gpu: true, padding: 'SAME', explicit_paddings: [], data_format: 'NCHW', dilations: [1, 1, 1, 1] },
    inputs: [tensor('float32', [1, 3, 5, 5], seed++), tensor('float32', [3, 3, 3, 2], seed++)],
    outputs: [{ dtype: 'float32', shape: [1, 2, 5, 5] }], tolerance: 'accumulation', tags: [] });

  const pools: [number, number, number, number, 'SAME' | 'VALID'][] = [[2, 2, 2, 2, 'VALID'], [3, 3, 2, 2, 'SAME'], [3, 3, 1, 1, 'SAME'], [2, 3, 1, 2, 'VALID']];
  for (const [kh, kw, sh, sw, padding] of pools) {
    const [n, h, w, ch] = [2, 7, 6, 3];
    const oh = outSize(h, kh, sh, 1, padding);
    const ow = outSize(w, kw, sw, 1, padding);
    const poolAttrs = { ksize: [1, kh, kw, 1], strides: [1, sh, sw, 1], padding, data_format: 'NHWC', T: 'float32' };
    const id = `${kh}x${kw}/s${sh}x${sw}/${padding}`;
    const x = tensor('float32', [n, h, w, ch], seed++);
    const grad = tensor('float32', [n, oh, ow, ch], seed++);
    cases.push({ id: `MaxPool/float32/${id}`, op: 'MaxPool', dtype: 'float32', attrs: poolAttrs, inputs: [x],
      outputs: [{ dtype: 'float32', shape: [n, oh, ow, ch] }], tolerance: 'exact', tags: [] });
    cases.push({ id: `AvgPool/float32/${id}`, op: 'AvgPool', dtype: 'float32', attrs: poolAttrs, inputs: [x],
      outputs: [{ dtype: 'float32', shape: [n, oh, ow, ch] }], tolerance: 'elementwise', tags: [] });
    cases.push({ id: `AvgPoolGrad/float32/${id}`, op: 'AvgPoolGrad', dtype: 'float32', attrs: poolAttrs,
      inputs: [ints([n, h, w, ch]), grad], outputs: [{ dtype: 'float32', shape: [n, h, w, ch] }], tolerance: 'elementwise', tags: [] });
    cases.push({ id: `MaxPoolGrad/float32/${id}`, op: 'MaxPoolGrad', dtype: 'float32', attrs: poolAttrs,
      inputs: [x, maxPoolNHWC(x, kh, kw, sh, sw, padding, oh, ow), grad], outputs: [{ dtype: 'float32', shape: [n, h, w, ch] }],
      tolerance: 'elementwise', tags: [] });
  }
  return cases;
}

/** MaxPool's output for MaxPoolGrad's `orig_output` input, computed plainly on the host. */
function maxPoolNHWC(x: CaseTensor, kh: number, kw: number, sh: number, sw: number, padding: string, oh: number, ow: number): CaseTensor {
  const [n, h, w, c] = x.shape as [number, number, number, number];
  const padTop = padding === 'SAME' ? Math.max(0, Math.floor(((oh - 1) * sh + kh - h) / 2)) : 0;
  const padLeft = padding === 'SAME' ? Math.max(0, Math.floor(((ow - 1) * sw + kw - w) / 2)) : 0;
  const values: number[] = [];
  for (let b = 0; b < n; b++) for (let i = 0; i < oh; i++) for (let j = 0; j < ow; j++) for (let ch = 0; ch < c; ch++) {
    let m = -Infinity;
    for (let di = 0; di < kh; di++) for (let dj = 0; dj < kw; dj++) {
      const y = i * sh - padTop + di;
      const xx = j * sw - padLeft + dj;
      if (y < 0 || y >= h || xx < 0 || xx >= w) continue;
      m = Math.max(m, x.values[((b * h + y) * w + xx) * c + ch] as number);
    }
    values.push(m);
  }
  return { dtype: 'float32', shape: [n, oh, ow, c], values };
}
