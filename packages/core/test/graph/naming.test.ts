import { describe, expect, it } from 'vitest';
import { Graph, nameScope } from '../../src/graph/index.js';
import { constant } from '../../src/ops/convert.js';
import { noOp } from '../../src/ops/control.js';
import { ValueError, KeyError } from '../../src/errors.js';

const inGraph = <T>(fn: (g: Graph) => T): T => {
  const g = new Graph();
  return g.asDefault(() => fn(g));
};

describe('op naming (TF-SEMANTICS §B)', () => {
  it('defaults an op name to its type and uniquifies with _N (cases 9, 10)', () => {
    inGraph((g) => {
      expect(constant(1.5).name).toBe('Const:0');
      expect(constant(2.5).name).toBe('Const_1:0');
      expect([g.uniqueName('foo'), g.uniqueName('foo'), g.uniqueName('foo')]).toEqual(['foo', 'foo_1', 'foo_2']);
      expect([g.uniqueName('foo_1'), g.uniqueName('foo_1')]).toEqual(['foo_1_1', 'foo_1_2']);
      expect(g.uniqueName('foo_1_2')).toBe('foo_1_2_1');
    });
  });

  it('skips suffixes already taken (case 11)', () => {
    inGraph((g) => {
      expect(['foo_2', 'foo', 'foo', 'foo'].map((n) => g.uniqueName(n))).toEqual(['foo_2', 'foo', 'foo_1', 'foo_3']);
    });
  });

  it('compares names case-insensitively but keeps the capitalization (case 12)', () => {
    inGraph((g) => {
      expect(g.uniqueName('foo')).toBe('foo');
      expect(g.uniqueName('Foo')).toBe('Foo_1');
      expect(nameScope('bar', (s) => s)).toBe('bar/');
      expect(nameScope('Bar', (s) => s)).toBe('Bar_1/');
    });
  });

  it('nests, resets and uniquifies name scopes (cases 13, 14)', () => {
    inGraph((g) => {
      nameScope('foo', (s) => {
        expect(s).toBe('foo/');
        expect(nameScope('foo2', (s2) => s2)).toBe('foo/foo2/');
        expect(nameScope(null, (s3) => s3)).toBe('');
        expect(nameScope('', () => nameScope('foo3', (s4) => s4))).toBe('foo3/');
      });
      nameScope('bar', () => {
        expect(noOp({ name: 'X' }).name).toBe('bar/X');
        expect(noOp({ name: 'X' }).name).toBe('bar/X_1');
        expect(nameScope('baz', (s) => s)).toBe('bar/baz/');
        expect(nameScope('baz', (s) => s)).toBe('bar/baz_1/');
      });
      nameScope('bar', () => expect(noOp({ name: 'X' }).name).toBe('bar_1/X'));
      expect(g.getOperationByName('bar/X').type).toBe('NoOp');
    });
  });

  it('re-enters a scope verbatim when the name ends in "/" (cases 15, 16)', () => {
    inGraph(() => {
      const captured = nameScope('bar', () => {
        noOp({ name: 'X' });
        noOp({ name: 'X' });
        return nameScope('baz', (s) => s);
      });
      nameScope('bar/', () => expect(noOp({ name: 'X' }).name).toBe('bar/X_2'));
      nameScope('other', () => nameScope(captured, (s) => {
        expect(s).toBe('bar/baz/');
        expect(noOp().name).toBe('bar/baz/NoOp');
      }));
      expect(noOp({ name: 'trailing/' }).name).toBe('trailing');
    });
  });

  it('accepts odd slashes where TensorFlow does (case 17)', () => {
    inGraph(() => {
      nameScope('foo/', () => {
        nameScope('foo5//', (s) => {
          expect(s).toBe('foo5//');
          expect(nameScope('foo6', (s2) => s2)).toBe('foo5//foo6/');
        });
        expect(nameScope('/', (s) => s)).toBe('/');
        expect(nameScope('//', (s) => s)).toBe('//');
      });
      // 'foo/' was entered verbatim above, which does not mark 'foo' as used.
      nameScope('foo', () => expect(nameScope('a//b/c', (s) => s)).toBe('foo/a//b/c/'));
    });
  });

  it('validates scope names (case 18)', () => {
    inGraph(() => {
      expect(() => nameScope('_bar', () => 0)).toThrow(new ValueError("'_bar' is not a valid scope name"));
      expect(() => nameScope('foo:0', () => 0)).toThrow(/is not a valid scope name/);
      expect(nameScope('foo/', () => nameScope('_bar', (s) => s))).toBe('foo/_bar/');
    });
  });
});

describe('graph lookup (case 26)', () => {
  it('finds tensors and ops by name with TensorFlow errors', () => {
    inGraph((g) => {
      const c = constant(1, { name: 'v' });
      expect(g.getTensorByName('v:0')).toBe(c);
      expect(g.getOperationByName('v')).toBe(c.op);
      expect(() => g.getTensorByName('x:0')).toThrow(new KeyError("The name 'x:0' refers to a Tensor which does not exist. The operation, 'x', does not exist in the graph."));
      expect(() => g.getOperationByName('nope')).toThrow(/refers to an Operation not in the graph/);
      expect(() => g.getTensorByName('v:1')).toThrow(/exists but only has 1 outputs/);
      expect(() => g.getTensorByName('v')).toThrow(/refers to an Operation, not a Tensor/);
      expect(() => g.getTensorByName('a:b')).toThrow(/looks a like a Tensor name, but is not a valid one/);
    });
  });

  it('leaves the graph untouched when op creation fails', () => {
    inGraph((g) => {
      const before = g.size;
      expect(() => constant([[1, 2], [3]])).toThrow();
      expect(g.size).toBe(before);
      expect(constant(1).name).toBe('Const:0');
    });
  });

  it('rejects async scope bodies', () => {
    inGraph(() => {
      expect(() => nameScope('a', async () => 1)).toThrow(/must be synchronous/);
    });
  });
});
