import { createReferenceBackend } from '@varscope/backend-reference';
import type { BackendCapabilities, DType, KernelBackend, KernelInvocation } from '@varscope/kernel-api';
import { Graph } from '../../src/graph/index.js';
import { Session } from '../../src/session/index.js';
import type { SessionOptions } from '../../src/session/index.js';

/** A backend that runs on the reference kernels but reports itself as a device of `deviceType`,
 * with only some of the kernels, and records the ops it ran. */
export interface RecordingBackend extends KernelBackend {
  readonly ran: string[];
}

export function wrapReference(options: {
  name?: string;
  deviceType?: 'CPU' | 'GPU';
  kernels?: Readonly<Record<string, readonly DType[]>>;
  syncDownload?: boolean;
} = {}): RecordingBackend {
  const inner = createReferenceBackend();
  const capabilities: BackendCapabilities = {
    ...inner.capabilities,
    kernels: options.kernels ?? inner.capabilities.kernels,
    syncDownload: options.syncDownload ?? true,
  };
  const ran: string[] = [];
  const backend: RecordingBackend = {
    specificationVersion: inner.specificationVersion,
    name: options.name ?? 'wrapped-reference',
    deviceType: options.deviceType ?? 'CPU',
    capabilities,
    ran,
    init: () => inner.init(),
    allocate: (dtype, shape) => inner.allocate(dtype, shape),
    upload: (ref, data) => inner.upload(ref, data),
    download: (ref) => inner.download(ref),
    release: (handle) => inner.release(handle),
    doRun: (call: KernelInvocation) => {
      ran.push(call.nodeName);
      inner.doRun(call);
    },
    sync: () => inner.sync(),
    stats: () => inner.stats(),
    dispose: () => inner.dispose(),
  };
  if (capabilities.syncDownload) Object.assign(backend, { downloadSync: inner.downloadSync.bind(inner) });
  return backend;
}

/** The reference backend's kernels restricted to `ops`. */
export function kernelSubset(ops: readonly string[], dtypes?: readonly DType[]): Record<string, readonly DType[]> {
  const all = createReferenceBackend().capabilities.kernels;
  const table: Record<string, readonly DType[]> = {};
  for (const op of ops) {
    const d = all[op];
    if (d === undefined) throw new Error(`The reference backend has no ${op} kernel`);
    table[op] = dtypes === undefined ? d : d.filter((x) => dtypes.includes(x));
  }
  return table;
}

/** Builds a graph with `build` (inside `graph.asDefault`). */
export function buildGraph<T>(build: () => T): { graph: Graph; out: T } {
  const graph = new Graph();
  return { graph, out: graph.asDefault(build) };
}

/** A session on `graph` with a fresh reference backend (or the given devices). */
export function session(graph: Graph, options: Omit<SessionOptions, 'graph'> = {}): Session {
  return new Session({ graph, devices: { CPU: wrapReference() }, ...options });
}
