// The caching pool's bookkeeping, on a dry-run context: the pool code is the same as on a GPU,
// only its raw allocator is malloc instead of cudaMalloc.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { loadCudaAddon } from '../src/index.js';
import { findAddon } from './addon-harness.js';

const { addon, reason } = findAddon();
const F32 = 1, I64 = 9, BOOL = 10;

describe.skipIf(addon === undefined)(`CUDA caching pool${addon === undefined ? ` (skipped: ${reason})` : ''}`, () => {
  const a = addon!;

  it('rounds to size classes, caches released blocks and reuses them', () => {
    const ctx = new a.Context({ dryRun: true });
    const x = ctx.allocate(F32, [250]);  // 1000 bytes → a 1024-byte block
    expect(ctx.stats()).toMatchObject({ liveHandles: 1, bytesInUse: 1000, bytesReserved: 1024, bytesCached: 0, deviceAllocations: 1 });
    ctx.release(x);
    expect(ctx.stats()).toMatchObject({ liveHandles: 0, bytesInUse: 0, bytesReserved: 1024, bytesCached: 1024 });
    const y = ctx.allocate(F32, [200]);  // 800 bytes: served from the cached 1024-byte block
    expect(ctx.stats()).toMatchObject({ liveHandles: 1, bytesInUse: 800, bytesCached: 0, cacheHits: 1, deviceAllocations: 1 });
    const big = ctx.allocate(F32, [1 << 20]);  // 4 MiB: 2 MiB steps
    expect(ctx.stats().bytesReserved).toBe(1024 + 4 * 2 ** 20);
    ctx.release(big);
    ctx.release(y);
    ctx.emptyCache();
    expect(ctx.stats()).toMatchObject({ bytesReserved: 0, bytesCached: 0, peakBytesReserved: 1024 + 4 * 2 ** 20 });
    ctx.dispose();
  });

  it('does not hand out a cached block more than twice the size asked for', () => {
    const ctx = new a.Context({ dryRun: true });
    ctx.release(ctx.allocate(F32, [4096]));  // 16 KiB cached
    ctx.allocate(F32, [128]);  // 512 bytes: a new block, not the 16 KiB one
    expect(ctx.stats()).toMatchObject({ cacheHits: 0, deviceAllocations: 2, bytesCached: 16384 });
    ctx.dispose();
  });

  it('counts zero-size buffers as handles without memory', () => {
    const ctx = new a.Context({ dryRun: true });
    const empty = ctx.allocate(F32, [0, 7]);
    expect(empty.byteLength).toBe(0);
    expect(ctx.stats()).toMatchObject({ liveHandles: 1, bytesReserved: 0 });
    ctx.release(empty);
    expect(ctx.stats().liveHandles).toBe(0);
    ctx.dispose();
  });

  it('reports exhaustion with TensorFlow\'s OOM wording, after returning its cache', () => {
    const ctx = new a.Context({ dryRun: true, poolLimitBytes: 8192 });
    const x = ctx.allocate(F32, [1500]);  // 6000 → 6144 reserved
    ctx.release(ctx.allocate(F32, [256]));  // 1024 cached
    let error: unknown;
    try {
      ctx.allocate(F32, [750]);
    } catch (e) {
      error = e;
    }
    expect((error as Error).message).toMatch(/^OOM when allocating tensor with shape\[750\] and type float32 on the dry-run host pool: the pool limit of 8192 bytes would be exceeded/);
    expect((error as { code?: string }).code).toBe('ERR_VARSCOPE_RESOURCE_EXHAUSTED');
    expect(ctx.stats().bytesCached).toBe(0);  // the cache was emptied before giving up
    ctx.release(x);
    expect(() => ctx.allocate(F32, [750])).not.toThrow();
    ctx.dispose();
  });

  it('round-trips every stored dtype through upload and download', async () => {
    const ctx = new a.Context({ dryRun: true });
    const f = ctx.allocate(F32, [3]);
    ctx.upload(f, new Float32Array([1.5, -2, 3]));
    expect(Array.from(new Float32Array(await ctx.download(f)))).toEqual([1.5, -2, 3]);
    const l = ctx.allocate(I64, [2]);
    ctx.upload(l, new BigInt64Array([-(2n ** 62n), 7n]));
    expect(Array.from(new BigInt64Array(await ctx.download(l)))).toEqual([-(2n ** 62n), 7n]);
    const b = ctx.allocate(BOOL, [2]);
    ctx.upload(b, new Uint8Array([1, 0]));
    const copy = ctx.allocate(BOOL, [2]);
    ctx.copyBuffer(copy, b);
    expect(Array.from(new Uint8Array(await ctx.download(copy)))).toEqual([1, 0]);
    ctx.fillZero(f);
    expect(Array.from(new Float32Array(await ctx.download(f)))).toEqual([0, 0, 0]);
    await ctx.sync();
    ctx.dispose();
  });

  it('makes a disposed context refuse work, and its buffers report released', () => {
    const ctx = new a.Context({ dryRun: true });
    const x = ctx.allocate(F32, [4]);
    ctx.dispose();
    ctx.dispose();  // idempotent
    expect(x.released).toBe(true);
    expect(() => ctx.allocate(F32, [1])).toThrow(/allocate: the context has been disposed/);
    expect(() => ctx.release(x)).toThrow(/release: the context has been disposed/);
    expect(ctx.stats()).toMatchObject({ liveHandles: 0, bytesReserved: 0 });
  });

  it('returns unreleased buffers to the pool when they are garbage-collected (backstop)', () => {
    // A child process, for --expose-gc. Finalizers run after GC, so it polls for a few turns.
    const path = loadCudaAddon().path;
    const script = `
      const a = require(${JSON.stringify(path)});
      const ctx = new a.Context({ dryRun: true });
      (() => { for (let i = 0; i < 100; i++) ctx.allocate(1, [1024]); })();
      const before = ctx.stats().liveHandles;
      let turns = 0;
      const poll = () => {
        global.gc();
        const s = ctx.stats();
        if (s.liveHandles === 0 || ++turns > 50) {
          console.log(JSON.stringify({ before, after: s.liveHandles, cached: s.bytesCached }));
        } else setImmediate(poll);
      };
      poll();`;
    const run = spawnSync(process.execPath, ['--expose-gc', '-e', script], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    const result = JSON.parse(run.stdout) as { before: number; after: number; cached: number };
    expect(result.before).toBe(100);
    expect(result.after).toBe(0);
    expect(result.cached).toBe(100 * 4096);
  });
});
