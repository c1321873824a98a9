import { describe, expect, it } from 'vitest';
import { KernelArgumentError } from '@varscope/kernel-api';
import type { TensorRef } from '@varscope/kernel-api';
import { createTfjsBackend } from '../src/index.js';

async function started(engine: 'cpu' | 'wasm' = 'cpu') {
  const backend = createTfjsBackend({ engine });
  await backend.init();
  return backend;
}

describe('tfjs backend', () => {
  it('runs a kernel on buffers it allocated, and releases them', async () => {
    const b = await started();
    const ref = (shape: number[]): TensorRef => ({ handle: b.allocate('float32', shape), dtype: 'float32', shape });
    const [x, y] = [ref([2, 2]), ref([2, 2])];
    b.upload(x, new Float32Array([1, 2, 3, 4]));
    b.doRun({ op: 'MatMul', inputs: [x, x], outputs: [y], hostInputs: [], attrs: { T: 'float32', transpose_a: false, transpose_b: false }, nodeName: 'y' });
    expect(Array.from(await b.download(y) as Float32Array)).toEqual([7, 10, 15, 22]);
    expect(Array.from(b.downloadSync(y) as Float32Array)).toEqual([7, 10, 15, 22]);
    expect(b.stats()).toEqual({ liveHandles: 2, bytesInUse: 32 });
    b.release(x.handle);
    b.release(y.handle);
    expect(b.stats().liveHandles).toBe(0);
    b.dispose();
  });

  it('reads an unwritten buffer as zeros and keeps bools as 0/1 bytes', async () => {
    const b = await started();
    const flags: TensorRef = { handle: b.allocate('bool', [3]), dtype: 'bool', shape: [3] };
    expect(Array.from(await b.download(flags) as Uint8Array)).toEqual([0, 0, 0]);
    b.upload(flags, new Uint8Array([1, 0, 1]));
    const out: TensorRef = { handle: b.allocate('bool', [3]), dtype: 'bool', shape: [3] };
    b.doRun({ op: 'LogicalNot', inputs: [flags], outputs: [out], hostInputs: [], attrs: {}, nodeName: 'not' });
    const got = await b.download(out);
    expect(got).toBeInstanceOf(Uint8Array);
    expect(Array.from(got as Uint8Array)).toEqual([0, 1, 0]);
    b.dispose();
  });

  it('names what it cannot hold or run, with typed errors', async () => {
    const b = await started();
    expect(() => b.allocate('float64', [2])).toThrow(KernelArgumentError);
    expect(() => b.allocate('int64', [2])).toThrow(/tfjs has no int64/);
    const x: TensorRef = { handle: b.allocate('float32', [2]), dtype: 'float32', shape: [2] };
    expect(() => b.upload(x, new Float32Array(3))).toThrow(/3 values for a buffer of 2/);
    expect(() => b.doRun({ op: 'RandomUniform', inputs: [], outputs: [x], hostInputs: [], attrs: { dtype: 'float32', T: 'int32' }, nodeName: 'r' }))
      .toThrow(/tfjs-cpu has no RandomUniform kernel/);
    b.release(x.handle);
    expect(() => b.release(x.handle)).toThrow(/not a live tfjs-cpu buffer/);
    b.dispose();
    expect(() => b.allocate('float32', [1])).toThrow(/disposed/);
  });

  it('declares no kernel for random ops (tfjs has no Philox) and no dtype beyond float32, int32, bool', () => {
    const { kernels } = createTfjsBackend().capabilities;
    expect(kernels.RandomUniform).toBeUndefined();
    const dtypes = new Set(Object.values(kernels).flat());
    expect([...dtypes].sort()).toEqual(['bool', 'float32', 'int32']);
  });
});
