import type { Operation } from '../graph/operation.js';
import { KeyError } from '../errors.js';
import type { Tensor } from '../graph/tensor.js';
import { ARRAY_GRADIENTS } from './array-grad.js';
import { MATH_GRADIENTS } from './math-grad.js';
import { NN_GRADIENTS } from './nn-grad.js';
import { NOT_DIFFERENTIABLE } from './not-differentiable.js';

/**
 * A gradient function (TensorFlow's `@ops.RegisterGradient`): given the forward op and the
 * gradient of the loss with respect to each of its outputs, builds the gradient with respect
 * to each of its inputs (`null` where there is none). It runs inside the name scope
 * `gradients/<op name>_grad/`. An output's gradient is `null` only for outputs of
 * non-floating dtypes; missing gradients of floating outputs arrive as zeros.
 */
export type GradientFunction = (op: Operation, grads: readonly (Tensor | null)[]) => readonly (Tensor | null)[];

/** TensorFlow's Python `LookupError`: an op type without a registered gradient. */
export class LookupError extends Error {
  override readonly name: string = 'LookupError';
}

/** `null` marks an op type registered as not differentiable (TensorFlow's `ops.NotDifferentiable`). */
type Entry = GradientFunction | null;

const BUILTIN: ReadonlyMap<string, Entry> = new Map<string, Entry>([
  ...MATH_GRADIENTS,
  ...ARRAY_GRADIENTS,
  ...NN_GRADIENTS,
  ...NOT_DIFFERENTIABLE.map((type): [string, Entry] => [type, null]),
]);

/** Gradients registered by users for op types varscope does not differentiate itself. */
const custom = new Map<string, Entry>();

/**
 * Registers the gradient of op type `type` (TensorFlow's `tf.RegisterGradient`); `null`
 * declares it not differentiable. Registering a type twice, or a built-in type, is an error.
 */
export function registerGradient(type: string, fn: GradientFunction | null): void {
  if (typeof type !== 'string' || type === '') throw new TypeError('registerGradient: the op type must be a non-empty string');
  if (fn !== null && typeof fn !== 'function') throw new TypeError(`registerGradient: the gradient of ${type} must be a function or null`);
  if (BUILTIN.has(type) || custom.has(type)) throw new KeyError(`Registering two gradient with name '${type}'!`);
  custom.set(type, fn);
}

/** TensorFlow's `ops.NotDifferentiable(type)`: gradients stop at ops of this type. */
export function notDifferentiable(type: string): void {
  registerGradient(type, null);
}

/**
 * The gradient function of `op`'s type: a function, `null` for a type declared not
 * differentiable, or a `LookupError` naming the op when none is registered.
 */
export function getGradientFunction(op: Operation): GradientFunction | null {
  const entry = BUILTIN.has(op.type) ? BUILTIN.get(op.type) : custom.get(op.type);
  if (entry === undefined) {
    throw new LookupError(`No gradient defined for operation '${op.name}' (op type: ${op.type})`);
  }
  return entry;
}

/** The op types with a gradient function (not those declared not differentiable). */
export function registeredGradientTypes(): string[] {
  const types: string[] = [];
  for (const [type, fn] of [...BUILTIN, ...custom]) if (fn !== null) types.push(type);
  return types.sort();
}

/** The op types declared not differentiable. */
export function notDifferentiableTypes(): string[] {
  const types: string[] = [];
  for (const [type, fn] of [...BUILTIN, ...custom]) if (fn === null) types.push(type);
  return types.sort();
}
