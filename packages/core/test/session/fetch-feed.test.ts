import { describe, expect, it } from 'vitest';
import { NDArray } from '../../src/dtypes/index.js';
import { InvalidArgumentError, RuntimeError, ValueError } from '../../src/errors.js';
import { Graph } from '../../src/graph/index.js';
import { add, constant, countUpTo, mul, noOp, placeholder } from '../../src/ops/index.js';
import { Variable, globalVariablesInitializer } from '../../src/variables/index.js';
import { buildGraph, session } from './helpers.js';

describe('Session.run fetches (cases 143–145)', () => {
  it('fetches each leaf kind: tensor, op (null), variable, tensor name, op name', async () => {
    const { graph, out } = buildGraph(() => {
      const v = new Variable(2.5, { name: 'v' });
      const c = constant([1, 2, 3], { name: 'c' });
      return { v, c, init: globalVariablesInitializer() };
    });
    const sess = session(graph);
    expect(await sess.run('init')).toBeNull();
    expect(await sess.run(out.init)).toBeNull();
    const c = await sess.run(out.c);
    expect(c).toBeInstanceOf(NDArray);
    expect(c.dtype).toBe('int32');
    expect(c.shape).toEqual([3]);
    expect(c.toArray()).toEqual([1, 2, 3]);
    expect((await sess.run(out.v)).toArray()).toBe(2.5);
    expect(((await sess.run('v:0')) as NDArray).toArray()).toBe(2.5);
    expect(((await sess.run('c:0')) as NDArray).toArray()).toEqual([1, 2, 3]);
    await sess.close();
  });

  it('mirrors arrays, plain objects and Maps, nested, with ops as null', async () => {
    const { graph, out } = buildGraph(() => ({ a: constant(1.5), b: constant([true, false]), op: noOp({ name: 'nop' }) }));
    const sess = session(graph);
    const r = await sess.run({ x: [out.a, [out.b, out.op]], m: new Map([['k', out.a]]) });
    expect(r.x[0].toArray()).toBe(1.5);
    expect((r.x[1] as [NDArray, null])[0].toArray()).toEqual([true, false]);
    expect((r.x[1] as [NDArray, null])[1]).toBeNull();
    expect(r.m).toBeInstanceOf(Map);
    expect(r.m.get('k')?.toArray()).toBe(1.5);
    expect(await sess.run([])).toEqual([]);
    expect(await sess.run({})).toEqual({});
  });

  it('computes a tensor fetched several times once', async () => {
    const { graph, out } = buildGraph(() => {
      const v = new Variable(0, { name: 'counter' });
      return { init: v.initializer, next: countUpTo(v, 10) };
    });
    const sess = session(graph);
    await sess.run(out.init);
    const [a, b, c] = await sess.run([out.next, out.next, { again: out.next }]);
    expect(a.toArray()).toBe(0);
    expect(b.toArray()).toBe(0);
    expect(c.again.toArray()).toBe(0);
    expect((await sess.run(out.next)).toArray()).toBe(1);
  });

  it('rejects fetches of invalid types and foreign or unknown elements', async () => {
    const { graph } = buildGraph(() => constant(1, { name: 'c' }));
    const other = new Graph().asDefault(() => constant(2, { name: 'elsewhere' }));
    const sess = session(graph);
    await expect(sess.run(null as never)).rejects.toThrow(new TypeError('Fetch argument null has invalid type null'));
    await expect(sess.run(3 as never)).rejects.toThrow(
      'Fetch argument 3 has invalid type number, must be a string or Tensor. (Can not convert a number into a Tensor or Operation.)',
    );
    await expect(sess.run([constant as never])).rejects.toThrow(TypeError);
    await expect(sess.run(other)).rejects.toThrow(ValueError);
    await expect(sess.run(other)).rejects.toThrow(/cannot be interpreted as a Tensor. \(Tensor .*elsewhere:0.* is not an element of this graph.\)/);
    await expect(sess.run('nope:0')).rejects.toThrow(/Fetch argument 'nope:0' cannot be interpreted as a Tensor. \(The name 'nope:0' refers to a Tensor which does not exist/);
    await expect(sess.run('c:3')).rejects.toThrow(/exists but only has 1 outputs/);
    await expect(sess.run('missing')).rejects.toThrow(/refers to an Operation not in the graph/);
  });
});

describe('Session.run feeds (case 146)', () => {
  it('feeds placeholders by tensor, by name in a Map, and by name in an object', async () => {
    const { graph, out } = buildGraph(() => {
      const x = placeholder('float32', [null, 2], { name: 'x' });
      return { x, y: mul(x, 2) };
    });
    const sess = session(graph);
    expect((await sess.run(out.y, new Map([[out.x, [[1, 2], [3, 4]]]]))).toArray()).toEqual([[2, 4], [6, 8]]);
    expect((await sess.run(out.y, new Map([['x:0', [[0.5, 1]]]]))).toArray()).toEqual([[1, 2]]);
    expect((await sess.run(out.y, { 'x:0': NDArray.from(new Float32Array([1, 1, 2, 2]), [2, 2]) })).shape).toEqual([2, 2]);
  });

  it('checks the fed value against the tensor\'s static shape and dtype', async () => {
    const { graph, out } = buildGraph(() => {
      const x = placeholder('float32', [3], { name: 'x' });
      const i = placeholder('int32', [], { name: 'i' });
      return { x, i, y: add(x, 1), j: add(i, 1) };
    });
    const sess = session(graph);
    await expect(sess.run(out.y, new Map([[out.x, [1, 2]]]))).rejects.toThrow(
      new ValueError("Cannot feed value of shape (2,) for Tensor 'x:0', which has shape '(3,)'"),
    );
    await expect(sess.run(out.j, new Map([[out.i, 2 ** 40]]))).rejects.toThrow(
      /^Type of feed value 1099511627776 with type number is not compatible with Tensor type int32/,
    );
    await expect(sess.run(out.y, new Map([[out.x, out.y as never]]))).rejects.toThrow(
      /^The value of a feed cannot be a tf.Tensor object. Acceptable feed values include/,
    );
    await expect(sess.run(out.y, { x: [1, 2, 3] })).rejects.toThrow(/Cannot interpret feed_dict key as Tensor: The name 'x' refers to an Operation, not a Tensor/);
  });

  it('reports an unfed placeholder before running anything', async () => {
    const { graph, out } = buildGraph(() => {
      const v = new Variable(1, { name: 'v' });
      const x = placeholder('float32', [null, 3], { name: 'x' });
      const assign = v.assign(5);
      return { v, x, both: [assign, x] as const, init: v.initializer };
    });
    const sess = session(graph);
    await sess.run(out.init);
    const error = await sess.run(out.both).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect((error as Error).message).toMatch(/^You must feed a value for placeholder tensor 'x' with dtype float and shape \[\?,3\]/);
    expect((await sess.run(out.v)).toArray()).toBe(1);
  });

  it('lets any tensor be fed: its producer is cut off, and fetching it returns the fed value', async () => {
    const { graph, out } = buildGraph(() => {
      const x = placeholder('float32', [], { name: 'x' });
      const h = mul(x, 10, { name: 'h' });
      return { x, h, y: add(h, 1) };
    });
    const sess = session(graph);
    // x is never fed: feeding h means x's placeholder is not needed.
    const r = await sess.run([out.y, out.h], new Map([[out.h, 4]]));
    expect(r.map((a) => a.toArray())).toEqual([5, 4]);
    const fed = await sess.run(out.x, new Map([[out.x, 7]]));
    expect(fed.toArray()).toBe(7);
  });

  it('feeds a variable (its value for this run only) and string placeholders', async () => {
    const { graph, out } = buildGraph(() => {
      const v = new Variable([1.5, 2.5], { name: 'v' });
      const s = placeholder('string', [null], { name: 's' });
      return { v, doubled: mul(v, 2), greeting: add(s, constant('!')) };
    });
    const sess = session(graph);
    expect((await sess.run(out.doubled, new Map([[out.v, [10, 20]]]))).toArray()).toEqual([20, 40]);
    await expect(sess.run(out.doubled)).rejects.toThrow(/uninitialized value v/);
    expect((await sess.run(out.greeting, { 's:0': ['hi', 'yo'] })).toArray()).toEqual(['hi!', 'yo!']);
    await expect(sess.run(out.greeting, { 's:0': [1, 2] })).rejects.toThrow(/is not compatible with Tensor type string/);
    await expect(sess.run(out.greeting, { 'nope:0': ['x'] })).rejects.toThrow(
      /^Cannot interpret feed_dict key as Tensor: The name 'nope:0' refers to a Tensor which does not exist/,
    );
  });

  it('refuses to run once closed', async () => {
    const { graph, out } = buildGraph(() => constant(1));
    const sess = session(graph);
    await sess.run(out);
    await sess.close();
    expect(sess.closed).toBe(true);
    await expect(sess.run(out)).rejects.toThrow(new RuntimeError('Attempted to use a closed Session.'));
    expect(() => sess.runSync(out)).toThrow('Attempted to use a closed Session.');
    await sess.close(); // idempotent
  });

  it('closes through Symbol.asyncDispose, after the runs in flight', async () => {
    const { graph, out } = buildGraph(() => add(constant(1.5), 1));
    const sess = session(graph);
    const pending = sess.run(out);
    await sess[Symbol.asyncDispose]();
    expect((await pending).toArray()).toBe(2.5);
    expect(sess.closed).toBe(true);
  });

  it('rejects an empty graph', async () => {
    const sess = session(new Graph());
    await expect(sess.run([])).rejects.toThrow('The Session graph is empty. Add operations to the graph before calling run().');
  });
});
