import {
  BackendUnavailableError, DTYPES, KERNEL_SPECIFICATION_VERSION, KernelArgumentError, KernelRuntimeError, getOpDef,
  kernelDType, primaryTypeAttr,
} from '@varscope/kernel-api';
import type {
  Attrs, BackendCapabilities, BackendStats, DType, Handle, KernelBackend, KernelInvocation, TensorRef, TypedArrayFor,
} from '@varscope/kernel-api';
import { KernelCall, STORED } from './kernels/kernel-call.js';
import { CUDA_KERNELS } from './kernels/registry.js';
import type { CudaAddon, CudaProbe, NativeBuffer, NativeContext, NativeStats } from './native/addon-types.js';
import { diagnoseProbe } from './native/diagnose.js';
import { CudaAddonLoadError, loadCudaAddon } from './native/load-addon.js';

/** Options of `createCudaBackend`. */
export interface CudaBackendOptions {
  /** CUDA device ordinal (default 0). */
  readonly device?: number;
  /**
   * Let MatMul use TF32 tensor cores (sm_80+): about 10 mantissa bits per product, like
   * `torch.backends.cuda.matmul.allow_tf32`. Off by default, so results stay strict float32.
   */
  readonly allowTf32?: boolean;
  /** Cap on the device memory the caching pool may reserve, in bytes (default: no cap). */
  readonly poolLimitBytes?: number;
  /** An explicit path to `varscope_cuda.node` (else VARSCOPE_CUDA_ADDON, the local build, the platform package). */
  readonly addonPath?: string;
  /**
   * Testing aid: buffers live in host memory and kernels are validated but **not executed**,
   * so results are meaningless. Exercises the whole binding layer on machines without a GPU.
   */
  readonly dryRun?: boolean;
  /** An already loaded addon (tests). */
  readonly addon?: CudaAddon;
}

const TYPED_ARRAYS = {
  float32: Float32Array, int32: Int32Array, int64: BigInt64Array, bool: Uint8Array,
} as const;

/**
 * The CUDA backend: varscope's kernels on one NVIDIA GPU through the varscope_cuda addon.
 * Kernels are enqueued on one stream per backend; `download` and `sync` resolve off the JS
 * thread. Handles are native DeviceBuffers from a caching pool; release them explicitly.
 */
export class CudaBackend implements KernelBackend {
  readonly specificationVersion = KERNEL_SPECIFICATION_VERSION;
  readonly name = 'cuda';
  readonly deviceType = 'GPU' as const;
  readonly capabilities: BackendCapabilities;

  private addon: CudaAddon | undefined;
  private addonPath: string | undefined;
  private context: NativeContext | undefined;
  private lastProbe: CudaProbe | undefined;
  private disposed = false;

  constructor(private readonly options: CudaBackendOptions = {}) {
    const kernels: Record<string, readonly DType[]> = {};
    for (const [op, k] of CUDA_KERNELS) kernels[op] = Object.freeze([...k.dtypes]);
    this.capabilities = Object.freeze({
      kernels: Object.freeze(kernels),
      // Reductions and GEMMs sum in a different order than the reference; libm differs in ulps.
      tolerance: Object.freeze({ float32: 1e-4, float64: 1e-12 }),
      asyncExecution: true,
      syncDownload: false,
    });
  }

  /** Loads the addon and opens the device; rejects with BackendUnavailableError saying what is missing. */
  async init(): Promise<void> {
    if (this.disposed) throw new BackendUnavailableError(this.name, 'the backend has been disposed');
    if (this.context !== undefined) return;
    let addon = this.options.addon;
    if (addon === undefined) {
      try {
        const loaded = loadCudaAddon({ addonPath: this.options.addonPath });
        addon = loaded.addon;
        this.addonPath = loaded.path;
      } catch (e) {
        if (e instanceof CudaAddonLoadError) throw new BackendUnavailableError(this.name, e.message, { cause: e });
        throw e;
      }
    }
    this.addon = addon;
    const device = this.options.device ?? 0;
    if (!this.options.dryRun) {
      this.lastProbe = addon.probe();
      const problem = diagnoseProbe(this.lastProbe, device);
      if (problem !== undefined) throw new BackendUnavailableError(this.name, problem.message);
    }
    try {
      this.context = new addon.Context({
        device, dryRun: this.options.dryRun ?? false, poolLimitBytes: this.options.poolLimitBytes ?? 0,
      });
    } catch (e) {
      throw new BackendUnavailableError(this.name, e instanceof Error ? e.message : String(e), { cause: e });
    }
    if (this.options.allowTf32 && !this.context.deviceInfo.tf32 && !this.options.dryRun) {
      const cc = this.context.deviceInfo.computeCapability;
      this.context.dispose();
      this.context = undefined;
      throw new BackendUnavailableError(this.name, `allowTf32 needs compute capability 8.0 or newer; device ${device} is ${cc}`);
    }
  }

  /** The device in use (after init). */
  get device(): NativeContext['deviceInfo'] {
    return this.ctx('device').deviceInfo;
  }

  /** What the CUDA runtime reported at init (undefined for dry runs). */
  get probe(): CudaProbe | undefined {
    return this.lastProbe;
  }

  /** The `.node` file in use. */
  get loadedFrom(): string | undefined {
    return this.addonPath;
  }

  allocate(dtype: DType, shape: readonly number[]): Handle {
    const ctx = this.ctx('allocate');
    if (!STORED.includes(dtype)) {
      throw new KernelArgumentError('allocate', `the CUDA backend stores ${STORED.join(', ')}; got ${dtype}`);
    }
    return this.native('allocate', () => ctx.allocate(DTYPES[dtype].enum, shape)) as unknown as Handle;
  }

  upload(ref: TensorRef, data: TypedArrayFor[DType]): void {
    const ctx = this.ctx('upload');
    this.native('upload', () => ctx.upload(this.buffer(ref.handle), data as unknown as ArrayBufferView));
  }

  async download(ref: TensorRef): Promise<TypedArrayFor[DType]> {
    const ctx = this.ctx('download');
    const ctor = TYPED_ARRAYS[ref.dtype as keyof typeof TYPED_ARRAYS];
    if (ctor === undefined) throw new KernelArgumentError('download', `the CUDA backend does not store ${ref.dtype}`);
    let bytes: ArrayBuffer;
    try {
      bytes = await this.native('download', () => ctx.download(this.buffer(ref.handle)));
    } catch (e) {
      throw translateAsync(e);
    }
    return new ctor(bytes) as unknown as TypedArrayFor[DType];
  }

  release(handle: Handle): void {
    const ctx = this.ctx('release');
    this.native('release', () => ctx.release(this.buffer(handle)));
  }

  /**
   * Whether this backend runs `op` with these attrs: it has the kernel for the op's primary
   * dtype, and every other dtype the op's tensors take (Cast's DstT, GatherV2's Tindices,
   * OneHot's TI…) is one it stores, since each of those tensors lives in device memory.
   */
  supportsKernel(op: string, attrs: Attrs): boolean {
    const kernel = CUDA_KERNELS.get(op);
    const def = getOpDef(op);
    if (kernel === undefined || def === undefined) return false;
    const dtype = kernelDType(def, attrs);
    if (dtype !== undefined && !kernel.dtypes.includes(dtype)) return false;
    for (const name of tensorTypeAttrs(op)) {
      const value = attrs[name];
      const dtypes = typeof value === 'string' ? [value] : Array.isArray(value) ? value : [];
      if (dtypes.some((d) => !STORED.includes(d as DType))) return false;
    }
    return true;
  }

  doRun(call: KernelInvocation): void {
    const ctx = this.ctx(call.op);
    const kernel = CUDA_KERNELS.get(call.op);
    if (kernel === undefined) throw new KernelArgumentError(call.op, `the CUDA backend has no kernel for ${call.op}`);
    const dtype = primaryDtype(call);
    if (dtype !== undefined && !kernel.dtypes.includes(dtype)) {
      throw new KernelArgumentError(call.op, `the CUDA backend has no ${call.op} kernel for ${dtype} (it has ${kernel.dtypes.join(', ')})`);
    }
    const k = new KernelCall(ctx, call, this.addon!.ops, this.options.allowTf32 ?? false);
    this.native(call.op, () => kernel.run(k), call.nodeName);
  }

  async sync(): Promise<void> {
    const ctx = this.ctx('sync');
    try {
      await ctx.sync();
    } catch (e) {
      throw translateAsync(e);
    }
  }

  stats(): BackendStats {
    if (this.context === undefined) return { liveHandles: 0, bytesInUse: 0 };
    const s = this.context.stats();
    return { liveHandles: s.liveHandles, bytesInUse: s.bytesInUse };
  }

  /** The caching pool's full figures (reserved, cached, peak, cache hits, device allocations). */
  poolStats(): NativeStats {
    return this.ctx('poolStats').stats();
  }

  /** Returns cached, unused device memory to the driver. */
  emptyCache(): void {
    this.ctx('emptyCache').emptyCache();
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.context?.dispose();
    this.context = undefined;
  }

  private ctx(what: string): NativeContext {
    if (this.context === undefined) {
      throw new KernelArgumentError(what, this.disposed ? 'the CUDA backend has been disposed' : 'call init() on the CUDA backend first');
    }
    return this.context;
  }

  private buffer(handle: Handle): NativeBuffer {
    return handle as unknown as NativeBuffer;
  }

  /** Runs a native call, turning the addon's validation errors into KernelArgumentError. */
  private native<T>(op: string, fn: () => T, nodeName?: string): T {
    try {
      return fn();
    } catch (e) {
      if (e instanceof KernelArgumentError || e instanceof KernelRuntimeError) throw e;
      if (e instanceof TypeError || e instanceof RangeError) {
        throw new KernelArgumentError(op, nodeName === undefined ? e.message : `${e.message} (node '${nodeName}')`);
      }
      if (e instanceof Error && (e as { code?: string }).code === 'ERR_VARSCOPE_RESOURCE_EXHAUSTED') {
        throw new KernelRuntimeError(op, e.message);
      }
      throw e;
    }
  }
}

/** Asynchronous failures: kernel-reported errors keep TensorFlow's wording; CUDA faults say so. */
function translateAsync(e: unknown): unknown {
  if (e instanceof Error) {
    const code = (e as { code?: string }).code;
    if (code === 'ERR_VARSCOPE_KERNEL' || code === 'ERR_VARSCOPE_CUDA') return new KernelRuntimeError('cuda', e.message);
  }
  return e;
}

/** The type and list(type) attrs that give some input or output its dtype, per op type. */
const TENSOR_TYPE_ATTRS = new Map<string, readonly string[]>();

function tensorTypeAttrs(op: string): readonly string[] {
  let names = TENSOR_TYPE_ATTRS.get(op);
  if (names === undefined) {
    const def = getOpDef(op);
    const found = new Set<string>();
    for (const arg of def === undefined ? [] : [...def.inputs, ...def.outputs]) {
      if (arg.typeAttr !== undefined) found.add(arg.typeAttr);
      if (arg.typeListAttr !== undefined) found.add(arg.typeListAttr);
    }
    names = [...found];
    TENSOR_TYPE_ATTRS.set(op, names);
  }
  return names;
}

/** Where an op's primary dtype comes from, computed once per op type (doRun is on the hot path). */
const PRIMARY_DTYPE_SOURCE = new Map<string, { readonly attr?: string; readonly fixed?: DType }>();

/** The dtype capabilities are keyed by: the primary type attr's value, else the first fixed arg type. */
function primaryDtype(call: KernelInvocation): DType | undefined {
  let source = PRIMARY_DTYPE_SOURCE.get(call.op);
  if (source === undefined) {
    const def = getOpDef(call.op);
    const attr = def === undefined ? undefined : primaryTypeAttr(def);
    const fixed = def === undefined ? undefined : [...def.inputs, ...def.outputs].find((a) => a.type !== undefined)?.type;
    source = attr !== undefined ? { attr } : fixed !== undefined ? { fixed } : {};
    PRIMARY_DTYPE_SOURCE.set(call.op, source);
  }
  if (source.attr !== undefined) {
    const v = call.attrs[source.attr];
    return typeof v === 'string' ? (v as DType) : undefined;
  }
  return source.fixed;
}

/** A CUDA backend; call `await backend.init()` before use. */
export function createCudaBackend(options: CudaBackendOptions = {}): CudaBackend {
  return new CudaBackend(options);
}
