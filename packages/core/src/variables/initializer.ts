import type { DType } from '@varscope/kernel-api';
import type { Tensor } from '../graph/tensor.js';
import type { TensorInput } from '../ops/convert.js';

/** Where a partition sits in the full variable: initializers compute fans from the full shape. */
export interface PartitionInfo {
  readonly fullShape: readonly number[];
  readonly varOffset: readonly number[];
}

/**
 * An initializer object (TensorFlow's `init_ops.Initializer`): builds the ops that produce a
 * variable's initial value for a fully defined shape. The factories in `initializers.ts`
 * return these.
 */
export abstract class Initializer {
  /** The dtype used when `call` gets none. */
  abstract readonly dtype: DType;

  /** Builds the initial value of `shape` (the partition's shape when `partitionInfo` is given). */
  abstract call(shape: readonly number[], dtype?: DType, partitionInfo?: PartitionInfo): Tensor;

  /** The constructor arguments, as TensorFlow's `get_config`. */
  abstract getConfig(): Record<string, unknown>;
}

/** A custom initializer written as a function of the shape (TensorFlow's callable initializers). */
export type InitializerFunction = (shape: readonly number[], dtype: DType, partitionInfo?: PartitionInfo) => TensorInput;

/** An `Initializer` subclass with a no-argument constructor: `getVariable` instantiates it. */
export type InitializerClass = abstract new () => Initializer;

/**
 * What `getVariable` accepts as `initializer`:
 * - an `Initializer` (or its class, instantiated with no arguments), or a function of
 *   `(shape, dtype, partitionInfo?)`: needs a fully defined `shape`;
 * - a function of no arguments returning the initial value: no `shape`, the value decides;
 * - a tensor, variable or plain value: the initial value itself, with no `shape`.
 */
export type VariableInitializer = Initializer | InitializerClass | InitializerFunction | (() => TensorInput) | TensorInput;

/** Whether `init` builds values from a shape (as opposed to being, or producing, a value). */
export function isShapeInitializer(init: unknown): init is Initializer | InitializerFunction {
  return init instanceof Initializer || (typeof init === 'function' && !isInitializerClass(init) && init.length > 0);
}

export function isInitializerClass(init: unknown): init is InitializerClass {
  return typeof init === 'function' && init.prototype instanceof Initializer;
}

/** TensorFlow's `callable(initializer)`: an initializer object, class or function. */
export function isCallableInitializer(init: unknown): boolean {
  return init instanceof Initializer || typeof init === 'function';
}
