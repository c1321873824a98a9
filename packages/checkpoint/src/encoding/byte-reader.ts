/**
 * A bounds-checked cursor over bytes for the hand-rolled decoders (SSTable
 * blocks, bundle entries). Every read checks the remaining length first, so
 * corrupt input surfaces as a {@link ByteReadError} the caller turns into a
 * `DataLossError` naming the file, never an out-of-range read or a huge
 * allocation.
 */
export class ByteReadError extends Error {
  override readonly name = 'ByteReadError';
}

export class ByteReader {
  pos: number;
  readonly end: number;

  constructor(readonly bytes: Uint8Array, start = 0, end = bytes.length) {
    this.pos = start;
    this.end = end;
  }

  get remaining(): number {
    return this.end - this.pos;
  }

  atEnd(): boolean {
    return this.pos >= this.end;
  }

  /** A varint that must fit in 32 bits (at most 5 bytes). */
  varint32(): number {
    let result = 0;
    for (let shift = 0; shift <= 28; shift += 7) {
      if (this.pos >= this.end) throw new ByteReadError('truncated varint');
      const b = this.bytes[this.pos++] as number;
      if (shift === 28 && b > 0x0f) throw new ByteReadError('varint32 overflows 32 bits');
      result |= (b & 0x7f) << shift;
      if ((b & 0x80) === 0) return result >>> 0;
    }
    throw new ByteReadError('varint32 longer than 5 bytes');
  }

  /** A varint up to 64 bits, as a bigint. */
  varint64(): bigint {
    let lo = 0;
    let hi = 0;
    for (let i = 0; i < 10; i++) {
      if (this.pos >= this.end) throw new ByteReadError('truncated varint');
      const b = this.bytes[this.pos++] as number;
      if (i < 4) lo |= (b & 0x7f) << (7 * i);
      else if (i === 4) {
        lo |= (b & 0x0f) << 28;
        hi |= (b & 0x7f) >>> 4;
      } else {
        if (i === 9 && b > 1) throw new ByteReadError('varint64 overflows 64 bits');
        hi |= (b & 0x7f) << (7 * i - 32);
      }
      if ((b & 0x80) === 0) return (BigInt(hi >>> 0) << 32n) | BigInt(lo >>> 0);
    }
    throw new ByteReadError('varint64 longer than 10 bytes');
  }

  /** A varint64 that must be a non-negative safe integer (offsets, sizes, dims). */
  varintSafe(what: string): number {
    const v = this.varint64();
    if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw new ByteReadError(`${what} ${v} is out of range`);
    return Number(v);
  }

  fixed32(): number {
    if (this.remaining < 4) throw new ByteReadError('truncated fixed32');
    const b = this.bytes;
    const p = this.pos;
    this.pos += 4;
    return ((b[p] as number) | ((b[p + 1] as number) << 8) | ((b[p + 2] as number) << 16)
      | ((b[p + 3] as number) << 24)) >>> 0;
  }

  fixed64(): bigint {
    const lo = this.fixed32();
    const hi = this.fixed32();
    return (BigInt(hi) << 32n) | BigInt(lo);
  }

  /** A view (no copy) of the next `n` bytes. */
  take(n: number): Uint8Array {
    if (n < 0 || n > this.remaining) throw new ByteReadError(`length ${n} exceeds the ${this.remaining} bytes left`);
    const out = this.bytes.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }

  skip(n: number): void {
    this.take(n);
  }
}
