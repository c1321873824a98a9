import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  CheckpointError, DataLossError, InvalidArgumentError, checkpointExists, formatCheckpointState, latestCheckpoint,
  parseCheckpointState, readCheckpointState, writeCheckpointState,
} from '../src/index.js';
import { formatDouble } from '../src/state-file/text-format.js';
import { HAVE_FIXTURES, fixtureDirs, fixturePath, loadManifest } from './helpers/fixtures.js';

const work = mkdtempSync(join(tmpdir(), 'ckpt-state-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
let n = 0;
const dir = (): string => {
  const d = join(work, `d${n++}`);
  mkdirSync(d);
  return d;
};

describe.skipIf(!HAVE_FIXTURES)('fixture state files', () => {
  for (const name of fixtureDirs()) {
    const m = loadManifest(name);
    if (m.checkpoint_state === undefined) continue;
    it(`${name}: parses, resolves against its directory, and re-serializes byte for byte`, async () => {
      const s = m.checkpoint_state!;
      const state = await readCheckpointState(fixturePath(name));
      expect(state!.raw.modelCheckpointPath).toBe(s.model_checkpoint_path);
      expect(state!.raw.allModelCheckpointPaths).toEqual(s.all_model_checkpoint_paths);
      expect(state!.allModelCheckpointTimestamps ?? []).toEqual(s.all_model_checkpoint_timestamps);
      expect(state!.lastPreservedTimestamp).toBe(s.last_preserved_timestamp);
      expect(state!.modelCheckpointPath).toBe(join(fixturePath(name), s.model_checkpoint_path));
      expect(formatCheckpointState(state!.raw)).toBe(m.checkpoint_state_raw);
      expect(await latestCheckpoint(fixturePath(name))).toBe(join(fixturePath(name), s.model_checkpoint_path));
    });
  }
});

describe('checkpoint state file', () => {
  it('writes atomically and reads back relative, absolute and timestamped states', async () => {
    const d = dir();
    const state = {
      modelCheckpointPath: 'model.ckpt-1000',
      allModelCheckpointPaths: ['model.ckpt-0', 'model.ckpt-1000'],
      allModelCheckpointTimestamps: [1620981517.4625523, 1620981546],
      lastPreservedTimestamp: 1e-7,
    };
    await writeCheckpointState(d, state);
    expect(readFileSync(join(d, 'checkpoint'), 'utf8')).toBe(
      'model_checkpoint_path: "model.ckpt-1000"\n'
      + 'all_model_checkpoint_paths: "model.ckpt-0"\nall_model_checkpoint_paths: "model.ckpt-1000"\n'
      + 'all_model_checkpoint_timestamps: 1620981517.4625523\nall_model_checkpoint_timestamps: 1620981546.0\n'
      + 'last_preserved_timestamp: 1e-07\n');
    const back = await readCheckpointState(d);
    expect(back!.raw).toEqual(state);
    expect(back!.modelCheckpointPath).toBe(join(d, 'model.ckpt-1000'));
    expect(readdirSync(d)).toEqual(['checkpoint']);
    await writeCheckpointState(d, { modelCheckpointPath: join(d, 'abs'), allModelCheckpointPaths: [join(d, 'abs')] }, 'latest');
    expect((await readCheckpointState(d, 'latest'))!.modelCheckpointPath).toBe(join(d, 'abs'));
  });

  it('falls back to the basename beside the state file for absolute paths from another machine', async () => {
    const d = dir();
    writeFileSync(join(d, 'model.ckpt-100.index'), '');
    writeFileSync(join(d, 'checkpoint'), 'model_checkpoint_path: "/Users/someone/train/model.ckpt-100"\n'
      + "all_model_checkpoint_paths: '/Users/someone/train/model.ckpt-100'\n");
    const s = await readCheckpointState(d);
    expect(s!.modelCheckpointPath).toBe(join(d, 'model.ckpt-100'));
    expect(s!.raw.modelCheckpointPath).toBe('/Users/someone/train/model.ckpt-100');
    expect(await checkpointExists(s!.modelCheckpointPath)).toBe(true);
  });

  it('never follows a relative path outside the directory', async () => {
    const d = dir();
    writeFileSync(join(d, 'checkpoint'), 'model_checkpoint_path: "../elsewhere/model"\n');
    await expect(readCheckpointState(d)).rejects.toThrow(InvalidArgumentError);
    await expect(readCheckpointState(d)).rejects.toThrow(/names \.\.\/elsewhere\/model, which is outside/);
    writeFileSync(join(d, 'checkpoint'), 'model_checkpoint_path: "./model.ckpt-687529"\n');
    expect((await readCheckpointState(d))!.modelCheckpointPath).toBe(`${d}/./model.ckpt-687529`);
  });

  it('parses the general text format', () => {
    const s = parseCheckpointState(`# written by hand
      all_model_checkpoint_paths: ["a", 'b\\tc'] model_checkpoint_path:"x" "y";
      all_model_checkpoint_timestamps: 1.5 all_model_checkpoint_timestamps: [2, inf]
      last_preserved_timestamp: -3e2
      all_model_checkpoint_paths: "caf\\303\\251"`);
    expect(s).toEqual({
      modelCheckpointPath: 'xy',
      allModelCheckpointPaths: ['a', 'b\tc', 'café'],
      allModelCheckpointTimestamps: [1.5, 2, Infinity],
      lastPreservedTimestamp: -300,
    });
    expect(formatCheckpointState(s)).toContain('all_model_checkpoint_paths: "caf\\303\\251"\n');
  });

  it('reports missing, empty and corrupt files as TensorFlow does', async () => {
    const d = dir();
    expect(await readCheckpointState(d)).toBeNull();
    expect(await latestCheckpoint(d)).toBeNull();
    writeFileSync(join(d, 'checkpoint'), '');
    const invalid = await readCheckpointState(d).catch((e: unknown) => e);
    expect(invalid).toBeInstanceOf(CheckpointError);
    expect(invalid).toMatchObject({ code: 'INVALID_ARGUMENT', message: `Invalid checkpoint state loaded from ${d}` });
    for (const bad of ['model_checkpoint_path: "x', 'model_checkpoint_path { }', 'bogus: "x"', 'model_checkpoint_path: 3',
      'all_model_checkpoint_timestamps: "x"', 'model_checkpoint_path: "\\q"', '\u0000\u0001']) {
      writeFileSync(join(d, 'checkpoint'), bad);
      const e = await readCheckpointState(d).catch((err: unknown) => err);
      expect(e, bad).toBeInstanceOf(DataLossError);
      expect((e as DataLossError).file).toBe(join(d, 'checkpoint'));
    }
    writeFileSync(join(d, 'checkpoint'), 'model_checkpoint_path: "gone"\n');
    expect(await latestCheckpoint(d)).toBeNull();
  });

  it('refuses a state path that is the model path, and mismatched timestamps', async () => {
    const d = dir();
    await expect(writeCheckpointState(d, { modelCheckpointPath: 'checkpoint', allModelCheckpointPaths: [] }))
      .rejects.toThrow(/conflicts with path used for checkpoint state/);
    await expect(writeCheckpointState(d, { modelCheckpointPath: 'a', allModelCheckpointPaths: ['a'], allModelCheckpointTimestamps: [] }))
      .rejects.toThrow(InvalidArgumentError);
  });

  it('prints doubles as Python repr does', () => {
    expect([1620875220.7940528, 1.0, 0.1, 1e16, 1.5e16, 123456789012345.6, 1e-4, 1.5e-5, -2.0, 0].map(formatDouble))
      .toEqual(['1620875220.7940528', '1.0', '0.1', '1e+16', '1.5e+16', '123456789012345.6', '0.0001', '1.5e-05', '-2.0', '0.0']);
  });
});

describe.skipIf(!HAVE_FIXTURES)('copied fixture', () => {
  it('a state file copied with its checkpoint resolves beside it', async () => {
    const d = dir();
    for (const f of ['checkpoint', 'saver_test.index']) copyFileSync(fixturePath('tf1-int64-scalars', f === 'checkpoint' ? 'saver_test.index' : f), join(d, f));
    writeFileSync(join(d, 'checkpoint'), 'model_checkpoint_path: "saver_test"\n');
    expect(await latestCheckpoint(d)).toBe(join(d, 'saver_test'));
  });
});
