import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CheckpointReader } from '@varscope/checkpoint';
import { createReferenceBackend } from '@varscope/backend-reference';
import { afterAll, describe, expect, it } from 'vitest';
import { Graph, setRandomSeed } from '../../src/graph/index.js';
import type { Tensor } from '../../src/graph/index.js';
import { add, matMul, nn, placeholder, randomNormal, reduceMean, relu, sigmoid } from '../../src/ops/index.js';
import { Session } from '../../src/session/index.js';
import { Saver } from '../../src/train/index.js';
import { AdamOptimizer, MomentumOptimizer, getOrCreateGlobalStep } from '../../src/train/optimizers.js';
import type { Optimizer } from '../../src/train/optimizers.js';
import { Variable, getVariable, globalVariables, globalVariablesInitializer, truncatedNormalInitializer, zerosInitializer } from '../../src/variables/index.js';
import type { NDArray } from '../../src/dtypes/index.js';

const dirs: string[] = [];
afterAll(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });

/** A small MLP trained on fixed pseudo-random batches; the batch depends only on the global step. */
function buildMlp(makeOptimizer: () => Optimizer) {
  const g = new Graph();
  return g.asDefault(() => {
    setRandomSeed(42);
    const x = placeholder('float32', [null, 6], { name: 'x' });
    const y = placeholder('float32', [null, 3], { name: 'y' });
    const W = getVariable<Variable>('W', [6, 8], { initializer: truncatedNormalInitializer({ stddev: Math.sqrt(2 / 6) }) });
    const b = getVariable<Variable>('b', [8], { initializer: zerosInitializer() });
    const W2 = getVariable<Variable>('W2', [8, 3], { initializer: truncatedNormalInitializer({ stddev: 0.5 }) });
    const logits = matMul(relu(add(matMul(x, W), b)), W2);
    const loss = reduceMean(nn.softmaxCrossEntropyWithLogits({ labels: y, logits }));
    const step = getOrCreateGlobalStep();
    const trainOp = makeOptimizer().minimize(loss, { globalStep: step });
    return { g, x, y, trainOp, step, init: globalVariablesInitializer(), saver: new Saver() };
  });
}

function batch(step: number): { x: number[][]; y: number[][] } {
  const x = Array.from({ length: 4 }, (_r, i) => Array.from({ length: 6 }, (_c, j) => Math.sin(step * 7 + i * 3 + j)));
  const y = x.map((row) => { const k = row[0]! > 0.3 ? 0 : row[1]! > 0 ? 1 : 2; return [0, 1, 2].map((c) => (c === k ? 1 : 0)); });
  return { x, y };
}

async function runSteps(m: ReturnType<typeof buildMlp>, session: Session, from: number, count: number): Promise<void> {
  for (let s = from; s < from + count; s++) {
    const { x, y } = batch(s);
    await session.run(m.trainOp, new Map<Tensor, unknown>([[m.x, x], [m.y, y]]) as never);
  }
}

async function snapshot(m: ReturnType<typeof buildMlp>, session: Session): Promise<Record<string, unknown>> {
  const vars = m.g.asDefault(() => globalVariables());
  const values = await session.run(vars) as NDArray[];
  return Object.fromEntries(vars.map((v, i) => [v.name, Array.from(values[i]!.data as ArrayLike<number | bigint>)]));
}

describe('resume-exact training (Saver + optimizer slots + global step)', () => {
  for (const [name, make] of [
    ['Adam', () => new AdamOptimizer({ learningRate: 0.01 })],
    ['Momentum', () => new MomentumOptimizer(0.05, 0.9, { useNesterov: true })],
  ] as const) {
    it(`${name}: N steps, save, restore into a fresh graph and session, M steps == N + M steps, bit for bit`, async () => {
      const dir = mkdtempSync(join(tmpdir(), 'varscope-resume-'));
      dirs.push(dir);
      const N = 5, M = 4;
      const straight = buildMlp(make);
      const s1 = new Session({ graph: straight.g, devices: { CPU: createReferenceBackend() } });
      await s1.run(straight.init);
      await runSteps(straight, s1, 0, N + M);
      const expected = await snapshot(straight, s1);
      await s1.close();

      const first = buildMlp(make);
      const s2 = new Session({ graph: first.g, devices: { CPU: createReferenceBackend() } });
      await s2.run(first.init);
      await runSteps(first, s2, 0, N);
      const prefix = await first.saver.save(s2, join(dir, 'model.ckpt'), { globalStep: first.step });
      expect(prefix).toBe(join(dir, `model.ckpt-${N}`));
      await s2.close();

      const resumed = buildMlp(make);
      const s3 = new Session({ graph: resumed.g, devices: { CPU: createReferenceBackend() } });
      await resumed.saver.restore(s3, prefix);
      const step = await s3.run(resumed.step) as NDArray;
      expect(step.toArray()).toBe(BigInt(N));
      await runSteps(resumed, s3, N, M);
      const actual = await snapshot(resumed, s3);
      await s3.close();
      // Slots and non-slot variables are included: every saved variable matches exactly.
      expect(Object.keys(actual).length).toBeGreaterThan(4);
      expect(actual).toEqual(expected);
    });
  }
});

const FIXTURE = fileURLToPath(new URL('../../../../../shared/testdata/tf-checkpoints/tf1-adam-cnn', import.meta.url));

describe.skipIf(!existsSync(FIXTURE))('TensorFlow interchange: tf1-adam-cnn (skipped when ../shared/testdata is absent)', () => {
  it('restores TensorFlow\'s Adam checkpoint, slots included, into a graph built with our API, and trains on', async () => {
    const g = new Graph();
    const m = g.asDefault(() => {
      const x = placeholder('float32', [null, 784], { name: 'x' });
      const y = placeholder('float32', [null, 10], { name: 'y' });
      // The same variables TensorFlow's script made: Variable, Variable_1, Variable_2, Variable_3.
      const w1 = new Variable(randomNormal([784, 164]));
      const w2 = new Variable(randomNormal([164, 10]));
      const b1 = new Variable(randomNormal([164]));
      const b2 = new Variable(randomNormal([10]));
      const logits = add(matMul(sigmoid(add(matMul(x, w1), b1)), w2), b2);
      const loss = reduceMean(nn.softmaxCrossEntropyWithLogits({ labels: y, logits }));
      const opt = new AdamOptimizer({ learningRate: 0.001 });
      const trainOp = opt.minimize(loss);
      return { x, y, w1, b2, opt, trainOp, saver: new Saver() };
    });
    const prefix = join(FIXTURE, 'model.ckpt');
    const reader = await CheckpointReader.open(prefix);
    try {
      const saved = g.asDefault(() => globalVariables()).map((v) => v.op.name).sort();
      expect(saved).toEqual([...reader.keys()].sort());
      const session = new Session({ graph: g, devices: { CPU: createReferenceBackend() } });
      await m.saver.restore(session, prefix);
      const slotV = m.opt.getSlot(m.w1, 'v') as Variable;
      expect(slotV.name).toBe('Variable/Adam_1:0');
      const [w1, v1, beta1] = await session.run([m.w1, slotV, 'beta1_power:0']) as NDArray[];
      const fileW1 = await reader.read('Variable');
      const fileV1 = await reader.read('Variable/Adam_1');
      const fileBeta1 = await reader.read('beta1_power');
      expect(Array.from(w1!.data as Float32Array)).toEqual(Array.from(fileW1.data as Float32Array));
      expect(Array.from(v1!.data as Float32Array)).toEqual(Array.from(fileV1.data as Float32Array));
      // One more step: β₁ᵗ advances by one factor of β₁, and the weights move.
      const x = Array.from({ length: 2 }, (_r, i) => Array.from({ length: 784 }, (_c, j) => ((i * 31 + j) % 17) / 17));
      const y = [[1, 0, 0, 0, 0, 0, 0, 0, 0, 0], [0, 0, 0, 1, 0, 0, 0, 0, 0, 0]];
      await session.run(m.trainOp, new Map<Tensor, unknown>([[m.x, x], [m.y, y]]) as never);
      const [w1After, beta1After] = await session.run([m.w1, 'beta1_power:0']) as NDArray[];
      expect(beta1After!.data[0]).toBeCloseTo(Math.fround(Number(beta1!.data[0]) * Math.fround(0.9)), 7);
      expect(Number(beta1!.data[0])).toBeCloseTo(Number(fileBeta1.data[0]), 7);
      expect(Array.from(w1After!.data as Float32Array)).not.toEqual(Array.from(fileW1.data as Float32Array));
      await session.close();
    } finally {
      await reader.close();
    }
  });
});
