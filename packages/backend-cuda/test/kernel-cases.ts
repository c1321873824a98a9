// One invocation per CUDA kernel, as plain data: run on a dry-run backend here (proving the
// JS → C++ translation passes the addon's validation), and compared with the reference
// backend on a GPU (cuda-gpu.test.ts).
import { getOpDef } from '@varscope/kernel-api';
import type { AttrValue, DType, PhiloxState } from '@varscope/kernel-api';

export interface CaseTensor {
  readonly dtype: DType;
  readonly shape: readonly number[];
  /** Values; generated deterministically when omitted. */
  readonly data?: readonly number[];
}

export interface KernelCase {
  readonly name: string;
  readonly op: string;
  readonly inputs: readonly CaseTensor[];
  readonly outputs: readonly CaseTensor[];
  readonly attrs: Readonly<Record<string, AttrValue>>;
  readonly philox?: PhiloxState;
}

const t = (dtype: DType, shape: readonly number[], data?: readonly number[]): CaseTensor =>
  data === undefined ? { dtype, shape } : { dtype, shape, data };
const f32 = (shape: readonly number[], data?: readonly number[]) => t('float32', shape, data);
const i32 = (shape: readonly number[], data?: readonly number[]) => t('int32', shape, data);

function kase(op: string, inputs: CaseTensor[], outputs: CaseTensor[], attrs: Record<string, AttrValue> = {},
  name = op, philox?: PhiloxState): KernelCase {
  const def = getOpDef(op);
  if (def === undefined) throw new Error(`unknown op ${op}`);
  const filled: Record<string, AttrValue> = {};
  for (const a of def.attrs) if (a.default !== undefined) filled[a.name] = a.default;
  return { name, op, inputs, outputs, attrs: { ...filled, ...attrs }, ...(philox ? { philox } : {}) };
}

const UNARY_F = ['Neg', 'Abs', 'Sign', 'Square', 'Sqrt', 'Rsqrt', 'Reciprocal', 'Exp', 'Log', 'Log1p', 'Sin', 'Cos',
  'Floor', 'Ceil', 'Round', 'Relu', 'Relu6', 'Sigmoid', 'Tanh', 'Softplus', 'Elu'];
const POSITIVE = new Set(['Sqrt', 'Rsqrt', 'Log', 'Log1p', 'Reciprocal']);
const BINARY = ['Add', 'AddV2', 'Sub', 'Mul', 'RealDiv', 'Div', 'FloorDiv', 'FloorMod', 'TruncateMod', 'Pow', 'Maximum',
  'Minimum', 'SquaredDifference'];
const COMPARE = ['Equal', 'NotEqual', 'Less', 'LessEqual', 'Greater', 'GreaterEqual'];
const GRADS = ['ReluGrad', 'Relu6Grad', 'SoftplusGrad', 'EluGrad', 'SigmoidGrad', 'TanhGrad'];

const conv = { strides: [1, 2, 2, 1], padding: 'SAME', T: 'float32' };
const pool = { ksize: [1, 3, 3, 1], strides: [1, 2, 2, 1], padding: 'SAME', T: 'float32' };
const philox = { seed: 87654321, seed2: -3, offset: 5 };

interface StridedSliceCase {
  readonly name: string;
  readonly x: readonly number[];
  readonly begin: readonly number[];
  readonly end: readonly number[];
  readonly strides: readonly number[];
  readonly masks?: Readonly<Record<string, number>>;
  readonly y: readonly number[];
  readonly dtype?: DType;
  readonly index?: 'int32' | 'int64';
}

/** StridedSlice through every mask, negative strides and indices, and the stored dtypes. */
const STRIDED_SLICES: readonly StridedSliceCase[] = [
  { name: 'basic', x: [5, 6], begin: [1, 0], end: [4, 6], strides: [1, 2], y: [3, 3] },
  { name: 'negative strides and indices', x: [7, 5], begin: [-1, 4], end: [-8, 0], strides: [-2, -1], y: [4, 4] },
  { name: 'masks and shrink', x: [4, 5, 6], begin: [0, 2, 0], end: [0, 3, 0], strides: [1, 1, 3],
    masks: { begin_mask: 5, end_mask: 5, shrink_axis_mask: 2 }, y: [4, 2] },
  { name: 'ellipsis and new axis', x: [3, 4, 5], begin: [0, 1, 0], end: [0, 3, 0], strides: [1, 1, 1],
    masks: { ellipsis_mask: 1, new_axis_mask: 4 }, y: [3, 4, 2, 1] },
  { name: 'empty', x: [4, 3], begin: [3, 0], end: [1, 3], strides: [1, 1], y: [0, 3] },
  { name: 'int32 int64 index', x: [10], begin: [8], end: [0], strides: [-3], y: [3], dtype: 'int32', index: 'int64' },
  { name: 'int64', x: [2, 3], begin: [1], end: [2], strides: [1], masks: { shrink_axis_mask: 1 }, y: [3], dtype: 'int64' },
  { name: 'bool', x: [6], begin: [1], end: [6], strides: [2], y: [3], dtype: 'bool' },
];

export const KERNEL_CASES: readonly KernelCase[] = [
  ...UNARY_F.map((op) => kase(op, [f32([3, 5], POSITIVE.has(op) ? positives(15) : undefined)], [f32([3, 5])], { T: 'float32' })),
  ...['Neg', 'Abs', 'Sign', 'Square', 'Round', 'Relu'].map((op) => kase(op, [i32([7])], [i32([7])], { T: 'int32' }, `${op} int32`)),
  kase('LeakyRelu', [f32([8])], [f32([8])], { alpha: 0.1, T: 'float32' }),
  kase('LogicalNot', [t('bool', [4], [1, 0, 0, 1])], [t('bool', [4])]),
  kase('OnesLike', [i32([3])], [i32([3])], { T: 'int32' }),
  kase('ZerosLike', [f32([3])], [f32([3])], { T: 'float32' }),
  ...BINARY.map((op) => kase(op, [f32([4, 1, 3]), f32([5, 1], positives(5))], [f32([4, 5, 3])], { T: 'float32' }, `${op} broadcast`)),
  ...BINARY.map((op) => kase(op, [i32([2, 3], [7, -7, 9, 0, 5, -8]), i32([3], op === 'Pow' ? [2, 3, 0] : [2, -3, 4])],
    [i32([2, 3])], { T: 'int32' }, `${op} int32`)),
  ...COMPARE.map((op) => kase(op, [f32([6]), f32([])], [t('bool', [6])], { T: 'float32' })),
  kase('LogicalAnd', [t('bool', [4], [1, 1, 0, 0]), t('bool', [4], [1, 0, 1, 0])], [t('bool', [4])]),
  kase('LogicalOr', [t('bool', [4], [1, 1, 0, 0]), t('bool', [4], [1, 0, 1, 0])], [t('bool', [4])]),
  ...GRADS.map((op) => kase(op, [f32([10]), f32([10])], [f32([10])], { T: 'float32' })),
  kase('Select', [t('bool', [3], [1, 0, 1]), f32([3, 2]), f32([3, 2])], [f32([3, 2])], { T: 'float32' }, 'Select vector condition'),
  kase('ClipByValue', [f32([6]), f32([], [-0.5]), f32([], [0.5])], [f32([6])], { T: 'float32' }),
  kase('Cast', [f32([5], [1.7, -1.7, 0, 2.5, -0.2])], [i32([5])], { SrcT: 'float32', DstT: 'int32' }),
  kase('AddN', [f32([4]), f32([4]), f32([4])], [f32([4])], { N: 3, T: 'float32' }),

  kase('Identity', [f32([2, 2])], [f32([2, 2])], { T: 'float32' }),
  kase('StopGradient', [f32([2])], [f32([2])], { T: 'float32' }),
  kase('Reshape', [f32([2, 3]), i32([2], [3, 2])], [f32([3, 2])], { T: 'float32' }),
  kase('Squeeze', [f32([1, 3])], [f32([3])], { T: 'float32' }),
  kase('ExpandDims', [f32([3]), i32([], [0])], [f32([1, 3])], { T: 'float32' }),
  kase('Transpose', [f32([2, 3, 4]), i32([3], [2, 0, 1])], [f32([4, 2, 3])], { T: 'float32' }),
  kase('ConcatV2', [f32([2, 1]), f32([2, 3]), i32([], [-1])], [f32([2, 4])], { N: 2, T: 'float32' }),
  kase('Pack', [f32([3]), f32([3])], [f32([3, 2])], { N: 2, T: 'float32', axis: 1 }),
  kase('Unpack', [f32([2, 3])], [f32([2]), f32([2]), f32([2])], { num: 3, T: 'float32', axis: 1 }),
  kase('Split', [i32([], [1]), f32([2, 4])], [f32([2, 2]), f32([2, 2])], { num_split: 2, T: 'float32' }),
  kase('SplitV', [f32([5, 2]), i32([2], [2, 3]), i32([], [0])], [f32([2, 2]), f32([3, 2])], { num_split: 2, T: 'float32', Tlen: 'int32' }),
  kase('Slice', [f32([3, 4]), i32([2], [1, 1]), i32([2], [2, 2])], [f32([2, 2])], { T: 'float32', Index: 'int32' }),
  kase('Tile', [f32([2, 3]), i32([2], [2, 3])], [f32([4, 9])], { T: 'float32' }),
  ...STRIDED_SLICES.map((c) => kase('StridedSlice',
    [t(c.dtype ?? 'float32', c.x), t(c.index ?? 'int32', [c.begin.length], c.begin), t(c.index ?? 'int32', [c.end.length], c.end),
      t(c.index ?? 'int32', [c.strides.length], c.strides)],
    [t(c.dtype ?? 'float32', c.y)],
    { T: c.dtype ?? 'float32', Index: c.index ?? 'int32', ...c.masks }, `StridedSlice ${c.name}`)),
  kase('Pad', [f32([2, 2]), i32([2, 2], [1, 0, 0, 2])], [f32([3, 4])], { T: 'float32' }),
  kase('PadV2', [f32([2]), i32([1, 2], [2, 1]), f32([], [9])], [f32([5])], { T: 'float32' }),
  kase('Fill', [i32([2], [2, 3]), f32([], [4.5])], [f32([2, 3])], { T: 'float32' }),
  kase('GatherV2', [f32([4, 3]), i32([5], [3, 0, 0, 2, 1]), i32([], [0])], [f32([5, 3])], { Tparams: 'float32', Tindices: 'int32', Taxis: 'int32' }),
  kase('OneHot', [i32([3], [0, 2, 1]), i32([], [4]), f32([], [1]), f32([], [0])], [f32([3, 4])], { T: 'float32', TI: 'int32' }),
  kase('Range', [i32([], [3]), i32([], [15]), i32([], [4])], [i32([3])], { Tidx: 'int32' }),

  kase('MatMul', [f32([33, 17]), f32([21, 17])], [f32([33, 21])], { T: 'float32', transpose_b: true }),
  kase('BatchMatMulV2', [f32([2, 1, 5, 3]), f32([3, 3, 4])], [f32([2, 3, 5, 4])], { T: 'float32' }),
  kase('MatMul', [i32([19, 70]), i32([33, 19])], [i32([70, 33])], { T: 'int32', transpose_a: true, transpose_b: true }, 'MatMul int32'),
  kase('BatchMatMulV2', [i32([3, 4, 6]), i32([1, 6, 5])], [i32([3, 4, 5])], { T: 'int32' }, 'BatchMatMulV2 int32'),
  kase('Sum', [f32([3, 4, 5]), i32([2], [0, 2])], [f32([4])], { T: 'float32' }, 'Sum interleaved axes'),
  kase('Mean', [f32([3, 4]), i32([1], [1])], [f32([3])], { T: 'float32' }),
  kase('Prod', [f32([3, 4]), i32([1], [0])], [f32([4])], { T: 'float32' }),
  kase('Max', [i32([3, 4]), i32([1], [-1])], [i32([3])], { T: 'int32' }),
  kase('Min', [f32([3, 4]), i32([2], [0, 1])], [f32([])], { T: 'float32' }),
  kase('All', [t('bool', [2, 2], [1, 1, 0, 1]), i32([1], [1])], [t('bool', [2])]),
  kase('Any', [t('bool', [2, 2], [0, 0, 0, 1]), i32([1], [1])], [t('bool', [2])]),
  kase('ArgMax', [f32([3, 4]), i32([], [1])], [t('int64', [3])], { T: 'float32' }),
  kase('ArgMin', [i32([3, 4]), i32([], [0])], [i32([4])], { T: 'int32', output_type: 'int32' }),

  kase('Conv2D', [f32([2, 7, 6, 3]), f32([3, 3, 3, 4])], [f32([2, 4, 3, 4])], conv),
  kase('Conv2DBackpropInput', [i32([4], [2, 7, 6, 3]), f32([3, 3, 3, 4]), f32([2, 4, 3, 4])], [f32([2, 7, 6, 3])], conv),
  kase('Conv2DBackpropFilter', [f32([2, 7, 6, 3]), i32([4], [3, 3, 3, 4]), f32([2, 4, 3, 4])], [f32([3, 3, 3, 4])], conv),
  kase('MaxPool', [f32([2, 5, 5, 2])], [f32([2, 3, 3, 2])], pool),
  kase('AvgPool', [f32([2, 5, 5, 2])], [f32([2, 3, 3, 2])], pool),
  kase('MaxPoolGrad', [f32([2, 5, 5, 2]), f32([2, 3, 3, 2]), f32([2, 3, 3, 2])], [f32([2, 5, 5, 2])], pool),
  kase('AvgPoolGrad', [i32([4], [2, 5, 5, 2]), f32([2, 3, 3, 2])], [f32([2, 5, 5, 2])], pool),
  kase('Softmax', [f32([4, 7])], [f32([4, 7])], { T: 'float32' }),
  kase('LogSoftmax', [f32([4, 7])], [f32([4, 7])], { T: 'float32' }),
  kase('SoftmaxCrossEntropyWithLogits', [f32([3, 5]), f32([3, 5], positives(15).map((v) => v / 8))], [f32([3]), f32([3, 5])], { T: 'float32' }),
  kase('SparseSoftmaxCrossEntropyWithLogits', [f32([3, 5]), i32([3], [4, 0, 2])], [f32([3]), f32([3, 5])], { T: 'float32', Tlabels: 'int32' }),
  kase('L2Loss', [f32([3, 4])], [f32([])], { T: 'float32' }),
  kase('BiasAdd', [f32([2, 3, 2, 4]), f32([3])], [f32([2, 3, 2, 4])], { data_format: 'NCHW', T: 'float32' }, 'BiasAdd NCHW'),
  kase('BiasAddGrad', [f32([2, 2, 3])], [f32([3])], { T: 'float32' }),

  kase('RandomUniform', [i32([2], [3, 7])], [f32([3, 7])], { dtype: 'float32', T: 'int32' }, 'RandomUniform', philox),
  kase('RandomStandardNormal', [i32([1], [13])], [f32([13])], { dtype: 'float32', T: 'int32' }, 'RandomStandardNormal', philox),
  kase('TruncatedNormal', [i32([1], [9])], [f32([9])], { dtype: 'float32', T: 'int32' }, 'TruncatedNormal', philox),
  kase('RandomUniformInt', [i32([1], [11]), i32([], [-5]), i32([], [17])], [i32([11])], { Tout: 'int32', T: 'int32' }, 'RandomUniformInt', philox),

  kase('Assign', [f32([4]), f32([4])], [], { T: 'float32' }),
  kase('AssignAdd', [f32([4]), f32([4])], [], { T: 'float32' }),
  kase('AssignSub', [i32([4]), i32([4])], [], { T: 'int32' }),
  kase('ApplyGradientDescent', [f32([6]), f32([], [0.1]), f32([6])], [], { T: 'float32' }),
  kase('ApplyMomentum', [f32([6]), f32([6]), f32([], [0.1]), f32([6]), f32([], [0.9])], [], { T: 'float32', use_nesterov: true }),
  kase('ApplyAdam', [f32([6]), f32([6]), f32([6], positives(6)), f32([], [0.9]), f32([], [0.999]), f32([], [0.01]),
    f32([], [0.9]), f32([], [0.999]), f32([], [1e-7]), f32([6])], [], { T: 'float32' }),
  kase('ApplyRMSProp', [f32([6]), f32([6], positives(6)), f32([6]), f32([], [0.01]), f32([], [0.9]), f32([], [0.5]),
    f32([], [1e-6]), f32([6])], [], { T: 'float32' }),
  kase('ApplyCenteredRMSProp', [f32([6]), f32([6], new Array<number>(6).fill(0)), f32([6], positives(6)), f32([6]),
    f32([], [0.01]), f32([], [0.9]), f32([], [0.5]), f32([], [1e-6]), f32([6])], [], { T: 'float32' }),
  kase('ApplyAdagrad', [f32([6]), f32([6], positives(6)), f32([], [0.1]), f32([6])], [], { T: 'float32' }),
];

function positives(n: number): number[] {
  return Array.from({ length: n }, (_v, i) => 0.25 + ((i * 7919) % 97) / 24);
}

/** Deterministic values in [-4, 4) (or small ints) for a tensor without explicit data. */
export function caseData(tensor: CaseTensor, salt: number): number[] {
  if (tensor.data !== undefined) return [...tensor.data];
  const n = tensor.shape.reduce((a, b) => a * b, 1);
  let s = (salt * 2654435761) >>> 0;
  return Array.from({ length: n }, () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    if (tensor.dtype === 'bool') return s >>> 31;
    if (tensor.dtype === 'int32' || tensor.dtype === 'int64') return (s >>> 24) - 128;
    return ((s >>> 8) / 2 ** 24) * 8 - 4;
  });
}
