import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  CheckpointWriter, DataType, Event, MetaGraphDef, TrackableObjectGraph, indexFilename, readTable, writeMetaGraph,
  type NodeDef,
} from '../src/index.js';
import { HAVE_FIXTURES, fixtureDirs, fixturePath, hex, loadManifest } from './helpers/fixtures.js';
import {
  buildLevelDbDump, levelDbEntries, protocAvailable, protocDecode, protocEncode,
} from './helpers/independent-tools.js';

/**
 * Our reader should not be the only judge of our writer: Debian's LevelDB
 * reads our `.index` tables, and protoc (driven by our own .proto files)
 * decodes our `.meta` bytes and produces golden encodings.
 */
const work = mkdtempSync(join(tmpdir(), 'ckpt-independent-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const dump = buildLevelDbDump();
const protoc = protocAvailable();
if ('skip' in dump) console.warn(`Skipping LevelDB cross-checks: ${dump.skip}`);
if ('skip' in protoc) console.warn(`Skipping protoc cross-checks: ${protoc.skip}`);

describe.skipIf('skip' in dump)('Debian libleveldb reads our tables', () => {
  const bin = 'path' in dump ? dump.path : '';

  it('reads an index with thousands of tensors (several data blocks) exactly as we wrote it', async () => {
    const prefix = join(work, 'many', 'model.ckpt');
    const writer = await CheckpointWriter.create(prefix, { numShards: 3 });
    for (let i = 0; i < 7000; i++) {
      const name = `tower_${i % 7}/layer_${String(i).padStart(5, '0')}/${i % 2 === 0 ? 'kernel' : 'bias/Adam_1'}`;
      await writer.add(name, { dtype: 'float32', shape: [i % 5, 2], data: new Float32Array((i % 5) * 2).fill(i) });
    }
    await writer.add('\u00e9t\u00e9/\u4e2d', { dtype: 'string', shape: [2], data: ['a', 'b'] });
    await writer.finish();
    const bytes = readFileSync(indexFilename(prefix));
    const ours = readTable(bytes, 'model.ckpt.index');
    expect(ours.layout.dataBlocks.length).toBeGreaterThan(1);
    const theirs = levelDbEntries(bin, indexFilename(prefix));
    expect(theirs.length).toBe(7002);
    expect(theirs).toEqual(ours.entries.map((e) => [hex(e.key), hex(e.value)]));
  });

  it.skipIf(!HAVE_FIXTURES)('agrees with our reader on every fixture table', () => {
    for (const dir of fixtureDirs()) {
      for (const ckpt of loadManifest(dir).checkpoints) {
        const file = fixturePath(dir, ckpt.format === 'V2' ? `${ckpt.prefix}.index` : ckpt.prefix);
        const ours = readTable(readFileSync(file), file).entries.map((e) => [hex(e.key), hex(e.value)]);
        expect(levelDbEntries(bin, file), file).toEqual(ours);
      }
    }
  });
});

describe.skipIf('skip' in protoc)('protoc agrees with our protobuf encoding', () => {
  const node = (name: string, op: string, input: string[], attr: NodeDef['attr'] = {}): NodeDef => ({ name, op, input, attr });

  it('decodes a .meta we wrote, field for field', async () => {
    const graph: MetaGraphDef = {
      metaInfoDef: { tensorflowVersion: '1.15.0', tensorflowGitVersion: 'varscope', strippedOpList: { op: [{ name: 'VariableV2', isStateful: true }] } },
      graphDef: {
        node: [
          node('v/initial_value', 'Const', [], {
            dtype: { type: DataType.DT_INT64 },
            value: { tensor: { dtype: DataType.DT_INT64, tensorShape: { dim: [{ size: 2n }] }, int64Val: [-(2n ** 63n), 7n] } },
          }),
          node('v', 'VariableV2', [], {
            container: { s: new Uint8Array(0) }, dtype: { type: DataType.DT_INT64 },
            shape: { shape: { dim: [{ size: 2n }] } }, shared_name: { s: new Uint8Array(0) },
          }),
          node('v/Assign', 'Assign', ['v', 'v/initial_value'], { T: { type: DataType.DT_INT64 }, use_locking: { b: true } }),
          node('save/restore_all', 'NoOp', ['^save/Assign']),
        ],
        versions: { producer: 26 },
      },
      saverDef: {
        filenameTensorName: 'save/Const:0', saveTensorName: 'save/control_dependency:0', restoreOpName: 'save/restore_all',
        maxToKeep: 5, keepCheckpointEveryNHours: 10000, version: 2,
      },
      // protoc writes map entries in key order; ours keep insertion order, so insert them sorted here.
      collectionDef: { steps: { int64List: { value: [1n, -2n] } }, train_op: { nodeList: { value: ['train'] } } },
    };
    const path = join(work, 'model.meta');
    await writeMetaGraph(path, graph);
    const text = protocDecode('tensorflow.MetaGraphDef', readFileSync(path));
    expect(text).toContain('tensorflow_version: "1.15.0"');
    expect(text).toContain('int64_val: -9223372036854775808');
    expect(text).toContain('input: "^save/Assign"');
    expect(text).toContain('keep_checkpoint_every_n_hours: 10000');
    expect(text).toContain('version: V2');
    expect(text).toMatch(/key: "steps"\s+value \{\s+int64_list \{\s+value: 1\s+value: -2/);
    expect(text.match(/^\s+node \{/gm)?.length).toBe(4);
    // And the golden bytes protoc encodes from that text are exactly ours.
    expect(hex(protocEncode('tensorflow.MetaGraphDef', text))).toBe(hex(readFileSync(path)));
  });

  it('encodes the TF2 object graph and TensorBoard events as protoc does', () => {
    const og: TrackableObjectGraph = {
      nodes: [
        { children: [{ nodeId: 1, localName: 'kernel' }] },
        { attributes: [{ name: 'VARIABLE_VALUE', fullName: 'dense/kernel', checkpointKey: 'kernel/.ATTRIBUTES/VARIABLE_VALUE' }], hasCheckpointValues: { value: true } },
      ],
    };
    const ogText = protocDecode('tensorflow.TrackableObjectGraph', TrackableObjectGraph.encode(og));
    expect(hex(protocEncode('tensorflow.TrackableObjectGraph', ogText))).toBe(hex(TrackableObjectGraph.encode(og)));
    expect(ogText).toContain('checkpoint_key: "kernel/.ATTRIBUTES/VARIABLE_VALUE"');
    const event: Event = { wallTime: 1620981517.4625523, step: 12n, summary: { value: [{ tag: 'loss', simpleValue: 0.25 }] } };
    const evText = protocDecode('tensorflow.Event', Event.encode(event));
    expect(evText).toContain('simple_value: 0.25');
    expect(hex(protocEncode('tensorflow.Event', evText))).toBe(hex(Event.encode(event)));
  });

  it.skipIf(!HAVE_FIXTURES)('decodes every fixture .meta with no unknown fields', () => {
    for (const dir of fixtureDirs()) {
      for (const ckpt of loadManifest(dir).checkpoints) {
        if (ckpt.meta_graph === undefined) continue;
        const bytes = readFileSync(fixturePath(dir, `${ckpt.prefix}.meta`));
        const text = protocDecode('tensorflow.MetaGraphDef', bytes);
        expect(text, dir).not.toMatch(/^\s*\d+[:{ ]/m);
        expect(text.match(/^ {2}node \{/gm)?.length, dir).toBe(ckpt.meta_graph.graph_def.node_count);
        expect(MetaGraphDef.decode(bytes).graphDef?.node?.length).toBe(ckpt.meta_graph.graph_def.node_count);
      }
    }
  });
});
