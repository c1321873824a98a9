import { ValueError } from '../errors.js';
import type { Partitioner } from './variable-scope.js';

/**
 * Splits a variable into `numShards` parts along `axis` (TensorFlow's `fixed_size_partitioner`),
 * fewer when the axis is shorter than that.
 */
export function fixedSizePartitioner(numShards: number, axis = 0): Partitioner {
  if (!Number.isInteger(numShards) || numShards < 1) {
    throw new ValueError(`numShards must be a positive integer, got ${String(numShards)}`);
  }
  return (shape) => {
    const dims = shape.toArray();
    if (axis < 0 || axis >= dims.length) {
      throw new ValueError(`axis ${axis} is out of range for a variable of shape ${shape.toString()}`);
    }
    const partitions = dims.map(() => 1);
    partitions[axis] = Math.min(numShards, dims[axis] as number);
    return partitions;
  };
}
