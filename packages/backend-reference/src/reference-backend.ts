import {
  DTYPES, KERNEL_SPECIFICATION_VERSION, KernelArgumentError, getOpDef, kernelDType, shapeSize,
} from '@varscope/kernel-api';
import type {
  BackendCapabilities, BackendStats, DType, Handle, KernelBackend, KernelInvocation, TensorRef, TypedArrayFor,
} from '@varscope/kernel-api';
import { BufferStore } from './buffers/buffer-store.js';
import type { Buffer } from './buffers/buffer-store.js';
import { KernelContext } from './kernel/kernel-context.js';
import { checkSignature } from './kernel/signature-check.js';
import type { Kernel } from './kernel/kernel.js';
import type { TensorView } from './kernel/tensor-view.js';
import { KERNEL_REGISTRY } from './kernels/registry.js';

const fmtShape = (s: readonly number[]): string => `[${s.join(',')}]`;

/**
 * The reference backend: plain TypeScript kernels for every device op of the schema and every
 * dtype it allows (strings excepted: they never reach a backend). Synchronous; results are ready
 * when `doRun` returns. Written for obvious correctness, not speed: it is the oracle the other
 * backends are compared against.
 */
export class ReferenceBackend implements KernelBackend {
  readonly specificationVersion = KERNEL_SPECIFICATION_VERSION;
  readonly name = 'reference';
  readonly deviceType = 'CPU' as const;
  readonly capabilities: BackendCapabilities;

  private readonly store = new BufferStore();
  private readonly kernels: ReadonlyMap<string, Kernel>;
  private disposed = false;

  constructor() {
    const map = new Map<string, Kernel>();
    for (const k of KERNEL_REGISTRY) {
      if (map.has(k.op)) throw new Error(`Two reference kernels are registered for ${k.op}`);
      map.set(k.op, k);
    }
    this.kernels = map;
    const table: Record<string, readonly DType[]> = {};
    for (const k of KERNEL_REGISTRY) table[k.op] = Object.freeze([...k.dtypes]);
    this.capabilities = Object.freeze({
      kernels: Object.freeze(table),
      // The reference is the yardstick itself: it matches its own results exactly.
      tolerance: Object.freeze({ float32: 0, float64: 0 }),
      asyncExecution: false,
      syncDownload: true,
    });
  }

  async init(): Promise<void> {
    this.assertUsable('init');
  }

  allocate(dtype: DType, shape: readonly number[]): Handle {
    this.assertUsable('allocate');
    return this.store.allocate(dtype, shape);
  }

  upload(ref: TensorRef, data: TypedArrayFor[DType]): void {
    const buffer = this.resolve(ref, 'upload');
    const target = buffer.data as unknown as { constructor: unknown; length: number; set(src: ArrayLike<unknown>): void };
    const source = data as unknown as { constructor: unknown; length: number };
    if (source.constructor !== target.constructor) {
      throw new KernelArgumentError('upload', `${buffer.dtype} data must be a ${DTYPES[buffer.dtype].array}, got ${String((source.constructor as { name?: string }).name)}`);
    }
    if (source.length !== target.length) {
      throw new KernelArgumentError('upload', `${buffer.dtype} ${fmtShape(ref.shape)} needs ${target.length} values, got ${source.length}`);
    }
    target.set(data as unknown as ArrayLike<unknown>);
  }

  download(ref: TensorRef): Promise<TypedArrayFor[DType]> {
    try {
      return Promise.resolve(this.downloadSync(ref));
    } catch (e) {
      return Promise.reject(e);
    }
  }

  downloadSync(ref: TensorRef): TypedArrayFor[DType] {
    const buffer = this.resolve(ref, 'download');
    return (buffer.data as unknown as { slice(): TypedArrayFor[DType] }).slice();
  }

  release(handle: Handle): void {
    this.assertUsable('release');
    this.store.release(handle);
  }

  doRun(call: KernelInvocation): void {
    this.assertUsable(call.op);
    const def = getOpDef(call.op);
    const kernel = this.kernels.get(call.op);
    if (def === undefined || kernel === undefined) {
      throw new KernelArgumentError(call.op, `the reference backend has no kernel for op type '${call.op}' (node '${call.nodeName}')`);
    }
    const dtype = kernelDType(def, call.attrs);
    if (dtype === undefined || !kernel.dtypes.includes(dtype)) {
      throw new KernelArgumentError(call.op, `the reference backend has no ${call.op} kernel for dtype ${String(dtype)} (node '${call.nodeName}')`);
    }
    checkSignature(def, call);
    const inputs = call.inputs.map((r, i) => this.view(r, `${call.op} input #${i}`));
    const outputs = call.outputs.map((r, i) => this.view(r, `${call.op} output #${i}`));
    // A kernel reads inputs while writing outputs: an output sharing storage with anything else would corrupt both.
    const inputData = new Set(inputs.map((v) => v.data));
    const seen = new Set<unknown>();
    outputs.forEach((o, i) => {
      if (inputData.has(o.data) || seen.has(o.data)) {
        throw new KernelArgumentError(call.op, `output #${i} shares its buffer with another argument (node '${call.nodeName}')`);
      }
      seen.add(o.data);
    });
    const ctx = new KernelContext(call.op, call.nodeName, call.attrs, inputs, outputs, call.hostInputs, call.philox);
    kernel.run(ctx);
  }

  sync(): Promise<void> {
    return Promise.resolve();
  }

  stats(): BackendStats {
    return { liveHandles: this.store.liveHandles, bytesInUse: this.store.bytesInUse };
  }

  dispose(): void {
    this.store.clear();
    this.disposed = true;
  }

  private assertUsable(what: string): void {
    if (this.disposed) throw new KernelArgumentError(what, 'the reference backend has been disposed');
  }

  private resolve(ref: TensorRef, what: string): Buffer {
    this.assertUsable(what);
    const buffer = this.store.get(ref.handle, what);
    if (buffer.dtype !== ref.dtype) {
      throw new KernelArgumentError(what, `the buffer holds ${buffer.dtype}, the reference says ${ref.dtype}`);
    }
    const size = shapeSize(ref.shape);
    if (size !== buffer.size) {
      throw new KernelArgumentError(what, `the buffer holds ${buffer.size} elements, shape ${fmtShape(ref.shape)} needs ${size}`);
    }
    return buffer;
  }

  private view(ref: TensorRef, what: string): TensorView {
    const buffer = this.resolve(ref, what);
    return { dtype: buffer.dtype, shape: [...ref.shape], size: buffer.size, data: buffer.data };
  }
}

/** A new, independent reference backend. */
export function createReferenceBackend(): ReferenceBackend {
  return new ReferenceBackend();
}
