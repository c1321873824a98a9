import type { OpDef } from '../op-def.js';
import {
  ANY, COMPLEX, FLOAT, INDEX, NUMBER, REAL, SIGNED_INT,
  arg, attr, binary, fixed, hostIndex, op, typeAttr, unary,
} from './dsl.js';

const SIGNED_NUMBER = [...FLOAT, ...SIGNED_INT, ...COMPLEX];
const FLOAT_COMPLEX = [...FLOAT, ...COMPLEX];

const reduction = (name: string, summary: string, types = NUMBER): OpDef => op(name, summary, {
  inputs: [arg('input'), hostIndex('reduction_indices', 'Tidx')],
  outputs: [arg('output')],
  attrs: [attr('keep_dims', 'bool', false), typeAttr('T', types), typeAttr('Tidx', INDEX, 'int32')],
});

const argReduction = (name: string, summary: string): OpDef => op(name, summary, {
  inputs: [arg('input'), hostIndex('dimension', 'Tidx')],
  outputs: [arg('output', 'output_type')],
  attrs: [typeAttr('T', REAL), typeAttr('Tidx', INDEX, 'int32'), typeAttr('output_type', INDEX, 'int64')],
});

/** Elementwise arithmetic, comparisons, casts, matrix products and reductions. */
export const MATH_OPS: readonly OpDef[] = [
  binary('Add', 'x + y with broadcasting (strings concatenate on the host).', [...NUMBER, 'string']),
  binary('AddV2', 'x + y with broadcasting.', NUMBER),
  binary('Sub', 'x - y with broadcasting.', NUMBER),
  binary('Mul', 'x * y with broadcasting.', NUMBER),
  binary('RealDiv', 'x / y for floating types.', NUMBER),
  binary('Div', 'x / y; integer division truncates toward zero (TF1 `tf.div`).', NUMBER),
  binary('FloorDiv', 'floor(x / y) with broadcasting.', NUMBER),
  binary('FloorMod', 'x mod y with the sign of y (Python `%`).', REAL),
  binary('TruncateMod', 'x mod y with the sign of x (C `fmod`).', REAL),
  binary('Pow', 'x ** y.', NUMBER),
  binary('Maximum', 'max(x, y); NaN propagates.', REAL),
  binary('Minimum', 'min(x, y); NaN propagates.', REAL),
  binary('SquaredDifference', '(x - y)².', NUMBER),
  binary('Equal', 'x == y.', ANY, 'bool'),
  binary('NotEqual', 'x != y.', ANY, 'bool'),
  binary('Less', 'x < y.', REAL, 'bool'),
  binary('LessEqual', 'x <= y.', REAL, 'bool'),
  binary('Greater', 'x > y.', REAL, 'bool'),
  binary('GreaterEqual', 'x >= y.', REAL, 'bool'),
  op('LogicalAnd', 'x && y.', { inputs: [fixed('x', 'bool'), fixed('y', 'bool')], outputs: [fixed('z', 'bool')] }),
  op('LogicalOr', 'x || y.', { inputs: [fixed('x', 'bool'), fixed('y', 'bool')], outputs: [fixed('z', 'bool')] }),
  op('LogicalNot', '!x.', { inputs: [fixed('x', 'bool')], outputs: [fixed('y', 'bool')] }),
  unary('Neg', '-x.', SIGNED_NUMBER),
  unary('Abs', '|x| (complex: use ComplexAbs).', [...FLOAT, ...SIGNED_INT]),
  unary('Sign', 'sign(x): -1, 0 or 1 (NaN stays NaN).', SIGNED_NUMBER),
  unary('Square', 'x².', NUMBER),
  unary('Sqrt', '√x.', FLOAT_COMPLEX),
  unary('Rsqrt', '1/√x.', FLOAT_COMPLEX),
  unary('Reciprocal', '1/x.', SIGNED_NUMBER),
  unary('Exp', 'eˣ.', FLOAT_COMPLEX),
  unary('Log', 'ln x.', FLOAT_COMPLEX),
  unary('Log1p', 'ln(1 + x).', FLOAT_COMPLEX),
  unary('Sin', 'sin x.', FLOAT_COMPLEX),
  unary('Cos', 'cos x.', FLOAT_COMPLEX),
  unary('Floor', '⌊x⌋.', FLOAT),
  unary('Ceil', '⌈x⌉.', FLOAT),
  unary('Round', 'x rounded half to even.', [...FLOAT, ...SIGNED_INT]),
  op('Cast', 'Converts x to DstT (float→int truncates toward zero; to bool: x != 0).', {
    inputs: [arg('x', 'SrcT')], outputs: [arg('y', 'DstT')],
    attrs: [typeAttr('SrcT', [...NUMBER, 'bool']), typeAttr('DstT', [...NUMBER, 'bool']), attr('Truncate', 'bool', false)],
  }),
  op('ClipByValue', 'min(max(t, clip_value_min), clip_value_max).', {
    inputs: [arg('t'), arg('clip_value_min'), arg('clip_value_max')], outputs: [arg('output')],
    attrs: [typeAttr('T', REAL)],
  }),
  op('Select', 'condition ? t : e, elementwise (condition may also be a vector over the first dimension).', {
    inputs: [fixed('condition', 'bool'), arg('t'), arg('e')], outputs: [arg('output')],
    attrs: [typeAttr('T', ANY)],
  }),
  op('AddN', 'Sum of N tensors of one shape.', {
    inputs: [arg('inputs', 'T', { numberAttr: 'N' })], outputs: [arg('sum')],
    attrs: [attr('N', 'int', undefined, { minimum: 1 }), typeAttr('T', NUMBER)],
  }),
  op('MatMul', 'a · b for rank-2 tensors, optionally transposing either.', {
    inputs: [arg('a'), arg('b')], outputs: [arg('product')],
    attrs: [attr('transpose_a', 'bool', false), attr('transpose_b', 'bool', false),
      typeAttr('T', [...FLOAT, 'int32', 'int64', ...COMPLEX])],
  }),
  op('BatchMatMulV2', 'Batched a · b over the leading dimensions (broadcast), optionally adjointing either.', {
    inputs: [arg('x'), arg('y')], outputs: [arg('output')],
    attrs: [typeAttr('T', [...FLOAT, 'int32', 'int64', ...COMPLEX]), attr('adj_x', 'bool', false), attr('adj_y', 'bool', false)],
  }),
  reduction('Sum', 'Sum over the given axes.'),
  reduction('Mean', 'Mean over the given axes (integer types divide with truncation).'),
  reduction('Prod', 'Product over the given axes.'),
  reduction('Max', 'Maximum over the given axes; NaN propagates.', REAL),
  reduction('Min', 'Minimum over the given axes; NaN propagates.', REAL),
  op('All', 'Logical and over the given axes.', {
    inputs: [fixed('input', 'bool'), hostIndex('reduction_indices', 'Tidx')], outputs: [fixed('output', 'bool')],
    attrs: [attr('keep_dims', 'bool', false), typeAttr('Tidx', INDEX, 'int32')],
  }),
  op('Any', 'Logical or over the given axes.', {
    inputs: [fixed('input', 'bool'), hostIndex('reduction_indices', 'Tidx')], outputs: [fixed('output', 'bool')],
    attrs: [attr('keep_dims', 'bool', false), typeAttr('Tidx', INDEX, 'int32')],
  }),
  argReduction('ArgMax', 'Index of the largest value along one axis (first on ties).'),
  argReduction('ArgMin', 'Index of the smallest value along one axis (first on ties).'),
  op('Range', 'start, start + delta, … up to (not including) limit.', {
    inputs: [hostIndex('start', 'Tidx'), hostIndex('limit', 'Tidx'), hostIndex('delta', 'Tidx')],
    outputs: [arg('output', 'Tidx')],
    attrs: [typeAttr('Tidx', ['float32', 'float64', 'int32', 'int64'], 'int32')],
  }),
];

