import type { DType } from '@varscope/kernel-api';

// The dtype groups kernels declare, spelled like the schema's (kernel-api's ops/dsl.ts), minus
// `string`, which never reaches a backend.
export const FLOAT: readonly DType[] = ['float16', 'bfloat16', 'float32', 'float64'];
export const COMPLEX: readonly DType[] = ['complex64', 'complex128'];
export const SIGNED_INT: readonly DType[] = ['int8', 'int16', 'int32', 'int64'];
export const UNSIGNED_INT: readonly DType[] = ['uint8', 'uint16', 'uint32', 'uint64'];
export const INTEGER: readonly DType[] = [...SIGNED_INT, ...UNSIGNED_INT];
export const REAL: readonly DType[] = [...FLOAT, ...INTEGER];
export const NUMBER: readonly DType[] = [...REAL, ...COMPLEX];
export const QUANTIZED: readonly DType[] = ['qint8', 'quint8', 'qint16', 'quint16', 'qint32'];
/** Every storage a data-movement kernel moves: all numeric types, bool and the quantized types. */
export const STORAGE: readonly DType[] = [...NUMBER, 'bool', ...QUANTIZED];
export const INDEX: readonly DType[] = ['int32', 'int64'];
