import type { Tensor } from '../graph/tensor.js';
import { buildOp1 } from './op-builder.js';
import { convertToRef, convertToTensor } from './convert.js';
import type { TensorInput } from './convert.js';

export interface AssignOptions {
  readonly name?: string;
  readonly useLocking?: boolean;
  readonly validateShape?: boolean;
}

/**
 * `ref = value`; returns the variable's reference after the assignment (TensorFlow's `tf.assign`).
 * The op is colocated with the variable whatever device scope it is built in.
 */
export function assign(ref: unknown, value: TensorInput, options: AssignOptions = {}): Tensor {
  return buildOp1({
    type: 'Assign', name: options.name,
    inputs: () => {
      const r = convertToRef(ref, 'Assign');
      return [r, convertToTensor(value, { dtype: r.dtype, name: 'value' })];
    },
    attrs: { validate_shape: options.validateShape, use_locking: options.useLocking },
  });
}

/** `ref += value` (TensorFlow's `tf.assign_add`). */
export function assignAdd(ref: unknown, value: TensorInput, options: Omit<AssignOptions, 'validateShape'> = {}): Tensor {
  return updateOp('AssignAdd', ref, value, options);
}

/** `ref -= value` (TensorFlow's `tf.assign_sub`). */
export function assignSub(ref: unknown, value: TensorInput, options: Omit<AssignOptions, 'validateShape'> = {}): Tensor {
  return updateOp('AssignSub', ref, value, options);
}

function updateOp(type: 'AssignAdd' | 'AssignSub', ref: unknown, value: TensorInput, options: Omit<AssignOptions, 'validateShape'>): Tensor {
  return buildOp1({
    type, name: options.name,
    inputs: () => {
      const r = convertToRef(ref, type);
      return [r, convertToTensor(value, { dtype: r.dtype, name: 'value' })];
    },
    attrs: { use_locking: options.useLocking },
  });
}

/** A scalar bool: whether the variable has been initialized (or restored). */
export function isVariableInitialized(ref: unknown, options: { name?: string } = {}): Tensor {
  return buildOp1({ type: 'IsVariableInitialized', name: options.name, inputs: () => [convertToRef(ref, 'IsVariableInitialized')] });
}

/** Increments an integer variable until `limit`; yields the value before the increment. */
export function countUpTo(ref: unknown, limit: number, options: { name?: string } = {}): Tensor {
  return buildOp1({ type: 'CountUpTo', name: options.name, inputs: () => [convertToRef(ref, 'CountUpTo')], attrs: { limit } });
}

