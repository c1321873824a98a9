// Transfer learning: restore the hidden layer the MNIST example trained (`hidden/W`,
// `hidden/b`), freeze it (`trainable: false`), and train a new 2-class head on a new task —
// is the digit even or odd? — with its own optimizer. The frozen layer never changes.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  Graph, NDArray, Session, argMax, cast, equal, getVariable, globalVariables, matMul, nn, placeholder,
  reduceMean, relu, train, truncatedNormalInitializer, variableScope, variablesInitializer, zerosInitializer, add,
} from '@varscope/core';
import type { Tensor, Variable } from '@varscope/core';
import { chooseBackend } from '@varscope/example-mnist/backend';
import { CLASSES, PIXELS, batchForStep, loadDataset } from '@varscope/example-mnist/dataset';
import type { Split } from '@varscope/example-mnist/dataset';
import { dense } from '@varscope/example-mnist/model';

const { values: args } = parseArgs({
  options: {
    from: { type: 'string', default: '../mnist/checkpoints' },
    steps: { type: 'string', default: '200' },
    backend: { type: 'string', default: 'wasm' },
  },
});
const steps = Number(args.steps);
if (!Number.isInteger(steps) || steps <= 0) throw new Error(`--steps must be a positive integer, got '${args.steps}'`);
const checkpoint = await train.latestCheckpoint(resolve(args.from ?? '../mnist/checkpoints'));
if (checkpoint === null) {
  console.error(`No checkpoint in ${resolve(args.from ?? '')}: run the MNIST example first (pnpm --filter @varscope/example-mnist start).`);
  process.exit(1);
}

/** Even/odd targets (one-hot over 2 classes) from the digits' 10-class labels. */
function parity(labels: Float32Array, count: number): Float32Array {
  const out = new Float32Array(count * 2);
  for (let i = 0; i < count; i++) {
    const digit = labels.subarray(i * CLASSES, (i + 1) * CLASSES).indexOf(1);
    out[i * 2 + (digit % 2)] = 1;
  }
  return out;
}

const data = loadDataset();
const graph = new Graph();
const m = graph.asDefault(() => {
  const images = placeholder('float32', [null, PIXELS], { name: 'images' });
  const targets = placeholder('float32', [null, 2], { name: 'targets' });
  // The same scope and names as the trained network, so the checkpoint's keys match; frozen.
  const hidden = relu(dense('hidden', images, 256, { trainable: false }));
  const frozen = globalVariables();
  const logits = variableScope('parity_head', () => {
    const W = getVariable<Variable>('W', [256, 2], { initializer: truncatedNormalInitializer({ stddev: Math.sqrt(2 / 256) }) });
    const b = getVariable<Variable>('b', [2], { initializer: zerosInitializer() });
    return add(matMul(hidden, W), b);
  });
  const loss = reduceMean(nn.softmaxCrossEntropyWithLogits({ labels: targets, logits }));
  const accuracy = reduceMean(cast(equal(argMax(logits, { axis: 1 }), argMax(targets, { axis: 1 })), 'float32'));
  const trainOp = new train.AdamOptimizer({ learningRate: 0.003 }).minimize(loss);
  const fresh = globalVariables().filter((v) => !frozen.includes(v));
  return {
    images, targets, loss, accuracy, trainOp, frozen,
    restore: new train.Saver({ varList: frozen }),
    initFresh: variablesInitializer(fresh),
  };
});

const backend = await chooseBackend(args.backend ?? 'wasm');
const session = new Session({ graph, devices: { CPU: backend } });
await m.restore.restore(session, checkpoint);
await session.run(m.initFresh);
console.log(`restored ${m.frozen.map((v) => v.op.name).join(', ')} from ${checkpoint} (frozen); training a new even/odd head`);

const feeds = (images: Float32Array, labels: Float32Array, count: number) => new Map<Tensor, NDArray>([
  [m.images, NDArray.from(images, [count, PIXELS])],
  [m.targets, NDArray.from(parity(labels, count), [count, 2])],
]);
const before = await session.run(m.frozen) as NDArray[];
for (let step = 0; step < steps; step++) {
  const batch = batchForStep(data.train, step, 128);
  await session.run(m.trainOp, feeds(batch.images, batch.labels, 128));
}
const after = await session.run(m.frozen) as NDArray[];
const unchanged = before.every((a, i) => {
  const now = after[i]?.data as Float32Array | undefined;
  return now !== undefined && (a.data as Float32Array).every((x, k) => x === now[k]);
});
const test: Split = data.test;
const [accuracy] = await session.run([m.accuracy], feeds(test.images, test.labels, test.count)) as [NDArray];
console.log(`even/odd accuracy on ${test.count} held-out digits after ${steps} steps: ${(Number(accuracy.data[0]) * 100).toFixed(2)}%`);
console.log(`frozen layer unchanged: ${unchanged}`);
await session.close();
if (!unchanged) process.exit(1);
