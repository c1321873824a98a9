import { describe, expect, it } from 'vitest';
import { createWasmBackend } from '../src/index.js';
import { run, t } from './harness.js';

describe('smoke', () => {
  it('adds with broadcasting and multiplies matrices', async () => {
    const b = createWasmBackend();
    await b.init();
    const [z] = run(b, 'Add', [t('float32', [2, 3], [1, 2, 3, 4, 5, 6]), t('float32', [3], [10, 20, 30])], [{ dtype: 'float32', shape: [2, 3] }]);
    expect(z).toEqual([11, 22, 33, 14, 25, 36]);
    const [c] = run(b, 'MatMul', [t('float32', [2, 3], [1, 2, 3, 4, 5, 6]), t('float32', [3, 2], [1, 0, 0, 1, 1, 1])], [{ dtype: 'float32', shape: [2, 2] }]);
    expect(c).toEqual([4, 5, 10, 11]);
    expect(b.stats()).toEqual({ liveHandles: 0, bytesInUse: 0 });
    b.dispose();
  });
});
