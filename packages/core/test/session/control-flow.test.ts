import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../../src/errors.js';
import { controlDependencies, getDefaultGraph } from '../../src/graph/index.js';
import { add, cond, constant, greater, placeholder, sub } from '../../src/ops/index.js';
import { Variable } from '../../src/variables/index.js';
import { buildGraph, session } from './helpers.js';

describe('dead tensors through Switch and Merge', () => {
  it('runs only the taken branch of cond', async () => {
    const { graph, out } = buildGraph(() => {
      const x = placeholder('float32', [], { name: 'x' });
      const v = new Variable(0.5, { name: 'v' });
      const r = cond(greater(x, 0), () => add(v.assignAdd(1), 0), () => sub(x, 10));
      return { x, v, r };
    });
    const sess = session(graph);
    await sess.run(out.v.initializer);
    expect((await sess.run(out.r, new Map([[out.x, -1]]))).toArray()).toBe(-11);
    expect((await sess.run(out.v)).toArray()).toBe(0.5); // the assignment is on the untaken side
    expect((await sess.run(out.r, new Map([[out.x, 1]]))).toArray()).toBe(1.5);
    expect((await sess.run(out.v)).toArray()).toBe(1.5);
  });

  it('forwards the live input of a raw Merge and reports its index; fetching a dead tensor fails', async () => {
    const { graph, out } = buildGraph(() => {
      const data = constant([1, 2, 3], { name: 'data' });
      const pred = placeholder('bool', [], { name: 'pred' });
      const graph = getDefaultGraph();
      const v = new Variable(0, { name: 'v' });
      const sw = graph.createOp({ type: 'Switch', name: 'switch', inputs: [data, pred] });
      const doubled = add(sw.output(1), sw.output(1), { name: 'doubled' });
      const merge = graph.createOp({ type: 'Merge', name: 'merge', inputs: [[sw.output(0), doubled]] });
      const gated = controlDependencies([doubled], () => v.assignAdd(1, { readValue: false }));
      return { pred, v, doubled, merge, gated };
    });
    const sess = session(graph);
    const feed = (p: boolean) => new Map([[out.pred, p]]);
    const [valueF, indexF] = await sess.run([out.merge.output(0), out.merge.output(1)], feed(false));
    expect(valueF.toArray()).toEqual([1, 2, 3]);
    expect(indexF.toArray()).toBe(0);
    const [valueT, indexT] = await sess.run([out.merge.output(0), out.merge.output(1)], feed(true));
    expect(valueT.toArray()).toEqual([2, 4, 6]);
    expect(indexT.toArray()).toBe(1);
    const error = await sess.run(out.doubled, feed(false)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect((error as Error).message).toMatch(/Fetched tensor doubled:0 has no value in this run: .*dead tensor/);
    // A dead control input makes an op dead too: the update behind the untaken side does not run.
    await sess.run(out.v.initializer);
    expect(await sess.run(out.gated, feed(false))).toBeNull();
    expect((await sess.run(out.v)).toArray()).toBe(0);
    await sess.run(out.gated, feed(true));
    expect((await sess.run(out.v)).toArray()).toBe(1);
  });
});
