import { readFileSync } from 'node:fs';
import {
  BackendUnavailableError, KERNEL_SPECIFICATION_VERSION, KernelArgumentError, KernelRuntimeError, getOpDef,
} from '@varscope/kernel-api';
import { describe, expect, it } from 'vitest';
import { DEFAULT_WASM_URL, createWasmBackend } from '../src/index.js';
import { run, t, upload } from './harness.js';

const ready = async () => {
  const b = createWasmBackend();
  await b.init();
  return b;
};

describe('wasm backend: contract', () => {
  it('declares the contract and exactly the kernels it has, all of them device ops of the schema', async () => {
    const b = await ready();
    expect(b.specificationVersion).toBe(KERNEL_SPECIFICATION_VERSION);
    expect(b.deviceType).toBe('CPU');
    const ops = Object.keys(b.capabilities.kernels);
    expect(ops.length).toBeGreaterThan(100);
    for (const op of ops) expect(getOpDef(op)?.placement, op).toBe('device');
    expect(b.capabilities.kernels['MatMul']).toContain('float32');
    expect(b.capabilities.kernels['Conv2D']).toEqual(['float32']);
    b.dispose();
  });

  it('accepts the module as bytes, as a file URL and as a path', async () => {
    const bytes = readFileSync(DEFAULT_WASM_URL);
    for (const wasm of [new Uint8Array(bytes), DEFAULT_WASM_URL, DEFAULT_WASM_URL.pathname]) {
      const b = createWasmBackend({ wasm });
      await b.init();
      expect(run(b, 'Neg', [t('int32', [2], [1, -2])], [{ dtype: 'int32', shape: [2] }], { attrs: { T: 'int32' } })[0]).toEqual([-1, 2]);
      b.dispose();
    }
  });

  it('rejects init with BackendUnavailableError naming the source when the module cannot load', async () => {
    await expect(createWasmBackend({ wasm: '/nonexistent/kernels.wasm' }).init()).rejects.toThrow(BackendUnavailableError);
    await expect(createWasmBackend({ wasm: '/nonexistent/kernels.wasm' }).init()).rejects.toThrow(/nonexistent\/kernels\.wasm/);
    await expect(createWasmBackend({ wasm: new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]) }).init()).rejects.toThrow(/lacks exports/);
    await expect(createWasmBackend({ wasm: new Uint8Array([1, 2, 3]) }).init()).rejects.toThrow(/cannot instantiate/);
  });

  it('refuses use before init and after dispose', async () => {
    const b = createWasmBackend();
    expect(() => b.allocate('float32', [2])).toThrow(/before init/);
    await b.init();
    b.dispose();
    expect(() => b.allocate('float32', [2])).toThrow(/disposed/);
  });
});

describe('wasm backend: memory', () => {
  it('keeps stats exact and frees everything', async () => {
    const b = await ready();
    const a = b.allocate('float32', [10]), c = b.allocate('int64', [3]), z = b.allocate('bool', [0]);
    expect(b.stats()).toEqual({ liveHandles: 3, bytesInUse: 64 });
    b.release(a);
    expect(b.stats()).toEqual({ liveHandles: 2, bytesInUse: 24 });
    b.release(c); b.release(z);
    expect(b.stats()).toEqual({ liveHandles: 0, bytesInUse: 0 });
    expect(() => b.release(a)).toThrow(/released/);
    b.dispose();
  });

  it('reads correct values after memory grows (views are re-created, never stale)', async () => {
    const b = await ready();
    const small = upload(b, t('float32', [4], [1, 2, 3, 4]));
    // 64 MiB forces linear memory to grow past its initial 16 MiB
    const big = b.allocate('float32', [16 * 1024 * 1024]);
    expect(Array.from(b.downloadSync!(small) as Float32Array)).toEqual([1, 2, 3, 4]);
    const out = b.allocate('float32', [4]);
    b.doRun({ op: 'Square', inputs: [small], outputs: [{ ...small, handle: out }], hostInputs: [undefined], attrs: { T: 'float32' }, nodeName: 'sq' });
    expect(Array.from(b.downloadSync!({ ...small, handle: out }) as Float32Array)).toEqual([1, 4, 9, 16]);
    for (const h of [small.handle, big, out]) b.release(h);
    expect(b.stats()).toEqual({ liveHandles: 0, bytesInUse: 0 });
    b.dispose();
  });

  it('runs a training-like step 10,000 times without growing memory', async () => {
    const b = await ready();
    const x = upload(b, t('float32', [8, 16], Array.from({ length: 128 }, (_, i) => Math.sin(i))));
    const w = upload(b, t('float32', [16, 4], Array.from({ length: 64 }, (_, i) => Math.cos(i) / 4)));
    const step = () => run(b, 'MatMul', [null, null], [{ dtype: 'float32', shape: [8, 4] }], { attrs: { T: 'float32' }, refs: { 0: x, 1: w } });
    for (let i = 0; i < 100; i++) step();
    const before = (b as unknown as { state: { heap: { byteLength: number } } }).state.heap.byteLength;
    for (let i = 0; i < 10_000; i++) step();
    expect((b as unknown as { state: { heap: { byteLength: number } } }).state.heap.byteLength).toBe(before);
    expect(b.stats().liveHandles).toBe(2);
    b.dispose();
  });

  it('rejects uploads of the wrong length or type', async () => {
    const b = await ready();
    const ref = { handle: b.allocate('float32', [3]), dtype: 'float32' as const, shape: [3] };
    expect(() => b.upload(ref, new Float32Array(2))).toThrow(KernelArgumentError);
    expect(() => b.upload(ref, new Float64Array(3) as never)).toThrow(/bytes/);
    expect(() => b.upload({ ...ref, shape: [4] }, new Float32Array(4))).toThrow(/elements/);
    b.release(ref.handle);
    b.dispose();
  });
});

describe('wasm backend: kernel errors and edge cases', () => {
  it('reports an out-of-range gather index with TensorFlow\'s message and writes nothing', async () => {
    const b = await ready();
    expect(() => run(b, 'GatherV2', [t('float32', [3], [1, 2, 3]), t('int32', [2], [0, 3]), t('int32', [], [0])],
      [{ dtype: 'float32', shape: [2] }], { attrs: { Tparams: 'float32', Tindices: 'int32', Taxis: 'int32' } }))
      .toThrow(new KernelRuntimeError('GatherV2', 'indices[1] = 3 is not in [0, 3)'));
    expect(b.stats()).toEqual({ liveHandles: 0, bytesInUse: 0 });
    b.dispose();
  });

  it('reports integer division by zero', async () => {
    const b = await ready();
    expect(() => run(b, 'FloorDiv', [t('int32', [2], [1, 2]), t('int32', [2], [1, 0])], [{ dtype: 'int32', shape: [2] }], { attrs: { T: 'int32' } }))
      .toThrow(/Integer division by zero/);
    b.dispose();
  });

  it('rejects a dtype it has no kernel for, naming op and dtype', async () => {
    const b = await ready();
    expect(() => run(b, 'Sigmoid', [t('int32', [1], [1])], [{ dtype: 'int32', shape: [1] }], { attrs: { T: 'int32' } }))
      .toThrow(/Sigmoid with dtype int32/);
    expect(() => run(b, 'Conv2D', [t('float32', [1, 1, 1, 1], [1]), t('float32', [1, 1, 1, 1], [1])], [{ dtype: 'float32', shape: [1, 1, 1, 1] }],
      { attrs: { T: 'float32', strides: [1, 1, 1, 1], padding: 'VALID', data_format: 'NCHW' } })).toThrow(/only supports NHWC/);
    b.dispose();
  });

  it('handles 0-size tensors without touching memory', async () => {
    const b = await ready();
    expect(run(b, 'Add', [t('float32', [0, 3], []), t('float32', [3], [1, 2, 3])], [{ dtype: 'float32', shape: [0, 3] }], { attrs: { T: 'float32' } })[0]).toEqual([]);
    expect(run(b, 'Sum', [t('float32', [0, 3], []), t('int32', [1], [0])], [{ dtype: 'float32', shape: [3] }], { attrs: { T: 'float32' } })[0]).toEqual([0, 0, 0]);
    expect(run(b, 'MatMul', [t('float32', [2, 0], []), t('float32', [0, 3], [])], [{ dtype: 'float32', shape: [2, 3] }], { attrs: { T: 'float32' } })[0]).toEqual([0, 0, 0, 0, 0, 0]);
    expect(run(b, 'ConcatV2', [t('float32', [0], []), t('float32', [2], [1, 2]), t('int32', [], [0])], [{ dtype: 'float32', shape: [2] }], { attrs: { T: 'float32', N: 2 } })[0]).toEqual([1, 2]);
    b.dispose();
  });

  it('propagates NaN and Inf as TensorFlow does', async () => {
    const b = await ready();
    const [mx] = run(b, 'Max', [t('float32', [4], [1, NaN, 3, 2]), t('int32', [1], [0])], [{ dtype: 'float32', shape: [] }], { attrs: { T: 'float32' } });
    expect(mx![0]).toBeNaN();
    const [sg] = run(b, 'Sigmoid', [t('float32', [3], [Infinity, -Infinity, NaN])], [{ dtype: 'float32', shape: [3] }], { attrs: { T: 'float32' } });
    expect(sg!.slice(0, 2)).toEqual([1, 0]);
    expect(sg![2]).toBeNaN();
    b.dispose();
  });
});
