import {
  GraphKeys, Graph, NDArray, Session, add, biasAdd, constant, constantInitializer, conv2d, getCollection, getVariable,
  globalVariables, globalVariablesInitializer, matMul, placeholder, reduceMean, reduceSum, relu, reshape, square, sub,
  train, truncatedNormalInitializer, variableScope, zerosInitializer,
} from '@varscope/core';
import type { Operation, Tensor, Variable } from '@varscope/core';
import { compareTensors } from '../compare.js';
import { rng } from '../cases/values.js';
import type { ScenarioContext, SeedScenario } from './seed-scenario.js';

/** Deterministic float32 values in [lo, hi). */
function floats(shape: readonly number[], seed: number, lo = -1, hi = 1): NDArray {
  const r = rng(seed);
  const n = shape.reduce((a, b) => a * b, 1);
  return new NDArray('float32', shape, Float32Array.from({ length: n }, () => lo + (hi - lo) * r()));
}

/** One `session.run`'s fetches: tensors, variables (their values) and ops (nothing to compare). */
type Step = readonly (Tensor | Variable | Operation)[];

/**
 * Runs `init`, then each step, on the backend under test and on the reference backend, each in
 * its own session over the same graph, and checks that every fetched tensor agrees within the
 * backend's declared tolerance for sums of many terms. Returns the backend's results.
 */
async function agreeWithReference(
  ctx: ScenarioContext, g: Graph, init: Operation, steps: readonly Step[], feeds?: ReadonlyMap<Tensor, NDArray>,
): Promise<(NDArray | null)[][]> {
  // The reference session first: a GPU session moves unplaced ops to the GPU, which soft placement undoes here.
  // The reference compared with itself proves nothing and doubles the suite's slowest runs: it runs once.
  const oracle = ctx.backend.name === ctx.reference.name ? undefined
    : new Session({ graph: g, devices: { CPU: ctx.reference }, config: { allowSoftPlacement: true } });
  const s = ctx.newSession(g);
  try {
    await s.run(init);
    await oracle?.run(init);
    const results: (NDArray | null)[][] = [];
    for (const [i, fetches] of steps.entries()) {
      const got = await s.run([...fetches], feeds) as (NDArray | null)[];
      const want = oracle === undefined ? got : await oracle.run([...fetches], feeds) as (NDArray | null)[];
      got.forEach((a, j) => {
        const b = want[j];
        if (a === null || b === null || b === undefined) return;
        const what = `step ${i}: ${fetches[j]?.name}`;
        ctx.expect(a.shape, what).toEqual(b.shape);
        ctx.expect(compareTensors(a.dtype, a.data, b.data, 'accumulation', ctx.backend.capabilities.tolerance), what).toBeNull();
      });
      results.push(got);
    }
    return results;
  } finally {
    await s.close();
    await oracle?.close();
  }
}

const scalarOf = (a: NDArray | null | undefined): number => Number(a?.toArray());

/** The seed's MNIST layer: W [784,256] truncated normal (stddev √(2/784)), b zeros, relu(xW + b), then a 10-way head. */
function mnistMlp(): { g: Graph; x: Tensor; labels: Tensor; hidden: Tensor; loss: Tensor; w: Variable } {
  const g = new Graph();
  return { g, ...g.asDefault(() => {
    const x = placeholder('float32', [null, 784], { name: 'x' });
    const labels = placeholder('float32', [null, 10], { name: 'labels' });
    const w = getVariable('W', [784, 256], { initializer: truncatedNormalInitializer({ stddev: Math.sqrt(2 / 784), seed: 11 }) });
    const b = getVariable('b', [256], { initializer: zerosInitializer() });
    const hidden = relu(add(matMul(x, w), b));
    const w2 = getVariable('W2', [256, 10], { initializer: truncatedNormalInitializer({ stddev: Math.sqrt(2 / 256), seed: 12 }) });
    const logits = matMul(hidden, w2);
    const loss = reduceMean(square(sub(logits, labels)));
    return { x, labels, hidden, loss, w };
  }) };
}

/** SEED-SCENARIOS §7: the seed’s layers forward, training steps, frozen variables and slot names. */
export const trainingScenarios: readonly SeedScenario[] = Object.freeze([
  {
    id: '7.3/mnist-layer', title: 'the seed’s MNIST layer relu(matMul(x, W) + b) on a batch of 128 matches the reference',
    async run(ctx) {
      const { g, x, labels, hidden } = mnistMlp();
      const init = g.asDefault(() => globalVariablesInitializer());
      const feeds = new Map([[x, floats([128, 784], 1, 0, 1)], [labels, floats([128, 10], 2, 0, 1)]]);
      const h = (await agreeWithReference(ctx, g, init, [[hidden]], feeds))[0]?.[0];
      ctx.expect(h?.shape).toEqual([128, 256]);
      ctx.expect(Array.from(h?.data as Float32Array).every((v) => v >= 0)).toBe(true);
    },
  },
  {
    id: '7.3/conv-layer', title: 'the seed’s conv layer: conv2d SAME with strides, biasAdd, reshape, matches the reference',
    async run(ctx) {
      const g = new Graph();
      const { x, flat } = g.asDefault(() => {
        const x = placeholder('float32', [null, 28, 28, 1], { name: 'x' });
        const filter = getVariable('conv1/weights', [5, 5, 1, 8], { initializer: constantInitializer(floats([5, 5, 1, 8], 3)) });
        const bias = getVariable('conv1/biases', [8], { initializer: constantInitializer(0.1) });
        const conv = relu(biasAdd(conv2d(x, filter, [1, 2, 2, 1], 'SAME'), bias));
        return { x, flat: reshape(conv, [-1, 14 * 14 * 8]) };
      });
      const init = g.asDefault(() => globalVariablesInitializer());
      const out = (await agreeWithReference(ctx, g, init, [[flat]], new Map([[x, floats([4, 28, 28, 1], 4, 0, 1)]])))[0]?.[0];
      ctx.expect(out?.shape).toEqual([4, 14 * 14 * 8]);
    },
  },
  {
    id: '7.3/train-step', title: 'a gradient-descent step of the MNIST MLP (784→256→10, batch 128) matches the reference',
    async run(ctx) {
      const { g, x, labels, loss, w } = mnistMlp();
      const { init, step } = g.asDefault(() => ({ step: new train.GradientDescentOptimizer(0.01).minimize(loss), init: globalVariablesInitializer() }));
      const feeds = new Map([[x, floats([128, 784], 5, 0, 1)], [labels, floats([128, 10], 6, 0, 1)]]);
      const results = await agreeWithReference(ctx, g, init, [[loss, w], [step], [loss, w]], feeds);
      ctx.expect(scalarOf(results[2]?.[0])).toBeLessThan(scalarOf(results[0]?.[0]));
    },
  },
  {
    id: '7.1', title: 'minimize leaves a trainable: false variable unchanged',
    async run(ctx) {
      const g = new Graph();
      const { w, frozen, step, init } = g.asDefault(() => {
        const x = constant(floats([4, 3], 7));
        const y = constant(floats([4, 2], 8));
        const w = getVariable('W', [3, 2], { initializer: constantInitializer(floats([3, 2], 9)) });
        const frozen = getVariable('conv_restored', [2], { initializer: constantInitializer([0.5, -0.5]), trainable: false });
        const loss = reduceMean(square(sub(add(matMul(x, w), frozen), y)));
        return { w, frozen, step: new train.GradientDescentOptimizer(0.5).minimize(loss), init: globalVariablesInitializer() };
      });
      const s = ctx.newSession(g);
      try {
        await s.run(init);
        const [w0, f0] = await s.run([w, frozen]);
        await s.run(step);
        const [w1, f1] = await s.run([w, frozen]);
        ctx.expect(f1?.toArray()).toEqual(f0?.toArray());
        ctx.expect(w1?.toArray()).not.toEqual(w0?.toArray());
      } finally {
        await s.close();
      }
    },
  },
  {
    id: '7.2', title: 'two networks, two optimizers over their own scope’s variables: each step changes only its own',
    async run(ctx) {
      const g = new Graph();
      const { d, gen, stepD, stepG, init } = g.asDefault(() => {
        const d = variableScope('discriminator', () => getVariable('w', [3], { initializer: constantInitializer([1, 2, 3]) }));
        const gen = variableScope('generator', () => getVariable('w', [3], { initializer: constantInitializer([-1, 0.5, 2]) }));
        const joint = reduceSum(square(add(d, gen)));
        return {
          d, gen, init: globalVariablesInitializer(),
          stepD: new train.GradientDescentOptimizer(0.1).minimize(joint, { varList: getCollection<Variable>(GraphKeys.TRAINABLE_VARIABLES, 'discriminator') }),
          stepG: new train.GradientDescentOptimizer(0.1).minimize(joint, { varList: getCollection<Variable>(GraphKeys.TRAINABLE_VARIABLES, 'generator') }),
        };
      });
      const s = ctx.newSession(g);
      try {
        await s.run(init);
        const [d0, g0] = await s.run([d, gen]);
        await s.run(stepD);
        const [d1, g1] = await s.run([d, gen]);
        ctx.expect(g1?.toArray()).toEqual(g0?.toArray());
        ctx.expect(d1?.toArray()).not.toEqual(d0?.toArray());
        await s.run(stepG);
        const [d2, g2] = await s.run([d, gen]);
        ctx.expect(d2?.toArray()).toEqual(d1?.toArray());
        ctx.expect(g2?.toArray()).not.toEqual(g1?.toArray());
      } finally {
        await s.close();
      }
    },
  },
  {
    id: '7.4', title: 'Adam and Momentum slots have TensorFlow’s names, and their steps match the reference',
    async run(ctx) {
      const g = new Graph();
      const { w, v, adamStep, momentumStep, init, adam, momentum } = g.asDefault(() => {
        const x = constant(floats([8, 4], 10));
        const w = getVariable('W', [4, 3], { initializer: constantInitializer(floats([4, 3], 11)) });
        const v = getVariable('V', [4, 3], { initializer: constantInitializer(floats([4, 3], 12)) });
        const adam = new train.AdamOptimizer({ learningRate: 0.01 });
        const momentum = new train.MomentumOptimizer(0.01, 0.9);
        return {
          w, v, adam, momentum,
          adamStep: adam.minimize(reduceSum(square(matMul(x, w))), { varList: [w] }),
          momentumStep: momentum.minimize(reduceSum(square(matMul(x, v))), { varList: [v] }),
          init: globalVariablesInitializer(),
        };
      });
      ctx.expect(adam.getSlot(w, 'm')?.op.name).toBe('W/Adam');
      ctx.expect(adam.getSlot(w, 'v')?.op.name).toBe('W/Adam_1');
      ctx.expect(momentum.getSlot(v, 'momentum')?.op.name).toBe('V/Momentum');
      const names = g.asDefault(() => globalVariables().map((x) => x.op.name));
      ctx.expect(names).toEqual(ctx.expect.arrayContaining(['beta1_power', 'beta2_power', 'W/Adam', 'W/Adam_1', 'V/Momentum']));
      const steps = [adamStep, momentumStep];
      await agreeWithReference(ctx, g, init, [[w, v], steps, [w, v], steps, [w, v]]);
    },
  },
]);
