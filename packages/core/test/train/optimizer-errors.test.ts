import { describe, expect, it } from 'vitest';
import { Graph } from '../../src/graph/index.js';
import { ValueError } from '../../src/errors.js';
import { add, constant, mul, placeholder, reduceSum } from '../../src/ops/index.js';
import { AdagradOptimizer, AdamOptimizer, GradientDescentOptimizer, Optimizer } from '../../src/train/optimizers.js';
import { Variable } from '../../src/variables/index.js';

function inGraph<T>(fn: (g: Graph) => T): T {
  const g = new Graph();
  return g.asDefault(() => fn(g));
}

describe('optimizer errors (§191)', () => {
  it('"No variables to optimize." without trainable variables', () => {
    inGraph(() => {
      new Variable(1.5, { name: 'frozen', trainable: false });
      const loss = mul(placeholder('float32', [], { name: 'x' }), 2);
      expect(() => new AdamOptimizer().minimize(loss)).toThrow(new ValueError('No variables to optimize.'));
    });
  });

  it('"No gradients provided for any variable" when the loss does not depend on them, graph unchanged', () => {
    inGraph((g) => {
      new Variable(1.5, { name: 'w' });
      const loss = reduceSum(constant([1, 2], { dtype: 'float32' }), { name: 'loss' });
      const before = g.getOperations().length;
      expect(() => new GradientDescentOptimizer(0.1).minimize(loss)).toThrow(
        "No gradients provided for any variable, check your graph for ops that do not support gradients, between variables ['<tf.Variable 'w:0' shape=() dtype=float32_ref>'] and loss Tensor(\"loss:0\", shape=(), dtype=float32).");
      expect(g.getOperations().length).toBe(before);
    });
  });

  it('applyGradients: "No variables provided." and "No gradients provided for any variable: …"', () => {
    inGraph(() => {
      const w = new Variable(1.5, { name: 'w' });
      const opt = new GradientDescentOptimizer(0.1);
      expect(() => opt.applyGradients([])).toThrow(new ValueError('No variables provided.'));
      expect(() => opt.applyGradients([[null, w]])).toThrow("No gradients provided for any variable: ['<tf.Variable 'w:0' shape=() dtype=float32_ref>'].");
    });
  });

  it('rejects integer losses and variables', () => {
    inGraph(() => {
      const w = new Variable(3, { name: 'w' });
      expect(() => new AdamOptimizer().minimize(add(w, 1), { varList: [w] }))
        .toThrow('Invalid type int32 for add:0, expected: [float16, bfloat16, float32, float64].');
    });
  });

  it('validates its arguments', () => {
    expect(() => new AdagradOptimizer(0.1, { initialAccumulatorValue: 0 })).toThrow('initial_accumulator_value must be positive: 0');
    inGraph(() => {
      const w = new Variable(1.5, { name: 'w' });
      const loss = mul(w, w);
      expect(() => new AdamOptimizer().computeGradients(loss, { gateGradients: 3 as never })).toThrow('gate_gradients must be one of');
      expect(() => new AdamOptimizer().computeGradients(loss, { varList: [loss as never] })).toThrow(TypeError);
    });
  });

  it('GATE_GRAPH passes every gradient through one tuple', () => {
    inGraph(() => {
      const w = new Variable(1.5, { name: 'w' });
      const b = new Variable(0.5, { name: 'b' });
      const pairs = new AdamOptimizer().computeGradients(add(mul(w, w), b), { gateGradients: Optimizer.GATE_GRAPH });
      expect(pairs.map(([grad]) => grad?.name)).toEqual(['tuple/control_dependency:0', 'tuple/control_dependency_1:0']);
    });
  });
});
