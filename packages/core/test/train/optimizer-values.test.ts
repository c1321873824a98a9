import { createReferenceBackend } from '@varscope/backend-reference';
import { describe, expect, it } from 'vitest';
import { Graph } from '../../src/graph/index.js';
import { add, constant, matMul, mul, placeholder, reduceSum, relu, square, nn } from '../../src/ops/index.js';
import { Session } from '../../src/session/index.js';
import {
  AdagradOptimizer, AdamOptimizer, GradientDescentOptimizer, MomentumOptimizer, RMSPropOptimizer, getOrCreateGlobalStep,
} from '../../src/train/optimizers.js';
import type { Optimizer } from '../../src/train/optimizers.js';
import {
  GraphKeys, Variable, getCollection, getVariable, globalVariablesInitializer, variableScope, zerosInitializer,
} from '../../src/variables/index.js';
import type { NDArray } from '../../src/dtypes/index.js';

const W0 = [0.5, -1.25, 2];
const C = [0.3, -0.7, 1.1];

/**
 * Trains `w` (float64, W0) on loss = sum(c·w + w²/2), whose gradient is c + w, for `steps`
 * steps, and returns w after each step.
 */
async function train(makeOptimizer: () => Optimizer, steps: number): Promise<number[][]> {
  const g = new Graph();
  const { trainOp, w } = g.asDefault(() => {
    const w = new Variable(constant(W0, { dtype: 'float64' }), { name: 'w' });
    const loss = add(reduceSum(mul(constant(C, { dtype: 'float64' }), w)), mul(0.5, reduceSum(square(w))));
    return { trainOp: makeOptimizer().minimize(loss), w };
  });
  const session = new Session({ graph: g, devices: { CPU: createReferenceBackend() } });
  try {
    await session.run(g.asDefault(() => globalVariablesInitializer()));
    const out: number[][] = [];
    for (let i = 0; i < steps; i++) {
      await session.run(trainOp);
      out.push(Array.from((await session.run(w) as NDArray).data as Float64Array));
    }
    return out;
  } finally {
    await session.close();
  }
}

/** TensorFlow's kernel arithmetic, written out per element. */
function simulate(update: (w: number, g: number, i: number, state: Record<string, number[]>) => number, steps: number,
  state: Record<string, number[]> = {}): number[][] {
  let w = [...W0];
  const out: number[][] = [];
  for (let s = 0; s < steps; s++) {
    w = w.map((wi, i) => update(wi, (C[i] as number) + wi, i, state));
    state.step = [s + 1];
    out.push([...w]);
  }
  return out;
}

function expectClose(actual: number[][], expected: number[][]): void {
  expect(actual.length).toBe(expected.length);
  actual.forEach((row, s) => row.forEach((v, i) => {
    expect(Math.abs(v - (expected[s]?.[i] as number))).toBeLessThan(1e-12);
  }));
}

// Hyperparameters are float32 constants (as in TensorFlow) cast to the variable's float64, so
// the simulations use their float32 values.
describe('update arithmetic matches TensorFlow\'s kernels (float64, 4 steps)', () => {
  it('GradientDescent: w -= lr·g', async () => {
    expectClose(await train(() => new GradientDescentOptimizer(0.1), 4), simulate((w, g) => w - Math.fround(0.1) * g, 4));
  });

  it('Momentum: accum = m·accum + g; w -= lr·accum', async () => {
    const acc = [0, 0, 0];
    expectClose(await train(() => new MomentumOptimizer(0.1, 0.9), 4), simulate((w, g, i) => {
      acc[i] = (acc[i] as number) * Math.fround(0.9) + g;
      return w - Math.fround(0.1) * (acc[i] as number);
    }, 4));
  });

  it('Momentum with Nesterov: w -= lr·g + lr·m·accum', async () => {
    const acc = [0, 0, 0];
    expectClose(await train(() => new MomentumOptimizer(0.1, 0.9, { useNesterov: true }), 4), simulate((w, g, i) => {
      const [lr, m] = [Math.fround(0.1), Math.fround(0.9)];
      acc[i] = (acc[i] as number) * m + g;
      return w - (g * lr + (acc[i] as number) * m * lr);
    }, 4));
  });

  it('Adam: bias-corrected learning rate, epsilon outside the square root', async () => {
    const lr = 0.01, b1 = 0.9, b2 = 0.999, eps = 1e-8;
    const m = [0, 0, 0], v = [0, 0, 0];
    // The powers are float32 variables: β₁ᵗ, β₂ᵗ rounded to float32 each step, as in TensorFlow.
    let b1p = Math.fround(b1), b2p = Math.fround(b2);
    const expected: number[][] = [];
    let w = [...W0];
    for (let s = 0; s < 4; s++) {
      // Hyperparameters are float32 constants cast to the variable's float64.
      const [flr, fb1, fb2, feps] = [lr, b1, b2, eps].map(Math.fround) as [number, number, number, number];
      const lrT = flr * Math.sqrt(1 - b2p) / (1 - b1p);
      w = w.map((wi, i) => {
        const g = (C[i] as number) + wi;
        m[i] = (m[i] as number) + (g - (m[i] as number)) * (1 - fb1);
        v[i] = (v[i] as number) + (g * g - (v[i] as number)) * (1 - fb2);
        return wi - lrT * (m[i] as number) / (Math.sqrt(v[i] as number) + feps);
      });
      b1p = Math.fround(b1p * fb1);
      b2p = Math.fround(b2p * fb2);
      expected.push([...w]);
    }
    const actual = await train(() => new AdamOptimizer({ learningRate: lr, beta1: b1, beta2: b2, epsilon: eps }), 4);
    actual.forEach((row, s) => row.forEach((x, i) => expect(Math.abs(x - (expected[s]?.[i] as number))).toBeLessThan(1e-9)));
  });

  it('RMSProp: ms from ones, mom = m·mom + lr·g/√(ms + ε)', async () => {
    const f = Math.fround;
    const ms = [1, 1, 1], mom = [0, 0, 0];
    expectClose(await train(() => new RMSPropOptimizer(0.01, { decay: 0.9, momentum: 0.5, epsilon: 1e-6 }), 4), simulate((w, g, i) => {
      ms[i] = (ms[i] as number) + (g * g - (ms[i] as number)) * (1 - f(0.9));
      mom[i] = (mom[i] as number) * f(0.5) + f(0.01) * g / Math.sqrt((ms[i] as number) + f(1e-6));
      return w - (mom[i] as number);
    }, 4));
  });

  it('centered RMSProp: divides by √(ms - mg² + ε)', async () => {
    const f = Math.fround;
    const ms = [1, 1, 1], mg = [0, 0, 0], mom = [0, 0, 0];
    expectClose(await train(() => new RMSPropOptimizer(0.01, { centered: true, momentum: 0.5 }), 4), simulate((w, g, i) => {
      mg[i] = (mg[i] as number) + (g - (mg[i] as number)) * (1 - f(0.9));
      ms[i] = (ms[i] as number) + (g * g - (ms[i] as number)) * (1 - f(0.9));
      const denom = (ms[i] as number) - (mg[i] as number) ** 2 + f(1e-10);
      mom[i] = (mom[i] as number) * f(0.5) + f(0.01) * g / Math.sqrt(denom);
      return w - (mom[i] as number);
    }, 4));
  });

  it('Adagrad: accum from 0.1, w -= lr·g/√accum', async () => {
    const f = Math.fround;
    const acc = [0.1, 0.1, 0.1];
    expectClose(await train(() => new AdagradOptimizer(0.1), 4), simulate((w, g, i) => {
      acc[i] = (acc[i] as number) + g * g;
      return w - f(0.1) * g / Math.sqrt(acc[i] as number);
    }, 4));
  });
});

describe('frozen variables and two optimizers (seed scenarios 7.1, 7.2)', () => {
  it('never updates a variable made with trainable: false', async () => {
    const g = new Graph();
    const { frozen, head, trainOp, init, step } = g.asDefault(() => {
      const x = constant([[1, 2], [3, 4]], { dtype: 'float32' });
      const frozen = getVariable<Variable>('conv', { initializer: constant([[0.5, -0.5], [1, 2]], { dtype: 'float32' }), trainable: false });
      const head = getVariable<Variable>('head', { initializer: constant([[1], [1]], { dtype: 'float32' }) });
      const loss = reduceSum(square(matMul(relu(matMul(x, frozen)), head)));
      const step = getOrCreateGlobalStep();
      return { frozen, head, trainOp: new AdamOptimizer({ learningRate: 0.1 }).minimize(loss, { globalStep: step }), init: globalVariablesInitializer(), step };
    });
    const session = new Session({ graph: g, devices: { CPU: createReferenceBackend() } });
    await session.run(init);
    const before = await session.run([frozen, head]) as NDArray[];
    for (let i = 0; i < 3; i++) await session.run(trainOp);
    const after = await session.run([frozen, head, step]) as NDArray[];
    expect(after[0]?.toArray()).toEqual(before[0]?.toArray());
    expect(after[1]?.toArray()).not.toEqual(before[1]?.toArray());
    expect(after[2]?.toArray()).toBe(3n);
    await session.close();
  });

  it('GAN pattern: each optimizer changes only its own scope\'s variables', async () => {
    const g = new Graph();
    const built = g.asDefault(() => {
      const z = placeholder('float32', [null, 2], { name: 'z' });
      const real = placeholder('float32', [null, 2], { name: 'real' });
      const generator = (input: typeof z) => variableScope('generator', () => {
        const w = getVariable<Variable>('w', [2, 2]);
        const b = getVariable<Variable>('b', [2], { initializer: zerosInitializer() });
        return add(matMul(input, w), b);
      });
      const discriminator = (input: typeof z, reuse: boolean) => variableScope('discriminator', { reuse }, () => {
        const w = getVariable<Variable>('w', [2, 1]);
        return matMul(input, w);
      });
      const fake = generator(z);
      const dReal = discriminator(real, false);
      const dFake = discriminator(fake, true);
      const ones = (t: typeof z) => add(mul(t, 0), 1);
      const dLoss = add(
        reduceSum(nn.sigmoidCrossEntropyWithLogits({ labels: ones(dReal), logits: dReal })),
        reduceSum(nn.sigmoidCrossEntropyWithLogits({ labels: mul(dFake, 0), logits: dFake })));
      const gLoss = reduceSum(nn.sigmoidCrossEntropyWithLogits({ labels: ones(dFake), logits: dFake }));
      const dVars = getCollection<Variable>(GraphKeys.TRAINABLE_VARIABLES, 'discriminator');
      const gVars = getCollection<Variable>(GraphKeys.TRAINABLE_VARIABLES, 'generator');
      const dTrain = new AdamOptimizer({ learningRate: 0.05 }).minimize(dLoss, { varList: dVars });
      const gTrain = new AdamOptimizer({ learningRate: 0.05 }).minimize(gLoss, { varList: gVars });
      return { dVars, gVars, dTrain, gTrain, init: globalVariablesInitializer() };
    });
    expect(built.dVars.map((v) => v.name)).toEqual(['discriminator/w:0']);
    expect(built.gVars.map((v) => v.name)).toEqual(['generator/w:0', 'generator/b:0']);
    // The second optimizer's update ops and power variables take `_1` names.
    expect(g.getOperationByName('Adam_1/update_generator/w/ApplyAdam').type).toBe('ApplyAdam');
    const session = new Session({ graph: g, devices: { CPU: createReferenceBackend() } });
    await session.run(built.init);
    const feeds = { 'z:0': [[0.1, 0.2], [0.3, -0.4]], 'real:0': [[1, 1], [2, 0.5]] };
    const snapshot = async () => (await session.run([...built.dVars, ...built.gVars]) as NDArray[]).map((a) => a.toArray());
    const s0 = await snapshot();
    await session.run(built.dTrain, feeds);
    const s1 = await snapshot();
    expect(s1[0]).not.toEqual(s0[0]);
    expect(s1.slice(1)).toEqual(s0.slice(1));
    await session.run(built.gTrain, feeds);
    const s2 = await snapshot();
    expect(s2[0]).toEqual(s1[0]);
    expect(s2[1]).not.toEqual(s1[1]);
    expect(s2[2]).not.toEqual(s1[2]);
    await session.close();
  });
});
