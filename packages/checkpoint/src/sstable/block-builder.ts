import { ByteWriter } from '../encoding/byte-writer.js';

/** Builds one block: prefix-compressed entries, then the restart array and its count. */
export class BlockBuilder {
  private readonly out = new ByteWriter(4096);
  private restarts: number[] = [0];
  private counter = 0;
  private lastKey: Uint8Array = new Uint8Array(0);
  private entries = 0;

  constructor(private readonly restartInterval: number) {}

  get empty(): boolean {
    return this.entries === 0;
  }

  /** TensorFlow's estimate: entry bytes + restart array + count. */
  currentSizeEstimate(): number {
    return this.out.length + 4 * this.restarts.length + 4;
  }

  add(key: Uint8Array, value: Uint8Array): void {
    let shared = 0;
    if (this.counter < this.restartInterval) {
      const n = Math.min(this.lastKey.length, key.length);
      while (shared < n && this.lastKey[shared] === key[shared]) shared++;
    } else {
      this.restarts.push(this.out.length);
      this.counter = 0;
    }
    this.out.varint(shared).varint(key.length - shared).varint(value.length);
    this.out.bytes(key.subarray(shared)).bytes(value);
    this.lastKey = key;
    this.counter++;
    this.entries++;
  }

  /** The finished block contents; the builder is reset. */
  finish(): Uint8Array {
    for (const r of this.restarts) this.out.fixed32(r);
    this.out.fixed32(this.restarts.length);
    const bytes = this.out.finish();
    this.out.reset();
    this.restarts = [0];
    this.counter = 0;
    this.lastKey = new Uint8Array(0);
    this.entries = 0;
    return bytes;
  }
}
