// TensorBoard: the graph and summaries in an event file, as tf.summary.FileWriter writes them.
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Event } from '@varscope/checkpoint';
import {
  Session, add, constant, getVariable, globalVariablesInitializer, mul, nameScope, reduceMean, summary,
  variableScope, zerosInitializer,
} from '@varscope/core';

// A graph with scopes, and summaries of a value that changes.
const d = variableScope('scope_vars', () => {
  const a = getVariable('a', [3], { initializer: zerosInitializer() });
  return nameScope('res', () => ({ a, res: add(mul(a, 2), constant([1, 2, 3], { dtype: 'float32' }), { name: 'res' }) }));
});
const step = d.a.assignAdd([0.5, 0.5, 0.5]);
summary.scalar('mean_res', reduceMean(d.res));
summary.histogram('a', d.a);
const merged = summary.mergeAll();   // every summary op in GraphKeys.SUMMARIES, or null

const logdir = await mkdtemp(join(tmpdir(), 'varscope-logs-'));
const session = new Session();
const writer = new summary.FileWriter(logdir, session.graph);   // writes the GraphDef first
await session.run(globalVariablesInitializer());
for (let i = 0; i < 3; i++) {
  await session.run(step);
  if (merged !== null) writer.addSummary(await session.run(merged), i);   // the serialized Summary string
}
await writer.close();
await session.close();
console.log(`tensorboard --logdir ${logdir}`);

// What is in the file: TFRecord frames (length, masked CRCs) of Event protos.
const bytes = await readFile(await writer.path);
const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
for (let at = 0; at < bytes.length;) {
  const length = Number(view.getBigUint64(at, true));
  const event = Event.decode(bytes.subarray(at + 12, at + 12 + length));
  at += 12 + length + 4;
  if (event.fileVersion) console.log('file version', event.fileVersion);
  if (event.graphDef) console.log('graph_def event,', event.graphDef.length, 'bytes');
  for (const v of event.summary?.value ?? []) console.log(`step ${event.step ?? 0}: ${v.tag}`, v.simpleValue ?? `histogram of ${v.histo?.num} values`);
}
