import type { TensorData } from '@varscope/kernel-api';

/** Differences beyond |a - b| <= atol + rtol·|b| (NaN matches NaN), as "index: got vs want" lines. */
export function mismatches(got: TensorData, want: TensorData, rtol: number, atol: number, limit = 5): string[] {
  const g = got as unknown as ArrayLike<number | bigint>;
  const w = want as unknown as ArrayLike<number | bigint>;
  if (g.length !== w.length) return [`length ${g.length} vs ${w.length}`];
  const out: string[] = [];
  for (let i = 0; i < g.length && out.length < limit; i++) {
    const a = Number(g[i]), b = Number(w[i]);
    if (Number.isNaN(a) && Number.isNaN(b)) continue;
    if (a === b) continue;
    if (Math.abs(a - b) <= atol + rtol * Math.abs(b)) continue;
    out.push(`[${i}]: got ${a}, want ${b}`);
  }
  return out;
}
