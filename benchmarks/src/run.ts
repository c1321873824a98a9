// Runs every suite in src/suites (or those named on the command line), prints a table and
// writes JSON to results/. Usage: pnpm bench [--quick] [suite…]
import { readdir, writeFile, mkdir } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join } from 'node:path';
import type { BenchResult, BenchSuite } from './suite.js';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const only = args.filter((a) => !a.startsWith('--'));
const here = fileURLToPath(new URL('.', import.meta.url));
const files = (await readdir(join(here, 'suites'))).filter((f) => /\.bench\.ts$/.test(f)).sort();

const all: BenchResult[] = [];
for (const file of files) {
  const suite = (await import(pathToFileURL(join(here, 'suites', file)).href) as { default: BenchSuite }).default;
  if (only.length > 0 && !only.includes(suite.name)) continue;
  console.log(`\n## ${suite.name}${quick ? ' (quick)' : ''}`);
  const results = await suite.run({ quick });
  for (const r of results) {
    const fig = r.value === undefined ? '' : `${r.value.toFixed(2)} ${r.unit ?? ''}`;
    console.log(`${r.group.padEnd(22)} ${r.case.padEnd(28)} ${r.runner.padEnd(16)} ${r.medianMs.toFixed(3).padStart(10)} ms  ${fig}${r.notes ? `  (${r.notes})` : ''}`);
  }
  all.push(...results);
}

const out = join(here, '..', 'results');
await mkdir(out, { recursive: true });
const file = join(out, `${quick ? 'quick' : 'full'}-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
await writeFile(file, JSON.stringify({ date: new Date().toISOString(), node: process.version, quick, results: all }, null, 2));
console.log(`\nwrote ${file}`);
