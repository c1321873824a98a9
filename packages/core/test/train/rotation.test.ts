import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { renameSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ValueError } from '../../src/errors.js';
import { Variable, globalVariablesInitializer } from '../../src/variables/index.js';
import { Saver, checkpointExists, getCheckpointState, latestCheckpoint } from '../../src/train/checkpointing.js';
import type { SaverOptions } from '../../src/train/checkpointing.js';
import { build, session, tempDir } from './helpers.js';

async function model(options: SaverOptions = {}) {
  const m = build(() => {
    new Variable([1, 2], { name: 'w' });
    return { init: globalVariablesInitializer(), saver: new Saver(options) };
  });
  const sess = session(m.g);
  await sess.run(m.init);
  return { ...m, sess };
}

describe('SEED 6.5 / TF K4: rotation and the state file', () => {
  it('load at start, save every 1000 steps with maxToKeep 5: the newest five remain on disk and in the state file', async () => {
    const dir = tempDir();
    const m = await model({ maxToKeep: 5 });
    expect(await latestCheckpoint(dir)).toBeNull();
    for (let step = 0; step <= 7000; step += 1000) await m.saver.save(m.sess, join(dir, 'model'), { globalStep: step });
    const kept = [3000, 4000, 5000, 6000, 7000].map((s) => join(dir, `model-${s}`));
    expect(m.saver.lastCheckpoints).toEqual(kept);
    for (const s of [0, 1000, 2000]) expect(await checkpointExists(join(dir, `model-${s}`))).toBe(false);
    expect(existsSync(join(dir, 'model-2000.meta'))).toBe(false);
    const state = await getCheckpointState(dir);
    expect(state?.allModelCheckpointPaths).toEqual(kept);
    expect(await latestCheckpoint(dir)).toBe(join(dir, 'model-7000'));
    await m.sess.close();
  });

  it('keeps rotating after a restart (history recovered from the state file) and catches up when the limit is lowered', async () => {
    const dir = tempDir();
    const first = await model({ maxToKeep: 10 });
    for (let s = 1; s <= 8; s++) await first.saver.save(first.sess, join(dir, 'm'), { globalStep: s });
    await first.sess.close();
    const second = await model({ maxToKeep: 3 });
    await second.saver.save(second.sess, join(dir, 'm'), { globalStep: 9 });
    expect(second.saver.lastCheckpoints).toEqual([7, 8, 9].map((s) => join(dir, `m-${s}`)));
    for (let s = 1; s <= 6; s++) expect(await checkpointExists(join(dir, `m-${s}`))).toBe(false);
    await second.sess.close();
    // TensorFlow's behaviour on request: a new saver never deletes what it did not write.
    const third = await model({ maxToKeep: 1, recoverLastCheckpoints: false });
    await third.saver.save(third.sess, join(dir, 'm'), { globalStep: 10 });
    expect(await checkpointExists(join(dir, 'm-9'))).toBe(true);
    expect((await getCheckpointState(dir))?.allModelCheckpointPaths).toEqual([join(dir, 'm-10')]);
    await third.sess.close();
  });

  it('maxToKeep 0 keeps everything and lists only the newest; setLastCheckpoints entries are never deleted', async () => {
    const dir = tempDir();
    const m = await model({ maxToKeep: 0 });
    for (let s = 0; s < 3; s++) await m.saver.save(m.sess, join(dir, 'k'), { globalStep: s });
    expect(m.saver.lastCheckpoints).toEqual([]);
    for (let s = 0; s < 3; s++) expect(await checkpointExists(join(dir, `k-${s}`))).toBe(true);
    expect(readFileSync(join(dir, 'checkpoint'), 'utf8')).toBe(
      `model_checkpoint_path: "${join(dir, 'k-2')}"\nall_model_checkpoint_paths: "${join(dir, 'k-2')}"\n`);
    await m.sess.close();
    const n = await model({ maxToKeep: 1 });
    n.saver.setLastCheckpoints([join(dir, 'k-0')]);
    await n.saver.save(n.sess, join(dir, 'k'), { globalStep: 5 });
    expect(await checkpointExists(join(dir, 'k-0'))).toBe(true);
    expect(n.saver.lastCheckpoints).toEqual([join(dir, 'k-5')]);
    await n.sess.close();
  });

  it('keepCheckpointEveryNHours keeps one checkpoint per period out of the window (TF case 168)', async () => {
    const dir = tempDir();
    let now = 1000;
    const m = await model({ maxToKeep: 2, keepCheckpointEveryNHours: 0.7 / 3600, clock: () => now });
    now += 1;
    for (const s of [1, 2, 3, 4]) await m.saver.save(m.sess, join(dir, 's'), { globalStep: s });
    expect(await checkpointExists(join(dir, 's-1'))).toBe(true);
    expect(await checkpointExists(join(dir, 's-2'))).toBe(false);
    expect(m.saver.lastCheckpoints).toEqual([join(dir, 's-3'), join(dir, 's-4')]);
    await m.sess.close();
  });

  it('recoverLastCheckpoints keeps only prefixes still on disk', async () => {
    const dir = tempDir();
    const m = await model({ maxToKeep: 5 });
    for (const s of [1, 2, 3]) await m.saver.save(m.sess, join(dir, 'r'), { globalStep: s, writeState: false });
    const other = await model({ maxToKeep: 5 });
    await other.saver.recoverLastCheckpoints([4, 1, 2, 3].map((s) => join(dir, `r-${s}`)));
    expect(other.saver.lastCheckpoints).toEqual([1, 2, 3].map((s) => join(dir, `r-${s}`)));
    await m.sess.close();
    await other.sess.close();
  });
});

describe('TF L: checkpoint management', () => {
  it('saveRelativePaths: a renamed directory still restores', async () => {
    const base = tempDir();
    const d1 = join(base, 'd1');
    const d2 = join(base, 'd2');
    const m = await model({ saveRelativePaths: true });
    const { mkdirSync } = await import('node:fs');
    mkdirSync(d1);
    await m.saver.save(m.sess, join(d1, 'save_copy_restore'));
    expect(readFileSync(join(d1, 'checkpoint'), 'utf8')).toContain('model_checkpoint_path: "save_copy_restore"');
    renameSync(d1, d2);
    const latest = await latestCheckpoint(d2);
    expect(latest).toBe(join(d2, 'save_copy_restore'));
    await m.saver.restore(m.sess, latest);
    await m.sess.close();
  });

  it('relative entries are joined to the directory without normalizing; broken and empty state files', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'checkpoint'), 'model_checkpoint_path: "./model.ckpt-687529"\n');
    expect((await getCheckpointState(dir))?.modelCheckpointPath).toBe(`${dir}/./model.ckpt-687529`);
    expect(await latestCheckpoint(dir)).toBeNull();
    writeFileSync(join(dir, 'checkpoint'), 'all_model_checkpoint_paths: "a"\n');
    await expect(getCheckpointState(dir)).rejects.toThrow(new ValueError(`Invalid checkpoint state loaded from ${dir}`));
    writeFileSync(join(dir, 'checkpoint'), 'garbage {{{');
    expect(await getCheckpointState(dir)).toBeNull();
    expect(await getCheckpointState(join(dir, 'nope'))).toBeNull();
  });

  it('a crash between the checkpoint files and the state file leaves latestCheckpoint on the previous complete one', async () => {
    const dir = tempDir();
    const m = await model();
    await m.saver.save(m.sess, join(dir, 'model'), { globalStep: 1 });
    // The files of step 2 are written, the state file is not (what a crash in between leaves).
    await m.saver.save(m.sess, join(dir, 'model'), { globalStep: 2, writeState: false });
    expect(await latestCheckpoint(dir)).toBe(join(dir, 'model-1'));
    await m.sess.close();
  });

  it('a relative save directory stores relative paths', async () => {
    const dir = tempDir();
    const m = await model();
    const rel = relative(process.cwd(), join(dir, 'train'));
    const { mkdirSync } = await import('node:fs');
    mkdirSync(join(dir, 'train'));
    await m.saver.save(m.sess, `${rel}/snapshot`, { globalStep: 0 });
    await m.saver.save(m.sess, `${rel}/snapshot`, { globalStep: 2 });
    expect(readFileSync(join(dir, 'train', 'checkpoint'), 'utf8')).toBe(
      'model_checkpoint_path: "snapshot-2"\nall_model_checkpoint_paths: "snapshot-0"\nall_model_checkpoint_paths: "snapshot-2"\n');
    expect(await latestCheckpoint(`${rel}/`)).toBe(`${rel}/snapshot-2`);
    await m.sess.close();
  });
});
