import { describe, expect, it } from 'vitest';
import { run1, tensor, vec } from './support/run-op.js';

describe('smoke', () => {
  it('adds with broadcasting', () => {
    expect(run1('Add', [tensor('float32', [2, 2], [1, 2, 3, 4]), vec('float32', [10, 20])], { dtype: 'float32', shape: [2, 2] }, { T: 'float32' }))
      .toEqual([11, 22, 13, 24]);
  });
});
