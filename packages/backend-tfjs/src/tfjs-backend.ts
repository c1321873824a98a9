import * as tf from '@tensorflow/tfjs-core';
import {
  BackendUnavailableError, KERNEL_SPECIFICATION_VERSION, KernelArgumentError, dtypeInfo, getOpDef, kernelDType, shapeSize,
} from '@varscope/kernel-api';
import type {
  BackendCapabilities, BackendStats, DType, Handle, KernelBackend, KernelInvocation, TensorRef, TypedArrayFor,
} from '@varscope/kernel-api';
import { fromTfjsData, isTfjsDType, toTfjs } from './dtypes.js';
import type { TfjsDType } from './dtypes.js';
import { TFJS_KERNELS } from './kernels/index.js';
import type { KernelArgs } from './kernels/index.js';

/** Which tfjs backend does the arithmetic. */
export type TfjsEngineName = 'cpu' | 'wasm';

export interface TfjsBackendOptions {
  /** `cpu` (plain TypeScript, the default) or `wasm` (XNNPACK; needs `@tensorflow/tfjs-backend-wasm` installed). */
  readonly engine?: TfjsEngineName;
}

/** One buffer: a tfjs tensor once written (tfjs tensors are immutable, so every write swaps in a new one). */
interface Buffer {
  readonly dtype: TfjsDType;
  readonly shape: readonly number[];
  tensor: tf.Tensor | null;
}

/** The packages that register each tfjs engine (importing them is how tfjs registers a backend). */
const ENGINE_PACKAGES: Record<TfjsEngineName, string> = {
  cpu: '@tensorflow/tfjs-backend-cpu',
  wasm: '@tensorflow/tfjs-backend-wasm',
};

/**
 * Kernels an engine lacks although the cpu engine has them: tfjs-wasm registers no
 * Conv2DBackpropFilter and its MatMul rejects int32. Not declared, so core and the suite see them as absent.
 */
const ENGINE_GAPS: Record<TfjsEngineName, Readonly<Record<string, readonly DType[]>>> = {
  cpu: {},
  wasm: { Conv2DBackpropFilter: ['float32'], MatMul: ['int32'] },
};

/**
 * A varscope backend on TensorFlow.js. Buffers are `tf.Tensor`s, kernels are tfjs ops (or tfjs
 * kernels by their TensorFlow names for gradients). tfjs keeps one global engine, so a process
 * runs one tfjs engine at a time: `init()` selects this backend's.
 */
export class TfjsBackend implements KernelBackend {
  readonly specificationVersion = KERNEL_SPECIFICATION_VERSION;
  readonly name: string;
  readonly deviceType = 'CPU' as const;
  readonly capabilities: BackendCapabilities;
  readonly #engine: TfjsEngineName;
  readonly #buffers = new Set<Buffer>();
  #disposed = false;

  constructor(options: TfjsBackendOptions = {}) {
    this.#engine = options.engine ?? 'cpu';
    this.name = `tfjs-${this.#engine}`;
    const kernels: Record<string, readonly DType[]> = {};
    const gaps = ENGINE_GAPS[this.#engine];
    for (const [op, k] of Object.entries(TFJS_KERNELS)) {
      const dtypes = k.dtypes.filter((d) => !(gaps[op] ?? []).includes(d));
      if (dtypes.length > 0) kernels[op] = dtypes;
    }
    this.capabilities = Object.freeze({
      kernels: Object.freeze(kernels),
      // tfjs computes float32 ops in float32 (its matmul and convolutions accumulate in float32 on wasm).
      tolerance: { float32: 2e-5, float64: 0 },
      asyncExecution: false,
      syncDownload: true,
    });
  }

  async init(): Promise<void> {
    this.#assertUsable('init');
    try {
      await import(ENGINE_PACKAGES[this.#engine]);
    } catch (e) {
      throw new BackendUnavailableError(this.name, `${ENGINE_PACKAGES[this.#engine]} is not installed (${(e as Error).message})`, { cause: e });
    }
    let ok: boolean;
    try {
      ok = await tf.setBackend(this.#engine);
      await tf.ready();
    } catch (e) {
      throw new BackendUnavailableError(this.name, `tfjs could not start its '${this.#engine}' backend: ${(e as Error).message}`, { cause: e });
    }
    if (!ok) throw new BackendUnavailableError(this.name, `tfjs could not start its '${this.#engine}' backend`);
  }

  allocate(dtype: DType, shape: readonly number[]): Handle {
    this.#assertUsable('allocate');
    if (!isTfjsDType(dtype)) {
      throw new KernelArgumentError('allocate', `${this.name} holds float32, int32 and bool tensors; tfjs has no ${dtype}`);
    }
    const buffer: Buffer = { dtype, shape: [...shape], tensor: null };
    this.#buffers.add(buffer);
    return buffer as unknown as Handle;
  }

  upload(ref: TensorRef, data: TypedArrayFor[DType]): void {
    const buffer = this.#resolve(ref.handle, 'upload');
    const n = shapeSize(buffer.shape);
    if ((data as ArrayLike<unknown>).length !== n) {
      throw new KernelArgumentError('upload', `${(data as ArrayLike<unknown>).length} values for a buffer of ${n} ${buffer.dtype} elements`);
    }
    this.#store(buffer, tf.tensor(data as Float32Array | Int32Array | Uint8Array, [...buffer.shape], toTfjs(buffer.dtype)));
  }

  async download(ref: TensorRef): Promise<TypedArrayFor[DType]> {
    const buffer = this.#resolve(ref.handle, 'download');
    if (buffer.tensor === null) return this.#zeros(buffer);
    return fromTfjsData(buffer.dtype, await buffer.tensor.data() as ArrayLike<number>);
  }

  downloadSync(ref: TensorRef): TypedArrayFor[DType] {
    const buffer = this.#resolve(ref.handle, 'download');
    if (buffer.tensor === null) return this.#zeros(buffer);
    return fromTfjsData(buffer.dtype, buffer.tensor.dataSync() as ArrayLike<number>);
  }

  release(handle: Handle): void {
    const buffer = this.#resolve(handle, 'release');
    buffer.tensor?.dispose();
    buffer.tensor = null;
    this.#buffers.delete(buffer);
  }

  doRun(call: KernelInvocation): void {
    this.#assertUsable('doRun');
    const kernel = TFJS_KERNELS[call.op];
    const def = getOpDef(call.op);
    if (kernel === undefined || def === undefined || this.capabilities.kernels[call.op] === undefined) throw new KernelArgumentError(call.op, `${this.name} has no ${call.op} kernel`);
    const dtype = kernelDType(def, call.attrs);
    if (dtype !== undefined && !(this.capabilities.kernels[call.op] ?? []).includes(dtype)) {
      throw new KernelArgumentError(call.op, `${this.name} has no ${call.op} kernel for ${dtype}`);
    }
    const inputBuffers = call.inputs.map((r) => this.#resolve(r.handle, call.op));
    const outputBuffers = call.outputs.map((r) => this.#resolve(r.handle, call.op));
    // Ref ops (Assign, Apply*) return the new contents of their ref inputs, which come first in the schema.
    const refCount = def.inputs.filter((a) => a.isRef === true).length;
    const targets = refCount > 0 ? inputBuffers.slice(0, refCount) : outputBuffers;
    const results = tf.tidy(() => {
      const inputs = inputBuffers.map((b) => b.tensor ?? tf.zeros([...b.shape], toTfjs(b.dtype)));
      const args: KernelArgs = {
        op: call.op, nodeName: call.nodeName, inputs, attrs: call.attrs, outputs: call.outputs,
        host: (i) => {
          const host = call.hostInputs[i];
          const values = host !== undefined ? host.data as ArrayLike<number | bigint> : (inputs[i] as tf.Tensor).dataSync();
          return Array.from(values, Number);
        },
      };
      const raw = kernel.run(args);
      if (raw.length !== targets.length) {
        throw new KernelArgumentError(call.op, `the tfjs kernel gave ${raw.length} results for ${targets.length} ${refCount > 0 ? 'ref inputs' : 'outputs'}`);
      }
      return raw.map((t, i) => this.#conform(call.op, t, targets[i] as Buffer));
    });
    results.forEach((t, i) => this.#store(targets[i] as Buffer, t));
  }

  async sync(): Promise<void> {
    this.#assertUsable('sync');
  }

  stats(): BackendStats {
    let bytesInUse = 0;
    for (const b of this.#buffers) bytesInUse += shapeSize(b.shape) * dtypeInfo(b.dtype).byteSize;
    return { liveHandles: this.#buffers.size, bytesInUse };
  }

  dispose(): void {
    for (const b of this.#buffers) b.tensor?.dispose();
    this.#buffers.clear();
    this.#disposed = true;
  }

  /** A kernel result in the dtype and shape core allocated (tfjs's own choices differ, e.g. int32 argmax). */
  #conform(op: string, t: tf.Tensor, target: Buffer): tf.Tensor {
    if (t.size !== shapeSize(target.shape)) {
      throw new KernelArgumentError(op, `tfjs produced ${t.size} elements [${t.shape.join(',')}] for an output of shape [${target.shape.join(',')}]`);
    }
    const typed = t.dtype === target.dtype ? t : tf.cast(t, toTfjs(target.dtype));
    return tf.reshape(typed, [...target.shape]);
  }

  #store(buffer: Buffer, tensor: tf.Tensor): void {
    if (buffer.tensor !== tensor) buffer.tensor?.dispose();
    buffer.tensor = tensor;
  }

  #zeros(buffer: Buffer): TypedArrayFor[DType] {
    return fromTfjsData(buffer.dtype, new Float32Array(shapeSize(buffer.shape)));
  }

  #resolve(handle: Handle, what: string): Buffer {
    this.#assertUsable(what);
    const buffer = handle as unknown as Buffer;
    if (!this.#buffers.has(buffer)) throw new KernelArgumentError(what, `handle is not a live ${this.name} buffer (released, or from another backend)`);
    return buffer;
  }

  #assertUsable(what: string): void {
    if (this.#disposed) throw new KernelArgumentError(what, `the ${this.name} backend has been disposed`);
  }
}

/** A varscope `KernelBackend` on TensorFlow.js's `cpu` (default) or `wasm` engine. */
export function createTfjsBackend(options: TfjsBackendOptions = {}): TfjsBackend {
  return new TfjsBackend(options);
}
