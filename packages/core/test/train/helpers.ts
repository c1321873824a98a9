import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { createReferenceBackend } from '@varscope/backend-reference';
import { Graph } from '../../src/graph/index.js';
import { Session, createHostKernelRegistry } from '../../src/session/index.js';
import { SUMMARY_KERNELS } from '../../src/summary/index.js';
import { CHECKPOINT_IO_KERNELS } from '../../src/train/checkpointing.js';

/** A session on the reference backend with the checkpoint and summary host kernels. */
export function session(graph: Graph, options: { allowSoftPlacement?: boolean } = {}): Session {
  return new Session({
    graph,
    devices: { CPU: createReferenceBackend() },
    hostKernels: createHostKernelRegistry([...CHECKPOINT_IO_KERNELS, ...SUMMARY_KERNELS]),
    config: { allowSoftPlacement: options.allowSoftPlacement ?? false },
  });
}

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A fresh temporary directory, removed after the test. */
export function tempDir(prefix = 'saver-'): string {
  const d = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(d);
  return d;
}

/** Builds with a fresh graph as the default graph (synchronously: scopes cannot span an `await`). */
export function build<T>(fn: (g: Graph) => T): T & { g: Graph } {
  const g = new Graph();
  return { ...g.asDefault(() => fn(g)), g };
}

export const values = (x: unknown): unknown => (x as { toArray(): unknown }).toArray();
