import type { HostTensor } from '@varscope/kernel-api';
import { NDArray } from '../dtypes/index.js';
import { ValueError } from '../errors.js';
import { AS_REF, TO_TENSOR, isRefConvertible, isTensorConvertible } from '../graph/conversion.js';
import type { RefConvertible, TensorConvertible } from '../graph/conversion.js';
import type { Graph } from '../graph/graph.js';
import { Operation } from '../graph/operation.js';
import { Tensor } from '../graph/tensor.js';
import { describeValue, typeName } from './describe-value.js';

/** One thing `Session.run` can fetch. */
export type FetchElement = Tensor | Operation | TensorConvertible | RefConvertible | string;

/** Fetches: an element, or arrays, plain objects and Maps of fetches, nested. */
export type Fetches =
  | FetchElement
  | readonly Fetches[]
  | ReadonlyMap<unknown, Fetches>
  | { readonly [key: string]: Fetches };

/** What `Session.run` returns for fetches `F`: the same structure, tensors as NDArrays, ops as null. */
export type FetchResult<F> =
  // A caller typed only as `Fetches` (or wider) gets `unknown`: the recursive union has no finite mirror.
  [Fetches] extends [F] ? unknown
  : F extends Operation ? null
    : F extends Tensor | TensorConvertible | RefConvertible ? NDArray
      : F extends string ? NDArray | null
        : F extends ReadonlyMap<infer K, infer V> ? Map<K, FetchResult<V>>
          : F extends readonly unknown[] ? { -readonly [I in keyof F]: FetchResult<F[I]> }
            : F extends object ? { -readonly [K in keyof F]: FetchResult<F[K]> }
              : unknown;

/** The fetches of one call, flattened: unique tensors and target ops, and how to rebuild the structure. */
export interface ParsedFetches {
  readonly tensors: readonly Tensor[];
  readonly targets: readonly Operation[];
  /** Rebuilds the caller's structure from one host value per entry of `tensors`. */
  build(values: readonly HostTensor[]): unknown;
}

type Builder = (values: ReadonlyMap<Tensor, NDArray>) => unknown;

function isPlainObject(x: object): boolean {
  const proto = Object.getPrototypeOf(x) as unknown;
  return proto === Object.prototype || proto === null;
}

function notInterpretable(fetch: unknown, why: string): ValueError {
  return new ValueError(`Fetch argument ${describeValue(fetch)} cannot be interpreted as a Tensor. (${why})`);
}

/** TensorFlow's `Graph.as_graph_element` for one fetch. */
function resolveElement(fetch: unknown, graph: Graph): Tensor | Operation | undefined {
  if (fetch instanceof Tensor || fetch instanceof Operation) {
    if (fetch.graph !== graph) {
      throw notInterpretable(fetch, `${fetch instanceof Tensor ? 'Tensor' : 'Operation'} ${describeValue(fetch)} is not an element of this graph.`);
    }
    return fetch;
  }
  if (typeof fetch === 'string') {
    try {
      return fetch.includes(':') ? graph.getTensorByName(fetch) : graph.getOperationByName(fetch);
    } catch (e) {
      throw notInterpretable(fetch, (e as Error).message);
    }
  }
  // A variable fetches as its own tensor (`v:0`), read when the run ends (TensorFlow's `_as_graph_element`).
  if (isRefConvertible(fetch)) {
    let ref: Tensor | undefined;
    try {
      ref = fetch[AS_REF]();
    } catch (e) {
      // Objects that cannot be references (a partitioned variable) still fetch as their value.
      if (!isTensorConvertible(fetch)) throw e;
    }
    if (ref !== undefined) return resolveElement(ref, graph);
  }
  if (isTensorConvertible(fetch)) return resolveElement(fetch[TO_TENSOR](), graph);
  return undefined;
}

/** Flattens a fetch structure, checking every element (TensorFlow's `_FetchMapper`s). */
export function parseFetches(fetches: unknown, graph: Graph): ParsedFetches {
  const tensors: Tensor[] = [];
  const seenTensors = new Set<Tensor>();
  const targets: Operation[] = [];
  const seenOps = new Set<Operation>();

  const map = (fetch: unknown): Builder => {
    if (fetch === null || fetch === undefined) {
      throw new TypeError(`Fetch argument ${String(fetch)} has invalid type ${typeName(fetch)}`);
    }
    const element = typeof fetch === 'object' || typeof fetch === 'string' ? resolveElement(fetch, graph) : undefined;
    if (element instanceof Tensor) {
      if (!seenTensors.has(element)) {
        seenTensors.add(element);
        tensors.push(element);
      }
      return (values) => values.get(element) ?? null;
    }
    if (element instanceof Operation) {
      if (!seenOps.has(element)) {
        seenOps.add(element);
        targets.push(element);
      }
      return () => null;
    }
    if (Array.isArray(fetch)) {
      const items = fetch.map(map);
      return (values) => items.map((b) => b(values));
    }
    if (fetch instanceof Map) {
      const entries = [...fetch.entries()].map(([k, v]) => [k, map(v)] as const);
      return (values) => new Map(entries.map(([k, b]) => [k, b(values)]));
    }
    if (typeof fetch === 'object' && isPlainObject(fetch)) {
      const entries = Object.entries(fetch).map(([k, v]) => [k, map(v)] as const);
      return (values) => Object.fromEntries(entries.map(([k, b]) => [k, b(values)]));
    }
    const type = typeName(fetch);
    throw new TypeError(
      `Fetch argument ${describeValue(fetch)} has invalid type ${type}, must be a string or Tensor. (Can not convert a ${type} into a Tensor or Operation.)`,
    );
  };

  const builder = map(fetches);
  return {
    tensors,
    targets,
    build: (values) => {
      const byTensor = new Map<Tensor, NDArray>();
      tensors.forEach((t, i) => {
        const v = values[i];
        if (v !== undefined) byTensor.set(t, NDArray.fromHostTensor(v));
      });
      return builder(byTensor);
    },
  };
}

/** The parsed form of a fetch that is one tensor or one op of the session's graph. */
export function singleFetch(fetch: Tensor | Operation): ParsedFetches {
  return fetch instanceof Tensor ? new SingleTensorFetch(fetch) : new SingleOpFetch(fetch);
}

class SingleTensorFetch implements ParsedFetches {
  readonly tensors: readonly Tensor[];
  readonly targets: readonly Operation[] = [];

  constructor(tensor: Tensor) {
    this.tensors = [tensor];
  }

  build(values: readonly HostTensor[]): unknown {
    const v = values[0];
    return v === undefined ? null : NDArray.fromHostTensor(v);
  }
}

class SingleOpFetch implements ParsedFetches {
  readonly tensors: readonly Tensor[] = [];
  readonly targets: readonly Operation[];

  constructor(op: Operation) {
    this.targets = [op];
  }

  build(): unknown {
    return null;
  }
}
