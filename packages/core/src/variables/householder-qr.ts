/**
 * The Q of the reduced QR factorization of an `m × n` matrix (`m >= n`, row-major), with each
 * column multiplied by the sign of R's diagonal entry: the unique Q whose R has a positive
 * diagonal, as TensorFlow's orthogonal initializer computes it (`q *= sign(diag(r))`, so a
 * zero diagonal entry zeroes its column). Householder reflections, in float64.
 */
export function signCorrectedQ(a: Float64Array, m: number, n: number): Float64Array {
  if (m < n) throw new RangeError(`signCorrectedQ needs rows >= columns, got ${m} x ${n}`);
  const r = Float64Array.from(a);
  const vs: (Float64Array | null)[] = [];
  const diag = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    let norm = 0;
    for (let i = k; i < m; i++) norm += (r[i * n + k] as number) ** 2;
    norm = Math.sqrt(norm);
    const x0 = r[k * n + k] as number;
    const alpha = x0 >= 0 ? -norm : norm;
    const v = new Float64Array(m - k);
    for (let i = k; i < m; i++) v[i - k] = r[i * n + k] as number;
    v[0] = (v[0] as number) - alpha;
    let vnorm = 0;
    for (const x of v) vnorm += x * x;
    vnorm = Math.sqrt(vnorm);
    if (vnorm === 0) {
      vs.push(null);
      diag[k] = x0;
      continue;
    }
    for (let i = 0; i < v.length; i++) v[i] = (v[i] as number) / vnorm;
    // R[k:, k:] -= 2 v (vᵀ R[k:, k:])
    for (let j = k; j < n; j++) {
      let dot = 0;
      for (let i = k; i < m; i++) dot += (v[i - k] as number) * (r[i * n + j] as number);
      for (let i = k; i < m; i++) r[i * n + j] = (r[i * n + j] as number) - 2 * (v[i - k] as number) * dot;
    }
    vs.push(v);
    diag[k] = alpha;
  }
  // Q = H0 H1 … H(n-1) applied to the first n columns of the identity.
  const q = new Float64Array(m * n);
  for (let j = 0; j < n; j++) q[j * n + j] = 1;
  for (let k = n - 1; k >= 0; k--) {
    const v = vs[k];
    if (v === null || v === undefined) continue;
    for (let j = 0; j < n; j++) {
      let dot = 0;
      for (let i = k; i < m; i++) dot += (v[i - k] as number) * (q[i * n + j] as number);
      for (let i = k; i < m; i++) q[i * n + j] = (q[i * n + j] as number) - 2 * (v[i - k] as number) * dot;
    }
  }
  for (let j = 0; j < n; j++) {
    const s = Math.sign(diag[j] as number);
    for (let i = 0; i < m; i++) q[i * n + j] = (q[i * n + j] as number) * s;
  }
  return q;
}
