import type { AttrValue as AttrProto } from '@varscope/checkpoint';
import { DTYPES, dtypeFromEnum } from '@varscope/kernel-api';
import type { AttrDef, AttrType, AttrValue, HostTensor, ShapeAttr } from '@varscope/kernel-api';
import { isHostTensor } from '../dtypes/index.js';
import { ValueError } from '../errors.js';
import { shapeFromProto, shapeToProto, tensorFromProto, tensorToProto } from './tensor-proto.js';

const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder('utf-8');

const dtypeEnum = (d: string): number => {
  const info = (DTYPES as Record<string, { enum: number } | undefined>)[d];
  if (info === undefined) throw new ValueError(`Unknown dtype ${d} in an attr`);
  return info.enum;
};

const isShape = (v: unknown): v is ShapeAttr => v === null || (Array.isArray(v) && v.every((d) => typeof d === 'number' && Number.isInteger(d)));

/** An attr value as an `AttrValue` proto, by its declared type. */
export function attrToProto(type: AttrType, v: AttrValue): AttrProto {
  switch (type) {
    case 'int': return { i: BigInt(v as number) };
    case 'float': return { f: v as number };
    case 'bool': return { b: v as boolean };
    case 'string': return { s: utf8.encode(v as string) };
    case 'type': return { type: dtypeEnum(v as string) };
    case 'shape': return { shape: shapeToProto(v as ShapeAttr) };
    case 'tensor': return { tensor: tensorToProto(v as HostTensor) };
    case 'list(int)': return { list: { i: (v as number[]).map((x) => BigInt(x)) } };
    case 'list(float)': return { list: { f: [...(v as number[])] } };
    case 'list(string)': return { list: { s: (v as string[]).map((x) => utf8.encode(x)) } };
    case 'list(type)': return { list: { type: (v as string[]).map(dtypeEnum) } };
    case 'list(shape)': return { list: { shape: (v as ShapeAttr[]).map(shapeToProto) } };
  }
}

/**
 * An attr the schema does not declare (`_class`, attrs set by attr scopes): its type is read
 * off the JS value.
 */
export function untypedAttrToProto(v: AttrValue): AttrProto {
  if (typeof v === 'boolean') return { b: v };
  if (typeof v === 'string') return { s: utf8.encode(v) };
  if (typeof v === 'number') return Number.isInteger(v) ? { i: BigInt(v) } : { f: v };
  if (isHostTensor(v)) return { tensor: tensorToProto(v) };
  if (Array.isArray(v)) {
    if (v.every((x) => typeof x === 'string')) return { list: { s: (v as string[]).map((x) => utf8.encode(x)) } };
    if (v.every((x) => typeof x === 'number')) {
      return (v as number[]).every(Number.isInteger) ? { list: { i: (v as number[]).map((x) => BigInt(x)) } } : { list: { f: [...(v as number[])] } };
    }
    if (v.every(isShape)) return { list: { shape: (v as ShapeAttr[]).map(shapeToProto) } };
  }
  if (v === null) return { shape: shapeToProto(null) };
  throw new ValueError(`Cannot export attr value ${String(v)}`);
}

const str = (b: Uint8Array | undefined): string => fromUtf8.decode(b ?? new Uint8Array());

/** An `AttrValue` proto as our attr value, by the declared type; a clear error when it does not fit. */
export function attrFromProto(def: AttrDef, p: AttrProto, where: string): AttrValue {
  const bad = (): never => {
    throw new ValueError(`${where}: attr '${def.name}' should be ${def.type}, got ${JSON.stringify(Object.keys(p))}`);
  };
  const list = p.list ?? {};
  const hasList = p.list !== undefined;
  switch (def.type) {
    case 'int': return p.i !== undefined ? Number(p.i) : hasList ? bad() : 0;
    case 'float': return p.f ?? (hasList ? bad() : 0);
    case 'bool': return p.b ?? (hasList ? bad() : false);
    case 'string': return p.s !== undefined ? str(p.s) : hasList ? bad() : '';
    case 'type': return dtypeFromEnum(p.type ?? bad());
    case 'shape': return shapeFromProto(p.shape ?? { dim: [] });
    case 'tensor': return tensorFromProto(p.tensor ?? bad(), `${where} attr ${def.name}`);
    case 'list(int)': return Object.freeze((list.i ?? []).map(Number));
    case 'list(float)': return Object.freeze([...(list.f ?? [])]);
    case 'list(string)': return Object.freeze((list.s ?? []).map(str));
    case 'list(type)': return Object.freeze((list.type ?? []).map((t) => dtypeFromEnum(t)));
    case 'list(shape)': return Object.freeze((list.shape ?? []).map((s) => shapeFromProto(s)));
  }
}

/** An attr of an op we cannot run, in our form where its proto form says what it is (for display). */
export function looseAttrFromProto(p: AttrProto, where: string): AttrValue | undefined {
  if (p.s !== undefined) return str(p.s);
  if (p.i !== undefined) return Number(p.i);
  if (p.f !== undefined) return p.f;
  if (p.b !== undefined) return p.b;
  if (p.type !== undefined) {
    try {
      return dtypeFromEnum(p.type);
    } catch {
      return undefined;
    }
  }
  if (p.shape !== undefined) return shapeFromProto(p.shape);
  if (p.tensor !== undefined) {
    try {
      return tensorFromProto(p.tensor, where);
    } catch {
      return undefined;
    }
  }
  if (p.list !== undefined) {
    const l = p.list;
    if (l.s !== undefined && l.s.length > 0) return Object.freeze(l.s.map(str));
    if (l.i !== undefined && l.i.length > 0) return Object.freeze(l.i.map(Number));
    if (l.f !== undefined && l.f.length > 0) return Object.freeze([...l.f]);
    if (l.type !== undefined && l.type.length > 0) {
      try {
        return Object.freeze(l.type.map((t) => dtypeFromEnum(t)));
      } catch {
        return undefined;
      }
    }
    if (l.shape !== undefined && l.shape.length > 0) return Object.freeze(l.shape.map((s) => shapeFromProto(s)));
    return Object.freeze([] as string[]);
  }
  return undefined;
}

