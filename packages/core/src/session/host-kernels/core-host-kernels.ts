import { mergeKernel, switchKernel } from './control-flow-kernels.js';
import { constKernel, noOpKernel, placeholderKernel, placeholderWithDefaultKernel } from './graph-input-kernels.js';
import type { HostKernel } from './host-kernel.js';
import { HostKernelRegistry } from './host-kernel-registry.js';
import {
  broadcastGradientArgsKernel, rankKernel, shapeKernel, sizeKernel, whereKernel,
} from './shape-kernels.js';
import { STRING_KERNELS } from './string-kernels.js';
import {
  countUpToKernel, isVariableInitializedKernel, stringAssignKernel, variableV2Kernel,
} from './variable-kernels.js';

/** Every host kernel the session module itself provides. */
export const CORE_HOST_KERNELS: readonly HostKernel[] = Object.freeze([
  constKernel, placeholderKernel, placeholderWithDefaultKernel, noOpKernel,
  variableV2Kernel, isVariableInitializedKernel, countUpToKernel, stringAssignKernel,
  switchKernel, mergeKernel,
  shapeKernel, sizeKernel, rankKernel, whereKernel, broadcastGradientArgsKernel,
  ...STRING_KERNELS,
]);

/** A registry holding core's host kernels plus `extra` (e.g. the Saver's `SaveV2`/`RestoreV2`). */
export function createHostKernelRegistry(extra: Iterable<HostKernel> = []): HostKernelRegistry {
  return new HostKernelRegistry([...CORE_HOST_KERNELS, ...extra]);
}
