import { afterAll, describe, expect, it } from 'vitest';
import { createReferenceBackend } from '@varscope/backend-reference';
import { FailedPreconditionError, OpError } from '../../src/errors.js';
import { Graph, controlDependencies } from '../../src/graph/index.js';
import { constant } from '../../src/ops/convert.js';
import { abs, add, div, mod, mul, neg, sub } from '../../src/ops/math.js';
import { less } from '../../src/ops/comparison.js';
import { randomUniform } from '../../src/ops/random.js';
import { Server, Session } from '../../src/session/index.js';
import {
  GraphKeys, Variable, assertVariablesInitialized, getVariable, globalVariablesInitializer, isVariableInitialized,
  localVariablesInitializer, reportUninitializedVariables, variablesInitializer,
} from '../../src/variables/index.js';

const open: Session[] = [];
afterAll(async () => { await Promise.all(open.map((s) => s.close())); });

/** Builds in a fresh graph and returns a reference-backend session on it. */
function setup<T>(build: () => T, options: { target?: Server } = {}): [Session, T, Graph] {
  const g = new Graph();
  const built = g.asDefault(build);
  const s = new Session({ graph: g, devices: { CPU: createReferenceBackend() }, ...options });
  open.push(s);
  return [s, built, g];
}

const value = async (s: Session, t: Parameters<Session['run']>[0]) => ((await s.run(t as never)) as { toArray(): unknown }).toArray();

describe('values of variables (§C, §H)', () => {
  it('uninitialized reads fail naming the variable (cases 27, 115)', async () => {
    const [s, { a, b, sum }] = setup(() => {
      const a = new Variable(0.5);
      const b = new Variable(1.5);
      return { a, b, sum: add(a, b) };
    });
    await expect(s.run(a)).rejects.toThrow(FailedPreconditionError);
    await expect(s.run(b)).rejects.toThrow(/Attempting to use uninitialized value Variable_1/);
    await expect(s.run(sum)).rejects.toThrow(/Attempting to use uninitialized value/);
    await s.run([a.initializer, b.initializer]);
    expect(await value(s, sum)).toBe(2);
  });

  it('a function initial value evaluates without initializing the variable (case 30)', async () => {
    const [s, v] = setup(() => new Variable(() => constant([[-42], [133.5]]), { name: 'v' }));
    expect(await value(s, v.initialValue)).toEqual([[-42], [133.5]]);
    await expect(s.run(v)).rejects.toThrow(/uninitialized value v/);
  });

  it('chained initialized values initialize in any order (case 34)', async () => {
    const [s, { a, b, c, rnd, dep, init }] = setup(() => {
      const a = new Variable([1, 2, 3.5], { name: 'a' });
      const b = new Variable(add(a.initializedValue(), 2), { name: 'b' });
      const c = new Variable(add(b.initializedValue(), 2), { name: 'c' });
      const rnd = new Variable(randomUniform([3, 6], { seed: 5 }), { name: 'rnd' });
      const dep = new Variable(rnd.initializedValue(), { name: 'dep' });
      return { a, b, c, rnd, dep, init: globalVariablesInitializer() };
    });
    expect(rnd.shape.dims).toEqual([3, 6]);
    await s.run(init);
    expect(await s.run([a, b, c] as const).then((xs) => xs.map((x) => x.toArray()))).toEqual([[1, 2, 3.5], [3, 4, 5.5], [5, 6, 7.5]]);
    const [r, d] = await s.run([rnd, dep] as const);
    expect(d.toArray()).toEqual(r.toArray());
    // Once initialized, initializedValue reads the current value, not the initial one.
    const [s2, { v, cur }] = setup(() => {
      const v = new Variable(1, { name: 'v' });
      return { v, cur: v.initializedValue() };
    });
    expect(await value(s2, cur)).toBe(1);
    await s2.run(v.initializer);
    await s2.run(v.assign(7));
    expect(await value(s2, cur)).toBe(7);
  });

  it('operators on variables (case 37)', async () => {
    const [s, { f, i, ops }] = setup(() => {
      const f = new Variable([2.5], { name: 'f' });
      const i = new Variable([20], { name: 'i' });
      return {
        f, i, ops: [add(f, 0.5), add(1.5, f), sub(f, 1), sub(1, f), mul(f, 10), div(f, 10), div(10, f), neg(f), abs(neg(f)), less(f, 3), mod(i, 7), mod(103, i)],
      };
    });
    await s.run([f.initializer, i.initializer]);
    const got = (await s.run(ops)).map((x) => (x.toArray() as unknown[])[0]);
    expect(got.slice(0, 5)).toEqual([3, 4, 1.5, -1.5, 25]);
    expect(got[5]).toBeCloseTo(0.25, 6);
    expect(got[6]).toBeCloseTo(4, 6);
    expect(got.slice(7)).toEqual([-2.5, 2.5, true, 6, 3]);
  });

  it('countUpTo yields 0, 1, 2 then fails, leaving the variable at 3 (case 38)', async () => {
    const [s, { v, next }] = setup(() => {
      const v = new Variable(0, { name: 'v' });
      return { v, next: v.countUpTo(3) };
    });
    await s.run(v.initializer);
    const seen = [await value(s, next), await value(s, next), await value(s, next)];
    expect(seen).toEqual([0, 1, 2]);
    const err = await s.run(next).then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(OpError);
    expect((err as Error).message).toContain('Reached limit of 3');
    expect(await value(s, v)).toBe(3);
  });

  it('load() overwrites the value through the initializer (case 39)', async () => {
    const [s, v] = setup(() => new Variable([1, 2], { name: 'v' }));
    await v.load([5, 6], s);
    expect(await value(s, v)).toEqual([5, 6]);
    expect((await v.eval(s)).toArray()).toEqual([5, 6]);
  });

  it('assign family returns the post-update value (case 121)', async () => {
    const [s, { v, p1, m1, four }] = setup(() => {
      const v = new Variable(0.5);
      return { v, p1: v.assignAdd(1), m1: v.assignSub(2), four: v.assign(4.5) };
    });
    await s.run(v.initializer);
    expect(await value(s, v)).toBe(0.5);
    expect(await value(s, p1)).toBe(1.5);
    expect(await value(s, v)).toBe(1.5);
    expect(await value(s, m1)).toBe(-0.5);
    expect(await value(s, four)).toBe(4.5);
    expect(await value(s, v)).toBe(4.5);
  });

  it('reads after writes under control dependencies (case 127)', async () => {
    const [s, { v, a, r, r2 }] = setup(() => {
      const v = new Variable(0.5, { name: 'v' });
      const r2 = v.value();
      const a = v.assign(5.5);
      const r = controlDependencies([a], () => v.readValue());
      return { v, a, r, r2 };
    });
    await s.run(v.initializer);
    expect(await value(s, r)).toBe(5.5);
    await s.run(v.initializer);
    expect(await value(s, r2)).toBe(0.5);
    expect(r2.op.controlInputs).toEqual([]);
    expect(a.op.type).toBe('Assign');
  });

  it('two sessions on one server share variables; separate sessions do not (seed 2.7)', async () => {
    const server = new Server();
    const [s1, v, g] = setup(() => new Variable(3, { name: 'v' }), { target: server });
    const s2 = new Session({ graph: g, devices: { CPU: createReferenceBackend() }, target: server });
    const s3 = new Session({ graph: g, devices: { CPU: createReferenceBackend() } });
    open.push(s2, s3);
    await s1.run(v.initializer);
    await s1.run(v.assignAdd(4));
    expect(await value(s2, v)).toBe(7);
    await expect(s3.run(v)).rejects.toThrow(/uninitialized value v/);
  });
});

describe('initialization ops (§G)', () => {
  it('global init is a NoOp named init with the Assign ops as control inputs (case 116)', async () => {
    const [s, { v, w, l, init, init2, empty, local }] = setup(() => {
      const v = new Variable(1, { name: 'v' });
      const w = getVariable('w', [2]);
      const l = new Variable(5, { name: 'l', collections: [GraphKeys.LOCAL_VARIABLES] });
      return { v, w, l, init: globalVariablesInitializer(), init2: globalVariablesInitializer(), empty: variablesInitializer([]), local: localVariablesInitializer() };
    });
    expect([init.type, init.name, init2.name, empty.name, empty.type, local.name]).toEqual(['NoOp', 'init', 'init_1', 'init_2', 'NoOp', 'init_3']);
    expect(init.controlInputs.map((op) => op.name)).toEqual(['v/Assign', 'w/Assign']);
    expect(local.controlInputs.map((op) => op.name)).toEqual(['l/Assign']);
    await s.run(empty);
    await s.run(init);
    expect(await value(s, v)).toBe(1);
    expect((await s.run(w)).shape).toEqual([2]);
    await expect(s.run(l)).rejects.toThrow(/uninitialized value l/);
    await s.run(local);
    expect(await value(s, l)).toBe(5);
  });

  it('variablesInitializer initializes only its variables (case 117)', async () => {
    const [s, { a, b, init }] = setup(() => {
      const a = new Variable(1, { name: 'a' });
      const b = new Variable(2, { name: 'b' });
      return { a, b, init: variablesInitializer([a], 'init_a') };
    });
    expect(init.name).toBe('init_a');
    await s.run(init);
    expect(await value(s, a)).toBe(1);
    await expect(s.run(b)).rejects.toThrow(/uninitialized value b/);
  });

  it('reportUninitializedVariables lists op names in list order (case 118)', async () => {
    const [s, { v, w, report, some, emptyReport }] = setup(() => {
      const v = new Variable(1, { name: 'v' });
      const w = getVariable('w', [1], { collections: [GraphKeys.LOCAL_VARIABLES] });
      return { v, w, report: reportUninitializedVariables(), some: reportUninitializedVariables([w]), emptyReport: reportUninitializedVariables([]) };
    });
    expect(report.op.name).toBe('report_uninitialized_variables/boolean_mask/GatherV2');
    expect(report.device).toBe('/device:CPU:0');
    expect(await value(s, report)).toEqual(['v', 'w']);
    expect(await value(s, some)).toEqual(['w']);
    await s.run(w.initializer);
    expect(await value(s, report)).toEqual(['v']);
    await s.run(v.initializer);
    const none = await s.run(report);
    expect([none.dtype, none.shape]).toEqual(['string', [0]]);
    expect((await s.run(emptyReport)).shape).toEqual([0]);
    const [s2, r] = setup(() => reportUninitializedVariables());
    expect((await s2.run(r)).shape).toEqual([0]);
  });

  it('isVariableInitialized and assertVariablesInitialized (case 119)', async () => {
    const [s, { v, u, ok, check, one }] = setup(() => {
      const v = new Variable([[1, 2]], { name: 'v' });
      const u = new Variable(3, { name: 'u' });
      return { v, u, ok: isVariableInitialized(v), check: assertVariablesInitialized(), one: assertVariablesInitialized([v]) };
    });
    expect(await value(s, ok)).toBe(false);
    if (check === null || one === null) throw new Error('expected assertion ops');
    await expect(s.run(check)).rejects.toThrow(/Attempting to use uninitialized value/);
    await s.run(v.initializer);
    expect(await value(s, ok)).toBe(true);
    expect(await value(s, one)).toBe(2);
    await expect(s.run(check)).rejects.toThrow(/Attempting to use uninitialized value u/);
    await s.run(u.initializer);
    expect(await value(s, check)).toEqual([2, 0]);
    expect(new Graph().asDefault(() => assertVariablesInitialized())).toBeNull();
  });

  it('running an initializer again re-assigns the initial value (case 120)', async () => {
    const [s, v] = setup(() => new Variable(2, { name: 'v' }));
    expect(v.initializer.name).toBe('v/Assign');
    await s.run(v.initializer);
    await s.run(v.assign(9));
    await s.run(v.initializer);
    expect(await value(s, v)).toBe(2);
  });
});

describe('initial values that read other variables (TensorFlow’s uninitialized-dependency guard)', () => {
  it('reads the initialized values, so one init run works in any order', async () => {
    const [s, { a, b, c, init, g }] = setup(() => {
      const a = new Variable([1, 2, 3.5], { name: 'a' });
      const b = new Variable(add(a, 2), { name: 'b' });
      const c = new Variable(mul(a, a), { name: 'c' });
      // Run the initializers in reverse order: each still sees its dependencies' initial values.
      // (As in TensorFlow the guard is one level deep: it reads `initializedValue()`, whose
      // fallback is the dependency's own unguarded initial value.)
      return { a, b, c, init: variablesInitializer([c, b, a]), g: a.graph };
    });
    expect(b.initialValue.op.name).toBe('add');
    const assignInput = b.initializer.inputs[1];
    expect(assignInput?.op.name).toBe('add_b');
    expect(assignInput?.op.inputs[0]?.op.name).toBe('a/read_b');
    expect(g.findOperation('b/cond/Merge')).toBeDefined();
    await s.run(init);
    expect((await s.run([a, b, c] as const)).map((x) => x.toArray())).toEqual([[1, 2, 3.5], [3, 4, 5.5], [1, 4, 12.25]]);
  });

  it('leaves values without variable reads untouched', () => {
    const [, v] = setup(() => new Variable(add(constant(1), 2), { name: 'v' }));
    expect(v.initializer.inputs[1]).toBe(v.initialValue);
  });
});
