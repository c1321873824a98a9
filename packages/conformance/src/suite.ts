import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { BackendUnavailableError, getOpDef, kernelDType } from '@varscope/kernel-api';
import type { KernelBackend } from '@varscope/kernel-api';
import { createReferenceBackend } from '@varscope/backend-reference';
import { kernelCases } from './cases/index.js';
import type { KernelCase } from './cases/index.js';
import { compareTensors } from './compare.js';
import { runKernelCase, toData } from './run-case.js';

/** How a backend adopts the suite. */
export interface DescribeKernelBackendOptions {
  /** Shown in test names. */
  readonly name: string;
  /** Makes a fresh backend (the suite calls `init()` and `dispose()`). */
  readonly create: () => KernelBackend | Promise<KernelBackend>;
  /** Case ids (or RegExps over ids) known to fail: they run as `test.fails`, so a fix turns them red. */
  readonly expectedFailures?: readonly (string | RegExp)[];
  /** Run only the cases whose id matches. */
  readonly only?: readonly (string | RegExp)[];
  /** Cases to leave out entirely (reported as skipped). */
  readonly skip?: readonly (string | RegExp)[];
}

const matches = (id: string, patterns: readonly (string | RegExp)[] | undefined): boolean =>
  (patterns ?? []).some((p) => (typeof p === 'string' ? p === id : p.test(id)));

/** Why a backend cannot run a case, or null when it can. */
export function unsupportedReason(backend: KernelBackend, c: KernelCase): string | null {
  const def = getOpDef(c.op);
  if (def === undefined) return `unknown op ${c.op}`;
  const dtype = kernelDType(def, c.attrs) ?? c.dtype;
  const dtypes = backend.capabilities.kernels[c.op];
  if (dtypes === undefined) return `${backend.name} has no ${c.op} kernel`;
  if (!dtypes.includes(dtype)) return `${backend.name} has no ${c.op} kernel for ${dtype}`;
  return null;
}

/**
 * Registers every kernel conformance case in the caller's vitest run. Each case runs on the
 * backend under test and on the reference backend, and the results must agree within the
 * backend's declared tolerance; a case whose op or dtype the backend lacks is skipped with the
 * reason; after each case the backend must hold no more handles than before it.
 */
export function describeKernelBackend(options: DescribeKernelBackendOptions): void {
  const groups = kernelCases();
  describe(`${options.name}: kernel conformance`, () => {
    let backend: KernelBackend | undefined;
    let unavailable: string | undefined;
    const reference = createReferenceBackend();

    beforeAll(async () => {
      await reference.init();
      try {
        backend = await options.create();
        await backend.init();
      } catch (e) {
        if (e instanceof BackendUnavailableError || (e as Error).name === 'BackendUnavailableError') {
          unavailable = (e as Error).message;
          backend = undefined;
        } else {
          throw e;
        }
      }
    });

    afterAll(() => {
      backend?.dispose();
      reference.dispose();
    });

    for (const [group, cases] of Object.entries(groups)) {
      describe(group, () => {
        for (const c of cases) {
          if (options.only !== undefined && !matches(c.id, options.only)) continue;
          if (matches(c.id, options.skip)) {
            it.skip(`${c.id} (skipped by the adopter)`, () => undefined);
            continue;
          }
          const body = async (ctx: { skip: (note?: string) => void }) => {
            if (backend === undefined) return ctx.skip(unavailable ?? 'backend unavailable');
            const reason = unsupportedReason(backend, c);
            if (reason !== null) return ctx.skip(reason);
            const before = backend.stats().liveHandles;
            if (c.throws !== undefined) {
              await expect(runKernelCase(backend, c)).rejects.toThrow(c.throws);
            } else {
              const [got, want] = [await runKernelCase(backend, c), await runKernelCase(reference, c)];
              const expected = c.expected !== undefined
                ? { tensors: c.expected.map((t) => ({ dtype: t.dtype, shape: t.shape, data: toData(t) })) } : want;
              expect(got.tensors.length).toBe(expected.tensors.length);
              got.tensors.forEach((t, i) => {
                const e = expected.tensors[i];
                if (e === undefined) throw new Error(`no expected tensor ${i}`);
                const diff = compareTensors(t.dtype, t.data, e.data, c.tolerance, backend!.capabilities.tolerance);
                expect(diff, `${c.id} output ${i}`).toBeNull();
              });
            }
            expect(backend.stats().liveHandles, `${c.id} leaked handles`).toBe(before);
          };
          if (matches(c.id, options.expectedFailures)) it.fails(c.id, body);
          else it(c.id, body);
        }
      });
    }
  });
}
