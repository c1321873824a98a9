import { ValueError } from '../errors.js';
import { describeForError } from './as-dtype.js';
import { isComplex, isNumericTypedArray, isHostTensor } from './tensor-like.js';
import type { ScalarLike } from './tensor-like.js';

/** A plain JS value (scalar or nested arrays) as its shape and row-major leaves. */
export interface FlatValue {
  readonly shape: number[];
  readonly leaves: ScalarLike[];
}

/**
 * Walks nested arrays, checking that every level is rectangular, and collects the leaves.
 * Ragged input is a `ValueError` naming the dimension and the two lengths seen there.
 */
export function flattenNested(value: unknown): FlatValue {
  const shape: number[] = [];
  const leaves: ScalarLike[] = [];
  // Depth at which scalars were found; every leaf must sit at the same depth.
  let leafDepth = -1;

  const visit = (node: unknown, depth: number): void => {
    if (Array.isArray(node)) {
      if (leafDepth !== -1 && depth >= leafDepth) {
        throw new ValueError(`Can't convert ragged list: dimension ${leafDepth} mixes lists and scalars`);
      }
      if (depth === shape.length) {
        shape.push(node.length);
      } else if (shape[depth] !== node.length) {
        throw new ValueError(
          `Can't convert ragged list: dimension ${depth} has lengths ${shape[depth]} and ${node.length}`);
      }
      if (node.length === 0) {
        // Nothing below an empty list; the length check above keeps its siblings consistent.
        if (leafDepth === -1) leafDepth = depth + 1;
        return;
      }
      for (const child of node) visit(child, depth + 1);
      return;
    }
    if (leafDepth === -1) {
      leafDepth = depth;
    } else if (leafDepth !== depth) {
      throw new ValueError(`Can't convert ragged list: dimension ${Math.min(depth, leafDepth)} mixes lists and scalars`);
    }
    leaves.push(checkLeaf(node));
  };

  visit(value, 0);
  return { shape, leaves };
}

function checkLeaf(node: unknown): ScalarLike {
  switch (typeof node) {
    case 'number': case 'boolean': case 'string': case 'bigint':
      return node;
    default:
      if (isComplex(node)) return node;
      if (isNumericTypedArray(node) || isHostTensor(node)) {
        throw new TypeError(
          `Typed arrays and tensors are accepted only as a whole value, not inside nested arrays (found ${describeForError(node)})`);
      }
      throw new TypeError(
        `Failed to convert elements of ${describeForError(node)} to Tensor: expected numbers, bigints, booleans, strings or {re, im} objects.`);
  }
}
