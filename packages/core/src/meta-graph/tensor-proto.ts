import type { TensorProto, TensorShapeProto } from '@varscope/checkpoint';
import { DTYPES, allocateData, dtypeFromEnum, shapeSize } from '@varscope/kernel-api';
import type { DType, HostTensor, ShapeAttr } from '@varscope/kernel-api';
import { ValueError } from '../errors.js';

const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder('utf-8');

/** A shape attr (`null` = unknown rank, `-1` = unknown dim) as a `TensorShapeProto`. */
export function shapeToProto(shape: ShapeAttr): TensorShapeProto {
  if (shape === null) return { unknownRank: true };
  return { dim: shape.map((d) => ({ size: BigInt(d) })) };
}

export function shapeFromProto(p: TensorShapeProto | undefined): ShapeAttr {
  if (p === undefined) return [];
  if (p.unknownRank === true) return null;
  return (p.dim ?? []).map((d) => Number(d.size ?? 0n));
}

/** DTypes TensorFlow's `make_tensor_proto` stores as raw `tensor_content` when there is more than one element. */
const CONTENT_TYPES = new Set<DType>([
  'float16', 'float32', 'float64', 'int32', 'uint8', 'int16', 'int8', 'int64', 'qint8', 'quint8', 'qint16', 'quint16',
  'qint32', 'uint16', 'uint32', 'uint64',
]);

/** Little-endian bytes of a typed array (a copy). */
function bytesOf(data: ArrayBufferView): Uint8Array {
  return new Uint8Array(data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength));
}

/**
 * A host tensor as a `TensorProto` the way TensorFlow's `make_tensor_proto` writes it: raw
 * `tensor_content` for numeric tensors of more than one element, the typed `*_val` field
 * otherwise (strings as UTF-8 bytes).
 */
export function tensorToProto(t: HostTensor): TensorProto {
  const info = DTYPES[t.dtype];
  const proto: TensorProto = { dtype: info.enum, tensorShape: shapeToProto(t.shape) };
  const n = shapeSize(t.shape);
  if (CONTENT_TYPES.has(t.dtype) && n > 1) return { ...proto, tensorContent: bytesOf(t.data as unknown as ArrayBufferView) };
  const d = t.data as unknown as ArrayLike<number | bigint | string>;
  const nums = (): number[] => Array.from(d as ArrayLike<number>);
  switch (t.dtype) {
    case 'float32': return { ...proto, floatVal: nums() };
    case 'float64': return { ...proto, doubleVal: nums() };
    case 'complex64': return { ...proto, scomplexVal: nums() };
    case 'complex128': return { ...proto, dcomplexVal: nums() };
    case 'int32': case 'int16': case 'int8': case 'uint8': case 'uint16': case 'qint8': case 'quint8':
    case 'qint16': case 'quint16': case 'qint32':
      return { ...proto, intVal: nums() };
    case 'float16': case 'bfloat16': return { ...proto, halfVal: nums() };
    case 'int64': return { ...proto, int64Val: Array.from(d as BigInt64Array) };
    case 'uint32': return { ...proto, uint32Val: nums() };
    case 'uint64': return { ...proto, uint64Val: Array.from(d as BigUint64Array) };
    case 'bool': return { ...proto, boolVal: Array.from(d as Uint8Array, (x) => x !== 0) };
    case 'string': return { ...proto, stringVal: (d as unknown as string[]).map((s) => utf8.encode(s)) };
    default: throw new ValueError(`Cannot store a ${t.dtype} tensor in a GraphDef constant`);
  }
}

/** The values of the typed field of `p` for its dtype, as stored. */
function typedValues(p: TensorProto, dtype: DType): readonly (number | bigint | boolean | Uint8Array)[] {
  switch (dtype) {
    case 'float32': return p.floatVal ?? [];
    case 'float64': return p.doubleVal ?? [];
    case 'complex64': return p.scomplexVal ?? [];
    case 'complex128': return p.dcomplexVal ?? [];
    case 'float16': case 'bfloat16': return p.halfVal ?? [];
    case 'int64': return p.int64Val ?? [];
    case 'uint32': return p.uint32Val ?? [];
    case 'uint64': return p.uint64Val ?? [];
    case 'bool': return p.boolVal ?? [];
    case 'string': return p.stringVal ?? [];
    default: return p.intVal ?? [];
  }
}

/**
 * A `TensorProto` as a host tensor (TensorFlow's `MakeNdarray`): `tensor_content` when
 * present, else the typed values, the last one repeated to fill the shape (no values: zeros).
 */
export function tensorFromProto(p: TensorProto, where: string): HostTensor {
  let dtype: DType;
  try {
    dtype = dtypeFromEnum(p.dtype ?? 0);
  } catch {
    throw new ValueError(`${where}: unsupported DataType ${p.dtype ?? 0} in a TensorProto`);
  }
  const shape = shapeFromProto(p.tensorShape);
  if (shape === null || shape.some((d) => d < 0)) throw new ValueError(`${where}: a TensorProto needs a fully defined shape`);
  const n = shapeSize(shape);
  const info = DTYPES[dtype];
  const data = allocateData(dtype, n) as unknown as { [i: number]: unknown; length: number; buffer?: ArrayBufferLike };
  const content = p.tensorContent;
  if (content !== undefined && content.length > 0 && dtype !== 'string') {
    const want = n * info.byteSize;
    if (content.length !== want) throw new ValueError(`${where}: tensor_content has ${content.length} bytes, expected ${want} for ${dtype} ${JSON.stringify(shape)}`);
    new Uint8Array(data.buffer as ArrayBuffer).set(content);
    return { dtype, shape, data: data as unknown as HostTensor['data'] };
  }
  const values = typedValues(p, dtype);
  const lanes = info.lanes;
  const total = n * lanes;
  if (values.length > total) throw new ValueError(`${where}: ${values.length / lanes} values for a tensor of ${n} elements`);
  const convert = (v: number | bigint | boolean | Uint8Array): unknown => {
    if (dtype === 'string') return fromUtf8.decode(v as Uint8Array);
    if (dtype === 'int64' || dtype === 'uint64') return BigInt(v as number | bigint);
    if (typeof v === 'boolean') return v ? 1 : 0;
    return Number(v);
  };
  for (let i = 0; i < total; i++) {
    if (values.length === 0) break;
    // Repeat the last element (or the last complex pair) to fill the shape.
    const k = i < values.length ? i : values.length - lanes + (i % lanes);
    data[i] = convert(values[k] as number);
  }
  return { dtype, shape, data: data as unknown as HostTensor['data'] };
}
