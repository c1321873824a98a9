import type { TensorShape } from '../tensor-shape.js';
import type { InferenceContext } from './context.js';

/** A shape function: the output shapes of one node, in flattened schema order. */
export type ShapeFn = (c: InferenceContext) => TensorShape[];

/** Shape functions of one op family, by op type. */
export type ShapeFnTable = Readonly<Record<string, ShapeFn>>;
