import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  CheckpointReader, DTYPES, MetaGraphDef, buildBundleIndex, decodeBundleEntry, encodeBundleEntry, readMetaGraph,
  readSavedModel, type TensorData,
} from '../src/index.js';
import { FIXTURE_ROOT, HAVE_FIXTURES, fixtureDirs, fixturePath, hex, loadManifest, type ManifestTensor } from './helpers/fixtures.js';

const sha256 = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

function expectFirstValues(t: ManifestTensor, value: TensorData): void {
  const expected = t.first_values ?? [];
  if (value.dtype === 'string') {
    expected.forEach((e, i) => {
      const m = /^hex:([0-9a-f]*)(?:\.\.\.\((\d+) bytes\))?$/.exec(String(e));
      const el = value.data[i] as Uint8Array;
      if (m === null) {
        expect(Buffer.from(el).toString('utf8')).toBe(e);
        return;
      }
      expect(hex(el).startsWith(m[1] as string)).toBe(true);
      if (m[2] !== undefined) expect(el.length).toBe(Number(m[2]));
    });
    return;
  }
  const actual = Array.from(value.data as ArrayLike<number | bigint>).slice(0, expected.length);
  expect(actual.map((v) => (typeof v === 'bigint' ? Number(v) : v))).toEqual(expected);
}

describe.skipIf(!HAVE_FIXTURES)(`TensorFlow fixtures (${FIXTURE_ROOT})`, () => {
  for (const dir of fixtureDirs()) {
    const manifest = loadManifest(dir);
    describe(dir, () => {
      for (const ckpt of manifest.checkpoints) {
        it(`${ckpt.prefix}: lists and reads every tensor exactly as the manifest records`, async () => {
          const reader = await CheckpointReader.open(fixturePath(dir, ckpt.prefix));
          try {
            expect(reader.format).toBe(ckpt.format);
            expect(reader.keys()).toEqual(ckpt.tensors.map((t) => t.name));
            for (const t of ckpt.tensors) {
              expect(DTYPES[reader.dtype(t.name)].enumName).toBe(t.dtype);
              expect(reader.shape(t.name)).toEqual(t.shape);
              const value = await reader.read(t.name);
              expect(value.shape).toEqual(t.shape);
              expectFirstValues(t, value);
              if (ckpt.format === 'V2') {
                const raw = await reader.bundle!.readRaw(t.name);
                expect(sha256(raw)).toBe(t.sha256);
              }
            }
            if (ckpt.format === 'V1') {
              for (const s of ckpt.slices ?? []) {
                const value = await reader.read(s.name);
                expect(Array.from(value.data as Float32Array).slice(0, s.first_values.length)).toEqual(s.first_values);
                expect(value.data.length).toBe(s.value_count);
              }
            }
            const og = ckpt.tensors.find((t) => t.object_graph !== undefined)?.object_graph;
            const graph = await reader.objectGraph();
            if (og === undefined) expect(graph).toBeNull();
            else {
              expect(graph?.nodes?.length).toBe(og.node_count);
              const keys = (graph?.nodes ?? []).flatMap((n) => (n.attributes ?? []).map((a) => a.checkpointKey));
              expect(keys).toEqual(og.checkpoint_keys);
              for (const k of keys) expect(reader.has(k as string)).toBe(true);
            }
          } finally {
            await reader.close();
          }
        });

        if (ckpt.format === 'V2') {
          it(`${ckpt.prefix}: entries re-encode and the .index rebuilds byte for byte`, async () => {
            const indexBytes = readFileSync(fixturePath(dir, `${ckpt.prefix}.index`));
            const entries: [string, ReturnType<typeof decodeBundleEntry>][] = [];
            for (const t of ckpt.tensors) {
              const entry = decodeBundleEntry(Buffer.from(t.entry_proto_hex as string, 'hex'));
              expect(hex(encodeBundleEntry(entry))).toBe(t.entry_proto_hex);
              expect(entry).toMatchObject({ shardId: t.shard, offset: t.offset, size: t.size, crc32c: t.crc32c });
              entries.push([t.name, entry]);
            }
            const rebuilt = buildBundleIndex(ckpt.header!.num_shards, entries.reverse());
            expect(rebuilt.length).toBe(indexBytes.length);
            expect(Buffer.compare(Buffer.from(rebuilt), indexBytes)).toBe(0);
          });
        }

        if (ckpt.meta_graph !== undefined) {
          it(`${ckpt.prefix}.meta decodes to the manifest's node list and re-encodes byte for byte`, async () => {
            const path = fixturePath(dir, `${ckpt.prefix}.meta`);
            const mg = await readMetaGraph(path);
            const nodes = (mg.graphDef?.node ?? []).map((n) => `${n.name} (${n.op})`);
            expect(nodes).toEqual(ckpt.meta_graph!.graph_def.nodes);
            expect(nodes.length).toBe(ckpt.meta_graph!.graph_def.node_count);
            // Our encoder reproduces TensorFlow's serialization exactly.
            expect(Buffer.compare(Buffer.from(MetaGraphDef.encode(mg)), readFileSync(path))).toBe(0);
          });
        }
      }
      if (manifest.saved_model !== undefined) {
        it('saved_model.pb decodes to the manifest node list', async () => {
          const sm = await readSavedModel(fixturePath(dir, 'saved_model.pb'));
          expect(sm.savedModelSchemaVersion).toBe(1n);
          const nodes = (sm.metaGraphs?.[0]?.graphDef?.node ?? []).map((n) => `${n.name} (${n.op})`);
          expect(nodes).toEqual(manifest.saved_model!.meta_graphs[0]!.graph_def.nodes);
          expect(sm.metaGraphs?.[0]?.metaInfoDef?.tags).toEqual(['serve']);
        });
      }
    });
  }
});

describe.skipIf(!HAVE_FIXTURES)('V1 sharded naming', () => {
  it('finds PREFIX-SSSSS-of-NNNNN shards when PREFIX itself is absent', async () => {
    const { copyFileSync, mkdtempSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dir = mkdtempSync(join(tmpdir(), 'ckpt-v1-'));
    try {
      copyFileSync(fixturePath('tf1-v1-neo', 'model.ckpt'), join(dir, 'model.ckpt-00000-of-00001'));
      const reader = await CheckpointReader.open(join(dir, 'model.ckpt'));
      expect(reader.format).toBe('V1');
      expect(reader.keys()).toEqual(['biases', 'weights']);
      expect(Array.from((await reader.read('biases')).data as Float32Array)).toEqual([830.9349975585938, -830.9349975585938]);
      await reader.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
