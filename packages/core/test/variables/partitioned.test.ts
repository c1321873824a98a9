import { afterAll, describe, expect, it } from 'vitest';
import { createReferenceBackend } from '@varscope/backend-reference';
import { ValueError } from '../../src/errors.js';
import { Graph } from '../../src/graph/index.js';
import { constant } from '../../src/ops/convert.js';
import { Session } from '../../src/session/index.js';
import {
  PartitionedVariable, constantInitializer, fixedSizePartitioner, getVariable, globalVariables,
  globalVariablesInitializer, saveSliceSpec, variableScope,
} from '../../src/variables/index.js';
import type { Partitioner, Variable } from '../../src/variables/index.js';
import { inGraph, names } from './helpers.js';

const sessions: Session[] = [];
afterAll(async () => { await Promise.all(sessions.map((s) => s.close())); });

const axis0 = (n: number): Partitioner => (shape) => shape.toArray().map((_, i) => (i === 0 ? n : 1));

describe('partitioned variables (§O)', () => {
  it('creates parts part_0… with the remainder rows first, and concatenates them (cases 192, 193)', () => {
    inGraph((g) => {
      const pv = variableScope('scope0', { partitioner: axis0(2) }, () => getVariable<PartitionedVariable>('name0', [3, 1, 1]));
      expect(pv).toBeInstanceOf(PartitionedVariable);
      expect([pv.name, pv.shape.toString(), pv.length, pv.partitions]).toEqual(['scope0/name0', '(3, 1, 1)', 2, [2, 1, 1]]);
      expect(names(globalVariables())).toEqual(['scope0/name0/part_0:0', 'scope0/name0/part_1:0']);
      expect([...pv].map((v) => v.shape.toString())).toEqual(['(2, 1, 1)', '(1, 1, 1)']);
      expect(g.findOperation('scope0/name0/part_2')).toBeUndefined();
      const t = pv.asTensor();
      expect(t.name).toBe('scope0/name0:0');
      expect(t.shape.toString()).toBe('(3, 1, 1)');
      expect(t.op.inputs[0]?.op.name).toBe('scope0/name0/ConcatPartitions/concat');
      const ten = variableScope('s', { partitioner: axis0(3) }, () => getVariable<PartitionedVariable>('ten', [10, 2]));
      expect([...ten].map((v) => v.shape.dims?.[0])).toEqual([4, 3, 3]);
      const cols = variableScope('c', { partitioner: () => [1, 2, 1] }, () => getVariable<PartitionedVariable>('v', [2, 2, 2]));
      expect([...cols].map((v) => v.shape.toString())).toEqual(['(2, 1, 2)', '(2, 1, 2)']);
      const rows = variableScope('r', { partitioner: () => [2, 1, 1] }, () => getVariable<PartitionedVariable>('v', [2, 2, 2]));
      expect([...rows].map((v) => v.shape.toString())).toEqual(['(1, 2, 2)', '(1, 2, 2)']);
      const scalar = variableScope('sc', { partitioner: axis0(2) }, () => getVariable('v', []));
      expect(scalar.name).toBe('sc/v:0');
    });
  });

  it('records slice info for checkpoints (case 196)', () => {
    inGraph(() => {
      const pv = getVariable<PartitionedVariable>('v', [3, 1, 1], { partitioner: axis0(2) });
      const part1 = pv.variables[1] as Variable;
      expect(part1.saveSliceInfo).toEqual({ fullName: 'v', fullShape: [3, 1, 1], varOffset: [2, 0, 0], varShape: [1, 1, 1] });
      expect(saveSliceSpec(part1.saveSliceInfo as NonNullable<Variable['saveSliceInfo']>)).toBe('3 1 1 2,1:0,1:0,1');
      expect(part1.toVariableDef().saveSliceInfo?.fullName).toBe('v');
    });
  });

  it('follows the reuse rules (case 194)', () => {
    inGraph((g) => {
      const pv = variableScope('scope', { partitioner: axis0(2) }, () => getVariable('v', [4, 2]));
      expect(variableScope('scope', { reuse: true }, () => getVariable('v', [4, 2]))).toBe(pv);
      expect(variableScope('scope', { reuse: true, partitioner: axis0(2) }, () => getVariable('v', [4, 2]))).toBe(pv);
      expect(() => variableScope('scope', { reuse: true, partitioner: axis0(4) }, () => getVariable('v', [4, 2]))).toThrow(
        new ValueError('Trying to reuse partitioned variable scope/v, but specified partitions [4, 1] and found partitions [2, 1].'));
      expect(() => variableScope('scope', { reuse: true }, () => getVariable('v', [5, 2]))).toThrow(/Trying to reuse partitioned variable scope\/v, but specified shape \(5, 2\)/);
      const ops = g.size;
      expect(() => variableScope('scope', () => getVariable('v', [4, 2]))).toThrow(
        /^No partitioner was provided, but a partitioned version of the variable was found: scope\/v\/part_0\./);
      expect(() => variableScope('scope', { partitioner: axis0(2) }, () => getVariable('v', [4, 2]))).toThrow(
        'Partitioned variable with name scope/v already exists. Did you mean to set reuse=True or reuse=tf.AUTO_REUSE in VarScope?');
      getVariable('plain', [4]);
      expect(() => getVariable('plain', [4], { partitioner: axis0(2) })).toThrow(
        /^A partitioner was provided, but an unpartitioned version of the variable was found: plain\./);
      expect(() => variableScope('other', { reuse: true, partitioner: axis0(2) }, () => getVariable('v', [4, 2]))).toThrow(
        /^PartitionedVariable other\/v does not exist, or was not created with tf.get_variable\(\)/);
      expect(g.size).toBe(ops + g.getOperations().filter((op) => op.name.startsWith('plain')).length);
    });
  });

  it('validates the partitioner (case 195)', () => {
    inGraph(() => {
      expect(() => getVariable('a', [null, 2], { partitioner: axis0(2), initializer: constantInitializer(0) })).toThrow(
        'Shape of a new partitioned variable must be fully defined, but instead was (?, 2).');
      expect(() => getVariable('b', [4], { partitioner: () => [2, 1] })).toThrow(/does not match the Variable's rank: \[2, 1\] vs\. \(4,\)/);
      expect(() => getVariable('c', [4, 4], { partitioner: () => [0, 1] })).toThrow('Partitioner returned zero partitions for some axes: [0, 1]');
      expect(() => getVariable('d', [4, 4], { partitioner: () => [2, 2] })).toThrow(/Can only slice a variable along one dimension: shape: \(4, 4\), partitioning: \[2, 2\]/);
      expect(() => getVariable('e', [4, 4], { partitioner: 3 as never })).toThrow('Partitioner must be callable, but received: 3');
      expect(() => getVariable('f', [4], { partitioner: (() => 'x') as never })).toThrow(/Partitioner must return a sequence/);
      expect(globalVariables()).toEqual([]);
    });
  });

  it('initializes parts from the full value, and assigns split values (cases 196, 197)', async () => {
    const g = new Graph();
    const { pv, fromTensor, fixed, add, sub, whole, init } = g.asDefault(() => {
      const pv = getVariable<PartitionedVariable>('v', [2], { partitioner: axis0(2), initializer: constantInitializer(0) });
      const fromTensor = getVariable<PartitionedVariable>('t', { partitioner: axis0(2), initializer: constant([[1, 2], [3, 4], [5, 6]]) });
      // A constant initializer gets the part's shape, so (as in TensorFlow) a full value is an error.
      expect(() => getVariable('bad', [5, 2], { partitioner: fixedSizePartitioner(2), initializer: constantInitializer([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]) }))
        .toThrow('Too many elements provided. Needed at most 6, but received 10');
      const fixed = getVariable<PartitionedVariable>('f', { partitioner: fixedSizePartitioner(2), initializer: constant([[0, 1], [2, 3], [4, 5], [6, 7], [8, 9]]) });
      return {
        pv, fromTensor, fixed, init: globalVariablesInitializer(),
        add: pv.assignAdd([1, 2]), sub: pv.assignSub(constant([3, 4], { dtype: 'float32' })), whole: fixed.asTensor(),
      };
    });
    expect(fromTensor.variables.map((v) => v.dtype)).toEqual(['int32', 'int32']);
    const s = new Session({ graph: g, devices: { CPU: createReferenceBackend() } });
    sessions.push(s);
    await s.run(init);
    expect((await s.run(add)).map((x) => x.toArray())).toEqual([[1], [2]]);
    expect((await s.run(sub)).map((x) => x.toArray())).toEqual([[-2], [-2]]);
    expect((await s.run(pv)).toArray()).toEqual([-2, -2]);
    expect((await s.run(fromTensor.asTensor())).toArray()).toEqual([[1, 2], [3, 4], [5, 6]]);
    expect((await s.run(fixed.variables[1] as Variable)).toArray()).toEqual([[6, 7], [8, 9]]);
    expect((await s.run(whole)).toArray()).toEqual([[0, 1], [2, 3], [4, 5], [6, 7], [8, 9]]);
    inGraph(() => expect(() => (pv as unknown as { [k: symbol]: () => unknown })[Symbol.for('varscope.asRef')]?.()).toThrow(
      "PartitionedVariable doesn't support being used as a reference."));
  });

  it('uses the full shape for fans of the default initializer', () => {
    inGraph(() => {
      const pv = getVariable<PartitionedVariable>('w', [200, 300], { partitioner: axis0(4) });
      const max = pv.variables[0]?.initialValue.graph.getOperationByName('w/part_0/Initializer/random_uniform/max');
      const value = max?.attrs.value as { data: Float32Array } | undefined;
      expect(value?.data[0]).toBeCloseTo(Math.sqrt(6 / 500), 6);
    });
  });
});
