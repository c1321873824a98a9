import { describe, expect, it } from 'vitest';
import { Graph, setRandomSeed } from '../../src/graph/index.js';
import { randomNormal, randomUniform } from '../../src/ops/index.js';
import { Variable, randomNormalInitializer, getVariable } from '../../src/variables/index.js';
import { session } from './helpers.js';

function seededGraph() {
  const graph = new Graph();
  const out = graph.asDefault(() => {
    setRandomSeed(42);
    return { u: randomUniform([6], { seed: 7 }), n: randomNormal([3]) };
  });
  return { graph, out };
}

describe('random ops', () => {
  it('give the same numbers in a fresh session with the same seeds, and new numbers on each run', async () => {
    const { graph, out } = seededGraph();
    const a = session(graph);
    const a1 = (await a.run(out.u)).toArray() as number[];
    const a2 = (await a.run(out.u)).toArray() as number[];
    expect(a1).not.toEqual(a2);
    for (const x of [...a1, ...a2]) expect(x >= 0 && x < 1).toBe(true);
    const b = session(graph);
    expect((await b.run(out.u)).toArray()).toEqual(a1);
    expect((await b.run(out.u)).toArray()).toEqual(a2);
    // Each op has its own stream: running another op does not move this one.
    const c = session(graph);
    await c.run(out.n);
    expect((await c.run(out.u)).toArray()).toEqual(a1);
  });

  it('draws seeds per session when neither the graph nor the op has one', async () => {
    const graph = new Graph();
    const u = graph.asDefault(() => randomUniform([8]));
    const first = (await session(graph).run(u)).toArray();
    const second = (await session(graph).run(u)).toArray();
    expect(first).not.toEqual(second);
  });

  it('re-running a random initializer gives new values; a fresh session repeats the first', async () => {
    const graph = new Graph();
    const w = graph.asDefault(() => {
      setRandomSeed(1);
      return getVariable('w', [4], { initializer: randomNormalInitializer({ stddev: 2 }) });
    });
    const s1 = session(graph);
    await s1.run(w.initializer);
    const first = (await s1.run(w)).toArray();
    await s1.run(w.initializer);
    const second = (await s1.run(w)).toArray();
    expect(second).not.toEqual(first);
    const s2 = session(graph);
    await s2.run(w.initializer);
    expect((await s2.run(w)).toArray()).toEqual(first);
    expect(w).toBeInstanceOf(Variable);
  });
});
