import { open, type FileHandle } from 'node:fs/promises';
import { DataLossError, NotFoundError } from '../errors/checkpoint-error.js';

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
   * Reads `[position, position + length)` into `target` (a fresh buffer of
   * exactly `length` bytes when omitted). `onChunk` sees each chunk as it
   * lands, for incremental checksums and progress.
   */
  async read(position: number, length: number, target?: Uint8Array,
    onChunk?: (chunk: Uint8Array) => void): Promise<Uint8Array> {
    if (position < 0 || length < 0 || position + length > this.size) {
      throw new DataLossError(
        `read of ${length} bytes at offset ${position} is past the end of ${this.path} (${this.size} bytes)`,
        { file: this.path },
      );
    }
    const out = target ?? new Uint8Array(length);
    // With a chunk consumer (a CRC), keep one read in flight while the previous chunk is
    // consumed, so checksumming overlaps the copy out of the page cache.
    const chunk = onChunk === undefined ? MAX_READ : PIPELINE_CHUNK;
    let next = 0;
    const request = (): Promise<{ at: number; want: number; got: number }> | null => {
      if (next >= length) return null;
      const at = next;
      const want = Math.min(chunk, length - at);
      next += want;
      return this.handle.read(out, at, want, position + at).then(({ bytesRead }) => ({ at, want, got: bytesRead }));
    };
    let inflight = request();
    while (inflight !== null) {
      const { at, want, got } = await inflight;
      if (got === 0) {
        throw new DataLossError(`unexpected end of ${this.path} at offset ${position + at} (file shrank while reading)`,
          { file: this.path });
      }
      if (got < want) next = at + got; // a short read: ask for the rest next
      inflight = request();
      onChunk?.(out.subarray(at, at + got));
    }
    return out;
  }

  async readAll(): Promise<Uint8Array> {
    return this.read(0, this.size);
  }

  async close(): Promise<void> {
    await this.handle.close();
  }
}
