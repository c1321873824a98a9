import { getDefaultGraph } from '../graph/graph.js';
import type { Tensor } from '../graph/tensor.js';
import { ValueError } from '../errors.js';
import { convertToTensor } from './convert.js';
import type { TensorInput } from './convert.js';
import type { NameOptions } from './math.js';
import { genOp1 } from './op-inputs.js';

const compare = (type: string) => (x: TensorInput, y: TensorInput, options: NameOptions = {}): Tensor =>
  genOp1({ type, name: options.name, inputs: [x, y] });

type Binary = (x: TensorInput, y: TensorInput, options?: NameOptions) => Tensor;

/** `x == y` elementwise, as bool (op `Equal`). */
export const equal: Binary = compare('Equal');
/** `x != y` elementwise (op `NotEqual`). */
export const notEqual: Binary = compare('NotEqual');
/** `x < y` elementwise (op `Less`). */
export const less: Binary = compare('Less');
/** `x <= y` elementwise (op `LessEqual`). */
export const lessEqual: Binary = compare('LessEqual');
/** `x > y` elementwise (op `Greater`). */
export const greater: Binary = compare('Greater');
/** `x >= y` elementwise (op `GreaterEqual`). */
export const greaterEqual: Binary = compare('GreaterEqual');
/** `x && y` for bool tensors (op `LogicalAnd`). */
export const logicalAnd: Binary = compare('LogicalAnd');
/** `x || y` for bool tensors (op `LogicalOr`). */
export const logicalOr: Binary = compare('LogicalOr');

/** `!x` for a bool tensor (op `LogicalNot`). */
export function logicalNot(x: TensorInput, options: NameOptions = {}): Tensor {
  return genOp1({ type: 'LogicalNot', name: options.name, inputs: [x] });
}

/** `x XOR y` as TensorFlow builds it: `(x || y) && !(x && y)`, the last op named `LogicalXor`. */
export function logicalXor(x: TensorInput, y: TensorInput, options: NameOptions = {}): Tensor {
  const g = getDefaultGraph();
  return g.atomically(() => logicalAnd(logicalOr(x, y), logicalNot(logicalAnd(x, y)), { name: options.name || 'LogicalXor' }));
}

/** `condition ? t : e` elementwise (op `Select`; TensorFlow 1.x's `tf.where(c, x, y)`). */
export function select(condition: TensorInput, t: TensorInput, e: TensorInput, options: NameOptions = {}): Tensor {
  return genOp1({ type: 'Select', name: options.name, inputs: [condition, t, e] });
}

/**
 * TensorFlow 1.x's `tf.where`: with only `condition`, the `[n, rank]` int64 coordinates of its
 * true elements (op `Where`); with `x` and `y`, `condition ? x : y` (op `Select`).
 */
export function where(condition: TensorInput, x?: TensorInput | null, y?: TensorInput | null, options: NameOptions = {}): Tensor {
  const hasX = x !== undefined && x !== null;
  const hasY = y !== undefined && y !== null;
  if (hasX !== hasY) throw new ValueError('x and y must both be non-None or both be None.');
  if (hasX && hasY) return select(condition, x, y, options);
  const g = getDefaultGraph();
  return g.atomically(() => g.nameScope(options.name || 'Where', (scope) => {
    const c = convertToTensor(condition, { preferredDType: 'bool', name: 'condition' });
    return genOp1({ type: 'Where', name: scope, inputs: [c] });
  }));
}

/**
 * `t` clipped to `[clipValueMin, clipValueMax]` as TensorFlow 1.x builds it: `Minimum` then
 * `Maximum` (named `clip_by_value`); the bounds must not broadcast `t` to a larger shape.
 */
export function clipByValue(t: TensorInput, clipValueMin: TensorInput, clipValueMax: TensorInput, options: NameOptions = {}): Tensor {
  const g = getDefaultGraph();
  return g.atomically(() => g.nameScope(options.name || 'clip_by_value', (scope) => {
    const x = convertToTensor(t, { name: 't' });
    const tMin = genOp1({ type: 'Minimum', inputs: [x, clipValueMax] });
    x.shape.mergeWith(tMin.shape);
    const tMax = genOp1({ type: 'Maximum', name: scope, inputs: [tMin, clipValueMin] });
    x.shape.mergeWith(tMax.shape);
    return tMax;
  }));
}
