// Scalar semantics shared by several kernels, following TensorFlow's CPU functors
// (cwise_ops.h) and C's behaviour where TensorFlow inherits it.

/** C's pow: unlike JS Math.pow, pow(1, y) and pow(x, ±0) are 1 for every y, and pow(-1, ±∞) is 1. */
export function powLikeC(x: number, y: number): number {
  if (x === 1 || y === 0) return 1;
  if (x === -1 && (y === Infinity || y === -Infinity)) return 1;
  return Math.pow(x, y);
}

/** Round half to even (numpy's and TensorFlow's `round`), keeping the sign of zero. */
export function roundHalfToEven(x: number): number {
  if (!Number.isFinite(x)) return x;
  const f = Math.floor(x);
  const d = x - f; // exact for every double
  let r: number;
  if (d < 0.5) r = f;
  else if (d > 0.5) r = f + 1;
  else r = f % 2 === 0 ? f : f + 1;
  return r === 0 && (x < 0 || Object.is(x, -0)) ? -0 : r;
}

/** Python's floor modulo for floats: fmod, shifted by y when the signs differ (TF's google_floor_fmod). */
export function floorModFloat(x: number, y: number): number {
  const t = x % y;
  return t !== 0 && (y < 0) !== (t < 0) ? t + y : t;
}

/** Integer x**y by repeated squaring with wrap-around (y ≥ 0), as Eigen's integer pow. */
export function intPow(x: number, y: number, wrap: (v: number) => number): number {
  let result = 1;
  let base = wrap(x);
  let e = y;
  while (e > 0) {
    if (e & 1) result = wrap(Math.imul(result, base));
    base = wrap(Math.imul(base, base));
    e = Math.floor(e / 2);
  }
  return result;
}

export function bigintPow(x: bigint, y: bigint, wrap: (v: bigint) => bigint): bigint {
  let result = 1n;
  let base = wrap(x);
  let e = y;
  while (e > 0n) {
    if (e & 1n) result = wrap(result * base);
    base = wrap(base * base);
    e >>= 1n;
  }
  return result;
}

/** Floor division of bigints (BigInt `/` truncates). */
export function bigintFloorDiv(x: bigint, y: bigint): bigint {
  const q = x / y;
  return x % y !== 0n && (x < 0n) !== (y < 0n) ? q - 1n : q;
}

export function bigintFloorMod(x: bigint, y: bigint): bigint {
  const t = x % y;
  return t !== 0n && (y < 0n) !== (t < 0n) ? t + y : t;
}

/** max/min with NaN propagation (Eigen's PropagateNaN), otherwise `a < b ? b : a` as Eigen writes it. */
export const maxPropagateNaN = (a: number, b: number): number => (Number.isNaN(a) || Number.isNaN(b) ? NaN : a < b ? b : a);
export const minPropagateNaN = (a: number, b: number): number => (Number.isNaN(a) || Number.isNaN(b) ? NaN : b < a ? b : a);

export const sign = (x: number): number => (Number.isNaN(x) ? x : x > 0 ? 1 : x < 0 ? -1 : 0);
