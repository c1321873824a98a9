import { describe, expect, it } from 'vitest';
import { controlDependencies, device, nameScope } from '../../src/graph/index.js';
import { constant } from '../../src/ops/convert.js';
import { noOp } from '../../src/ops/control.js';
import { placeholder } from '../../src/ops/placeholder.js';
import { ValueError } from '../../src/errors.js';
import {
  GraphKeys, Variable, container, getCollection, getVariable, globalVariables, trainableVariables,
  variableScope,
} from '../../src/variables/index.js';

import { expectSame, inGraph } from './helpers.js';

describe('tf.Variable construction (§C)', () => {
  it('names variables Variable, Variable_1 and uniquifies explicit names (case 27, seed 1.7)', () => {
    inGraph(() => {
      const a = new Variable(0.5);
      const b = new Variable(1.1);
      const c = new Variable(3, { name: 'foo' });
      const d = new Variable(4, { name: 'foo' });
      expect([a.name, b.name, c.name, d.name]).toEqual(['Variable:0', 'Variable_1:0', 'foo:0', 'foo_1:0']);
      expect(a.op.name).toBe('Variable');
      expect(a.shape.dims).toEqual([]);
    });
  });

  it('creates the op trio v, v/initial_value, v/Assign, v/read (case 28, seed 1.8)', () => {
    inGraph((g) => {
      const v = new Variable(10.5, { name: 'v' });
      expect(g.getOperations().map((op) => `${op.name}:${op.type}`)).toEqual([
        'v/initial_value:Const', 'v:VariableV2', 'v/Assign:Assign', 'v/read:Identity',
      ]);
      expect(v.op.type).toBe('VariableV2');
      expect(v.op.attrs.container).toBe('');
      expect(v.op.attrs.shape).toEqual([]);
      expect(v.op.attrs.dtype).toBe('float32');
      expect(v.initializer.name).toBe('v/Assign');
      expect(v.initialValue.name).toBe('v/initial_value:0');
      expect(v.value().name).toBe('v/read:0');
      expect(v.value().isRef).toBe(false);
      expect(v.toVariableDef()).toEqual({
        variableName: 'v:0', initialValueName: 'v/initial_value:0', initializerName: 'v/Assign',
        snapshotName: 'v/read:0', trainable: true, isResource: false,
      });
    });
  });

  it('uses a tensor initial value directly (case 29)', () => {
    inGraph((g) => {
      const c = constant(3.5);
      const v = new Variable(c, { name: 'v' });
      expect(v.initialValue).toBe(c);
      expect(v.toVariableDef().initialValueName).toBe('Const:0');
      expect(g.findOperation('v/initial_value')).toBeUndefined();
    });
  });

  it('builds a function initial value under v/Initializer/ colocated with loc:@v (case 30)', () => {
    inGraph(() => {
      const v = device('/gpu:1', () => new Variable(() => constant([[-42], [133.5]]), { name: 'v', dtype: 'float32' }));
      expect(v.shape.dims).toEqual([2, 1]);
      expect(v.initialValue.name).toBe('v/Initializer/Const:0');
      expect(v.initialValue.op.attrs._class).toEqual(['loc:@v']);
      expect(v.initialValue.op.device).toBe('');
      expect(v.op.attrs._class).toEqual(['loc:@v']);
      // The variable and its initializer and snapshot are on the variable's device (case 135).
      expect(v.device).toBe('/device:GPU:1');
      expect(v.initializer.device).toBe('/device:GPU:1');
      expect(v.value().device).toBe('/device:GPU:1');
    });
  });

  it('names a plain value from a function initial_value under the Initializer scope', () => {
    inGraph(() => {
      const v = new Variable(() => [1, 2, 3], { name: 'w' });
      expect(v.initialValue.name).toBe('w/Initializer/initial_value:0');
      expect(v.dtype).toBe('int32');
    });
  });

  it('rejects bad arguments with TensorFlow messages and leaves the graph unchanged (case 31)', () => {
    inGraph((g) => {
      expect(() => new Variable(undefined as never)).toThrow(new ValueError('initial_value must be specified.'));
      expect(() => new Variable(null as never)).toThrow('initial_value must be specified.');
      expect(() => new Variable(1, { collections: 'foo' as never })).toThrow(
        /collections argument to Variable constructor must be a list, tuple, or set. Got foo of type string/);
      expect(() => new Variable(1, { constraint: 0 as never })).toThrow('The `constraint` argument must be a callable.');
      const p = placeholder('float32', null);
      const before = g.size;
      expect(() => new Variable(p)).toThrow(/initial_value must have a shape specified: Tensor\("Placeholder:0"/);
      expect(g.size).toBe(before);
      expect(globalVariables().length).toBe(0);
      const loose = new Variable(p, { validateShape: false });
      expect(loose.shape.rank).toBeNull();
      expect(loose.op.attrs.shape).toBeNull();
    });
  });

  it('rejects an explicit dtype a plain value does not fit (case 6)', () => {
    inGraph(() => {
      expect(() => new Variable(2.5, { dtype: 'int32' })).toThrow(TypeError);
      expect(new Variable(2, { dtype: 'float64' }).dtype).toBe('float64');
    });
  });

  it('infers dtypes from plain values (seed 1.1, 1.2, cases 2–4)', () => {
    inGraph(() => {
      expect(new Variable('Orange').dtype).toBe('string');
      expect(new Variable(2, { dtype: 'int16' }).dtype).toBe('int16');
      expect(new Variable(3.23).dtype).toBe('float32');
      expect(new Variable(7).dtype).toBe('int32');
      expect(new Variable(2 ** 40).dtype).toBe('int64');
      expect(new Variable([1, 2.5]).dtype).toBe('float32');
      expect(new Variable(true).dtype).toBe('bool');
      const m = new Variable([[false, true], [false, false]]);
      expect([m.dtype, m.shape.dims]).toEqual(['bool', [2, 2]]);
      expect(() => new Variable([[1, 2], [3]])).toThrow(/ragged|dimension/i);
    });
  });

  it('escapes enclosing control dependencies (case 33)', () => {
    inGraph(() => {
      const c0 = noOp({ name: 'c' });
      const { v, k } = controlDependencies([c0], () => ({ k: constant(1, { name: 'k' }), v: new Variable(0.5, { name: 'v' }) }));
      expect(k.op.controlInputs).toEqual([c0]);
      expect(v.op.controlInputs).toEqual([]);
      expect(v.initializer.controlInputs).toEqual([]);
      expect(v.value().op.controlInputs).toEqual([]);
      expect(v.initialValue.op.controlInputs).toEqual([]);
    });
  });

  it('is not iterable (case 36)', () => {
    inGraph(() => {
      const v = new Variable([1, 2]);
      expect(() => [...(v as unknown as Iterable<unknown>)]).toThrow(new TypeError("'Variable' object is not iterable."));
    });
  });

  it('prints like TensorFlow (case 8)', () => {
    inGraph(() => {
      const v = new Variable(new Float32Array(25), { name: 'noop' });
      expect(String(v)).toBe("<tf.Variable 'noop:0' shape=(25,) dtype=float32_ref>");
      const m = new Variable(() => constant(0, { dtype: 'float32', shape: [5, 5] }), { name: 'noop' });
      expect(String(m)).toBe("<tf.Variable 'noop_1:0' shape=(5, 5) dtype=float32_ref>");
      expect(m.dtypeName).toBe('float32_ref');
    });
  });

  it('sets the container attr from container() scopes (case 40)', () => {
    inGraph(() => {
      const v0 = new Variable(1);
      const [v1, v2, v3] = container('l1', () => {
        const a = new Variable(1);
        const b = container('l2', () => new Variable(1));
        return [a, b, new Variable(1)];
      });
      const v4 = new Variable(1);
      expect([v0, v1, v2, v3, v4].map((v) => v?.op.attrs.container)).toEqual(['', 'l1', 'l2', 'l1', '']);
    });
  });

  it('is a separate namespace from getVariable (case 41)', () => {
    inGraph(() => {
      new Variable(1.5, { name: 'v' });
      expect(getVariable('v', []).name).toBe('v_1:0');
    });
    inGraph(() => {
      getVariable('v', []);
      expect(new Variable(1.5, { name: 'v' }).name).toBe('v_1:0');
    });
  });

  it('respects name scopes, unlike getVariable (case 42, seed 4.7)', () => {
    inGraph(() => {
      nameScope('foo', () => expect(new Variable(0.5, { name: 'v' }).name).toBe('foo/v:0'));
      nameScope('foo1', () => {
        expect(getVariable('v', [1]).name).toBe('v:0');
        expect(new Variable(1, { name: 'v2' }).name).toBe('foo1/v2:0');
      });
      variableScope('foo2', () => {
        expect(getVariable('v', [1]).name).toBe('foo2/v:0');
        expect(new Variable(1, { name: 'v2' }).name).toBe('foo2/v2:0');
      });
      const o = variableScope('outer', (s) => s);
      variableScope(o, () => {
        expect(new Variable(0.5, { name: 'v' }).name).toBe('outer_1/v:0');
        expect(getVariable('v', []).name).toBe('outer/v:0');
      });
    });
  });

  it('always makes new variables, even with the same name (seed 4.6)', () => {
    inGraph(() => {
      const layer = () => [new Variable(1, { name: 'name1' }), new Variable(2, { name: 'name2' })];
      const names = variableScope('n1', () => [...layer(), ...layer()].map((v) => v.name));
      expect(names).toEqual(['n1/name1:0', 'n1/name2:0', 'n1/name1_1:0', 'n1/name2_1:0']);
    });
  });
});

describe('Variable members (§H)', () => {
  it('assign/assignAdd/assignSub build ops in the current name scope, returning refs or ops (case 122)', () => {
    inGraph(() => {
      const v = new Variable(0.5, { name: 'v' });
      const a = v.assign(4.5);
      const p = v.assignAdd(1);
      const m = v.assignSub(2);
      expect([a.op.name, a.op.type, a.isRef]).toEqual(['Assign', 'Assign', true]);
      expect([p.op.name, p.op.type]).toEqual(['AssignAdd', 'AssignAdd']);
      expect([m.op.name, m.op.type]).toEqual(['AssignSub', 'AssignSub']);
      const op = v.assign(1, { readValue: false });
      expect(op.name).toBe('Assign_1');
      nameScope('s', () => expect(v.assignAdd(1, { useLocking: true }).op.name).toBe('s/AssignAdd'));
    });
  });

  it('colocates mutating ops with the variable (case 123)', () => {
    inGraph(() => {
      const v = device('/job:ps', () => new Variable(0, { name: 'v' }));
      const a = device('/job:worker/task:7', () => v.assign(1));
      expect(a.op.device).toBe('/job:ps');
      expect(a.op.attrs._class).toEqual(['loc:@v']);
    });
  });

  it('checks assigned shapes at graph build unless validateShape is false (case 124)', () => {
    inGraph(() => {
      const v = new Variable(constant(0, { dtype: 'float32', shape: [2, 3] }), { name: 'v' });
      expect(() => v.assign(constant(0, { dtype: 'float32', shape: [2, 2] }))).toThrow(
        /Dimension 1 in both shapes must be equal, but are 3 and 2/);
      const w = new Variable(constant(0, { dtype: 'float32', shape: [2, 3] }), { name: 'w', validateShape: false });
      expect(() => w.initializer).not.toThrow();
    });
  });

  it('value() is the cached snapshot; readValue() makes a new Identity honouring control deps (case 125)', () => {
    inGraph(() => {
      const v = new Variable(0.5, { name: 'v' });
      expect(v.value()).toBe(v.value());
      const r1 = v.readValue();
      const a = v.assign(5);
      const r2 = controlDependencies([a], () => v.readValue());
      expect(r1.name).toBe('read:0');
      expect(r2.name).toBe('read_1:0');
      expect(r2.op.controlInputs).toEqual([a.op]);
      expect(v.value().op.controlInputs).toEqual([]);
    });
  });

  it('stands for its snapshot as a tensor and for its ref as an l-value', () => {
    inGraph(() => {
      const v = new Variable(1.5, { name: 'v' });
      const ident = nameScope('x', () => new Variable(v, { name: 'copy' }));
      expect(ident.initialValue).toBe(v.value());
    });
  });

  it('has a shape, device, graph and trainable flag', () => {
    inGraph((g) => {
      const v = device('/cpu:0', () => new Variable([[1, 2, 3]], { name: 'rnd', trainable: false }));
      expect([v.name, v.shape.toString(), v.device, v.trainable, v.graph === g]).toEqual(['rnd:0', '(1, 3)', '/device:CPU:0', false, true]);
      expect(v.getShape().dims).toEqual([1, 3]);
    });
  });

  it('load() requires a session', async () => {
    const v = inGraph(() => new Variable(1));
    await expect(v.load(2)).rejects.toThrow('Either session argument should be provided or default session should be established');
  });

  it('rebuilds from a VariableDef', () => {
    inGraph((g) => {
      const v = new Variable(1.5, { name: 'v' });
      const w = Variable.fromVariableDef(v.toVariableDef(), { graph: g });
      expect([w.name, w.initializer, w.value(), w.initialValue]).toEqual([v.name, v.initializer, v.value(), v.initialValue]);
      const bare = Variable.fromVariableDef({ ...v.toVariableDef(), initialValueName: '' }, { graph: g });
      expect(() => bare.initializedValue()).toThrow(ValueError);
    });
  });
});

describe('collections of new variables (§D)', () => {
  it('joins GLOBAL and TRAINABLE by default, once each (case 44)', () => {
    inGraph(() => {
      const x = new Variable(1, { name: 'x' });
      const y = new Variable(1, { name: 'y', trainable: false });
      const z = new Variable(1, { name: 'z', trainable: true });
      const t = new Variable(1, { name: 't', collections: [GraphKeys.TRAINABLE_VARIABLES, GraphKeys.GLOBAL_VARIABLES] });
      expect(globalVariables().map((v) => v.name)).toEqual([x, y, z, t].map((v) => v.name));
      expect(trainableVariables().map((v) => v.name)).toEqual([x, z, t].map((v) => v.name));
    });
  });

  it('custom collections replace GLOBAL (cases 45, 46)', () => {
    inGraph(() => {
      const m = new Variable(1, { collections: ['my'] });
      const l = new Variable(1, { collections: [GraphKeys.LOCAL_VARIABLES] });
      expectSame(getCollection('my'), [m]);
      expect(globalVariables().length).toBe(0);
      expectSame(trainableVariables(), [m, l]);
      expectSame(getCollection(GraphKeys.LOCAL_VARIABLES), [l]);
      const s = new Variable(1, { collections: new Set(['a', 'b']) });
      expectSame(getCollection('b'), [s]);
    });
  });
});
