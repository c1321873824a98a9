import { ValueError } from '../errors.js';
import { asShape, TensorShape } from './tensor-shape.js';
import type { Dim, ShapeLike } from './tensor-shape.js';

/** Two dimensions that cannot broadcast, found by `broadcastDims`. */
export interface BroadcastConflict {
  readonly a: number;
  readonly b: number;
}

/**
 * TensorFlow's `BroadcastBinaryOpOutputShapeFnHelper`, dimension by dimension from the
 * right (missing leading dims count as 1). With an unknown dimension: a known one > 1 is
 * taken to be the result (the program is assumed correct), a 1 yields the other, anything
 * else is unknown. Returns the conflicting pair instead of a shape when known dims differ.
 */
export function broadcastDims(a: TensorShape, b: TensorShape): TensorShape | BroadcastConflict {
  if (a.dims === null || b.dims === null) return TensorShape.unknown();
  const rank = Math.max(a.dims.length, b.dims.length);
  const dims: Dim[] = new Array<Dim>(rank);
  for (let i = 0; i < rank; i++) {
    const da = i < rank - a.dims.length ? 1 : (a.dims[i - (rank - a.dims.length)] as Dim);
    const db = i < rank - b.dims.length ? 1 : (b.dims[i - (rank - b.dims.length)] as Dim);
    if (da === null || db === null) {
      if (da !== null && da > 1) dims[i] = da;
      else if (db !== null && db > 1) dims[i] = db;
      else if (da === 1) dims[i] = db;
      else if (db === 1) dims[i] = da;
      else dims[i] = null;
    } else if (da === 1 || db === 1) {
      dims[i] = da === 1 ? db : da;
    } else if (da === db) {
      dims[i] = da;
    } else {
      return { a: da, b: db };
    }
  }
  // Shapes are immutable: hand back an input's shape when the result equals it (the usual case).
  if (sameDims(dims, a.dims)) return a;
  if (sameDims(dims, b.dims)) return b;
  return new TensorShape(dims);
}

function sameDims(x: readonly Dim[], y: readonly Dim[]): boolean {
  if (x.length !== y.length) return false;
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  return true;
}

/** TensorFlow's `broadcast_static_shape`: the broadcast of two static shapes. */
export function broadcastStaticShapes(a: ShapeLike, b: ShapeLike): TensorShape {
  const sa = asShape(a);
  const sb = asShape(b);
  const result = broadcastDims(sa, sb);
  if (!(result instanceof TensorShape)) {
    throw new ValueError(`Incompatible shapes for broadcasting: ${sa.toString()} and ${sb.toString()}`);
  }
  return result;
}

/**
 * TensorFlow's `BCast` gradient reduction indices (what `BroadcastGradientArgs` returns):
 * the axes of the broadcast result that each input's gradient must be summed over. An axis
 * where every input is 1 is reduced for both. Throws `ValueError` "Incompatible shapes:
 * [2,3] vs. [4]" when the shapes do not broadcast.
 */
export function broadcastGradientArgs(s0: readonly number[], s1: readonly number[]): [number[], number[]] {
  const rank = Math.max(s0.length, s1.length);
  const r0: number[] = [];
  const r1: number[] = [];
  for (let axis = 0; axis < rank; axis++) {
    const d0 = axis < rank - s0.length ? 1 : (s0[axis - (rank - s0.length)] as number);
    const d1 = axis < rank - s1.length ? 1 : (s1[axis - (rank - s1.length)] as number);
    if (d0 === 1 && d1 === 1) {
      r0.push(axis);
      r1.push(axis);
    } else if (d0 === 1) {
      r0.push(axis);
    } else if (d1 === 1) {
      r1.push(axis);
    } else if (d0 !== d1) {
      throw new ValueError(`Incompatible shapes: [${s0.join(',')}] vs. [${s1.join(',')}]`);
    }
  }
  return [r0, r1];
}
