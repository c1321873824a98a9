import {
  BackendUnavailableError, KERNEL_SPECIFICATION_VERSION, KernelArgumentError, allocateData, dtypeInfo, getOpDef,
  primaryTypeAttr,
  type BackendCapabilities, type BackendStats, type DType, type Handle, type KernelBackend, type KernelInvocation,
  type TensorRef, type TypedArrayFor,
} from '@varscope/kernel-api';
import { KernelContext } from './kernels/kernel-context.js';
import { WASM_KERNELS, kernelCapabilities } from './kernels/registry.js';
import { BufferTable } from './memory/buffer-table.js';
import { Heap } from './memory/heap.js';
import type { KernelExports } from './module/kernel-exports.js';
import { loadKernelModule, type WasmSource } from './module/load-module.js';

/** Options of `createWasmBackend`. */
export interface WasmBackendOptions {
  /**
   * The kernels module: its bytes, or a URL / file path to read. Defaults to the kernels.wasm
   * shipped next to this package's files (resolved from `import.meta.url`).
   */
  readonly wasm?: WasmSource;
}

/** Relative tolerances versus the reference backend (float32: vectorised exp and reassociated sums). */
const TOLERANCE = Object.freeze({ float32: 1e-4, float64: 1e-10 });

class WasmBackend implements KernelBackend {
  readonly specificationVersion = KERNEL_SPECIFICATION_VERSION;
  readonly name = 'wasm';
  readonly deviceType = 'CPU' as const;
  readonly capabilities: BackendCapabilities = Object.freeze({
    kernels: kernelCapabilities(),
    tolerance: TOLERANCE,
    asyncExecution: false,
    syncDownload: true,
  });

  private state: { kernels: KernelExports; heap: Heap; buffers: BufferTable; ctx: KernelContext } | null = null;
  private initPromise: Promise<void> | null = null;
  private disposed = false;

  constructor(private readonly options: WasmBackendOptions) {}

  init(): Promise<void> {
    if (this.disposed) return Promise.reject(new BackendUnavailableError('wasm', 'the backend was disposed'));
    this.initPromise ??= (async () => {
      let heap: Heap | null = null;
      const kernels = await loadKernelModule(this.options.wasm, { onMemoryGrowth: () => heap?.invalidate() });
      heap = new Heap(kernels);
      const buffers = new BufferTable(heap);
      this.state = { kernels, heap, buffers, ctx: new KernelContext(kernels, heap, buffers) };
    })();
    return this.initPromise;
  }

  private ready(what: string) {
    if (this.state === null) {
      throw new BackendUnavailableError('wasm', this.disposed ? 'the backend was disposed' : `${what} before init() resolved`);
    }
    return this.state;
  }

  allocate(dtype: DType, shape: readonly number[]): Handle {
    return this.ready('allocate').buffers.allocate(dtype, shape);
  }

  upload(ref: TensorRef, data: TypedArrayFor[DType]): void {
    const { buffers, heap } = this.ready('upload');
    const buf = buffers.resolve(ref, 'upload');
    const info = dtypeInfo(ref.dtype);
    const expected = buf.size * info.lanes;
    if (!ArrayBuffer.isView(data) || (data as ArrayLike<unknown>).length !== expected) {
      throw new KernelArgumentError('upload', `expected a ${info.array} of ${expected} elements for ${ref.dtype}[${ref.shape.join(', ')}]`);
    }
    const view = data as unknown as ArrayBufferView;
    if (view.byteLength !== buf.bytes) {
      throw new KernelArgumentError('upload', `expected ${buf.bytes} bytes of ${info.array}, got ${view.byteLength}`);
    }
    if (buf.bytes === 0) return;
    heap.assertInBounds(buf.ptr, buf.bytes, 'upload');
    heap.views().u8.set(new Uint8Array(view.buffer, view.byteOffset, view.byteLength), buf.ptr);
  }

  downloadSync(ref: TensorRef): TypedArrayFor[DType] {
    const { buffers, heap } = this.ready('download');
    const buf = buffers.resolve(ref, 'download');
    const out = allocateData(ref.dtype, buf.size);
    if (buf.bytes > 0) {
      heap.assertInBounds(buf.ptr, buf.bytes, 'download');
      const view = out as unknown as ArrayBufferView;
      new Uint8Array(view.buffer, view.byteOffset, view.byteLength).set(heap.views().u8.subarray(buf.ptr, buf.ptr + buf.bytes));
    }
    return out;
  }

  download(ref: TensorRef): Promise<TypedArrayFor[DType]> {
    try {
      return Promise.resolve(this.downloadSync(ref));
    } catch (e) {
      return Promise.reject(e);
    }
  }

  release(handle: Handle): void {
    this.ready('release').buffers.release(handle);
  }

  doRun(call: KernelInvocation): void {
    const { ctx } = this.ready('doRun');
    const kernel = WASM_KERNELS.get(call.op);
    if (kernel === undefined) {
      throw new KernelArgumentError(call.op, `${call.nodeName}: no wasm kernel for op ${call.op}`);
    }
    const dtype = kernelDtype(call);
    if (dtype !== undefined && !kernel.dtypes.includes(dtype)) {
      throw new KernelArgumentError(call.op, `${call.nodeName}: no wasm kernel for ${call.op} with dtype ${dtype} on CPU`);
    }
    try {
      kernel.run(ctx, call);
    } finally {
      ctx.releaseTemps();
    }
  }

  sync(): Promise<void> {
    return Promise.resolve();
  }

  stats(): BackendStats {
    const b = this.state?.buffers;
    return { liveHandles: b?.liveHandles ?? 0, bytesInUse: b?.bytesInUse ?? 0 };
  }

  dispose(): void {
    if (this.state !== null) {
      this.state.buffers.releaseAll();
      this.state.heap.dispose();
    }
    this.state = null;
    this.disposed = true;
  }
}

/** The dtype capabilities are keyed by: the primary type attr's value, else the first input's dtype. */
function kernelDtype(call: KernelInvocation): DType | undefined {
  const def = getOpDef(call.op);
  const attr = def === undefined ? undefined : primaryTypeAttr(def);
  const fromAttr = attr === undefined ? undefined : call.attrs[attr];
  if (typeof fromAttr === 'string') return fromAttr as DType;
  const first = call.inputs[0] ?? call.outputs[0];
  return first?.dtype;
}

/** Creates the WebAssembly CPU backend; `await backend.init()` before use. */
export function createWasmBackend(options: WasmBackendOptions = {}): KernelBackend {
  return new WasmBackend(options);
}

