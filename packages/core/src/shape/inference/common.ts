import { broadcastDims } from '../broadcast.js';
import { TensorShape } from '../tensor-shape.js';
import type { InferenceContext } from './context.js';
import type { ShapeFn } from './shape-fn.js';

/** Shape functions shared by several families (TensorFlow's common_shape_fns). */

export const unchangedShape: ShapeFn = (c) => [c.input(0)];

export const scalarShape: ShapeFn = () => [TensorShape.scalar()];

export const noOutputs: ShapeFn = () => [];

/** `MergeBothInputsShapeFn`: both inputs have one shape, which is the output's. */
export const mergeBothInputs: ShapeFn = (c) => [c.merge(c.input(0), c.input(1))];

/** `BroadcastBinaryOpShapeFn`: numpy-style broadcasting of inputs `a` and `b`. */
export function broadcastShapes(c: InferenceContext, a: TensorShape, b: TensorShape): TensorShape {
  const result = broadcastDims(a, b);
  if (result instanceof TensorShape) return result;
  return c.fail(`Dimensions must be equal, but are ${result.a} and ${result.b}`);
}

export const broadcastBinary: ShapeFn = (c) => [broadcastShapes(c, c.input(0), c.input(1))];

/** `UnchangedShapeWithRank(c, rank)`. */
export const unchangedShapeWithRank = (rank: number): ShapeFn => (c) => [c.withRank(c.input(0), rank)];

/** `UnchangedShapeWithRankAtLeast(c, rank)`. */
export const unchangedShapeWithRankAtLeast = (rank: number): ShapeFn => (c) => [c.withRankAtLeast(c.input(0), rank)];

/**
 * TensorFlow's `MakeDimForScalarInputWithNegativeIndexing`: a scalar axis input as a
 * non-negative index into a shape of `rank` (null when unknown).
 */
export function axisFromScalarInput(c: InferenceContext, i: number, rank: number | null): number | null {
  c.withRank(c.input(i), 0);
  const value = c.inputScalarInt(i);
  if (value === undefined) return null;
  if (value < 0) {
    if (rank === null) return null;
    if (value + rank < 0) c.fail(`Dimension size, given by scalar input ${value} must be in range [-${rank}, ${rank})`);
    return value + rank;
  }
  if (rank !== null && value >= rank) c.fail(`Dimension size, given by scalar input ${value} must be in range [-${rank}, ${rank})`);
  return value;
}
