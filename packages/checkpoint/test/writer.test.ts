import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  CheckpointReader, CheckpointWriter, DataLossError, InvalidArgumentError, NotFoundError, decodeStrings,
  TableBuilder, crc32c, encodeBundleEntry, maskCrc, metaGraphFilename, removeCheckpoint,
  type TensorInput,
} from '../src/index.js';

const work = mkdtempSync(join(tmpdir(), 'ckpt-writer-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
let n = 0;
const prefix = (): string => join(work, `case${n++}`, 'model.ckpt');

const tensors: Record<string, TensorInput> = {
  f32: { dtype: 'float32', shape: [2, 3], data: new Float32Array([1, 2, 3, 4, 5, -6.5]) },
  f64: { dtype: 'float64', shape: [2], data: new Float64Array([Math.PI, -0]) },
  i32: { dtype: 'int32', shape: [], data: new Int32Array([-7]) },
  i64: { dtype: 'int64', shape: [3], data: new BigInt64Array([-(2n ** 63n), 0n, 2n ** 63n - 1n]) },
  u64: { dtype: 'uint64', shape: [1], data: new BigUint64Array([2n ** 64n - 1n]) },
  bool: { dtype: 'bool', shape: [4], data: new Uint8Array([1, 0, 0, 1]) },
  half: { dtype: 'float16', shape: [2], data: new Uint16Array([0x3c00, 0xc000]) },
  bf16: { dtype: 'bfloat16', shape: [2], data: new Uint16Array([0x3f80, 0x4000]) },
  c64: { dtype: 'complex64', shape: [2], data: new Float32Array([1, 2, 3, 4]) },
  c128: { dtype: 'complex128', shape: [1], data: new Float64Array([1.5, -2.5]) },
  i8: { dtype: 'int8', shape: [2], data: new Int8Array([-128, 127]) },
  u16: { dtype: 'uint16', shape: [1], data: new Uint16Array([65535]) },
  empty: { dtype: 'float32', shape: [0, 5], data: new Float32Array(0) },
  str: { dtype: 'string', shape: [3], data: ['héllo', '', 'x'.repeat(300)] },
  bytes: { dtype: 'string', shape: [2], data: [new Uint8Array([0, 255, 10]), new Uint8Array(0)] },
  nostr: { dtype: 'string', shape: [0], data: [] },
  var: { dtype: 'variant', shape: [2], data: [new Uint8Array([10, 3, 102, 111, 111]), new Uint8Array(0)] },
};

async function roundTrip(options: ConstructorParameters<typeof Object>[0] = {}): Promise<CheckpointReader> {
  const p = prefix();
  const w = await CheckpointWriter.create(p, options as never);
  for (const [name, t] of Object.entries(tensors)) await w.add(name, t);
  const written = await w.finish();
  expect(written.tensors).toBe(Object.keys(tensors).length);
  return CheckpointReader.open(p);
}

describe('CheckpointWriter → CheckpointReader', () => {
  it('round-trips every dtype exactly', async () => {
    const r = await roundTrip();
    expect(r.keys()).toEqual(Object.keys(tensors).sort());
    for (const [name, t] of Object.entries(tensors)) {
      const back = await r.read(name);
      expect(back.dtype).toBe(t.dtype);
      expect(back.shape).toEqual(t.shape);
      if (t.dtype === 'string') {
        const strs = t.data.map((e) => (typeof e === 'string' ? e : Buffer.from(e).toString('latin1')));
        const got = (back.data as Uint8Array[]).map((e, i) => (typeof t.data[i] === 'string' ? decodeStrings([e])[0] : Buffer.from(e).toString('latin1')));
        expect(got).toEqual(strs);
      } else if (t.dtype === 'variant') {
        expect((back.data as Uint8Array[]).map((e) => Array.from(e))).toEqual(t.data.map((e) => Array.from(e)));
      } else {
        expect(Object.is((back.data as Float64Array)[1], (t.data as Float64Array)[1])).toBe(true);
        expect(Array.from(back.data as ArrayLike<unknown>)).toEqual(Array.from(t.data as ArrayLike<unknown>));
        expect(back.data.constructor).toBe(t.data.constructor);
      }
    }
    expect(r.variableToShapeMap()['f32']).toEqual([2, 3]);
    expect(r.variableToDtypeMap()['i64']).toBe('int64');
    expect(r.debugString()).toContain('f32 (DT_FLOAT) [2,3]\n');
    expect(r.debugString()).toContain('i32 (DT_INT32) []\n');
    const missing = await r.read('v3').catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(NotFoundError);
    expect(missing).toMatchObject({ message: 'Key v3 not found in checkpoint', tensor: 'v3' });
    await r.close();
  });

  it('spreads tensors over shards and honours explicit shard choices', async () => {
    const p = prefix();
    const w = await CheckpointWriter.create(p, { numShards: 3 });
    await w.add('a', tensors.f32!, { shard: 2 });
    await w.add('b', tensors.f64!);
    await w.add('c', tensors.str!);
    const done = await w.finish();
    expect(done.files.map((f) => f.slice(p.length))).toEqual(['.index', '.data-00000-of-00003', '.data-00001-of-00003', '.data-00002-of-00003']);
    const r = await CheckpointReader.open(`${p}.data-00001-of-00003`);
    expect(r.prefix).toBe(p);
    expect(r.bundle!.tensors.get('a')!.entry.shardId).toBe(2);
    expect(new Set([...r.bundle!.tensors.values()].map((t) => t.entry.shardId)).size).toBe(3);
    expect(Array.from((await r.read('a')).data as Float32Array)).toEqual([1, 2, 3, 4, 5, -6.5]);
    await r.close();
    expect(readdirSync(join(p, '..')).filter((f) => f.includes('tempstate'))).toEqual([]);
  });

  it('writes and reads partitioned tensors', async () => {
    const p = prefix();
    const w = await CheckpointWriter.create(p);
    // A [3, 2] float tensor saved as rows [0,2) and [2,3).
    await w.addSlice('part', [3, 2], [{ start: 0, length: 2 }, { start: 0 }], { dtype: 'float32', shape: [2, 2], data: new Float32Array([1, 2, 3, 4]) });
    await w.addSlice('part', [3, 2], [{ start: 2, length: 1 }, { start: 0 }], { dtype: 'float32', shape: [1, 2], data: new Float32Array([5, 6]) });
    await w.addSlice('whole', [2], [{ start: 0 }], { dtype: 'int32', shape: [2], data: new Int32Array([7, 8]) });
    await w.add('plain', tensors.i32!);
    await w.finish();
    const r = await CheckpointReader.open(p);
    expect(r.keys()).toEqual(['part', 'plain', 'whole']);
    expect(r.shape('part')).toEqual([3, 2]);
    expect(Array.from((await r.read('part')).data as Float32Array)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(r.bundle!.tensors.get('whole')!.entry.slices).toEqual([]);
    expect(Array.from((await r.read('whole')).data as Int32Array)).toEqual([7, 8]);
    await r.close();
  });

  it('rejects bad input with InvalidArgumentError naming the tensor', async () => {
    const w = await CheckpointWriter.create(prefix());
    await w.add('x', tensors.f32!);
    await expect(w.add('x', tensors.f32!)).rejects.toThrow(/Duplicate tensor name x/);
    await expect(w.add('', tensors.f32!)).rejects.toThrow(InvalidArgumentError);
    await expect(w.add('y', { dtype: 'float32', shape: [2, 2], data: new Float32Array(3) })).rejects.toThrow(/tensor y: data has 3 elements but shape \[2,2\] needs 4/);
    await expect(w.add('y', { dtype: 'int64', shape: [1], data: new Int32Array(1) } as never)).rejects.toThrow(/must be a BigInt64Array/);
    await expect(w.add('y', { dtype: 'float32', shape: [-1], data: new Float32Array(0) })).rejects.toThrow(/invalid dimension -1/);
    await expect(w.add('y', { dtype: 'nope', shape: [], data: [] } as never)).rejects.toThrow(/unsupported dtype nope/);
    await expect(w.add('y', tensors.f32!, { shard: 1 })).rejects.toThrow(/shard 1 is not in \[0, 1\)/);
    await expect(w.add('y\uD800', tensors.f32!)).rejects.toThrow(/not valid Unicode/);
    await expect(w.add('y', { dtype: 'string', shape: [2], data: ['ok', 'x\uDC00'] })).rejects.toThrow(/string element 1 is not valid Unicode/);
    await w.add('y', tensors.f32!);
    await w.abort();
    await expect(w.add('z', tensors.f32!)).rejects.toThrow(/already aborted/);
  });

  it('reports a corrupted tensor byte as DataLossError naming tensor and file', async () => {
    const p = prefix();
    const w = await CheckpointWriter.create(p);
    await w.add('t', tensors.f32!);
    await w.finish();
    const { openSync, writeSync, closeSync } = await import('node:fs');
    const fd = openSync(`${p}.data-00000-of-00001`, 'r+');
    writeSync(fd, new Uint8Array([0x7f]), 0, 1, 5);
    closeSync(fd);
    const r = await CheckpointReader.open(p);
    const err = await r.read('t').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DataLossError);
    expect((err as DataLossError).tensor).toBe('t');
    expect((err as DataLossError).message).toMatch(/Checksum does not match.*tensor t in .*data-00000-of-00001/);
    await r.close();
  });

  it('removeCheckpoint deletes the index, every data shard and the .meta, and nothing else', async () => {
    const p = prefix();
    const w = await CheckpointWriter.create(p, { numShards: 2 });
    await w.add('a', tensors.f32!);
    await w.finish();
    const other = `${p}-1`;
    const w2 = await CheckpointWriter.create(other);
    await w2.add('a', tensors.f32!);
    await w2.finish();
    writeFileSync(`${p}.meta`, 'x');
    const removed = await removeCheckpoint(p);
    expect(removed.map((f) => f.slice(p.length))).toEqual(['.index', '.data-00000-of-00002', '.data-00001-of-00002', '.meta']);
    expect(readdirSync(join(p, '..')).sort()).toEqual(['model.ckpt-1.data-00000-of-00001', 'model.ckpt-1.index']);
    expect(metaGraphFilename('model.ckpt-123456-00001-of-00002')).toBe('model.ckpt-123456.meta');
  });

  it('reads big-endian bundles, swapping after the checksum', async () => {
    const p = prefix();
    mkdirSync(join(p, '..'), { recursive: true });
    const values = [1.5, -2, 3.25];
    const data = new Uint8Array(12);
    values.forEach((v, i) => new DataView(data.buffer).setFloat32(4 * i, v, false));
    const header = new Uint8Array([0x08, 0x01, 0x10, 0x01, 0x1a, 0x02, 0x08, 0x01]); // num_shards 1, endianness BIG
    const table = new TableBuilder();
    table.add(new Uint8Array(0), header);
    table.add(new TextEncoder().encode('be'), encodeBundleEntry({ dtype: 1, shape: [3], shardId: 0, offset: 0, size: 12, crc32c: maskCrc(crc32c(data)), slices: [] }));
    writeFileSync(`${p}.index`, table.finish());
    writeFileSync(`${p}.data-00000-of-00001`, data);
    const r = await CheckpointReader.open(p);
    expect(r.bundle!.header.endianness).toBe('BIG');
    expect(Array.from((await r.read('be')).data as Float32Array)).toEqual(values);
    await r.close();
  });

  it('names the prefix it tried when nothing is there', async () => {
    const p = join(work, 'missing', 'model.ckpt');
    await expect(CheckpointReader.open(`${p}.index`)).rejects.toThrow(
      `Unsuccessful TensorSliceReader constructor: Failed to find any matching files for ${p}`);
  });
});
