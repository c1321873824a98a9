#!/usr/bin/env node
// varscope-support-matrix REPORT.json… [--out FILE]: renders conformance reports as the
// support matrix (ops × dtypes × backends) in markdown, to FILE or stdout.
import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { ConformanceReportError, parseReportFile } from '../report/conformance-report.js';
import type { BackendReport } from '../report/conformance-report.js';
import { renderSupportMatrix } from '../report/support-matrix.js';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { out: { type: 'string' }, help: { type: 'boolean' } } });
if (values.help === true || positionals.length === 0) {
  console.error('usage: varscope-support-matrix REPORT.json… [--out FILE]\n  Reports come from VARSCOPE_CONFORMANCE_REPORT=FILE pnpm test in each backend package.');
  process.exit(values.help === true ? 0 : 2);
}
const byBackend = new Map<string, BackendReport>();
for (const file of positionals) {
  try {
    const report = parseReportFile(file, await readFile(file, 'utf8'));
    // A later file wins for a backend that appears twice.
    for (const r of Object.values(report.backends)) byBackend.set(r.backend, r);
  } catch (e) {
    if (!(e instanceof ConformanceReportError) && (e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    console.error(`varscope-support-matrix: ${(e as Error).message}`);
    process.exit(1);
  }
}
const markdown = renderSupportMatrix([...byBackend.values()]);
if (values.out === undefined) process.stdout.write(markdown);
else {
  await writeFile(values.out, markdown);
  console.error(`wrote ${values.out} (${byBackend.size} backends)`);
}
