import { ByteReadError } from '../encoding/byte-reader.js';
import { ByteWriter } from '../encoding/byte-writer.js';
import { encodeUtf8 } from '../sstable/bytes.js';
import type { TensorSlice } from './bundle-entry.js';

/**
 * TensorFlow's OrderedCode key encoding, used for the keys of partitioned
 * tensor slices (V2) and of every V1 slice: `num(0) ‖ string(name) ‖
 * num(rank) ‖ per dim signed(start) ‖ signed(length or -1)`.
 */

export function writeNumIncreasing(w: ByteWriter, value: bigint | number): void {
  let v = BigInt(value);
  if (v < 0n) throw new RangeError('num_increasing takes a non-negative value');
  const bytes: number[] = [];
  while (v > 0n) {
    bytes.unshift(Number(v & 0xffn));
    v >>= 8n;
  }
  w.byte(bytes.length);
  for (const b of bytes) w.byte(b);
}

export function writeString(w: ByteWriter, s: Uint8Array): void {
  for (const b of s) {
    if (b === 0x00) w.byte(0x00).byte(0xff);
    else if (b === 0xff) w.byte(0xff).byte(0x00);
    else w.byte(b);
  }
  w.byte(0x00).byte(0x01);
}

/** Self-delimiting signed encoding: length in unary header bits, then the value big-endian. */
export function writeSignedNumIncreasing(w: ByteWriter, value: bigint | number): void {
  const v = BigInt(value);
  const negative = v < 0n;
  const x = negative ? ~v : v;
  let len = 1;
  while (len < 10 && x >= 1n << BigInt(7 * len - 1)) len++;
  const bytes = new Uint8Array(len);
  let t = x;
  for (let i = len - 1; i >= 0; i--) {
    bytes[i] = Number(t & 0xffn);
    t >>= 8n;
  }
  // Header: `len` one-bits then a zero bit (x < 2^(7·len-1) leaves that bit clear), over the first two bytes.
  for (let bit = 0; bit < len; bit++) bytes[bit >> 3] = (bytes[bit >> 3] as number) | (0x80 >> (bit & 7));
  if (negative) for (let i = 0; i < len; i++) bytes[i] = ~(bytes[i] as number) & 0xff;
  w.bytes(bytes);
}

export class OrderedCodeReader {
  pos = 0;
  constructor(private readonly bytes: Uint8Array) {}

  atEnd(): boolean {
    return this.pos >= this.bytes.length;
  }

  private next(): number {
    if (this.pos >= this.bytes.length) throw new ByteReadError('truncated ordered-code key');
    return this.bytes[this.pos++] as number;
  }

  numIncreasing(): bigint {
    const len = this.next();
    if (len > 8) throw new ByteReadError(`bad ordered-code number length ${len}`);
    let v = 0n;
    for (let i = 0; i < len; i++) v = (v << 8n) | BigInt(this.next());
    return v;
  }

  string(): Uint8Array {
    const out: number[] = [];
    for (;;) {
      const b = this.next();
      if (b === 0x00) {
        const c = this.next();
        if (c === 0x01) return new Uint8Array(out);
        if (c !== 0xff) throw new ByteReadError('bad escape in ordered-code string');
        out.push(0x00);
      } else if (b === 0xff) {
        if (this.next() !== 0x00) throw new ByteReadError('bad escape in ordered-code string');
        out.push(0xff);
      } else out.push(b);
    }
  }

  signedNumIncreasing(): bigint {
    if (this.pos >= this.bytes.length) throw new ByteReadError('truncated ordered-code key');
    const first = this.bytes[this.pos] as number;
    const negative = (first & 0x80) === 0;
    const flip = (b: number): number => (negative ? ~b & 0xff : b);
    let len = 0;
    const b0 = flip(first);
    while (len < 8 && (b0 & (0x80 >> len)) !== 0) len++;
    if (len === 8) {
      if (this.pos + 1 >= this.bytes.length) throw new ByteReadError('truncated ordered-code key');
      const b1 = flip(this.bytes[this.pos + 1] as number);
      while (len < 10 && (b1 & (0x80 >> (len - 8))) !== 0) len++;
      if (len === 10 && (b1 & 0x20) !== 0) throw new ByteReadError('bad ordered-code signed number');
    }
    if (len === 0) throw new ByteReadError('bad ordered-code signed number');
    let m = 0n;
    for (let i = 0; i < len; i++) m = (m << 8n) | BigInt(flip(this.next()));
    m &= (1n << BigInt(7 * len - 1)) - 1n;
    return negative ? ~m : m;
  }
}

/** The key a partitioned tensor's slice is stored under. */
export function encodeSliceKey(name: string | Uint8Array, slice: TensorSlice): Uint8Array {
  const w = new ByteWriter(64);
  writeNumIncreasing(w, 0);
  writeString(w, typeof name === 'string' ? encodeUtf8(name) : name);
  writeNumIncreasing(w, slice.length);
  for (const e of slice) {
    writeSignedNumIncreasing(w, e.start);
    writeSignedNumIncreasing(w, e.length ?? -1);
  }
  return w.finish();
}

/** Decodes a slice key back into the tensor name and the slice. */
export function decodeSliceKey(key: Uint8Array): { name: Uint8Array; slice: TensorSlice } {
  const r = new OrderedCodeReader(key);
  if (r.numIncreasing() !== 0n) throw new ByteReadError('slice key does not start with 0');
  const name = r.string();
  const rank = r.numIncreasing();
  if (rank > 64n) throw new ByteReadError(`slice key rank ${rank} is implausible`);
  const slice: { start: number; length?: number }[] = [];
  for (let i = 0; i < Number(rank); i++) {
    const start = Number(r.signedNumIncreasing());
    const length = Number(r.signedNumIncreasing());
    slice.push(length === -1 ? { start } : { start, length });
  }
  if (!r.atEnd()) throw new ByteReadError('trailing bytes in slice key');
  return { name, slice };
}
