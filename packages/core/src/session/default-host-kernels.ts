import { SUMMARY_KERNELS } from '../summary/summary-kernels.js';
import { CHECKPOINT_IO_KERNELS } from '../train/io-kernels.js';
import { createHostKernelRegistry } from './host-kernels/core-host-kernels.js';
import type { HostKernelRegistry } from './host-kernels/host-kernel-registry.js';

/**
 * The host kernels of a session given none: the session's own, plus the checkpoint I/O ops
 * the Saver builds (`SaveV2`, `RestoreV2`, `MergeV2Checkpoints`, `ShardedFilename`) and the
 * summary ops (`ScalarSummary`, `HistogramSummary`, `MergeSummary`), so that `saver.save(session, …)`
 * and `summary.mergeAll()` work on any session. Listed here explicitly: nothing registers
 * itself on import.
 */
export function createDefaultHostKernelRegistry(): HostKernelRegistry {
  return createHostKernelRegistry([...CHECKPOINT_IO_KERNELS, ...SUMMARY_KERNELS]);
}
