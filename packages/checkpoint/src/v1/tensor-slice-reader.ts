import { readdir } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { decodeTensorShape, decodeTensorSlice, decodeVersionDef, type TensorSlice } from '../bundle/bundle-entry.js';
import { decodeSliceKey, encodeSliceKey } from '../bundle/ordered-code.js';
import { copySliceInto, resolveSlice } from '../bundle/slice-copy.js';
import { allocateFixed, elementCount, type FixedSizeDType, type TensorData, type TypedArray } from '../bundle/tensor-data.js';
import type { TensorInfo } from '../bundle/tensor-info.js';
import { dtypeFromEnum, type DTypeInfo } from '../dtype/data-type.js';
import { ByteReadError, ByteReader } from '../encoding/byte-reader.js';
import { WIRE_LENGTH_DELIMITED, WIRE_VARINT, readTag, skipField } from '../encoding/proto-wire.js';
import { DataLossError, NotFoundError } from '../errors/checkpoint-error.js';
import { RandomAccessFile } from '../io/random-access-file.js';
import { decodeUtf8Strict } from '../sstable/bytes.js';
import { readTable } from '../sstable/table-reader.js';
import { decodeTensorProtoValues } from './tensor-proto-values.js';

interface V1Tensor extends TensorInfo {
  readonly dtypeInfo: DTypeInfo;
  readonly slices: readonly TensorSlice[];
}

/** A slice's stored record: which file, and the `SavedSlice` bytes. */
interface SliceRecord {
  readonly file: string;
  readonly value: Uint8Array;
}

/** TensorFlow's V1 checkpoint version (TF_CHECKPOINT_VERSION) and the oldest it reads. */
const V1_CHECKPOINT_VERSION = 1;

/**
 * Reads TensorFlow's V1 checkpoints: one SSTable file (or `-SSSSS-of-NNNNN`
 * shards) whose `""` entry lists the tensors and whose other entries hold
 * slices under OrderedCode keys. V1 files have no per-tensor checksum; every
 * block CRC is verified when the file is opened.
 */
export class TensorSliceReader {
  private constructor(
    readonly prefix: string,
    readonly files: readonly string[],
    readonly tensors: ReadonlyMap<string, V1Tensor>,
    private readonly records: ReadonlyMap<string, SliceRecord>,
  ) {}

  /** The files of a V1 checkpoint at `prefix`: the prefix itself, or its `-?????-of-N` shards. */
  static async findFiles(prefix: string): Promise<string[]> {
    const dir = dirname(prefix);
    const base = basename(prefix);
    let names: string[];
    try {
      names = await readdir(dir);
    } catch {
      return [];
    }
    if (names.includes(base)) return [prefix];
    const pattern = new RegExp(`^${base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}-\\d{5}-of-\\d{5}$`);
    return names.filter((n) => pattern.test(n)).sort().map((n) => join(dir, n));
  }

  static async open(prefix: string, files: readonly string[]): Promise<TensorSliceReader> {
    const tensors = new Map<string, V1Tensor>();
    const records = new Map<string, SliceRecord>();
    for (const path of files) {
      const f = await RandomAccessFile.open(path);
      let bytes: Uint8Array;
      try {
        bytes = await f.readAll();
      } finally {
        await f.close();
      }
      const table = readTable(bytes, path);
      const fail = (what: string, tensor?: string, cause?: unknown): never => {
        throw new DataLossError(`Corrupted V1 checkpoint ${path}: ${what}`, { file: path, tensor, cause });
      };
      for (const { key, value } of table.entries) {
        if (key.length === 0) {
          try {
            for (const t of decodeMeta(value)) {
              const known = tensors.get(t.name);
              if (known !== undefined && (known.dtype !== t.dtype || known.shape.join(',') !== t.shape.join(','))) {
                fail(`tensor ${t.name} is described differently in two files`, t.name);
              }
              tensors.set(t.name, known === undefined ? t : { ...known, slices: [...known.slices, ...t.slices] });
            }
          } catch (e) {
            if (e instanceof ByteReadError || e instanceof RangeError) fail(`bad metadata entry: ${e.message}`, undefined, e);
            throw e;
          }
        } else {
          try {
            decodeSliceKey(key);
          } catch (e) {
            if (e instanceof ByteReadError) fail(`bad slice key: ${e.message}`, undefined, e);
            throw e;
          }
          records.set(hex(key), { file: path, value });
        }
      }
    }
    return new TensorSliceReader(prefix, files, new Map([...tensors].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))), records);
  }

  async read(name: string): Promise<TensorData> {
    const t = this.tensors.get(name);
    if (t === undefined) throw new NotFoundError(`Key ${name} not found in checkpoint`, { tensor: name });
    const info = t.dtypeInfo;
    const count = elementCount(t.shape);
    const failFor = (file: string) => (what: string, cause?: unknown): never => {
      throw new DataLossError(`Corrupted V1 checkpoint ${file}: tensor ${name}: ${what}`, { file, tensor: name, cause });
    };
    // Every slice must be present and together cover the tensor before the whole is allocated;
    // each element takes at least one byte of its record, which bounds the allocation by the file.
    const parts: { record: SliceRecord; start: number[]; shape: number[] }[] = [];
    let covered = 0;
    for (const slice of t.slices) {
      const record = this.records.get(hex(encodeSliceKey(name, slice)));
      const fail = failFor(record?.file ?? this.files[0] ?? this.prefix);
      if (record === undefined) return fail('a listed slice has no data entry');
      const region = resolveSlice(slice, t.shape);
      if (typeof region === 'string') return fail(region);
      const sliceCount = elementCount(region.shape);
      if (sliceCount > record.value.length) fail(`a slice of ${sliceCount} elements cannot fit in its ${record.value.length}-byte record`);
      covered += sliceCount;
      parts.push({ record, start: region.start, shape: region.shape });
    }
    if (covered !== count) failFor(this.files[0] ?? this.prefix)(`its slices hold ${covered} elements but the shape [${t.shape.join(',')}] has ${count}`);
    const out: TypedArray | Uint8Array[] = info.array === null
      ? new Array<Uint8Array>(count).fill(new Uint8Array(0))
      : allocateFixed(info, count);
    for (const { record, start, shape } of parts) {
      const fail = failFor(record.file);
      let values: TypedArray | Uint8Array[] = [];
      try {
        values = decodeTensorProtoValues(savedSliceData(record.value), info, elementCount(shape));
      } catch (e) {
        if (e instanceof ByteReadError || e instanceof RangeError) fail(e.message, e);
        throw e;
      }
      copySliceInto(out as unknown as Record<number, unknown>, t.shape, values as unknown as Record<number, unknown>,
        start, shape, info.lanes);
    }
    return info.array === null
      ? { dtype: 'string', shape: t.shape, data: out as Uint8Array[] }
      : { dtype: info.name as FixedSizeDType, shape: t.shape, data: out as TypedArray };
  }

  async close(): Promise<void> {
    // Files are read whole at open; nothing stays open.
  }
}

function hex(key: Uint8Array): string {
  let s = '';
  for (const b of key) s += b.toString(16).padStart(2, '0');
  return s;
}

/** Decodes the `""` entry: `SavedTensorSlices.meta` → the tensors it lists. */
function decodeMeta(value: Uint8Array): V1Tensor[] {
  const out: V1Tensor[] = [];
  const r = new ByteReader(value);
  while (!r.atEnd()) {
    const t = readTag(r);
    if (t.field !== 1 || t.wire !== WIRE_LENGTH_DELIMITED) {
      skipField(r, t.wire);
      continue;
    }
    const meta = new ByteReader(r.take(r.varint32()));
    while (!meta.atEnd()) {
      const mt = readTag(meta);
      if (mt.field === 1 && mt.wire === WIRE_LENGTH_DELIMITED) out.push(decodeSliceMeta(meta.take(meta.varint32())));
      else if (mt.field === 2 && mt.wire === WIRE_LENGTH_DELIMITED) {
        const v = decodeVersionDef(meta.take(meta.varint32()));
        if (v.producer < 0 || V1_CHECKPOINT_VERSION < v.minConsumer || v.badConsumers.includes(V1_CHECKPOINT_VERSION)) {
          throw new ByteReadError(`unsupported checkpoint version producer=${v.producer} min_consumer=${v.minConsumer}`);
        }
      } else skipField(meta, mt.wire);
    }
  }
  return out;
}

function decodeSliceMeta(bytes: Uint8Array): V1Tensor {
  const r = new ByteReader(bytes);
  let name = '';
  let shape: number[] = [];
  let dtype = 0;
  const slices: TensorSlice[] = [];
  while (!r.atEnd()) {
    const t = readTag(r);
    if (t.field === 1 && t.wire === WIRE_LENGTH_DELIMITED) name = decodeUtf8Strict(r.take(r.varint32()));
    else if (t.field === 2 && t.wire === WIRE_LENGTH_DELIMITED) shape = decodeTensorShape(r.take(r.varint32())).dims;
    else if (t.field === 3 && t.wire === WIRE_VARINT) dtype = Number(BigInt.asIntN(32, r.varint64()));
    else if (t.field === 4 && t.wire === WIRE_LENGTH_DELIMITED) slices.push(decodeTensorSlice(r.take(r.varint32())));
    else skipField(r, t.wire);
  }
  const info = dtypeFromEnum(dtype);
  if (info === undefined || info.name === 'resource' || info.name === 'variant') {
    throw new ByteReadError(`tensor ${name} has unsupported dtype enum ${dtype}`);
  }
  if (shape.some((d) => d < 0)) throw new ByteReadError(`tensor ${name} has a negative dimension`);
  elementCount(shape);
  return { name, dtype: info.name, shape, dtypeInfo: info, slices };
}

/** `SavedTensorSlices.data.data`: the TensorProto of a slice record. */
function savedSliceData(value: Uint8Array): Uint8Array {
  const r = new ByteReader(value);
  while (!r.atEnd()) {
    const t = readTag(r);
    if (t.field === 2 && t.wire === WIRE_LENGTH_DELIMITED) {
      const s = new ByteReader(r.take(r.varint32()));
      while (!s.atEnd()) {
        const st = readTag(s);
        if (st.field === 3 && st.wire === WIRE_LENGTH_DELIMITED) return s.take(s.varint32());
        skipField(s, st.wire);
      }
    } else skipField(r, t.wire);
  }
  throw new ByteReadError('slice record holds no tensor data');
}
