import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe } from 'vitest';
import type { KernelBackend } from '@varscope/kernel-api';
import { createReferenceBackend } from '@varscope/backend-reference';
import { BackendUnderTest } from './backend-under-test.js';
import { describeKernelCases } from './kernel-suite.js';
import type { CaseFilter } from './matching.js';
import { ReportRecorder } from './report/report-recorder.js';
import { describeScenarios } from './scenario-suite.js';
import { DEFAULT_CHECKPOINT_FIXTURES } from './scenarios/index.js';

/** How a backend adopts the suite. */
export interface DescribeKernelBackendOptions {
  /** Shown in test names and reports. */
  readonly name: string;
  /** Makes a fresh backend (the suite calls `init()` and `dispose()`). */
  readonly create: () => KernelBackend | Promise<KernelBackend>;
  /** Case or scenario ids (or RegExps over ids) known to fail: they run as `test.fails`, so a fix turns them red. */
  readonly expectedFailures?: CaseFilter;
  /** Run only the cases and scenarios whose id matches. */
  readonly only?: CaseFilter;
  /** Cases and scenarios to leave out (reported as skipped). */
  readonly skip?: CaseFilter;
  /** The folder of TensorFlow-written checkpoints for §6.9 (default: `../shared/testdata/tf-checkpoints` beside the repository). */
  readonly checkpointFixtures?: string;
  /** Leave out the system scenarios (kernel cases only). */
  readonly kernelsOnly?: boolean;
}

/**
 * Registers the whole conformance suite in the caller's vitest run: every kernel case (compared
 * with the reference backend within the backend's declared tolerance) and the system scenarios
 * of SEED-SCENARIOS §1–§7 on sessions whose device is the backend. What the backend's
 * capabilities exclude is skipped with the reason; `expectedFailures` run as `test.fails`; no
 * case may leak handles. With `VARSCOPE_CONFORMANCE_REPORT` set, writes a JSON report.
 */
export function describeKernelBackend(options: DescribeKernelBackendOptions): void {
  const subject = new BackendUnderTest(options.create);
  const reference = createReferenceBackend();
  const recorder = new ReportRecorder(options.name);
  const filters = { only: options.only, skip: options.skip, expectedFailures: options.expectedFailures };

  describe(`${options.name}: conformance`, () => {
    beforeAll(async () => {
      await reference.init();
      await subject.start();
    });
    afterAll(async () => {
      const report = recorder.build(subject.declared, subject.backend === undefined ? subject.skipReason : undefined);
      subject.stop();
      reference.dispose();
      await recorder.writeIfRequested(report);
    });

    describeKernelCases(subject, reference, recorder, filters);
    if (options.kernelsOnly !== true) {
      describeScenarios(subject, reference, recorder, {
        ...filters, checkpointFixtures: options.checkpointFixtures ?? fileURLToPath(DEFAULT_CHECKPOINT_FIXTURES),
      });
    }
  });
}
