import type { DType, TensorData, ToleranceClass } from '@varscope/kernel-api';
import type { ToleranceKind } from './cases/kernel-case.js';

function halfToFloat(h: number): number {
  const s = h & 0x8000 ? -1 : 1;
  const e = (h >> 10) & 0x1f;
  const m = h & 0x3ff;
  if (e === 0) return s * m * 2 ** -24;
  if (e === 0x1f) return m ? Number.NaN : s * Infinity;
  return s * (1 + m / 1024) * 2 ** (e - 15);
}

/** Elements as numbers (bigints stay bigints; float16/bfloat16 decoded). */
function elements(dtype: DType, data: TensorData): (number | bigint | string)[] {
  const arr = Array.from(data as ArrayLike<number | bigint | string>);
  if (dtype === 'float16') return arr.map((h) => halfToFloat(Number(h)));
  if (dtype === 'bfloat16') return arr.map((h) => new Float32Array(new Uint32Array([Number(h) << 16]).buffer)[0] as number);
  return arr;
}

function relTol(dtype: DType, tol: ToleranceClass): number {
  if (dtype === 'float64' || dtype === 'complex128') return tol.float64;
  if (dtype === 'float16') return Math.max(tol.float32, 1e-3);
  if (dtype === 'bfloat16') return Math.max(tol.float32, 8e-3);
  return tol.float32;
}

/**
 * Compares `actual` with `expected`; returns null when they agree, else a description of the
 * first mismatches (index, both values) for the test failure message.
 */
export function compareTensors(
  dtype: DType, actual: TensorData, expected: TensorData, kind: ToleranceKind, tol: ToleranceClass,
): string | null {
  const a = elements(dtype, actual);
  const e = elements(dtype, expected);
  if (a.length !== e.length) return `length ${a.length} != expected ${e.length}`;
  let rtol = kind === 'exact' ? 0 : relTol(dtype, tol) * (kind === 'accumulation' ? 10 : 1);
  let scale = 1;
  if (kind === 'accumulation') {
    for (const v of e) if (typeof v === 'number' && Number.isFinite(v)) scale = Math.max(scale, Math.abs(v));
  }
  if (dtype === 'bool' || dtype.startsWith('int') || dtype.startsWith('uint')) rtol = 0;
  const bad: string[] = [];
  for (let i = 0; i < a.length && bad.length < 5; i++) {
    const x = a[i];
    const y = e[i];
    if (typeof x === 'number' && typeof y === 'number') {
      if (Number.isNaN(y) ? Number.isNaN(x) : x === y) continue;
      if (!Number.isFinite(y) || !Number.isFinite(x)) { bad.push(`[${i}] ${x} != ${y}`); continue; }
      if (Math.abs(x - y) <= rtol * (Math.abs(y) + scale)) continue;
      bad.push(`[${i}] ${x} != ${y} (|diff| ${Math.abs(x - y).toExponential(2)}, rtol ${rtol})`);
    } else if (x !== y) {
      bad.push(`[${i}] ${String(x)} != ${String(y)}`);
    }
  }
  return bad.length === 0 ? null : bad.join('; ');
}
