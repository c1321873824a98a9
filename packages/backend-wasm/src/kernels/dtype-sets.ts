import type { DType } from '@varscope/kernel-api';

/** Dtypes with arithmetic kernels. */
export const NUMERIC: readonly DType[] = ['float32', 'float64', 'int32', 'int64', 'uint8'];
export const FLOATS: readonly DType[] = ['float32', 'float64'];
export const FLOAT32: readonly DType[] = ['float32'];
export const SIGNED: readonly DType[] = ['float32', 'float64', 'int32', 'int64'];
/** Every dtype with a fixed element size: data movement copies bytes, whatever they mean. */
export const FIXED_SIZE: readonly DType[] = [
  'float32', 'float64', 'float16', 'bfloat16', 'int8', 'int16', 'int32', 'int64', 'uint8', 'uint16', 'uint32', 'uint64',
  'bool', 'complex64', 'complex128', 'qint8', 'quint8', 'qint16', 'quint16', 'qint32',
];
