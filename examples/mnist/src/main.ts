// Trains the seeds' MLP on 8,000 handwritten digits and reports accuracy on the other 2,000.
// Resumes from the latest checkpoint in --dir when there is one; saves every --save-every
// steps (the last 5 kept). Run it twice: the second run continues where the first stopped.
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { SingleBar } from 'cli-progress';
import { Graph, NDArray, Session, globalVariablesInitializer, setRandomSeed, train } from '@varscope/core';
import { chooseBackend } from './backend.js';
import { CLASSES, PIXELS, batchForStep, loadDataset } from './dataset.js';
import { buildClassifier } from './model.js';

const { values: args } = parseArgs({
  options: {
    steps: { type: 'string', default: '700' },
    batch: { type: 'string', default: '128' },
    'save-every': { type: 'string', default: '100' },
    dir: { type: 'string', default: 'checkpoints' },
    backend: { type: 'string', default: 'wasm' },
    'learning-rate': { type: 'string', default: '0.001' },
    seed: { type: 'string', default: '1' },
  },
});

function positiveInt(name: string, text: string | undefined): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`--${name} must be a positive integer, got '${text}'`);
  return n;
}

const steps = positiveInt('steps', args.steps);
const batchSize = positiveInt('batch', args.batch);
const saveEvery = positiveInt('save-every', args['save-every']);
const learningRate = Number(args['learning-rate']);
const seed = positiveInt('seed', args.seed);
const dir = resolve(args.dir ?? 'checkpoints');
mkdirSync(dir, { recursive: true });

const data = loadDataset();
const graph = new Graph();
const model = graph.asDefault(() => {
  // A graph-level seed makes the initial weights, and so whole runs, reproducible.
  setRandomSeed(seed);
  return {
    ...buildClassifier({ learningRate }),
    init: globalVariablesInitializer(),
    saver: new train.Saver({ maxToKeep: 5 }),
  };
});

const backend = await chooseBackend(args.backend ?? 'wasm');
const session = new Session({ graph, devices: { CPU: backend } });
console.log(`backend: ${backend.name}; ${data.train.count} training and ${data.test.count} test digits`);

const latest = await train.latestCheckpoint(dir);
if (latest !== null) {
  await model.saver.restore(session, latest);
  console.log(`resumed from ${latest}`);
} else {
  await session.run(model.init);
  console.log('no checkpoint yet: starting from freshly initialized variables');
}

const stepOf = async (): Promise<number> => Number((await session.run(model.globalStep) as NDArray).data[0]);
const first = await stepOf();
const last = first + steps;
const bar = new SingleBar({
  format: 'training |{bar}| step {value}/{total} | loss {loss} | {rate} steps/s, {examples} examples/s',
  hideCursor: true,
  noTTYOutput: true,
  notTTYSchedule: 5000,
});
bar.start(last, first, { loss: '-', rate: '-', examples: '-' });
const started = performance.now();
let lastSaved = '';
for (let step = first; step < last; step++) {
  const batch = batchForStep(data.train, step, batchSize);
  const [loss] = await session.run([model.loss, model.trainOp], new Map([
    [model.images, NDArray.from(batch.images, [batchSize, PIXELS])],
    [model.labels, NDArray.from(batch.labels, [batchSize, CLASSES])],
  ])) as [NDArray, null];
  const done = step + 1;
  const seconds = (performance.now() - started) / 1000;
  const rate = (done - first) / seconds;
  bar.update(done, { loss: Number(loss.data[0]).toFixed(4), rate: rate.toFixed(1), examples: Math.round(rate * batchSize) });
  if (done % saveEvery === 0 || done === last) {
    lastSaved = await model.saver.save(session, `${dir}/model.ckpt`, { globalStep: model.globalStep }) ?? lastSaved;
  }
}
bar.stop();

const seconds = (performance.now() - started) / 1000;
const [accuracy] = await session.run([model.accuracy], new Map([
  [model.images, NDArray.from(data.test.images, [data.test.count, PIXELS])],
  [model.labels, NDArray.from(data.test.labels, [data.test.count, CLASSES])],
])) as [NDArray];
console.log(`trained steps ${first}→${last} in ${seconds.toFixed(1)} s (${(steps / seconds).toFixed(1)} steps/s); saved ${lastSaved}`);
console.log(`test accuracy on ${data.test.count} held-out digits: ${(Number(accuracy.data[0]) * 100).toFixed(2)}%`);
await session.close();
