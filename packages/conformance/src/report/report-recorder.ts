import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { BackendCapabilities } from '@varscope/kernel-api';
import { parseReportFile } from './conformance-report.js';
import type { BackendReport, CaseOutcome, ConformanceReportFile } from './conformance-report.js';

/** The environment variable naming the report file. `{backend}` in it is replaced by the backend's name. */
export const REPORT_ENV = 'VARSCOPE_CONFORMANCE_REPORT';

/** Collects case outcomes during a run and writes them where `VARSCOPE_CONFORMANCE_REPORT` says. */
export class ReportRecorder {
  readonly #outcomes = new Map<string, CaseOutcome>();

  constructor(readonly backendName: string) {}

  record(outcome: CaseOutcome): void {
    this.#outcomes.set(`${outcome.kind}:${outcome.id}`, outcome);
  }

  get outcomes(): readonly CaseOutcome[] {
    return [...this.#outcomes.values()];
  }

  /** The report of this run: what the backend declared, and `unavailable` when it could not run here. */
  build(declared: { deviceType: 'CPU' | 'GPU'; capabilities: BackendCapabilities } | undefined, unavailable: string | undefined): BackendReport {
    return {
      backend: this.backendName,
      deviceType: declared?.deviceType ?? 'unknown',
      kernels: declared?.capabilities.kernels ?? {},
      ...(unavailable !== undefined ? { unavailable } : {}),
      date: new Date().toISOString(),
      node: process.version,
      cases: this.outcomes,
    };
  }

  /**
   * Writes the report when the environment asks for one. The file holds one entry per backend:
   * an existing file is merged (this backend's entry replaced), and the result is renamed into
   * place so that a reader never sees half a file.
   */
  async writeIfRequested(report: BackendReport, env: NodeJS.ProcessEnv = process.env): Promise<string | undefined> {
    const target = env[REPORT_ENV];
    if (target === undefined || target === '') return undefined;
    const file = resolve(target.replaceAll('{backend}', report.backend));
    let existing: ConformanceReportFile | undefined;
    try {
      existing = parseReportFile(file, await readFile(file, 'utf8'));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
    const merged: ConformanceReportFile = {
      format: 'varscope-conformance-report-v1',
      backends: { ...existing?.backends, [report.backend]: report },
    };
    await mkdir(dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    await writeFile(tmp, `${JSON.stringify(merged, null, 1)}\n`);
    await rename(tmp, file);
    return file;
  }
}
