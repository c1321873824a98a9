// The global step: the int64 counter of training steps (TensorFlow's training_util.py).
import { isInteger } from '@varscope/kernel-api';
import { ValueError } from '../errors.js';
import { getDefaultGraph } from '../graph/graph.js';
import type { Graph } from '../graph/graph.js';
import { Tensor } from '../graph/tensor.js';
import { GraphKeys, Variable, getVariable, zerosInitializer } from '../variables/index.js';

/** What can serve as the global step: a variable, or a tensor (the variable's reference). */
export type GlobalStep = Variable | Tensor;

/**
 * Checks that `globalStep` can be a global step: a variable or tensor of an integer dtype and
 * scalar shape (TensorFlow's `assert_global_step`).
 */
export function assertGlobalStep(globalStep: unknown): asserts globalStep is GlobalStep {
  if (!(globalStep instanceof Variable) && !(globalStep instanceof Tensor)) {
    throw new TypeError(`Existing "global_step" must be a Variable or Tensor: ${String(globalStep)}.`);
  }
  if (!isInteger(globalStep.dtype)) {
    throw new TypeError(`Existing "global_step" does not have integer type: ${globalStep.dtype}`);
  }
  const s = globalStep.shape;
  if (s.rank !== 0 && s.isFullyDefined()) {
    throw new TypeError(`Existing "global_step" is not scalar: ${s.toString()}`);
  }
}

/**
 * The graph's global step (TensorFlow's `tf.train.get_global_step`): the only item of the
 * GLOBAL_STEP collection, else the tensor `global_step:0`, else null. With several items in
 * the collection it is ambiguous, and null as in TensorFlow.
 */
export function getGlobalStep(graph: Graph = getDefaultGraph()): GlobalStep | null {
  const collected = graph.getCollection(GraphKeys.GLOBAL_STEP);
  let step: unknown;
  if (collected.length === 1) step = collected[0];
  else if (collected.length === 0) {
    const op = graph.findOperation('global_step');
    if (op === undefined || op.outputs.length === 0) return null;
    step = op.outputs[0];
  } else {
    return null;
  }
  assertGlobalStep(step);
  return step;
}

/**
 * Creates the global step: an int64 scalar variable `global_step` initialized to 0, not
 * trainable, in GLOBAL_VARIABLES and GLOBAL_STEP, built at the root name scope (TensorFlow's
 * `tf.train.create_global_step`). An existing global step is a ValueError.
 */
export function createGlobalStep(graph: Graph = getDefaultGraph()): Variable {
  if (getGlobalStep(graph) !== null) throw new ValueError('"global_step" already exists.');
  return graph.asDefault(() => graph.nameScope(null, () => getVariable<Variable>(GraphKeys.GLOBAL_STEP, {
    shape: [], dtype: 'int64', initializer: zerosInitializer({ dtype: 'int64' }), trainable: false,
    collections: [GraphKeys.GLOBAL_VARIABLES, GraphKeys.GLOBAL_STEP],
  })));
}

/** The global step, created if the graph has none (TensorFlow's `tf.train.get_or_create_global_step`). */
export function getOrCreateGlobalStep(graph: Graph = getDefaultGraph()): GlobalStep {
  return getGlobalStep(graph) ?? createGlobalStep(graph);
}
