import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const script = fileURLToPath(new URL('./fixtures/train-steps.mjs', import.meta.url));
const built = existsSync(fileURLToPath(new URL('../../dist/index.js', import.meta.url)))
  && existsSync(fileURLToPath(new URL('../../../backend-reference/dist/index.js', import.meta.url)));
const dir = mkdtempSync(join(tmpdir(), 'varscope-resume-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function train(steps: number, restore: string, save: string, name: string): Promise<Record<string, string>> {
  const out = join(dir, `${name}.json`);
  await run(process.execPath, [script, String(steps), restore, save, out], { cwd: dir, timeout: 120_000 });
  return JSON.parse(readFileSync(out, 'utf8')) as Record<string, string>;
}

// Runs the built package in fresh Node processes, as a user resuming a job would.
describe.skipIf(!built)('resume-exact across processes (needs `pnpm build`)', () => {
  it('training N steps, saving, and training M more in a new process equals N+M steps straight', async () => {
    const straight = await train(7, '-', '-', 'straight');
    await train(4, '-', join(dir, 'model.ckpt'), 'first');
    const resumed = await train(3, join(dir, 'model.ckpt'), '-', 'resumed');
    expect(Object.keys(resumed).sort()).toEqual(Object.keys(straight).sort());
    expect(Object.keys(straight)).toContain('W1/Adam_1');
    for (const name of Object.keys(straight)) expect(resumed[name], name).toBe(straight[name]);
  }, 240_000);
});
