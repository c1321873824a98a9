// Every case runs on this backend and on @varscope/backend-reference (the oracle) and must agree
// within this backend's declared tolerance; integer and bool results must be identical.
import { createReferenceBackend } from '@varscope/backend-reference';
import type { DType, KernelBackend, PhiloxState } from '@varscope/kernel-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWasmBackend } from '../src/index.js';
import { expectClose, run, t, type TensorSpec } from './harness.js';

let wasm: KernelBackend;
let reference: KernelBackend;
beforeAll(async () => {
  wasm = createWasmBackend();
  reference = createReferenceBackend();
  await Promise.all([wasm.init(), reference.init()]);
});
afterAll(() => {
  expect(wasm.stats()).toEqual({ liveHandles: 0, bytesInUse: 0 });
  wasm.dispose();
  reference.dispose();
});

let seed = 1;
const rand = (): number => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
};
const size = (shape: number[]): number => shape.reduce((a, b) => a * b, 1);
const f32 = (shape: number[], lo = -2, hi = 2): TensorSpec =>
  t('float32', shape, Array.from({ length: size(shape) }, () => Math.fround(lo + (hi - lo) * rand())));
const typed = (dtype: DType, shape: number[], lo = -5, hi = 5): TensorSpec =>
  t(dtype, shape, Array.from({ length: size(shape) }, () => {
    const v = lo + (hi - lo) * rand();
    return dtype === 'bool' ? (v > 0 ? 1 : 0) : dtype === 'float32' || dtype === 'float64' ? v : Math.round(v);
  }));
const i32 = (values: number[]): TensorSpec => t('int32', [values.length], values);

interface Case {
  name: string;
  op: string;
  inputs: TensorSpec[];
  outputs: { dtype: DType; shape: number[] }[];
  attrs?: Record<string, unknown>;
  philox?: PhiloxState;
  /** Absolute tolerance added to the relative one (for sums of many terms). */
  atol?: number;
}

const out = (dtype: DType, ...shape: number[]) => ({ dtype, shape });

function cases(): Case[] {
  const list: Case[] = [];
  for (const op of ['Add', 'Sub', 'Mul', 'RealDiv', 'Maximum', 'Minimum', 'SquaredDifference', 'Pow', 'FloorDiv', 'FloorMod']) {
    list.push({ name: `${op} float32 broadcast`, op, inputs: [f32([2, 3, 4], 0.5, 2), f32([3, 1], 0.5, 2)], outputs: [out('float32', 2, 3, 4)], attrs: { T: 'float32' } });
  }
  for (const dtype of ['float64', 'int32', 'int64', 'uint8'] as DType[]) {
    for (const op of ['Add', 'Sub', 'Mul', 'Maximum', 'Minimum']) {
      list.push({ name: `${op} ${dtype}`, op, inputs: [typed(dtype, [4, 5], 0, 9), typed(dtype, [5], 0, 9)], outputs: [out(dtype, 4, 5)], attrs: { T: dtype } });
    }
    if (dtype !== 'float64') {
      list.push({ name: `FloorDiv ${dtype}`, op: 'FloorDiv', inputs: [typed(dtype, [12], dtype === 'uint8' ? 0 : -9, 9), typed(dtype, [12], 1, 4)], outputs: [out(dtype, 12)], attrs: { T: dtype } });
      list.push({ name: `FloorMod ${dtype}`, op: 'FloorMod', inputs: [typed(dtype, [12], dtype === 'uint8' ? 0 : -9, 9), typed(dtype, [12], 1, 4)], outputs: [out(dtype, 12)], attrs: { T: dtype } });
    }
  }
  for (const op of ['Equal', 'NotEqual', 'Less', 'LessEqual', 'Greater', 'GreaterEqual']) {
    list.push({ name: `${op} int32`, op, inputs: [typed('int32', [3, 4], 0, 3), typed('int32', [4], 0, 3)], outputs: [out('bool', 3, 4)], attrs: { T: 'int32' } });
  }
  list.push({ name: 'LogicalAnd', op: 'LogicalAnd', inputs: [typed('bool', [6]), typed('bool', [6])], outputs: [out('bool', 6)] });
  list.push({ name: 'LogicalNot', op: 'LogicalNot', inputs: [typed('bool', [6])], outputs: [out('bool', 6)] });
  for (const op of ['Neg', 'Abs', 'Square', 'Exp', 'Sin', 'Cos', 'Floor', 'Ceil', 'Round', 'Relu', 'Relu6', 'Sigmoid', 'Tanh', 'Softplus', 'Elu', 'Sign']) {
    list.push({ name: `${op} float32`, op, inputs: [f32([37], -8, 8)], outputs: [out('float32', 37)], attrs: { T: 'float32' } });
  }
  for (const op of ['Sqrt', 'Rsqrt', 'Log', 'Log1p', 'Reciprocal']) {
    list.push({ name: `${op} float32`, op, inputs: [f32([37], 0.1, 8)], outputs: [out('float32', 37)], attrs: { T: 'float32' } });
  }
  list.push({ name: 'LeakyRelu', op: 'LeakyRelu', inputs: [f32([9])], outputs: [out('float32', 9)], attrs: { T: 'float32', alpha: 0.3 } });
  for (const op of ['ReluGrad', 'Relu6Grad', 'SoftplusGrad', 'EluGrad', 'SigmoidGrad', 'TanhGrad']) {
    list.push({ name: op, op, inputs: [f32([17], -7, 7), f32([17], -7, 7)], outputs: [out('float32', 17)], attrs: { T: 'float32' } });
  }
  for (const dst of ['int32', 'float64', 'bool', 'uint8', 'int64'] as DType[]) {
    list.push({ name: `Cast float32->${dst}`, op: 'Cast', inputs: [f32([10], -3, 300)], outputs: [out(dst, 10)], attrs: { SrcT: 'float32', DstT: dst } });
  }
  list.push({ name: 'Cast int64->float32', op: 'Cast', inputs: [typed('int64', [5], -1e6, 1e6)], outputs: [out('float32', 5)], attrs: { SrcT: 'int64', DstT: 'float32' } });

  // matmul
  for (const [ta, tb] of [[false, false], [true, false], [false, true], [true, true]]) {
    list.push({ name: `MatMul ta=${ta} tb=${tb}`, op: 'MatMul', inputs: [f32(ta ? [33, 21] : [21, 33]), f32(tb ? [19, 33] : [33, 19])], outputs: [out('float32', 21, 19)], attrs: { T: 'float32', transpose_a: ta, transpose_b: tb }, atol: 1e-5 });
  }
  list.push({ name: 'MatMul float64', op: 'MatMul', inputs: [typed('float64', [5, 7]), typed('float64', [7, 3])], outputs: [out('float64', 5, 3)], attrs: { T: 'float64' } });
  list.push({ name: 'MatMul int32', op: 'MatMul', inputs: [typed('int32', [5, 7]), typed('int32', [7, 3])], outputs: [out('int32', 5, 3)], attrs: { T: 'int32' } });
  list.push({ name: 'BatchMatMulV2 broadcast', op: 'BatchMatMulV2', inputs: [f32([3, 1, 4, 6]), f32([2, 6, 5])], outputs: [out('float32', 3, 2, 4, 5)], attrs: { T: 'float32', adj_x: false, adj_y: false }, atol: 1e-5 });
  list.push({ name: 'BatchMatMulV2 adj', op: 'BatchMatMulV2', inputs: [f32([4, 6, 3]), f32([4, 5, 6])], outputs: [out('float32', 4, 3, 5)], attrs: { T: 'float32', adj_x: true, adj_y: true }, atol: 1e-5 });

  // reductions
  for (const op of ['Sum', 'Mean', 'Max', 'Min', 'Prod']) {
    for (const [axes, shape] of [[[1], [2, 3, 4]], [[0, 2], [2, 3, 4]], [[-1], [5, 6]], [[0, 1, 2], [2, 3, 4]]] as [number[], number[]][]) {
      const kept = [2, 3, 4].length === 3 && shape.length === 3 ? shape.filter((_, i) => !axes.map((a) => (a + 3) % 3).includes(i)) : shape.filter((_, i) => !axes.map((a) => (a + shape.length) % shape.length).includes(i));
      list.push({ name: `${op} axes ${axes} of [${shape}]`, op, inputs: [f32(shape, 0.5, 1.5), i32(axes)], outputs: [out('float32', ...kept)], attrs: { T: 'float32', keep_dims: false }, atol: 1e-6 });
    }
  }
  list.push({ name: 'Sum int32', op: 'Sum', inputs: [typed('int32', [4, 5]), i32([0])], outputs: [out('int32', 5)], attrs: { T: 'int32' } });
  list.push({ name: 'Mean int64', op: 'Mean', inputs: [typed('int64', [4, 5], -50, 50), i32([1])], outputs: [out('int64', 4)], attrs: { T: 'int64' } });
  list.push({ name: 'All', op: 'All', inputs: [typed('bool', [3, 4]), i32([1])], outputs: [out('bool', 3)] });
  list.push({ name: 'ArgMax', op: 'ArgMax', inputs: [f32([4, 7]), i32([1])], outputs: [out('int64', 4)], attrs: { T: 'float32', output_type: 'int64' } });
  list.push({ name: 'ArgMin axis 0', op: 'ArgMin', inputs: [f32([4, 7]), i32([0])], outputs: [out('int32', 7)], attrs: { T: 'float32', output_type: 'int32' } });
  list.push({ name: 'L2Loss', op: 'L2Loss', inputs: [f32([10, 3])], outputs: [out('float32')], attrs: { T: 'float32' } });

  // nn
  list.push({ name: 'BiasAdd', op: 'BiasAdd', inputs: [f32([2, 3, 5]), f32([5])], outputs: [out('float32', 2, 3, 5)], attrs: { T: 'float32' } });
  list.push({ name: 'BiasAdd NCHW', op: 'BiasAdd', inputs: [f32([2, 3, 4, 2]), f32([3])], outputs: [out('float32', 2, 3, 4, 2)], attrs: { T: 'float32', data_format: 'NCHW' } });
  list.push({ name: 'BiasAddGrad', op: 'BiasAddGrad', inputs: [f32([4, 3, 5])], outputs: [out('float32', 5)], attrs: { T: 'float32' }, atol: 1e-6 });
  list.push({ name: 'Softmax', op: 'Softmax', inputs: [f32([6, 11], -20, 20)], outputs: [out('float32', 6, 11)], attrs: { T: 'float32' }, atol: 1e-7 });
  list.push({ name: 'LogSoftmax', op: 'LogSoftmax', inputs: [f32([6, 11], -20, 20)], outputs: [out('float32', 6, 11)], attrs: { T: 'float32' }, atol: 1e-5 });
  const labels = f32([5, 4], 0, 1);
  list.push({ name: 'SoftmaxCrossEntropyWithLogits', op: 'SoftmaxCrossEntropyWithLogits', inputs: [f32([5, 4]), labels], outputs: [out('float32', 5), out('float32', 5, 4)], attrs: { T: 'float32' }, atol: 1e-6 });
  list.push({ name: 'SparseSoftmaxCrossEntropyWithLogits', op: 'SparseSoftmaxCrossEntropyWithLogits', inputs: [f32([5, 4]), t('int64', [5], [0, 3, 2, 1, 3])], outputs: [out('float32', 5), out('float32', 5, 4)], attrs: { T: 'float32', Tlabels: 'int64' }, atol: 1e-6 });
  for (const [padding, stride, dil] of [['SAME', 1, 1], ['VALID', 2, 1], ['SAME', 2, 1], ['SAME', 1, 2]] as [string, number, number][]) {
    const H = 9, W = 8, K = 3, eff = (K - 1) * dil + 1;
    const oh = padding === 'SAME' ? Math.ceil(H / stride) : Math.ceil((H - eff + 1) / stride);
    const ow = padding === 'SAME' ? Math.ceil(W / stride) : Math.ceil((W - eff + 1) / stride);
    const attrs = { T: 'float32', strides: [1, stride, stride, 1], padding, dilations: [1, dil, dil, 1] };
    const x = f32([2, H, W, 3]), w = f32([K, K, 3, 4]), dy = f32([2, oh, ow, 4]);
    list.push({ name: `Conv2D ${padding} s${stride} d${dil}`, op: 'Conv2D', inputs: [x, w], outputs: [out('float32', 2, oh, ow, 4)], attrs, atol: 1e-5 });
    list.push({ name: `Conv2DBackpropInput ${padding} s${stride} d${dil}`, op: 'Conv2DBackpropInput', inputs: [i32([2, H, W, 3]), w, dy], outputs: [out('float32', 2, H, W, 3)], attrs, atol: 1e-5 });
    list.push({ name: `Conv2DBackpropFilter ${padding} s${stride} d${dil}`, op: 'Conv2DBackpropFilter', inputs: [x, i32([K, K, 3, 4]), dy], outputs: [out('float32', K, K, 3, 4)], attrs, atol: 1e-4 });
  }
  for (const padding of ['SAME', 'VALID']) {
    const oh = padding === 'SAME' ? 4 : 3, ow = padding === 'SAME' ? 3 : 2;
    const attrs = { T: 'float32', ksize: [1, 3, 3, 1], strides: [1, 2, 2, 1], padding };
    const x = f32([2, 7, 6, 3]);
    list.push({ name: `MaxPool ${padding}`, op: 'MaxPool', inputs: [x], outputs: [out('float32', 2, oh, ow, 3)], attrs });
    list.push({ name: `AvgPool ${padding}`, op: 'AvgPool', inputs: [x], outputs: [out('float32', 2, oh, ow, 3)], attrs });
    list.push({ name: `AvgPoolGrad ${padding}`, op: 'AvgPoolGrad', inputs: [i32([2, 7, 6, 3]), f32([2, oh, ow, 3])], outputs: [out('float32', 2, 7, 6, 3)], attrs });
  }

  // data movement
  list.push({ name: 'Transpose', op: 'Transpose', inputs: [f32([2, 3, 4]), i32([2, 0, 1])], outputs: [out('float32', 4, 2, 3)], attrs: { T: 'float32' } });
  list.push({ name: 'Transpose int64', op: 'Transpose', inputs: [typed('int64', [3, 5]), i32([1, 0])], outputs: [out('int64', 5, 3)], attrs: { T: 'int64' } });
  list.push({ name: 'ConcatV2', op: 'ConcatV2', inputs: [f32([2, 3]), f32([2, 5]), i32([1])], outputs: [out('float32', 2, 8)], attrs: { T: 'float32', N: 2 } });
  list.push({ name: 'Pack axis 1', op: 'Pack', inputs: [f32([2, 3]), f32([2, 3]), f32([2, 3])], outputs: [out('float32', 2, 3, 3)], attrs: { T: 'float32', N: 3, axis: 1 } });
  list.push({ name: 'Slice', op: 'Slice', inputs: [f32([4, 5, 6]), i32([1, 0, 2]), i32([2, 5, 3])], outputs: [out('float32', 2, 5, 3)], attrs: { T: 'float32', Index: 'int32' } });
  list.push({ name: 'StridedSlice reverse+shrink', op: 'StridedSlice', inputs: [f32([4, 5, 6]), i32([1, -1, 0]), i32([2, 0, 6]), i32([1, -2, 2])], outputs: [out('float32', 2, 3)], attrs: { T: 'float32', Index: 'int32', shrink_axis_mask: 1 } });
  list.push({ name: 'StridedSlice ellipsis+newaxis', op: 'StridedSlice', inputs: [f32([3, 4, 5]), i32([0, 0, 1]), i32([0, 0, 4]), i32([1, 1, 1])], outputs: [out('float32', 3, 4, 1, 3)], attrs: { T: 'float32', Index: 'int32', ellipsis_mask: 1, new_axis_mask: 2 } });
  list.push({ name: 'GatherV2 axis 1', op: 'GatherV2', inputs: [f32([3, 5, 2]), t('int64', [4], [4, 0, 0, 2]), i32([1])], outputs: [out('float32', 3, 4, 2)], attrs: { Tparams: 'float32', Tindices: 'int64', Taxis: 'int32' } });
  list.push({ name: 'Tile', op: 'Tile', inputs: [f32([2, 3]), i32([2, 3])], outputs: [out('float32', 4, 9)], attrs: { T: 'float32' } });
  list.push({ name: 'Pad', op: 'Pad', inputs: [f32([2, 3]), t('int32', [2, 2], [1, 0, 2, 1])], outputs: [out('float32', 3, 6)], attrs: { T: 'float32' } });
  list.push({ name: 'OneHot', op: 'OneHot', inputs: [t('int64', [3], [0, 2, 5]), i32([4]), t('float32', [], [1]), t('float32', [], [0])], outputs: [out('float32', 3, 4)], attrs: { T: 'float32', TI: 'int64', axis: -1 } });
  list.push({ name: 'Select', op: 'Select', inputs: [typed('bool', [6]), f32([6]), f32([6])], outputs: [out('float32', 6)], attrs: { T: 'float32' } });
  list.push({ name: 'AddN', op: 'AddN', inputs: [f32([7]), f32([7]), f32([7])], outputs: [out('float32', 7)], attrs: { T: 'float32', N: 3 } });
  list.push({ name: 'ClipByValue', op: 'ClipByValue', inputs: [f32([9]), t('float32', [], [-0.5]), t('float32', [], [0.5])], outputs: [out('float32', 9)], attrs: { T: 'float32' } });
  list.push({ name: 'Fill', op: 'Fill', inputs: [i32([2, 3]), t('float32', [], [1.5])], outputs: [out('float32', 2, 3)], attrs: { T: 'float32' } });
  list.push({ name: 'Range', op: 'Range', inputs: [i32([3]), i32([12]), i32([2])], outputs: [out('int32', 5)], attrs: { Tidx: 'int32' } });

  // random: same Philox layout, bit-identical
  const philox = { seed: 87654321, seed2: 1234, offset: 3 };
  for (const op of ['RandomUniform', 'RandomStandardNormal', 'TruncatedNormal']) {
    for (const dtype of ['float32', 'float64'] as DType[]) {
      list.push({ name: `${op} ${dtype}`, op, inputs: [i32([3, 7])], outputs: [out(dtype, 3, 7)], attrs: { dtype, T: 'int32', seed: 87654321, seed2: 1234 }, philox });
    }
  }
  list.push({ name: 'RandomUniformInt int32', op: 'RandomUniformInt', inputs: [i32([9]), t('int32', [], [-3]), t('int32', [], [10])], outputs: [out('int32', 9)], attrs: { Tout: 'int32', T: 'int32' }, philox });
  list.push({ name: 'RandomUniformInt int64', op: 'RandomUniformInt', inputs: [i32([9]), t('int64', [], [-3]), t('int64', [], [1000000])], outputs: [out('int64', 9)], attrs: { Tout: 'int64', T: 'int32' }, philox });
  return list;
}

describe('wasm kernels versus the reference backend', () => {
  const all = cases();
  it.each(all.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const options = { attrs: c.attrs as never, ...(c.philox ? { philox: c.philox } : {}) };
    const ours = run(wasm, c.op, c.inputs, c.outputs, options);
    const theirs = run(reference, c.op, c.inputs, c.outputs, options);
    c.outputs.forEach((o, i) => {
      const exact = o.dtype !== 'float32' && o.dtype !== 'float64' || c.philox !== undefined;
      if (exact) expect(ours[i]).toEqual(theirs[i]);
      else expectClose(ours[i]!, theirs[i]!, o.dtype === 'float32' ? 1e-4 : 1e-10, c.atol ?? (o.dtype === 'float32' ? 1e-6 : 1e-12));
    });
  });

  it('ApplyAdam, ApplyMomentum (Nesterov), ApplyRMSProp, ApplyAdagrad, ApplyGradientDescent update variables alike', () => {
    const updates: [string, number, number, Record<string, unknown>][] = [
      ['ApplyGradientDescent', 0, 1, {}], ['ApplyMomentum', 1, 2, { use_nesterov: true }], ['ApplyAdam', 2, 6, {}],
      ['ApplyRMSProp', 2, 4, {}], ['ApplyCenteredRMSProp', 3, 4, {}], ['ApplyAdagrad', 1, 1, {}],
    ];
    for (const [op, slots, scalars, attrs] of updates) {
      const n = 13;
      const tensors = [f32([n]), ...Array.from({ length: slots }, () => f32([n], 0.1, 1))];
      const scalarValues = [0.05, 0.9, 0.999, 0.01, 0.5, 1e-7].slice(0, scalars).map((v) => t('float32', [], [v]));
      const grad = f32([n]);
      // schema order: var, slots, then scalars and grad as the op declares them
      const names = { ApplyGradientDescent: ['s', 'g'], ApplyMomentum: ['s', 'g', 's'], ApplyAdam: ['s', 's', 's', 's', 's', 's', 'g'],
        ApplyRMSProp: ['s', 's', 's', 's', 'g'], ApplyCenteredRMSProp: ['s', 's', 's', 's', 'g'], ApplyAdagrad: ['s', 'g'] }[op]!;
      let si = 0;
      const rest = names.map((k) => (k === 'g' ? grad : scalarValues[si++]!));
      const inputs = [...tensors, ...rest];
      const results = [wasm, reference].map((backend) => {
        const refs = tensors.map((spec) => ({ handle: backend.allocate(spec.dtype, spec.shape), dtype: spec.dtype, shape: spec.shape }));
        refs.forEach((r, i) => backend.upload(r, new Float32Array(tensors[i]!.data as ArrayLike<number>)));
        run(backend, op, inputs, [], { attrs: { T: 'float32', ...attrs } as never, refs: Object.fromEntries(refs.map((r, i) => [i, r])) });
        const values = refs.map((r) => Array.from(backend.downloadSync!(r) as Float32Array));
        refs.forEach((r) => backend.release(r.handle));
        return values;
      });
      results[0]!.forEach((v, i) => expectClose(v, results[1]![i]!, 1e-5, 1e-6));
    }
  });

  it('Assign, AssignAdd and AssignSub write the variable in place', () => {
    for (const backend of [wasm]) {
      const v = { handle: backend.allocate('float32', [3]), dtype: 'float32' as DType, shape: [3] };
      backend.upload(v, new Float32Array([1, 2, 3]));
      run(backend, 'AssignAdd', [null, t('float32', [3], [10, 10, 10])], [], { attrs: { T: 'float32' }, refs: { 0: v } });
      run(backend, 'AssignSub', [null, t('float32', [3], [1, 1, 1])], [], { attrs: { T: 'float32' }, refs: { 0: v } });
      expect(Array.from(backend.downloadSync!(v) as Float32Array)).toEqual([10, 11, 12]);
      run(backend, 'Assign', [null, t('float32', [3], [7, 8, 9])], [], { attrs: { T: 'float32' }, refs: { 0: v } });
      expect(Array.from(backend.downloadSync!(v) as Float32Array)).toEqual([7, 8, 9]);
      backend.release(v.handle);
    }
  });
});
