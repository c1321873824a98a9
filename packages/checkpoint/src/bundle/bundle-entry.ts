import { ByteReadError, ByteReader } from '../encoding/byte-reader.js';
import { ByteWriter } from '../encoding/byte-writer.js';
import {
  WIRE_FIXED32, WIRE_LENGTH_DELIMITED, WIRE_VARINT, expectWire, readTag, skipField,
} from '../encoding/proto-wire.js';

/**
 * `BundleHeaderProto` and `BundleEntryProto`, decoded and encoded by hand:
 * they are on the hot path of every open, must be fuzz-proof, and the writer
 * must reproduce TensorFlow's bytes exactly (fields in number order, zero
 * values dropped, the CRC as fixed32).
 */

/** One extent of a partitioned tensor's slice: `length` absent means the whole dimension. */
export interface SliceExtent {
  readonly start: number;
  readonly length?: number;
}

/** `TensorSliceProto`: one extent per dimension. */
export type TensorSlice = readonly SliceExtent[];

export interface BundleEntry {
  /** DataType enum number. */
  readonly dtype: number;
  /** Full shape, outermost first. */
  readonly shape: readonly number[];
  readonly shardId: number;
  readonly offset: number;
  readonly size: number;
  /** Masked CRC32C of the bytes as stored (see the format spec §5). */
  readonly crc32c: number;
  /** Present only for a partitioned tensor's full-name entry. */
  readonly slices: readonly TensorSlice[];
}

export interface BundleHeader {
  readonly numShards: number;
  readonly endianness: 'LITTLE' | 'BIG';
  readonly version: VersionDef;
}

export interface VersionDef {
  readonly producer: number;
  readonly minConsumer: number;
  readonly badConsumers: readonly number[];
}

/** TensorFlow's kTensorBundleVersion and its compatibility window. */
export const TENSOR_BUNDLE_VERSION = 1;

function int32(v: bigint): number {
  return Number(BigInt.asIntN(32, v));
}

function safeSigned(v: bigint, what: string): number {
  const s = BigInt.asIntN(64, v);
  if (s > BigInt(Number.MAX_SAFE_INTEGER) || s < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new ByteReadError(`${what} ${s} is out of range`);
  }
  return Number(s);
}

export function decodeVersionDef(bytes: Uint8Array): VersionDef {
  const r = new ByteReader(bytes);
  let producer = 0;
  let minConsumer = 0;
  const badConsumers: number[] = [];
  while (!r.atEnd()) {
    const { field, wire } = readTag(r);
    if (field === 1 && wire === WIRE_VARINT) producer = int32(r.varint64());
    else if (field === 2 && wire === WIRE_VARINT) minConsumer = int32(r.varint64());
    else if (field === 3 && wire === WIRE_VARINT) badConsumers.push(int32(r.varint64()));
    else if (field === 3 && wire === WIRE_LENGTH_DELIMITED) {
      const packed = new ByteReader(r.take(r.varint32()));
      while (!packed.atEnd()) badConsumers.push(int32(packed.varint64()));
    } else skipField(r, wire);
  }
  return { producer, minConsumer, badConsumers };
}

export function decodeBundleHeader(bytes: Uint8Array): BundleHeader {
  const r = new ByteReader(bytes);
  let numShards = 0;
  let endianness: 'LITTLE' | 'BIG' = 'LITTLE';
  let version: VersionDef = { producer: 0, minConsumer: 0, badConsumers: [] };
  while (!r.atEnd()) {
    const { field, wire } = readTag(r);
    if (field === 1) {
      expectWire(wire, WIRE_VARINT, 'num_shards');
      numShards = int32(r.varint64());
    } else if (field === 2) {
      expectWire(wire, WIRE_VARINT, 'endianness');
      const e = int32(r.varint64());
      if (e !== 0 && e !== 1) throw new ByteReadError(`unknown endianness ${e}`);
      endianness = e === 0 ? 'LITTLE' : 'BIG';
    } else if (field === 3) {
      expectWire(wire, WIRE_LENGTH_DELIMITED, 'version');
      version = decodeVersionDef(r.take(r.varint32()));
    } else skipField(r, wire);
  }
  return { numShards, endianness, version };
}

/** TensorFlow's exact header bytes: `08 <num_shards> 1a 02 08 01` for a little-endian bundle. */
export function encodeBundleHeader(numShards: number): Uint8Array {
  const w = new ByteWriter(16);
  if (numShards !== 0) w.varint(0x08).varint(numShards);
  w.varint(0x1a).varint(2).varint(0x08).varint(TENSOR_BUNDLE_VERSION);
  return w.finish();
}

/** Decodes `TensorShapeProto` dims; -1 (unknown) is allowed here and rejected by callers that need a full shape. */
export function decodeTensorShape(bytes: Uint8Array): { dims: number[]; unknownRank: boolean } {
  const r = new ByteReader(bytes);
  const dims: number[] = [];
  let unknownRank = false;
  while (!r.atEnd()) {
    const { field, wire } = readTag(r);
    if (field === 2) {
      expectWire(wire, WIRE_LENGTH_DELIMITED, 'dim');
      const d = new ByteReader(r.take(r.varint32()));
      let size = 0;
      while (!d.atEnd()) {
        const t = readTag(d);
        if (t.field === 1 && t.wire === WIRE_VARINT) size = safeSigned(d.varint64(), 'dimension size');
        else skipField(d, t.wire);
      }
      dims.push(size);
    } else if (field === 3 && wire === WIRE_VARINT) unknownRank = r.varint64() !== 0n;
    else skipField(r, wire);
  }
  return { dims, unknownRank };
}

export function encodeTensorShape(w: ByteWriter, dims: readonly number[]): void {
  for (const size of dims) {
    if (size === 0) {
      w.byte(0x12).byte(0);
    } else {
      const dim = new ByteWriter(12).byte(0x08).varint(size < 0 ? BigInt(size) : size).view();
      w.byte(0x12).varint(dim.length).bytes(dim);
    }
  }
}

function decodeSlice(bytes: Uint8Array): TensorSlice {
  const r = new ByteReader(bytes);
  const extents: SliceExtent[] = [];
  while (!r.atEnd()) {
    const { field, wire } = readTag(r);
    if (field === 1 && wire === WIRE_LENGTH_DELIMITED) {
      const e = new ByteReader(r.take(r.varint32()));
      let start = 0;
      let length: number | undefined;
      while (!e.atEnd()) {
        const t = readTag(e);
        if (t.field === 1 && t.wire === WIRE_VARINT) start = safeSigned(e.varint64(), 'slice start');
        else if (t.field === 2 && t.wire === WIRE_VARINT) length = safeSigned(e.varint64(), 'slice length');
        else skipField(e, t.wire);
      }
      extents.push(length === undefined ? { start } : { start, length });
    } else skipField(r, wire);
  }
  return extents;
}

export { decodeSlice as decodeTensorSlice };

export function encodeTensorSlice(w: ByteWriter, slice: TensorSlice): void {
  for (const extent of slice) {
    const e = new ByteWriter(24);
    if (extent.start !== 0) e.byte(0x08).varint(extent.start);
    if (extent.length !== undefined) e.byte(0x10).varint(extent.length);
    w.byte(0x0a).varint(e.length).bytes(e.view());
  }
}

/** Decodes a `BundleEntryProto`, accepting any field order, repeats, unknown fields and explicit zeros. */
export function decodeBundleEntry(bytes: Uint8Array): BundleEntry {
  const r = new ByteReader(bytes);
  let dtype = 0;
  let shape: number[] = [];
  let shardId = 0;
  let offset = 0;
  let size = 0;
  let crc = 0;
  const slices: TensorSlice[] = [];
  while (!r.atEnd()) {
    const { field, wire } = readTag(r);
    switch (field) {
      case 1: expectWire(wire, WIRE_VARINT, 'dtype'); dtype = int32(r.varint64()); break;
      case 2: {
        expectWire(wire, WIRE_LENGTH_DELIMITED, 'shape');
        const s = decodeTensorShape(r.take(r.varint32()));
        if (s.unknownRank) throw new ByteReadError('entry shape has unknown rank');
        shape = s.dims;
        break;
      }
      case 3: expectWire(wire, WIRE_VARINT, 'shard_id'); shardId = int32(r.varint64()); break;
      case 4: expectWire(wire, WIRE_VARINT, 'offset'); offset = safeSigned(r.varint64(), 'offset'); break;
      case 5: expectWire(wire, WIRE_VARINT, 'size'); size = safeSigned(r.varint64(), 'size'); break;
      case 6: expectWire(wire, WIRE_FIXED32, 'crc32c'); crc = r.fixed32(); break;
      case 7: expectWire(wire, WIRE_LENGTH_DELIMITED, 'slices'); slices.push(decodeSlice(r.take(r.varint32()))); break;
      default: skipField(r, wire);
    }
  }
  return { dtype, shape, shardId, offset, size, crc32c: crc, slices };
}

/** Encodes a `BundleEntryProto` exactly as TensorFlow serializes it. */
export function encodeBundleEntry(entry: BundleEntry): Uint8Array {
  const w = new ByteWriter(64);
  if (entry.dtype !== 0) w.byte(0x08).varint(entry.dtype);
  const shape = new ByteWriter(32);
  encodeTensorShape(shape, entry.shape);
  w.byte(0x12).varint(shape.length).bytes(shape.view());
  if (entry.shardId !== 0) w.byte(0x18).varint(entry.shardId);
  if (entry.offset !== 0) w.byte(0x20).varint(entry.offset);
  if (entry.size !== 0) w.byte(0x28).varint(entry.size);
  if (entry.crc32c !== 0) w.byte(0x35).fixed32(entry.crc32c);
  for (const slice of entry.slices) {
    const s = new ByteWriter(32);
    encodeTensorSlice(s, slice);
    w.byte(0x3a).varint(s.length).bytes(s.view());
  }
  return w.finish();
}
