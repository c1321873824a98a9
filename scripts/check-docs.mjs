#!/usr/bin/env node
// Keeps the user guide honest: typechecks every guide example and runs each one; any failure
// fails the test run. The examples are the guide's snippets as whole programs.
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const dir = join(root, 'docs/guide/examples');
const bin = (name) => join(root, 'node_modules/.bin', name);
const examples = readdirSync(dir).filter((f) => f.endsWith('.ts')).sort();

execFileSync(bin('tsc'), ['-p', dir], { stdio: 'inherit', cwd: root });
let failed = 0;
for (const file of examples) {
  const t0 = performance.now();
  try {
    execFileSync(bin('tsx'), ['--tsconfig', join(dir, 'tsconfig.json'), join(dir, file)], { stdio: 'pipe', cwd: root, timeout: 180_000 });
    console.log(`ok   docs/guide/examples/${file} (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  } catch (e) {
    failed++;
    console.log(`FAIL docs/guide/examples/${file}\n${String(e.stdout ?? '')}${String(e.stderr ?? e.message)}`);
  }
}
console.log(`docs: ${examples.length - failed} of ${examples.length} guide examples ran cleanly`);
process.exit(failed === 0 ? 0 : 1);
