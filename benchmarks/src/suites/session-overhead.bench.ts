// Session overhead: a 3-op graph (read a variable, multiply, add) on 4 floats, run many times per
// backend, so that what is measured is the session's own cost per run and per op — planning
// cache lookup, placement, transfers, liveness, promise plumbing — not arithmetic. `runSync` is
// measured too where every backend in the plan is synchronous.
import { Graph, Session, Variable, add, device, globalVariablesInitializer, mul } from '@varscope/core';
import type { Tensor } from '@varscope/core';
import type { KernelBackend } from '@varscope/kernel-api';
import { BackendUnavailableError } from '@varscope/kernel-api';
import { createReferenceBackend } from '@varscope/backend-reference';
import { createWasmBackend } from '@varscope/backend-wasm';
import { createCudaBackend } from '@varscope/backend-cuda';
import { createTfjsBackend } from '@varscope/backend-tfjs';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { BenchResult, BenchSuite } from '../suite.js';
import { medianTime } from '../suite.js';

const OPS_PER_RUN = 3;

/** The heap in use after a full collection (V8's gc, reached without a command-line flag), to see growth across runs. */
function heapAfterGc(): number {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
  return process.memoryUsage().heapUsed;
}

/** The backends to compare, created lazily: tfjs keeps one global engine, so each is started in turn. */
const BACKENDS: readonly [string, () => KernelBackend][] = [
  ['reference', () => createReferenceBackend()],
  ['varscope-wasm', () => createWasmBackend()],
  ['varscope-cuda', () => createCudaBackend()],
  ['tfjs-cpu (adapter)', () => createTfjsBackend({ engine: 'cpu' })],
  ['tfjs-wasm (adapter)', () => createTfjsBackend({ engine: 'wasm' })],
];

function threeOpGraph(deviceType: 'CPU' | 'GPU'): { g: Graph; out: Tensor; init: ReturnType<typeof globalVariablesInitializer> } {
  const g = new Graph();
  return { g, ...g.asDefault(() => {
    // v/read → Mul → Add: three kernels on the backend per run (a GPU backend gets them by device scope).
    const out = device(deviceType === 'GPU' ? '/device:GPU:0' : null, () => {
      const v = new Variable(new Float32Array([1, 2, 3, 4]), { name: 'v' });
      return add(mul(v, 2), 1);
    });
    return { out, init: globalVariablesInitializer() };
  }) };
}

const suite: BenchSuite = {
  name: 'session-overhead',
  async run({ quick }) {
    const runsPerSample = quick ? 50 : 2_000;
    const samples = quick ? 1 : 7;
    const results: BenchResult[] = [];
    for (const [runner, create] of BACKENDS) {
      const backend = create();
      try {
        await backend.init();
      } catch (e) {
        if (!(e instanceof BackendUnavailableError)) throw e;
        console.log(`session-overhead: ${runner} skipped: ${e.reason}`);
        continue;
      }
      const { g, out, init } = threeOpGraph(backend.deviceType);
      const session = new Session({ graph: g, devices: { [backend.deviceType]: backend } });
      try {
        await session.run(init);
        const expected = [3, 5, 7, 9];
        const got = Array.from((await session.run(out)).data as Float32Array);
        if (got.join() !== expected.join()) throw new Error(`${runner} computed [${got}] instead of [${expected}]`);
        const heapBefore = heapAfterGc();
        const ms = await medianTime(async () => {
          for (let i = 0; i < runsPerSample; i++) await session.run(out);
        }, samples, 1);
        const heapGrowthMB = (heapAfterGc() - heapBefore) / 2 ** 20;
        const perRunUs = (ms * 1000) / runsPerSample;
        const label = `${OPS_PER_RUN} ops × 4 floats`;
        results.push({ group: 'session-overhead', case: `${label}, run`, runner, medianMs: ms / runsPerSample, value: perRunUs / OPS_PER_RUN, unit: 'µs/op',
          notes: `${perRunUs.toFixed(1)} µs per run; heap after GC ${heapGrowthMB >= 0 ? '+' : ''}${heapGrowthMB.toFixed(2)} MB over ${(samples + 1) * runsPerSample} runs` });
        if (backend.capabilities.syncDownload && !backend.capabilities.asyncExecution) {
          const syncMs = await medianTime(() => {
            for (let i = 0; i < runsPerSample; i++) session.runSync(out);
          }, samples, 1);
          const syncPerRunUs = (syncMs * 1000) / runsPerSample;
          results.push({ group: 'session-overhead', case: `${label}, runSync`, runner, medianMs: syncMs / runsPerSample, value: syncPerRunUs / OPS_PER_RUN, unit: 'µs/op',
            notes: `${syncPerRunUs.toFixed(1)} µs per run` });
        }
      } finally {
        await session.close();
        backend.dispose();
      }
    }
    return results;
  },
};

export default suite;
