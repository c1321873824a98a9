// Checkpoint I/O: CheckpointWriter/CheckpointReader against plain `fs` doing the same bytes in the
// same run, so the ratio is what counts. Full run: 64 float32 tensors of 16 MiB (1 GiB).
import { open, rm, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CheckpointReader, CheckpointWriter, crc32c, crc32cImplementation, portableCrc32c } from '@varscope/checkpoint';
import type { BenchResult, BenchSuite } from '../suite.js';

const GB = 1e9;

/** Drops the page cache so "cold" reads come from disk; false where not permitted (containers, non-root). */
async function dropCaches(): Promise<boolean> {
  try {
    await writeFile('/proc/sys/vm/drop_caches', '3\n');
    return true;
  } catch {
    return false;
  }
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

/** Median of `runs` timings of fn (ms), after `before` runs untimed before each run. */
async function median(runs: number, fn: () => Promise<unknown>, before?: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    await before?.();
    times.push(await timed(fn));
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] as number;
}

const suite: BenchSuite = {
  name: 'checkpoint-io',
  async run({ quick }) {
    const tensors = quick ? 4 : 64;
    const elems = quick ? 1 << 18 : 1 << 22; // 1 MiB or 16 MiB of float32
    const tensorBytes = elems * 4;
    const total = tensors * tensorBytes;
    const runs = quick ? 1 : 3;
    const label = `${tensors}×${tensorBytes >> 20} MiB f32`;
    const dir = await mkdtemp(join(tmpdir(), 'bench-ckpt-'));
    // One buffer, reused for every tensor: writing streams, and the write phase must not inflate peak RSS.
    const data = new Float32Array(elems).map((_, i) => Math.sin(i));
    const bytes = new Uint8Array(data.buffer);
    const results: BenchResult[] = [];
    const row = (group: string, runner: string, ms: number, notes?: string): BenchResult => ({
      group, case: label, runner, medianMs: ms, value: total / GB / (ms / 1000), unit: 'GB/s', ...(notes ? { notes } : {}),
    });

    try {
      // CRC32C alone: the native implementation and the portable fallback.
      const crcNative = await median(runs, async () => {
        for (let t = 0; t < tensors; t++) crc32c(bytes);
      });
      results.push(row('crc32c', `crc32c (${crcNative > 0 ? crc32cImplementation : 'n/a'})`, crcNative));
      const sample = bytes.subarray(0, quick ? bytes.length : 64 << 20 > bytes.length ? bytes.length : 64 << 20);
      const crcPortable = await median(runs, async () => portableCrc32c(sample));
      results.push({ group: 'crc32c', case: `${sample.length >> 20} MiB`, runner: 'crc32c (portable JS)', medianMs: crcPortable,
        value: sample.length / GB / (crcPortable / 1000), unit: 'GB/s' });

      // Writes, fsynced: plain fs (one file, same bytes) vs CheckpointWriter.
      const rawPath = join(dir, 'raw.bin');
      // Both start from an empty directory: replacing a 1 GiB file costs the old file's unlink.
      const rawWrite = await median(runs, async () => {
        const h = await open(rawPath, 'w');
        for (let t = 0; t < tensors; t++) await h.write(bytes);
        await h.sync();
        await h.close();
      }, () => rm(rawPath, { force: true }));
      const ckptDir = join(dir, 'ckpt');
      const prefix = join(ckptDir, 'model.ckpt');
      const ourWrite = await median(runs, async () => {
        const w = await CheckpointWriter.create(prefix);
        for (let t = 0; t < tensors; t++) await w.add(`layer_${t}/kernel`, { dtype: 'float32', shape: [elems], data });
        await w.finish();
      }, () => rm(ckptDir, { recursive: true, force: true }));
      results.push(row('write (fsync)', 'fs', rawWrite));
      results.push(row('write (fsync)', 'CheckpointWriter', ourWrite, `${(rawWrite / ourWrite).toFixed(2)}× raw`));

      // Reads from the page cache: plain fs into preallocated buffers vs CheckpointReader (CRC-verified, fresh arrays).
      const target = new Uint8Array(tensorBytes);
      const rawRead = await median(runs, async () => {
        const h = await open(rawPath, 'r');
        for (let t = 0; t < tensors; t++) await h.read(target, 0, tensorBytes, t * tensorBytes);
        await h.close();
      });
      const kept: unknown[] = [];
      const rssBefore = process.memoryUsage.rss();
      let peakRss = rssBefore;
      const ourRead = await median(runs, async () => {
        kept.length = 0;
        const r = await CheckpointReader.open(prefix);
        for (const name of r.keys()) {
          kept.push((await r.read(name)).data); // keep everything: the peak is what holding a checkpoint costs
          peakRss = Math.max(peakRss, process.memoryUsage.rss());
        }
        await r.close();
      });
      results.push(row('read (page cache)', 'fs (prealloc)', rawRead));
      results.push(row('read (page cache)', 'CheckpointReader', ourRead, `${(rawRead / ourRead).toFixed(2)}× raw`));
      results.push({ group: 'read (page cache)', case: label, runner: 'CheckpointReader RSS', medianMs: 0,
        value: (peakRss - rssBefore) / 2 ** 20, unit: 'MB', notes: `peak RSS growth while holding ${(total / 2 ** 20).toFixed(0)} MiB read: ${((peakRss - rssBefore) / total).toFixed(2)}× the bytes` });
      kept.length = 0;

      if (await dropCaches()) {
        const rawCold = await median(runs, async () => {
          const h = await open(rawPath, 'r');
          for (let t = 0; t < tensors; t++) await h.read(target, 0, tensorBytes, t * tensorBytes);
          await h.close();
        }, dropCaches);
        const ourCold = await median(runs, async () => {
          const r = await CheckpointReader.open(prefix);
          for (const name of r.keys()) await r.read(name);
          await r.close();
        }, dropCaches);
        results.push(row('read (cold)', 'fs (prealloc)', rawCold));
        results.push(row('read (cold)', 'CheckpointReader', ourCold, `${(rawCold / ourCold).toFixed(2)}× raw`));
      } else {
        results.push({ group: 'read (cold)', case: label, runner: 'skipped', medianMs: 0, notes: 'cannot drop the page cache here (needs root outside a container)' });
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    return results;
  },
};

export default suite;
