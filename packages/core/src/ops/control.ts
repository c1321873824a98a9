import { ValueError } from '../errors.js';
import { getDefaultGraph } from '../graph/graph.js';
import type { Operation } from '../graph/operation.js';
import { toOperation } from '../graph/scopes.js';
import type { OpLike } from '../graph/scopes.js';
import type { Tensor } from '../graph/tensor.js';
import { buildOp, buildOp1 } from './op-builder.js';
import { convertToTensor } from './convert.js';
import type { TensorInput } from './convert.js';

/** An op that does nothing; with control inputs it groups them. */
export function noOp(options: { name?: string } = {}): Operation {
  return buildOp({ type: 'NoOp', name: options.name });
}

/**
 * An op that runs after all `inputs` (TensorFlow's `tf.group`): a `NoOp` named `group_deps`
 * (or `name`) whose control inputs are the inputs' ops.
 */
export function group(inputs: readonly OpLike[], options: { name?: string } = {}): Operation {
  const ops = uniqueOps(inputs.map((x) => toOperation(x, 'group')));
  const g = getDefaultGraph();
  return g.atomically(() => g.controlDependencies(ops, () => noOp({ name: options.name || 'group_deps' })));
}

/**
 * Tensors with the same values as `tensors` that are only available after all of them (and
 * `controlInputs`) have been computed (TensorFlow's `tf.tuple`).
 */
export function tuple(tensors: readonly Tensor[], options: { name?: string; controlInputs?: readonly OpLike[] } = {}): Tensor[] {
  if (tensors.length === 0) throw new ValueError('tuple: at least one tensor is required');
  const g = getDefaultGraph();
  return g.atomically(() => g.nameScope(options.name || 'tuple', () => {
    const gate = group([...tensors, ...(options.controlInputs ?? [])]);
    return tensors.map((t) => g.controlDependencies([gate], () => identity(t)));
  }));
}

/** A copy of `input` (TensorFlow's `tf.identity`). */
export function identity(input: TensorInput, options: { name?: string } = {}): Tensor {
  return buildOp1({ type: 'Identity', name: options.name, inputs: () => [convertToTensor(input, { name: 'input' })] });
}

/** `input`, but gradients do not flow through it. */
export function stopGradient(input: TensorInput, options: { name?: string } = {}): Tensor {
  return buildOp1({ type: 'StopGradient', name: options.name, inputs: () => [convertToTensor(input, { name: 'input' })] });
}

function uniqueOps(ops: Operation[]): Operation[] {
  return [...new Set(ops)];
}

