import { open, type FileHandle } from 'node:fs/promises';
import { DataLossError, NotFoundError } from '../errors/checkpoint-error.js';

/** Largest single `read(2)` request: Node refuses lengths above 2 GiB - 1. */
const MAX_READ = 1 << 30;

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
    let done = 0;
    while (done < length) {
      const want = Math.min(MAX_READ, length - done);
      const { bytesRead } = await this.handle.read(out, done, want, position + done);
      if (bytesRead === 0) {
        throw new DataLossError(`unexpected end of ${this.path} at offset ${position + done} (file shrank while reading)`,
          { file: this.path });
      }
      onChunk?.(out.subarray(done, done + bytesRead));
      done += bytesRead;
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
