// Regenerates the report of an earlier run: tsx src/report-cli.ts results/full-….json [OUT_DIR]
// (default OUT_DIR: results/latest-full or results/latest-quick, as run.ts writes).
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { BenchRun } from './report.js';
import { writeReport } from './report.js';

const [file, outDir] = process.argv.slice(2);
if (file === undefined) {
  console.error('usage: tsx src/report-cli.ts RESULTS.json [OUT_DIR]');
  process.exit(2);
}
const run = JSON.parse(await readFile(file, 'utf8')) as Partial<BenchRun>;
if (!Array.isArray(run.results) || typeof run.date !== 'string') {
  console.error(`${file}: not a benchmark results file (expected { date, node, quick, results: [...] })`);
  process.exit(1);
}
const dir = outDir ?? join(dirname(file), run.quick === true ? 'latest-quick' : 'latest-full');
for (const written of await writeReport(run as BenchRun, dir)) console.log(`wrote ${written}`);
