import { TRUNCATED_NORMAL_MAX_ROUNDS } from '@varscope/kernel-api';
import type { DType } from '@varscope/kernel-api';
import { bfloat16BitsToNumber, float32FromBits, halfBitsToNumber } from '../dtype/half.js';
import type { PhiloxStream } from './philox4x32.js';

// Element layouts of kernel-api's philox.ts. Where that document leaves a dtype open, the choice
// made here is marked "(layout choice)".

/** [1, 2) from 23 random mantissa bits, minus 1: a float32 in [0, 1). */
export const uniformFloat32 = (w: number): number => float32FromBits((127 << 23) | (w & 0x7fffff)) - 1;

/** (layout choice) float16: [1, 2) from the low 10 bits, minus 1 (TensorFlow's Uint16ToHalf). */
export const uniformHalf = (w: number): number => halfBitsToNumber((15 << 10) | (w & 0x3ff)) - 1;

/** (layout choice) bfloat16: [1, 2) from the low 7 bits, minus 1 (TensorFlow's Uint16ToGfloat16). */
export const uniformBfloat16 = (w: number): number => bfloat16BitsToNumber((127 << 7) | (w & 0x7f)) - 1;

/** [1, 2) from 52 mantissa bits (20 from `w0`, 32 from `w1`), minus 1: exact in a double. */
export const uniformFloat64 = (w0: number, w1: number): number => ((w0 & 0xfffff) * 2 ** 32 + w1) / 2 ** 52;

/** Box–Muller on two uniforms: [r·sin v, r·cos v] with u1 floored at `floor`. */
function boxMuller(u: number, w: number, floor: number): [number, number] {
  const r = Math.sqrt(-2 * Math.log(Math.max(u, floor)));
  const v = 2 * Math.PI * w;
  return [r * Math.sin(v), r * Math.cos(v)];
}

/** The four float32-layout normals of one block (float64 values, rounded by the caller's store). */
export function normals32(block: readonly number[]): number[] {
  const [w0, w1, w2, w3] = block as [number, number, number, number];
  return [...boxMuller(uniformFloat32(w0), uniformFloat32(w1), 1e-7), ...boxMuller(uniformFloat32(w2), uniformFloat32(w3), 1e-7)];
}

/** The two float64 normals of one block. */
export function normals64(block: readonly number[]): number[] {
  const [w0, w1, w2, w3] = block as [number, number, number, number];
  return boxMuller(uniformFloat64(w0, w1), uniformFloat64(w2, w3), 1e-16);
}

/** `n` uniform values in [0, 1) for a float dtype. */
export function uniformValues(stream: PhiloxStream, dtype: DType, n: number): number[] {
  const out: number[] = new Array<number>(n);
  if (dtype === 'float64') {
    for (let i = 0; i < n; i++) {
      const b = stream.block(Math.floor(i / 2));
      const k = i % 2;
      out[i] = uniformFloat64(b[2 * k] as number, b[2 * k + 1] as number);
    }
    return out;
  }
  const f = dtype === 'float16' ? uniformHalf : dtype === 'bfloat16' ? uniformBfloat16 : uniformFloat32;
  for (let i = 0; i < n; i++) out[i] = f(stream.block(Math.floor(i / 4))[i % 4] as number);
  return out;
}

/**
 * `n` standard normals. float32 and (layout choice) float16/bfloat16 use the float32 layout; the
 * value is rounded to the dtype when stored.
 */
export function normalValues(stream: PhiloxStream, dtype: DType, n: number): number[] {
  const out: number[] = new Array<number>(n);
  const perBlock = dtype === 'float64' ? 2 : 4;
  const gen = dtype === 'float64' ? normals64 : normals32;
  for (let i = 0; i < n; i++) out[i] = gen(stream.block(Math.floor(i / perBlock)))[i % perBlock] as number;
  return out;
}

/**
 * `n` truncated normals: element i takes, over rounds r, the first normal of block r·n + i with
 * |z| < 2, or 0 after TRUNCATED_NORMAL_MAX_ROUNDS rounds. (layout choice) The bound is tested on
 * the value rounded to float32 for float32/float16/bfloat16 (TensorFlow tests the float before
 * narrowing to half), and on the double for float64.
 */
export function truncatedNormalValues(stream: PhiloxStream, dtype: DType, n: number): number[] {
  const out: number[] = new Array<number>(n).fill(0);
  const gen = dtype === 'float64' ? normals64 : normals32;
  const asTested = dtype === 'float64' ? (z: number) => z : Math.fround;
  for (let i = 0; i < n; i++) {
    search: for (let r = 0; r < TRUNCATED_NORMAL_MAX_ROUNDS; r++) {
      for (const z of gen(stream.block(r * n + i))) {
        if (Math.abs(asTested(z)) < 2) {
          out[i] = z;
          break search;
        }
      }
    }
  }
  return out;
}
