import { describe, expect, it } from 'vitest';
import { Graph, Variable, constant, Session } from '../../src/index.js';
import { createReferenceBackend } from '@varscope/backend-reference';

describe('method forms', () => {
  it('lets tensors and variables call the common ops as methods', async () => {
    const g = new Graph();
    const [sum, prod, v] = g.asDefault(() => {
      const x = constant([1, 2, 3]);
      const v = new Variable([10, 20, 30], { name: 'v' });
      return [x.add(1).mul(2), v.mul(x), v] as const;
    });
    expect(sum.op.type).toBe('Mul');
    expect(sum.op.inputs[0]?.op.name).toBe('add');
    const s = new Session({ graph: g, devices: { CPU: createReferenceBackend() } });
    await s.run(v.initializer);
    const [a, b] = await s.run([sum, prod]);
    expect(a?.toArray()).toEqual([4, 6, 8]);
    expect(b?.toArray()).toEqual([10, 40, 90]);
    await s.close();
  });
});

describe('op.run and tensor.eval', () => {
  it('run an op and evaluate a tensor in a session', async () => {
    const g = new Graph();
    const { v, doubled } = g.asDefault(() => {
      const v = new Variable(3, { name: 'v' });
      return { v, doubled: v.mul(2) };
    });
    const s = new Session({ graph: g, devices: { CPU: createReferenceBackend() } });
    await v.initializer.run(s);
    expect((await doubled.eval(s)).toArray()).toBe(6);
    await s.close();
  });
});
