export { CudaBackend, createCudaBackend } from './cuda-backend.js';
export type { CudaBackendOptions } from './cuda-backend.js';
export { CudaAddonLoadError, loadCudaAddon } from './native/load-addon.js';
export type { LoadAddonOptions, LoadedAddon } from './native/load-addon.js';
export { diagnoseMissingAddon, diagnoseProbe, formatVersion } from './native/diagnose.js';
export type { CudaDiagnosis, CudaUnavailableKind } from './native/diagnose.js';
export { SUPPORTED_PLATFORMS, platformPackageName, platformTag } from './native/platform.js';
export type {
  CudaAddon, CudaProbe, NativeBuffer, NativeContext, NativeContextOptions, NativeOpTables, NativeStats,
} from './native/addon-types.js';
export { CUDA_KERNELS } from './kernels/registry.js';
export type { CudaKernel } from './kernels/kernel-call.js';
