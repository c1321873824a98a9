import { dtypeInfo } from '@varscope/kernel-api';
import type { DType } from '@varscope/kernel-api';
import type { expect as vitestExpect } from 'vitest';
import type { NDArray } from '../../dtypes/index.js';
import { FailedPreconditionError, ValueError } from '../../errors.js';
import { Graph, controlDependencies, device, nameScope } from '../../graph/index.js';
import { noOp } from '../../ops/control.js';
import { constant } from '../../ops/convert.js';
import { add, mul } from '../../ops/math.js';
import { assign } from '../../ops/state.js';
import type { Session } from '../../session/index.js';
import { replicaDeviceSetter } from '../../train/device-setter.js';
import {
  AUTO_REUSE, GraphKeys, Variable, addToCollection, computeFans, constantInitializer, getCollection,
  getVariable, getVariableScope, globalVariables, globalVariablesInitializer, localVariables, onesInitializer,
  randomUniformInitializer, reportUninitializedVariables, trainableVariables, truncatedNormalInitializer,
  variableScope, variablesInitializer, zerosInitializer,
} from '../../variables/index.js';

/** What a scenario needs from the test runner: sessions on the backend under test, and vitest's `expect`. */
export interface ScenarioContext {
  newSession(graph: Graph): Session;
  expect: typeof vitestExpect;
}

/** One behaviour from the seed documents (SEED-SCENARIOS.md), runnable on any backend. */
export interface SeedScenario {
  /** The section number in SEED-SCENARIOS.md, e.g. `1.3`. */
  readonly id: string;
  readonly title: string;
  readonly run: (ctx: ScenarioContext) => Promise<void>;
}

/** Runs `fn` with a fresh graph as the default; returns the graph and `fn`'s result. */
function build<T>(fn: () => T): [Graph, T] {
  const g = new Graph();
  return [g, g.asDefault(fn)];
}

/** Opens a session on `graph`, runs `body`, and always closes it. */
async function withSession(ctx: ScenarioContext, graph: Graph, body: (s: Session) => Promise<void>): Promise<void> {
  const s = ctx.newSession(graph);
  try {
    await body(s);
  } finally {
    await s.close();
  }
}

const values = (a: NDArray): number[] => Array.from(a.data as ArrayLike<number>, Number);
const maxAbs = (xs: readonly number[]): number => xs.reduce((m, x) => Math.max(m, Math.abs(x)), 0);
const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
const stddev = (xs: readonly number[]): number => {
  const m = mean(xs);
  return Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / xs.length);
};

/** Sections 1–5 of SEED-SCENARIOS.md: creating, initializing and using variables, collections, scopes, devices. */
export const variableScenarios: readonly SeedScenario[] = Object.freeze([
  {
    id: '1.1', title: 'variables of many dtypes and ranks read back their dtype, shape and value',
    async run(ctx) {
      const { expect } = ctx;
      const [g, vars] = build(() => [
        new Variable('Orange', { name: 'mammal' }),
        new Variable(2, { dtype: 'int16', name: 'its_complicated' }),
        new Variable(3.23, { dtype: 'float32', name: 'floating' }),
        new Variable(['Fruit', 'orange'], { name: 'mystr' }),
        new Variable([3.23, 4.02], { dtype: 'float64', name: 'cool_numbers' }),
        new Variable([[false, true], [false, false]], { name: 'bools' }),
      ]);
      const init = g.asDefault(() => globalVariablesInitializer());
      await withSession(ctx, g, async (s) => {
        await s.run(init);
        const got = await s.run(vars);
        expect(got.map((a) => [a.dtype, a.shape])).toEqual([
          ['string', []], ['int16', []], ['float32', []], ['string', [2]], ['float64', [2]], ['bool', [2, 2]],
        ]);
        expect(got[0]?.toArray()).toBe('Orange');
        expect(got[1]?.toArray()).toBe(2);
        expect(got[2]?.toArray()).toBeCloseTo(3.23, 6);
        expect(got[3]?.toArray()).toEqual(['Fruit', 'orange']);
        expect(got[4]?.toArray()).toEqual([3.23, 4.02]);
        expect(got[5]?.toArray()).toEqual([[false, true], [false, false]]);
      });
    },
  },
  {
    id: '1.2', title: 'dtypes inferred from plain values; ragged arrays are an error',
    async run({ expect }) {
      build(() => {
        expect(new Variable(1.5).dtype).toBe('float32');
        expect(new Variable(1).dtype).toBe('int32');
        expect(new Variable('s').dtype).toBe('string');
        expect(new Variable(false).dtype).toBe('bool');
        expect(new Variable([[[1], [2]]]).shape.dims).toEqual([1, 2, 1]);
        expect(() => new Variable([[1, 2], [3]])).toThrow(ValueError);
      });
      await Promise.resolve();
    },
  },
  {
    id: '1.3', title: 'getVariable([5, 5, 3]) is float32 filled by glorot uniform within its limit',
    async run(ctx) {
      const { expect } = ctx;
      const [g, v] = build(() => getVariable('v1', [5, 5, 3]));
      expect([v.dtype, v.shape.dims]).toEqual(['float32', [5, 5, 3]]);
      const [fanIn, fanOut] = computeFans([5, 5, 3]);
      expect([fanIn, fanOut]).toEqual([25, 15]);
      const limit = Math.sqrt(6 / (fanIn + fanOut));
      await withSession(ctx, g, async (s) => {
        await s.run(v.initializer);
        const xs = values(await s.run(v));
        expect(xs.length).toBe(75);
        expect(maxAbs(xs)).toBeLessThanOrEqual(limit);
        // A uniform spread over (-limit, limit), not a constant.
        expect(Math.max(...xs) - Math.min(...xs)).toBeGreaterThan(limit);
      });
    },
  },
  {
    id: '1.4', title: 'tensor initializers give the tensor’s dtype and shape; a shape with them is an error',
    async run(ctx) {
      const { expect } = ctx;
      const [g, [v2, v3]] = build(() => [
        getVariable('v2', { initializer: constant(2) }),
        getVariable('v3', { initializer: constant([[2, 3], [4, 5]]) }),
      ] as const);
      expect([v2.dtype, v3.dtype]).toEqual(['int32', 'int32']);
      g.asDefault(() => {
        const init = constant([1, 2]);
        const before = g.size;
        expect(() => getVariable('v4', [2], { initializer: init })).toThrow(/do not specify shape/);
        expect(g.size).toBe(before);
      });
      await withSession(ctx, g, async (s) => {
        await s.run([v2.initializer, v3.initializer]);
        const [a, b] = await s.run([v2, v3] as const);
        expect(a.toArray()).toBe(2);
        expect(b.toArray()).toEqual([[2, 3], [4, 5]]);
      });
    },
  },
  {
    id: '1.5', title: 'initializers by shape: zeros, ones, constant, truncated normal, random uniform',
    async run(ctx) {
      const { expect } = ctx;
      const sd = Math.sqrt(2 / 784);
      const [g, vs] = build(() => [
        getVariable('z', [3, 2], { initializer: zerosInitializer() }),
        getVariable('o', [3, 2], { initializer: onesInitializer() }),
        getVariable('c', [3, 2], { initializer: constantInitializer([1, 2, 3, 4, 5, 6]) }),
        getVariable('W', [784, 256], { initializer: truncatedNormalInitializer({ stddev: sd, seed: 7 }) }),
        getVariable('u', [4, 5], { initializer: randomUniformInitializer(-1, 1) }),
      ] as const);
      const init = g.asDefault(() => globalVariablesInitializer());
      await withSession(ctx, g, async (s) => {
        await s.run(init);
        const [z, o, c, w, u] = await s.run(vs);
        expect(z.toArray()).toEqual([[0, 0], [0, 0], [0, 0]]);
        expect(o.toArray()).toEqual([[1, 1], [1, 1], [1, 1]]);
        expect(c.toArray()).toEqual([[1, 2], [3, 4], [5, 6]]);
        const ws = values(w);
        expect(Math.abs(mean(ws))).toBeLessThan(0.02 * sd);
        // No value beyond 2σ; the stddev of a normal truncated at ±2σ is 0.8796σ.
        expect(maxAbs(ws)).toBeLessThanOrEqual(2 * sd);
        expect(stddev(ws) / sd).toBeCloseTo(0.87962566, 2);
        const us = values(u);
        expect(us.every((x) => x >= -1 && x < 1)).toBe(true);
      });
    },
  },
  {
    id: '1.6', title: 'getVariable again in the same scope fails with "already exists" and changes nothing',
    async run({ expect }) {
      const [g] = build(() => getVariable('v1', [5, 5, 3]));
      g.asDefault(() => {
        const ops = g.size;
        expect(() => getVariable('v1', [3, 2], { initializer: zerosInitializer() })).toThrow(/Variable v1 already exists, disallowed/);
        expect(g.size).toBe(ops);
        expect(globalVariables().length).toBe(1);
      });
      await Promise.resolve();
    },
  },
  {
    id: '1.7', title: 'new Variable names: Variable, Variable_1, foo, foo_1',
    async run({ expect }) {
      const [, vs] = build(() => [new Variable(1), new Variable(2), new Variable(3, { name: 'foo' }), new Variable(4, { name: 'foo' })]);
      expect(vs.map((v) => v.name)).toEqual(['Variable:0', 'Variable_1:0', 'foo:0', 'foo_1:0']);
      await Promise.resolve();
    },
  },
  {
    id: '1.8', title: 'creating a variable adds its variable op, Assign initializer, read snapshot and initial-value ops',
    async run({ expect }) {
      const [g, [v, w]] = build(() => [new Variable(1.5, { name: 'v' }), getVariable('w', [2])]);
      const ops = g.getOperations().map((op) => op.name);
      expect(ops).toEqual(expect.arrayContaining(['v', 'v/initial_value', 'v/Assign', 'v/read', 'w', 'w/Assign', 'w/read']));
      expect(v.initializer.type).toBe('Assign');
      expect(ops.some((n) => n.startsWith('w/Initializer/'))).toBe(true);
      expect(w.op.type).toBe('VariableV2');
      await Promise.resolve();
    },
  },
  {
    id: '1.9', title: 'every TensorFlow dtype makes a variable carrying its DataType number',
    async run(ctx) {
      const { expect } = ctx;
      const table: [DType, number][] = [
        ['float32', 1], ['float64', 2], ['int32', 3], ['uint8', 4], ['int16', 5], ['int8', 6], ['string', 7],
        ['complex64', 8], ['int64', 9], ['bool', 10], ['qint8', 11], ['quint8', 12], ['qint32', 13], ['bfloat16', 14],
        ['uint16', 17], ['complex128', 18], ['float16', 19], ['uint32', 22], ['uint64', 23],
      ];
      const [g, vs] = build(() => table.map(([dtype]) => getVariable(`v_${dtype}`, [2], { dtype, initializer: zerosInitializer() })));
      vs.forEach((v, i) => {
        const [dtype, num] = table[i] as [DType, number];
        expect(v.dtype).toBe(dtype);
        expect(dtypeInfo(v.dtype).enum).toBe(num);
        expect(v.op.attrs.dtype).toBe(dtype);
      });
      // The common value types also run.
      const runnable = vs.filter((v) => ['float32', 'float64', 'int32', 'int64', 'bool', 'string'].includes(v.dtype));
      await withSession(ctx, g, async (s) => {
        await s.run(runnable.map((v) => v.initializer));
        for (const a of await s.run(runnable)) expect(a.shape).toEqual([2]);
      });
    },
  },
  {
    id: '2.1', title: 'reading an uninitialized variable fails naming it; the session stays usable',
    async run(ctx) {
      const { expect } = ctx;
      const [g, [w, c]] = build(() => [new Variable(1.5, { name: 'W' }), constant(3)]);
      await withSession(ctx, g, async (s) => {
        const err = await s.run(w).then(() => null, (e: unknown) => e);
        expect(err).toBeInstanceOf(FailedPreconditionError);
        expect((err as Error).message).toContain('Attempting to use uninitialized value W');
        expect((await s.run(c)).toArray()).toBe(3);
        await s.run(w.initializer);
        expect((await s.run(w)).toArray()).toBe(1.5);
      });
    },
  },
  {
    id: '2.2', title: 'globalVariablesInitializer, variablesInitializer, v.initializer and reportUninitializedVariables',
    async run(ctx) {
      const { expect } = ctx;
      const [g, { a, b, c, init, some, report }] = build(() => {
        const a = new Variable(1, { name: 'a' });
        const b = new Variable(2, { name: 'b' });
        const c = new Variable(3, { name: 'c' });
        return { a, b, c, init: globalVariablesInitializer(), some: variablesInitializer([a, b]), report: reportUninitializedVariables() };
      });
      expect(init.name).toBe('init');
      await withSession(ctx, g, async (s) => {
        expect((await s.run(report)).toArray()).toEqual(['a', 'b', 'c']);
        await s.run(c.initializer);
        expect((await s.run(report)).toArray()).toEqual(['a', 'b']);
        await s.run(some);
        const empty = await s.run(report);
        expect([empty.size, empty.shape]).toEqual([0, [0]]);
        expect((await s.run([a, b, c])).map((x) => x.toArray())).toEqual([1, 2, 3]);
      });
      await withSession(ctx, g, async (s) => {
        await s.run(init);
        expect((await s.run(report)).size).toBe(0);
      });
    },
  },
  {
    id: '2.3', title: 'initializedValue() chains initial values in one initializer run',
    async run(ctx) {
      const { expect } = ctx;
      const [g, { w, copy, twice, init }] = build(() => {
        const v = getVariable('v', { initializer: constant([1.5, 2.5]) });
        const w = getVariable('w', { initializer: add(v.initializedValue(), 1) });
        const weights = new Variable([[0.5, 1], [2, 3]], { name: 'weights' });
        const copy = new Variable(weights.initializedValue(), { name: 'w2' });
        const twice = new Variable(mul(weights.initializedValue(), 2), { name: 'w_twice' });
        return { w, copy, twice, init: globalVariablesInitializer() };
      });
      await withSession(ctx, g, async (s) => {
        await s.run(init);
        const [a, b, c] = await s.run([w, copy, twice]);
        expect(a.toArray()).toEqual([2.5, 3.5]);
        expect(b.toArray()).toEqual([[0.5, 1], [2, 3]]);
        expect(c.toArray()).toEqual([[1, 2], [4, 6]]);
      });
    },
  },
  {
    id: '2.4', title: 'a counter incremented three times reads 3',
    async run(ctx) {
      const { expect } = ctx;
      const [g, { counter, increment }] = build(() => {
        const counter = getVariable('counter', { initializer: constant(0) });
        return { counter, increment: assign(counter, add(counter, 1)) };
      });
      await withSession(ctx, g, async (s) => {
        await s.run(counter.initializer);
        const seen: unknown[] = [];
        for (let i = 0; i < 3; i++) seen.push((await s.run(increment)).toArray());
        expect(seen).toEqual([1, 2, 3]);
        expect((await s.run(counter)).toArray()).toBe(3);
      });
    },
  },
  {
    id: '2.5', title: 'a variable in an expression is its value',
    async run(ctx) {
      const { expect } = ctx;
      const [g, { v, w }] = build(() => {
        const v = new Variable([1, 2], { name: 'v' });
        return { v, w: add(v, 1) };
      });
      await withSession(ctx, g, async (s) => {
        await s.run(v.initializer);
        expect((await s.run(w)).toArray()).toEqual([2, 3]);
      });
    },
  },
  {
    id: '2.6', title: 'assignAdd then readValue under its control dependency sees the update',
    async run(ctx) {
      const { expect } = ctx;
      const [g, { v, v1, r }] = build(() => {
        const v = getVariable('v', { initializer: constant(0.5) });
        const v1 = v.assignAdd(1);
        const r = controlDependencies([v1], () => v.readValue());
        return { v, v1, r };
      });
      await withSession(ctx, g, async (s) => {
        await s.run(v.initializer);
        expect((await s.run(r)).toArray()).toBe(1.5);
        // TensorFlow's run([v, v1]): the variable is read when the run ends, after the update.
        const [a, b] = await s.run([v, v1]);
        expect([a.toArray(), b.toArray()]).toEqual([2.5, 2.5]);
      });
    },
  },
  {
    id: '2.7', title: 'values persist across runs; a session owns its variables',
    async run(ctx) {
      const { expect } = ctx;
      const [g, { v, inc }] = build(() => {
        const v = new Variable(10, { name: 'v' });
        return { v, inc: v.assignAdd(5) };
      });
      await withSession(ctx, g, async (s1) => {
        await s1.run(v.initializer);
        await s1.run(inc);
        await s1.run(inc);
        expect((await s1.run(v)).toArray()).toBe(20);
        await withSession(ctx, g, async (s2) => {
          await expect(s2.run(v)).rejects.toThrow(/uninitialized value v/);
          await s2.run(v.initializer);
          expect((await s2.run(v)).toArray()).toBe(10);
        });
        expect((await s1.run(v)).toArray()).toBe(20);
      });
    },
  },
  {
    id: '3.1', title: 'every variable is GLOBAL; trainable ones also TRAINABLE',
    async run({ expect }) {
      build(() => {
        const a = new Variable(1);
        const b = getVariable('b', []);
        const c = new Variable(1, { trainable: false });
        expect(globalVariables().map((v) => v.name)).toEqual([a.name, b.name, c.name]);
        expect(trainableVariables().map((v) => v.name)).toEqual([a.name, b.name]);
      });
      await Promise.resolve();
    },
  },
  {
    id: '3.2', title: 'LOCAL via collections; trainable: false stays out of TRAINABLE',
    async run({ expect }) {
      build(() => {
        const myLocal = getVariable('my_local', [], { collections: [GraphKeys.LOCAL_VARIABLES] });
        const frozen = getVariable('my_non_trainable', [], { trainable: false });
        expect(localVariables().map((v) => v.name)).toEqual([myLocal.name]);
        expect(globalVariables().map((v) => v.name)).toEqual([frozen.name]);
        expect(trainableVariables().map((v) => v.name)).toEqual([myLocal.name]);
      });
      await Promise.resolve();
    },
  },
  {
    id: '3.3', title: 'any string names a collection',
    async run({ expect }) {
      build(() => {
        const myLocal = getVariable('my_local', [], { collections: [GraphKeys.LOCAL_VARIABLES] });
        addToCollection('my_collection_name', myLocal);
        const got = getCollection<Variable>('my_collection_name');
        expect(got.length === 1 && got[0] === myLocal).toBe(true);
        expect(getCollection('nothing here')).toEqual([]);
      });
      await Promise.resolve();
    },
  },
  {
    id: '3.4', title: 'getCollection(key, scope) filters by a regex from the start of the name',
    async run({ expect }) {
      build(() => {
        variableScope('discriminator', () => getVariable('w', []));
        variableScope('generator', () => getVariable('w', []));
        variableScope('discriminator_2', () => getVariable('w', []));
        expect(getCollection<Variable>(GraphKeys.TRAINABLE_VARIABLES, 'discriminator').map((v) => v.name))
          .toEqual(['discriminator/w:0', 'discriminator_2/w:0']);
        expect(getCollection<Variable>(GraphKeys.TRAINABLE_VARIABLES, 'discriminator/').map((v) => v.name))
          .toEqual(['discriminator/w:0']);
      });
      await Promise.resolve();
    },
  },
  {
    id: '4.1', title: 'variable scopes prefix getVariable names',
    async run({ expect }) {
      build(() => {
        expect(variableScope('conv1', () => getVariable('weights', [5, 5, 32, 32]).name)).toBe('conv1/weights:0');
        expect(variableScope('foo', () => variableScope('bar', () => getVariable('v', [1]).name))).toBe('foo/bar/v:0');
      });
      await Promise.resolve();
    },
  },
  {
    id: '4.2', title: 'a layer function twice in one scope fails; in two scopes it makes two sets',
    async run({ expect }) {
      build(() => {
        const layer = () => [getVariable('weights', [5, 5]), getVariable('biases', [5], { initializer: zerosInitializer() })];
        variableScope('conv1', layer);
        expect(() => variableScope('conv1', layer)).toThrow(/already exists/);
        variableScope('conv2', layer);
        expect(globalVariables().map((v) => v.name)).toEqual(['conv1/weights:0', 'conv1/biases:0', 'conv2/weights:0', 'conv2/biases:0']);
      });
      await Promise.resolve();
    },
  },
  {
    id: '4.3', title: 'sharing returns the same Variable objects',
    async run({ expect }) {
      build(() => {
        const [model, v] = variableScope('model', (s) => [s, getVariable('v', [1])] as const);
        expect(variableScope('model', { reuse: true }, () => getVariable('v', [1])) === v).toBe(true);
        expect(variableScope(model, { reuse: true }, () => getVariable('v', [1])) === v).toBe(true);
        variableScope('m2', (s) => {
          const w = getVariable('w', [1]);
          s.reuseVariables();
          expect(getVariable('w', [1]) === w).toBe(true);
        });
      });
      await Promise.resolve();
    },
  },
  {
    id: '4.4', title: 'reuse errors: "already exists", "does not exist"; AUTO_REUSE creates or reuses',
    async run({ expect }) {
      build(() => {
        variableScope('a', () => getVariable('v', [1]));
        expect(() => variableScope('a', () => getVariable('v', [1]))).toThrow(/already exists/);
        expect(() => variableScope('b', { reuse: true }, () => getVariable('v', [1]))).toThrow(/does not exist/);
        const x = variableScope('c', { reuse: AUTO_REUSE }, () => getVariable('v', [1]));
        expect(variableScope('c', { reuse: AUTO_REUSE }, () => getVariable('v', [1])) === x).toBe(true);
      });
      await Promise.resolve();
    },
  },
  {
    id: '4.5', title: 'getVariableScope().reuse through nested scopes',
    async run({ expect }) {
      build(() => {
        expect(getVariableScope().reuse).toBe(false);
        variableScope('foo', () => {
          expect(getVariableScope().reuse).toBe(false);
          variableScope('bar', { reuse: true }, () => {
            expect(getVariableScope().reuse).toBe(true);
            variableScope('baz', () => expect(getVariableScope().reuse).toBe(true));
          });
          expect(getVariableScope().reuse).toBe(false);
        });
      });
      await Promise.resolve();
    },
  },
  {
    id: '4.6', title: 'new Variable always makes new variables',
    async run({ expect }) {
      build(() => {
        const layer = () => [new Variable(1, { name: 'weights' }), new Variable(0, { name: 'biases' })];
        const names = variableScope('n1', () => [...layer(), ...layer()]).map((v) => v.name);
        expect(names).toEqual(['n1/weights:0', 'n1/biases:0', 'n1/weights_1:0', 'n1/biases_1:0']);
      });
      await Promise.resolve();
    },
  },
  {
    id: '4.7', title: 'nameScope prefixes new Variable but not getVariable',
    async run({ expect }) {
      build(() => {
        nameScope('foo1', () => {
          expect(getVariable('v', [1]).name).toBe('v:0');
          expect(new Variable(1, { name: 'v2' }).name).toBe('foo1/v2:0');
        });
        variableScope('foo2', () => {
          expect(getVariable('v', [1]).name).toBe('foo2/v:0');
          expect(new Variable(1, { name: 'v2' }).name).toBe('foo2/v2:0');
        });
      });
      await Promise.resolve();
    },
  },
  {
    id: '4.8', title: 'op names inside variable and name scopes',
    async run({ expect }) {
      build(() => variableScope('foo', () => {
        expect(add(1.5, getVariable('v', [1])).op.name).toBe('foo/add');
        nameScope('bar', () => {
          const v = getVariable('w', [1]);
          expect(v.name).toBe('foo/w:0');
          expect(add(1.5, v).op.name).toBe('foo/bar/add');
        });
      }));
      await Promise.resolve();
    },
  },
  {
    id: '4.9', title: 'the seed’s scoping() comparison of variable and name scopes',
    async run({ expect }) {
      const scoping = (scope: <T>(name: string, fn: () => T) => T, name: string) => build(() => scope(name, () => {
        const a = new Variable(1, { name: 'a' });
        const b = getVariable('b', { initializer: constant(2) });
        const c = new Variable(3, { name: 'c' });
        const res = nameScope('res', () => add(a, add(b, c), { name: 'res' }));
        return [a.name, b.name, c.name, res.name];
      }))[1];
      expect(scoping((n, f) => variableScope(n, f), 'scope_vars')).toEqual(['scope_vars/a:0', 'scope_vars/b:0', 'scope_vars/c:0', 'scope_vars/res/res:0']);
      expect(scoping((n, f) => nameScope(n, f), 'scope_name')).toEqual(['scope_name/a:0', 'b:0', 'scope_name/c:0', 'scope_name/res/res:0']);
      await Promise.resolve();
    },
  },
  {
    id: '4.10', title: 're-opened variable scopes take fresh name scopes',
    async run({ expect }) {
      build(() => {
        const scope = variableScope('outer', (s) => s);
        variableScope(scope, () => {
          expect(getVariable('w', []).name).toBe('outer/w:0');
          expect(noOp({ name: 'op' }).name).toBe('outer_1/op');
        });
        variableScope('outer', { reuse: true }, () => {
          expect(getVariable('w', []).name).toBe('outer/w:0');
          expect(noOp({ name: 'op' }).name).toBe('outer_2/op');
        });
      });
      await Promise.resolve();
    },
  },
  {
    id: '5.1', title: 'device scopes record the device on the variable and its ops, merged like DeviceSpec',
    async run({ expect }) {
      build(() => {
        const v = device('/gpu:1', () => getVariable('v', [1]));
        expect([v.device, v.initializer.device, v.value().device]).toEqual(['/device:GPU:1', '/device:GPU:1', '/device:GPU:1']);
        const w = device('/job:ps/task:7', () => device('/device:GPU:1', () => new Variable(1, { name: 'w' })));
        expect(w.device).toBe('/job:ps/task:7/device:GPU:1');
      });
      await Promise.resolve();
    },
  },
  {
    id: '5.2', title: 'ops that mutate a variable are placed with it',
    async run({ expect }) {
      build(() => {
        const v = device('/job:ps', () => new Variable(0, { name: 'v' }));
        const a = device('/job:worker/task:7', () => v.assign(1));
        const b = device('/job:worker', () => assign(v, 2));
        expect([a.device, b.device]).toEqual(['/job:ps', '/job:ps']);
      });
      await Promise.resolve();
    },
  },
  {
    id: '5.3', title: 'replicaDeviceSetter places variables round robin on ps tasks, other ops on the worker',
    async run({ expect }) {
      build(() => {
        const setter = replicaDeviceSetter({ cluster: { ps: ['ps0:2222', 'ps1:2222'], worker: ['worker0:2222', 'worker1:2222', 'worker2:2222'] } });
        device(setter, () => {
          const v = new Variable([1, 2], { name: 'v' });
          const w = new Variable([2, 1], { name: 'w' });
          const a = add(v, w);
          const x = getVariable('x', [2]);
          expect([v.device, v.initializer.device, w.device, a.device, x.device])
            .toEqual(['/job:ps/task:0', '/job:ps/task:0', '/job:ps/task:1', '/job:worker', '/job:ps/task:0']);
        });
      });
      await Promise.resolve();
    },
  },
]);
