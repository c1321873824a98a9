import type { AttrValue } from '@varscope/kernel-api';
import { getDefaultGraph } from '../graph/graph.js';
import type { Operation } from '../graph/operation.js';
import type { Tensor } from '../graph/tensor.js';

export interface BuildOpSpec {
  /** Op type (`MatMul`). */
  readonly type: string;
  /** The user's `name` option, if any. */
  readonly name?: string | undefined;
  /** The name used when `name` is absent (defaults to `type`; Python operators use `add`, `mul`…). */
  readonly defaultName?: string;
  /** Builds the inputs inside the op's name scope, so constants made for plain values are named `<op>/y`. */
  readonly inputs?: () => readonly (Tensor | readonly Tensor[])[];
  readonly attrs?: Readonly<Record<string, AttrValue | undefined>>;
}

/**
 * Creates one op the way TensorFlow's op wrappers do: open a name scope named after the op,
 * convert the inputs inside it, and give the op the scope's name. All-or-nothing: if anything
 * fails, the graph is left unchanged.
 */
export function buildOp(spec: BuildOpSpec): Operation {
  const g = getDefaultGraph();
  return g.atomically(() => g.nameScope(spec.name || spec.defaultName || spec.type, (scope) =>
    g.createOp({
      type: spec.type,
      inputs: spec.inputs ? spec.inputs() : undefined,
      attrs: spec.attrs,
      name: scope,
    })));
}

/** `buildOp(...).output(0)`. */
export function buildOp1(spec: BuildOpSpec): Tensor {
  return buildOp(spec).output(0);
}
