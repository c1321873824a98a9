export { asDType } from './as-dtype.js';
export { inferDType, typedArrayDType } from './infer-dtype.js';
export { convertToHostTensor } from './convert-to-host-tensor.js';
export type { ConvertOptions } from './convert-to-host-tensor.js';
export { NDArray } from './nd-array.js';
export type { NestedValues } from './nd-array.js';
export { isComplex, isHostTensor, isNumericTypedArray } from './tensor-like.js';
export type { Complex, NestedArray, NumericTypedArray, ScalarLike, TensorLike } from './tensor-like.js';
export { readElement } from './element-codec.js';
export {
  bfloat16Bits, bfloat16FromBits, float16Bits, float16FromBits,
  fromBfloat16Array, fromFloat16Array, toBfloat16Array, toFloat16Array,
} from './half-precision.js';
