import Long from 'long';
import protobuf from 'protobufjs/light.js';
import { DataLossError, InvalidArgumentError } from '../errors/checkpoint-error.js';
import { DESCRIPTOR } from './generated/messages.js';

/** Encode/decode for one protobuf message type. */
export interface MessageCodec<T> {
  /** The message's full name, e.g. `tensorflow.MetaGraphDef`. */
  readonly typeName: string;
  /** Parses wire bytes; malformed input is a `DataLossError` naming `options.file` when given. */
  decode(bytes: Uint8Array, options?: { file?: string }): T;
  /** Serializes; an invalid value is an `InvalidArgumentError` saying which field. */
  encode(value: T): Uint8Array;
}

let root: protobuf.Root | null = null;

function lookup(typeName: string): protobuf.Type {
  if (root === null) {
    // protobufjs finds `long` through a dynamic require that bundlers and some loaders hide; without it,
    // 64-bit fields silently become lossy doubles. Hand it over explicitly.
    if (protobuf.util.Long !== Long) {
      protobuf.util.Long = Long;
      protobuf.configure();
    }
    root = protobuf.Root.fromJSON(DESCRIPTOR as unknown as protobuf.INamespace);
  }
  return root.lookupType(typeName);
}

const LONG_TYPES = new Set(['int64', 'uint64', 'sint64', 'fixed64', 'sfixed64']);
const UNSIGNED = new Set(['uint64', 'fixed64']);

/** Converts protobufjs's plain object (longs as decimal strings) into ours (bigints), recursively. */
function longsToBigint(type: protobuf.Type, obj: Record<string, unknown>): void {
  for (const field of type.fieldsArray) {
    const v = obj[field.name];
    if (v === undefined || v === null) continue;
    const conv = (x: unknown): unknown => {
      if (field.resolvedType instanceof protobuf.Type) {
        longsToBigint(field.resolvedType, x as Record<string, unknown>);
        return x;
      }
      if (LONG_TYPES.has(field.type)) return BigInt(x as string);
      return x;
    };
    if (field.map) {
      const m = v as Record<string, unknown>;
      for (const k of Object.keys(m)) m[k] = conv(m[k]);
    } else if (field.repeated) {
      obj[field.name] = (v as unknown[]).map(conv);
    } else {
      obj[field.name] = conv(v);
    }
  }
}

/** The inverse: bigints → decimal strings protobufjs's `fromObject` accepts, on a copy. */
function bigintsToLongs(type: protobuf.Type, obj: Record<string, unknown>, path: string): Record<string, unknown> {
  const out: Record<string, unknown> = { ...obj };
  for (const field of type.fieldsArray) {
    const v = obj[field.name];
    if (v === undefined || v === null) continue;
    const where = `${path}.${field.name}`;
    const conv = (x: unknown): unknown => {
      if (field.resolvedType instanceof protobuf.Type) {
        if (typeof x !== 'object' || x === null) throw new InvalidArgumentError(`${where} must be a ${field.resolvedType.name} message object`);
        return bigintsToLongs(field.resolvedType, x as Record<string, unknown>, where);
      }
      if (LONG_TYPES.has(field.type)) {
        if (typeof x !== 'bigint' && !(typeof x === 'number' && Number.isSafeInteger(x))) {
          throw new InvalidArgumentError(`${where} must be a bigint or a safe integer, got ${String(x)}`);
        }
        const b = BigInt(x);
        const ok = UNSIGNED.has(field.type) ? b >= 0n && b < 1n << 64n : b >= -(1n << 63n) && b < 1n << 63n;
        if (!ok) throw new InvalidArgumentError(`${where} value ${b} is out of range for ${field.type}`);
        return b.toString();
      }
      return x;
    };
    if (field.map) {
      // Entries keep the object's key order, so a decoded file re-encodes to its exact bytes.
      const m: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v as Record<string, unknown>)) m[k] = conv(x);
      out[field.name] = m;
    } else if (field.repeated) {
      if (!Array.isArray(v)) throw new InvalidArgumentError(`${where} must be an array`);
      out[field.name] = v.map(conv);
    } else {
      out[field.name] = conv(v);
    }
  }
  return out;
}

/** A typed codec for a message of the descriptor, resolved on first use. */
export function messageCodec<T>(typeName: string): MessageCodec<T> {
  return {
    typeName,
    decode(bytes, options = {}) {
      const type = lookup(typeName);
      let obj: Record<string, unknown>;
      try {
        obj = type.toObject(type.decode(bytes), { longs: String, enums: Number, defaults: false, arrays: false });
      } catch (e) {
        const where = options.file === undefined ? '' : ` in ${options.file}`;
        throw new DataLossError(`Cannot parse ${typeName}${where}: ${(e as Error).message}`, { file: options.file, cause: e });
      }
      longsToBigint(type, obj);
      return obj as T;
    },
    encode(value) {
      const type = lookup(typeName);
      const plain = bigintsToLongs(type, value as Record<string, unknown>, typeName.replace(/^tensorflow\./, ''));
      const problem = type.verify(type.fromObject(plain));
      if (problem !== null) throw new InvalidArgumentError(`invalid ${typeName}: ${problem}`);
      return type.encode(type.fromObject(plain)).finish();
    },
  };
}
