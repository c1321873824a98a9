import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { MetaGraphDef } from '@varscope/checkpoint';
import { Graph } from '../../src/graph/index.js';
import { exportMetaGraph } from '../../src/meta-graph/index.js';
import { constant } from '../../src/ops/index.js';
import { GraphKeys, Variable, globalVariablesInitializer } from '../../src/variables/index.js';
import { Saver, importMetaGraph } from '../../src/train/checkpointing.js';
import { session, tempDir, values } from './helpers.js';

const FIXTURES = fileURLToPath(new URL('../../../../../shared/testdata/tf-checkpoints/', import.meta.url));
const HAVE_FIXTURES = existsSync(FIXTURES);
if (!HAVE_FIXTURES) console.warn(`Skipping TensorFlow meta graph fixtures: ${FIXTURES} is absent`);

interface ManifestTensor { name: string; sha256: string; dtype: string; shape: number[]; first_values: unknown[] }
interface Manifest {
  checkpoints: { prefix: string; format: string; tensors: ManifestTensor[]; meta_graph?: { graph_def: { node_count: number } } }[];
}

const CASES = ['tf1-int64-scalars', 'tf1-adam-int32-step', 'tf1-adam-cnn', 'tf1-momentum-resnet', 'tf1-global-step-history'];

function bytesOf(data: ArrayBufferView): Buffer {
  return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
}

describe.skipIf(!HAVE_FIXTURES)('SEED 6.7/6.9: TensorFlow\'s own .meta files import, and their checkpoints restore exactly', () => {
  for (const dir of CASES) {
    it(dir, async () => {
      const manifest = JSON.parse(readFileSync(join(FIXTURES, dir, 'manifest.json'), 'utf8')) as Manifest;
      const ckpt = manifest.checkpoints.find((c) => c.meta_graph !== undefined && c.format === 'V2');
      if (ckpt === undefined) throw new Error(`${dir} has no V2 checkpoint with a meta graph`);
      const prefix = join(FIXTURES, dir, ckpt.prefix);
      const g = new Graph();
      let opaque = 0;
      const saver = await importMetaGraph(`${prefix}.meta`, { graph: g, onImported: (r) => { opaque = r.opaque.length; } });
      expect(saver).not.toBeNull();
      expect(g.size).toBe(ckpt.meta_graph?.graph_def.node_count);
      const vars = g.getCollection<Variable>(GraphKeys.GLOBAL_VARIABLES);
      expect(vars.length).toBeGreaterThan(0);
      const sess = session(g, { allowSoftPlacement: true });
      await (saver as Saver).restore(sess, prefix);
      const fetched = await sess.run(vars);
      for (const [i, v] of vars.entries()) {
        const t = ckpt.tensors.find((x) => x.name === v.op.name) as ManifestTensor;
        expect(t, v.op.name).toBeDefined();
        const got = fetched[i] as unknown as { shape: number[]; data: ArrayBufferView };
        expect(got.shape, v.op.name).toEqual(t.shape);
        expect(createHash('sha256').update(bytesOf(got.data)).digest('hex'), v.op.name).toBe(t.sha256);
      }
      await sess.close();
      // Ops we do not implement are kept, and export again as they were.
      const meta = await exportMetaGraph(undefined, { graph: g });
      expect(meta.graphDef?.node?.length).toBe(g.size);
      void opaque;
    });
  }

  it('running an opaque op fails naming its type', async () => {
    const g = new Graph();
    let found: { name: string; type: string } | undefined;
    await importMetaGraph(join(FIXTURES, 'tf1-adam-int32-step', 'save_net_3.ckpt.meta'), {
      graph: g, onImported: (r) => { found = r.opaque.find((o) => o.type === 'RefSwitch'); },
    });
    expect(found).toBeDefined();
    const sess = session(g);
    await expect(sess.run(g.getOperationByName((found as { name: string }).name))).rejects.toThrow(/RefSwitch/);
    await sess.close();
  });
});

describe('meta graph round trip (SEED 6.7): a graph rebuilt without the code that built it', () => {
  it('exports our graph, imports it into an empty graph, and the imported saver restores the values', async () => {
    const dir = tempDir();
    const a = new Graph();
    const built = a.asDefault(() => {
      const w = new Variable(constant([[1, 2], [3, 4]], { dtype: 'float32' }), { name: 'layer/w' });
      new Variable(constant(7, { dtype: 'int32' }), { name: 'step', trainable: false });
      a.addToCollection('train_op', w.op);
      a.addToCollection('my_numbers', 3);
      return { init: globalVariablesInitializer(), saver: new Saver() };
    });
    const sa = session(a);
    await sa.run(built.init);
    const prefix = await built.saver.save(sa, join(dir, 'model'), { globalStep: 3 });
    await sa.close();

    const bytes = readFileSync(`${prefix}.meta`);
    const meta = MetaGraphDef.decode(bytes);
    expect(meta.saverDef?.restoreOpName).toBe('save/restore_all');
    expect(meta.metaInfoDef?.tensorflowVersion).not.toBe('');
    expect(Object.keys(meta.collectionDef ?? {}).sort()).toEqual(['my_numbers', 'train_op', 'trainable_variables', 'variables']);

    const b = new Graph();
    const saver = await importMetaGraph(bytes, { graph: b });
    expect(b.getOperations().map((o) => `${o.name}:${o.type}`)).toEqual(a.getOperations().map((o) => `${o.name}:${o.type}`));
    expect(b.getCollection(GraphKeys.TRAINABLE_VARIABLES).map((v) => (v as Variable).name)).toEqual(['layer/w:0']);
    expect(b.getCollection('my_numbers')).toEqual([3]);
    expect((b.getCollection('train_op')[0] as { name: string }).name).toBe('layer/w');
    const sb = session(b);
    await (saver as Saver).restore(sb, prefix as string);
    expect((await sb.run(b.getCollection<Variable>(GraphKeys.GLOBAL_VARIABLES))).map(values)).toEqual([[[1, 2], [3, 4]], 7]);
    await sb.close();

    const c = new Graph();
    const scoped = await importMetaGraph(bytes, { graph: c, importScope: 'new_model', clearDevices: true });
    expect(c.findOperation('new_model/layer/w')?.type).toBe('VariableV2');
    const sc = session(c);
    await (scoped as Saver).restore(sc, prefix as string);
    expect(values(await sc.run('new_model/layer/w:0'))).toEqual([[1, 2], [3, 4]]);
    await sc.close();
  });

  it('missing and garbage files fail clearly', async () => {
    const dir = tempDir();
    await expect(importMetaGraph(join(dir, 'nope.meta'), { graph: new Graph() })).rejects.toThrow('does not exist');
    await expect(importMetaGraph(new Uint8Array([0xff, 0xff, 0xff]), { graph: new Graph() })).rejects.toThrow(/Cannot parse/);
  });
});
