import { describe, expect, it } from 'vitest';
import { Graph } from '../../src/graph/index.js';
import { add, constant } from '../../src/ops/index.js';
import { ValueError } from '../../src/errors.js';

const inGraph = <T>(fn: (g: Graph) => T): T => {
  const g = new Graph();
  return g.asDefault(() => fn(g));
};

describe('graph transactions (atomically)', () => {
  it('undoes ops, names, collection entries and registered changes of a failed call, newest first', () => {
    inGraph((g) => {
      constant(1, { name: 'kept' });
      g.addToCollection('c', 'before');
      const undone: string[] = [];
      expect(() => g.atomically(() => {
        constant(2, { name: 'x' });
        g.nameScope('scope', () => constant(3));
        g.addToCollection('c', 'inside');
        g.addToCollection('fresh', 'inside');
        g.recordUndo(() => undone.push('first'));
        g.recordUndo(() => undone.push('second'));
        throw new ValueError('boom');
      })).toThrow('boom');
      expect(undone).toEqual(['second', 'first']);
      expect(g.getOperations().map((op) => op.name)).toEqual(['kept']);
      expect(g.getCollection('c')).toEqual(['before']);
      expect(g.getAllCollectionKeys()).toEqual(['c']);
      expect(g.lastId).toBe(1);
      // The names are free again.
      expect(constant(4, { name: 'x' }).name).toBe('x:0');
      expect(g.uniqueName('scope')).toBe('scope');
    });
  });

  it('keeps what a committed inner transaction did until the outer one fails', () => {
    inGraph((g) => {
      expect(() => g.atomically(() => {
        g.atomically(() => constant(1, { name: 'inner' }));
        expect(g.findOperation('inner')).toBeDefined();
        throw new ValueError('outer fails');
      })).toThrow('outer fails');
      expect(g.size).toBe(0);
      expect(g.uniqueName('inner')).toBe('inner');
    });
  });

  it('forgets the consumers of a rolled-back op', () => {
    inGraph((g) => {
      const a = constant(1, { name: 'a' });
      expect(() => g.atomically(() => {
        add(a, a);
        throw new ValueError('boom');
      })).toThrow('boom');
      expect(a.consumers()).toEqual([]);
      const sum = add(a, a);
      expect(a.consumers()).toEqual([sum.op, sum.op]);
    });
  });
});

describe('names in use across scope levels', () => {
  it('treats a name with slashes and the same name built from scopes as one name, case-insensitively', () => {
    inGraph((g) => {
      expect(g.uniqueName('Outer/Inner')).toBe('Outer/Inner');
      expect(g.nameScope('outer/', () => g.uniqueName('INNER'))).toBe('outer/INNER_1');
      expect(g.nameScope('OUTER/', () => g.nameScope('inner', (s) => s))).toBe('OUTER/inner_2/');
      expect(g.uniqueName('outer/inner_2', false)).toBe('outer/inner_2_1');
    });
  });

  it('still rejects a second op named after the same scope', () => {
    inGraph((g) => {
      g.nameScope('s', (scope) => {
        g.createOp({ type: 'NoOp', name: scope });
        expect(() => g.createOp({ type: 'NoOp', name: scope })).toThrow("Duplicate node name in graph: 's'");
      });
    });
  });

  it('rejects an op named after a fresh scope when an op was given that name verbatim before', () => {
    inGraph((g) => {
      // `y/` names the op without marking 'y' in use, so the scope below is also called 'y'.
      g.createOp({ type: 'NoOp', name: 'y/' });
      g.nameScope('y', (scope) => {
        expect(scope).toBe('y/');
        expect(() => g.createOp({ type: 'NoOp', name: scope })).toThrow("Duplicate node name in graph: 'y'");
      });
    });
  });

  it('rejects a uniquified name that an op named verbatim already has, as TensorFlow does', () => {
    inGraph((g) => {
      g.createOp({ type: 'NoOp', name: 'z/' });
      expect(() => constant(1, { name: 'z' })).toThrow("Duplicate node name in graph: 'z'");
      expect(g.getOperations().map((op) => op.name)).toEqual(['z']);
    });
  });

  it('finds ops by exact name when names differ only in case', () => {
    inGraph((g) => {
      const upper = g.createOp({ type: 'NoOp', name: 'Mixed/Case/' });
      const lower = g.createOp({ type: 'NoOp', name: 'mixed/case/' });
      expect(g.getOperationByName('Mixed/Case')).toBe(upper);
      expect(g.getOperationByName('mixed/case')).toBe(lower);
      expect(g.findOperation('MIXED/case')).toBeUndefined();
      expect(g.findOperation('Mixed')).toBeUndefined();
    });
  });
});
