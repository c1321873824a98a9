import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { KernelBackend } from '@varscope/kernel-api';
import type { Session } from '@varscope/core';
import type { BackendUnderTest } from './backend-under-test.js';
import { firstLine, matchesAny } from './matching.js';
import type { CaseFilter } from './matching.js';
import type { ReportRecorder } from './report/report-recorder.js';
import {
  coreScenarios, fixtureScenarios, missingKernel, placementScenarios, saverScenarios, sessionOn, trainingScenarios,
} from './scenarios/index.js';
import type { ScenarioContext, SeedScenario } from './scenarios/index.js';

export interface ScenarioSuiteOptions {
  readonly only?: CaseFilter;
  readonly skip?: CaseFilter;
  readonly expectedFailures?: CaseFilter;
  /** The folder of TensorFlow-written fixture checkpoints (§6.9). */
  readonly checkpointFixtures: string;
}

/** Thrown by `ScenarioContext.skip` and turned into vitest's skip by the runner. */
class ScenarioSkip extends Error {
  override readonly name = 'ScenarioSkip';
}

/**
 * Runs one scenario with sessions on the backend under test. Every session and scratch directory
 * it opened is closed and removed afterwards; then the backend must hold no more handles than
 * before. A scenario that needs a kernel the backend does not declare is skipped, naming it.
 */
async function runScenario(s: SeedScenario, backend: KernelBackend, reference: KernelBackend): Promise<string | null> {
  const sessions: Session[] = [];
  const dirs: string[] = [];
  const before = backend.stats().liveHandles;
  const ctx: ScenarioContext = {
    backend, reference, expect, deviceType: backend.deviceType,
    newSession(graph, config) {
      const session = sessionOn(backend, reference, graph, config);
      sessions.push(session);
      return session;
    },
    async tempDir() {
      const dir = await mkdtemp(join(tmpdir(), 'varscope-conformance-'));
      dirs.push(dir);
      return dir;
    },
    skip(reason) {
      throw new ScenarioSkip(reason);
    },
  };
  try {
    await s.run(ctx);
  } catch (e) {
    if (e instanceof ScenarioSkip) return e.message;
    const missing = missingKernel(e, backend);
    if (missing !== null) return missing;
    throw e;
  } finally {
    for (const session of sessions) await session.close();
    await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
  }
  expect(backend.stats().liveHandles, `${s.id} leaked handles`).toBe(before);
  return null;
}

/**
 * Registers the system scenarios (SEED-SCENARIOS §1–§7) end to end on sessions whose device is
 * the backend under test. A group that cannot load (no fixtures folder) shows as one skipped
 * test with the reason.
 */
export function describeScenarios(
  subject: BackendUnderTest, reference: KernelBackend, recorder: ReportRecorder, options: ScenarioSuiteOptions,
): void {
  const groups: [string, readonly SeedScenario[] | string][] = [
    ['§1–§5 variables, collections, scopes, devices', coreScenarios],
    ['§5.4 placement', placementScenarios],
    ['§6 saving and restoring', saverScenarios],
    ['§6.9 TensorFlow checkpoints', fixtureScenarios(options.checkpointFixtures)],
    ['§7 training', trainingScenarios],
  ];
  // `only` may leave a group (or everything) empty; vitest rejects an empty describe.
  const selected = groups.map(([group, scenarios]) => [group, typeof scenarios === 'string' ? scenarios
    : scenarios.filter((s) => options.only === undefined || matchesAny(s.id, options.only))] as const)
    .filter(([, scenarios]) => (typeof scenarios === 'string' ? options.only === undefined : scenarios.length > 0));
  if (selected.length === 0) return;
  describe('scenarios', () => {
    for (const [group, scenarios] of selected) {
      if (typeof scenarios === 'string') {
        recorder.record({ id: group, kind: 'scenario', group, status: 'skipped', expectedFailure: false, reason: scenarios });
        it.skip(`${group}: ${scenarios}`, () => undefined);
        continue;
      }
      describe(group, () => {
        for (const s of scenarios) {
          const name = `${s.id} ${s.title}`;
          const expectedFailure = matchesAny(s.id, options.expectedFailures);
          const base = { id: s.id, kind: 'scenario', group, expectedFailure } as const;
          if (matchesAny(s.id, options.skip)) {
            recorder.record({ ...base, status: 'skipped', reason: 'skipped by the adopter' });
            it.skip(`${name} (skipped by the adopter)`, () => undefined);
            continue;
          }
          const body = async (ctx: { skip: (note?: string) => void }) => {
            const backend = subject.backend;
            if (backend === undefined) {
              recorder.record({ ...base, status: 'skipped', reason: subject.skipReason });
              return ctx.skip(subject.skipReason);
            }
            let skipped: string | null;
            try {
              skipped = await runScenario(s, backend, reference);
            } catch (e) {
              recorder.record({ ...base, status: 'failed', reason: firstLine(e) });
              throw e;
            }
            if (skipped !== null) {
              recorder.record({ ...base, status: 'skipped', reason: skipped });
              return ctx.skip(skipped);
            }
            recorder.record({ ...base, status: 'passed' });
          };
          if (expectedFailure) it.fails(name, body);
          else it(name, body);
        }
      });
    }
  });
}
