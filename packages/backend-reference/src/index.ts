export { ReferenceBackend, createReferenceBackend } from './reference-backend.js';
export { philox4x32 } from './random/philox4x32.js';
export {
  halfBitsFromNumber, halfBitsToNumber, bfloat16BitsFromNumber, bfloat16BitsToNumber,
} from './dtype/half.js';
