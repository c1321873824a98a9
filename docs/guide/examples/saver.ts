// Saving and restoring: train.Saver, subsets and renames, rotation, latestCheckpoint, errors.
// Each part builds its graph synchronously inside graph.asDefault() and runs it outside.
import { mkdir, mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  Graph, Session, add, variableScope, getVariable, globalVariablesInitializer, sub, train, variablesInitializer, zerosInitializer,
} from '@varscope/core';

const dir = await mkdtemp(join(tmpdir(), 'varscope-guide-'));
const message = (e: unknown) => `${(e as Error).name}: ${(e as Error).message.split('Original error:\n\n').pop()}`;

// Save: two variables, changed once, then saved.
let g = new Graph();
const m = g.asDefault(() => {
  const v1 = getVariable('v1', [3], { initializer: zerosInitializer() });
  const v2 = getVariable('v2', [5], { initializer: zerosInitializer() });
  return {
    init: globalVariablesInitializer(), incV1: v1.assign(add(v1, 1)), decV2: v2.assign(sub(v2, 1)),
    saver: new train.Saver(),
  };
});
let session = new Session({ graph: g });
await session.run(m.init);
await session.run([m.incV1, m.decV2]);
const prefix = (await m.saver.save(session, join(dir, 'model.ckpt'))) as string;
await session.close();
console.log(prefix === join(dir, 'model.ckpt'), (await readdir(dir)).sort());
// true [ 'checkpoint', 'model.ckpt.data-00000-of-00001', 'model.ckpt.index', 'model.ckpt.meta' ]

// Restore into a fresh graph built by the same code: no initializer run is needed.
g = new Graph();
const r = g.asDefault(() => ({ v1: getVariable('v1', [3]), v2: getVariable('v2', [5]), saver: new train.Saver() }));
session = new Session({ graph: g });
await r.saver.restore(session, prefix);
const { v1, v2 } = await session.run({ v1: r.v1, v2: r.v2 });
console.log(v1.toArray(), v2.toArray());   // [ 1, 1, 1 ] [ -1, -1, -1, -1, -1 ]
await session.close();

// A subset under other names: an object maps checkpoint keys to variables.
g = new Graph();
const sub1 = g.asDefault(() => {
  const v1 = getVariable('v1', [3], { initializer: zerosInitializer() });
  const other = getVariable('other', [5]);
  return { other, initV1: variablesInitializer([v1]), saver: new train.Saver({ varList: { v2: other } }) };
});
session = new Session({ graph: g });
await session.run(sub1.initV1);                        // this saver does not touch v1
await sub1.saver.restore(session, prefix);
console.log((await session.run(sub1.other)).toArray());   // [ -1, -1, -1, -1, -1 ]
await session.close();

// Restore errors say what is wrong, with TensorFlow's wording and near misses.
// A failed restore changes no variable.
for (const build of [() => variableScope('model', () => getVariable('v1', [3])), () => getVariable('v1', [4])]) {
  g = new Graph();
  const saver = g.asDefault(() => { build(); return new train.Saver(); });
  session = new Session({ graph: g });
  await saver.restore(session, prefix).catch((e: unknown) => console.log(message(e)));
  await session.close();
}

// A training loop: resume from the latest checkpoint, save every 1000 steps, keep the newest 5.
const runDir = join(dir, 'run');
await mkdir(runDir);   // as in TensorFlow, save() does not create the directory
g = new Graph();
const t = g.asDefault(() => {
  const step = getVariable('step', [], { dtype: 'int32', initializer: zerosInitializer(), trainable: false });
  return { tick: step.assignAdd(1), init: globalVariablesInitializer(), saver: new train.Saver({ maxToKeep: 5 }) };
});
session = new Session({ graph: g });
const latest = await train.latestCheckpoint(runDir);
if (latest !== null) await t.saver.restore(session, latest);
else await session.run(t.init);
for (let i = 0; i < 10_000; i++) {
  if (i % 1000 === 0) await t.saver.save(session, join(runDir, 'model'), { globalStep: i });
  await session.run(t.tick);
}
const state = await train.getCheckpointState(runDir);
console.log(state?.modelCheckpointPath.slice(runDir.length + 1), state?.allModelCheckpointPaths.length);   // model-9000 5
console.log((await readdir(runDir)).filter((f) => f.endsWith('.index')).sort());   // model-5000.index … model-9000.index
await session.close();

// Rebuild a graph from its .meta, without the code that built it; its saver restores the values.
g = new Graph();
const imported = await train.importMetaGraph(`${prefix}.meta`, { graph: g });
session = new Session({ graph: g });
await imported?.restore(session, prefix);
console.log((await session.run(g.getTensorByName('v2:0'))).toArray());   // [ -1, -1, -1, -1, -1 ]
await session.close();
