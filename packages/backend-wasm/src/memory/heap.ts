import type { KernelExports } from '../module/kernel-exports.js';

/** Typed views over the module's linear memory, valid until memory grows next. */
export interface HeapViews {
  readonly u8: Uint8Array;
  readonly i32: Int32Array;
  readonly u32: Uint32Array;
  readonly f32: Float32Array;
  readonly f64: Float64Array;
  readonly i64: BigInt64Array;
}

/** Bytes reserved for argument blocks (shapes, strides, pointer lists) of one kernel call. */
export const ARG_BLOCK_BYTES = 4096;

/**
 * The module's linear memory as seen from JavaScript. Growing memory detaches every view
 * over the old buffer (reads then give zeros or throw), so views are never cached by callers:
 * `views()` re-creates them whenever the buffer changed.
 */
export class Heap {
  private buffer: ArrayBuffer | null = null;
  private cached: HeapViews | null = null;
  /** Start of the argument block; fixed for the module's life. */
  readonly argBlock: number;

  constructor(private readonly kernels: KernelExports) {
    const p = kernels.vs_malloc(ARG_BLOCK_BYTES) >>> 0;
    if (p === 0) throw new RangeError('cannot allocate the argument block');
    this.argBlock = p;
  }

  /** Marks views stale (the allocator grew memory). */
  invalidate(): void {
    this.buffer = null;
    this.cached = null;
  }

  views(): HeapViews {
    const buf = this.kernels.memory.buffer;
    if (this.cached === null || buf !== this.buffer) {
      this.buffer = buf;
      this.cached = {
        u8: new Uint8Array(buf), i32: new Int32Array(buf), u32: new Uint32Array(buf),
        f32: new Float32Array(buf), f64: new Float64Array(buf), i64: new BigInt64Array(buf),
      };
    }
    return this.cached;
  }

  get byteLength(): number {
    return this.kernels.memory.buffer.byteLength;
  }

  /** 16-byte aligned allocation; 0 when memory cannot grow enough. */
  malloc(bytes: number): number {
    if (!Number.isSafeInteger(bytes) || bytes < 0 || bytes > 0x7fff_fff0) return 0;
    return this.kernels.vs_malloc(bytes) >>> 0;
  }

  free(ptr: number): void {
    if (ptr !== 0) this.kernels.vs_free(ptr);
  }

  /** Throws unless [ptr, ptr + bytes) lies inside linear memory. */
  assertInBounds(ptr: number, bytes: number, what: string): void {
    if (!(Number.isInteger(ptr) && Number.isInteger(bytes) && ptr >= 0 && bytes >= 0 && ptr + bytes <= this.byteLength)) {
      throw new RangeError(`${what}: [${ptr}, ${ptr + bytes}) is outside the module's ${this.byteLength}-byte memory`);
    }
  }

  /** Writes int32 values into the argument block from `offsetInts` on; returns their address. */
  writeArgs(values: readonly number[], offsetInts = 0): number {
    if ((offsetInts + values.length) * 4 > ARG_BLOCK_BYTES) {
      throw new RangeError(`argument block overflow: ${values.length} values at ${offsetInts}`);
    }
    const start = this.argBlock + offsetInts * 4;
    const i32 = this.views().i32;
    const base = start >> 2;
    for (let i = 0; i < values.length; i++) {
      const v = values[i] as number;
      if (!Number.isInteger(v) || v < -0x8000_0000 || v > 0xffff_ffff) {
        throw new RangeError(`argument ${i} (${v}) does not fit 32 bits`);
      }
      i32[base + i] = v | 0;
    }
    return start;
  }

  dispose(): void {
    this.kernels.vs_free(this.argBlock);
    this.invalidate();
  }
}
