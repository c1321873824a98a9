import type { DTypeInfo } from '../dtype/data-type.js';
import { ByteReadError, ByteReader } from '../encoding/byte-reader.js';
import {
  WIRE_FIXED32, WIRE_FIXED64, WIRE_LENGTH_DELIMITED, WIRE_VARINT, readTag, skipField,
} from '../encoding/proto-wire.js';
import { allocateFixed, viewFixed, type TypedArray } from '../bundle/tensor-data.js';

/** The `TensorProto` field that carries values of each dtype, and how each value is encoded. */
function valueField(info: DTypeInfo): { field: number; kind: 'float' | 'double' | 'varint' | 'bytes' } {
  switch (info.name) {
    case 'float32': case 'complex64': return { field: info.name === 'float32' ? 5 : 9, kind: 'float' };
    case 'float64': case 'complex128': return { field: info.name === 'float64' ? 6 : 12, kind: 'double' };
    case 'int32': case 'int16': case 'int8': case 'uint8': case 'qint8': case 'quint8': case 'qint16':
    case 'quint16': case 'qint32': case 'uint16':
      return { field: 7, kind: 'varint' };
    case 'string': return { field: 8, kind: 'bytes' };
    case 'int64': return { field: 10, kind: 'varint' };
    case 'bool': return { field: 11, kind: 'varint' };
    case 'float16': case 'bfloat16': return { field: 13, kind: 'varint' };
    case 'uint32': return { field: 16, kind: 'varint' };
    case 'uint64': return { field: 17, kind: 'varint' };
    default: throw new ByteReadError(`dtype ${info.name} cannot be stored in a V1 checkpoint`);
  }
}

/**
 * Extracts exactly `count` elements of `info` from a serialized `TensorProto`
 * (the typed `*_val` field, packed or not, or `tensor_content`). Used for V1
 * slices, which store only the value field.
 */
export function decodeTensorProtoValues(bytes: Uint8Array, info: DTypeInfo, count: number): TypedArray | Uint8Array[] {
  const { field, kind } = valueField(info);
  const want = count * info.lanes;
  const r = new ByteReader(bytes);
  if (kind === 'bytes') {
    const out: Uint8Array[] = [];
    while (!r.atEnd()) {
      const t = readTag(r);
      if (t.field === field && t.wire === WIRE_LENGTH_DELIMITED) {
        if (out.length >= want) throw new ByteReadError(`more than ${want} string values`);
        out.push(r.take(r.varint32()));
      } else skipField(r, t.wire);
    }
    if (out.length !== want) throw new ByteReadError(`${out.length} string values, expected ${want}`);
    return out;
  }
  if (want > bytes.length) throw new ByteReadError(`${want} values cannot fit in ${bytes.length} bytes`);
  const out = allocateFixed(info, count);
  let n = 0;
  let content: Uint8Array | null = null;
  const put = (v: bigint | number): void => {
    if (n >= want) throw new ByteReadError(`more than ${want} values`);
    if (out instanceof BigInt64Array || out instanceof BigUint64Array) (out as BigInt64Array)[n++] = BigInt(v) as never;
    else (out as Float32Array)[n++] = Number(v);
  };
  const readOne = (rr: ByteReader): void => {
    if (kind === 'float') put(new DataView(rr.take(4).slice().buffer).getFloat32(0, true));
    else if (kind === 'double') put(new DataView(rr.take(8).slice().buffer).getFloat64(0, true));
    else {
      const raw = rr.varint64();
      if (info.name === 'uint64') put(raw);
      else if (info.name === 'int64') put(BigInt.asIntN(64, raw));
      else if (info.name === 'uint32') put(Number(BigInt.asUintN(32, raw)));
      else put(Number(BigInt.asIntN(32, raw)));
    }
  };
  const scalarWire = kind === 'float' ? WIRE_FIXED32 : kind === 'double' ? WIRE_FIXED64 : WIRE_VARINT;
  while (!r.atEnd()) {
    const t = readTag(r);
    if (t.field === 4 && t.wire === WIRE_LENGTH_DELIMITED) content = r.take(r.varint32());
    else if (t.field === field && t.wire === WIRE_LENGTH_DELIMITED) {
      const packed = new ByteReader(r.take(r.varint32()));
      while (!packed.atEnd()) readOne(packed);
    } else if (t.field === field && t.wire === scalarWire) readOne(r);
    else skipField(r, t.wire);
  }
  if (content !== null && n === 0) {
    if (content.length !== count * info.byteSize) {
      throw new ByteReadError(`tensor_content has ${content.length} bytes, expected ${count * info.byteSize}`);
    }
    return viewFixed(info, content.slice(), true);
  }
  if (n !== want) throw new ByteReadError(`${n} values, expected ${want}`);
  return out;
}
