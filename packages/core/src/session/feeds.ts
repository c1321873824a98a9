import type { HostTensor } from '@varscope/kernel-api';
import { convertToHostTensor } from '../dtypes/index.js';
import type { TensorLike } from '../dtypes/index.js';
import { ValueError } from '../errors.js';
import { AS_REF, TO_TENSOR, isRefConvertible, isTensorConvertible } from '../graph/conversion.js';
import type { RefConvertible, TensorConvertible } from '../graph/conversion.js';
import type { Graph } from '../graph/graph.js';
import { Tensor } from '../graph/tensor.js';
import { formatPythonShape } from '../shape/format-shape.js';
import { describeValue, typeName } from './describe-value.js';

/** What a feed can be keyed by: a tensor, a tensor name (`'x:0'`), or a variable. */
export type FeedKey = Tensor | string | TensorConvertible | RefConvertible;

/** Feeds: a Map keyed by tensors or names, or a plain object keyed by tensor names. */
export type Feeds = ReadonlyMap<FeedKey, TensorLike> | { readonly [tensorName: string]: TensorLike };

function resolveKey(key: unknown, graph: Graph): Tensor {
  let t: unknown = key;
  if (typeof key === 'string') {
    try {
      t = graph.getTensorByName(key);
    } catch (e) {
      throw new TypeError(`Cannot interpret feed_dict key as Tensor: ${(e as Error).message}`);
    }
  } else if (isRefConvertible(key)) {
    t = key[AS_REF]();
  } else if (isTensorConvertible(key)) {
    t = key[TO_TENSOR]();
  }
  if (!(t instanceof Tensor)) {
    throw new TypeError(`Cannot interpret feed_dict key as Tensor: ${describeValue(key)} of type ${typeName(key)} is not a Tensor, a tensor name or a Variable.`);
  }
  if (t.graph !== graph) {
    throw new ValueError(`Cannot interpret feed_dict key as Tensor: Tensor ${t.toString()} is not an element of this graph.`);
  }
  return t;
}

/**
 * Checks and converts feeds (TensorFlow's `Session._run` feed handling): each value is
 * converted to the tensor's dtype and must match its static shape.
 */
export function parseFeeds(feeds: Feeds | undefined, graph: Graph): Map<Tensor, HostTensor> {
  const result = new Map<Tensor, HostTensor>();
  if (feeds === undefined || feeds === null) return result;
  if (typeof feeds !== 'object') {
    throw new TypeError(`Feeds must be a Map or a plain object keyed by tensor names, got ${typeName(feeds)}`);
  }
  const entries: [unknown, unknown][] = feeds instanceof Map ? [...feeds.entries()] : Object.entries(feeds);
  for (const [key, value] of entries) {
    const t = resolveKey(key, graph);
    if (value instanceof Tensor || isTensorConvertible(value)) {
      throw new TypeError(
        `The value of a feed cannot be a tf.Tensor object. Acceptable feed values include JS numbers, booleans, strings, bigints, nested arrays, typed arrays and NDArrays. For reference, the tensor object was ${describeValue(value)} which was passed to the feed with key ${describeValue(key)}.`,
      );
    }
    let host: HostTensor;
    try {
      host = convertToHostTensor(value as TensorLike, { dtype: t.dtype });
    } catch (e) {
      if (!(e instanceof TypeError)) throw e;
      throw new TypeError(
        `Type of feed value ${describeValue(value)} with type ${typeName(value)} is not compatible with Tensor type ${t.dtype}. Please provide a value of the tensor's type. (${e.message})`,
        { cause: e },
      );
    }
    if (!t.shape.isCompatibleWith(host.shape)) {
      throw new ValueError(`Cannot feed value of shape ${formatPythonShape(host.shape)} for Tensor '${t.name}', which has shape '${t.shape.toString()}'`);
    }
    result.set(t, host);
  }
  return result;
}
