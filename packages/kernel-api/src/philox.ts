/**
 * Random numbers: Philox-4x32-10, the generator TensorFlow uses, with a layout that every
 * backend reproduces exactly so that the same seeds give the same numbers everywhere.
 *
 * Key and counter (as in TensorFlow's `PhiloxRandom(seed, seed2)`):
 *   key     = [lo32(seed), hi32(seed)]
 *   counter = [lo32(block), hi32(block), lo32(seed2), hi32(seed2)]
 * where `block` is a 64-bit block index. One Philox call on a counter gives four uint32 words.
 * A stateful random op owns a running block offset (`PhiloxState.offset`), kept per session
 * by core and advanced after every run by `philoxBlocksUsed`.
 *
 * Element layout for an output of `n` elements starting at block `b0 = offset`:
 * - uniform float32 / float16 / bfloat16 / int32-range ints: element i uses word (i % 4) of block b0 + ⌊i/4⌋.
 *   float32: f = bitcast((127 << 23) | (w & 0x7fffff)) - 1   ∈ [0, 1)
 *   scaled as minval + f * (maxval - minval) (in the output dtype's precision).
 *   RandomUniformInt: minval + (w mod (maxval - minval)), computed in uint32.
 * - uniform float64: element i uses words (2k, 2k+1), k = i % 2, of block b0 + ⌊i/2⌋:
 *   d = bitcast(0x3ff << 52 | (hi20(w[2k]) << 32) | w[2k+1]) - 1 where hi20 = w[2k] & 0xfffff.
 * - normal float32: element i uses block b0 + ⌊i/4⌋; Box–Muller on the pairs (w0, w1) and (w2, w3):
 *   u1 = max(f(wa), 1e-7), v = 2π·f(wb), r = sqrt(-2 ln u1), z_a = r·sin(v), z_b = r·cos(v);
 *   element i takes z number (i % 4) of [z0, z1, z2, z3]. Computed in float64, rounded to float32.
 * - normal float64: element i uses block b0 + ⌊i/2⌋; one Box–Muller on the two float64 uniforms
 *   built from (w0,w1) and (w2,w3) (u1 floored at 1e-16); element takes z number (i % 2).
 * - truncated normal: element i tries rounds r = 0, 1, …, TRUNCATED_NORMAL_MAX_ROUNDS - 1; round r
 *   uses the four normals of block b0 + r·n + i (float64 output: the two normals of that block)
 *   and the element is the first of them with |z| < 2. If no round succeeds, the element is 0.
 * Normals are then `mean + stddev * z`.
 *
 * Further precisions, binding on every backend:
 * - Seeds are int64 values given as safe JS integers; lo32/hi32 are the halves of their
 *   two's-complement 64-bit representation.
 * - float16/bfloat16 uniforms take the low 10 (float16) or 7 (bfloat16) bits of the word as the
 *   mantissa of a value in [1, 2), then subtract 1 (TensorFlow's `Uint16ToHalf`).
 * - float16/bfloat16 normals use the float32 layout and are rounded (to nearest even) on store.
 * - Truncated normals test |z| < 2 on the float32-rounded value for 32- and 16-bit floats, on the
 *   double for float64.
 * - RandomUniformInt for int64: element i uses words (2k, 2k+1), k = i % 2, of block ⌊i/2⌋;
 *   the 64 random bits are `w[2k] | w[2k+1] << 32`, reduced modulo (maxval - minval) in uint64.
 * - The 1e-7 and 1e-16 floors of u1 are float64 constants.
 */
export interface PhiloxState {
  /** The op's `seed` attr after graph-level seeding (never both zero). */
  readonly seed: number;
  /** The op's `seed2` attr after graph-level seeding. */
  readonly seed2: number;
  /** First 64-bit block index this run may use. */
  readonly offset: number;
}

export const TRUNCATED_NORMAL_MAX_ROUNDS = 16;

/** Philox-4x32 constants (Salmon et al. 2011; TensorFlow philox_random.h). */
export const PHILOX = Object.freeze({
  M0: 0xd2511f53,
  M1: 0xcd9e8d57,
  W0: 0x9e3779b9,
  W1: 0xbb67ae85,
  ROUNDS: 10,
});

/** How many blocks one run of a random op with `n` output elements consumes. */
export function philoxBlocksUsed(op: string, dtype: string, n: number): number {
  const perBlock = dtype === 'float64' || dtype === 'int64' ? 2 : 4;
  if (op === 'TruncatedNormal') return TRUNCATED_NORMAL_MAX_ROUNDS * n;
  return Math.ceil(n / perBlock);
}
