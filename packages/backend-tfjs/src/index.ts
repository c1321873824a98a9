export { TfjsBackend, createTfjsBackend } from './tfjs-backend.js';
export type { TfjsBackendOptions, TfjsEngineName } from './tfjs-backend.js';
export { TFJS_KERNELS } from './kernels/index.js';
export type { TfjsKernel, KernelArgs } from './kernels/index.js';
export { TFJS_DTYPES } from './dtypes.js';
export type { TfjsDType } from './dtypes.js';
