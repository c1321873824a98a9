// Every shared conformance case the CUDA backend claims, run on a dry-run backend: without a
// GPU the results mean nothing, but each invocation must pass the addon's argument checks, so
// the JS → C++ translation is exercised on the whole case corpus, not just our own cases.
import { kernelCases, runKernelCase, unsupportedReason } from '@varscope/conformance';
import { KernelRuntimeError } from '@varscope/kernel-api';
import { describe, expect, it } from 'vitest';
import { createCudaBackend } from '../src/index.js';
import { findAddon } from './addon-harness.js';

const { addon, reason } = findAddon();

describe.skipIf(addon === undefined)(`conformance cases on a dry-run CUDA backend${addon === undefined ? ` (skipped: ${reason})` : ''}`, () => {
  for (const [group, cases] of Object.entries(kernelCases())) {
    it(`${group}: every supported case passes validation`, async () => {
      const backend = createCudaBackend({ dryRun: true, addon });
      await backend.init();
      const failures: string[] = [];
      let ran = 0;
      for (const c of cases) {
        // supportsKernel declines what capabilities alone would let through (Cast to float64…).
        if (unsupportedReason(backend, c) !== null) continue;
        try {
          await runKernelCase(backend, c);
          ran++;
        } catch (e) {
          // Data-dependent op errors are raised by kernels at run time, which a dry run skips.
          if (e instanceof KernelRuntimeError) continue;
          failures.push(`${c.id}: ${e instanceof Error ? e.message : String(e)}`);
        }
      }
      expect(failures).toEqual([]);
      expect(backend.stats().liveHandles).toBe(0);
      expect(ran).toBeGreaterThan(0);
      backend.dispose();
    });
  }
});
