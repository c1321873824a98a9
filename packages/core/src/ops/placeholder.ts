import type { DType } from '@varscope/kernel-api';
import { asDType } from '../dtypes/index.js';
import { getDefaultGraph } from '../graph/graph.js';
import type { Tensor } from '../graph/tensor.js';
import { buildOp1 } from './op-builder.js';
import { convertToTensor } from './convert.js';
import type { TensorInput } from './convert.js';

/** A shape where `null` (or -1) is an unknown dimension; `undefined`/`null` for an unknown rank. */
export type PartialShape = readonly (number | null)[] | null | undefined;

function shapeAttr(shape: PartialShape): readonly number[] | null {
  if (shape === null || shape === undefined) return null;
  return shape.map((d) => (d === null || d < 0 ? -1 : d));
}

/** A tensor that must be fed when run (TensorFlow's `tf.placeholder`). */
export function placeholder(dtype: DType | string, shape?: PartialShape, options: { name?: string } = {}): Tensor {
  const d = asDType(dtype);
  const g = getDefaultGraph();
  return g.atomically(() => g.createOp({
    type: 'Placeholder',
    name: options.name || 'Placeholder',
    attrs: { dtype: d, shape: shapeAttr(shape) },
  })).output(0);
}

/** `input` unless fed (TensorFlow's `tf.placeholder_with_default`). */
export function placeholderWithDefault(input: TensorInput, shape: PartialShape, options: { name?: string } = {}): Tensor {
  return buildOp1({
    type: 'PlaceholderWithDefault', name: options.name,
    inputs: () => [convertToTensor(input, { name: 'input' })],
    attrs: { shape: shapeAttr(shape) },
  });
}
