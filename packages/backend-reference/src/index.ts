export { ReferenceBackend, createReferenceBackend } from './reference-backend.js';
export { validateStridedSlice } from './shape/strided-slice-spec.js';
export type { StridedSliceSpec } from './shape/strided-slice-spec.js';
export { philox4x32 } from './random/philox4x32.js';
export {
  halfBitsFromNumber, halfBitsToNumber, bfloat16BitsFromNumber, bfloat16BitsToNumber,
} from './dtype/half.js';
