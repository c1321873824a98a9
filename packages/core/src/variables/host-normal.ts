import { PHILOX } from '@varscope/kernel-api';
import type { DType } from '@varscope/kernel-api';

/**
 * Standard normals computed on the host with kernel-api's Philox layout (`philox.ts`): exactly
 * the values a `RandomStandardNormal` op with attrs `(seed, seed2)` yields on its first run. Used
 * by initializers whose value TensorFlow derives with ops varscope's kernels do not have (the
 * QR factorization of the orthogonal initializer).
 */
export function hostStandardNormals(n: number, dtype: DType, seed: number, seed2: number): Float64Array {
  const out = new Float64Array(n);
  const key = split64(seed);
  const s2 = split64(seed2);
  const perBlock = dtype === 'float64' ? 2 : 4;
  for (let b = 0; b * perBlock < n; b++) {
    const [lo, hi] = split64(b);
    const w = philox4x32(key[0], key[1], lo, hi, s2[0], s2[1]);
    const z = dtype === 'float64'
      ? boxMuller(uniform64(w[0], w[1]), uniform64(w[2], w[3]), 1e-16)
      : [...boxMuller(uniform32(w[0]), uniform32(w[1]), 1e-7), ...boxMuller(uniform32(w[2]), uniform32(w[3]), 1e-7)];
    for (let k = 0; k < perBlock && b * perBlock + k < n; k++) out[b * perBlock + k] = z[k] as number;
  }
  return out;
}

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/** A float32 in [0, 1) from 23 random mantissa bits. */
function uniform32(w: number): number {
  u32[0] = (127 << 23) | (w & 0x7fffff);
  return (f32[0] as number) - 1;
}

/** A float64 in [0, 1) from 52 mantissa bits (20 of `w0`, 32 of `w1`). */
function uniform64(w0: number, w1: number): number {
  return ((w0 & 0xfffff) * 2 ** 32 + w1) / 2 ** 52;
}

function boxMuller(u: number, w: number, floor: number): [number, number] {
  const r = Math.sqrt(-2 * Math.log(Math.max(u, floor)));
  const v = 2 * Math.PI * w;
  return [r * Math.sin(v), r * Math.cos(v)];
}

function split64(x: number): [number, number] {
  const v = BigInt.asUintN(64, BigInt(x));
  return [Number(v & 0xffffffffn), Number(v >> 32n)];
}

/** High and low words of the exact 64-bit product of two uint32s. */
function mulHiLo(a: number, b: number): [number, number] {
  const p = BigInt(a) * BigInt(b);
  return [Number(p >> 32n), Number(p & 0xffffffffn)];
}

/** One Philox-4x32-10 block (TensorFlow's `PhiloxRandom`). */
function philox4x32(k0: number, k1: number, c0: number, c1: number, c2: number, c3: number): [number, number, number, number] {
  for (let round = 0; round < PHILOX.ROUNDS; round++) {
    const [hi0, lo0] = mulHiLo(PHILOX.M0, c0);
    const [hi1, lo1] = mulHiLo(PHILOX.M1, c2);
    [c0, c1, c2, c3] = [(hi1 ^ c1 ^ k0) >>> 0, lo1, (hi0 ^ c3 ^ k1) >>> 0, lo0];
    k0 = (k0 + PHILOX.W0) >>> 0;
    k1 = (k1 + PHILOX.W1) >>> 0;
  }
  return [c0, c1, c2, c3];
}
