import type { CudaKernel } from './kernel-call.js';
import { ARRAY_KERNELS } from './array.js';
import { ELEMENTWISE_KERNELS } from './elementwise.js';
import { MATH_KERNELS } from './math.js';
import { NN_KERNELS } from './nn.js';
import { RANDOM_KERNELS } from './random.js';
import { STATE_KERNELS } from './state.js';

/** Every kernel of the CUDA backend, by TensorFlow op type. */
export const CUDA_KERNELS: ReadonlyMap<string, CudaKernel> = (() => {
  const map = new Map<string, CudaKernel>();
  for (const family of [ELEMENTWISE_KERNELS, ARRAY_KERNELS, MATH_KERNELS, NN_KERNELS, RANDOM_KERNELS, STATE_KERNELS]) {
    for (const [op, kernel] of Object.entries(family)) {
      if (map.has(op)) throw new Error(`Two CUDA kernels are registered for ${op}`);
      map.set(op, kernel);
    }
  }
  return map;
})();
