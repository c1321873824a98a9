import { OP_SCHEMA } from '@varscope/kernel-api';
import { describe, expect, it } from 'vitest';
import { TensorShape, hasShapeFn, inferOutputs, shapeFnOpTypes } from '../../src/shape/index.js';
import { ValueError } from '../../src/errors.js';
import { def } from './helpers.js';

describe('shape function registry', () => {
  it('covers every op in the schema, and nothing else', () => {
    const missing = [...OP_SCHEMA.keys()].filter((type) => !hasShapeFn(type));
    expect(missing).toEqual([]);
    const extra = shapeFnOpTypes().filter((type) => !OP_SCHEMA.has(type));
    expect(extra).toEqual([]);
  });

  it('checks the flattened input count', () => {
    const input = { dtype: 'float32' as const, shape: new TensorShape([2]) };
    expect(() => inferOutputs(def('Add'), { name: 'a', type: 'Add' }, [input], { T: 'float32' }))
      .toThrow("'a' (op: 'Add') expects 2 inputs after flattening lists, got 1");
  });

  it('refuses op types it does not know', () => {
    const fake = { ...def('Add'), name: 'NotAnOp' };
    expect(() => inferOutputs(fake, { name: 'x', type: 'NotAnOp' }, [], {})).toThrow(ValueError);
  });
});
