import type { Tensor } from './tensor.js';

/**
 * Objects that stand for a tensor wherever one is expected (a Variable stands for its value).
 * Implement `[TO_TENSOR]()` to join in.
 */
export const TO_TENSOR: unique symbol = Symbol.for('varscope.toTensor') as never;
/** Objects that stand for a reference (l-value) tensor, for ops that mutate (Assign…). */
export const AS_REF: unique symbol = Symbol.for('varscope.asRef') as never;

export interface TensorConvertible {
  [TO_TENSOR](): Tensor;
}
export interface RefConvertible {
  [AS_REF](): Tensor;
}

export function isTensorConvertible(x: unknown): x is TensorConvertible {
  return x !== null && typeof x === 'object' && typeof (x as Partial<TensorConvertible>)[TO_TENSOR] === 'function';
}
export function isRefConvertible(x: unknown): x is RefConvertible {
  return x !== null && typeof x === 'object' && typeof (x as Partial<RefConvertible>)[AS_REF] === 'function';
}
