import type { OpDef } from '../op-def.js';
import { ANY, arg, attr, fixed, op, typeAttr } from './dsl.js';

const ALL_TYPES = [...ANY, 'resource' as const, 'variant' as const];

/**
 * Ops core runs on the host: graph inputs, grouping, control flow, checkpoint I/O and summaries.
 * Backends never see these.
 */
export const HOST_OPS: readonly OpDef[] = [
  op('Const', 'A constant tensor held in the graph.', {
    outputs: [arg('output', 'dtype')], attrs: [attr('value', 'tensor'), typeAttr('dtype', ALL_TYPES)], placement: 'host',
  }),
  op('Placeholder', 'A value that must be fed.', {
    outputs: [arg('output', 'dtype')], attrs: [typeAttr('dtype', ALL_TYPES), attr('shape', 'shape', null)], placement: 'host',
  }),
  op('PlaceholderWithDefault', 'Its input, unless fed.', {
    inputs: [arg('input', 'dtype')], outputs: [arg('output', 'dtype')],
    attrs: [typeAttr('dtype', ALL_TYPES), attr('shape', 'shape')], placement: 'host',
  }),
  op('NoOp', 'Does nothing; used to group control dependencies.', { placement: 'host' }),
  op('Switch', 'Forwards data to output_true or output_false by pred; the other output is dead.', {
    inputs: [arg('data'), fixed('pred', 'bool')], outputs: [arg('output_false'), arg('output_true')],
    attrs: [typeAttr('T', ALL_TYPES)], placement: 'host',
  }),
  op('Merge', 'Forwards whichever input is alive.', {
    inputs: [arg('inputs', 'T', { numberAttr: 'N' })], outputs: [arg('output'), fixed('value_index', 'int32')],
    attrs: [typeAttr('T', ALL_TYPES), attr('N', 'int', undefined, { minimum: 1 })], placement: 'host',
  }),
  op('SaveV2', 'Writes tensors to a V2 checkpoint at `prefix`.', {
    inputs: [fixed('prefix', 'string'), fixed('tensor_names', 'string'), fixed('shape_and_slices', 'string'),
      { name: 'tensors', typeListAttr: 'dtypes' }],
    attrs: [attr('dtypes', 'list(type)', undefined, { allowedTypes: ANY })], stateful: true, placement: 'host',
  }),
  op('RestoreV2', 'Reads tensors from a V2 checkpoint at `prefix`.', {
    inputs: [fixed('prefix', 'string'), fixed('tensor_names', 'string'), fixed('shape_and_slices', 'string')],
    outputs: [{ name: 'tensors', typeListAttr: 'dtypes' }],
    attrs: [attr('dtypes', 'list(type)', undefined, { allowedTypes: ANY })], stateful: true, placement: 'host',
  }),
  op('MergeV2Checkpoints', 'Merges sharded checkpoints\' indexes into one at `destination_prefix`.', {
    inputs: [fixed('checkpoint_prefixes', 'string'), fixed('destination_prefix', 'string')],
    attrs: [attr('delete_old_dirs', 'bool', true)], stateful: true, placement: 'host',
  }),
  op('ShardedFilename', 'basename-SSSSS-of-NNNNN.', {
    inputs: [fixed('basename', 'string'), fixed('shard', 'int32'), fixed('num_shards', 'int32')],
    outputs: [fixed('filename', 'string')], placement: 'host',
  }),
  op('StringJoin', 'Joins strings elementwise with `separator`.', {
    inputs: [fixed('inputs', 'string', { numberAttr: 'N' })], outputs: [fixed('output', 'string')],
    attrs: [attr('N', 'int', undefined, { minimum: 1 }), attr('separator', 'string', '')], placement: 'host',
  }),
  op('ScalarSummary', 'A Summary proto with one simple value per tag.', {
    inputs: [fixed('tags', 'string'), arg('values')], outputs: [fixed('summary', 'string')],
    attrs: [typeAttr('T', ['float32', 'float64', 'int32', 'int64', 'uint8', 'int8', 'int16', 'uint16', 'float16'])],
    placement: 'host',
  }),
  op('HistogramSummary', 'A Summary proto with a histogram of `values`.', {
    inputs: [fixed('tag', 'string'), arg('values')], outputs: [fixed('summary', 'string')],
    attrs: [typeAttr('T', ['float32', 'float64', 'int32', 'int64', 'uint8', 'int8', 'int16', 'uint16', 'float16'], 'float32')],
    placement: 'host',
  }),
  op('MergeSummary', 'Merges Summary protos.', {
    inputs: [fixed('inputs', 'string', { numberAttr: 'N' })], outputs: [fixed('summary', 'string')],
    attrs: [attr('N', 'int', undefined, { minimum: 1 })], placement: 'host',
  }),
];
