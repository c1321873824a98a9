import type { DType } from '@varscope/kernel-api';
import { DATA_MOVEMENT_KERNELS } from './data-movement.js';
import { ELEMENTWISE_KERNELS } from './elementwise.js';
import type { KernelDef } from './kernel-context.js';
import { MATMUL_KERNELS } from './matmul.js';
import { NN_KERNELS } from './nn.js';
import { RANDOM_KERNELS } from './random.js';
import { REDUCTION_KERNELS } from './reduction.js';
import { STATE_KERNELS } from './state.js';

/** Every op this backend has a kernel for. `capabilities.kernels` is derived from it. */
export const WASM_KERNELS: ReadonlyMap<string, KernelDef> = new Map(Object.entries({
  ...ELEMENTWISE_KERNELS,
  ...DATA_MOVEMENT_KERNELS,
  ...REDUCTION_KERNELS,
  ...MATMUL_KERNELS,
  ...NN_KERNELS,
  ...STATE_KERNELS,
  ...RANDOM_KERNELS,
}));

export function kernelCapabilities(): Record<string, readonly DType[]> {
  const out: Record<string, readonly DType[]> = {};
  for (const [op, def] of WASM_KERNELS) out[op] = Object.freeze([...def.dtypes]);
  return Object.freeze(out);
}
