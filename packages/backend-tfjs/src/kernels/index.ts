import { ARRAY_KERNELS } from './array.js';
import { ELEMENTWISE_KERNELS } from './elementwise.js';
import type { TfjsKernel } from './kernel.js';
import { LINALG_KERNELS } from './linalg.js';
import { NN_KERNELS } from './nn.js';
import { STATE_KERNELS } from './state.js';

export type { KernelArgs, TfjsKernel } from './kernel.js';

/** Every op this adapter maps onto tfjs, by TensorFlow op type. Random ops are absent: tfjs has no Philox. */
export const TFJS_KERNELS: Readonly<Record<string, TfjsKernel>> = Object.freeze({
  ...ELEMENTWISE_KERNELS, ...LINALG_KERNELS, ...NN_KERNELS, ...ARRAY_KERNELS, ...STATE_KERNELS,
});
