import type { DType } from '@varscope/kernel-api';

/** How one case ended on one backend. */
export type CaseStatus = 'passed' | 'failed' | 'skipped';

/** One case × backend row of the report. */
export interface CaseOutcome {
  /** Case id (`Add/float32/[2,3]x[3]`) or scenario id (`6.9/tf1-adam-cnn/float32`). */
  readonly id: string;
  readonly kind: 'kernel' | 'scenario';
  /** Kernel family (`binary`, `matmul`…) or scenario section (`§6`). */
  readonly group: string;
  /** Kernel cases: the op and the dtype the backend must advertise for it. */
  readonly op?: string;
  readonly dtype?: DType;
  /** What the case itself did; for an expected failure, `failed` is the expected outcome. */
  readonly status: CaseStatus;
  /** Listed in the adopter's `expectedFailures` (run as `test.fails`). */
  readonly expectedFailure: boolean;
  /** Why it was skipped, or the first line of its failure. */
  readonly reason?: string;
}

/** Everything one `describeKernelBackend` run found about one backend. */
export interface BackendReport {
  readonly backend: string;
  readonly deviceType: 'CPU' | 'GPU' | 'unknown';
  /** `capabilities.kernels` as the backend declared it (also when it then proved unavailable). */
  readonly kernels: Readonly<Record<string, readonly DType[]>>;
  /** Set when `init()` rejected with `BackendUnavailableError`. */
  readonly unavailable?: string;
  readonly date: string;
  readonly node: string;
  readonly cases: readonly CaseOutcome[];
}

/** The JSON file `VARSCOPE_CONFORMANCE_REPORT` names: one report per backend, by name. */
export interface ConformanceReportFile {
  readonly format: 'varscope-conformance-report-v1';
  readonly backends: Readonly<Record<string, BackendReport>>;
}

/** Thrown when a report file cannot be read as a conformance report. */
export class ConformanceReportError extends Error {
  override readonly name = 'ConformanceReportError';
  constructor(readonly file: string, message: string) {
    super(`${file}: ${message}`);
  }
}

/** Validates parsed JSON as a report file. */
export function parseReportFile(file: string, text: string): ConformanceReportFile {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new ConformanceReportError(file, `not JSON (${(e as Error).message})`);
  }
  const v = value as Partial<ConformanceReportFile> | null;
  if (v === null || typeof v !== 'object' || v.format !== 'varscope-conformance-report-v1' || typeof v.backends !== 'object' || v.backends === null) {
    throw new ConformanceReportError(file, "not a conformance report (expected format 'varscope-conformance-report-v1')");
  }
  for (const [name, r] of Object.entries(v.backends)) {
    if (typeof r !== 'object' || r === null || !Array.isArray((r as BackendReport).cases) || typeof (r as BackendReport).kernels !== 'object') {
      throw new ConformanceReportError(file, `backend '${name}' has no cases or kernels`);
    }
  }
  return v as ConformanceReportFile;
}
