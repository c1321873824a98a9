import { ByteReadError, type ByteReader } from './byte-reader.js';

/** Protobuf wire types the hand-rolled decoders accept (groups are refused as corrupt). */
export const WIRE_VARINT = 0;
export const WIRE_FIXED64 = 1;
export const WIRE_LENGTH_DELIMITED = 2;
export const WIRE_FIXED32 = 5;

/** Reads a field tag; returns field number and wire type. */
export function readTag(r: ByteReader): { field: number; wire: number } {
  const tag = r.varint32();
  const field = tag >>> 3;
  const wire = tag & 7;
  if (field === 0) throw new ByteReadError('field number 0 in protobuf message');
  return { field, wire };
}

/** Skips one field's value of the given wire type. */
export function skipField(r: ByteReader, wire: number): void {
  switch (wire) {
    case WIRE_VARINT: r.varint64(); return;
    case WIRE_FIXED64: r.skip(8); return;
    case WIRE_LENGTH_DELIMITED: r.skip(r.varint32()); return;
    case WIRE_FIXED32: r.skip(4); return;
    default: throw new ByteReadError(`unsupported protobuf wire type ${wire}`);
  }
}

export function expectWire(actual: number, expected: number, field: string): void {
  if (actual !== expected) throw new ByteReadError(`field ${field} has wire type ${actual}, expected ${expected}`);
}
