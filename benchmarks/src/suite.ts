/** One row of a benchmark report. */
export interface BenchResult {
  /** Group for the table and chart, e.g. `matmul`, `graph-construction`. */
  readonly group: string;
  /** What was measured, e.g. `n=512`. */
  readonly case: string;
  /** Who ran it: a varscope backend or a peer (`tfjs-wasm`). */
  readonly runner: string;
  /** Median over the timed runs. */
  readonly medianMs: number;
  /** A throughput figure where one makes sense. */
  readonly value?: number;
  readonly unit?: 'GFLOP/s' | 'GB/s' | 'µs/op' | 'µs/var' | 'ops/s' | 'steps/s' | 'MB';
  readonly notes?: string;
}

/** Options every suite receives. */
export interface BenchOptions {
  /** Smoke mode: tiny sizes, one run; checks the runners work, not the speed. */
  readonly quick: boolean;
}

/** A benchmark suite: a file in `src/suites/` whose default export is this. */
export interface BenchSuite {
  readonly name: string;
  run(options: BenchOptions): Promise<BenchResult[]>;
}

/** Runs `fn` `warmup` times, then `runs` times, and returns the median wall time in ms. */
export async function medianTime(fn: () => unknown | Promise<unknown>, runs: number, warmup = 1): Promise<number> {
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] as number;
}
