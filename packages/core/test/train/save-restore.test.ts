import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CheckpointReader } from '@varscope/checkpoint';
import { InvalidArgumentError, NotFoundError, ValueError } from '../../src/errors.js';
import { add, constant, sub } from '../../src/ops/index.js';
import {
  Variable, getVariable, globalVariablesInitializer, reportUninitializedVariables, zerosInitializer,
} from '../../src/variables/index.js';
import { Saver } from '../../src/train/checkpointing.js';
import { build, session, tempDir, values } from './helpers.js';

describe('SEED 6.1–6.2: the save/restore pair', () => {
  it('saves v1, v2 and restores them into a fresh graph without running initializers', async () => {
    const dir = tempDir();
    const a = build(() => {
      const v1 = getVariable('v1', [3], { initializer: zerosInitializer() });
      const v2 = getVariable('v2', [5], { initializer: zerosInitializer() });
      return { inc: v1.assign(add(v1, 1)), dec: v2.assign(sub(v2, 1)), init: globalVariablesInitializer(), saver: new Saver() };
    });
    const sa = session(a.g);
    await sa.run(a.init);
    await sa.run([a.inc, a.dec]);
    const prefix = await a.saver.save(sa, join(dir, 'model.ckpt'));
    await sa.close();
    expect(prefix).toBe(join(dir, 'model.ckpt'));
    expect(readdirSync(dir).sort()).toEqual(['checkpoint', 'model.ckpt.data-00000-of-00001', 'model.ckpt.index', 'model.ckpt.meta']);
    expect(readFileSync(join(dir, 'checkpoint'), 'utf8')).toBe(
      `model_checkpoint_path: "${prefix}"\nall_model_checkpoint_paths: "${prefix}"\n`);

    const b = build(() => ({
      v1: getVariable('v1', [3]), v2: getVariable('v2', [5]), report: reportUninitializedVariables(), saver: new Saver(),
    }));
    const sb = session(b.g);
    expect(values(await sb.run(b.report))).toEqual(['v1', 'v2']);
    await b.saver.restore(sb, prefix);
    expect(values(await sb.run(b.v1))).toEqual([1, 1, 1]);
    expect(values(await sb.run(b.v2))).toEqual([-1, -1, -1, -1, -1]);
    await sb.close();
  });

  it('builds TensorFlow\'s subgraph and SaverDef; a second saver is save_1', () => {
    build((g) => {
      new Variable(1, { name: 'b' });
      new Variable(2, { name: 'a' });
      const s = new Saver();
      const names = g.getOperations().map((o) => o.name).filter((n) => n.startsWith('save/'));
      expect(names).toEqual([
        'save/Const', 'save/SaveV2/tensor_names', 'save/SaveV2/shape_and_slices', 'save/SaveV2', 'save/control_dependency',
        'save/RestoreV2/tensor_names', 'save/RestoreV2/shape_and_slices', 'save/RestoreV2', 'save/Assign', 'save/Assign_1',
        'save/restore_all',
      ]);
      expect(g.getOperationByName('save/Assign').inputs[0]?.op.name).toBe('a');
      expect(g.getOperationByName('save/Assign_1').inputs[0]?.op.name).toBe('b');
      expect(s.toSaverDef()).toEqual({
        filenameTensorName: 'save/Const:0', saveTensorName: 'save/control_dependency:0', restoreOpName: 'save/restore_all',
        maxToKeep: 5, sharded: false, keepCheckpointEveryNHours: 10000, version: 2,
      });
      expect(new Saver().saverDef?.restoreOpName).toBe('save_1/restore_all');
      expect(new Saver({ name: 'saver0' }).saverDef?.restoreOpName).toBe('saver0/restore_all');
      return {};
    });
  });

  it('globalStep suffixes the prefix; int64 values round-trip exactly', async () => {
    const dir = tempDir();
    const a = build(() => {
      const big = new Variable(constant(2n ** 40n + 3n, { dtype: 'int64' }), { name: 'big' });
      return { big, saver: new Saver() };
    });
    const sess = session(a.g);
    await sess.run(a.big.initializer);
    expect(await a.saver.save(sess, join(dir, 'model.ckpt'), { globalStep: 1000 })).toBe(join(dir, 'model.ckpt-1000'));
    const reader = await CheckpointReader.open(join(dir, 'model.ckpt-1000'));
    expect(reader.dtype('big')).toBe('int64');
    expect([...(await reader.read('big')).data as BigInt64Array]).toEqual([2n ** 40n + 3n]);
    await reader.close();
    await sess.close();
  });
});

describe('SEED 6.3, 6.4: subsets, renamed keys and partial restore', () => {
  it('a saver over {my_v2: v2} saves only v2 under the renamed key and restores it; v1 keeps its own value', async () => {
    const prefix = join(tempDir(), 'm');
    const a = build(() => {
      new Variable([1, 2, 3], { name: 'v1' });
      const v2 = new Variable([4, 5], { name: 'v2' });
      return { init: globalVariablesInitializer(), saver: new Saver({ varList: { my_v2: v2 } }) };
    });
    const sa = session(a.g);
    await sa.run(a.init);
    await a.saver.save(sa, prefix);
    await sa.close();
    const reader = await CheckpointReader.open(prefix);
    expect(reader.keys()).toEqual(['my_v2']);
    await reader.close();

    const b = build(() => {
      const v1 = new Variable([7, 7, 7], { name: 'v1' });
      const v2 = new Variable([0, 0], { name: 'v2' });
      return { v1, v2, saver: new Saver({ varList: { my_v2: v2 } }) };
    });
    const sb = session(b.g);
    await sb.run(b.v1.initializer);
    await b.saver.restore(sb, prefix);
    expect(values(await sb.run(b.v2))).toEqual([4, 5]);
    expect(values(await sb.run(b.v1))).toEqual([7, 7, 7]);
    await sb.close();
  });

  it('restores 5 layers of a 6-layer model and initializes the 6th', async () => {
    const prefix = join(tempDir(), 'five');
    const layer = (i: number, init: number): Variable => new Variable(constant(init + i, { shape: [2, 2], dtype: 'float32' }), { name: `layer${i}/w` });
    const a = build(() => {
      for (let i = 0; i < 5; i++) layer(i, 10);
      return { init: globalVariablesInitializer(), saver: new Saver() };
    });
    const sa = session(a.g);
    await sa.run(a.init);
    await a.saver.save(sa, prefix);
    await sa.close();
    const b = build(() => {
      const layers = Array.from({ length: 6 }, (_, i) => layer(i, 100));
      return { layers, saver: new Saver({ varList: layers.slice(0, 5) }) };
    });
    const sb = session(b.g);
    await b.saver.restore(sb, prefix);
    await sb.run((b.layers[5] as Variable).initializer);
    const got = await sb.run(b.layers);
    expect(got.map((x) => (values(x) as number[][])[0]?.[0])).toEqual([10, 11, 12, 13, 14, 105]);
    await sb.close();
  });
});

async function savedForErrors(dir: string): Promise<string> {
  const a = build(() => {
    new Variable(constant([[1, 2, 3], [4, 5, 6]], { dtype: 'float32' }), { name: 'v0' });
    new Variable(constant([1, 2], { dtype: 'float32' }), { name: 'v1' });
    new Variable(constant([5, 5], { dtype: 'float32' }), { name: 'bias' });
    new Variable(constant([9], { dtype: 'float32' }), { name: 'v3_1' });
    return { init: globalVariablesInitializer(), saver: new Saver() };
  });
  const sess = session(a.g);
  await sess.run(a.init);
  const p = await a.saver.save(sess, join(dir, 'ckpt'));
  await sess.close();
  return p as string;
}

describe('SEED 6.6 / TF K3: restore errors change no variable', () => {
  it('a missing key names the key and near misses, and leaves every variable as it was', async () => {
    const prefix = await savedForErrors(tempDir());
    const b = build(() => {
      const v1 = new Variable(constant([0, 0], { dtype: 'float32' }), { name: 'v1' });
      const v3 = new Variable(constant([0], { dtype: 'float32' }), { name: 'v3' });
      const biases = new Variable(constant([0, 0], { dtype: 'float32' }), { name: 'biases' });
      return { v1, init: globalVariablesInitializer(), saver: new Saver({ varList: [v1, v3, biases] }) };
    });
    const sess = session(b.g);
    await sess.run(b.init);
    const err = await b.saver.restore(sess, prefix).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NotFoundError);
    const msg = (err as Error).message;
    expect(msg).toContain('Restoring from checkpoint failed. This is most likely due to a Variable name or other graph key that is missing from the checkpoint.');
    expect(msg).toContain('Key v3 not found in checkpoint');
    expect(msg).toContain("'v3_1' (same name with a _1 suffix)");
    expect(msg).toContain('Key biases not found in checkpoint');
    expect(msg).toContain("'bias' ('bias' instead of 'biases')");
    expect(values(await sess.run(b.v1))).toEqual([0, 0]);
    await sess.close();
  });

  it('a shape mismatch names both shapes (lhs = variable, rhs = stored) and changes nothing; reshape restores instead', async () => {
    const prefix = await savedForErrors(tempDir());
    const b = build(() => {
      const v1 = new Variable(constant([0, 0], { dtype: 'float32' }), { name: 'v1' });
      const v0 = new Variable(constant(0, { shape: [3, 2], dtype: 'float32' }), { name: 'v0' });
      return {
        v0, v1, init: globalVariablesInitializer(),
        strict: new Saver({ varList: [v1, v0] }), reshaping: new Saver({ varList: [v0], reshape: true }),
      };
    });
    const sess = session(b.g);
    await sess.run(b.init);
    const err = await b.strict.restore(sess, prefix).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InvalidArgumentError);
    expect((err as Error).message).toContain('Assign requires shapes of both tensors to match. lhs shape= [3,2] rhs shape= [2,3]');
    expect(values(await sess.run(b.v1))).toEqual([0, 0]);
    await b.reshaping.restore(sess, prefix);
    expect(values(await sess.run(b.v0))).toEqual([[1, 2], [3, 4], [5, 6]]);
    await sess.close();
  });

  it('a dtype mismatch names both dtypes with C++ names', async () => {
    const prefix = await savedForErrors(tempDir());
    const b = build(() => ({ saver: new Saver({ varList: [new Variable(constant([0, 0], { dtype: 'int32' }), { name: 'v1' })] }) }));
    const sess = session(b.g);
    const err = await b.saver.restore(sess, prefix).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InvalidArgumentError);
    expect((err as Error).message).toContain('tensor_name = v1; expected dtype int32 does not equal original dtype float');
    await sess.close();
  });

  it('bad paths, bad sessions, validation and empty savers', async () => {
    const b = build(() => {
      new Variable(1, { name: 'v' });
      return { saver: new Saver() };
    });
    const sess = session(b.g);
    const saver = b.saver;
    await expect(saver.restore(sess, 'invalid path')).rejects.toThrow(new ValueError('The passed save_path is not a valid checkpoint: invalid path'));
    await expect(saver.restore(sess, null)).rejects.toThrow("Can't load save_path when it is None.");
    await expect(saver.save({} as never, 'x')).rejects.toThrow("'sess' must be a Session");
    const missing = join(tempDir(), 'nonexisting_dir', 'path');
    await expect(saver.save(sess, missing)).rejects.toThrow(`Parent directory of ${missing} doesn't exist, can't save.`);
    await expect(saver.save(sess, join(tempDir(), 'checkpoint'))).rejects.toThrow("'latest_filename' collides with 'save_path'");
    await expect(saver.save(sess, join(tempDir(), 'm'), { latestFilename: 'a/b' })).rejects.toThrow("'latest_filename' must not contain path components");
    await sess.close();
    build(() => {
      expect(() => new Saver()).toThrow('No variables to save');
      expect(new Saver({ allowEmpty: true }).saverDef).toBeNull();
      const v0 = new Variable(1, { name: 'v0' });
      expect(() => new Saver({ varList: { a: v0, b: v0 } })).toThrow('The same saveable will be restored with two names: v0');
      expect(() => new Saver({ varList: 3 as never })).toThrow('Variables to save should be passed in a dict or a list');
      expect(() => new Saver({ varList: [constant(1)] as never })).toThrow('Not a variable:');
      return {};
    });
  });
});

describe('sharded savers', () => {
  it('writes one data shard per device, merges the index, and restores into another graph', async () => {
    const dir = tempDir();
    const prefix = join(dir, 'sharded');
    const a = build((g) => {
      g.device('/cpu:0', () => new Variable([1, 2], { name: 'a' }));
      g.device('/cpu:1', () => new Variable([3, 4, 5], { name: 'b' }));
      return { init: globalVariablesInitializer(), saver: new Saver({ sharded: true }) };
    });
    expect(a.g.findOperation('save/MergeV2Checkpoints')?.type).toBe('MergeV2Checkpoints');
    const sa = session(a.g, { allowSoftPlacement: true });
    await sa.run(a.init);
    expect(await a.saver.save(sa, prefix)).toBe(prefix);
    await sa.close();
    expect(readdirSync(dir).filter((f) => f.startsWith('sharded')).sort()).toEqual([
      'sharded.data-00000-of-00002', 'sharded.data-00001-of-00002', 'sharded.index', 'sharded.meta',
    ]);
    expect(readdirSync(dir).some((f) => f.includes('_temp_'))).toBe(false);
    const reader = await CheckpointReader.open(prefix);
    expect(Array.from((await reader.read('b')).data as Float32Array)).toEqual([3, 4, 5]);
    await reader.close();
    const b = build(() => ({ a: new Variable([0, 0], { name: 'a' }), b: new Variable([0, 0, 0], { name: 'b' }), saver: new Saver() }));
    const sb = session(b.g);
    await b.saver.restore(sb, prefix);
    expect((await sb.run([b.a, b.b])).map(values)).toEqual([[1, 2], [3, 4, 5]]);
    await sb.close();
    expect(existsSync(`${prefix}.index`)).toBe(true);
  });
});
