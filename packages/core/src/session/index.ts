export { Session } from './session.js';
export type { SessionConfig, SessionOptions } from './session.js';
export { Server } from './server.js';
export type { Fetches, FetchElement, FetchResult } from './fetches.js';
export type { Feeds, FeedKey } from './feeds.js';
export type { DeviceBackends, DeviceType } from './placement.js';
export { createDefaultCpuBackend, DEFAULT_CPU_BACKENDS } from './default-backends.js';
export { createDefaultHostKernelRegistry } from './default-host-kernels.js';
export type { ModuleImporter } from './default-backends.js';
export { ResourceStore, VariableEntry } from './resource-store.js';
export type { VariableLocation } from './resource-store.js';
export {
  HostKernelRegistry, CORE_HOST_KERNELS, createHostKernelRegistry, unfedPlaceholderError,
} from './host-kernels/index.js';
export type { HostKernel, HostKernelContext, HostKernelInput, HostKernelOutput } from './host-kernels/index.js';
