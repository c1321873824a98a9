import { Session } from '@varscope/core';
import type { Graph, SessionConfig } from '@varscope/core';
import type { KernelBackend } from '@varscope/kernel-api';

/**
 * Sessions whose device is the backend under test. A CPU backend is the session's CPU. A GPU
 * backend is its GPU, with the reference backend as its CPU; ops a scenario left unplaced go to
 * `/device:GPU:0` and soft placement is on, which is what TensorFlow does with a GPU present
 * (unplaced ops prefer the GPU; ops without a GPU kernel run on the CPU).
 */
export function sessionOn(backend: KernelBackend, reference: KernelBackend, graph: Graph, config: SessionConfig = {}): Session {
  if (backend.deviceType === 'CPU') return new Session({ graph, devices: { CPU: backend }, config });
  for (const op of graph.getOperations()) if (op.device === '') op.setDevice('/device:GPU:0');
  return new Session({ graph, devices: { CPU: reference, GPU: backend }, config: { allowSoftPlacement: true, ...config } });
}

const NO_KERNEL = /No OpKernel was registered to support Op '([^']+)' used by \{\{node ([^}]+)\}\} with these attrs: \[([^\]]*)\] on device (\S+)/;
const NO_EXPLICIT_KERNEL = /Cannot assign a device for operation (\S+): Could not satisfy explicit device specification '([^']+)' because no supported kernel for (\w+) devices is available\.\nOp: (\w+)(?:; (\S+))?/;

/**
 * When `error` is core's placement error for a kernel the backend under test does not declare,
 * the capability it lacks (the scenario is then skipped with it); otherwise null.
 */
export function missingKernel(error: unknown, backend: KernelBackend): string | null {
  const message = (error as Error | undefined)?.message ?? '';
  const plain = NO_KERNEL.exec(message);
  if (plain !== null && (plain[4] ?? '').endsWith(`device:${backend.deviceType}:0`)) {
    return `${backend.name} has no ${plain[1]} kernel for [${plain[3]}] (needed by ${plain[2]})`;
  }
  const explicit = NO_EXPLICIT_KERNEL.exec(message);
  if (explicit !== null && explicit[3] === backend.deviceType) {
    return `${backend.name} has no ${explicit[4]} kernel${explicit[5] ? ` for [${explicit[5]}]` : ''} (needed by ${explicit[1]})`;
  }
  return null;
}
