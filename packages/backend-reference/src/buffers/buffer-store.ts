import { KernelArgumentError, allocateData, dtypeInfo, shapeSize } from '@varscope/kernel-api';
import type { DType, Handle, TensorData } from '@varscope/kernel-api';

/** One live buffer: its dtype, element count and host storage. */
export interface Buffer {
  readonly id: number;
  readonly dtype: DType;
  /** Tensor elements (not lanes: a complex element is two array slots). */
  readonly size: number;
  readonly data: TensorData;
  readonly bytes: number;
}

/** The handle this backend issues: a frozen object carrying a buffer id, branded opaque to everyone else. */
interface ReferenceHandle {
  readonly backend: 'reference';
  readonly id: number;
}

/**
 * Owns every buffer of one backend instance. Handles are small frozen objects; the store keeps the
 * storage in a map so that `release` drops it and a stale or foreign handle is detected, not misread.
 */
export class BufferStore {
  private readonly buffers = new Map<number, Buffer>();
  private nextId = 1;
  private bytes = 0;

  allocate(dtype: DType, shape: readonly number[]): Handle {
    for (const d of shape) {
      if (!Number.isSafeInteger(d) || d < 0) {
        throw new KernelArgumentError('allocate', `invalid dimension ${String(d)} in shape [${shape.join(', ')}]`);
      }
    }
    const info = dtypeInfo(dtype);
    if (info.array === 'Array') {
      throw new KernelArgumentError('allocate', `dtype ${dtype} never reaches a device backend`);
    }
    const size = shapeSize(shape);
    let data: TensorData;
    try {
      data = allocateData(dtype, size);
    } catch (e) {
      throw new KernelArgumentError('allocate', `cannot allocate ${dtype} [${shape.join(', ')}] (${size} elements): ${(e as Error).message}`);
    }
    const id = this.nextId++;
    const buffer: Buffer = { id, dtype, size, data, bytes: size * info.byteSize };
    this.buffers.set(id, buffer);
    this.bytes += buffer.bytes;
    return Object.freeze({ backend: 'reference', id } satisfies ReferenceHandle) as unknown as Handle;
  }

  /** The buffer behind a handle; throws for a released, foreign or forged handle. */
  get(handle: Handle, context: string): Buffer {
    const h = handle as unknown as Partial<ReferenceHandle> | null;
    const buffer = h !== null && typeof h === 'object' && h.backend === 'reference' && typeof h.id === 'number'
      ? this.buffers.get(h.id)
      : undefined;
    if (buffer === undefined) {
      throw new KernelArgumentError(context, 'handle is not a live buffer of this reference backend (released, or from another backend)');
    }
    return buffer;
  }

  release(handle: Handle): void {
    const buffer = this.get(handle, 'release');
    this.buffers.delete(buffer.id);
    this.bytes -= buffer.bytes;
  }

  get liveHandles(): number {
    return this.buffers.size;
  }

  get bytesInUse(): number {
    return this.bytes;
  }

  clear(): void {
    this.buffers.clear();
    this.bytes = 0;
  }
}
