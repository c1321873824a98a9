// Numerical gradient checking: central differences in float64 on the reference backend,
// compared with the symbolic gradients that `gradients()` builds.
import { createReferenceBackend } from '@varscope/backend-reference';
import { Graph } from '../../src/graph/index.js';
import type { Tensor } from '../../src/graph/index.js';
import { gradients } from '../../src/gradients/index.js';
import { mul, placeholder, reduceSum } from '../../src/ops/index.js';
import { Session } from '../../src/session/index.js';
import { NDArray } from '../../src/dtypes/index.js';

/** One differentiable input: its shape and values (default: seeded values in [-1, 1)). */
export interface CheckInput {
  readonly shape: readonly number[];
  readonly values?: readonly number[];
}

export interface GradientCheckResult {
  /** The largest |numerical - symbolic| over every input element. */
  readonly maxError: number;
  readonly symbolic: number[][];
  readonly numerical: number[][];
  /** The graph, for checks on the ops the gradient built. */
  readonly graph: Graph;
}

/** A small deterministic generator (mulberry32), so failures reproduce. */
export function seededValues(n: number, seed: number, lo = -1, hi = 1): number[] {
  let a = seed >>> 0;
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    const u = ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    out.push(lo + (hi - lo) * u);
  }
  return out;
}

const size = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);

/**
 * Builds `y = build(xs)` from float64 placeholders, then the scalar `loss = sum(y · w)` with
 * fixed pseudo-random weights `w` (so every output element matters, each differently), and
 * compares `gradients(loss, xs)` with central differences of `loss` (step `delta`).
 */
export async function checkGradient(build: (xs: Tensor[]) => Tensor, inputs: readonly CheckInput[],
  options: { delta?: number; seed?: number } = {}): Promise<GradientCheckResult> {
  const delta = options.delta ?? 1e-6;
  const seed = options.seed ?? 7;
  const graph = new Graph();
  const { xs, y, w, loss, grads } = graph.asDefault(() => {
    const xs = inputs.map((inp, i) => placeholder('float64', [...inp.shape], { name: `x${i}` }));
    const y = build(xs);
    const w = placeholder('float64', null, { name: 'w' });
    const loss = reduceSum(mul(y, w));
    const grads = gradients(loss, xs);
    return { xs, y, w, loss, grads };
  });
  const values = inputs.map((inp, i) => [...(inp.values ?? seededValues(size(inp.shape), seed + i))]);
  const session = new Session({ graph, devices: { CPU: createReferenceBackend() } });
  await session.init();
  try {
    const feedsFor = (vals: number[][], wv?: NDArray) => {
      const feeds = new Map<Tensor, unknown>();
      xs.forEach((x, i) => feeds.set(x, NDArray.from(Float64Array.from(vals[i] as number[]), [...(inputs[i] as CheckInput).shape])));
      if (wv !== undefined) feeds.set(w, wv);
      return feeds;
    };
    const yValue = session.runSync(y, feedsFor(values) as never) as NDArray;
    const wv = NDArray.from(Float64Array.from(seededValues(yValue.size, seed + 100)), [...yValue.shape]);
    const symbolic = grads.map((g, i) => {
      if (g === null) return new Array<number>(values[i]?.length ?? 0).fill(0);
      const r = session.runSync(g, feedsFor(values, wv) as never) as NDArray;
      return Array.from(r.data as Float64Array);
    });
    const lossAt = (vals: number[][]) => Number((session.runSync(loss, feedsFor(vals, wv) as never) as NDArray).data[0]);
    const numerical = values.map((vs, i) => vs.map((_v, j) => {
      const plus = values.map((a) => [...a]);
      const minus = values.map((a) => [...a]);
      (plus[i] as number[])[j] = (vs[j] as number) + delta;
      (minus[i] as number[])[j] = (vs[j] as number) - delta;
      return (lossAt(plus) - lossAt(minus)) / (2 * delta);
    }));
    let maxError = 0;
    numerical.forEach((row, i) => row.forEach((n, j) => {
      maxError = Math.max(maxError, Math.abs(n - ((symbolic[i] as number[])[j] as number)));
    }));
    return { maxError, symbolic, numerical, graph };
  } finally {
    await session.close();
  }
}
