export { HostKernelRegistry } from './host-kernel-registry.js';
export type { HostKernel, HostKernelContext, HostKernelInput, HostKernelOutput } from './host-kernel.js';
export { CORE_HOST_KERNELS, createHostKernelRegistry } from './core-host-kernels.js';
export { unfedPlaceholderError } from './graph-input-kernels.js';
