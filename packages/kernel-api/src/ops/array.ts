import type { OpDef } from '../op-def.js';
import { ANY, INDEX, NUMBER, arg, attr, fixed, hostIndex, op, typeAttr } from './dsl.js';

const T = typeAttr('T', ANY);

/** Shape manipulation and data movement. Every one of them also runs on strings (on the host). */
export const ARRAY_OPS: readonly OpDef[] = [
  op('Identity', 'A copy of its input.', { inputs: [arg('input')], outputs: [arg('output')], attrs: [T] }),
  op('StopGradient', 'Identity that blocks gradients.', { inputs: [arg('input')], outputs: [arg('output')], attrs: [T] }),
  op('Reshape', 'The same elements in a new shape (one dimension may be -1).', {
    inputs: [arg('tensor'), hostIndex('shape', 'Tshape')], outputs: [arg('output')],
    attrs: [T, typeAttr('Tshape', INDEX, 'int32')],
  }),
  op('Squeeze', 'Removes size-1 dimensions (all, or those listed).', {
    inputs: [arg('input')], outputs: [arg('output')], attrs: [T, attr('squeeze_dims', 'list(int)', [])],
  }),
  op('ExpandDims', 'Inserts a size-1 dimension at `dim`.', {
    inputs: [arg('input'), hostIndex('dim', 'Tdim')], outputs: [arg('output')],
    attrs: [T, typeAttr('Tdim', INDEX, 'int32')],
  }),
  op('Transpose', 'Permutes dimensions: output dim i is input dim perm[i].', {
    inputs: [arg('x'), hostIndex('perm', 'Tperm')], outputs: [arg('y')],
    attrs: [T, typeAttr('Tperm', INDEX, 'int32')],
  }),
  op('ConcatV2', 'Joins N tensors along `axis`.', {
    inputs: [arg('values', 'T', { numberAttr: 'N' }), hostIndex('axis', 'Tidx')], outputs: [arg('output')],
    attrs: [attr('N', 'int', undefined, { minimum: 2 }), T, typeAttr('Tidx', INDEX, 'int32')],
  }),
  op('Pack', 'Stacks N tensors of one shape along a new axis.', {
    inputs: [arg('values', 'T', { numberAttr: 'N' })], outputs: [arg('output')],
    attrs: [attr('N', 'int', undefined, { minimum: 1 }), T, attr('axis', 'int', 0)],
  }),
  op('Unpack', 'Splits a tensor into `num` tensors along `axis`, dropping it.', {
    inputs: [arg('value')], outputs: [arg('output', 'T', { numberAttr: 'num' })],
    attrs: [attr('num', 'int', undefined, { minimum: 0 }), T, attr('axis', 'int', 0)],
  }),
  op('Split', 'Splits `value` into `num_split` equal parts along `split_dim`.', {
    inputs: [fixed('split_dim', 'int32', { hostMemory: true }), arg('value')],
    outputs: [arg('output', 'T', { numberAttr: 'num_split' })],
    attrs: [attr('num_split', 'int', undefined, { minimum: 1 }), T],
  }),
  op('SplitV', 'Splits `value` into parts of the given sizes along `split_dim`.', {
    inputs: [arg('value'), hostIndex('size_splits', 'Tlen'), fixed('split_dim', 'int32', { hostMemory: true })],
    outputs: [arg('output', 'T', { numberAttr: 'num_split' })],
    attrs: [attr('num_split', 'int', undefined, { minimum: 1 }), T, typeAttr('Tlen', INDEX, 'int64')],
  }),
  op('Slice', 'The block starting at `begin` of extent `size` (-1: to the end).', {
    inputs: [arg('input'), hostIndex('begin', 'Index'), hostIndex('size', 'Index')], outputs: [arg('output')],
    attrs: [T, typeAttr('Index', INDEX)],
  }),
  op('StridedSlice', 'Python-style slicing with begin/end/strides and the five masks.', {
    inputs: [arg('input'), hostIndex('begin', 'Index'), hostIndex('end', 'Index'), hostIndex('strides', 'Index')],
    outputs: [arg('output')],
    attrs: [T, typeAttr('Index', INDEX), attr('begin_mask', 'int', 0), attr('end_mask', 'int', 0),
      attr('ellipsis_mask', 'int', 0), attr('new_axis_mask', 'int', 0), attr('shrink_axis_mask', 'int', 0)],
  }),
  op('GatherV2', 'Selects slices of `params` along `axis` at `indices` (out of range is an error on CPU).', {
    inputs: [arg('params', 'Tparams'), arg('indices', 'Tindices'), hostIndex('axis', 'Taxis')],
    outputs: [arg('output', 'Tparams')],
    attrs: [attr('batch_dims', 'int', 0), typeAttr('Tparams', ANY), typeAttr('Tindices', INDEX), typeAttr('Taxis', INDEX)],
  }),
  op('Tile', 'Repeats the input `multiples[i]` times along dimension i.', {
    inputs: [arg('input'), hostIndex('multiples', 'Tmultiples')], outputs: [arg('output')],
    attrs: [T, typeAttr('Tmultiples', INDEX, 'int32')],
  }),
  op('Pad', 'Pads with zeros; `paddings` is [rank, 2] of (before, after).', {
    inputs: [arg('input'), hostIndex('paddings', 'Tpaddings')], outputs: [arg('output')],
    attrs: [T, typeAttr('Tpaddings', INDEX, 'int32')],
  }),
  op('PadV2', 'Pads with `constant_values`.', {
    inputs: [arg('input'), hostIndex('paddings', 'Tpaddings'), arg('constant_values')], outputs: [arg('output')],
    attrs: [T, typeAttr('Tpaddings', INDEX, 'int32')],
  }),
  op('Fill', 'A tensor of shape `dims` filled with `value`.', {
    inputs: [hostIndex('dims', 'index_type'), arg('value')], outputs: [arg('output')],
    attrs: [T, typeAttr('index_type', INDEX, 'int32')],
  }),
  op('ZerosLike', 'Zeros of the input\'s shape and dtype.', { inputs: [arg('x')], outputs: [arg('y')], attrs: [T] }),
  op('OnesLike', 'Ones of the input\'s shape and dtype.', {
    inputs: [arg('x')], outputs: [arg('y')], attrs: [typeAttr('T', [...NUMBER, 'bool'])],
  }),
  op('Shape', 'The input\'s shape as a vector.', {
    inputs: [arg('input')], outputs: [arg('output', 'out_type')], attrs: [T, typeAttr('out_type', INDEX, 'int32')],
    placement: 'host',
  }),
  op('Size', 'The input\'s element count.', {
    inputs: [arg('input')], outputs: [arg('output', 'out_type')], attrs: [T, typeAttr('out_type', INDEX, 'int32')],
    placement: 'host',
  }),
  op('Rank', 'The input\'s rank.', { inputs: [arg('input')], outputs: [fixed('output', 'int32')], attrs: [T], placement: 'host' }),
  op('OneHot', 'One-hot vectors: `on_value` at `indices`, `off_value` elsewhere, along `axis`.', {
    inputs: [arg('indices', 'TI'), fixed('depth', 'int32', { hostMemory: true }), arg('on_value'), arg('off_value')],
    outputs: [arg('output')],
    attrs: [attr('axis', 'int', -1), T, typeAttr('TI', ['uint8', 'int32', 'int64'], 'int64')],
  }),
  op('Where', 'Coordinates [n, rank] (int64) of the true (non-zero) elements, row-major.', {
    inputs: [arg('input')], outputs: [fixed('index', 'int64')], attrs: [typeAttr('T', [...NUMBER, 'bool'], 'bool')],
    placement: 'host',
  }),
  op('BroadcastGradientArgs', 'The reduction axes for the gradients of a broadcasting binary op.', {
    inputs: [arg('s0'), arg('s1')], outputs: [arg('r0'), arg('r1')], attrs: [typeAttr('T', INDEX, 'int32')],
    placement: 'host',
  }),
];
