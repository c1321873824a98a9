// Training throughput: steps per second of the seeds' MNIST MLP (784 → 256 relu → 10, softmax
// cross-entropy, Adam, batch 128) on each varscope backend, against the same network built
// with tfjs (`tf.variable` + `tf.train.adam`) in the same run. Data is random but fixed; each
// step feeds a fresh batch, as real training does.
//
// tfjs-core's Node entry ships no gradient registrations (only the `@tensorflow/tfjs` bundle,
// not a dependency here, registers them; the per-file ESM build is not loadable by Node), so
// `optimizer.minimize` cannot differentiate. The tfjs runner therefore writes the MLP's
// backward pass out with tfjs ops — the same MatMuls, masks and reductions its autodiff would
// run — and hands the gradients to `tf.train.adam().applyGradients`.
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { createReferenceBackend } from '@varscope/backend-reference';
import { createWasmBackend } from '@varscope/backend-wasm';
import {
  Graph, NDArray, Session, add, biasAdd, conv2d, getVariable, globalVariablesInitializer, matMul, maxPool, nn, placeholder,
  reduceMean, relu, reshape, train, truncatedNormalInitializer, variableScope, zerosInitializer,
} from '@varscope/core';
import type { DeviceBackends, Tensor } from '@varscope/core';
import type { BenchResult, BenchSuite } from '../suite.js';

const BATCH = 128;
const IN = 784;
const HIDDEN = 256;
const OUT = 10;

/** A fixed pool of batches (images in [0, 1), one-hot labels), cycled through. */
function makeBatches(count: number): { x: Float32Array; y: Float32Array }[] {
  let seed = 12345;
  const random = () => { seed = (Math.imul(seed, 1103515245) + 12345) >>> 0; return seed / 4294967296; };
  return Array.from({ length: count }, () => {
    const x = Float32Array.from({ length: BATCH * IN }, random);
    const y = new Float32Array(BATCH * OUT);
    for (let i = 0; i < BATCH; i++) y[i * OUT + Math.floor(random() * OUT)] = 1;
    return { x, y };
  });
}

/** Steps per second of `step` over `steps` timed steps after `warmup` untimed ones. */
async function stepsPerSecond(step: (i: number) => Promise<void> | void, steps: number, warmup: number): Promise<{ rate: number; msPerStep: number }> {
  for (let i = 0; i < warmup; i++) await step(i);
  const t0 = performance.now();
  for (let i = 0; i < steps; i++) await step(warmup + i);
  const ms = performance.now() - t0;
  return { rate: steps / (ms / 1000), msPerStep: ms / steps };
}

async function varscopeRunner(cpu: NonNullable<DeviceBackends['CPU']>, batches: ReturnType<typeof makeBatches>, steps: number, warmup: number) {
  const graph = new Graph();
  const m = graph.asDefault(() => {
    const x = placeholder('float32', [null, IN], { name: 'x' });
    const y = placeholder('float32', [null, OUT], { name: 'y' });
    const layer = (scope: string, input: Tensor, units: number) => variableScope(scope, () => {
      const fanIn = input.shape.dim(-1) as number;
      const W = getVariable('W', [fanIn, units], { initializer: truncatedNormalInitializer({ stddev: Math.sqrt(2 / fanIn) }) });
      const b = getVariable('b', [units], { initializer: zerosInitializer() });
      return add(matMul(input, W), b);
    });
    const logits = layer('output', relu(layer('hidden', x, HIDDEN)), OUT);
    const loss = reduceMean(nn.softmaxCrossEntropyWithLogits({ labels: y, logits }));
    const trainOp = new train.AdamOptimizer({ learningRate: 0.001 }).minimize(loss);
    return { x, y, trainOp, init: globalVariablesInitializer() };
  });
  const session = new Session({ graph, devices: { CPU: cpu } });
  try {
    await session.run(m.init);
    const feeds = batches.map((b) => new Map([
      [m.x, NDArray.from(b.x, [BATCH, IN])],
      [m.y, NDArray.from(b.y, [BATCH, OUT])],
    ]));
    return await stepsPerSecond(async (i) => { await session.run(m.trainOp, feeds[i % feeds.length]); }, steps, warmup);
  } finally {
    await session.close();
  }
}

const CNN_BATCH = 32;

/**
 * A small CNN training step (28×28×1 → conv 5×5×16 SAME, relu, 2×2 max pool → conv 5×5×32 SAME,
 * relu, 2×2 max pool → dense 1568→10, softmax cross-entropy, Adam), the seeds' conv layer twice.
 */
async function varscopeCnnRunner(cpu: NonNullable<DeviceBackends['CPU']>, steps: number, warmup: number) {
  const graph = new Graph();
  const m = graph.asDefault(() => {
    const x = placeholder('float32', [null, 28, 28, 1], { name: 'x' });
    const y = placeholder('float32', [null, OUT], { name: 'y' });
    const convLayer = (scope: string, input: Tensor, k: number, out: number) => variableScope(scope, () => {
      const cin = input.shape.dim(-1) as number;
      const W = getVariable('W', [k, k, cin, out], { initializer: truncatedNormalInitializer({ stddev: Math.sqrt(2 / (k * k * cin)) }) });
      const b = getVariable('b', [out], { initializer: zerosInitializer() });
      const h = relu(biasAdd(conv2d(input, W, [1, 1, 1, 1], 'SAME'), b));
      return maxPool(h, [1, 2, 2, 1], [1, 2, 2, 1], 'SAME');
    });
    const h2 = convLayer('conv2', convLayer('conv1', x, 5, 16), 5, 32);
    const flat = reshape(h2, [-1, 7 * 7 * 32]);
    const logits = variableScope('dense', () => add(
      matMul(flat, getVariable('W', [7 * 7 * 32, OUT], { initializer: truncatedNormalInitializer({ stddev: Math.sqrt(2 / 1568) }) })),
      getVariable('b', [OUT], { initializer: zerosInitializer() })));
    const loss = reduceMean(nn.softmaxCrossEntropyWithLogits({ labels: y, logits }));
    const trainOp = new train.AdamOptimizer({ learningRate: 0.001 }).minimize(loss);
    return { x, y, trainOp, init: globalVariablesInitializer() };
  });
  let seed = 777;
  const random = () => { seed = (Math.imul(seed, 1103515245) + 12345) >>> 0; return seed / 4294967296; };
  const xs = NDArray.from(Float32Array.from({ length: CNN_BATCH * 28 * 28 }, random), [CNN_BATCH, 28, 28, 1]);
  const labels = new Float32Array(CNN_BATCH * OUT);
  for (let i = 0; i < CNN_BATCH; i++) labels[i * OUT + Math.floor(random() * OUT)] = 1;
  const feeds = new Map([[m.x, xs], [m.y, NDArray.from(labels, [CNN_BATCH, OUT])]]);
  const session = new Session({ graph, devices: { CPU: cpu } });
  try {
    await session.run(m.init);
    return await stepsPerSecond(async () => { await session.run(m.trainOp, feeds); }, steps, warmup);
  } finally {
    await session.close();
  }
}

async function tfjsRunner(backend: 'wasm' | 'cpu', batches: ReturnType<typeof makeBatches>, steps: number, warmup: number) {
  await tf.setBackend(backend);
  await tf.ready();
  const W1 = tf.variable(tf.truncatedNormal([IN, HIDDEN], 0, Math.sqrt(2 / IN)));
  const b1 = tf.variable(tf.zeros([HIDDEN]));
  const W2 = tf.variable(tf.truncatedNormal([HIDDEN, OUT], 0, Math.sqrt(2 / HIDDEN)));
  const b2 = tf.variable(tf.zeros([OUT]));
  const optimizer = tf.train.adam(0.001);
  try {
    return await stepsPerSecond(async (i) => {
      const batch = batches[i % batches.length] as { x: Float32Array; y: Float32Array };
      const cost = tf.tidy(() => {
        const x = tf.tensor2d(batch.x, [BATCH, IN]);
        const y = tf.tensor2d(batch.y, [BATCH, OUT]);
        const pre = tf.add(tf.matMul(x, W1), b1);
        const h = tf.relu(pre);
        const logits = tf.add(tf.matMul(h, W2), b2);
        const loss = tf.mean(tf.losses.softmaxCrossEntropy(y, logits, undefined, 0, tf.Reduction.NONE));
        // d(mean cross-entropy)/d(logits) = (softmax - labels) / batch, then back through both layers.
        const dLogits = tf.div(tf.sub(tf.softmax(logits), y), BATCH);
        const dW2 = tf.matMul(h, dLogits, true, false);
        const db2 = tf.sum(dLogits, 0);
        const dPre = tf.mul(tf.matMul(dLogits, W2, false, true), tf.step(pre));
        const dW1 = tf.matMul(x, dPre, true, false);
        const db1 = tf.sum(dPre, 0);
        optimizer.applyGradients([
          { name: W1.name, tensor: dW1 }, { name: b1.name, tensor: db1 },
          { name: W2.name, tensor: dW2 }, { name: b2.name, tensor: db2 },
        ]);
        return loss;
      });
      // Read the loss back, as the varscope runner's session.run completes the step on the host.
      await cost.data();
      cost.dispose();
    }, steps, warmup);
  } finally {
    optimizer.dispose();
    for (const v of [W1, b1, W2, b2]) v.dispose();
  }
}

const suite: BenchSuite = {
  name: 'training',
  async run({ quick }) {
    const steps = quick ? 3 : 100;
    const warmup = quick ? 1 : 10;
    const batches = makeBatches(quick ? 2 : 8);
    setWasmPaths(`${dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm'))}/`);
    // One thread, as the other suites measure tfjs-wasm (and as Node users get it by default).
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    const label = `MLP ${IN}-${HIDDEN}-${OUT}, Adam, batch ${BATCH}`;
    const rows: { runner: string; rate: number; msPerStep: number }[] = [];
    const wasm = createWasmBackend();
    await wasm.init();
    rows.push({ runner: 'varscope-wasm', ...await varscopeRunner(wasm, batches, steps, warmup) });
    rows.push({ runner: 'varscope-reference', ...await varscopeRunner(createReferenceBackend(), batches, quick ? 2 : 20, quick ? 1 : 3) });
    rows.push({ runner: 'tfjs-wasm', ...await tfjsRunner('wasm', batches, steps, warmup) });
    rows.push({ runner: 'tfjs-cpu', ...await tfjsRunner('cpu', batches, quick ? 2 : 20, quick ? 1 : 3) });
    const peer = rows.find((r) => r.runner === 'tfjs-wasm') as { rate: number };
    const results = rows.map((r): BenchResult => ({
      group: 'training', case: label, runner: r.runner, medianMs: r.msPerStep, value: r.rate, unit: 'steps/s',
      ...(r.runner.startsWith('varscope') ? { notes: `${(r.rate / peer.rate).toFixed(2)}x tfjs-wasm` } : {}),
    }));
    // The CNN has no tfjs peer here: tfjs-core's Node entry cannot differentiate (see the top).
    const cnnLabel = `CNN conv5x5x16-pool-conv5x5x32-pool-dense, Adam, batch ${CNN_BATCH}`;
    const cnnWasm = await varscopeCnnRunner(wasm, quick ? 2 : 20, quick ? 1 : 3);
    const cnnRef = await varscopeCnnRunner(createReferenceBackend(), quick ? 1 : 3, 1);
    results.push(
      { group: 'training', case: cnnLabel, runner: 'varscope-wasm', medianMs: cnnWasm.msPerStep, value: cnnWasm.rate, unit: 'steps/s' },
      { group: 'training', case: cnnLabel, runner: 'varscope-reference', medianMs: cnnRef.msPerStep, value: cnnRef.rate, unit: 'steps/s' },
    );
    return results;
  },
};

export default suite;
