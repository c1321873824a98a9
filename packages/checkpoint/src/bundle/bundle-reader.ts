import { crc32c, maskCrc } from '../crc32c/crc32c.js';
import { DTYPES, dtypeFromEnum, type DTypeInfo } from '../dtype/data-type.js';
import { ByteReadError } from '../encoding/byte-reader.js';
import { CheckpointError, DataLossError, NotFoundError, UnimplementedError } from '../errors/checkpoint-error.js';
import { RandomAccessFile } from '../io/random-access-file.js';
import { decodeUtf8Strict } from '../sstable/bytes.js';
import { readTable, type TableLayout } from '../sstable/table-reader.js';
import {
  TENSOR_BUNDLE_VERSION, decodeBundleEntry, decodeBundleHeader, type BundleEntry, type BundleHeader,
} from './bundle-entry.js';
import { dataFilename, indexFilename } from './naming.js';
import { encodeSliceKey } from './ordered-code.js';
import { copySliceInto, resolveSlice } from './slice-copy.js';
import {
  allocateFixed, decodeStringTensor, decodeVariantTensor, elementCount, viewFixed, type FixedSizeDType,
  type TensorData, type TypedArray,
} from './tensor-data.js';
import type { TensorInfo } from './tensor-info.js';

/** Most shards a bundle may name: the file names hold five digits. */
const MAX_SHARDS = 99_999;

/** A V2 tensor bundle entry with its key decoded. */
export interface BundleTensor extends TensorInfo {
  readonly entry: BundleEntry;
  readonly dtypeInfo: DTypeInfo;
}

/** Progress of a long read: bytes done of bytes total. */
export type ProgressCallback = (done: number, total: number) => void;

/**
 * Reads a V2 tensor bundle (`PREFIX.index` + `PREFIX.data-*`). Opening reads
 * and checks only the index; each tensor read fetches only its own bytes
 * with positional reads and verifies its CRC before returning.
 */
export class BundleReader {
  private readonly shardFiles = new Map<number, Promise<RandomAccessFile>>();
  private closed = false;

  private constructor(
    readonly prefix: string,
    readonly header: BundleHeader,
    readonly layout: TableLayout,
    /** Listed tensors (slice entries of partitioned tensors excluded), sorted by key. */
    readonly tensors: ReadonlyMap<string, BundleTensor>,
    /** Every entry by raw key, including slice entries. */
    private readonly rawEntries: ReadonlyMap<string, BundleEntry>,
  ) {}

  static async open(prefix: string): Promise<BundleReader> {
    const indexPath = indexFilename(prefix);
    const file = await RandomAccessFile.open(indexPath);
    let bytes: Uint8Array;
    try {
      bytes = await file.readAll();
    } finally {
      await file.close();
    }
    const table = readTable(bytes, indexPath);
    const first = table.entries[0];
    if (first === undefined || first.key.length !== 0) {
      throw new DataLossError(`${indexPath} has no bundle header (the entry under the empty key)`, { file: indexPath });
    }
    const header = wrap(() => decodeBundleHeader(first.value), indexPath, undefined, 'bundle header');
    checkHeader(header, indexPath);

    const rawEntries = new Map<string, BundleEntry>();
    const decoded: { key: Uint8Array; entry: BundleEntry }[] = [];
    for (const { key, value } of table.entries.slice(1)) {
      const keyHex = hexKey(key);
      const entry = wrap(() => decodeBundleEntry(value), indexPath, describeKey(key), 'bundle entry');
      rawEntries.set(keyHex, entry);
      decoded.push({ key, entry });
    }
    // Slice entries of partitioned tensors are listed only through their full-name entry, as in TensorFlow.
    const sliceKeys = new Set<string>();
    for (const { key, entry } of decoded) {
      for (const slice of entry.slices) sliceKeys.add(hexKey(encodeSliceKey(key, slice)));
    }
    const tensors = new Map<string, BundleTensor>();
    for (const { key, entry } of decoded) {
      if (sliceKeys.has(hexKey(key))) continue;
      let name: string;
      try {
        name = decodeUtf8Strict(key);
      } catch {
        throw new DataLossError(`${indexPath} has a key that is not valid UTF-8: ${describeKey(key)}`, { file: indexPath });
      }
      tensors.set(name, validateEntry(name, entry, header, indexPath));
    }
    return new BundleReader(prefix, header, table.layout, tensors, rawEntries);
  }

  private shard(shardId: number): Promise<RandomAccessFile> {
    if (this.closed) throw new CheckpointError('FAILED_PRECONDITION', `checkpoint ${this.prefix} is closed`);
    let f = this.shardFiles.get(shardId);
    if (f === undefined) {
      f = RandomAccessFile.open(dataFilename(this.prefix, shardId, this.header.numShards)).catch((e: unknown) => {
        this.shardFiles.delete(shardId);
        if (e instanceof NotFoundError) {
          throw new DataLossError(`data file ${e.file} of checkpoint ${this.prefix} is missing`, { file: e.file, cause: e });
        }
        throw e;
      });
      this.shardFiles.set(shardId, f);
    }
    return f;
  }

  /** The stored bytes of an unpartitioned entry, CRC-verified (for fixed-size dtypes the raw little-endian data). */
  async readRaw(name: string, onProgress?: ProgressCallback): Promise<Uint8Array> {
    const t = this.lookup(name);
    return new Uint8Array(await this.readEntryBytes(name, t.entry, onProgress));
  }

  private lookup(name: string): BundleTensor {
    const t = this.tensors.get(name);
    if (t === undefined) throw new NotFoundError(`Key ${name} not found in checkpoint`, { tensor: name });
    return t;
  }

  /** The entry's bytes in a buffer of their own, with the entry CRC checked (string/variant CRCs are checked by their decoders). */
  private async readEntryBytes(name: string, entry: BundleEntry, onProgress?: ProgressCallback): Promise<ArrayBuffer> {
    const file = await this.shard(entry.shardId);
    if (entry.offset + entry.size > file.size) {
      throw new DataLossError(
        `tensor ${name} needs bytes [${entry.offset}, ${entry.offset + entry.size}) but ${file.path} has only ${file.size} bytes`,
        { file: file.path, tensor: name },
      );
    }
    let crc = 0;
    let done = 0;
    const bytes = await file.readBuffer(entry.offset, entry.size, (chunk) => {
      crc = crc32c(chunk, crc);
      done += chunk.length;
      onProgress?.(done, entry.size);
    });
    if (maskCrc(crc) !== entry.crc32c && !isVarLength(entry)) {
      throw new DataLossError(`Checksum does not match: stored ${entry.crc32c} vs. calculated on the restored bytes ${maskCrc(crc)} (tensor ${name} in ${file.path})`,
        { file: file.path, tensor: name });
    }
    return bytes;
  }

  /** Reads a tensor, verifying its checksum; partitioned tensors are assembled from their slices. */
  async read(name: string, onProgress?: ProgressCallback): Promise<TensorData> {
    const t = this.lookup(name);
    if (t.entry.slices.length > 0) return this.readPartitioned(t);
    return this.decodeEntry(t.name, t.dtypeInfo, t.shape, t.entry, onProgress);
  }

  private async decodeEntry(name: string, info: DTypeInfo, shape: readonly number[], entry: BundleEntry,
    onProgress?: ProgressCallback): Promise<TensorData> {
    const count = elementCount(shape);
    const bytes = await this.readEntryBytes(name, entry, onProgress);
    const dataFile = dataFilename(this.prefix, entry.shardId, this.header.numShards);
    if (info.name === 'variant' && this.header.endianness === 'BIG') {
      throw new UnimplementedError(`big-endian variant tensor ${name} cannot be read`, { tensor: name, file: dataFile });
    }
    if (info.name === 'string' || info.name === 'variant') {
      const data = wrap(() => (info.name === 'string'
        ? decodeStringTensor(new Uint8Array(bytes), count, entry.crc32c)
        : decodeVariantTensor(new Uint8Array(bytes), count, entry.crc32c)), dataFile, name, `${info.name} tensor`);
      return { dtype: info.name, shape, data };
    }
    return { dtype: info.name as FixedSizeDType, shape, data: viewFixed(info, bytes, this.header.endianness === 'LITTLE') };
  }

  private async readPartitioned(t: BundleTensor): Promise<TensorData> {
    const info = t.dtypeInfo;
    const indexPath = indexFilename(this.prefix);
    const fail = (what: string): never => {
      throw new DataLossError(`partitioned tensor ${t.name}: ${what}`, { tensor: t.name, file: indexPath });
    };
    // Resolve and bound-check every slice before allocating the whole tensor, so a corrupt
    // index cannot make us allocate more than the slices' bytes on disk.
    const parts: { name: string; entry: BundleEntry; start: number[]; shape: number[] }[] = [];
    let covered = 0;
    for (const slice of t.entry.slices) {
      const region = resolveSlice(slice, t.shape);
      if (typeof region === 'string') return fail(region);
      const entry = this.rawEntries.get(hexKey(encodeSliceKey(t.name, slice)));
      const sliceName = `${t.name} slice ${formatSlice(slice)}`;
      if (entry === undefined) return fail(`the entry of slice ${formatSlice(slice)} is missing`);
      if (entry.dtype !== info.enumValue || !sameShape(entry.shape, region.shape)) {
        fail(`slice ${formatSlice(slice)} has dtype ${entry.dtype} shape [${entry.shape.join(',')}], expected ${info.enumValue} [${region.shape.join(',')}]`);
      }
      if (entry.shardId < 0 || entry.shardId >= this.header.numShards) fail(`slice ${formatSlice(slice)} is in shard ${entry.shardId}`);
      checkSize(sliceName, entry, info, indexPath);
      const file = await this.shard(entry.shardId);
      if (entry.offset + entry.size > file.size) fail(`slice ${formatSlice(slice)} extends past the end of ${file.path}`);
      covered += elementCount(region.shape);
      parts.push({ name: sliceName, entry, start: region.start, shape: region.shape });
    }
    const count = elementCount(t.shape);
    if (covered !== count) fail(`its slices hold ${covered} elements but the shape [${t.shape.join(',')}] has ${count}`);
    const out: TypedArray | Uint8Array[] = info.array === null
      ? new Array<Uint8Array>(count).fill(new Uint8Array(0))
      : allocateFixed(info, count);
    for (const part of parts) {
      const value = await this.decodeEntry(part.name, info, part.shape, part.entry);
      copySliceInto(out as unknown as Record<number, unknown>, t.shape,
        value.data as unknown as Record<number, unknown>, part.start, part.shape, info.lanes);
    }
    return info.array === null
      ? { dtype: info.name as 'string' | 'variant', shape: t.shape, data: out as Uint8Array[] }
      : { dtype: info.name as FixedSizeDType, shape: t.shape, data: out as TypedArray };
  }

  async close(): Promise<void> {
    this.closed = true;
    const files = [...this.shardFiles.values()];
    this.shardFiles.clear();
    for (const f of files) {
      try {
        await (await f).close();
      } catch {
        // A shard that failed to open has nothing to close.
      }
    }
  }
}

function isVarLength(entry: BundleEntry): boolean {
  // String and variant CRCs cover a different byte sequence (§5.3, §5.4); their decoders verify it.
  return entry.dtype === DTYPES.string.enumValue || entry.dtype === DTYPES.variant.enumValue;
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

function formatSlice(slice: readonly { start: number; length?: number }[]): string {
  return slice.map((e) => (e.length === undefined ? '-' : `${e.start},${e.length}`)).join(':');
}

function hexKey(key: Uint8Array): string {
  let s = '';
  for (const b of key) s += b.toString(16).padStart(2, '0');
  return s;
}

function describeKey(key: Uint8Array): string {
  try {
    const s = decodeUtf8Strict(key);
    if (!/^[\x20-\x7e]*$/.test(s)) throw new Error('binary');
    return s;
  } catch {
    return `0x${hexKey(key)}`;
  }
}

function wrap<T>(fn: () => T, file: string, tensor: string | undefined, what: string): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof ByteReadError || e instanceof RangeError) {
      const where = tensor === undefined ? '' : ` of tensor ${tensor}`;
      throw new DataLossError(`Corrupted ${what}${where} in ${file}: ${e.message}`, { file, tensor, cause: e });
    }
    throw e;
  }
}

function checkHeader(header: BundleHeader, file: string): void {
  const v = header.version;
  if (v.producer < 0 || TENSOR_BUNDLE_VERSION < v.minConsumer || v.badConsumers.includes(TENSOR_BUNDLE_VERSION)) {
    throw new CheckpointError('FAILED_PRECONDITION',
      `Checkpoint ${file} has version producer=${v.producer} min_consumer=${v.minConsumer}, which this reader (version ${TENSOR_BUNDLE_VERSION}) does not support`,
      { file });
  }
  if (header.numShards < 1 || header.numShards > MAX_SHARDS) {
    throw new DataLossError(`${file} header names ${header.numShards} data shards`, { file });
  }
}

function checkSize(name: string, entry: BundleEntry, info: DTypeInfo, file: string): void {
  if (info.array === null) return;
  const expected = elementCount(entry.shape) * info.byteSize;
  if (entry.size !== expected) {
    throw new DataLossError(`Invalid size in bundle entry: key ${name}; stored size ${entry.size}; expected size ${expected}`,
      { file, tensor: name });
  }
}

function validateEntry(name: string, entry: BundleEntry, header: BundleHeader, file: string): BundleTensor {
  const info = dtypeFromEnum(entry.dtype);
  if (info === undefined || info.name === 'resource') {
    throw new DataLossError(`tensor ${name} in ${file} has unsupported dtype enum ${entry.dtype}`, { file, tensor: name });
  }
  if (entry.shape.some((d) => d < 0)) {
    throw new DataLossError(`tensor ${name} in ${file} has a negative dimension in shape [${entry.shape.join(',')}]`, { file, tensor: name });
  }
  try {
    elementCount(entry.shape);
  } catch (e) {
    throw new DataLossError(`tensor ${name} in ${file}: ${(e as Error).message}`, { file, tensor: name, cause: e });
  }
  if (entry.slices.length === 0) {
    if (entry.shardId < 0 || entry.shardId >= header.numShards) {
      throw new DataLossError(`tensor ${name} in ${file} is in shard ${entry.shardId} of ${header.numShards}`, { file, tensor: name });
    }
    checkSize(name, entry, info, file);
  }
  return { name, dtype: info.name, shape: entry.shape, entry, dtypeInfo: info };
}

