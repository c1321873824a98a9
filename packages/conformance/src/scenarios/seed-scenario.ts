import type { KernelBackend } from '@varscope/kernel-api';
import type { Graph, Session, SessionConfig } from '@varscope/core';
import type { expect as vitestExpect } from 'vitest';

/**
 * What a system scenario gets from the suite: sessions whose device is the backend under test,
 * vitest's `expect`, and a scratch directory. A superset of core's own scenario context, so
 * core's seed scenarios run here unchanged.
 */
export interface ScenarioContext {
  /** A session on `graph` whose CPU (or, for a GPU backend, GPU) device is the backend under test. */
  newSession(graph: Graph, config?: SessionConfig): Session;
  expect: typeof vitestExpect;
  /** The backend under test (initialized). */
  readonly backend: KernelBackend;
  /** The reference backend, the oracle a scenario may compare a whole session's results with. */
  readonly reference: KernelBackend;
  /** The device type the backend serves; a scenario builds under `/device:<type>:0` to pin ops to it. */
  readonly deviceType: 'CPU' | 'GPU';
  /** A fresh directory for files the scenario writes; removed after it. */
  tempDir(): Promise<string>;
  /** Ends the scenario as skipped with `reason` (a capability it needs is missing). */
  skip(reason: string): never;
}

/** One behaviour from SEED-SCENARIOS.md, runnable end to end on any backend. */
export interface SeedScenario {
  /** The section number in SEED-SCENARIOS.md, e.g. `6.2`, optionally with a suffix (`6.9/tf1-adam-cnn/float32`). */
  readonly id: string;
  readonly title: string;
  readonly run: (ctx: ScenarioContext) => Promise<void>;
}
