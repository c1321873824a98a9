import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../../src/errors.js';
import { add, assign, constant, gather, group, mul, placeholder } from '../../src/ops/index.js';
import { Variable, globalVariablesInitializer } from '../../src/variables/index.js';
import { buildGraph, session, wrapReference } from './helpers.js';
import { Session } from '../../src/session/index.js';

describe('pruning', () => {
  it('runs only what the fetches need: an unrelated failing op is not run', async () => {
    const { graph, out } = buildGraph(() => {
      const broken = new Variable(1.5, { name: 'never_initialized' });
      const bad = add(broken, 1, { name: 'bad' });
      const x = placeholder('float32', [], { name: 'x' });
      const unfed = mul(x, 2, { name: 'unfed' });
      const good = mul(constant(3.5, { name: 'c' }), 2, { name: 'good' });
      return { bad, unfed, good };
    });
    const backend = wrapReference();
    const sess = new Session({ graph, devices: { CPU: backend } });
    expect((await sess.run(out.good)).toArray()).toBe(7);
    expect(backend.ran).toEqual(['good']);
    await expect(sess.run(out.bad)).rejects.toThrow(/uninitialized value never_initialized/);
  });

  it('follows control inputs: a group runs everything it groups', async () => {
    const { graph, out } = buildGraph(() => {
      const a = new Variable(1, { name: 'a' });
      const b = new Variable(2, { name: 'b' });
      const init = globalVariablesInitializer();
      const step = group([a.assignAdd(10), b.assignAdd(20)], { name: 'step' });
      return { a, b, init, step };
    });
    const sess = session(graph);
    await sess.run(out.init);
    await sess.run(out.step);
    expect((await sess.run([out.a, out.b])).map((x) => x.toArray())).toEqual([11, 22]);
  });

  it('plans again when ops are added after a run', async () => {
    const { graph, out } = buildGraph(() => constant(2, { name: 'two' }));
    const sess = session(graph);
    expect((await sess.run('two:0'))?.toArray()).toBe(2);
    graph.asDefault(() => mul(out, 21, { name: 'answer' }));
    expect((await sess.run('answer:0'))?.toArray()).toBe(42);
  });
});

describe('liveness', () => {
  it('releases each intermediate after its last consumer', async () => {
    const { graph, out } = buildGraph(() => {
      let t = mul(placeholder('float32', [1000], { name: 'x' }), 1);
      for (let i = 0; i < 40; i++) t = add(t, 1);
      return t;
    });
    const backend = wrapReference();
    const sess = new Session({ graph, devices: { CPU: backend } });
    const result = await sess.run(out, { 'x:0': new Float32Array(1000) });
    expect(result.get(0)).toBe(40);
    expect(backend.ran.length).toBe(41);
    // A chain needs its current input, its constant and its output at most, never all 41 results.
    expect(backend.peak.liveHandles).toBeLessThanOrEqual(4);
    expect(backend.stats().liveHandles).toBe(0);
  });

  it('holds only the variables\' buffers between runs, over many runs', async () => {
    const { graph, out } = buildGraph(() => {
      const w = new Variable([[0.5, -1], [2, 0.25]], { name: 'w' });
      const b = new Variable([0.1, 0.2], { name: 'b' });
      const x = placeholder('float32', [null, 2], { name: 'x' });
      const y = add(mul(x, w), b);
      return { init: globalVariablesInitializer(), y, x, step: w.assignSub(mul(y, 0.001)) };
    });
    const backend = wrapReference();
    const sess = new Session({ graph, devices: { CPU: backend } });
    await sess.run(out.init);
    expect(backend.stats().liveHandles).toBe(2);
    for (let i = 0; i < 300; i++) {
      await sess.run([out.y, out.step], new Map([[out.x, [[1, 2], [3, 4]]]]));
      expect(backend.stats().liveHandles).toBe(2);
    }
    const bytes = backend.stats().bytesInUse;
    await sess.run(out.y, new Map([[out.x, [[1, 2], [3, 4]]]]));
    expect(backend.stats().bytesInUse).toBe(bytes);
  });

  it('releases everything a failed run allocated', async () => {
    const { graph, out } = buildGraph(() => {
      const params = mul(constant([1.5, 2.5, 3.5]), 2, { name: 'params' });
      const i = placeholder('int32', [1], { name: 'i' });
      return { picked: add(gather(params, i), 1), i };
    });
    const backend = wrapReference();
    const sess = new Session({ graph, devices: { CPU: backend } });
    const error = await sess.run(out.picked, new Map([[out.i, [7]]])).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect((error as InvalidArgumentError).nodeName).toMatch(/Gather/);
    expect(backend.stats().liveHandles).toBe(0);
    expect((await sess.run(out.picked, new Map([[out.i, [2]]]))).toArray()).toEqual([8]);
  });

  it('leaves a variable untouched when its assignment fails', async () => {
    const { graph, out } = buildGraph(() => {
      const v = new Variable([1.5, 2.5], { name: 'v', validateShape: false });
      return { v, grow: assign(v, [1.5, 2.5, 3.5], { validateShape: false, name: 'grow' }) };
    });
    const failingInit = wrapReference({ failOn: ['v/Assign'] });
    const first = new Session({ graph, devices: { CPU: failingInit } });
    await expect(first.run(out.v.initializer)).rejects.toThrow(/injected failure in v\/Assign/);
    await expect(first.run(out.v)).rejects.toThrow(/uninitialized value v/);
    expect(failingInit.stats().liveHandles).toBe(0);

    const failingGrow = wrapReference({ failOn: ['grow'] });
    const second = new Session({ graph, devices: { CPU: failingGrow } });
    await second.run(out.v.initializer);
    await expect(second.run(out.grow)).rejects.toThrow(/injected failure in grow/);
    expect((await second.run(out.v)).toArray()).toEqual([1.5, 2.5]);
    expect(failingGrow.stats().liveHandles).toBe(1);
  });
});
