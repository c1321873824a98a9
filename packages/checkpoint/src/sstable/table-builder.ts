import { crc32c, maskCrc } from '../crc32c/crc32c.js';
import { ByteWriter } from '../encoding/byte-writer.js';
import { BlockBuilder } from './block-builder.js';
import { compareBytes } from './bytes.js';
import { BUNDLE_TABLE_OPTIONS, COMPRESSION_NONE, FOOTER_LENGTH, TABLE_MAGIC, type BlockHandle } from './format.js';
import { shortestSeparator, shortSuccessor } from './key-shortening.js';

export interface TableBuilderOptions {
  /** Target data block size in bytes (TensorFlow's bundle writer: 256 KiB). */
  readonly blockSize?: number;
  /** Entries between restart points in data blocks (16). */
  readonly blockRestartInterval?: number;
}

/**
 * Writes an SSTable exactly as TensorFlow's `table::TableBuilder` does with
 * the bundle writer's options: no compression, no filter, an empty metaindex
 * block, index keys shortened by LevelDB's separator rules. Keys must be added
 * in strictly increasing bytewise order. The result is the whole file; index
 * tables are small (one entry per tensor), so they are built in memory.
 */
export class TableBuilder {
  private readonly out = new ByteWriter(64 * 1024);
  private readonly data: BlockBuilder;
  private readonly index = new BlockBuilder(1);
  private readonly blockSize: number;
  private lastKey: Uint8Array | null = null;
  private pendingHandle: BlockHandle | null = null;
  private finished = false;

  constructor(options: TableBuilderOptions = {}) {
    this.blockSize = options.blockSize ?? BUNDLE_TABLE_OPTIONS.blockSize;
    this.data = new BlockBuilder(options.blockRestartInterval ?? BUNDLE_TABLE_OPTIONS.blockRestartInterval);
  }

  add(key: Uint8Array, value: Uint8Array): void {
    if (this.finished) throw new Error('TableBuilder.add after finish');
    if (this.lastKey !== null && compareBytes(key, this.lastKey) <= 0) {
      throw new RangeError('SSTable keys must be added in strictly increasing bytewise order');
    }
    // TensorFlow flushes before an entry at least twice the block size, so a huge value starts its own block.
    if (this.lastKey !== null && key.length + value.length >= 2 * this.blockSize) this.flush();
    if (this.pendingHandle !== null) {
      this.index.add(shortestSeparator(this.lastKey as Uint8Array, key), encodeHandle(this.pendingHandle));
      this.pendingHandle = null;
    }
    this.data.add(key, value);
    this.lastKey = key;
    if (this.data.currentSizeEstimate() >= this.blockSize) this.flush();
  }

  private flush(): void {
    if (this.data.empty) return;
    this.pendingHandle = this.writeBlock(this.data.finish());
  }

  private writeBlock(contents: Uint8Array): BlockHandle {
    const handle = { offset: this.out.length, size: contents.length };
    this.out.bytes(contents);
    const crc = crc32c(new Uint8Array([COMPRESSION_NONE]), crc32c(contents));
    this.out.byte(COMPRESSION_NONE).fixed32(maskCrc(crc));
    return handle;
  }

  /** Writes the metaindex, index and footer, and returns the whole table. */
  finish(): Uint8Array {
    if (this.finished) throw new Error('TableBuilder.finish called twice');
    this.flush();
    this.finished = true;
    const metaindex = this.writeBlock(new BlockBuilder(16).finish());
    if (this.pendingHandle !== null) {
      this.index.add(shortSuccessor(this.lastKey as Uint8Array), encodeHandle(this.pendingHandle));
      this.pendingHandle = null;
    }
    const index = this.writeBlock(this.index.finish());
    const footer = new ByteWriter(FOOTER_LENGTH);
    footer.varint(metaindex.offset).varint(metaindex.size).varint(index.offset).varint(index.size);
    while (footer.length < FOOTER_LENGTH - TABLE_MAGIC.length) footer.byte(0);
    footer.bytes(TABLE_MAGIC);
    this.out.bytes(footer.view());
    return this.out.finish();
  }
}

export function encodeHandle(handle: BlockHandle): Uint8Array {
  return new ByteWriter(20).varint(handle.offset).varint(handle.size).finish();
}
