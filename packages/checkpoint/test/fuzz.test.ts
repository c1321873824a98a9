import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  CheckpointError, CheckpointReader, MetaGraphDef, parseCheckpointState, SavedModel, type TensorData, type TypedArray,
} from '../src/index.js';
import { HAVE_FIXTURES, fixtureDirs, fixturePath, loadManifest } from './helpers/fixtures.js';
import { mutate, prng } from './helpers/mutate.js';

/**
 * Every fixture file is mutated many times (bit flips, truncations, inserted
 * and overwritten bytes). Each outcome must be either the exact original
 * values (the mutation hit bytes no reader depends on, such as footer
 * padding) or a CheckpointError naming the file; never another exception,
 * a hang, or a different value.
 */
const ITERATIONS = Number(process.env['CKPT_FUZZ_ITERATIONS'] ?? 3000);
const work = mkdtempSync(join(tmpdir(), 'ckpt-fuzz-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function digest(t: TensorData): string {
  const h = createHash('sha256').update(`${t.dtype}|${t.shape.join(',')}|`);
  if (t.dtype === 'string' || t.dtype === 'variant') for (const e of t.data) h.update(`${e.length}:`).update(e);
  else {
    const d = t.data as TypedArray;
    h.update(new Uint8Array(d.buffer, d.byteOffset, d.byteLength));
  }
  return h.digest('hex');
}

async function readAll(prefix: string): Promise<Map<string, string>> {
  const reader = await CheckpointReader.open(prefix);
  try {
    const out = new Map<string, string>();
    for (const name of reader.keys()) out.set(name, digest(await reader.read(name)));
    await reader.objectGraph();
    return out;
  } finally {
    await reader.close();
  }
}

interface Target {
  dir: string;
  prefix: string;
  files: string[];
  /** Bytes per file, weighting how often it is mutated: small index files get most of the attention. */
  weight: number;
}

function targets(): Target[] {
  const out: Target[] = [];
  for (const dir of fixtureDirs()) {
    for (const ckpt of loadManifest(dir).checkpoints) {
      const prefixDir = dirname(fixturePath(dir, ckpt.prefix));
      const base = basename(ckpt.prefix);
      const files = readdirSync(prefixDir).filter((f) => f === base || f.startsWith(`${base}.index`) || f.startsWith(`${base}.data-`));
      const bytes = files.reduce((n, f) => n + readFileSync(join(prefixDir, f)).length, 0);
      out.push({ dir, prefix: ckpt.prefix, files, weight: bytes > 1_000_000 ? 1 : 3 });
    }
  }
  return out;
}

describe.skipIf(!HAVE_FIXTURES)('fuzzing every fixture', () => {
  it(`${ITERATIONS} mutations of .index/.data/V1 files: exact values or a CheckpointError naming the file`, async () => {
    const all = targets();
    const totalWeight = all.reduce((n, t) => n + t.weight, 0);
    const outcomes = { identical: 0, rejected: 0 };
    let seed = 1;
    for (const target of all) {
      const src = dirname(fixturePath(target.dir, target.prefix));
      const dst = join(work, target.dir, dirname(target.prefix));
      mkdirSync(dst, { recursive: true });
      for (const f of target.files) copyFileSync(join(src, f), join(dst, f));
      const prefix = join(work, target.dir, target.prefix);
      const baseline = await readAll(prefix);
      const originals = new Map(target.files.map((f) => [f, readFileSync(join(src, f))]));
      const runs = Math.round((ITERATIONS * target.weight) / totalWeight);
      for (let i = 0; i < runs; i++, seed++) {
        const rand = prng(seed);
        // Index and V1 tables are where the structure is; data files get a third of the mutations.
        const tables = target.files.filter((f) => !f.includes('.data-'));
        const pool = rand() < 0.67 || tables.length === target.files.length ? tables : target.files.filter((f) => f.includes('.data-'));
        const file = pool[Math.floor(rand() * pool.length)] as string;
        const m = mutate(originals.get(file) as Uint8Array, rand);
        writeFileSync(join(dst, file), m.bytes);
        const label = `seed ${seed}: ${m.kind} at ${m.at} of ${target.dir}/${file}`;
        try {
          const got = await readAll(prefix);
          expect(got, label).toEqual(baseline);
          outcomes.identical++;
        } catch (e) {
          if (!(e instanceof CheckpointError)) throw new Error(`${label}: ${String(e)}`, { cause: e });
          expect(e.message, label).toContain(basename(target.prefix));
          outcomes.rejected++;
        }
        writeFileSync(join(dst, file), originals.get(file) as Uint8Array);
      }
    }
    console.log(`fuzz: ${JSON.stringify(outcomes)}`);
    expect(outcomes.identical + outcomes.rejected).toBeGreaterThanOrEqual(ITERATIONS * 0.95);
    expect(outcomes.rejected).toBeGreaterThan(outcomes.identical);
  }, 170_000);

  it('mutated .meta, saved_model.pb and state files decode or fail with a CheckpointError naming the file', () => {
    const files: { path: string; decode: (b: Uint8Array, file: string) => unknown }[] = [];
    for (const dir of fixtureDirs()) {
      for (const f of readdirSync(fixturePath(dir))) {
        if (f === 'model.ckpt-0.meta' || f === 'save_net.ckpt.meta') continue; // > 500 kB: covered by the smaller graphs
        if (f.endsWith('.meta')) files.push({ path: fixturePath(dir, f), decode: (b, file) => MetaGraphDef.decode(b, { file }) });
        if (f === 'saved_model.pb') files.push({ path: fixturePath(dir, f), decode: (b, file) => SavedModel.decode(b, { file }) });
        if (f === 'checkpoint') files.push({ path: fixturePath(dir, f), decode: (b, file) => parseCheckpointState(new TextDecoder().decode(b), file) });
      }
    }
    let seed = 1_000_000;
    let rejected = 0;
    for (const { path, decode } of files) {
      const original = readFileSync(path);
      const runs = original.length > 100_000 ? 20 : 150;
      for (let i = 0; i < runs; i++, seed++) {
        const m = mutate(original, prng(seed));
        try {
          decode(m.bytes, path);
        } catch (e) {
          if (!(e instanceof CheckpointError)) throw new Error(`seed ${seed}: ${m.kind} at ${m.at} of ${path}: ${String(e)}`, { cause: e });
          expect((e as CheckpointError).file).toBe(path);
          rejected++;
        }
      }
    }
    expect(rejected).toBeGreaterThan(0);
  }, 120_000);
});
