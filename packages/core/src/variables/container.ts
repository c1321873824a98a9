import { getDefaultGraph } from '../graph/graph.js';
import type { Graph } from '../graph/graph.js';
import { runScoped } from '../graph/scope-callback.js';

const CONTAINER = Symbol('varscope.variableContainer');

interface ContainerState {
  name: string;
}

function state(graph: Graph): ContainerState {
  return graph.store(CONTAINER, () => ({ name: '' }));
}

/**
 * Variables created in `fn` go to resource container `name` (TensorFlow's `tf.container`):
 * their `VariableV2` op's `container` attr. Containers let a session reset a group of
 * variables; the default container is `''`. Nested calls replace the name for their body.
 */
export function container<T>(name: string, fn: () => T): T {
  if (typeof name !== 'string') throw new TypeError(`container: name must be a string, got ${String(name)}`);
  const s = state(getDefaultGraph());
  const old = s.name;
  return runScoped('container', () => { s.name = name; }, () => { s.name = old; }, fn);
}

/** @internal The container for variables created now in `graph`. */
export function currentContainer(graph: Graph): string {
  return state(graph).name;
}
