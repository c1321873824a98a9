import type { DType } from '@varscope/kernel-api';
import type { KernelCase } from './kernel-case.js';
import { broadcastShape, tensor } from './values.js';
import type { ValueRange } from './values.js';

const UNARY_SHAPES: readonly (readonly number[])[] = [[], [0], [7], [3, 5], [2, 3, 17]];
const BROADCAST_PAIRS: readonly [readonly number[], readonly number[]][] = [
  [[], []], [[5], []], [[], [5]], [[2, 3], [2, 3]], [[2, 3], [3]], [[2, 1], [1, 4]],
  [[4, 1, 3], [2, 1]], [[0, 3], [3]], [[3, 1], [0]], [[1], [33]], [[2, 2, 2, 2, 3], [2, 1, 2, 1, 3]],
];

const FLOATS: readonly DType[] = ['float32', 'float64'];
const REALS: readonly DType[] = ['float32', 'float64', 'int32', 'int64', 'uint8', 'int8', 'int16'];

interface UnarySpec { op: string; dtypes: readonly DType[]; range?: ValueRange; specials?: boolean }
const UNARY: readonly UnarySpec[] = [
  { op: 'Neg', dtypes: ['float32', 'float64', 'int32', 'int64'], specials: true },
  { op: 'Abs', dtypes: ['float32', 'float64', 'int32', 'int64'], specials: true },
  { op: 'Sign', dtypes: ['float32', 'float64', 'int32', 'int64'], specials: true },
  { op: 'Square', dtypes: ['float32', 'float64', 'int32', 'int64'], specials: true },
  { op: 'Sqrt', dtypes: FLOATS, range: { min: 0, max: 9 }, specials: true },
  { op: 'Rsqrt', dtypes: FLOATS, range: { min: 0.1, max: 9 } },
  { op: 'Reciprocal', dtypes: FLOATS, range: { nonZero: true } },
  { op: 'Exp', dtypes: FLOATS, specials: true },
  { op: 'Log', dtypes: FLOATS, range: { min: 0.01, max: 9 } },
  { op: 'Log1p', dtypes: FLOATS, range: { min: -0.9, max: 9 } },
  { op: 'Sin', dtypes: FLOATS },
  { op: 'Cos', dtypes: FLOATS },
  { op: 'Floor', dtypes: FLOATS, specials: true },
  { op: 'Ceil', dtypes: FLOATS, specials: true },
  { op: 'Round', dtypes: FLOATS, range: { min: -4, max: 4 } },
  { op: 'Relu', dtypes: ['float32', 'float64', 'int32'], specials: true },
  { op: 'Relu6', dtypes: FLOATS, range: { min: -3, max: 9 } },
  { op: 'Sigmoid', dtypes: FLOATS, range: { min: -30, max: 30 }, specials: true },
  { op: 'Tanh', dtypes: FLOATS, range: { min: -10, max: 10 }, specials: true },
  { op: 'Softplus', dtypes: FLOATS, range: { min: -40, max: 40 } },
  { op: 'Elu', dtypes: FLOATS },
  { op: 'Identity', dtypes: ['float32', 'float64', 'int32', 'int64', 'uint8', 'bool', 'int8', 'uint16', 'float16', 'complex64'] },
  { op: 'ZerosLike', dtypes: ['float32', 'int32', 'int64', 'bool'] },
  { op: 'OnesLike', dtypes: ['float32', 'int32', 'int64', 'bool'] },
];

interface BinarySpec { op: string; dtypes: readonly DType[]; out?: DType; rhs?: ValueRange; lhs?: ValueRange }
const BINARY: readonly BinarySpec[] = [
  { op: 'Add', dtypes: REALS }, { op: 'AddV2', dtypes: REALS }, { op: 'Sub', dtypes: REALS }, { op: 'Mul', dtypes: REALS },
  { op: 'RealDiv', dtypes: FLOATS, rhs: { nonZero: true } },
  { op: 'Div', dtypes: ['float32', 'int32', 'int64'], rhs: { nonZero: true } },
  { op: 'FloorDiv', dtypes: ['float32', 'int32', 'int64'], rhs: { nonZero: true } },
  { op: 'FloorMod', dtypes: ['float32', 'int32', 'int64'], rhs: { nonZero: true } },
  { op: 'TruncateMod', dtypes: ['float32', 'int32'], rhs: { nonZero: true } },
  { op: 'Pow', dtypes: FLOATS, lhs: { min: 0.1, max: 3 }, rhs: { min: -2, max: 2 } },
  { op: 'Maximum', dtypes: REALS }, { op: 'Minimum', dtypes: REALS },
  { op: 'SquaredDifference', dtypes: ['float32', 'float64', 'int32'] },
  { op: 'Equal', dtypes: ['float32', 'int32', 'int64', 'bool'], out: 'bool', lhs: { min: -2, max: 2 }, rhs: { min: -2, max: 2 } },
  { op: 'NotEqual', dtypes: ['float32', 'int32', 'bool'], out: 'bool', lhs: { min: -2, max: 2 }, rhs: { min: -2, max: 2 } },
  { op: 'Less', dtypes: ['float32', 'int32', 'int64'], out: 'bool' },
  { op: 'LessEqual', dtypes: ['float32', 'int32'], out: 'bool' },
  { op: 'Greater', dtypes: ['float32', 'int32', 'uint8'], out: 'bool' },
  { op: 'GreaterEqual', dtypes: ['float32', 'int32'], out: 'bool' },
  { op: 'LogicalAnd', dtypes: ['bool'], out: 'bool' }, { op: 'LogicalOr', dtypes: ['bool'], out: 'bool' },
];

const shapeId = (s: readonly number[]) => `[${s.join(',')}]`;

/** Unary elementwise ops over shapes (scalar, empty, odd sizes) and NaN/Inf. */
export function unaryCases(): KernelCase[] {
  const cases: KernelCase[] = [];
  let seed = 1;
  for (const spec of UNARY) {
    for (const dtype of spec.dtypes) {
      for (const shape of UNARY_SHAPES) {
        const x = tensor(dtype, shape, seed++, { ...spec.range, specials: spec.specials === true });
        cases.push({
          id: `${spec.op}/${dtype}/${shapeId(shape)}`, op: spec.op, dtype, attrs: { T: dtype },
          inputs: [x], outputs: [{ dtype, shape }], tolerance: dtype.startsWith('float') ? 'elementwise' : 'exact',
          tags: [shape.length === 0 ? 'scalar' : '', shape.includes(0) ? 'empty' : '', spec.specials ? 'nan' : ''].filter(Boolean),
        });
      }
    }
  }
  // LogicalNot has no attrs.
  for (const shape of UNARY_SHAPES) {
    cases.push({ id: `LogicalNot/bool/${shapeId(shape)}`, op: 'LogicalNot', dtype: 'bool', attrs: {},
      inputs: [tensor('bool', shape, seed++)], outputs: [{ dtype: 'bool', shape }], tolerance: 'exact', tags: [] });
  }
  return cases;
}

/** Binary ops with numpy broadcasting corners. */
export function binaryCases(): KernelCase[] {
  const cases: KernelCase[] = [];
  let seed = 1000;
  for (const spec of BINARY) {
    for (const dtype of spec.dtypes) {
      for (const [a, b] of BROADCAST_PAIRS) {
        const shape = broadcastShape(a, b);
        const out = spec.out ?? dtype;
        const attrs: Record<string, string> = spec.op.startsWith('Logical') ? {} : { T: dtype };
        cases.push({
          id: `${spec.op}/${dtype}/${shapeId(a)}x${shapeId(b)}`, op: spec.op, dtype, attrs,
          inputs: [tensor(dtype, a, seed++, spec.lhs), tensor(dtype, b, seed++, spec.rhs)],
          outputs: [{ dtype: out, shape }],
          tolerance: dtype.startsWith('float') && out !== 'bool' ? 'elementwise' : 'exact',
          tags: ['broadcast', shape.includes(0) ? 'empty' : ''].filter(Boolean),
        });
      }
    }
  }
  // NaN propagation through Maximum/Minimum.
  for (const op of ['Maximum', 'Minimum', 'Add', 'Mul']) {
    const x = tensor('float32', [8], seed++, { specials: true });
    const y = tensor('float32', [8], seed++);
    cases.push({ id: `${op}/float32/nan-inf`, op, dtype: 'float32', attrs: { T: 'float32' }, inputs: [x, y],
      outputs: [{ dtype: 'float32', shape: [8] }], tolerance: 'elementwise', tags: ['nan'] });
  }
  // Integer division by zero is an error, not a crash.
  cases.push({ id: 'Div/int32/by-zero', op: 'Div', dtype: 'int32', attrs: { T: 'int32' },
    inputs: [tensor('int32', [3], seed++), { dtype: 'int32', shape: [3], values: [1, 0, 2] }],
    outputs: [{ dtype: 'int32', shape: [3] }], tolerance: 'exact', throws: 'Integer division by zero', tags: ['error'] });
  return cases;
}

/** Casts between every pair of the common dtypes. */
export function castCases(): KernelCase[] {
  const types: DType[] = ['float32', 'float64', 'int32', 'int64', 'uint8', 'bool', 'int16', 'float16'];
  const cases: KernelCase[] = [];
  let seed = 5000;
  for (const src of types) {
    for (const dst of types) {
      const x = tensor(src, [2, 5], seed++, { min: -50, max: 200 });
      cases.push({ id: `Cast/${src}->${dst}`, op: 'Cast', dtype: src, attrs: { SrcT: src, DstT: dst, Truncate: false },
        inputs: [x], outputs: [{ dtype: dst, shape: [2, 5] }], tolerance: 'exact', tags: [] });
    }
  }
  return cases;
}

/** Ternary and n-ary elementwise ops. */
export function naryCases(): KernelCase[] {
  let seed = 6000;
  const cases: KernelCase[] = [];
  for (const dtype of ['float32', 'int32'] as const) {
    cases.push({ id: `ClipByValue/${dtype}`, op: 'ClipByValue', dtype, attrs: { T: dtype },
      inputs: [tensor(dtype, [3, 4], seed++), tensor(dtype, [], seed++, { min: -2, max: -1 }), tensor(dtype, [], seed++, { min: 1, max: 2 })],
      outputs: [{ dtype, shape: [3, 4] }], tolerance: 'exact', tags: [] });
    cases.push({ id: `AddN/${dtype}/3`, op: 'AddN', dtype, attrs: { N: 3, T: dtype },
      inputs: [tensor(dtype, [2, 3], seed++), tensor(dtype, [2, 3], seed++), tensor(dtype, [2, 3], seed++)],
      outputs: [{ dtype, shape: [2, 3] }], tolerance: 'elementwise', tags: [] });
    cases.push({ id: `Select/${dtype}/same-shape`, op: 'Select', dtype, attrs: { T: dtype },
      inputs: [tensor('bool', [2, 3], seed++), tensor(dtype, [2, 3], seed++), tensor(dtype, [2, 3], seed++)],
      outputs: [{ dtype, shape: [2, 3] }], tolerance: 'exact', tags: [] });
    cases.push({ id: `Select/${dtype}/row-vector`, op: 'Select', dtype, attrs: { T: dtype },
      inputs: [tensor('bool', [2], seed++), tensor(dtype, [2, 3], seed++), tensor(dtype, [2, 3], seed++)],
      outputs: [{ dtype, shape: [2, 3] }], tolerance: 'exact', tags: [] });
  }
  return cases;
}
