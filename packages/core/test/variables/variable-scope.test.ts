import { describe, expect, it } from 'vitest';
import { ValueError } from '../../src/errors.js';
import { Graph, controlDependencies, nameScope } from '../../src/graph/index.js';
import { constant } from '../../src/ops/convert.js';
import { noOp } from '../../src/ops/control.js';
import { add } from '../../src/ops/math.js';
import {
  AUTO_REUSE, GraphKeys, Variable, VariableScope, constantInitializer, getCollection, getLocalVariable,
  getVariable, getVariableScope, globalVariables, localVariables, trainableVariables, variableScope,
  zerosInitializer,
} from '../../src/variables/index.js';
import type { Getter, GetterOptions } from '../../src/variables/index.js';
import { expectSame, inGraph, names } from './helpers.js';

/** The name scope ops get right now, e.g. `foo_1/`. */
const currentNameScope = (): string => noOp({ name: 'probe' }).name.replace(/probe(_\d+)?$/, '');

describe('getVariable naming (E1)', () => {
  it('creates v:0 at the root with the op trio and initializer ops (case 54)', () => {
    inGraph((g) => {
      const v = getVariable('v', [1]);
      expect([v.name, v.shape.toString(), v.dtype]).toEqual(['v:0', '(1,)', 'float32']);
      expectSame(globalVariables(), [v]);
      expectSame(trainableVariables(), [v]);
      const opNames = g.getOperations().map((op) => op.name);
      expect(opNames).toContain('v');
      expect(opNames).toContain('v/Assign');
      expect(opNames).toContain('v/read');
      expect(v.initialValue.name).toBe('v/Initializer/random_uniform:0');
      expect(opNames.filter((n) => n.startsWith('v/Initializer/random_uniform/'))).toEqual([
        'v/Initializer/random_uniform/shape', 'v/Initializer/random_uniform/min', 'v/Initializer/random_uniform/max',
        'v/Initializer/random_uniform/RandomUniform', 'v/Initializer/random_uniform/sub', 'v/Initializer/random_uniform/mul',
      ]);
    });
  });

  it('prefixes nested variable scopes; scopes report names without slashes (case 55, seed 4.1)', () => {
    inGraph(() => {
      variableScope('foo', (foo) => {
        expect(foo.name).toBe('foo');
        variableScope('bar', (bar) => {
          expect(bar.name).toBe('foo/bar');
          expect(getVariable('v', [1]).name).toBe('foo/bar/v:0');
        });
      });
      expect(variableScope('conv1', () => getVariable('weights', [5, 5, 32, 32]).name)).toBe('conv1/weights:0');
    });
  });

  it('ignores name scopes, including for the variable’s own ops (case 56, seed 4.8)', () => {
    inGraph(() => {
      expect(nameScope('ns0', () => getVariable('v', [1]).name)).toBe('v:0');
      nameScope('ns', () => variableScope('vs', () => {
        const w = getVariable('w', [1]);
        expect(w.name).toBe('vs/w:0');
        expect(w.initializer.name).toBe('vs/w/Assign');
        expect(w.value().name).toBe('vs/w/read:0');
        expect(add(w, 1).op.name).toBe('ns/vs/add');
      }));
      variableScope('foo', () => {
        expect(add(1.5, getVariable('v', [1])).op.name).toBe('foo/add');
        nameScope('bar', () => {
          expect(getVariable('v2', [1]).name).toBe('foo/v2:0');
          expect(add(1.5, getVariable('v3', [1])).op.name).toBe('foo/bar/add');
        });
      });
    });
  });

  it('opens a uniquified name scope when the name is taken (cases 57, 59)', () => {
    inGraph(() => {
      nameScope('foo', () => undefined);
      variableScope('foo', () => {
        expect(getVariable('v', [1]).name).toBe('foo/v:0');
        expect(currentNameScope()).toBe('foo_1/');
      });
      variableScope('towerA', () => getVariable('v', [1]));
      variableScope('towerA', () => {
        expect(currentNameScope()).toBe('towerA_1/');
        expect(() => getVariable('v', [1])).toThrow(/Variable towerA\/v already exists, disallowed/);
      });
    });
  });

  it('refuses to recreate a variable at the root and leaves the graph unchanged (case 58, seed 1.6)', () => {
    inGraph((g) => {
      getVariable('v1', [1]);
      const before = g.getOperations().length;
      let err: unknown;
      try {
        getVariable('v1', [3, 2], { initializer: zerosInitializer() });
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(ValueError);
      expect((err as Error).message).toBe(
        'Variable v1 already exists, disallowed. Did you mean to set reuse=True or reuse=tf.AUTO_REUSE in VarScope?');
      expect(g.getOperations().length).toBe(before);
      expect(globalVariables().length).toBe(1);
    });
  });

  it('validates variable names (case 19) and scope names (case 18)', () => {
    inGraph(() => {
      expect(() => getVariable('my var', [1])).toThrow("'my var' is not a valid scope name");
      expect(() => variableScope('_', () => undefined)).toThrow("'_' is not a valid scope name");
    });
  });
});

describe('reuse (E2)', () => {
  it('returns the identical object under reuse: true, adding nothing (case 60, seed 4.3)', () => {
    inGraph((g) => {
      const v = variableScope('foo', () => getVariable('v', [1]));
      const before = g.getOperations().length;
      const again = variableScope('foo', { reuse: true }, () => getVariable('v', [1]));
      expect(again).toBe(v);
      expect(g.getOperations().length).toBe(before);
      expect(globalVariables().length).toBe(1);
    });
  });

  it('fails to reuse a missing variable, also one made with new Variable (case 61)', () => {
    inGraph(() => {
      expect(() => variableScope('foo', { reuse: true }, () => getVariable('v', [1]))).toThrow(new ValueError(
        'Variable foo/v does not exist, or was not created with tf.get_variable(). Did you mean to set reuse=tf.AUTO_REUSE in VarScope?'));
      variableScope('bar', () => new Variable(1.5, { name: 'v' }));
      expect(() => variableScope('bar', { reuse: true }, () => getVariable('v', []))).toThrow(/Variable bar\/v does not exist/);
    });
  });

  it('reuseVariables() switches the scope to reuse (case 62, seed 4.3)', () => {
    inGraph(() => {
      variableScope('foo', (s) => {
        const v = getVariable('v', [1]);
        s.reuseVariables();
        expect(getVariable('v', [1])).toBe(v);
        expect(() => getVariable('w', [1])).toThrow(/Variable foo\/w does not exist/);
      });
      variableScope('bar', () => {
        const v = getVariable('v', [1]);
        getVariableScope().reuseVariables();
        expect(getVariable('v', [1])).toBe(v);
      });
    });
  });

  it('AUTO_REUSE creates or reuses (case 63, seed 4.4)', () => {
    inGraph(() => {
      const make = () => variableScope('foo', { reuse: AUTO_REUSE }, () => getVariable('v', [1]));
      const a = make();
      const b = make();
      expect(a).toBe(b);
      expect(names(globalVariables())).toEqual(['foo/v:0']);
    });
  });

  it('reuse: false inherits; reuse is inherited by sub-scopes (cases 64, 65, seed 4.5)', () => {
    inGraph(() => {
      expect(getVariableScope().reuse).toBe(false);
      variableScope('plain', () => expect(getVariableScope().reuse).toBe(false));
      variableScope('a', { reuse: true }, () => {
        expect(getVariableScope().reuse).toBe(true);
        variableScope('b', { reuse: false }, () => {
          expect(getVariableScope().reuse).toBe(true);
          expect(() => getVariable('x', [1])).toThrow(/Variable a\/b\/x does not exist/);
        });
        variableScope('c', () => variableScope('d', () => expect(getVariableScope().reuse).toBe(true)));
      });
      expect(getVariableScope().reuse).toBe(false);
      const towerA = variableScope('towerA', (s) => { getVariable('v', [1]); return s; });
      expect(() => variableScope(towerA, { reuse: true }, () => variableScope('baz', () => getVariable('v', [1]))))
        .toThrow(/Variable towerA\/baz\/v does not exist/);
    });
  });

  it('AUTO_REUSE is inherited, and wins over an inherited true (case 66)', () => {
    inGraph(() => {
      variableScope('p', { reuse: AUTO_REUSE }, () => variableScope('c', () => {
        expect(getVariableScope().reuse).toBe(AUTO_REUSE);
        expect(getVariable('v', [1])).toBe(getVariable('v', [1]));
      }));
      variableScope('q', { reuse: true }, () => variableScope('c', { reuse: AUTO_REUSE }, () => {
        expect(getVariableScope().reuse).toBe(AUTO_REUSE);
        expect(getVariable('w', [1]).name).toBe('q/c/w:0');
      }));
    });
  });

  it('rejects bad arguments (cases 67–69)', () => {
    inGraph(() => {
      expect(() => variableScope('a', { reuse: 'yes' as never }, () => undefined)).toThrow(
        new ValueError('The reuse parameter must be True or False or None.'));
      expect(() => variableScope(null, { defaultName: 'd', reuse: true }, () => undefined)).toThrow(
        new ValueError('reuse=True cannot be used without a name_or_scope'));
      expect(() => variableScope(null, () => undefined)).toThrow(new TypeError('If default_name is None then name_or_scope is required'));
      expect(() => variableScope(123 as never, () => undefined)).toThrow(
        new TypeError('VariableScope: name_or_scope must be a string or VariableScope.'));
      expect(() => variableScope('a', { auxiliaryNameScope: 'no' as never }, () => undefined)).toThrow(/auxiliary_name_scope/);
    });
  });

  it('checks shape and dtype on reuse with TensorFlow messages (cases 70, 71)', () => {
    inGraph(() => {
      getVariable('v', [1]);
      variableScope('', { reuse: true }, () => undefined);
      getVariableScope().reuseVariables();
      expect(() => getVariable('v', [2])).toThrow(new ValueError('Trying to share variable v, but specified shape (2,) and found shape (1,).'));
      expect(() => getVariable('v', [1], { dtype: 'int32' })).toThrow(
        new ValueError('Trying to share variable v, but specified dtype int32 and found dtype float32.'));
      expect(getVariable('v').name).toBe('v:0');
      expect(getVariable('v', [null]).name).toBe('v:0');
    });
  });

  it('keeps one store per graph (case 72)', () => {
    const g1 = new Graph();
    const g2 = new Graph();
    const a = g1.asDefault(() => getVariable('v', []));
    const b = g2.asDefault(() => getVariable('v', []));
    expect(a === b).toBe(false);
    expect(b.graph).toBe(g2);
    g1.asDefault(() => expect(() => getVariable('v', [])).toThrow(/already exists/));
  });
});

describe('re-entering scopes (E3)', () => {
  it('captured re-entry keeps the prefix and opens a new name scope (case 73)', () => {
    inGraph(() => {
      const o = variableScope('outer', (s) => s);
      variableScope(o, () => {
        expect(getVariable('w', []).name).toBe('outer/w:0');
        expect(currentNameScope()).toBe('outer_1/');
        variableScope('default', () => {
          expect(getVariable('w', []).name).toBe('outer/default/w:0');
          expect(currentNameScope()).toBe('outer_1/default/');
        });
      });
      variableScope(o, { reuse: true }, () => expect(currentNameScope()).toBe('outer_2/'));
    });
  });

  it('re-entry nested inside itself (case 74)', () => {
    inGraph(() => {
      variableScope('outer', (o) => {
        variableScope(o, () => {
          expect(getVariable('w', []).name).toBe('outer/w:0');
          expect(currentNameScope()).toBe('outer/outer/');
        });
        variableScope(o, () => expect(currentNameScope()).toBe('outer/outer_1/'));
        variableScope('default', () => undefined);
        variableScope('default', { reuse: true }, () => expect(currentNameScope()).toBe('outer/default_1/'));
      });
    });
  });

  it('re-entry from another scope (case 75)', () => {
    inGraph(() => {
      const t = variableScope('tower4', (s) => s);
      variableScope('tower6', () => variableScope(t, { reuse: true }, (ts) => {
        expect(ts.name).toBe('tower4');
        expect(currentNameScope()).toBe('tower6/tower4/');
      }));
    });
  });

  it('object vs string re-entry under name scopes (case 76)', () => {
    inGraph(() => {
      const tower = nameScope('N1', () => {
        const s = variableScope('tower', (x) => { expect(currentNameScope()).toBe('N1/tower/'); return x; });
        variableScope(s, () => expect(currentNameScope()).toBe('N1/tower_1/'));
        variableScope('tower', () => expect(currentNameScope()).toBe('N1/tower_2/'));
        return s;
      });
      nameScope('N2', () => {
        variableScope('tower', () => expect(currentNameScope()).toBe('N2/tower/'));
        variableScope(tower, () => expect(currentNameScope()).toBe('N2/tower_1/'));
      });
      const root = getVariableScope();
      nameScope('N3', () => variableScope(root, () => variableScope('scope2', () => expect(currentNameScope()).toBe('N3/scope2/'))));
    });
  });

  it('keeps original_name_scope (case 77)', () => {
    inGraph(() => {
      const t = nameScope('scope1', () => variableScope('tower', (s) => s));
      expect(t.originalNameScope).toBe('scope1/tower/');
      nameScope('scope2', () => variableScope(t, (s) => {
        expect(s.originalNameScope).toBe('scope1/tower/');
        expect(constant(1, { name: 'c' }).op.name).toBe('scope2/tower/c');
      }));
      nameScope(t.originalNameScope, () => nameScope('bar', (s) => expect(s).toBe('scope1/tower/bar/')));
      nameScope(t.originalNameScope, () => nameScope('bar', (s) => expect(s).toBe('scope1/tower/bar_1/')));
    });
  });

  it('reuse of a captured scope sticks (cases 78–80)', () => {
    inGraph(() => {
      const reusing = variableScope('r', { reuse: true }, (s) => s);
      variableScope(reusing, (s) => expect(s.reuse).toBe(true));
      variableScope(reusing, { reuse: false }, (s) => expect(s.reuse).toBe(true));
      const fresh = variableScope('f', (s) => s);
      variableScope(fresh, (s) => expect(s.reuse).toBe(false));
      variableScope(fresh, { reuse: true }, (s) => expect(s.reuse).toBe(true));
      variableScope('p', { reuse: true }, () => variableScope(fresh, (s) => expect(s.reuse).toBe(false)));
      const foo = variableScope('foo', (s) => { getVariable('v', []); s.reuseVariables(); return s; });
      const v = variableScope(foo, () => getVariable('v', []));
      expect(v.name).toBe('foo/v:0');
      expect(() => variableScope('foo', () => getVariable('v', []))).toThrow(/already exists/);
    });
  });

  it('propagates scope settings, and they end with the scope (case 81)', () => {
    inGraph(() => {
      const init = constantInitializer(0.3);
      const tower = variableScope('tower', (s) => {
        variableScope('foo', { initializer: init }, () => {
          const v = getVariable('v', []);
          expect(v.initialValue.op.attrs.value).toMatchObject({ dtype: 'float32' });
        });
        return s;
      });
      variableScope(tower, { initializer: init }, (s) => {
        expect(s.initializer).toBe(init);
        getVariable('w', []);
      });
      expect(getVariableScope().initializer).toBeNull();
      variableScope('d', { dtype: 'float16' }, () => {
        expect(getVariable('h', []).dtype).toBe('float16');
        variableScope('inner', () => expect(getVariable('h2', []).dtype).toBe('float16'));
      });
      const d16 = variableScope('e', (s) => s);
      expect(variableScope(d16, { dtype: 'float16' }, () => getVariable('h', []).dtype)).toBe('float16');
    });
  });

  it('auxiliaryNameScope: false opens no name scope (case 82)', () => {
    inGraph(() => {
      variableScope('scope', { auxiliaryNameScope: false }, (s) => {
        expect(s.originalNameScope).toBe('');
        expect(getVariable('w', []).name).toBe('scope/w:0');
        expect(constant(1, { name: 'c' }).name).toBe('c:0');
      });
      expect(nameScope('scope', (s) => s)).toBe('scope/');
      variableScope('outer', () => {
        variableScope('inner', { auxiliaryNameScope: false }, (s) => {
          expect(s.originalNameScope).toBe('outer/');
          expect(getVariable('w', []).name).toBe('outer/inner/w:0');
          expect(constant(1, { name: 'c' }).name).toBe('outer/c:0');
        });
      });
    });
    inGraph(() => {
      variableScope(null, { defaultName: 'default', auxiliaryNameScope: false }, () => {
        expect(getVariable('w', []).name).toBe('default/w:0');
        expect(constant(1, { name: 'c' }).name).toBe('c:0');
      });
      const root = getVariableScope();
      variableScope('outer', () => variableScope(root, { auxiliaryNameScope: false }, () => {
        expect(getVariable('w1', []).name).toBe('w1:0');
        expect(constant(1, { name: 'c1' }).name).toBe('outer/c1:0');
      }));
    });
  });

  it('the safe re-entry idiom (case 83)', () => {
    inGraph(() => {
      const inner = variableScope('outer', () => variableScope('inner', (s) => s));
      variableScope(inner, { auxiliaryNameScope: false }, () => nameScope(inner.originalNameScope, () => {
        expect(getVariable('w', []).name).toBe('outer/inner/w:0');
        expect(constant(1, { name: 'c' }).name).toBe('outer/inner/c:0');
      }));
      variableScope('another', () => variableScope(inner, { auxiliaryNameScope: false }, () => nameScope(inner.originalNameScope, () => {
        expect(getVariable('w2', []).name).toBe('outer/inner/w2:0');
        expect(constant(1, { name: 'c2' }).name).toBe('outer/inner/c2:0');
      })));
    });
  });

  it('restores the enclosing scope when a body throws (case 84: callbacks always nest properly)', () => {
    inGraph(() => {
      expect(() => variableScope('outer', () => variableScope('inner', () => { throw new Error('boom'); }))).toThrow('boom');
      expect(getVariableScope().name).toBe('');
      expect(variableScope(null, { defaultName: 'outer' }, (s) => s.name)).toBe('outer_1');
    });
  });
});

describe('default names (E4)', () => {
  const w = () => getVariable('w', []).name;

  it('uniquifies default names (case 85)', () => {
    inGraph(() => {
      expect(variableScope(null, { defaultName: 'default' }, w)).toBe('default/w:0');
      variableScope(null, { defaultName: 'default' }, () => {
        expect(w()).toBe('default_1/w:0');
        expect(currentNameScope()).toBe('default_1/');
      });
      expect(variableScope('outer', () => variableScope(null, { defaultName: 'default' }, w))).toBe('outer/default/w:0');
    });
  });

  it('resets counters when the parent exits (case 86)', () => {
    inGraph(() => {
      const layer = () => variableScope(null, { defaultName: 'layer' }, w);
      const d = (name: string) => variableScope(null, { defaultName: name }, layer);
      expect([d('defaultScope1'), d('defaultScope1'), d('defaultScope'), d('defaultScope1')]).toEqual([
        'defaultScope1/layer/w:0', 'defaultScope1_1/layer/w:0', 'defaultScope/layer/w:0', 'defaultScope1_2/layer/w:0',
      ]);
    });
  });

  it('a jump back into the same scope does not reset siblings (case 87)', () => {
    inGraph(() => {
      variableScope('default', (d) => {
        const layer = () => variableScope(null, { defaultName: 'layer' }, (s) => s.name);
        expect(layer()).toBe('default/layer');
        expect(layer()).toBe('default/layer_1');
        variableScope(d, () => undefined);
        expect(layer()).toBe('default/layer_2');
      });
    });
  });

  it('re-entering a captured parent restarts its child counters (case 88)', () => {
    inGraph(() => {
      const [o, v] = variableScope('outer', (s) => [s, variableScope(null, { defaultName: 'default' }, () => getVariable('w', []))] as const);
      expect(v.name).toBe('outer/default/w:0');
      variableScope(o, { reuse: true }, () => variableScope(null, { defaultName: 'default' }, (s) => {
        expect(s.name).toBe('outer/default');
        expect(getVariable('w', [])).toBe(v);
        expect(currentNameScope()).toBe('outer_1/default/');
      }));
    });
  });

  it('explicit names feed the same counter (case 89)', () => {
    inGraph(() => {
      variableScope('layer', () => undefined);
      expect(variableScope(null, { defaultName: 'layer' }, (s) => s.name)).toBe('layer_1');
    });
  });

  it('uses the name when both are given, the default otherwise (case 90)', () => {
    inGraph(() => {
      expect(variableScope('tower', { defaultName: 'default' }, (s) => s.name)).toBe('tower');
      expect(variableScope(null, { defaultName: 'default' }, (s) => s.name)).toBe('default');
      const g2 = new Graph();
      const t = g2.asDefault(() => constant(1));
      const s = constant(2);
      expect(() => variableScope('x', { values: [t, s] }, () => undefined)).toThrow(/must be from the same graph/);
      expect(variableScope('x', { values: [t] }, () => getVariable('v', []).graph)).toBe(g2);
    });
  });
});

describe('initializers passed to getVariable (E5)', () => {
  it('picks the default initializer by dtype (cases 91, 92)', () => {
    inGraph(() => {
      expect(getVariable('f', [2]).initialValue.name).toBe('f/Initializer/random_uniform:0');
      for (const dtype of ['int8', 'uint8', 'int16', 'uint16', 'int32', 'int64', 'bool', 'string'] as const) {
        const v = getVariable(`v_${dtype}`, [2], { dtype });
        expect(v.dtype).toBe(dtype);
        expect(v.initialValue.name).toBe(`v_${dtype}/Initializer/zeros:0`);
      }
      expect(() => getVariable('c', [2], { dtype: 'complex64' })).toThrow(
        new ValueError("An initializer for variable c of <dtype: 'complex64'> is required"));
    });
  });

  it('needs a fully defined shape for initializer objects (case 93)', () => {
    inGraph(() => {
      expect(() => getVariable('v')).toThrow(/The initializer passed is not valid\. It should be a callable with no arguments/);
      expect(() => getVariable('v', [null, 2], { initializer: zerosInitializer() })).toThrow(/The initializer passed is not valid/);
      expect(() => getVariable('v', { initializer: (shape: readonly number[]) => constant(0, { shape }) })).toThrow(
        /The initializer passed is not valid/);
    });
  });

  it('takes zero-argument functions and initializer classes (case 94)', () => {
    inGraph(() => {
      const v = getVariable('foo', { initializer: () => [2] });
      expect([v.name, v.dtype, v.shape.toString()]).toEqual(['foo:0', 'int32', '(1,)']);
      expect(getVariable('opt', { initializer: (x = 3) => x }).dtype).toBe('int32');
      const Zeros = zerosInitializer().constructor as new () => never;
      expect(getVariable('cls', [2], { initializer: Zeros }).initialValue.name).toBe('cls/Initializer/zeros:0');
    });
  });

  it('takes tensor initializers, which fix shape and dtype and forbid a shape (cases 95–97, seed 1.4)', () => {
    inGraph(() => {
      const v = getVariable('v', { initializer: constant(0.1) });
      expect([v.shape.toString(), v.dtype]).toEqual(['()', 'float32']);
      expect(getVariable('t', { initializer: constant(1, { dtype: 'int32' }) }).dtype).toBe('int32');
      const v2 = getVariable('v2', { initializer: constant(2) });
      expect([v2.dtype, v2.shape.toString()]).toEqual(['int32', '()']);
      const v3 = getVariable('v3', { initializer: constant([[2, 3], [4, 5]]) });
      expect([v3.dtype, v3.shape.toString()]).toEqual(['int32', '(2, 2)']);
      expect(() => getVariable('x', [1], { initializer: constant(1.5) })).toThrow(
        new ValueError('If initializer is a constant, do not specify shape.'));
      expect(variableScope('foo', { initializer: constant(0.1) }, () => getVariable('v').shape.toString())).toBe('()');
      expect(() => getVariable('s', { initializer: constant(1, { dtype: 'int32' }), dtype: 'float64' })).toThrow(
        new ValueError("Initializer type 'int32' and explicit dtype 'float64' don't match."));
    });
  });

  it('takes plain values (case 98)', () => {
    inGraph(() => {
      expect(getVariable('v4', { initializer: 4, dtype: 'int32' }).dtype).toBe('int32');
      expect(getVariable('w4', { initializer: new BigInt64Array([1n, 2n, 3n]), dtype: 'int64' }).dtype).toBe('int64');
      expect(getVariable('p', { initializer: 4 }).dtype).toBe('int32');
      expect(() => getVariable('bad', { initializer: {} as never })).toThrow();
    });
  });

  it('creation escapes control dependencies (case 99)', () => {
    inGraph(() => {
      const v0 = getVariable('v0', [1], { initializer: constantInitializer(0) });
      controlDependencies([v0.value()], () => {
        const v1 = getVariable('v1', [1], { initializer: constantInitializer(1) });
        expect(v1.initializer.controlInputs).toEqual([]);
        expect(v1.initialValue.op.controlInputs).toEqual([]);
        expect(add(v1, v0).op.controlInputs.map((op) => op.name)).toEqual([]);
      });
    });
  });
});

describe('other getVariable options (E6)', () => {
  it('trainable, collections and scope filters (case 100, seed 3.2)', () => {
    inGraph(() => {
      const x = getVariable('x', [], { trainable: false });
      const a = getVariable('a', [], { collections: [GraphKeys.LOCAL_VARIABLES] });
      expectSame(globalVariables(), [x]);
      expectSame(trainableVariables(), [a]);
      expectSame(localVariables(), [a]);
      variableScope('foo', (s) => {
        const b = getVariable('b', [], { collections: [GraphKeys.LOCAL_VARIABLES] });
        const c = getVariable('c', []);
        expectSame(s.localVariables(), [b]);
        expectSame(s.globalVariables(), [c]);
        expectSame(s.trainableVariables(), [b, c]);
      });
      const myLocal = getVariable('my_local', [], { collections: [GraphKeys.LOCAL_VARIABLES] });
      expect(localVariables()).toContain(myLocal);
    });
  });

  it('getLocalVariable is local, untrainable and shareable (case 101)', () => {
    inGraph(() => {
      const outer = variableScope('outer', (s) => s);
      const w = variableScope(outer, { defaultName: 'default' }, () => getLocalVariable('w', [], { collections: ['foo'] }));
      expect(w.name).toBe('outer/w:0');
      expectSame(localVariables(), [w]);
      expectSame(getCollection('foo'), [w]);
      expect(trainableVariables().length).toBe(0);
      expect(globalVariables().length).toBe(0);
      expect(variableScope(outer, { reuse: true }, () => getLocalVariable('w', []))).toBe(w);
    });
  });

  it('regularizers add losses for new variables only (case 103)', () => {
    inGraph(() => {
      const r1 = (v: Variable) => add(v, 0.1);
      variableScope('tower3', { regularizer: r1 }, (s) => {
        const v = getVariable('v', [], { initializer: constantInitializer(0.3) });
        const losses = getCollection<{ name: string; op: { name: string } }>(GraphKeys.REGULARIZATION_LOSSES);
        expect(losses.length).toBe(1);
        expect(losses[0]?.op.name).toBe('tower3/v/Regularizer/add');
        s.reuseVariables();
        expect(getVariable('v', [])).toBe(v);
        expect(getCollection(GraphKeys.REGULARIZATION_LOSSES).length).toBe(1);
      });
      variableScope('none', { regularizer: () => null }, () => getVariable('w', []));
      expect(getCollection(GraphKeys.REGULARIZATION_LOSSES).length).toBe(1);
      variableScope('later', (s) => {
        s.setRegularizer(r1);
        getVariable('z', []);
      });
      expect(getCollection(GraphKeys.REGULARIZATION_LOSSES).length).toBe(2);
    });
  });

  it('caching devices place the snapshot only (case 104)', () => {
    inGraph(() => {
      variableScope('caching', { cachingDevice: '/job:moo' }, () => {
        const v = getVariable('v', []);
        expect(v.value().device.startsWith('/job:moo')).toBe(true);
        expect(v.device).toBe('');
        variableScope('child', () => expect(getVariable('c', []).value().device).toBe('/job:moo'));
        variableScope('off', { cachingDevice: (op) => op.device }, () => expect(getVariable('o', []).value().device).toBe(''));
      });
    });
  });

  it('custom getters wrap the real getter and compose (case 105)', () => {
    inGraph(() => {
      expect(() => variableScope('s', { customGetter: 3 as never }, () => getVariable('n'))).toThrow(
        new ValueError('Passed a custom_getter which is not callable: 3'));
      expect(() => getVariable('n', { customGetter: 3 as never })).toThrow(/custom_getter which is not callable/);
      const twice = (getter: Getter, name: string, o: GetterOptions) => {
        const a = getter(`${name}/0`, o) as Variable;
        const b = getter(`${name}/1`, o) as Variable;
        return add(a, b);
      };
      const out = variableScope('scope', { customGetter: twice }, () => nameScope('custom_getter', () => getVariable<{ name: string }>('v', [1, 2, 3])));
      expect(names(trainableVariables())).toEqual(['scope/v/0:0', 'scope/v/1:0']);
      expect(out.name).toBe('add:0');
      const suffix = (s: string) => (getter: Getter, name: string, o: GetterOptions) => getter(`${name}/${s}`, o);
      const nested = variableScope('outer', { customGetter: suffix('a') }, () =>
        variableScope('inner', { customGetter: suffix('b') }, () => getVariable('x', [])));
      // The innermost getter runs first, so its suffix comes first.
      expect(nested.name).toBe('outer/inner/x/b/a:0');
    });
  });

  it('device functions see the VariableV2 op (case 106)', () => {
    inGraph((g) => {
      const seen: string[] = [];
      g.device((op) => { seen.push(`${op.type}:${op.name}:${String(op.attrs.dtype ?? '')}`); return null; }, () => {
        getVariable('x', [100, 200]);
        getVariable('y', { dtype: 'int64', initializer: new BigInt64Array(73) });
      });
      expect(seen).toContain('VariableV2:x:float32');
      expect(seen).toContain('VariableV2:y:int64');
    });
  });

  it('is all-or-nothing when an initializer fails halfway', () => {
    inGraph((g) => {
      const before = g.getOperations().length;
      const failing = () => { constant(1, { name: 'made_before_failing' }); throw new Error('boom'); };
      expect(() => getVariable('v', [2], { initializer: (_shape: readonly number[]) => failing() })).toThrow('boom');
      expect(g.getOperations().length).toBe(before);
      expect(globalVariables().length).toBe(0);
      expect(getVariable('v', [2]).name).toBe('v:0');
    });
  });

  it('exposes scope settings and setters', () => {
    const s = new VariableScope(false, 'x');
    s.setDtype('float64');
    expect([s.name, s.dtype, String(s)]).toEqual(['x', 'float64', "<VariableScope 'x' reuse=false>"]);
  });
});
