// The shape of the compiled addon (native/cuda/src/addon.cc, context.cc, context-kernels.cc).
// Every argument below is validated again in C++; these types only keep the JS side honest.

/** A device buffer handle issued by `NativeContext.allocate`. */
export interface NativeBuffer {
  readonly byteLength: number;
  readonly dtype: 'float32' | 'int32' | 'int64' | 'bool';
  readonly released: boolean;
}

/** What `probe()` reports about the CUDA runtime, driver and devices. */
export interface CudaProbe {
  readonly runtimeVersion: number;
  /** 0 when no NVIDIA driver is installed. */
  readonly driverVersion: number;
  readonly deviceCount: number;
  readonly error: { readonly code: number; readonly name: string; readonly message: string } | null;
  readonly devices: readonly {
    readonly name: string;
    readonly computeCapability: string;
    readonly totalMemory: number;
    readonly multiprocessors: number;
  }[];
}

export interface NativeStats {
  readonly liveHandles: number;
  readonly bytesInUse: number;
  readonly bytesReserved: number;
  readonly bytesCached: number;
  readonly peakBytesReserved: number;
  readonly cacheHits: number;
  readonly deviceAllocations: number;
}

export interface NativeContextOptions {
  readonly device?: number;
  /** Host memory instead of a GPU; kernels are validated but not launched (tests of the binding layer). */
  readonly dryRun?: boolean;
  /** Cap on the bytes the caching pool reserves (0: none). */
  readonly poolLimitBytes?: number;
}

type B = NativeBuffer;
type Dims = readonly number[];

export interface NativeContext {
  allocate(dtypeEnum: number, shape: Dims): B;
  release(buffer: B): void;
  upload(buffer: B, data: ArrayBufferView): void;
  download(buffer: B): Promise<ArrayBuffer>;
  sync(): Promise<void>;
  copyBuffer(dst: B, src: B): void;
  fillZero(buffer: B): void;
  stats(): NativeStats;
  emptyCache(): void;
  dispose(): void;
  readonly deviceInfo: {
    readonly dryRun: boolean;
    readonly device: number;
    readonly name: string;
    readonly computeCapability: string;
    readonly tf32: boolean;
  };

  unary(op: number, x: B, y: B, alpha: number): void;
  binary(op: number, x: B, xShape: Dims, y: B, yShape: Dims, z: B, zShape: Dims): void;
  ternary(op: number, a: B, aShape: Dims, b: B, bShape: Dims, c: B, cShape: Dims, out: B, outShape: Dims): void;
  cast(x: B, y: B): void;
  stridedCopy(out: B, outOffset: number, outStrides: Dims, input: B, inOffset: number, inStrides: Dims, dims: Dims): void;
  /** StridedSlice resolved on the host: per input dim the first index, the step and the count. */
  stridedSlice(x: B, xShape: Dims, begin: Dims, strides: Dims, y: B, sizes: Dims): void;
  gather(params: B, indices: B, out: B, batch: number, outer: number, axis: number, inner: number): void;
  oneHot(indices: B, on: B, off: B, out: B, outer: number, depth: number, inner: number): void;
  matMul(a: B, aShape: Dims, b: B, bShape: Dims, c: B, cShape: Dims, transposeA: boolean, transposeB: boolean, tf32: boolean): void;
  conv2d(pass: number, x: B, xShape: Dims, filter: B, filterShape: Dims, y: B, yShape: Dims,
    strides: Dims, dilations: Dims, pads: Dims, nchw: boolean): void;
  pool(isMax: boolean, x: B, xShape: Dims, y: B, yShape: Dims, window: Dims, strides: Dims, pads: Dims, nchw: boolean): void;
  poolGrad(isMax: boolean, x: B | null, dy: B, dx: B, xShape: Dims, yShape: Dims, window: Dims, strides: Dims,
    pads: Dims, nchw: boolean): void;
  reduce(op: number, x: B, xShape: Dims, axes: Dims, y: B): void;
  argReduce(isMax: boolean, x: B, xShape: Dims, axis: number, y: B): void;
  softmax(log: boolean, x: B, xShape: Dims, y: B): void;
  softmaxCrossEntropy(logits: B, labels: B, loss: B, backprop: B, rows: number, cols: number): void;
  sparseSoftmaxCrossEntropy(logits: B, labels: B, loss: B, backprop: B, rows: number, cols: number): void;
  random(op: number, out: B, seed: number, seed2: number, offset: number, minval?: B, maxval?: B): void;
  applyOptimizer(op: number, refs: readonly B[], scalars: readonly B[], grad: B, flag: boolean): void;
}

/** Op-code tables by TensorFlow op name, exported by the addon itself. */
export interface NativeOpTables {
  readonly unary: Readonly<Record<string, number>>;
  readonly binary: Readonly<Record<string, number>>;
  readonly ternary: Readonly<Record<string, number>>;
  readonly reduce: Readonly<Record<string, number>>;
  readonly optimizer: Readonly<Record<string, number>>;
  readonly random: Readonly<Record<string, number>>;
  readonly convPass: Readonly<Record<string, number>>;
}

export interface CudaAddon {
  readonly Context: new (options?: NativeContextOptions) => NativeContext;
  readonly DeviceBuffer: abstract new () => NativeBuffer;
  readonly ops: NativeOpTables;
  readonly napiVersion: number;
  readonly maxRank: number;
  readonly truncatedNormalRounds: number;
  probe(): CudaProbe;
}
