import { describe, expect, it } from 'vitest';
import { RuntimeError } from '../../src/errors.js';
import { device } from '../../src/graph/index.js';
import { add, constant, matMul, placeholder } from '../../src/ops/index.js';
import { Session } from '../../src/session/index.js';
import { Variable } from '../../src/variables/index.js';
import { buildGraph, kernelSubset, wrapReference } from './helpers.js';

describe('Session.runSync', () => {
  it('runs synchronously once the session is initialized', async () => {
    const { graph, out } = buildGraph(() => {
      const v = new Variable([1.5, 2.5], { name: 'v' });
      const x = placeholder('float32', [2], { name: 'x' });
      return { v, x, y: add(v, x) };
    });
    const sess = new Session({ graph, devices: { CPU: wrapReference() } });
    expect(() => sess.runSync(out.v.initializer)).toThrow(new RuntimeError(
      'runSync() needs the session\'s backends initialized: call `await session.init()` once first (or use `await session.run()`).',
    ));
    expect(await sess.init()).toBe(sess);
    expect(sess.runSync(out.v.initializer)).toBeNull();
    const { y, v } = sess.runSync({ y: out.y, v: out.v }, new Map([[out.x, [1, 1]]]));
    expect(y.toArray()).toEqual([2.5, 3.5]);
    expect(v.toArray()).toEqual([1.5, 2.5]);
    expect(() => sess.runSync(out.y)).toThrow(/You must feed a value for placeholder tensor 'x'/);
  });

  it('is ready at once on backends another session has initialized', async () => {
    const { graph, out } = buildGraph(() => add(constant(1.5), 1));
    const cpu = wrapReference();
    await new Session({ graph, devices: { CPU: cpu } }).init();
    expect(new Session({ graph, devices: { CPU: cpu } }).runSync(out).toArray()).toBe(2.5);
  });

  it('refuses plans that use a backend without synchronous download', async () => {
    const { graph, out } = buildGraph(() => {
      const a = constant([[2, 0], [0, 2]], { dtype: 'float32' });
      return { onGpu: device('/gpu:0', () => matMul(a, a)), onCpu: add(a, 1) };
    });
    const gpu = wrapReference({ name: 'async-gpu', deviceType: 'GPU', kernels: kernelSubset(['MatMul']), syncDownload: false });
    const sess = new Session({ graph, devices: { CPU: wrapReference(), GPU: gpu } });
    await sess.init();
    expect(sess.runSync(out.onCpu).toArray()).toEqual([[3, 1], [1, 3]]);
    expect(() => sess.runSync(out.onGpu)).toThrow(/runSync\(\) cannot run this graph: the async-gpu backend \(GPU, running MatMul\) has no synchronous download/);
    expect((await sess.run(out.onGpu)).toArray()).toEqual([[4, 0], [0, 4]]);
  });
});
