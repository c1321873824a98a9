import type { Attrs, HostTensor } from './attr-value.js';
import type { DType, TypedArrayFor } from './dtype.js';
import type { PhiloxState } from './philox.js';
import type { Handle, TensorRef } from './tensor-ref.js';

/** The contract version; bump only with a migration note. */
export const KERNEL_SPECIFICATION_VERSION = 'kernel-v1' as const;

/** How closely a backend's floating-point results follow the reference backend. */
export interface ToleranceClass {
  /** Relative tolerance for float32 results (e.g. 1e-6 exact-order, 1e-4 reassociated sums). */
  readonly float32: number;
  /** Relative tolerance for float64 results. */
  readonly float64: number;
}

/** What a backend can do. Core reads it at plan time; the conformance suite skips by it. */
export interface BackendCapabilities {
  /** Op type → dtypes it has kernels for (the dtype of the op's first typed input, or its output for sources). */
  readonly kernels: Readonly<Record<string, readonly DType[]>>;
  readonly tolerance: ToleranceClass;
  /** `download` may complete later than `doRun` (GPU); false means results are ready when `doRun` returns. */
  readonly asyncExecution: boolean;
  /** `downloadSync` is implemented, so `Session.runSync` can use this backend. */
  readonly syncDownload: boolean;
}

/** One kernel invocation. Core has already inferred shapes and validated attrs and dtypes. */
export interface KernelInvocation {
  /** Op type from the schema (`MatMul`). */
  readonly op: string;
  /** Inputs in schema order; list args are flattened in place. Ref inputs are variables' own buffers. */
  readonly inputs: readonly TensorRef[];
  /** Pre-allocated outputs with their final shapes, in schema order (aliased outputs omitted). */
  readonly outputs: readonly TensorRef[];
  /** Host copies of the inputs declared `hostMemory` (same index as `inputs`; `undefined` elsewhere). */
  readonly hostInputs: readonly (HostTensor | undefined)[];
  /** The op's attrs with defaults filled in. */
  readonly attrs: Attrs;
  /** For random ops: the generator position for this run. */
  readonly philox?: PhiloxState;
  /** The op's name in the graph, for error messages. */
  readonly nodeName: string;
}

/** Memory and handle counts; the conformance suite checks for leaks with it. */
export interface BackendStats {
  readonly liveHandles: number;
  readonly bytesInUse: number;
}

/**
 * A compute backend. Backends depend only on this package; core drives them.
 *
 * Rules every backend follows:
 * - `allocate` returns a buffer of `shapeSize(shape)` elements; contents are unspecified until written.
 * - `doRun` writes every element of every output and never reads or writes past a buffer.
 *   It must not keep references to `inputs`/`outputs` beyond the call unless it holds a
 *   buffer internally alive until `sync()` resolves.
 * - Handles of one backend are never passed to another: core copies through the host.
 * - 0-size tensors are legal everywhere; kernels must handle them without touching memory.
 * - Strings never reach a backend: core runs string ops on the host.
 */
export interface KernelBackend {
  readonly specificationVersion: typeof KERNEL_SPECIFICATION_VERSION;
  /** A short stable name (`reference`, `wasm`, `cuda`), used in errors and reports. */
  readonly name: string;
  readonly deviceType: 'CPU' | 'GPU';
  readonly capabilities: BackendCapabilities;

  /** Prepare the backend. Rejects with `BackendUnavailableError` (with the reason) if it cannot run here. */
  init(): Promise<void>;

  allocate(dtype: DType, shape: readonly number[]): Handle;
  /** Copy host data into a buffer; `data.length` is the buffer's element count × dtype lanes. */
  upload(ref: TensorRef, data: TypedArrayFor[DType]): void;
  /** Copy a buffer to the host, after every previously enqueued kernel has finished. */
  download(ref: TensorRef): Promise<TypedArrayFor[DType]>;
  /** Synchronous `download`, present when `capabilities.syncDownload`. */
  downloadSync?(ref: TensorRef): TypedArrayFor[DType];
  release(handle: Handle): void;

  /**
   * A finer check than `capabilities.kernels`, for kernels keyed by more than one dtype (e.g.
   * `Cast`'s source and destination types). When absent, `capabilities.kernels` decides alone.
   */
  supportsKernel?(op: string, attrs: Attrs): boolean;

  /** Run (or enqueue) one kernel. Throws `KernelRuntimeError` for data-dependent failures. */
  doRun(call: KernelInvocation): void;
  /** Resolves when every enqueued kernel has finished. */
  sync(): Promise<void>;

  stats(): BackendStats;
  /** Release everything; the backend is unusable afterwards. */
  dispose(): void;
}
