import { describe, expect, it } from 'vitest';
import { Graph, TO_TENSOR } from '../../src/graph/index.js';
import type { Tensor, TensorConvertible } from '../../src/graph/index.js';
import { constant, placeholder, tensorMethods } from '../../src/ops/index.js';
import type { TensorMethods } from '../../src/ops/index.js';
import { evaluate, inGraph } from './helpers.js';

type Boxed = TensorMethods & TensorConvertible;

/** A stand-in for an object that carries the methods (as Tensor and Variable can): converts to `t`. */
function box(t: Tensor): Boxed {
  return Object.assign(Object.create(null) as object, tensorMethods, { [TO_TENSOR]: () => t }) as Boxed;
}

describe('tensor method forms', () => {
  it('delegates to the op functions with the receiver first, naming ops like the functions', () => {
    inGraph(() => {
      const x = box(placeholder('float32', [2, 3], { name: 'x' }));
      expect(x.add(1).op.name).toBe('add');
      expect(x.add(1).op.inputs[1]?.name).toBe('add_1/y:0');
      expect(x.mul(x).op.type).toBe('Mul');
      expect(x.transpose().shape.toArray()).toEqual([3, 2]);
      expect(x.reduceSum({ axis: 1 }).shape.toArray()).toEqual([2]);
      expect(x.index([0]).shape.toArray()).toEqual([3]);
      expect(x.cast('int32').dtype).toBe('int32');
      expect(x.less(0).dtype).toBe('bool');
    });
  });

  it('computes the same values as the functions', async () => {
    const g = new Graph();
    const fetches = g.asDefault(() => {
      const f = box(constant([2.5]));
      return [f.add(0.5), f.sub(1), f.mul(10), f.div(10), f.neg(), f.abs(), f.less(3), f.pow(2), f.square(), box(constant([[2.5]])).matMul([[2]])];
    });
    expect(await evaluate(g, fetches)).toEqual([[3], [1.5], [25], [0.25], [-2.5], [2.5], [true], [6.25], [6.25], [[5]]]);
  });
});
