import { describe, expect, it } from 'vitest';
import { Graph, nameScope } from '../../src/graph/index.js';
import { ValueError } from '../../src/errors.js';
import { add, cond, constant, mul, noOp, placeholder, reshape } from '../../src/ops/index.js';
import { evaluate, inGraph, opSummary, referenceSession } from './helpers.js';

describe('cond graph structure (control_flow_ops.cond)', () => {
  it('builds Switch, the two pivots, pred_id, branch ops under cond/ and a Merge', () => {
    inGraph((g) => {
      const p = placeholder('bool', [], { name: 'p' });
      const x = placeholder('float32', [2], { name: 'x' });
      const r = cond(p, () => add(x, 1), () => mul(x, 2));
      expect(r.name).toBe('cond/Merge:0');
      expect(r.dtype).toBe('float32');
      expect(r.shape.toArray()).toEqual([2]);
      expect(opSummary(g).slice(2)).toEqual([
        'cond/Switch:Switch', 'cond/switch_t:Identity', 'cond/switch_f:Identity', 'cond/pred_id:Identity',
        'cond/add/y:Const', 'cond/add:Add', 'cond/mul/y:Const', 'cond/mul:Mul', 'cond/Merge:Merge',
      ]);
      // Ops that start a branch hang on its pivot; the Merge takes (false, true).
      expect(g.getOperationByName('cond/add/y').controlInputs.map((o) => o.name)).toEqual(['cond/switch_t']);
      expect(g.getOperationByName('cond/mul/y').controlInputs.map((o) => o.name)).toEqual(['cond/switch_f']);
      expect(r.op.inputs.map((t) => t.name)).toEqual(['cond/mul:0', 'cond/add:0']);
      expect(g.getOperationByName('cond/switch_t').inputs[0]?.name).toBe('cond/Switch:1');
    });
  });

  it('routes a tensor returned from outside the branch through its own Switch on pred_id', () => {
    inGraph((g) => {
      const p = placeholder('bool', [], { name: 'p' });
      const a = constant(1.5, { name: 'a' });
      const b = constant(2.5, { name: 'b' });
      cond(p, () => a, () => b);
      const s1 = g.getOperationByName('cond/Switch_1');
      expect(s1.inputs.map((t) => t.name)).toEqual(['a:0', 'cond/pred_id:0']);
      expect(g.getOperationByName('cond/Merge').inputs.map((t) => t.name)).toEqual(['cond/Switch_2:0', 'cond/Switch_1:1']);
    });
  });

  it('nests under name scopes and uniquifies cond scopes', () => {
    inGraph(() => {
      const p = placeholder('bool', [], { name: 'p' });
      const r1 = nameScope('outer', () => cond(p, () => constant(1), () => constant(2)));
      const r2 = cond(p, () => constant(1), () => constant(2), { name: 'choose' });
      const r3 = cond(p, () => constant(1), () => constant(2));
      expect([r1.op.name, r2.op.name, r3.op.name]).toEqual(['outer/cond/Merge', 'choose/Merge', 'cond/Merge']);
    });
  });
});

describe('cond values', () => {
  it('evaluates only the taken branch', async () => {
    const g = new Graph();
    const { p, s, r } = g.asDefault(() => {
      const p = placeholder('bool', [], { name: 'p' });
      const s = placeholder('int32', [1], { name: 's' });
      const x = constant([1.5, 2.5]);
      // The true branch fails when it runs (2 values cannot take shape [3]): it must not run when p is false.
      const r = cond(p, () => reshape(x, s), () => mul(x, 2));
      return { p, s, r };
    });
    expect(await evaluate(g, [r], { [p.name]: false, [s.name]: [3] })).toEqual([[3, 5]]);
    await expect(evaluate(g, [r], { [p.name]: true, [s.name]: [3] })).rejects.toThrow(/Cannot reshape a tensor with 2 elements/);
    expect(await evaluate(g, [r], { [p.name]: true, [s.name]: [2] })).toEqual([[1.5, 2.5]]);
  });

  it('returns structures of tensors, unpacking a one-element array unless strict', async () => {
    const g = new Graph();
    const { p, pair, obj, single, strict, opResult } = g.asDefault(() => {
      const p = placeholder('bool', [], { name: 'p' });
      const a = constant(1);
      const b = constant(2);
      return {
        p,
        pair: cond(p, () => [a, add(b, 10)], () => [b, add(a, 20)]),
        obj: cond(p, () => ({ x: a, y: 1.5 }), () => ({ x: b, y: 2.5 })),
        single: cond(p, () => [a], () => [b]),
        strict: cond(p, () => [a], () => [b], { strict: true }),
        opResult: cond(p, () => noOp(), () => noOp()),
      };
    });
    const s = referenceSession(g);
    try {
      const t = await s.run({ pair, obj, single, strict, opResult } as never, { [p.name]: true } as never) as never as Record<string, unknown>;
      const f = await s.run({ pair, obj, single, strict } as never, { [p.name]: false } as never) as never as Record<string, unknown>;
      const plain = (v: unknown): unknown => (Array.isArray(v) ? v.map(plain)
        : v !== null && typeof v === 'object' && 'toArray' in v ? (v as { toArray(): unknown }).toArray()
          : v !== null && typeof v === 'object' ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x)])) : v);
      expect(plain(t)).toEqual({ pair: [1, 12], obj: { x: 1, y: 1.5 }, single: 1, strict: [1], opResult: true });
      expect(plain(f)).toEqual({ pair: [2, 21], obj: { x: 2, y: 2.5 }, single: 2, strict: [2] });
    } finally {
      await s.close();
    }
  });

  it('nests conds', async () => {
    const g = new Graph();
    const { p, q, r } = g.asDefault(() => {
      const p = placeholder('bool', [], { name: 'p' });
      const q = placeholder('bool', [], { name: 'q' });
      const r = cond(p, () => cond(q, () => constant(1), () => constant(2)), () => constant(3));
      return { p, q, r };
    });
    const run = async (pv: boolean, qv: boolean) => (await evaluate(g, [r], { [p.name]: pv, [q.name]: qv }))[0];
    expect([await run(true, true), await run(true, false), await run(false, true), await run(false, false)]).toEqual([1, 2, 3, 3]);
  });
});

describe('cond errors', () => {
  it('rejects bad predicates and mismatched branches, leaving the graph unchanged', () => {
    inGraph((g) => {
      const p = placeholder('bool', [], { name: 'p' });
      const x = placeholder('float32', [], { name: 'x' });
      const n = g.size;
      expect(() => cond(true as never, () => x, () => x)).toThrow(new TypeError('pred must not be a Python bool'));
      expect(() => cond(x, () => x, () => x)).toThrow(/pred must be a bool tensor/);
      expect(() => cond(placeholder('bool', [2]), () => x, () => x)).toThrow(/rank 0/);
      expect(() => cond(p, () => [x, x], () => [x] as never)).toThrow(ValueError);
      expect(() => cond(p, () => [x, x], () => [x] as never)).toThrow(/Incompatible return values of true_fn and false_fn/);
      expect(() => cond(p, () => x, () => constant(1))).toThrow(/Outputs of true_fn and false_fn must have the same type: int32, float32/);
      expect(() => cond(p, () => undefined as never, () => x)).toThrow(/true_fn must have a return value/);
      expect(() => cond(p, () => [], () => [])).toThrow(/must return at least one result/);
      expect(() => cond(p, () => { throw new RangeError('boom'); }, () => x)).toThrow(RangeError);
      expect(g.size).toBe(n + 1);
    });
  });
});
