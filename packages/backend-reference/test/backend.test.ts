import { DTYPES, KernelArgumentError, deviceOps, primaryTypeAttr } from '@varscope/kernel-api';
import type { DType, TensorRef } from '@varscope/kernel-api';
import { describe, expect, it } from 'vitest';
import { createReferenceBackend } from '../src/index.js';

/** Ops the reference offers fewer dtypes than the schema allows, and why. */
const DOCUMENTED_GAPS: Record<string, { dtypes: DType[]; why: string }> = {
  FloorDiv: { dtypes: ['complex64', 'complex128'], why: 'floor of a complex quotient is undefined; TensorFlow has no such kernel' },
};

function expectedDtypes(op: string): DType[] {
  const def = deviceOps().find((d) => d.name === op);
  if (def === undefined) throw new Error(op);
  const attr = primaryTypeAttr(def);
  const allowed = attr === undefined
    ? [[...def.inputs, ...def.outputs].find((a) => a.type !== undefined)?.type as DType]
    : def.attrs.find((a) => a.name === attr)?.allowedTypes ?? [];
  const gap = DOCUMENTED_GAPS[op]?.dtypes ?? [];
  return allowed.filter((d) => d !== 'string' && !gap.includes(d));
}

describe('capabilities', () => {
  const backend = createReferenceBackend();

  it('has a kernel for every device op of the schema, for every dtype it allows (strings aside)', () => {
    const ops = deviceOps().map((d) => d.name);
    expect(Object.keys(backend.capabilities.kernels).sort()).toEqual([...ops].sort());
    for (const op of ops) {
      expect([...(backend.capabilities.kernels[op] ?? [])].sort(), op).toEqual(expectedDtypes(op).sort());
    }
  });

  it('moves quantized storage only through data-movement ops and equality', () => {
    const withQuantized = Object.entries(backend.capabilities.kernels)
      .filter(([, dts]) => dts.includes('qint8')).map(([op]) => op).sort();
    expect(withQuantized).toEqual([
      'Assign', 'ConcatV2', 'Equal', 'ExpandDims', 'Fill', 'GatherV2', 'Identity', 'NotEqual', 'Pack', 'Pad', 'PadV2',
      'Reshape', 'Select', 'Slice', 'Split', 'SplitV', 'Squeeze', 'StopGradient', 'StridedSlice', 'Tile', 'Transpose',
      'Unpack', 'ZerosLike',
    ]);
  });

  it('declares itself a synchronous CPU backend of the current contract', () => {
    expect(backend.specificationVersion).toBe('kernel-v1');
    expect(backend.deviceType).toBe('CPU');
    expect(backend.capabilities.asyncExecution).toBe(false);
    expect(backend.capabilities.syncDownload).toBe(true);
  });
});

describe('buffers', () => {
  const ref = (backend: ReturnType<typeof createReferenceBackend>, dtype: DType, shape: number[]): TensorRef =>
    ({ handle: backend.allocate(dtype, shape), dtype, shape });

  it('counts live handles and bytes exactly, back to zero after release', async () => {
    const backend = createReferenceBackend();
    await backend.init();
    const a = ref(backend, 'float32', [2, 3]);
    const b = ref(backend, 'complex128', [4]);
    const c = ref(backend, 'int64', [0]);
    expect(backend.stats()).toEqual({ liveHandles: 3, bytesInUse: 6 * 4 + 4 * 16 });
    backend.release(a.handle);
    backend.release(b.handle);
    backend.release(c.handle);
    expect(backend.stats()).toEqual({ liveHandles: 0, bytesInUse: 0 });
  });

  it('uploads and downloads copies', async () => {
    const backend = createReferenceBackend();
    const r = ref(backend, 'int32', [3]);
    const src = new Int32Array([1, 2, 3]);
    backend.upload(r, src);
    src[0] = 99;
    const out = (await backend.download(r)) as Int32Array;
    expect([...out]).toEqual([1, 2, 3]);
    out[1] = 42;
    expect([...(backend.downloadSync(r) as Int32Array)]).toEqual([1, 2, 3]);
    await expect(backend.sync()).resolves.toBeUndefined();
    backend.release(r.handle);
  });

  it('rejects wrong storage, wrong lengths and mismatched refs with KernelArgumentError', () => {
    const backend = createReferenceBackend();
    const r = ref(backend, 'float16', [2]);
    expect(() => backend.upload(r, new Float32Array(2))).toThrow(/float16 data must be a Uint16Array/);
    expect(() => backend.upload(r, new Uint16Array(3))).toThrow(/needs 2 values, got 3/);
    expect(() => backend.upload({ ...r, shape: [3] }, new Uint16Array(3))).toThrow(KernelArgumentError);
    expect(() => backend.upload({ ...r, dtype: 'int16' }, new Int16Array(2))).toThrow(/holds float16/);
    expect(() => backend.allocate('string', [1])).toThrow(/never reaches a device backend/);
    expect(() => backend.allocate('float32', [-1])).toThrow(/invalid dimension/);
    const c = ref(backend, 'complex64', [2]);
    expect(() => backend.upload(c, new Float32Array(2))).toThrow(/needs 4 values/);
  });

  it('rejects released, foreign and forged handles', () => {
    const a = createReferenceBackend();
    const b = createReferenceBackend();
    const r = ref(a, 'float32', [1]);
    expect(() => b.downloadSync({ ...r })).toThrow(/not a live buffer/);
    a.release(r.handle);
    expect(() => a.release(r.handle)).toThrow(/not a live buffer/);
    expect(() => a.downloadSync(r)).toThrow(KernelArgumentError);
    expect(() => a.release({} as TensorRef['handle'])).toThrow(/not a live buffer/);
  });

  it('is unusable after dispose', async () => {
    const backend = createReferenceBackend();
    ref(backend, 'float32', [4]);
    backend.dispose();
    expect(backend.stats()).toEqual({ liveHandles: 0, bytesInUse: 0 });
    expect(() => backend.allocate('float32', [1])).toThrow(/disposed/);
    await expect(backend.init()).rejects.toThrow(/disposed/);
  });

  it('sizes every dtype by the DType table', () => {
    const backend = createReferenceBackend();
    for (const d of Object.values(DTYPES)) {
      if (d.array === 'Array') continue;
      const r = ref(backend, d.name, [3]);
      expect((backend.downloadSync(r) as { length: number }).length, d.name).toBe(3 * d.lanes);
      backend.release(r.handle);
    }
    expect(backend.stats().liveHandles).toBe(0);
  });
});

describe('doRun contract checks', () => {
  const backend = createReferenceBackend();
  const mk = (dtype: DType, shape: number[]): TensorRef => ({ handle: backend.allocate(dtype, shape), dtype, shape });

  it('refuses an output whose shape is not the computed one', () => {
    const x = mk('float32', [2]);
    const y = mk('float32', [3]);
    expect(() => backend.doRun({ op: 'Neg', inputs: [x], outputs: [y], hostInputs: [], attrs: { T: 'float32' }, nodeName: 'n' }))
      .toThrow(/output has shape \[3\], expected \[2\].*node 'n'/);
  });

  it('refuses an output that shares a buffer with an input', () => {
    const x = mk('float32', [2]);
    expect(() => backend.doRun({ op: 'Neg', inputs: [x], outputs: [x], hostInputs: [], attrs: { T: 'float32' }, nodeName: 'n' }))
      .toThrow(/shares its buffer/);
  });

  it('names unknown ops and unsupported dtypes', () => {
    const x = mk('float32', [2]);
    expect(() => backend.doRun({ op: 'Nope', inputs: [x], outputs: [], hostInputs: [], attrs: {}, nodeName: 'n' })).toThrow(/no kernel for op type 'Nope'/);
    expect(() => backend.doRun({ op: 'Floor', inputs: [x], outputs: [], hostInputs: [], attrs: { T: 'int32' }, nodeName: 'n' })).toThrow(/no Floor kernel for dtype int32/);
    expect(() => backend.doRun({ op: 'Const', inputs: [], outputs: [], hostInputs: [], attrs: {}, nodeName: 'n' })).toThrow(/no kernel for op type 'Const'/);
  });

  it('requires host-memory inputs in hostInputs', () => {
    const x = mk('float32', [2]);
    const s = mk('int32', [1]);
    const y = mk('float32', [2]);
    expect(() => backend.doRun({ op: 'Reshape', inputs: [x, s], outputs: [y], hostInputs: [], attrs: { T: 'float32', Tshape: 'int32' }, nodeName: 'n' }))
      .toThrow(/shape\) was not provided in hostInputs/);
  });
});

describe('schema signature checks', () => {
  const backend = createReferenceBackend();
  const mk = (dtype: DType, shape: number[]): TensorRef => ({ handle: backend.allocate(dtype, shape), dtype, shape });

  it('names an input whose dtype is not the declared one', () => {
    const x = mk('float32', [2]);
    const y = mk('int32', [2]);
    const z = mk('float32', [2]);
    expect(() => backend.doRun({ op: 'Add', inputs: [x, y], outputs: [z], hostInputs: [], attrs: { T: 'float32' }, nodeName: 'add' }))
      .toThrow("Add: input 'y' is int32, expected float32 (node 'add')");
    expect(() => backend.doRun({ op: 'Equal', inputs: [x, x], outputs: [z], hostInputs: [], attrs: { T: 'float32' }, nodeName: 'eq' }))
      .toThrow("output 'z' is float32, expected bool");
  });

  it('counts list args by their number attr and omits aliased outputs', () => {
    const x = mk('float32', [2]);
    const z = mk('float32', [2]);
    expect(() => backend.doRun({ op: 'AddN', inputs: [x, x], outputs: [z], hostInputs: [], attrs: { N: 3, T: 'float32' }, nodeName: 'n' }))
      .toThrow('AddN: expects 3 inputs (inputs[0], inputs[1], inputs[2]), got 2');
    expect(() => backend.doRun({ op: 'Assign', inputs: [x, z], outputs: [mk('float32', [2])], hostInputs: [], attrs: { T: 'float32' }, nodeName: 'n' }))
      .toThrow('Assign: expects 0 pre-allocated outputs, got 1');
  });
});
