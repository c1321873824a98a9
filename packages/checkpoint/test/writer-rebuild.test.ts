import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CheckpointReader, CheckpointWriter, dataFilename, indexFilename, readTable, TableBuilder } from '../src/index.js';
import { HAVE_FIXTURES, fixtureDirs, fixturePath, loadManifest } from './helpers/fixtures.js';

const work = mkdtempSync(join(tmpdir(), 'ckpt-rebuild-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe.skipIf(!HAVE_FIXTURES)('rewriting TensorFlow fixtures with CheckpointWriter', () => {
  for (const dir of fixtureDirs()) {
    const manifest = loadManifest(dir);
    for (const ckpt of manifest.checkpoints) {
      if (ckpt.format === 'V2') {
        it(`${dir}/${ckpt.prefix}: same tensors in the same order give identical .index and .data files`, async () => {
          const reader = await CheckpointReader.open(fixturePath(dir, ckpt.prefix));
          const numShards = ckpt.header!.num_shards;
          const out = join(work, dir, ckpt.prefix);
          const writer = await CheckpointWriter.create(out, { numShards });
          const shardOf = new Map(ckpt.tensors.map((t) => [t.name, t.shard ?? 0]));
          for (const name of ckpt.data_order!) {
            await writer.add(name, await reader.read(name), { shard: shardOf.get(name) as number });
          }
          const written = await writer.finish();
          await reader.close();
          expect(written.tensors).toBe(ckpt.tensors.length);
          const same = (a: string, b: string): void => {
            expect(Buffer.compare(readFileSync(a), readFileSync(b)), `${a} vs ${b}`).toBe(0);
          };
          same(indexFilename(out), fixturePath(dir, `${ckpt.prefix}.index`));
          for (let s = 0; s < numShards; s++) {
            same(dataFilename(out, s, numShards), fixturePath(dir, dataFilename(ckpt.prefix, s, numShards)));
          }
        });
      } else {
        it(`${dir}/${ckpt.prefix}: the V1 table rebuilds byte for byte from its entries`, () => {
          const bytes = readFileSync(fixturePath(dir, ckpt.prefix));
          const builder = new TableBuilder();
          for (const e of readTable(bytes, ckpt.prefix).entries) builder.add(e.key, e.value);
          expect(Buffer.compare(Buffer.from(builder.finish()), bytes)).toBe(0);
        });
      }
    }
  }
});
