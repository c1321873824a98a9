// Every CUDA kernel's JS side against the addon's validation, without a GPU: a dry-run backend
// checks every argument it would pass to a kernel and skips only the launch.
import { createReferenceBackend } from '@varscope/backend-reference';
import { KernelArgumentError, getOpDef } from '@varscope/kernel-api';
import { describe, expect, it } from 'vitest';
import { CUDA_KERNELS, createCudaBackend } from '../src/index.js';
import { findAddon } from './addon-harness.js';
import { runCase } from './case-runner.js';
import { KERNEL_CASES } from './kernel-cases.js';

const { addon, reason } = findAddon();

describe('kernel cases', () => {
  it('cover every kernel the CUDA backend declares', () => {
    const covered = new Set(KERNEL_CASES.map((c) => c.op));
    expect([...CUDA_KERNELS.keys()].filter((op) => !covered.has(op))).toEqual([]);
  });
});

describe.skipIf(addon === undefined)(`CUDA backend on a dry-run context${addon === undefined ? ` (skipped: ${reason})` : ''}`, () => {
  for (const c of KERNEL_CASES) {
    it(`${c.name}: arguments pass the addon's checks`, async () => {
      const backend = createCudaBackend({ dryRun: true, addon });
      await backend.init();
      const results = await runCase(backend, c);
      expect(results.length).toBe(c.outputs.length > 0 ? c.outputs.length : results.length);
      expect(backend.stats()).toEqual({ liveHandles: 0, bytesInUse: 0 });
      backend.dispose();
    });
  }

  it('turns the addon\'s validation errors into KernelArgumentError naming op and node', async () => {
    const backend = createCudaBackend({ dryRun: true, addon });
    await backend.init();
    const a = { handle: backend.allocate('float32', [2, 3]), dtype: 'float32' as const, shape: [2, 3] };
    const bad = { handle: backend.allocate('float32', [4, 2]), dtype: 'float32' as const, shape: [4, 2] };
    const out = { handle: backend.allocate('float32', [2, 2]), dtype: 'float32' as const, shape: [2, 2] };
    const call = {
      op: 'MatMul', inputs: [a, bad], outputs: [out], hostInputs: [], nodeName: 'dense/MatMul',
      attrs: { transpose_a: false, transpose_b: false, T: 'float32' },
    };
    expect(() => backend.doRun(call)).toThrow(KernelArgumentError);
    expect(() => backend.doRun(call)).toThrow(/MatMul: matMul: Matrix size-incompatible: In\[0\]: \[2,3\], In\[1\]: \[4,2\] \(node 'dense\/MatMul'\)/);
    expect(() => backend.doRun({ ...call, attrs: { ...call.attrs, T: 'float64' } })).toThrow(/no MatMul kernel for float64/);
    expect(() => backend.doRun({ ...call, op: 'NoSuchOp' })).toThrow(/has no kernel for NoSuchOp/);
    expect(() => backend.allocate('float64', [1])).toThrow(/stores float32, int32, int64, bool; got float64/);
    for (const r of [a, bad, out]) backend.release(r.handle);
    expect(() => backend.release(a.handle)).toThrow(/has been released/);
    backend.dispose();
    expect(() => backend.allocate('float32', [1])).toThrow(/has been disposed/);
  });
});

describe.skipIf(addon === undefined)(`StridedSlice on a dry-run context${addon === undefined ? ` (skipped: ${reason})` : ''}`, () => {
  it('reports slice errors in TensorFlow\'s words and an output of the wrong shape, naming the node', async () => {
    const backend = createCudaBackend({ dryRun: true, addon });
    await backend.init();
    const ref = (dtype: 'float32' | 'int32', shape: number[]) => ({ handle: backend.allocate(dtype, shape), dtype, shape });
    const host = (values: number[]) => ({ dtype: 'int32' as const, shape: [values.length], data: Int32Array.from(values) });
    const x = ref('float32', [4, 5]);
    const index = [ref('int32', [2]), ref('int32', [2]), ref('int32', [2])];
    const run = (begin: number[], end: number[], strides: number[], yShape: number[], shrink = 0) => {
      const y = ref('float32', yShape);
      try {
        backend.doRun({
          op: 'StridedSlice', inputs: [x, ...index], outputs: [y], nodeName: 'model/slice',
          hostInputs: [undefined, host(begin), host(end), host(strides)],
          attrs: { T: 'float32', Index: 'int32', begin_mask: 0, end_mask: 0, ellipsis_mask: 0, new_axis_mask: 0, shrink_axis_mask: shrink },
        });
      } finally {
        backend.release(y.handle);
      }
    };
    expect(() => run([3, 1], [-5, 5], [-2, 2], [2, 2])).not.toThrow();
    expect(() => run([3, 1], [-5, 5], [-2, 2], [2, 3])).toThrow(/StridedSlice: the slice has shape \[2,2\] but the output is \[2,3\] \(node 'model\/slice'\)/);
    expect(() => run([0, 1], [4, 5], [1, 0], [4, 4])).toThrow(/strides\[1\] must be non-zero \(node 'model\/slice'\)/);
    expect(() => run([4, 0], [5, 5], [1, 1], [5], 1)).toThrow(/slice index 4 of dimension 0 out of bounds\./);
    for (const r of [x, ...index]) backend.release(r.handle);
    expect(backend.stats().liveHandles).toBe(0);
    backend.dispose();
  });
});

describe('supportsKernel', () => {
  // Needs no addon: it reads only the kernel table and the op schema.
  const backend = createCudaBackend();
  it('declines dtypes the backend cannot allocate, even where the primary dtype has a kernel', () => {
    expect(backend.supportsKernel('Cast', { SrcT: 'float32', DstT: 'int32', Truncate: false })).toBe(true);
    expect(backend.supportsKernel('Cast', { SrcT: 'float32', DstT: 'float64', Truncate: false })).toBe(false);
    expect(backend.supportsKernel('Cast', { SrcT: 'uint8', DstT: 'float32', Truncate: false })).toBe(false);
    expect(backend.supportsKernel('OneHot', { T: 'float32', TI: 'uint8', axis: -1 })).toBe(false);
    expect(backend.supportsKernel('OneHot', { T: 'float32', TI: 'int64', axis: -1 })).toBe(true);
    expect(backend.supportsKernel('GatherV2', { Tparams: 'bool', Tindices: 'int64', Taxis: 'int32', batch_dims: 0 })).toBe(true);
    expect(backend.supportsKernel('StridedSlice', { T: 'int64', Index: 'int64' })).toBe(true);
  });
  it('agrees with capabilities on the primary dtype and unknown ops', () => {
    expect(backend.supportsKernel('MatMul', { T: 'int32', transpose_a: false, transpose_b: false })).toBe(true);
    expect(backend.supportsKernel('MatMul', { T: 'float64', transpose_a: false, transpose_b: false })).toBe(false);
    expect(backend.supportsKernel('Sqrt', { T: 'int32' })).toBe(false);
    expect(backend.supportsKernel('NoSuchOp', {})).toBe(false);
    for (const [op, dtypes] of Object.entries(backend.capabilities.kernels)) {
      for (const dtype of dtypes) {
        // Every type attr set to the primary dtype: supported exactly when all of them are stored.
        const def = getOpDef(op)!;
        const attrs = Object.fromEntries(def.attrs.filter((a) => a.type === 'type').map((a) => [a.name, dtype]));
        const stored = ['float32', 'int32', 'int64', 'bool'].includes(dtype);
        expect(backend.supportsKernel(op, attrs), `${op} ${dtype}`).toBe(stored);
      }
    }
  });
});

describe('kernel cases on the reference backend', () => {
  // Keeps the case table honest: every case is a valid invocation for the oracle too.
  for (const c of KERNEL_CASES) {
    it(`${c.name} runs on the reference backend`, async () => {
      const reference = createReferenceBackend();
      await reference.init();
      const results = await runCase(reference, c);
      expect(results.length).toBeGreaterThan(0);
      reference.dispose();
    });
  }
});
