/**
 * TensorFlow's DataType enum as this package needs it. Names are TensorFlow's
 * Python dtype names, identical in meaning to `@varscope/kernel-api`'s table
 * (this package depends on nothing of ours, so it keeps its own copy).
 */
export type CheckpointDType =
  | 'float32' | 'float64' | 'int32' | 'uint8' | 'int16' | 'int8' | 'string'
  | 'complex64' | 'int64' | 'bool' | 'qint8' | 'quint8' | 'qint32' | 'bfloat16'
  | 'qint16' | 'quint16' | 'uint16' | 'complex128' | 'float16' | 'resource'
  | 'variant' | 'uint32' | 'uint64' | 'float8_e5m2' | 'float8_e4m3fn'
  | 'float8_e4m3fnuz' | 'float8_e4m3b11fnuz' | 'float8_e5m2fnuz';

/** The typed-array constructor a fixed-size dtype's data is returned in. */
export type ElementArrayKind =
  | 'Float32Array' | 'Float64Array' | 'Int32Array' | 'Uint8Array' | 'Int16Array'
  | 'Int8Array' | 'BigInt64Array' | 'BigUint64Array' | 'Uint16Array' | 'Uint32Array';

export interface DTypeInfo {
  readonly name: CheckpointDType;
  /** The DataType enum number stored in checkpoint entries. */
  readonly enumValue: number;
  /** TensorFlow's enum identifier, e.g. `DT_FLOAT` (debug strings use it). */
  readonly enumName: string;
  /** Bytes per element in a bundle; 0 for variable-length types (string, variant, resource). */
  readonly byteSize: number;
  /** Storage in JS; `null` for variable-length types. Complex types interleave (re, im). */
  readonly array: ElementArrayKind | null;
  /** Typed-array elements per tensor element (2 for complex). */
  readonly lanes: number;
}

const row = (name: CheckpointDType, enumValue: number, enumName: string, byteSize: number,
  array: ElementArrayKind | null, lanes = 1): DTypeInfo => ({ name, enumValue, enumName, byteSize, array, lanes });

/** Every dtype, keyed by name. */
export const DTYPES: Readonly<Record<CheckpointDType, DTypeInfo>> = {
  float32: row('float32', 1, 'DT_FLOAT', 4, 'Float32Array'),
  float64: row('float64', 2, 'DT_DOUBLE', 8, 'Float64Array'),
  int32: row('int32', 3, 'DT_INT32', 4, 'Int32Array'),
  uint8: row('uint8', 4, 'DT_UINT8', 1, 'Uint8Array'),
  int16: row('int16', 5, 'DT_INT16', 2, 'Int16Array'),
  int8: row('int8', 6, 'DT_INT8', 1, 'Int8Array'),
  string: row('string', 7, 'DT_STRING', 0, null),
  complex64: row('complex64', 8, 'DT_COMPLEX64', 8, 'Float32Array', 2),
  int64: row('int64', 9, 'DT_INT64', 8, 'BigInt64Array'),
  bool: row('bool', 10, 'DT_BOOL', 1, 'Uint8Array'),
  qint8: row('qint8', 11, 'DT_QINT8', 1, 'Int8Array'),
  quint8: row('quint8', 12, 'DT_QUINT8', 1, 'Uint8Array'),
  qint32: row('qint32', 13, 'DT_QINT32', 4, 'Int32Array'),
  bfloat16: row('bfloat16', 14, 'DT_BFLOAT16', 2, 'Uint16Array'),
  qint16: row('qint16', 15, 'DT_QINT16', 2, 'Int16Array'),
  quint16: row('quint16', 16, 'DT_QUINT16', 2, 'Uint16Array'),
  uint16: row('uint16', 17, 'DT_UINT16', 2, 'Uint16Array'),
  complex128: row('complex128', 18, 'DT_COMPLEX128', 16, 'Float64Array', 2),
  float16: row('float16', 19, 'DT_HALF', 2, 'Uint16Array'),
  resource: row('resource', 20, 'DT_RESOURCE', 0, null),
  variant: row('variant', 21, 'DT_VARIANT', 0, null),
  uint32: row('uint32', 22, 'DT_UINT32', 4, 'Uint32Array'),
  uint64: row('uint64', 23, 'DT_UINT64', 8, 'BigUint64Array'),
  float8_e5m2: row('float8_e5m2', 24, 'DT_FLOAT8_E5M2', 1, 'Uint8Array'),
  float8_e4m3fn: row('float8_e4m3fn', 25, 'DT_FLOAT8_E4M3FN', 1, 'Uint8Array'),
  float8_e4m3fnuz: row('float8_e4m3fnuz', 26, 'DT_FLOAT8_E4M3FNUZ', 1, 'Uint8Array'),
  float8_e4m3b11fnuz: row('float8_e4m3b11fnuz', 27, 'DT_FLOAT8_E4M3B11FNUZ', 1, 'Uint8Array'),
  float8_e5m2fnuz: row('float8_e5m2fnuz', 28, 'DT_FLOAT8_E5M2FNUZ', 1, 'Uint8Array'),
};

const BY_ENUM = new Map<number, DTypeInfo>(Object.values(DTYPES).map((d) => [d.enumValue, d]));

/** The dtype for a DataType enum number, or `undefined` (0 = DT_INVALID, `_REF` types, unknown values). */
export function dtypeFromEnum(value: number): DTypeInfo | undefined {
  return BY_ENUM.get(value);
}

/** True when `name` is one of the dtype names above. */
export function isCheckpointDType(name: unknown): name is CheckpointDType {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(DTYPES, name);
}
