import { dtypeInfo, shapeSize, type DType, type Handle, type TensorRef } from '@varscope/kernel-api';
import type { Heap } from './heap.js';

/** One live buffer in linear memory. */
export interface WasmBuffer {
  /** Byte offset in linear memory; 0 for a 0-byte buffer (never dereferenced). */
  readonly ptr: number;
  readonly bytes: number;
  readonly dtype: DType;
  readonly size: number;
}

class BufferHandle {
  constructor(readonly id: number) {}
}

/**
 * Handles issued by one backend, mapped to their buffers. Handles are opaque objects; only
 * this table can turn one into a pointer, and it checks every `TensorRef` against what was
 * allocated (dtype, element count) before a kernel sees it.
 */
export class BufferTable {
  private readonly live = new Map<Handle, WasmBuffer>();
  private nextId = 1;
  private bytes = 0;

  constructor(private readonly heap: Heap) {}

  allocate(dtype: DType, shape: readonly number[]): Handle {
    for (const d of shape) {
      if (!Number.isSafeInteger(d) || d < 0) throw new RangeError(`allocate: invalid dimension ${d} in shape [${shape.join(', ')}]`);
    }
    const info = dtypeInfo(dtype);
    if (info.byteSize === 0) throw new TypeError(`allocate: dtype ${dtype} has no fixed element size and cannot live in wasm memory`);
    const size = shapeSize(shape);
    const bytes = size * info.byteSize;
    if (bytes > 0x7fff_0000) throw new RangeError(`allocate: ${bytes} bytes for ${dtype}[${shape.join(', ')}] exceed the 2 GiB wasm heap`);
    let ptr = 0;
    if (bytes > 0) {
      ptr = this.heap.malloc(bytes);
      if (ptr === 0) throw new RangeError(`allocate: out of wasm memory for ${bytes} bytes (${dtype}[${shape.join(', ')}])`);
    }
    const handle = new BufferHandle(this.nextId++) as unknown as Handle;
    this.live.set(handle, { ptr, bytes, dtype, size });
    this.bytes += bytes;
    return handle;
  }

  /** The buffer behind a ref, checked against the ref's dtype and shape. */
  resolve(ref: TensorRef, what: string): WasmBuffer {
    const buf = this.live.get(ref.handle);
    if (buf === undefined) throw new TypeError(`${what}: handle was not issued by this wasm backend, or was released`);
    if (buf.dtype !== ref.dtype) throw new TypeError(`${what}: buffer holds ${buf.dtype}, ref says ${ref.dtype}`);
    const size = shapeSize(ref.shape);
    if (size !== buf.size) {
      throw new RangeError(`${what}: ref shape [${ref.shape.join(', ')}] has ${size} elements, buffer has ${buf.size}`);
    }
    return buf;
  }

  release(handle: Handle): void {
    const buf = this.live.get(handle);
    if (buf === undefined) throw new TypeError('release: handle was not issued by this wasm backend, or was released already');
    this.live.delete(handle);
    this.bytes -= buf.bytes;
    this.heap.free(buf.ptr);
  }

  get liveHandles(): number {
    return this.live.size;
  }

  get bytesInUse(): number {
    return this.bytes;
  }

  releaseAll(): void {
    for (const handle of [...this.live.keys()]) this.release(handle);
  }
}
