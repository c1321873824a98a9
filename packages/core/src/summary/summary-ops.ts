import type { Operation } from '../graph/operation.js';
import type { Tensor } from '../graph/tensor.js';
import { getDefaultGraph } from '../graph/graph.js';
import { convertToTensor, constant } from '../ops/convert.js';
import type { TensorInput } from '../ops/convert.js';
import { buildOp } from '../ops/op-builder.js';
import { GraphKeys } from '../variables/index.js';

export interface SummaryOptions {
  /** Collections the summary joins (default `[GraphKeys.SUMMARIES]`). */
  readonly collections?: readonly string[];
}

/**
 * TensorFlow's `summary_scope`: the tag is `name` under the current name scope, and the op is
 * named after the (uniquified) scope.
 */
function summaryOp(type: 'ScalarSummary' | 'HistogramSummary', name: string, values: TensorInput, options: SummaryOptions): Tensor {
  const g = getDefaultGraph();
  return g.atomically(() => {
    const stack = g.nameStack;
    const tag = stack ? `${stack}/${name}` : name;
    const op = buildOp({
      type,
      name,
      inputs: () => [constant(tag, { dtype: 'string', name: 'tags' }), convertToTensor(values, { name: 'values' })],
    });
    for (const key of options.collections ?? [GraphKeys.SUMMARIES]) g.addToCollection(key, op.output(0));
    return op.output(0);
  });
}

/** A scalar summary (`tf.summary.scalar`): a string tensor holding a serialized `Summary`. */
export function scalar(name: string, tensor: TensorInput, options: SummaryOptions = {}): Tensor {
  return summaryOp('ScalarSummary', name, tensor, options);
}

/** A histogram summary of every value of `values` (`tf.summary.histogram`). */
export function histogram(name: string, values: TensorInput, options: SummaryOptions = {}): Tensor {
  return summaryOp('HistogramSummary', name, values, options);
}

/** One `Summary` from several (`tf.summary.merge`). */
export function merge(inputs: readonly Tensor[], options: SummaryOptions & { name?: string } = {}): Tensor {
  const g = getDefaultGraph();
  return g.atomically(() => {
    const op: Operation = buildOp({ type: 'MergeSummary', name: options.name ?? 'Merge/MergeSummary', inputs: () => [[...inputs]] });
    for (const key of options.collections ?? []) g.addToCollection(key, op.output(0));
    return op.output(0);
  });
}

/** Every summary in collection `key` merged into one (`tf.summary.merge_all`), or `null` if there are none. */
export function mergeAll(key: string = GraphKeys.SUMMARIES): Tensor | null {
  const summaries = getDefaultGraph().getCollection<Tensor>(key);
  if (summaries.length === 0) return null;
  return merge(summaries);
}
