import type { DType, TensorData } from './dtype.js';

/** A tensor held on the host: what `Const` carries and what `download` returns. */
export interface HostTensor {
  readonly dtype: DType;
  readonly shape: readonly number[];
  /** Row-major elements in the dtype's storage (see `TypedArrayFor`). */
  readonly data: TensorData;
}

/**
 * A shape attr value: `null` for unknown rank, `-1` for an unknown dimension
 * (TensorShapeProto's conventions).
 */
export type ShapeAttr = readonly number[] | null;

/** The value of one op attr, by the attr's declared type. */
export type AttrValue =
  | number            // int, float
  | boolean           // bool
  | string            // string, type (a DType name)
  | ShapeAttr         // shape
  | HostTensor        // tensor
  | readonly number[] // list(int), list(float)
  | readonly string[] // list(string), list(type)
  | readonly ShapeAttr[]; // list(shape)

/** The attrs of one op, keyed by TensorFlow's attr names (`transpose_a`, `T`, `strides`…). */
export type Attrs = Readonly<Record<string, AttrValue>>;
