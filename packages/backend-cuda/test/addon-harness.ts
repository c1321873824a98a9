// Shared by the tests: the addon if this machine has one built, and why not otherwise.
import { loadCudaAddon } from '../src/index.js';
import type { CudaAddon } from '../src/index.js';

export interface AddonAvailability {
  readonly addon: CudaAddon | undefined;
  /** Why there is no addon (undefined when there is one). */
  readonly reason: string | undefined;
}

export function findAddon(): AddonAvailability {
  try {
    return { addon: loadCudaAddon().addon, reason: undefined };
  } catch (e) {
    return { addon: undefined, reason: e instanceof Error ? e.message : String(e) };
  }
}

/** Why the GPU suite cannot run here, or undefined when a GPU is usable. */
export function gpuUnavailableReason(addon: CudaAddon | undefined, reason: string | undefined): string | undefined {
  if (addon === undefined) return `no CUDA addon: ${reason ?? 'unknown'}`;
  const probe = addon.probe();
  if (probe.error !== null) return `${probe.error.name} (error ${probe.error.code}): ${probe.error.message}`;
  if (probe.deviceCount === 0) return 'no CUDA device is visible';
  return undefined;
}
