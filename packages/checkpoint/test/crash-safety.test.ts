import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { CheckpointReader, latestCheckpoint, readCheckpointState, type TensorData } from '../src/index.js';
import { expectedTensors, saveStep } from './helpers/crash-model.js';

const work = mkdtempSync(join(tmpdir(), 'ckpt-crash-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const child = fileURLToPath(new URL('./helpers/save-child.ts', import.meta.url));

function run(dir: string, step: number, stage: string, killAfterMs?: number): Promise<{ code: number | null; signal: string | null }> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, ['--import', 'tsx', child, dir, String(step), stage], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    p.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    // Time the kill from when saving starts, not from process start-up.
    let timer: ReturnType<typeof setTimeout> | undefined;
    p.stdout.once('data', () => {
      if (killAfterMs !== undefined) timer = setTimeout(() => p.kill('SIGKILL'), killAfterMs);
    });
    p.on('error', reject);
    p.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (code !== 0 && signal === null) reject(new Error(`save child failed (${code}): ${stderr}`));
      else resolve({ code, signal });
    });
  });
}

async function expectStep(prefix: string, step: number): Promise<void> {
  const r = await CheckpointReader.open(prefix);
  try {
    await r.verify();
    for (const [name, t] of expectedTensors(step)) {
      const got: TensorData = await r.read(name);
      expect(got.shape).toEqual(t.shape);
      if (t.dtype === 'string') expect(Buffer.from((got.data as Uint8Array[])[0]!).toString()).toBe(t.data[0]);
      else expect(Array.from(got.data as ArrayLike<unknown>)).toEqual(Array.from(t.data as ArrayLike<unknown>));
    }
  } finally {
    await r.close();
  }
}

const STAGES = ['tensor-written', 'data-synced', 'data-renamed', 'index-synced', 'index-renamed', 'before-state', 'after-state'];

describe('a save killed at any point', () => {
  it('leaves the previous checkpoint intact and latest pointing at a complete one, at every stage', async () => {
    for (const stage of STAGES) {
      const dir = join(work, stage);
      await saveStep(dir, 1);
      const result = await run(dir, 2, stage);
      expect(result.signal, stage).toBe('SIGKILL');
      const latest = await latestCheckpoint(dir);
      const stateWritten = stage === 'after-state';
      expect(latest, stage).toBe(join(dir, stateWritten ? 'model.ckpt-2' : 'model.ckpt-1'));
      await expectStep(join(dir, 'model.ckpt-1'), 1);
      await expectStep(latest as string, stateWritten ? 2 : 1);
      // A checkpoint that got its index is complete even when the state file never learned of it.
      const hasIndex = readdirSync(dir).includes('model.ckpt-2.index');
      expect(hasIndex, stage).toBe(['index-renamed', 'before-state', 'after-state'].includes(stage));
      if (hasIndex) await expectStep(join(dir, 'model.ckpt-2'), 2);
      // The next save after a crash succeeds and becomes latest.
      await saveStep(dir, 3);
      expect(await latestCheckpoint(dir)).toBe(join(dir, 'model.ckpt-3'));
      await expectStep(join(dir, 'model.ckpt-3'), 3);
    }
  }, 120_000);

  it('leaves every state consistent when killed at arbitrary moments of a save loop', async () => {
    const dir = join(work, 'loop');
    await saveStep(dir, 1);
    let step = 2;
    for (const delay of [0, 3, 7, 15, 30, 60]) {
      expect((await run(dir, step, 'loop', delay)).signal).toBe('SIGKILL');
      const state = await readCheckpointState(dir);
      const latest = await latestCheckpoint(dir);
      expect(latest).toBe(state!.modelCheckpointPath);
      const latestStep = Number(/model\.ckpt-(\d+)$/.exec(latest as string)![1]);
      await expectStep(latest as string, latestStep);
      for (const p of state!.allModelCheckpointPaths) await expectStep(p, Number(/(\d+)$/.exec(p)![1]));
      step = latestStep + 100;
    }
  }, 120_000);
});
