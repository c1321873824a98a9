import { crc32c, maskCrc, unmaskCrc } from '../crc32c/crc32c.js';
import { DTYPES, type CheckpointDType, type DTypeInfo } from '../dtype/data-type.js';
import { ByteReadError, ByteReader } from '../encoding/byte-reader.js';
import { ByteWriter } from '../encoding/byte-writer.js';
import { encodeUtf8 } from '../sstable/bytes.js';

/** Every typed array a fixed-size tensor's data comes back in. */
export type TypedArray =
  | Float32Array | Float64Array | Int32Array | Uint8Array | Int16Array | Int8Array
  | BigInt64Array | BigUint64Array | Uint16Array | Uint32Array;

/** Dtypes whose elements have a fixed byte size. */
export type FixedSizeDType = Exclude<CheckpointDType, 'string' | 'variant' | 'resource'>;

/**
 * A tensor's value as read from (or given to) a checkpoint, row-major.
 * - fixed-size dtypes: the typed array of {@link DTYPES}: `Float32Array`,
 *   `BigInt64Array` for int64, `Uint8Array` (0/1) for bool, `Uint16Array` raw
 *   bits for float16/bfloat16, interleaved (re, im) `Float32Array` /
 *   `Float64Array` for complex64/complex128.
 * - `string`: TensorFlow strings are bytes, so `data` holds one `Uint8Array`
 *   per element; {@link decodeStrings} gives the UTF-8 `string[]` view.
 * - `variant`: one serialized `VariantTensorDataProto` per element.
 */
export type TensorData =
  | { readonly dtype: FixedSizeDType; readonly shape: readonly number[]; readonly data: TypedArray }
  | { readonly dtype: 'string' | 'variant'; readonly shape: readonly number[]; readonly data: readonly Uint8Array[] };

/** What `CheckpointWriter.add` accepts: string tensors may also be given as JS strings (stored as UTF-8). */
export type TensorInput =
  | TensorData
  | { readonly dtype: 'string'; readonly shape: readonly number[]; readonly data: readonly string[] };

/** Number of elements of `shape`; throws on a negative, fractional or overflowing product. */
export function elementCount(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) {
    if (!Number.isSafeInteger(d) || d < 0) throw new RangeError(`invalid dimension ${d} in shape [${shape.join(',')}]`);
    n *= d;
    if (!Number.isSafeInteger(n)) throw new RangeError(`shape [${shape.join(',')}] has too many elements`);
  }
  return n;
}

const HOST_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Reverses each `width`-byte group of `bytes` in place. */
export function byteSwap(bytes: Uint8Array, width: number): void {
  if (width <= 1) return;
  for (let i = 0; i + width <= bytes.length; i += width) {
    for (let a = i, b = i + width - 1; a < b; a++, b--) {
      const t = bytes[a] as number;
      bytes[a] = bytes[b] as number;
      bytes[b] = t;
    }
  }
}

/** The element width to swap for a dtype (complex types swap each component). */
function swapWidth(info: DTypeInfo): number {
  return info.byteSize / info.lanes;
}

/**
 * Views a tensor's stored bytes as the dtype's typed array, swapping byte
 * order in place when the file's differs from the host's. `bytes` is either
 * a `Uint8Array` (copied first if misaligned) or a whole `ArrayBuffer`
 * holding exactly the tensor (how tensors over 4 GiB arrive).
 */
export function viewFixed(info: DTypeInfo, bytes: Uint8Array | ArrayBuffer, littleEndian: boolean): TypedArray {
  const elemWidth = swapWidth(info);
  let buffer: ArrayBuffer;
  let offset: number;
  let length: number;
  if (bytes instanceof Uint8Array) {
    const b = bytes.byteOffset % elemWidth === 0 ? bytes : bytes.slice();
    buffer = b.buffer as ArrayBuffer;
    offset = b.byteOffset;
    length = b.byteLength;
  } else {
    buffer = bytes;
    offset = 0;
    length = bytes.byteLength;
  }
  if (littleEndian !== HOST_LITTLE_ENDIAN) {
    for (let at = 0; at < length; at += 1 << 30) byteSwap(new Uint8Array(buffer, offset + at, Math.min(1 << 30, length - at)), elemWidth);
  }
  const count = length / elemWidth;
  switch (info.array) {
    case 'Float32Array': return new Float32Array(buffer, offset, count);
    case 'Float64Array': return new Float64Array(buffer, offset, count);
    case 'Int32Array': return new Int32Array(buffer, offset, count);
    case 'Uint8Array': return new Uint8Array(buffer, offset, count);
    case 'Int16Array': return new Int16Array(buffer, offset, count);
    case 'Int8Array': return new Int8Array(buffer, offset, count);
    case 'BigInt64Array': return new BigInt64Array(buffer, offset, count);
    case 'BigUint64Array': return new BigUint64Array(buffer, offset, count);
    case 'Uint16Array': return new Uint16Array(buffer, offset, count);
    case 'Uint32Array': return new Uint32Array(buffer, offset, count);
    default: throw new RangeError(`dtype ${info.name} has no fixed-size storage`);
  }
}

const ARRAY_CTORS: Record<string, new (n: number) => TypedArray> = {
  Float32Array, Float64Array, Int32Array, Uint8Array, Int16Array, Int8Array, BigInt64Array, BigUint64Array,
  Uint16Array, Uint32Array,
};

/** A zero-filled typed array of `count` elements of `info` (lanes included). */
export function allocateFixed(info: DTypeInfo, count: number): TypedArray {
  const ctor = ARRAY_CTORS[info.array ?? ''];
  if (ctor === undefined) throw new RangeError(`dtype ${info.name} has no fixed-size storage`);
  return new ctor(count * info.lanes);
}

/**
 * The little-endian bytes of a fixed-size tensor's data as views of at most
 * `chunkSize` bytes (no copy on a little-endian host). Chunked because a
 * single `Uint8Array` cannot span more than 2^32 bytes, while a tensor's
 * typed array can.
 */
export function fixedByteChunks(info: DTypeInfo, data: TypedArray, chunkSize: number): Uint8Array[] {
  const width = swapWidth(info);
  const step = Math.max(width, chunkSize - (chunkSize % width));
  const chunks: Uint8Array[] = [];
  for (let at = 0; at < data.byteLength; at += step) {
    const view = new Uint8Array(data.buffer, data.byteOffset + at, Math.min(step, data.byteLength - at));
    if (HOST_LITTLE_ENDIAN) chunks.push(view);
    else {
      const copy = view.slice();
      byteSwap(copy, width);
      chunks.push(copy);
    }
  }
  return chunks;
}

/** Checks a typed array is the right kind and length for dtype and shape. */
export function checkFixedData(dtype: FixedSizeDType, shape: readonly number[], data: unknown): string | null {
  const info = DTYPES[dtype];
  const ctor = ARRAY_CTORS[info.array ?? ''];
  if (ctor === undefined || !(data instanceof ctor)) return `data for dtype ${dtype} must be a ${info.array}`;
  const expected = elementCount(shape) * info.lanes;
  if ((data as TypedArray).length !== expected) {
    return `data has ${(data as TypedArray).length} elements but shape [${shape.join(',')}] needs ${expected}`;
  }
  return null;
}

/** Encoded string tensor (§5.3): the bytes to store and their masked CRC for the entry. */
export interface EncodedVarLength {
  readonly chunks: readonly Uint8Array[];
  readonly size: number;
  readonly maskedCrc: number;
}

function lengthChecksumBytes(len: number): Uint8Array {
  const b = new Uint8Array(len <= 0xffffffff ? 4 : 8);
  const dv = new DataView(b.buffer);
  if (b.length === 4) dv.setUint32(0, len, true);
  else dv.setBigUint64(0, BigInt(len), true);
  return b;
}

/** Encodes a DT_STRING tensor: varint lengths, a masked checksum of the lengths, then the bytes. */
export function encodeStringTensor(elements: readonly (Uint8Array | string)[]): EncodedVarLength {
  const bytes = elements.map((e) => (typeof e === 'string' ? encodeUtf8(e) : e));
  const header = new ByteWriter(bytes.length * 2 + 8);
  let crc = 0;
  for (const b of bytes) {
    header.varint(b.length);
    crc = crc32c(lengthChecksumBytes(b.length), crc);
  }
  const masked = maskCrc(crc);
  header.fixed32(masked);
  crc = crc32c(header.view().subarray(header.length - 4), crc);
  let size = header.length;
  for (const b of bytes) {
    crc = crc32c(b, crc);
    size += b.length;
  }
  return { chunks: [header.finish(), ...bytes], size, maskedCrc: maskCrc(crc) };
}

/**
 * Decodes a stored DT_STRING tensor of `count` elements, verifying the lengths
 * checksum and the entry CRC. Lengths are checked against the bytes present
 * before anything is allocated.
 */
export function decodeStringTensor(bytes: Uint8Array, count: number, entryMaskedCrc: number): Uint8Array[] {
  if (bytes.length === 0) {
    if (count !== 0) throw new ByteReadError(`empty data for ${count} strings`);
    return [];
  }
  if (count > bytes.length) throw new ByteReadError(`${count} string lengths cannot fit in ${bytes.length} bytes`);
  const r = new ByteReader(bytes);
  const lengths: number[] = new Array<number>(count);
  let crc = 0;
  let total = 0;
  for (let i = 0; i < count; i++) {
    const len = r.varintSafe('string length');
    lengths[i] = len;
    total += len;
    crc = crc32c(lengthChecksumBytes(len), crc);
  }
  const checksumAt = r.pos;
  const stored = r.fixed32();
  if (unmaskCrc(stored) !== crc) throw new ByteReadError('string lengths checksum mismatch');
  crc = crc32c(bytes.subarray(checksumAt, checksumAt + 4), crc);
  if (total !== r.remaining) {
    throw new ByteReadError(`string lengths add up to ${total} bytes but ${r.remaining} follow`);
  }
  const out: Uint8Array[] = new Array<Uint8Array>(count);
  for (let i = 0; i < count; i++) {
    const s = r.take(lengths[i] as number);
    crc = crc32c(s, crc);
    out[i] = s;
  }
  if (maskCrc(crc) !== entryMaskedCrc) throw new ByteReadError('checksum mismatch');
  return out;
}

/** Encodes a DT_VARIANT tensor (§5.4): per element varint length, bytes, masked running checksum. */
export function encodeVariantTensor(elements: readonly Uint8Array[]): EncodedVarLength {
  const chunks: Uint8Array[] = [];
  let crc = 0;
  let size = 0;
  for (const e of elements) {
    const len = new ByteWriter(10).varint(e.length).finish();
    const len64 = new Uint8Array(8);
    new DataView(len64.buffer).setBigUint64(0, BigInt(e.length), true);
    crc = crc32c(e, crc32c(len64, crc));
    const sum = new ByteWriter(4).fixed32(maskCrc(crc)).finish();
    crc = crc32c(sum, crc);
    chunks.push(len, e, sum);
    size += len.length + e.length + 4;
  }
  return { chunks, size, maskedCrc: maskCrc(crc) };
}

/** Decodes and verifies a stored DT_VARIANT tensor into its serialized elements. */
export function decodeVariantTensor(bytes: Uint8Array, count: number, entryMaskedCrc: number): Uint8Array[] {
  if (count * 5 > bytes.length) throw new ByteReadError(`${count} variant elements cannot fit in ${bytes.length} bytes`);
  const r = new ByteReader(bytes);
  const out: Uint8Array[] = [];
  let crc = 0;
  for (let i = 0; i < count; i++) {
    const len = r.varintSafe('variant length');
    const len64 = new Uint8Array(8);
    new DataView(len64.buffer).setBigUint64(0, BigInt(len), true);
    const e = r.take(len);
    crc = crc32c(e, crc32c(len64, crc));
    const at = r.pos;
    if (unmaskCrc(r.fixed32()) !== crc) throw new ByteReadError(`variant element ${i} checksum mismatch`);
    crc = crc32c(bytes.subarray(at, at + 4), crc);
    out.push(e);
  }
  if (!r.atEnd()) throw new ByteReadError(`${r.remaining} bytes after the last variant element`);
  if (maskCrc(crc) !== entryMaskedCrc) throw new ByteReadError('checksum mismatch');
  return out;
}

const utf8Lenient = new TextDecoder('utf-8');
const utf8Fatal = new TextDecoder('utf-8', { fatal: true });

/**
 * The `string[]` view of a string tensor's bytes. By default invalid UTF-8 is
 * an error (a `TypeError` from `TextDecoder`); `{ lossy: true }` replaces it
 * with U+FFFD instead.
 */
export function decodeStrings(data: readonly Uint8Array[], options: { lossy?: boolean } = {}): string[] {
  const d = options.lossy === true ? utf8Lenient : utf8Fatal;
  return data.map((b) => d.decode(b));
}
