import { describe, expect, it } from 'vitest';
import { getOpDef, kernelDType } from '@varscope/kernel-api';
import type { KernelBackend } from '@varscope/kernel-api';
import type { BackendUnderTest } from './backend-under-test.js';
import { kernelCases } from './cases/index.js';
import type { KernelCase } from './cases/index.js';
import { compareTensors } from './compare.js';
import { firstLine, matchesAny } from './matching.js';
import type { CaseFilter } from './matching.js';
import type { ReportRecorder } from './report/report-recorder.js';
import { runKernelCase, toData } from './run-case.js';

/** Why a backend cannot run a case, or null when it can. */
export function unsupportedReason(backend: KernelBackend, c: KernelCase): string | null {
  const def = getOpDef(c.op);
  if (def === undefined) return `unknown op ${c.op}`;
  const dtype = kernelDType(def, c.attrs) ?? c.dtype;
  const dtypes = backend.capabilities.kernels[c.op];
  if (dtypes === undefined) return `${backend.name} has no ${c.op} kernel`;
  if (!dtypes.includes(dtype)) return `${backend.name} has no ${c.op} kernel for ${dtype}`;
  if (backend.supportsKernel !== undefined && !backend.supportsKernel(c.op, c.attrs)) {
    return `${backend.name} does not support ${c.op} with these attrs (supportsKernel)`;
  }
  return null;
}

/** Runs one case on `backend` and checks it against its expectation (or the reference's result). */
async function checkCase(backend: KernelBackend, reference: KernelBackend, c: KernelCase): Promise<void> {
  const before = backend.stats().liveHandles;
  if (c.throws !== undefined) {
    await expect(runKernelCase(backend, c)).rejects.toThrow(c.throws);
  } else {
    const got = await runKernelCase(backend, c);
    const expected = c.expected !== undefined
      ? { tensors: c.expected.map((t) => ({ dtype: t.dtype, shape: t.shape, data: toData(t) })) }
      : await runKernelCase(reference, c);
    expect(got.tensors.length).toBe(expected.tensors.length);
    got.tensors.forEach((t, i) => {
      const e = expected.tensors[i];
      if (e === undefined) throw new Error(`no expected tensor ${i}`);
      const diff = compareTensors(t.dtype, t.data, e.data, c.tolerance, backend.capabilities.tolerance);
      expect(diff, `${c.id} output ${i}`).toBeNull();
    });
  }
  expect(backend.stats().liveHandles, `${c.id} leaked handles`).toBe(before);
}

export interface KernelSuiteOptions {
  readonly only?: CaseFilter;
  readonly skip?: CaseFilter;
  readonly expectedFailures?: CaseFilter;
}

/**
 * Registers the kernel cases: each runs on the backend under test and on the reference backend,
 * and the results must agree within the backend's declared tolerance; a case whose op or dtype
 * the backend lacks is skipped with the reason; after each case the backend must hold no more
 * handles than before it.
 */
export function describeKernelCases(
  subject: BackendUnderTest, reference: KernelBackend, recorder: ReportRecorder, options: KernelSuiteOptions,
): void {
  // `only` may leave a family (or everything) empty; vitest rejects an empty describe.
  const families = Object.entries(kernelCases())
    .map(([group, all]) => [group, all.filter((c) => options.only === undefined || matchesAny(c.id, options.only))] as const)
    .filter(([, cases]) => cases.length > 0);
  if (families.length === 0) return;
  describe('kernels', () => {
    for (const [group, cases] of families) {
      describe(group, () => {
        for (const c of cases) {
          const expectedFailure = matchesAny(c.id, options.expectedFailures);
          const base = { id: c.id, kind: 'kernel', group, op: c.op, dtype: c.dtype, expectedFailure } as const;
          if (matchesAny(c.id, options.skip)) {
            recorder.record({ ...base, status: 'skipped', reason: 'skipped by the adopter' });
            it.skip(`${c.id} (skipped by the adopter)`, () => undefined);
            continue;
          }
          const body = async (ctx: { skip: (note?: string) => void }) => {
            const backend = subject.backend;
            const reason = backend === undefined ? subject.skipReason : unsupportedReason(backend, c);
            if (backend === undefined || reason !== null) {
              recorder.record({ ...base, status: 'skipped', reason: reason ?? subject.skipReason });
              return ctx.skip(reason ?? subject.skipReason);
            }
            try {
              await checkCase(backend, reference, c);
              recorder.record({ ...base, status: 'passed' });
            } catch (e) {
              recorder.record({ ...base, status: 'failed', reason: firstLine(e) });
              throw e;
            }
          };
          if (expectedFailure) it.fails(c.id, body);
          else it(c.id, body);
        }
      });
    }
  });
}
