import { getOpDef } from '@varscope/kernel-api';
import type { OpDef } from '@varscope/kernel-api';
import { describe, expect, it } from 'vitest';
import { argLayout, expectedOutputDTypes, flattenArgs, groupArgs, resolveAttrs } from '../../src/op-def/index.js';
import { ValueError } from '../../src/errors.js';

const def = (type: string): OpDef => getOpDef(type) as OpDef;

describe('resolveAttrs', () => {
  it('infers type attrs from inputs and fills defaults', () => {
    const attrs = resolveAttrs(def('MatMul'), ['float32', 'float32'], {}, 'MatMul');
    expect(attrs).toEqual({ transpose_a: false, transpose_b: false, T: 'float32' });
    expect(Object.isFrozen(attrs)).toBe(true);
    const sum = resolveAttrs(def('Sum'), ['float64', 'int64'], { keep_dims: true }, 'Sum');
    expect(sum).toEqual({ keep_dims: true, T: 'float64', Tidx: 'int64' });
  });

  it('checks inputs agree', () => {
    expect(() => resolveAttrs(def('Add'), ['float32', 'int32'], {}, 'add'))
      .toThrow("Input 'y' of 'Add' Op has type int32 that does not match type float32 of argument 'x'.");
    expect(() => resolveAttrs(def('Add'), ['float32', 'int32'], {}, 'add')).toThrow(TypeError);
    expect(() => resolveAttrs(def('Switch'), ['float32', 'float32'], {}, 's'))
      .toThrow("Input 'pred' of 'Switch' Op has type float32 that does not match expected type of bool.");
    expect(() => resolveAttrs(def('Add'), ['int32', 'int32'], { T: 'float32' }, 'add'))
      .toThrow("Input 'x' of 'Add' Op has type int32 that does not match expected type of float32.");
  });

  it('checks allowed types with C++ type names', () => {
    expect(() => resolveAttrs(def('Sigmoid'), ['string'], {}, 'sig'))
      .toThrow("Value for attr 'T' of string is not in the list of allowed values: half, bfloat16, float, double");
    expect(() => resolveAttrs(def('Sigmoid'), ['int32'], {}, 'sig')).toThrow(/NodeDef: \{\{node sig\}\}/);
    expect(() => resolveAttrs(def('RestoreV2'), ['string', 'string', 'string'], { dtypes: ['resource'] }, 'r'))
      .toThrow("Value for attr 'dtypes' of resource is not in the list of allowed values");
  });

  it('infers N from lists, checks list dtypes and minimum lengths', () => {
    const concat = resolveAttrs(def('ConcatV2'), [['float32', 'float32', 'float32'], 'int32'], {}, 'concat');
    expect(concat).toEqual({ N: 3, T: 'float32', Tidx: 'int32' });
    expect(() => resolveAttrs(def('ConcatV2'), [['float32'], 'int32'], {}, 'concat'))
      .toThrow("List argument 'values' to 'ConcatV2' Op with length 1 shorter than minimum length 2.");
    expect(() => resolveAttrs(def('ConcatV2'), [['float32', 'int32'], 'int32'], {}, 'concat'))
      .toThrow("Tensors in list passed to 'values' of 'ConcatV2' Op have types [float32, int32] that don't all match.");
    expect(() => resolveAttrs(def('ConcatV2'), ['float32', 'int32'], {}, 'concat'))
      .toThrow("Expected list for 'values' argument to 'ConcatV2' Op, not float32.");
    expect(() => resolveAttrs(def('ConcatV2'), [['float32', 'float32'], 'int32'], { N: 3 }, 'concat')).toThrow(ValueError);
  });

  it('infers list(type) attrs', () => {
    const save = resolveAttrs(def('SaveV2'), ['string', 'string', 'string', ['float32', 'int64']], {}, 'save');
    expect(save).toEqual({ dtypes: ['float32', 'int64'] });
  });

  it('requires attrs without defaults', () => {
    expect(() => resolveAttrs(def('Conv2D'), ['float32', 'float32'], { padding: 'SAME' }, 'conv'))
      .toThrow("NodeDef missing attr 'strides' from Op<name=Conv2D; signature=input:T, filter:T -> output:T; attr=T:type,allowed=[DT_HALF, DT_BFLOAT16, DT_FLOAT, DT_DOUBLE]; attr=strides:list(int);");
    expect(() => resolveAttrs(def('Cast'), ['float32'], {}, 'cast')).toThrow("NodeDef missing attr 'DstT'");
  });

  it('checks allowed string values, minimums and value types', () => {
    expect(() => resolveAttrs(def('Conv2D'), ['float32', 'float32'], { strides: [1, 1, 1, 1], padding: 'FULL' }, 'conv'))
      .toThrow(`Attr 'padding' of 'Conv2D' Op passed string 'FULL' not in: "SAME", "VALID".`);
    expect(() => resolveAttrs(def('Split'), ['int32', 'float32'], { num_split: 0 }, 'split'))
      .toThrow("Attr 'num_split' of 'Split' Op passed 0 less than minimum 1.");
    expect(() => resolveAttrs(def('Pack'), [['float32']], { axis: 1.5 }, 'pack')).toThrow("Expected int for argument 'axis' not 1.5.");
    expect(() => resolveAttrs(def('MatMul'), ['float32', 'float32'], { transpose_a: 1 as never }, 'mm'))
      .toThrow("Expected bool for argument 'transpose_a' not 1.");
    expect(() => resolveAttrs(def('MatMul'), ['float32', 'float32'], { transpose_c: true }, 'mm')).toThrow(/has no attr named 'transpose_c'/);
    expect(() => resolveAttrs(def('VariableV2'), [], { shape: [2, -3], dtype: 'float32' }, 'v')).toThrow(/TensorShape/);
  });

  it('normalizes dtype aliases and freezes lists', () => {
    const cast = resolveAttrs(def('Cast'), ['int32'], { DstT: 'float' }, 'cast');
    expect(cast.DstT).toBe('float32');
    const v = resolveAttrs(def('VariableV2'), [], { shape: [2, 3], dtype: 'double' }, 'v');
    expect(v).toEqual({ shape: [2, 3], dtype: 'float64', container: '', shared_name: '' });
    expect(Object.isFrozen(v.shape)).toBe(true);
    expect(() => resolveAttrs(def('Cast'), ['int32'], { DstT: 'floaty' }, 'cast')).toThrow('Cannot convert value');
  });

  it('checks the number of input arguments', () => {
    expect(() => resolveAttrs(def('Add'), ['float32'], {}, 'add')).toThrow("'Add' Op takes 2 inputs (x, y), got 1");
  });
});

describe('expectedOutputDTypes and argument layout', () => {
  it('flattens list outputs', () => {
    const d = def('Split');
    const attrs = resolveAttrs(d, ['int32', 'float64'], { num_split: 3 }, 'split');
    expect(expectedOutputDTypes(d, attrs)).toEqual(['float64', 'float64', 'float64']);
    const r = def('RestoreV2');
    expect(expectedOutputDTypes(r, resolveAttrs(r, ['string', 'string', 'string'], { dtypes: ['int64', 'bool'] }, 'r')))
      .toEqual(['int64', 'bool']);
    const m = def('Merge');
    expect(expectedOutputDTypes(m, resolveAttrs(m, [['string', 'string']], {}, 'm'))).toEqual(['string', 'int32']);
    const s = def('Shape');
    expect(expectedOutputDTypes(s, resolveAttrs(s, ['float32'], {}, 's'))).toEqual(['int32']);
  });

  it('groups and flattens arguments', () => {
    const d = def('ConcatV2');
    const attrs = resolveAttrs(d, [['float32', 'float32'], 'int32'], {}, 'c');
    expect(argLayout(d.inputs, attrs).map((slot) => [slot.arg.name, slot.start, slot.count])).toEqual([['values', 0, 2], ['axis', 2, 1]]);
    expect(flattenArgs(d, [['a', 'b'], 'axis'])).toEqual(['a', 'b', 'axis']);
    expect(groupArgs(d.inputs, ['a', 'b', 'axis'], attrs)).toEqual([['a', 'b'], 'axis']);
    expect(() => groupArgs(d.inputs, ['a', 'axis'], attrs)).toThrow('Expected 3 flattened tensors, got 2');
    expect(() => flattenArgs(d, ['a', 'axis'])).toThrow(TypeError);
  });
});
