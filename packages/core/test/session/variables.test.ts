import { describe, expect, it } from 'vitest';
import { FailedPreconditionError, InvalidArgumentError, OutOfRangeError, RuntimeError } from '../../src/errors.js';
import { Graph, controlDependencies } from '../../src/graph/index.js';
import { add, assign, constant, countUpTo, isVariableInitialized, placeholder } from '../../src/ops/index.js';
import { Server, Session } from '../../src/session/index.js';
import { Variable, globalVariablesInitializer, reportUninitializedVariables } from '../../src/variables/index.js';
import { buildGraph, session, wrapReference } from './helpers.js';

describe('uninitialized variables (cases 27, 115, 119)', () => {
  it('fails with FailedPrecondition naming the variable, and the session stays usable', async () => {
    const { graph, out } = buildGraph(() => {
      const w = new Variable([1.5, 2], { name: 'W' });
      return { w, y: add(w, 1), init: globalVariablesInitializer(), isInit: isVariableInitialized(w), c: constant(3) };
    });
    const sess = session(graph);
    for (const fetch of [out.w, out.y, out.w.value()]) {
      const error = await sess.run(fetch).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(FailedPreconditionError);
      expect((error as FailedPreconditionError).code).toBe('FAILED_PRECONDITION');
      expect((error as Error).message).toMatch(/^Attempting to use uninitialized value W\b/);
    }
    expect((await sess.run(out.isInit)).toArray()).toBe(false);
    expect((await sess.run(out.c)).toArray()).toBe(3);
    await sess.run(out.init);
    expect((await sess.run(out.isInit)).toArray()).toBe(true);
    expect((await sess.run(out.y)).toArray()).toEqual([2.5, 3]);
  });

  it('checks AssignAdd inputs for initialization too', async () => {
    const { graph, out } = buildGraph(() => {
      const v = new Variable(0.0, { name: 'v' });
      return { v, inc: v.assignAdd(1) };
    });
    const sess = session(graph);
    await expect(sess.run(out.inc)).rejects.toThrow(/Attempting to use uninitialized value v\n\t \[\[\{\{node AssignAdd\}\}\]\]/);
  });

  it('reports uninitialized variable names (case 118)', async () => {
    const { graph, out } = buildGraph(() => {
      new Variable(1, { name: 'v' });
      const w = new Variable(2, { name: 'w' });
      return { report: reportUninitializedVariables(), w };
    });
    const sess = session(graph);
    expect((await sess.run(out.report)).toArray()).toEqual(['v', 'w']);
    await sess.run(out.w.initializer);
    expect((await sess.run(out.report)).toArray()).toEqual(['v']);
  });
});

describe('assign family (cases 121, 124, 127, 38)', () => {
  it('returns post-update values and keeps them across runs', async () => {
    const { graph, out } = buildGraph(() => {
      const v = new Variable(0.0, { name: 'var' });
      return { v, p1: v.assignAdd(1.0), m1: v.assignSub(2.0), four: v.assign(4.0) };
    });
    const sess = session(graph);
    await sess.run(out.v.initializer);
    expect((await sess.run(out.v)).toArray()).toBe(0);
    expect((await sess.run(out.p1)).toArray()).toBe(1);
    expect((await sess.run(out.m1)).toArray()).toBe(-1);
    expect((await sess.run(out.four)).toArray()).toBe(4);
    expect((await sess.run(out.v)).toArray()).toBe(4);
  });

  it('reads a variable after a write ordered by control dependencies', async () => {
    const { graph, out } = buildGraph(() => {
      const v = new Variable(1.0, { name: 'v' });
      const a = v.assign(5.0);
      const r = controlDependencies([a], () => v.readValue());
      return { v, r };
    });
    const sess = session(graph);
    await sess.run(out.v.initializer);
    expect((await sess.run(out.r)).toArray()).toBe(5);
  });

  it('fetching a variable reads it when the run ends (the seed\'s run([v, v1]) prints 1 1)', async () => {
    const { graph, out } = buildGraph(() => {
      const v = new Variable(0.0, { name: 'v' });
      return { v, v1: v.assignAdd(1) };
    });
    const sess = session(graph);
    await sess.run(out.v.initializer);
    const [a, b] = await sess.run([out.v, out.v1]);
    expect([a.toArray(), b.toArray()]).toEqual([1, 1]);
  });

  it('checks shapes at run time unless validate_shape is false, which reshapes the variable', async () => {
    const { graph, out } = buildGraph(() => {
      const v = new Variable([1, 2], { name: 'v', validateShape: false });
      const x = placeholder('int32', null, { name: 'x' });
      return { v, strict: assign(v, x), loose: assign(v, x, { validateShape: false }), x };
    });
    const sess = session(graph);
    await sess.run(out.v.initializer);
    const error = await sess.run(out.strict, new Map([[out.x, [1, 2, 3]]])).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect((error as Error).message).toMatch(/^Assign requires shapes of both tensors to match. lhs shape= \[2\] rhs shape= \[3\]/);
    expect((await sess.run(out.v)).toArray()).toEqual([1, 2]);
    expect((await sess.run(out.loose, new Map([[out.x, [[7, 8, 9]]]]))).toArray()).toEqual([[7, 8, 9]]);
    expect((await sess.run(out.v)).shape).toEqual([1, 3]);
  });

  it('counts up to a limit, then fails with OutOfRange and leaves the variable at the limit', async () => {
    const { graph, out } = buildGraph(() => {
      const v = new Variable(0, { name: 'v' });
      return { v, next: countUpTo(v, 3) };
    });
    const sess = session(graph);
    await sess.run(out.v.initializer);
    const seen = [];
    for (let i = 0; i < 3; i++) seen.push((await sess.run(out.next)).toArray());
    expect(seen).toEqual([0, 1, 2]);
    const error = await sess.run(out.next).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OutOfRangeError);
    expect((error as Error).message).toMatch(/^Reached limit of 3/);
    expect((await sess.run(out.v)).toArray()).toBe(3);
  });

  it('keeps string variables on the host', async () => {
    const { graph, out } = buildGraph(() => {
      const s = new Variable(['Fruit', 'orange'], { name: 's' });
      return { s, set: s.assign(['Apple', 'pear']), joined: add(s, constant('!')) };
    });
    const sess = session(graph);
    await sess.run(out.s.initializer);
    expect((await sess.run(out.s)).toArray()).toEqual(['Fruit', 'orange']);
    expect((await sess.run(out.joined)).toArray()).toEqual(['Fruit!', 'orange!']);
    await sess.run(out.set);
    expect((await sess.run(out.s)).toArray()).toEqual(['Apple', 'pear']);
  });
});

describe('where variable values live (case 2.7, ARCHITECTURE §5)', () => {
  function counterGraph() {
    return buildGraph(() => {
      const v = new Variable(10, { name: 'v' });
      return { v, inc: v.assignAdd(1) };
    });
  }

  it('gives each local session its own values', async () => {
    const { graph, out } = counterGraph();
    const a = session(graph);
    const b = session(graph);
    await a.run(out.v.initializer);
    await a.run(out.inc);
    expect((await a.run(out.v)).toArray()).toBe(11);
    await expect(b.run(out.v)).rejects.toThrow(/uninitialized value v/);
    await b.run(out.v.initializer);
    expect((await b.run(out.v)).toArray()).toBe(10);
  });

  it('shares values between sessions on one Server, even across backends and after one closes', async () => {
    const { graph, out } = counterGraph();
    const server = new Server();
    const a = new Session({ graph, target: server, devices: { CPU: wrapReference() } });
    const bBackend = wrapReference();
    const b = new Session({ graph, target: server, devices: { CPU: bBackend } });
    await a.run(out.v.initializer);
    await a.run(out.inc);
    expect((await b.run(out.v)).toArray()).toBe(11);
    await b.run(out.inc); // moves the buffer to b's backend
    expect((await a.run(out.v)).toArray()).toBe(12);
    await b.close();
    expect(bBackend.stats().liveHandles).toBe(1); // b did not create its backend: the server's value stays there
    expect((await a.run(out.inc)).toArray()).toBe(13);
    // A session with a default backend hands values back to the host before disposing it.
    const c = new Session({ graph, target: server });
    await c.run(out.inc);
    await c.close();
    expect((await a.run(out.v)).toArray()).toBe(14);
    server.close();
    await expect(a.run(out.v)).rejects.toThrow(RuntimeError);
    expect(() => new Session({ graph, target: server })).toThrow(/is closed/);
  });

  it('releases every value a session owns when it closes', async () => {
    const { graph, out } = counterGraph();
    const backend = wrapReference();
    const sess = new Session({ graph, devices: { CPU: backend } });
    await sess.run(out.v.initializer);
    expect(backend.stats().liveHandles).toBe(1);
    await sess.close();
    expect(backend.stats().liveHandles).toBe(0);
  });

  it('keeps variables in their container: same shared name, same value', async () => {
    const graph = new Graph();
    const out = graph.asDefault(() => {
      const a = new Variable(1, { name: 'a' });
      const alias = graph.createOp({
        type: 'VariableV2', name: 'alias', attrs: { shape: [], dtype: 'int32', shared_name: 'a' },
      }).output(0);
      return { a, aliasRead: add(alias, 0) };
    });
    const sess = session(graph);
    await sess.run(out.a.initializer);
    expect((await sess.run(out.aliasRead)).toArray()).toBe(1);
  });
});
