/**
 * TensorFlow's data types, by their Python names (`tf.float32.name`).
 * `resource` and `variant` exist for graph interchange only: no kernel takes them.
 */
export type DType =
  | 'float32' | 'float64' | 'float16' | 'bfloat16'
  | 'int8' | 'int16' | 'int32' | 'int64'
  | 'uint8' | 'uint16' | 'uint32' | 'uint64'
  | 'bool' | 'string'
  | 'complex64' | 'complex128'
  | 'qint8' | 'quint8' | 'qint16' | 'quint16' | 'qint32'
  | 'resource' | 'variant';

/** How a dtype behaves in arithmetic and in the default-initializer rules. */
export type DTypeKind = 'float' | 'int' | 'uint' | 'bool' | 'string' | 'complex' | 'quantized' | 'opaque';

/** The typed array that holds a dtype's elements, row-major. */
export type TypedArrayName =
  | 'Float32Array' | 'Float64Array' | 'Int8Array' | 'Int16Array' | 'Int32Array' | 'BigInt64Array'
  | 'Uint8Array' | 'Uint16Array' | 'Uint32Array' | 'BigUint64Array' | 'Array';

/** One row of TensorFlow's DataType table. */
export interface DTypeInfo {
  /** Python name, e.g. `float32`. */
  readonly name: DType;
  /** `DataType` enum number (types.proto); the `_ref` variant is this + 100. */
  readonly enum: number;
  /** Enum identifier, e.g. `DT_FLOAT` (appears in checkpoint debug strings). */
  readonly enumName: string;
  /** C++ `DataTypeString`, e.g. `float` (appears in kernel error messages). */
  readonly cName: string;
  /** Bytes per element; 0 for variable-size (string) or opaque types. */
  readonly byteSize: number;
  readonly kind: DTypeKind;
  /** Storage in JS. complex types interleave (re, im); float16/bfloat16 keep raw 16-bit patterns. */
  readonly array: TypedArrayName;
  /** Elements of `array` per tensor element (2 for complex). */
  readonly lanes: number;
}

const row = (name: DType, num: number, enumName: string, cName: string, byteSize: number,
  kind: DTypeKind, array: TypedArrayName, lanes = 1): DTypeInfo =>
  Object.freeze({ name, enum: num, enumName, cName, byteSize, kind, array, lanes });

/** TensorFlow's DataType table (types.proto, types.cc). */
export const DTYPES: Readonly<Record<DType, DTypeInfo>> = Object.freeze({
  float32: row('float32', 1, 'DT_FLOAT', 'float', 4, 'float', 'Float32Array'),
  float64: row('float64', 2, 'DT_DOUBLE', 'double', 8, 'float', 'Float64Array'),
  int32: row('int32', 3, 'DT_INT32', 'int32', 4, 'int', 'Int32Array'),
  uint8: row('uint8', 4, 'DT_UINT8', 'uint8', 1, 'uint', 'Uint8Array'),
  int16: row('int16', 5, 'DT_INT16', 'int16', 2, 'int', 'Int16Array'),
  int8: row('int8', 6, 'DT_INT8', 'int8', 1, 'int', 'Int8Array'),
  string: row('string', 7, 'DT_STRING', 'string', 0, 'string', 'Array'),
  complex64: row('complex64', 8, 'DT_COMPLEX64', 'complex64', 8, 'complex', 'Float32Array', 2),
  int64: row('int64', 9, 'DT_INT64', 'int64', 8, 'int', 'BigInt64Array'),
  bool: row('bool', 10, 'DT_BOOL', 'bool', 1, 'bool', 'Uint8Array'),
  qint8: row('qint8', 11, 'DT_QINT8', 'qint8', 1, 'quantized', 'Int8Array'),
  quint8: row('quint8', 12, 'DT_QUINT8', 'quint8', 1, 'quantized', 'Uint8Array'),
  qint32: row('qint32', 13, 'DT_QINT32', 'qint32', 4, 'quantized', 'Int32Array'),
  bfloat16: row('bfloat16', 14, 'DT_BFLOAT16', 'bfloat16', 2, 'float', 'Uint16Array'),
  qint16: row('qint16', 15, 'DT_QINT16', 'qint16', 2, 'quantized', 'Int16Array'),
  quint16: row('quint16', 16, 'DT_QUINT16', 'quint16', 2, 'quantized', 'Uint16Array'),
  uint16: row('uint16', 17, 'DT_UINT16', 'uint16', 2, 'uint', 'Uint16Array'),
  complex128: row('complex128', 18, 'DT_COMPLEX128', 'complex128', 16, 'complex', 'Float64Array', 2),
  float16: row('float16', 19, 'DT_HALF', 'half', 2, 'float', 'Uint16Array'),
  resource: row('resource', 20, 'DT_RESOURCE', 'resource', 0, 'opaque', 'Array'),
  variant: row('variant', 21, 'DT_VARIANT', 'variant', 0, 'opaque', 'Array'),
  uint32: row('uint32', 22, 'DT_UINT32', 'uint32', 4, 'uint', 'Uint32Array'),
  uint64: row('uint64', 23, 'DT_UINT64', 'uint64', 8, 'uint', 'BigUint64Array'),
});

/** Every dtype name, in enum order. */
export const ALL_DTYPES: readonly DType[] = Object.freeze(
  (Object.values(DTYPES) as DTypeInfo[]).sort((a, b) => a.enum - b.enum).map((d) => d.name),
);

const BY_ENUM = new Map<number, DTypeInfo>(Object.values(DTYPES).map((d: DTypeInfo) => [d.enum, d]));

/** Offset TensorFlow adds to a DataType number for its reference (`_ref`) variant. */
export const REF_DTYPE_OFFSET = 100;

export function isDType(value: unknown): value is DType {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(DTYPES, value);
}

export function dtypeInfo(dtype: DType): DTypeInfo {
  const info = DTYPES[dtype];
  if (info === undefined) throw new TypeError(`Unknown dtype '${String(dtype)}'`);
  return info;
}

/** The dtype for a DataType number; `_ref` numbers (101…123) map to their base type. */
export function dtypeFromEnum(num: number): DType {
  const base = num > REF_DTYPE_OFFSET ? num - REF_DTYPE_OFFSET : num;
  const info = BY_ENUM.get(base);
  if (info === undefined) throw new TypeError(`Unknown DataType enum value ${num}`);
  return info.name;
}

export const isFloating = (d: DType): boolean => DTYPES[d].kind === 'float';
export const isComplex = (d: DType): boolean => DTYPES[d].kind === 'complex';
export const isInteger = (d: DType): boolean => DTYPES[d].kind === 'int' || DTYPES[d].kind === 'uint';
export const isUnsigned = (d: DType): boolean => DTYPES[d].kind === 'uint';
/** 64-bit integers are stored as bigint. */
export const isBigIntDType = (d: DType): boolean => d === 'int64' || d === 'uint64';

/** Element storage for each dtype. */
export interface TypedArrayFor {
  float32: Float32Array; float64: Float64Array; float16: Uint16Array; bfloat16: Uint16Array;
  int8: Int8Array; int16: Int16Array; int32: Int32Array; int64: BigInt64Array;
  uint8: Uint8Array; uint16: Uint16Array; uint32: Uint32Array; uint64: BigUint64Array;
  bool: Uint8Array; string: string[];
  complex64: Float32Array; complex128: Float64Array;
  qint8: Int8Array; quint8: Uint8Array; qint16: Int16Array; quint16: Uint16Array; qint32: Int32Array;
  resource: unknown[]; variant: unknown[];
}

/** Any storage a tensor's data can have. */
export type TensorData = TypedArrayFor[DType];

const CTORS = {
  Float32Array, Float64Array, Int8Array, Int16Array, Int32Array, BigInt64Array,
  Uint8Array, Uint16Array, Uint32Array, BigUint64Array,
} as const;

/** A zero-filled buffer for `size` elements of `dtype` (strings: empty strings). */
export function allocateData<D extends DType>(dtype: D, size: number): TypedArrayFor[D] {
  const info = dtypeInfo(dtype);
  if (info.array === 'Array') {
    return new Array<unknown>(size).fill(dtype === 'string' ? '' : null) as TypedArrayFor[D];
  }
  return new CTORS[info.array](size * info.lanes) as unknown as TypedArrayFor[D];
}
