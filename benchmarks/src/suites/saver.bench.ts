// train.Saver: save and restore of a model against writing/reading the same bytes with plain `fs`
// in the same run (target ≥ 0.7×), and the per-variable cost with 10,000 tiny variables.
import { mkdtemp, open, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Graph, Session, Variable, train, zeros, globalVariablesInitializer } from '@varscope/core';
import { createReferenceBackend } from '@varscope/backend-reference';
import type { BenchResult, BenchSuite } from '../suite.js';

const MB = 1024 * 1024;

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

async function median(runs: number, fn: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push(await timed(fn));
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] as number;
}

/** A graph of `count` float32 variables of `elements` elements each, initialized, with a Saver. */
async function model(count: number, elements: number) {
  const graph = new Graph();
  const { saver, init } = graph.asDefault(() => {
    for (let i = 0; i < count; i++) new Variable(zeros([elements]), { name: `layer${Math.floor(i / 10)}/v${i % 10}` });
    return { saver: new train.Saver({ maxToKeep: 0 }), init: globalVariablesInitializer() };
  });
  const session = new Session({ graph, devices: { CPU: createReferenceBackend() } });
  await session.run(init);
  return { session, saver };
}

/** Plain fs: the same bytes written in `count` pieces to one file with fsync, then read back. */
async function plainWrite(path: string, pieces: Uint8Array[]): Promise<void> {
  const fh = await open(path, 'w');
  try {
    for (const p of pieces) await fh.write(p);
    await fh.sync();
  } finally {
    await fh.close();
  }
}

const suite: BenchSuite = {
  name: 'saver',
  async run({ quick }) {
    const results: BenchResult[] = [];
    const dir = await mkdtemp(join(tmpdir(), 'varscope-saver-bench-'));
    try {
      const count = quick ? 100 : 1000;
      const elements = Math.floor((quick ? 8 * MB : 256 * MB) / 4 / count);
      const totalBytes = elements * 4 * count;
      const runs = quick ? 1 : 3;
      const { session, saver } = await model(count, elements);
      const prefix = join(dir, 'model.ckpt');
      const saveMs = await median(runs, () => saver.save(session, prefix, { writeMetaGraph: false, writeState: false }));
      const restoreMs = await median(runs, () => saver.restore(session, prefix));
      const pieces = Array.from({ length: count }, () => new Uint8Array(elements * 4));
      const rawPath = join(dir, 'raw.bin');
      const rawWriteMs = await median(runs, () => plainWrite(rawPath, pieces));
      const rawReadMs = await median(runs, () => readFile(rawPath));
      const gbps = (ms: number) => totalBytes / 1e9 / (ms / 1000);
      const label = `${count} vars, ${Math.round(totalBytes / MB)} MiB`;
      results.push(
        { group: 'saver', case: `save ${label}`, runner: 'varscope', medianMs: saveMs, value: gbps(saveMs), unit: 'GB/s',
          notes: `${(rawWriteMs / saveMs).toFixed(2)}× plain fs write+fsync` },
        { group: 'saver', case: `save ${label}`, runner: 'plain fs', medianMs: rawWriteMs, value: gbps(rawWriteMs), unit: 'GB/s' },
        { group: 'saver', case: `restore ${label}`, runner: 'varscope', medianMs: restoreMs, value: gbps(restoreMs), unit: 'GB/s',
          notes: `${(rawReadMs / restoreMs).toFixed(2)}× plain fs read` },
        { group: 'saver', case: `restore ${label}`, runner: 'plain fs', medianMs: rawReadMs, value: gbps(rawReadMs), unit: 'GB/s' },
      );
      await session.close();

      const tiny = quick ? 1000 : 10_000;
      const t = await model(tiny, 1);
      const tinyPrefix = join(dir, 'tiny.ckpt');
      const tinySave = await median(runs, () => t.saver.save(t.session, tinyPrefix, { writeMetaGraph: false, writeState: false }));
      const tinyRestore = await median(runs, () => t.saver.restore(t.session, tinyPrefix));
      results.push(
        { group: 'saver', case: `save ${tiny} tiny vars`, runner: 'varscope', medianMs: tinySave, value: (tinySave * 1000) / tiny, unit: 'µs/var' },
        { group: 'saver', case: `restore ${tiny} tiny vars`, runner: 'varscope', medianMs: tinyRestore, value: (tinyRestore * 1000) / tiny, unit: 'µs/var' },
      );
      await t.session.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    return results;
  },
};

export default suite;
