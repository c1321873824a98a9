import { PHILOX } from '@varscope/kernel-api';

/** The high 32 bits of the exact 64-bit product of two uint32s (the low half is `Math.imul`). */
function mulHi(a: number, b: number): number {
  const aLo = a & 0xffff;
  const aHi = a >>> 16;
  const bLo = b & 0xffff;
  const bHi = b >>> 16;
  const m1 = aHi * bLo + ((aLo * bLo) >>> 16);
  const m2 = aLo * bHi + (m1 & 0xffff);
  return (aHi * bHi + Math.floor(m1 / 0x10000) + Math.floor(m2 / 0x10000)) >>> 0;
}

/**
 * Philox-4x32-10 (Salmon et al. 2011) exactly as TensorFlow's PhiloxRandom computes one block:
 * ten rounds of the S-box with the key bumped by the Weyl constants between rounds.
 * `key` is [k0, k1], `counter` is [c0, c1, c2, c3]; returns the four output words.
 */
export function philox4x32(key: readonly [number, number], counter: readonly [number, number, number, number]): [number, number, number, number] {
  let c0 = counter[0] >>> 0;
  let c1 = counter[1] >>> 0;
  let c2 = counter[2] >>> 0;
  let c3 = counter[3] >>> 0;
  let k0 = key[0] >>> 0;
  let k1 = key[1] >>> 0;
  for (let round = 0; round < PHILOX.ROUNDS; round++) {
    const hi0 = mulHi(PHILOX.M0, c0);
    const lo0 = Math.imul(PHILOX.M0, c0) >>> 0;
    const hi1 = mulHi(PHILOX.M1, c2);
    const lo1 = Math.imul(PHILOX.M1, c2) >>> 0;
    c0 = (hi1 ^ c1 ^ k0) >>> 0;
    c1 = lo1;
    c2 = (hi0 ^ c3 ^ k1) >>> 0;
    c3 = lo0;
    k0 = (k0 + PHILOX.W0) >>> 0;
    k1 = (k1 + PHILOX.W1) >>> 0;
  }
  return [c0, c1, c2, c3];
}

/** The low and high 32-bit words of a 64-bit two's-complement integer given as a safe JS integer. */
export function split64(x: number): [lo: number, hi: number] {
  const v = BigInt.asUintN(64, BigInt(x));
  return [Number(v & 0xffffffffn), Number(v >> 32n)];
}

/**
 * A Philox stream for one op run: block `b` (relative to the run's offset) is the Philox output for
 * key [lo32(seed), hi32(seed)] and counter [lo32(offset + b), hi32(offset + b), lo32(seed2), hi32(seed2)].
 */
export class PhiloxStream {
  private readonly key: [number, number];
  private readonly seed2: [number, number];

  constructor(seed: number, seed2: number, private readonly offset: number) {
    this.key = split64(seed);
    this.seed2 = split64(seed2);
  }

  private lastIndex = -1;
  private last: [number, number, number, number] = [0, 0, 0, 0];

  /** The four words of block `b`; consecutive elements of one block reuse it. */
  block(b: number): readonly [number, number, number, number] {
    if (b !== this.lastIndex) {
      const index = this.offset + b;
      this.last = philox4x32(this.key, [index % 2 ** 32, Math.floor(index / 2 ** 32), this.seed2[0], this.seed2[1]]);
      this.lastIndex = b;
    }
    return this.last;
  }
}
