import { ValueError } from '../errors.js';

/** One dimension of a checkpoint slice: the whole dimension, or `length` elements from `start`. */
export type SliceExtent = { readonly start: number; readonly length: number } | 'full';

/** A parsed `shape_and_slices` entry (TensorFlow's `checkpoint::ParseShapeAndSlice`). */
export interface ShapeAndSlice {
  /** The full (saved) tensor's shape. */
  readonly fullShape: readonly number[];
  /** One extent per dimension. */
  readonly slice: readonly SliceExtent[];
  /** The shape of the slice itself. */
  readonly sliceShape: readonly number[];
}

/**
 * Parses a SaveV2/RestoreV2 `shape_and_slices` entry: the full shape's dims separated by
 * spaces, then a slice spec of `start,length` or `-` per dim joined by `:` — e.g.
 * `"3 1 1 2,1:0,1:0,1"` is rows 2..3 of a [3,1,1] tensor. The empty string means "the whole
 * tensor, shape unknown here" and is handled by callers.
 */
export function parseShapeAndSlice(spec: string): ShapeAndSlice {
  const bad = (why: string): never => {
    throw new ValueError(`Invalid shape_and_slice '${spec}': ${why}`);
  };
  const tokens = spec.split(' ');
  if (tokens.length < 2) bad('expected the full shape\'s dimensions followed by a slice spec');
  const fullShape = tokens.slice(0, -1).map((t) => {
    if (!/^\d+$/.test(t)) bad(`'${t}' is not a dimension size`);
    return Number(t);
  });
  const sliceSpec = tokens[tokens.length - 1] as string;
  const parts = sliceSpec.split(':');
  if (parts.length !== fullShape.length) {
    bad(`the slice has ${parts.length} dimensions but the shape has ${fullShape.length}`);
  }
  const slice: SliceExtent[] = parts.map((p, i) => {
    if (p === '-') return 'full';
    const m = /^(\d+),(\d+)$/.exec(p);
    if (m === null) return bad(`'${p}' is not 'start,length' or '-'`);
    const start = Number(m[1]);
    const length = Number(m[2]);
    if (start + length > (fullShape[i] as number)) {
      bad(`dimension ${i}: slice ${start},${length} exceeds the size ${fullShape[i]}`);
    }
    return { start, length };
  });
  const sliceShape = slice.map((e, i) => (e === 'full' ? (fullShape[i] as number) : e.length));
  return { fullShape, slice, sliceShape };
}
