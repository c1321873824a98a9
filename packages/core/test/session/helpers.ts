import { createReferenceBackend } from '@varscope/backend-reference';
import { KernelRuntimeError } from '@varscope/kernel-api';
import type { BackendCapabilities, DType, KernelBackend, KernelInvocation } from '@varscope/kernel-api';
import { Graph } from '../../src/graph/index.js';
import { Session } from '../../src/session/index.js';
import type { SessionOptions } from '../../src/session/index.js';

/** A backend that runs on the reference kernels but reports itself as a device of `deviceType`,
 * with only some of the kernels, and records the ops it ran. */
export interface RecordingBackend extends KernelBackend {
  /** Node names of the kernels run, in order. */
  readonly ran: string[];
  /** The most live handles seen right after any kernel ran. */
  readonly peak: { liveHandles: number };
  /** How many downloads were asked for. */
  readonly downloads: { count: number };
}

export function wrapReference(options: {
  name?: string;
  deviceType?: 'CPU' | 'GPU';
  kernels?: Readonly<Record<string, readonly DType[]>>;
  syncDownload?: boolean;
  /** Node names whose kernels fail with a KernelRuntimeError. */
  failOn?: readonly string[];
} = {}): RecordingBackend {
  const inner = createReferenceBackend();
  const capabilities: BackendCapabilities = {
    ...inner.capabilities,
    kernels: options.kernels ?? inner.capabilities.kernels,
    syncDownload: options.syncDownload ?? true,
  };
  const ran: string[] = [];
  const peak = { liveHandles: 0 };
  const downloads = { count: 0 };
  const backend: RecordingBackend = {
    specificationVersion: inner.specificationVersion,
    name: options.name ?? 'wrapped-reference',
    deviceType: options.deviceType ?? 'CPU',
    capabilities,
    ran,
    peak,
    downloads,
    init: () => inner.init(),
    allocate: (dtype, shape) => inner.allocate(dtype, shape),
    upload: (ref, data) => inner.upload(ref, data),
    download: (ref) => {
      downloads.count += 1;
      return inner.download(ref);
    },
    release: (handle) => inner.release(handle),
    doRun: (call: KernelInvocation) => {
      ran.push(call.nodeName);
      if (options.failOn?.includes(call.nodeName)) throw new KernelRuntimeError(call.op, `injected failure in ${call.nodeName}`);
      inner.doRun(call);
      peak.liveHandles = Math.max(peak.liveHandles, inner.stats().liveHandles);
    },
    sync: () => inner.sync(),
    stats: () => inner.stats(),
    dispose: () => inner.dispose(),
  };
  if (capabilities.syncDownload) {
    Object.assign(backend, {
      downloadSync: (ref: Parameters<typeof inner.downloadSync>[0]) => {
        downloads.count += 1;
        return inner.downloadSync(ref);
      },
    });
  }
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
