import { open, type FileHandle } from 'node:fs/promises';
import { CheckpointError, DataLossError, NotFoundError } from '../errors/checkpoint-error.js';

/** Largest single `read(2)` request: Node refuses lengths above 2 GiB - 1. */
const MAX_READ = 1 << 30;
/** Chunk size when reads are pipelined with a consumer. */
const PIPELINE_CHUNK = 4 << 20;

/**
 * A read-only file used through positional reads only, so many tensors can
 * be read concurrently and none needs more memory than its own bytes.
 */
export class RandomAccessFile {
  private constructor(readonly path: string, private readonly handle: FileHandle, readonly size: number) {}

  static async open(path: string): Promise<RandomAccessFile> {
    let handle: FileHandle;
    try {
      handle = await open(path, 'r');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') {
        throw new NotFoundError(`${path} not found`, { file: path, cause: e });
      }
      throw new DataLossError(`cannot open ${path}: ${(e as Error).message}`, { file: path, cause: e });
    }
    try {
      const st = await handle.stat();
      if (!st.isFile()) throw new DataLossError(`${path} is not a regular file`, { file: path });
      return new RandomAccessFile(path, handle, st.size);
    } catch (e) {
      await handle.close();
      throw e;
    }
  }

  /**
   * Reads `[position, position + length)` into a new `Uint8Array` (at most
   * 2^32 - 1 bytes: use {@link readBuffer} beyond). `onChunk` sees each chunk
   * as it lands, for incremental checksums and progress.
   */
  async read(position: number, length: number, onChunk?: (chunk: Uint8Array) => void): Promise<Uint8Array> {
    return new Uint8Array(await this.readBuffer(position, length, onChunk));
  }

  /**
   * Reads `[position, position + length)` into a new `ArrayBuffer` of exactly
   * `length` bytes, through views of at most 1 GiB, so the only large
   * allocation is the result itself (which may exceed 4 GiB).
   */
  async readBuffer(position: number, length: number, onChunk?: (chunk: Uint8Array) => void): Promise<ArrayBuffer> {
    if (position < 0 || length < 0 || position + length > this.size) {
      throw new DataLossError(
        `read of ${length} bytes at offset ${position} is past the end of ${this.path} (${this.size} bytes)`,
        { file: this.path },
      );
    }
    let buffer: ArrayBuffer;
    try {
      buffer = new ArrayBuffer(length);
    } catch (e) {
      throw new CheckpointError('RESOURCE_EXHAUSTED', `cannot allocate ${length} bytes to read ${this.path} at offset ${position}`,
        { file: this.path, cause: e });
    }
    // With a chunk consumer (a CRC), keep one read in flight while the previous chunk is
    // consumed, so checksumming overlaps the copy out of the page cache.
    const chunk = onChunk === undefined ? MAX_READ : PIPELINE_CHUNK;
    let next = 0;
    const request = (): Promise<{ view: Uint8Array; got: number }> | null => {
      if (next >= length) return null;
      const at = next;
      const view = new Uint8Array(buffer, at, Math.min(chunk, length - at));
      next += view.length;
      return this.handle.read(view, 0, view.length, position + at).then(({ bytesRead }) => ({ view, got: bytesRead }));
    };
    let inflight = request();
    while (inflight !== null) {
      const { view, got } = await inflight;
      const at = view.byteOffset;
      if (got === 0) {
        throw new DataLossError(`unexpected end of ${this.path} at offset ${position + at} (file shrank while reading)`,
          { file: this.path });
      }
      if (got < view.length) next = at + got; // a short read: ask for the rest next
      inflight = request();
      onChunk?.(view.subarray(0, got));
    }
    return buffer;
  }

  async readAll(): Promise<Uint8Array> {
    return this.read(0, this.size);
  }

  async close(): Promise<void> {
    await this.handle.close();
  }
}
