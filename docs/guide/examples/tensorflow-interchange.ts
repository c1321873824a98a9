// Checkpoints both ways: TensorFlow's files into varscope, and varscope's files as TensorFlow reads them.
import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CheckpointReader } from '@varscope/checkpoint';
import { Graph, GraphKeys, Session, Variable, train, truncatedNormal, zeros } from '@varscope/core';

// A checkpoint TensorFlow 1.0 wrote (an MLP trained with Adam), from the repository's test fixtures.
const fixtures = fileURLToPath(new URL('../../../../shared/testdata/tf-checkpoints/', import.meta.url));
if (!existsSync(fixtures)) {
  console.log(`skipped: the TensorFlow fixtures are not at ${fixtures}`);
  process.exit(0);
}
const tfPrefix = join(fixtures, 'tf1-adam-cnn', 'model.ckpt');

// 1. TensorFlow's own .meta: the graph comes back without the Python that built it.
let g = new Graph();
let opaque: string[] = [];
const saver = await train.importMetaGraph(`${tfPrefix}.meta`, { graph: g, onImported: (r) => { opaque = r.opaque.map((o) => o.type); } });
const vars = g.getCollection<Variable>(GraphKeys.GLOBAL_VARIABLES);
console.log(g.size, 'ops;', vars.length, 'variables:', vars.slice(0, 4).map((v) => v.name).join(' '), '…');
console.log('kept opaque (imported, exported again, never run):', [...new Set(opaque)].join(' ') || 'none');
let session = new Session({ graph: g });
await saver?.restore(session, tfPrefix);
const b2 = await session.run(g.getTensorByName('Variable_3:0'));
await session.close();

// The same values, read straight from the files.
const reader = await CheckpointReader.open(tfPrefix);
const raw = await reader.read('Variable_3');            // { dtype, shape, data }, checksum verified
console.log(reader.format, reader.dtype('Variable_3'), reader.shape('Variable_3'));   // V2 float32 [ 10 ]
console.log('same values:', b2.toArray().toString() === Array.from(raw.data as Float32Array).toString());
await reader.close();

// 2. The graph rebuilt with our API, as TensorFlow's tutorial code built it (unnamed variables get
// TensorFlow's names, Variable … Variable_3), restoring only the model weights, not Adam's slots.
g = new Graph();
const weights = g.asDefault(() => [
  new Variable(truncatedNormal([784, 164], { stddev: 0.1 })),
  new Variable(truncatedNormal([164, 10], { stddev: 0.1 })),
  new Variable(zeros([164])),
  new Variable(zeros([10])),
]);
const modelSaver = g.asDefault(() => new train.Saver({ varList: weights }));
session = new Session({ graph: g });
await modelSaver.restore(session, tfPrefix);
console.log('restored', weights.map((w) => w.name).join(' '), (await session.run(weights[3] as Variable)).get(0) === b2.get(0));

// 3. The other way: what varscope saves is TensorFlow's V2 bundle (.index, .data-*, .meta, checkpoint).
const dir = await mkdtemp(join(tmpdir(), 'varscope-interchange-'));
const ours = (await modelSaver.save(session, join(dir, 'model.ckpt'))) as string;
await session.close();
const back = await CheckpointReader.open(ours);
console.log(back.format, back.keys(), back.shape('Variable'));
await back.close();
