import type { HistogramProto } from '@varscope/checkpoint';

/**
 * TensorFlow's default histogram buckets (`histogram.cc`): limits growing by 10% from 1e-12
 * to 1e20, mirrored for negative values, with DBL_MAX as the last limit.
 */
const DEFAULT_LIMITS: readonly number[] = (() => {
  const pos: number[] = [];
  for (let v = 1e-12; v < 1e20; v *= 1.1) pos.push(v);
  pos.push(Number.MAX_VALUE);
  const neg = pos.slice(0, -1).map((x) => -x).reverse();
  return [-Number.MAX_VALUE, ...neg, 0, ...pos];
})();

/** The bucket of `v`: the first limit greater than `v` (upper bounds are exclusive, as in TensorFlow). */
function bucketOf(v: number): number {
  let lo = 0;
  let hi = DEFAULT_LIMITS.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((DEFAULT_LIMITS[mid] as number) > v) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * A `HistogramProto` of `values`. Empty buckets are left out except the one just before a
 * non-empty bucket, so every bucket's left edge (the previous limit) stays known.
 */
export function histogramOf(values: ArrayLike<number>): HistogramProto {
  const counts = new Map<number, number>();
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  let sumSquares = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    const b = bucketOf(v);
    counts.set(b, (counts.get(b) ?? 0) + 1);
    if (v < min) min = v;
    if (v > max) max = v;
    sum += v;
    sumSquares += v * v;
  }
  const limits: number[] = [];
  const buckets: number[] = [];
  for (const b of [...counts.keys()].sort((a, c) => a - c)) {
    if (b > 0 && !counts.has(b - 1) && limits[limits.length - 1] !== DEFAULT_LIMITS[b - 1]) {
      limits.push(DEFAULT_LIMITS[b - 1] as number);
      buckets.push(0);
    }
    limits.push(DEFAULT_LIMITS[b] as number);
    buckets.push(counts.get(b) as number);
  }
  return {
    min: values.length === 0 ? 0 : min,
    max: values.length === 0 ? 0 : max,
    num: values.length,
    sum,
    sumSquares,
    bucketLimit: limits,
    bucket: buckets,
  };
}
