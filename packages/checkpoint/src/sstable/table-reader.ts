import { crc32c, unmaskCrc } from '../crc32c/crc32c.js';
import { ByteReadError, ByteReader } from '../encoding/byte-reader.js';
import { DataLossError, UnimplementedError } from '../errors/checkpoint-error.js';
import { compareBytes } from './bytes.js';
import {
  BLOCK_TRAILER_LENGTH, COMPRESSION_NONE, COMPRESSION_SNAPPY, FOOTER_LENGTH, TABLE_MAGIC, type BlockHandle,
} from './format.js';

/** One key/value pair of a table. Both are views into the file's bytes. */
export interface TableEntry {
  readonly key: Uint8Array;
  readonly value: Uint8Array;
}

/** The table's structure, for diagnostics and the CLI. */
export interface TableLayout {
  readonly fileSize: number;
  readonly metaindex: BlockHandle;
  readonly index: BlockHandle;
  readonly dataBlocks: readonly { readonly handle: BlockHandle; readonly entries: number; readonly indexKey: Uint8Array }[];
}

export interface Table {
  readonly entries: readonly TableEntry[];
  readonly layout: TableLayout;
}

/**
 * Parses a whole LevelDB-format table held in memory: footer magic, every
 * block's CRC, prefix-compressed keys, restart arrays, and strictly
 * increasing keys across blocks. Every length is checked against the bytes
 * that are there before it is used, so corrupt input ends in a
 * `DataLossError` naming `file`, never a crash or an oversized allocation.
 */
export function readTable(bytes: Uint8Array, file: string): Table {
  const fail = (what: string): never => {
    throw new DataLossError(`Corrupted SSTable ${file}: ${what}`, { file });
  };
  try {
    if (bytes.length < FOOTER_LENGTH) fail(`file is too short (${bytes.length} bytes) to be an sstable`);
    const footerStart = bytes.length - FOOTER_LENGTH;
    for (let i = 0; i < TABLE_MAGIC.length; i++) {
      if (bytes[footerStart + 40 + i] !== TABLE_MAGIC[i]) fail('not an sstable (bad magic number)');
    }
    const footer = new ByteReader(bytes, footerStart, footerStart + 40);
    const metaindex = readHandle(footer);
    const index = readHandle(footer);
    const limit = footerStart;

    const indexBlock = readBlock(bytes, index, limit, 'index block', fail);
    readBlock(bytes, metaindex, limit, 'metaindex block', fail);

    const entries: TableEntry[] = [];
    const dataBlocks: { handle: BlockHandle; entries: number; indexKey: Uint8Array }[] = [];
    let prevIndexKey: Uint8Array | null = null;
    for (const indexEntry of parseBlock(indexBlock, fail, 'index block')) {
      if (prevIndexKey !== null && compareBytes(indexEntry.key, prevIndexKey) <= 0) fail('index block keys are not increasing');
      prevIndexKey = indexEntry.key;
      const hr = new ByteReader(indexEntry.value);
      const handle = readHandle(hr);
      if (!hr.atEnd()) fail('index entry has trailing bytes after its block handle');
      const block = readBlock(bytes, handle, limit, `data block at offset ${handle.offset}`, fail);
      const before = entries.length;
      for (const e of parseBlock(block, fail, `data block at offset ${handle.offset}`)) {
        const prev = entries[entries.length - 1];
        if (prev !== undefined && compareBytes(e.key, prev.key) <= 0) fail(`keys are not strictly increasing at data block offset ${handle.offset}`);
        if (compareBytes(e.key, indexEntry.key) > 0) fail(`key beyond its index separator in data block at offset ${handle.offset}`);
        entries.push(e);
      }
      dataBlocks.push({ handle, entries: entries.length - before, indexKey: indexEntry.key });
    }
    return { entries, layout: { fileSize: bytes.length, metaindex, index, dataBlocks } };
  } catch (e) {
    if (e instanceof ByteReadError) fail(e.message);
    throw e;
  }
}

function readHandle(r: ByteReader): BlockHandle {
  const offset = r.varintSafe('block offset');
  const size = r.varintSafe('block size');
  return { offset, size };
}

function readBlock(bytes: Uint8Array, handle: BlockHandle, limit: number, what: string,
  fail: (what: string) => never): Uint8Array {
  if (handle.offset + handle.size + BLOCK_TRAILER_LENGTH > limit) {
    fail(`${what} (offset ${handle.offset}, size ${handle.size}) extends past the end of the file`);
  }
  const contents = bytes.subarray(handle.offset, handle.offset + handle.size);
  const type = bytes[handle.offset + handle.size] as number;
  const stored = new ByteReader(bytes, handle.offset + handle.size + 1, handle.offset + handle.size + 5).fixed32();
  const actual = crc32c(bytes.subarray(handle.offset, handle.offset + handle.size + 1));
  if (unmaskCrc(stored) !== actual) fail(`block checksum mismatch in ${what}`);
  if (type === COMPRESSION_SNAPPY) {
    throw new UnimplementedError(`${what} of ${limit + FOOTER_LENGTH}-byte table is Snappy-compressed; TensorFlow never writes compressed bundle tables and this reader does not decompress them`);
  }
  if (type !== COMPRESSION_NONE) fail(`${what} has unknown compression type ${type}`);
  return contents;
}

/** Decodes a block's entries in order, checking restarts and every length. */
function parseBlock(block: Uint8Array, fail: (what: string) => never, what: string): TableEntry[] {
  if (block.length < 4) fail(`${what} is too short (${block.length} bytes)`);
  const numRestarts = new ByteReader(block, block.length - 4).fixed32();
  const maxRestarts = Math.floor((block.length - 4) / 4);
  if (numRestarts === 0 || numRestarts > maxRestarts) fail(`${what} has a bad restart count ${numRestarts}`);
  const entriesEnd = block.length - 4 - 4 * numRestarts;
  const restarts = new ByteReader(block, entriesEnd, block.length - 4);
  const restartSet = new Set<number>();
  let prevRestart = -1;
  for (let i = 0; i < numRestarts; i++) {
    const r = restarts.fixed32();
    if (r <= prevRestart || (r >= entriesEnd && !(r === 0 && entriesEnd === 0))) fail(`${what} has a bad restart offset ${r}`);
    prevRestart = r;
    restartSet.add(r);
  }
  const entries: TableEntry[] = [];
  const r = new ByteReader(block, 0, entriesEnd);
  let prevKey: Uint8Array = new Uint8Array(0);
  while (!r.atEnd()) {
    const at = r.pos;
    const shared = r.varint32();
    const nonShared = r.varint32();
    const valueLength = r.varint32();
    if (restartSet.has(at) && shared !== 0) fail(`${what} has a restart entry at offset ${at} with a shared prefix`);
    if (entries.length === 0 && at !== 0) fail(`${what} does not start at offset 0`);
    if (shared > prevKey.length) fail(`${what} entry at offset ${at} shares ${shared} bytes of a ${prevKey.length}-byte key`);
    if (nonShared + valueLength > r.remaining) fail(`${what} entry at offset ${at} runs past the end of the block`);
    const suffix = r.take(nonShared);
    let key: Uint8Array;
    if (shared === 0) key = suffix;
    else {
      key = new Uint8Array(shared + nonShared);
      key.set(prevKey.subarray(0, shared));
      key.set(suffix, shared);
    }
    entries.push({ key, value: r.take(valueLength) });
    prevKey = key;
  }
  if (!restartSet.has(0)) fail(`${what} has no restart point at offset 0`);
  return entries;
}
