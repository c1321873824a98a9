import { describe, expect, it } from 'vitest';
import { Graph } from '../../src/graph/index.js';
import { ValueError } from '../../src/errors.js';
import { LookupError, gradients, registerGradient } from '../../src/gradients/index.js';
import {
  add, cast, constant, index, matMul, mul, placeholder, reduceSum, stopGradient, square,
} from '../../src/ops/index.js';
import { Variable } from '../../src/variables/index.js';

function inGraph<T>(fn: (g: Graph) => T): T {
  const g = new Graph();
  return g.asDefault(() => fn(g));
}

describe('gradients() graph structure', () => {
  it('builds under gradients/: Fill for the initial gradient, <op>_grad scopes, AddN for fan-in', () => {
    inGraph((g) => {
      const x = placeholder('float32', [2, 2], { name: 'x' });
      const w = new Variable(constant([[1, 2], [3, 4]], { dtype: 'float32' }), { name: 'W' });
      const y = matMul(x, w);
      const loss = reduceSum(add(y, mul(y, y)), { name: 'loss' });
      const before = g.getOperations().length;
      const [gw] = gradients(loss, [w]);
      const created = g.getOperations().slice(before).map((op) => op.name);
      expect(created.slice(0, 3)).toEqual(['gradients/Shape', 'gradients/grad_ys_0', 'gradients/Fill']);
      expect(g.getOperationByName('gradients/Fill').type).toBe('Fill');
      expect(created).toContain('gradients/loss_grad/Reshape');
      expect(created).toContain('gradients/loss_grad/Tile');
      expect(created).toContain('gradients/mul_grad/Mul');
      // y feeds add and mul twice: three gradients summed by one AddN, colocated with the first.
      const addN = g.getOperationByName('gradients/AddN');
      expect(addN.type).toBe('AddN');
      expect(addN.inputs).toHaveLength(3);
      expect(gw?.name).toBe('gradients/MatMul_grad/MatMul_1:0');
      expect(g.getOperationByName('gradients/MatMul_grad/MatMul_1').attrs.transpose_a).toBe(true);
    });
  });

  it('uniquifies the scope on a second call and honours name', () => {
    inGraph(() => {
      const x = placeholder('float32', [3], { name: 'x' });
      const y = reduceSum(square(x));
      expect(gradients(y, x)[0]?.name).toMatch(/^gradients\//);
      expect(gradients(y, x)[0]?.name).toMatch(/^gradients_1\//);
      expect(gradients(y, x, null, { name: 'grads' })[0]?.name).toMatch(/^grads\//);
    });
  });

  it('gives null for unconnected xs, integer paths and stop gradients', () => {
    inGraph(() => {
      const x = placeholder('float32', [3], { name: 'x' });
      const z = placeholder('float32', [3], { name: 'z' });
      const i = placeholder('int32', [3], { name: 'i' });
      const y = add(reduceSum(square(x)), reduceSum(cast(i, 'float32')));
      expect(gradients(y, [x, z, i]).map((t) => t === null)).toEqual([false, true, true]);
      const y2 = reduceSum(mul(stopGradient(x), z));
      expect(gradients(y2, [x, z]).map((t) => t === null)).toEqual([true, false]);
      const h = square(x);
      const y3 = reduceSum(mul(h, z));
      expect(gradients(y3, [x, z], null, { stopGradients: [h] })[0]).toBeNull();
    });
  });

  it('uses given initial gradients, converted to the y dtype', () => {
    inGraph(() => {
      const x = placeholder('float32', [2], { name: 'x' });
      const [gx] = gradients(mul(x, 3), x, [1, 2]);
      expect(gx?.shape.toArray()).toEqual([2]);
      expect(() => gradients([mul(x, 3)], [x], [1, 2] as never)).toThrow(ValueError);
    });
  });

  it('gates multi-input gradients with tuple/control_dependency when asked', () => {
    inGraph((g) => {
      const a = placeholder('float32', [2, 2], { name: 'a' });
      const b = placeholder('float32', [2, 2], { name: 'b' });
      const [ga, gb] = gradients(reduceSum(matMul(a, b)), [a, b], null, { gateGradients: true });
      expect(ga?.name).toBe('gradients/MatMul_grad/tuple/control_dependency:0');
      expect(gb?.name).toBe('gradients/MatMul_grad/tuple/control_dependency_1:0');
      expect(ga?.op.controlInputs.map((o) => o.name)).toEqual(['gradients/MatMul_grad/tuple/group_deps']);
      expect(g.getOperationByName('gradients/MatMul_grad/tuple/group_deps').controlInputs.map((o) => o.name))
        .toEqual(['gradients/MatMul_grad/MatMul', 'gradients/MatMul_grad/MatMul_1']);
    });
  });

  it('raises LookupError naming an op without a gradient, leaving the graph unchanged', () => {
    inGraph((g) => {
      const x = placeholder('float32', [3, 2], { name: 'x' });
      const y = reduceSum(index(x, [1]));
      const before = g.getOperations().length;
      expect(() => gradients(y, x)).toThrow(new LookupError("No gradient defined for operation 'strided_slice' (op type: StridedSlice)"));
      expect(g.getOperations().length).toBe(before);
    });
  });

  it('registers gradients for new op types only once', () => {
    expect(() => registerGradient('MatMul', () => [])).toThrow("Registering two gradient with name 'MatMul'!");
  });
});
