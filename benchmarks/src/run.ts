// Runs every suite in src/suites (or those named on the command line), prints a table, writes
// JSON to results/ and the report (markdown table + one SVG chart per group) to
// results/latest-full/ (or latest-quick/). Usage: pnpm bench [--quick] [suite…]
import { readdir, writeFile, mkdir } from 'node:fs/promises';
import { cpus } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join } from 'node:path';
import type { BenchResult, BenchSuite } from './suite.js';
import { writeReport } from './report.js';
import type { BenchRun } from './report.js';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const only = args.filter((a) => !a.startsWith('--'));
const here = fileURLToPath(new URL('.', import.meta.url));
const files = (await readdir(join(here, 'suites'))).filter((f) => /\.bench\.ts$/.test(f)).sort();

const all: BenchResult[] = [];
const failed: string[] = [];
for (const file of files) {
  const name = file.replace(/\.bench\.ts$/, '');
  if (only.length > 0 && !only.includes(name)) continue;
  console.log(`\n## ${name}${quick ? ' (quick)' : ''}`);
  let results: BenchResult[];
  try {
    const suite = (await import(pathToFileURL(join(here, 'suites', file)).href) as { default: BenchSuite }).default;
    results = await suite.run({ quick });
  } catch (e) {
    // One broken suite must not cost the others' figures: report it, go on, and fail the run at the end.
    failed.push(name);
    console.error(`${name} failed: ${(e as Error).stack ?? String(e)}`);
    continue;
  }
  for (const r of results) {
    const fig = r.value === undefined ? '' : `${r.value.toFixed(2)} ${r.unit ?? ''}`;
    console.log(`${r.group.padEnd(22)} ${r.case.padEnd(28)} ${r.runner.padEnd(16)} ${r.medianMs.toFixed(3).padStart(10)} ms  ${fig}${r.notes ? `  (${r.notes})` : ''}`);
  }
  all.push(...results);
}

const out = join(here, '..', 'results');
await mkdir(out, { recursive: true });
const file = join(out, `${quick ? 'quick' : 'full'}-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
const machine = `${cpus()[0]?.model.trim() ?? 'unknown CPU'} × ${cpus().length}`;
const run: BenchRun = { date: new Date().toISOString(), node: process.version, quick, machine, results: all };
await writeFile(file, JSON.stringify(run, null, 2));
console.log(`\nwrote ${file}`);
for (const written of await writeReport(run, join(out, quick ? 'latest-quick' : 'latest-full'))) console.log(`wrote ${written}`);
if (failed.length > 0) {
  console.error(`\nsuites that failed: ${failed.join(', ')}`);
  process.exitCode = 1;
}
