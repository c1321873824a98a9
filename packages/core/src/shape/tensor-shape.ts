import { ValueError } from '../errors.js';
import { formatDebugShape, formatPythonShape } from './format-shape.js';

/** One dimension of a static shape: a size, or `null` when unknown. */
export type Dim = number | null;

/** Anything `asShape` accepts: dims (`-1` or `null` = unknown), a TensorShape, or null/undefined for unknown rank. */
export type ShapeLike = readonly (number | null)[] | TensorShape | null | undefined;

function checkDim(d: number | null, dims: readonly (number | null)[]): Dim {
  if (d === null || d === -1) return null;
  if (typeof d !== 'number' || !Number.isInteger(d) || d < 0) {
    throw new ValueError(`Dimension ${String(d)} in shape [${dims.join(', ')}] must be a non-negative integer, -1 or null (unknown)`);
  }
  return d;
}

/**
 * A static, possibly partial, shape (TensorFlow's Python `TensorShape`): `dims` is null
 * when the rank is unknown; a `null` dimension is unknown. Immutable.
 */
export class TensorShape {
  readonly dims: readonly Dim[] | null;

  /** `-1` is read as an unknown dimension, as in TensorShapeProto. */
  constructor(dims: readonly (number | null)[] | null) {
    if (dims === null) {
      this.dims = null;
      return;
    }
    const own = new Array<Dim>(dims.length);
    for (let i = 0; i < dims.length; i++) own[i] = checkDim(dims[i] as number | null, dims);
    this.dims = Object.freeze(own);
  }

  static unknown(): TensorShape {
    return UNKNOWN;
  }

  static scalar(): TensorShape {
    return SCALAR;
  }

  /** A shape of known rank whose dimensions are all unknown. */
  static unknownOfRank(rank: number): TensorShape {
    return new TensorShape(new Array<null>(rank).fill(null));
  }

  get rank(): number | null {
    return this.dims === null ? null : this.dims.length;
  }

  /** Dimension `i` (negative counts from the end); unknown when the rank is. */
  dim(i: number): Dim {
    if (this.dims === null) return null;
    const j = i < 0 ? this.dims.length + i : i;
    if (j < 0 || j >= this.dims.length) {
      throw new ValueError(`Dimension index ${i} is out of range for shape ${this.toString()}`);
    }
    return this.dims[j] as Dim;
  }

  isFullyDefined(): boolean {
    return this.dims !== null && this.dims.every((d) => d !== null);
  }

  /** The element count, or null when any dimension is unknown. */
  numElements(): number | null {
    if (!this.isFullyDefined()) return null;
    return (this.dims as number[]).reduce((a, b) => a * b, 1);
  }

  /** The dimensions as numbers; a `ValueError` unless the shape is fully defined. */
  toArray(): number[] {
    if (!this.isFullyDefined()) throw new ValueError(`as_list() is not defined on a shape that is not fully defined: ${this.toString()}`);
    return [...(this.dims as number[])];
  }

  /** Python's form: `(2, 3)`, `(2,)`, `()`, `(?, 784)`, `<unknown>`. */
  toString(): string {
    return formatPythonShape(this.dims);
  }

  /** The C++ form used in shape-inference messages: `[2,3]`, `[?,784]`, `?`. */
  toDebugString(): string {
    return formatDebugShape(this.dims);
  }

  /** Whether some fully defined shape matches both (unknown rank or dims match anything). */
  isCompatibleWith(other: ShapeLike): boolean {
    const o = asShape(other);
    if (this.dims === null || o.dims === null) return true;
    if (this.dims.length !== o.dims.length) return false;
    return this.dims.every((d, i) => d === null || o.dims?.[i] === null || d === o.dims?.[i]);
  }

  /** The most specific shape compatible with both; `ValueError` when they conflict. */
  mergeWith(other: ShapeLike): TensorShape {
    const o = asShape(other);
    if (this.dims === null) return o;
    if (o.dims === null) return this;
    if (!this.isCompatibleWith(o)) {
      throw new ValueError(`Shapes ${this.toString()} and ${o.toString()} are not compatible`);
    }
    return new TensorShape(this.dims.map((d, i) => d ?? (o.dims?.[i] as Dim)));
  }

  /** The dimensions of this shape followed by those of `other` (unknown if either rank is). */
  concatenate(other: ShapeLike): TensorShape {
    const o = asShape(other);
    if (this.dims === null || o.dims === null) return UNKNOWN;
    return new TensorShape([...this.dims, ...o.dims]);
  }

  /** This shape, known to have rank `rank`; `ValueError` if it has another. */
  withRank(rank: number): TensorShape {
    if (this.dims === null) return TensorShape.unknownOfRank(rank);
    if (this.dims.length !== rank) throw new ValueError(`Shape ${this.toString()} must have rank ${rank}`);
    return this;
  }

  withRankAtLeast(rank: number): TensorShape {
    if (this.dims !== null && this.dims.length < rank) {
      throw new ValueError(`Shape ${this.toString()} must have rank at least ${rank}`);
    }
    return this;
  }

  withRankAtMost(rank: number): TensorShape {
    if (this.dims !== null && this.dims.length > rank) {
      throw new ValueError(`Shape ${this.toString()} must have rank at most ${rank}`);
    }
    return this;
  }

  /** Same rank and same dimensions, unknowns included (unknown equals unknown here). */
  equals(other: ShapeLike): boolean {
    const o = asShape(other);
    if (this.dims === null || o.dims === null) return this.dims === o.dims;
    return this.dims.length === o.dims.length && this.dims.every((d, i) => d === o.dims?.[i]);
  }
}

const UNKNOWN = new TensorShape(null);
const SCALAR = new TensorShape([]);

/** TensorFlow's `as_shape`: a TensorShape as is; dims (with -1 or null unknown); null/undefined → unknown rank. */
export function asShape(x: ShapeLike): TensorShape {
  if (x instanceof TensorShape) return x;
  if (x === null || x === undefined) return UNKNOWN;
  if (!Array.isArray(x)) throw new TypeError(`Cannot convert ${String(x)} to a TensorShape`);
  return new TensorShape(x);
}
