// Op builders gradient functions share. TensorFlow's gradient code mixes generated op wrappers
// (named after the op type: `Mul`, `Reshape`) with Python operators (named `mul`, `add`); these
// helpers keep those default names so gradient graphs read like TensorFlow's.
import { getDefaultGraph } from '../graph/graph.js';
import type { Tensor } from '../graph/tensor.js';
import {
  add, cast, constant, equal, expandDims, fill, floorDiv, maximum, reduceAny, reduceSum, reshape, select, shape,
} from '../ops/index.js';
import { genOp, genOp1 } from '../ops/op-inputs.js';
import { constantValue } from '../graph/graph.js';

/** `gen_math_ops.mul`: op `Mul` named `Mul` (Python's `*` is {@link mul}, named `mul`). */
export function genMul(x: Tensor, y: Tensor): Tensor {
  return genOp1({ type: 'Mul', inputs: [x, y] });
}

/** `gen_math_ops.real_div`: op `RealDiv` named `RealDiv`. */
export function genRealDiv(x: Tensor, y: Tensor): Tensor {
  return genOp1({ type: 'RealDiv', inputs: [x, y] });
}

/** `gen_array_ops.broadcast_gradient_args`: the axes each operand's gradient is summed over. */
export function broadcastGradientArgs(sx: Tensor, sy: Tensor): [Tensor, Tensor] {
  const op = genOp({ type: 'BroadcastGradientArgs', inputs: [sx, sy] });
  return [op.output(0), op.output(1)];
}

/** `reshape(reduce_sum(grad, axes), shape)`: a broadcast operand's share of the gradient. */
export function sumToShape(grad: Tensor, axes: Tensor, targetShape: Tensor): Tensor {
  return reshape(reduceSum(grad, { axis: axes }), targetShape);
}

/** Whether both operands and the gradient have one fully known static shape (TensorFlow's `_ShapesFullySpecifiedAndEqual`). */
export function shapesFullySpecifiedAndEqual(x: Tensor, y: Tensor, grad: Tensor): boolean {
  return x.shape.isFullyDefined() && x.shape.equals(y.shape) && x.shape.equals(grad.shape);
}

/** `x // maximum(y, 1)` (TensorFlow's `_safe_shape_div`). */
export function safeShapeDiv(x: Tensor, y: Tensor): Tensor {
  return floorDiv(x, maximum(y, 1));
}

/** The integer values of a constant tensor, or undefined. */
export function constantInts(t: Tensor): number[] | undefined {
  const v = constantValue(t);
  if (v === undefined) return undefined;
  return Array.from(v.data as ArrayLike<number | bigint>, (x) => Number(x));
}

/**
 * The input's shape with the reduced axes set to 1 (TensorFlow's `math_ops.reduced_shape`).
 * TensorFlow builds it with `DynamicStitch`, which varscope's schema lacks: here a constant
 * when everything is static, else `select(axis-mask, 1, shape)` with the mask computed in the
 * graph by comparing `range(rank)` against the normalized axes.
 */
export function reducedShape(input: Tensor, axes: Tensor): Tensor {
  const dims = input.shape.dims;
  const axisValues = constantInts(axes);
  if (dims !== null && axisValues !== undefined) {
    const r = dims.length;
    const reduced = new Set(axisValues.map((a) => ((a % r) + r) % r));
    if (dims.every((d) => d !== null)) {
      return constant(dims.map((d, i) => (reduced.has(i) ? 1 : d as number)), { dtype: 'int32' });
    }
    const mask = constant(dims.map((_d, i) => reduced.has(i)), { dtype: 'bool' });
    const s = shape(input);
    return select(mask, fill([r], constant(1, { dtype: 'int32' })), s);
  }
  const g = getDefaultGraph();
  return g.nameScope('reduced_shape', () => {
    const s = shape(input);
    const r = genOp1({ type: 'Size', inputs: [s], attrs: { out_type: 'int32' } });
    const a = genOp1({ type: 'FloorMod', inputs: [add(cast(axes, 'int32'), r), r] });
    const positions = genOp1({ type: 'Range', inputs: [0, r, 1] });
    // mask[i] = any(positions[i] == axes): [rank, 1] against [1, n].
    const hits = equal(expandDims(positions, 1), expandDims(reshape(a, [-1]), 0));
    const mask = reduceAny(hits, { axis: 1 });
    return select(mask, genOp1({ type: 'OnesLike', inputs: [s] }), s);
  });
}
