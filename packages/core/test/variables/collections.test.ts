import { describe, expect, it } from 'vitest';
import {
  GraphKeys, Variable, addToCollection, addToCollections, getCollection, getCollectionRef, getVariable,
  globalVariables, localVariables, modelVariables, trainableVariables, variableScope,
} from '../../src/variables/index.js';
import { expectSame, inGraph, names } from './helpers.js';

describe('collections (§D)', () => {
  it('are lists: appends keep order and duplicates; missing keys are [] and not created (case 47)', () => {
    inGraph((g) => {
      expect(getCollection('key')).toEqual([]);
      expect(g.getAllCollectionKeys()).toEqual([]);
      addToCollection('key', 12);
      addToCollection('key', 34);
      addToCollection('key', 12);
      expect(getCollection('key')).toEqual([12, 34, 12]);
    });
  });

  it('getCollection is a snapshot, getCollectionRef the live list (case 48)', () => {
    inGraph(() => {
      addToCollection('key', 1);
      const snapshot = getCollection('key');
      const ref = getCollectionRef<number>('key');
      expect(getCollectionRef('key')).toBe(ref);
      ref.push(2);
      expect(getCollection('key')).toEqual([1, 2]);
      expect(snapshot).toEqual([1]);
      const fresh = getCollectionRef('new');
      expect(fresh).toEqual([]);
      expect(getCollectionRef('new')).toBe(fresh);
    });
  });

  it('filters by a regex anchored at the start of item names (case 49)', () => {
    inGraph(() => {
      const item = { name: 'prefix/foo' };
      const bar = { name: 'foobar/v:0' };
      addToCollection('c', item);
      addToCollection('c', bar);
      addToCollection('c', 42);
      expectSame(getCollection('c', 'prefix'), [item]);
      expectSame(getCollection('c', '.*x'), [item]);
      expectSame(getCollection('c', 'foo'), [bar]);
      expect(getCollection('c').length).toBe(3);
    });
  });

  it('scope objects filter with a trailing slash (case 50)', () => {
    inGraph(() => {
      const make = () => [getVariable('a', []), getVariable('b', [], { trainable: false })];
      const s1 = variableScope('c_foo_', (s) => { make(); return s; });
      const s2 = variableScope('c_foo', (s) => { make(); return s; });
      expect(names(s2.getCollection<Variable>(GraphKeys.TRAINABLE_VARIABLES))).toEqual(['c_foo/a:0']);
      expect(names(s1.globalVariables())).toEqual(['c_foo_/a:0', 'c_foo_/b:0']);
      expect(names(globalVariables('c_foo'))).toEqual(['c_foo_/a:0', 'c_foo_/b:0', 'c_foo/a:0', 'c_foo/b:0']);
      const root = variableScope('', { auxiliaryNameScope: false }, (s) => s);
      expect(root.name).toBe('');
      expect(names(root.globalVariables())).toEqual(['c_foo_/a:0', 'c_foo_/b:0', 'c_foo/a:0', 'c_foo/b:0']);
      new Variable(1, { name: 'scope_1/x' });
      new Variable(1, { name: 'scope_2/x' });
      expect(names(globalVariables('scope_1'))).toEqual(['scope_1/x:0']);
    });
  });

  it('addToCollections counts repeated keys once; a string is one key (case 51)', () => {
    inGraph(() => {
      addToCollections(['1', '2', '1'], 'v');
      expect([getCollection('1'), getCollection('2')]).toEqual([['v'], ['v']]);
      addToCollections('abc', 'w');
      expect(getCollection('abc')).toEqual(['w']);
      expect(getCollection('a')).toEqual([]);
      addToCollections(new Set(['s']), 'x');
      expect(getCollection('s')).toEqual(['x']);
    });
  });

  it('has TensorFlow’s standard keys (case 52)', () => {
    expect(GraphKeys).toMatchObject({
      GLOBAL_VARIABLES: 'variables', LOCAL_VARIABLES: 'local_variables', MODEL_VARIABLES: 'model_variables',
      TRAINABLE_VARIABLES: 'trainable_variables', REGULARIZATION_LOSSES: 'regularization_losses', SAVERS: 'savers',
      SAVEABLE_OBJECTS: 'saveable_objects', TRAIN_OP: 'train_op', GLOBAL_STEP: 'global_step', UPDATE_OPS: 'update_ops',
      LOSSES: 'losses', SUMMARIES: 'summaries', MOVING_AVERAGE_VARIABLES: 'moving_average_variables',
      CONCATENATED_VARIABLES: 'concatenated_variables', INIT_OP: 'init_op', LOCAL_INIT_OP: 'local_init_op',
      READY_OP: 'ready_op', QUEUE_RUNNERS: 'queue_runners', TABLE_INITIALIZERS: 'table_initializer',
    });
    expect(Object.isFrozen(GraphKeys)).toBe(true);
  });

  it('lists keys after adds (case 53)', () => {
    inGraph((g) => {
      addToCollection('k1', 1);
      new Variable(1);
      expect(g.getAllCollectionKeys()).toEqual(['k1', 'variables', 'trainable_variables']);
    });
  });

  it('has accessors for the variable collections, with scope filters', () => {
    inGraph(() => {
      const m = new Variable(1, { name: 'm/x', collections: [GraphKeys.MODEL_VARIABLES, GraphKeys.GLOBAL_VARIABLES], trainable: false });
      const l = new Variable(1, { name: 'l/x', collections: [GraphKeys.LOCAL_VARIABLES], trainable: false });
      expectSame(modelVariables(), [m]);
      expectSame(modelVariables('m/'), [m]);
      expect(modelVariables('z')).toEqual([]);
      expectSame(localVariables('l'), [l]);
      expect(trainableVariables()).toEqual([]);
      expectSame(globalVariables(), [m]);
    });
  });
});
