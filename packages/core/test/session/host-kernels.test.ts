import { describe, expect, it } from 'vitest';
import { UnimplementedError } from '../../src/errors.js';
import { getDefaultGraph } from '../../src/graph/index.js';
import {
  add, concat, constant, equal, expandDims, fill, gather, notEqual, placeholder, placeholderWithDefault, rank, reshape,
  shape, size, squeeze, stack, where,
} from '../../src/ops/index.js';
import { CORE_HOST_KERNELS, HostKernelRegistry, Session, createHostKernelRegistry } from '../../src/session/index.js';
import type { HostKernel } from '../../src/session/index.js';
import { buildGraph, session, wrapReference } from './helpers.js';

describe('core host kernels', () => {
  it('answers Shape, Size and Rank without downloading the value', async () => {
    const { graph, out } = buildGraph(() => {
      const t = add(constant([[1.5, 2, 3], [4, 5, 6]]), 1);
      return [shape(t), size(t), rank(t), shape(t, { outType: 'int64' })] as const;
    });
    const backend = wrapReference();
    const sess = new Session({ graph, devices: { CPU: backend } });
    const [s, n, r, s64] = await sess.run(out);
    expect(s.toArray()).toEqual([2, 3]);
    expect(n.toArray()).toBe(6);
    expect(r.toArray()).toBe(2);
    expect(s64.dtype).toBe('int64');
    expect(s64.toArray()).toEqual([2n, 3n]);
    expect(backend.downloads.count).toBe(0);
  });

  it('computes Where coordinates and BroadcastGradientArgs', async () => {
    const { graph, out } = buildGraph(() => {
      const g = getDefaultGraph();
      const bga = g.createOp({ type: 'BroadcastGradientArgs', inputs: [constant([2, 3, 5]), constant([1])] });
      const ones = g.createOp({ type: 'BroadcastGradientArgs', inputs: [constant([1]), constant([1])] });
      return { w: where(constant([[0, 1.5], [-2, 0]])), bga: bga.outputs, ones: ones.outputs };
    });
    const r = await session(graph).run(out);
    expect(r.w.dtype).toBe('int64');
    expect(r.w.toArray()).toEqual([[0n, 1n], [1n, 0n]]);
    expect(r.bga.map((a) => a.toArray())).toEqual([[], [0, 1, 2]]);
    expect(r.ones.map((a) => a.toArray())).toEqual([[0], [0]]);
  });

  it('moves string tensors on the host', async () => {
    const { graph, out } = buildGraph(() => {
      const s = constant([['a', 'b', 'c'], ['d', 'e', 'f']]);
      const g = getDefaultGraph();
      return {
        reshaped: reshape(s, [3, 2]),
        stacked: stack([constant(['x', 'y']), constant(['z', 'w'])], { axis: 1 }),
        joined: concat([s, constant([['g'], ['h']])], 1),
        picked: gather(s, [1, 0], { axis: 1 }),
        filled: fill([2], 'q'),
        eq: equal(s, constant('e')),
        ne: notEqual(constant(['a', 'b']), constant(['a', 'c'])),
        plus: add(s, constant(['1', '2', '3'])),
        expanded: expandDims(constant(['x']), 0),
        squeezed: squeeze(constant([['x']])),
        stringJoin: g.createOp({ type: 'StringJoin', inputs: [[constant(['a', 'b']), constant('-')]], attrs: { separator: '+' } }).output(0),
      };
    });
    const r = await session(graph).run(out);
    expect(r.reshaped.toArray()).toEqual([['a', 'b'], ['c', 'd'], ['e', 'f']]);
    expect(r.stacked.toArray()).toEqual([['x', 'z'], ['y', 'w']]);
    expect(r.joined.toArray()).toEqual([['a', 'b', 'c', 'g'], ['d', 'e', 'f', 'h']]);
    expect(r.picked.toArray()).toEqual([['b', 'a'], ['e', 'd']]);
    expect(r.filled.toArray()).toEqual(['q', 'q']);
    expect(r.eq.toArray()).toEqual([[false, false, false], [false, true, false]]);
    expect(r.ne.toArray()).toEqual([false, true]);
    expect(r.plus.toArray()).toEqual([['a1', 'b2', 'c3'], ['d1', 'e2', 'f3']]);
    expect(r.expanded.shape).toEqual([1, 1]);
    expect(r.squeezed.toArray()).toBe('x');
    expect(r.stringJoin.toArray()).toEqual(['a+-', 'b+-']);
  });

  it('uses a PlaceholderWithDefault\'s input unless it is fed', async () => {
    const { graph, out } = buildGraph(() => {
      const p = placeholderWithDefault(constant([1.5, 2.5]), [null], { name: 'p' });
      return { p, y: add(p, 1) };
    });
    const sess = session(graph);
    expect((await sess.run(out.y)).toArray()).toEqual([2.5, 3.5]);
    expect((await sess.run(out.y, new Map([[out.p, [10]]]))).toArray()).toEqual([11]);
  });

  it('runs host kernels other modules register, including asynchronous ones', async () => {
    const { graph, out } = buildGraph(() => {
      const g = getDefaultGraph();
      const x = placeholder('int32', [], { name: 'shard' });
      return {
        x,
        name: g.createOp({ type: 'ShardedFilename', name: 'sharded', inputs: [constant('model'), x, constant(4)] }).output(0),
      };
    });
    const bare = session(graph, { hostKernels: new HostKernelRegistry(CORE_HOST_KERNELS) });
    await expect(bare.run(out.name, new Map([[out.x, 1]]))).rejects.toThrow(UnimplementedError);
    await expect(bare.run(out.name, new Map([[out.x, 1]]))).rejects.toThrow(/no host kernel for ShardedFilename is registered with this session/);
    const sharded: HostKernel = {
      op: 'ShardedFilename', dtypes: 'any', async: true,
      run: async (ctx) => {
        await new Promise((resolve) => setTimeout(resolve, 1));
        const base = (ctx.input(0).data as string[])[0];
        const shard = (ctx.input(1).data as Int32Array)[0] as number;
        const total = (ctx.input(2).data as Int32Array)[0] as number;
        const pad = (n: number) => String(n).padStart(5, '0');
        return [{ dtype: 'string', shape: [], data: [`${base}-${pad(shard)}-of-${pad(total)}`] }];
      },
    };
    const sess = new Session({ graph, devices: { CPU: wrapReference() }, hostKernels: createHostKernelRegistry([sharded]) });
    expect((await sess.run(out.name, new Map([[out.x, 1]]))).toArray()).toBe('model-00001-of-00004');
    await sess.init();
    expect(() => sess.runSync(out.name, new Map([[out.x, 1]]))).toThrow(/the host kernel for ShardedFilename \(sharded\) is asynchronous/);
    expect(() => createHostKernelRegistry([sharded, sharded])).toThrow(/already registered/);
  });
});
