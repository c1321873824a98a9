import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { CheckpointWriter } from '../src/index.js';
import { runCli } from '../src/cli/program.js';
import { NO_PROGRESS, type CliIo } from '../src/cli/io.js';
import { HAVE_FIXTURES, fixturePath } from './helpers/fixtures.js';

const work = mkdtempSync(join(tmpdir(), 'ckpt-cli-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function cli(...argv: string[]): Promise<{ status: number; out: string; err: string; progress: number }> {
  let out = '';
  let err = '';
  let progress = 0;
  const io: CliIo = {
    out: (t) => (out += t),
    err: (t) => (err += t),
    progress: () => ({ update: () => void progress++, stop: NO_PROGRESS.stop }),
  };
  const status = await runCli(argv, io);
  return { status, out, err, progress };
}

async function writeSample(name: string, scale: number, extra = false): Promise<string> {
  const prefix = join(work, name, 'model.ckpt');
  const w = await CheckpointWriter.create(prefix);
  await w.add('w', { dtype: 'float32', shape: [2, 2], data: new Float32Array([0.1, 0.2, 0.3, 0.4].map((v) => v * scale)) });
  await w.add('step', { dtype: 'int64', shape: [], data: new BigInt64Array([7n]) });
  await w.add('names', { dtype: 'string', shape: [2], data: ['a', 'b\n'] });
  if (extra) await w.add('extra', { dtype: 'bool', shape: [2], data: new Uint8Array([1, 0]) });
  await w.finish();
  return prefix;
}

describe('varscope-ckpt', () => {
  it('inspect prints the debug string, names, values and JSON', async () => {
    const p = await writeSample('a', 1);
    expect(await cli('inspect', p)).toMatchObject({ status: 0, out: 'names (DT_STRING) [2]\nstep (DT_INT64) []\nw (DT_FLOAT) [2,2]\n' });
    expect((await cli('inspect', '--names', `${p}.index`)).out).toBe('names\nstep\nw\n');
    expect((await cli('inspect', '--tensor', 'w', p)).out).toBe('tensor_name:  w\n[[0.1 0.2]\n [0.3 0.4]]\n');
    expect((await cli('inspect', '-a', p)).out).toBe(
      "tensor_name:  names\n[b'a' b'b\\n']\ntensor_name:  step\n7\ntensor_name:  w\n[[0.1 0.2]\n [0.3 0.4]]\n");
    const json = JSON.parse((await cli('inspect', '--json', '--all', p)).out) as { tensors: { name: string; values: unknown[] }[] };
    expect(json.tensors.map((t) => [t.name, t.values])).toEqual([['names', ['a', 'b\n']], ['step', ['7']], ['w', [0.10000000149011612, 0.20000000298023224, 0.30000001192092896, 0.4000000059604645]]]);
    const missing = await cli('inspect', '--tensor', 'nope', p);
    expect(missing).toMatchObject({ status: 2, err: 'NotFoundError: Key nope not found in checkpoint\n' });
  });

  it('verify exits 0 for a good checkpoint and 1 for a corrupt one', async () => {
    const p = await writeSample('v', 1);
    const ok = await cli('verify', p);
    expect(ok.status).toBe(0);
    expect(ok.out).toMatch(/^OK .*model\.ckpt: 3 tensors, \d+ bytes; every block and tensor checksum matches\n$/);
    expect(ok.progress).toBeGreaterThan(0);
    const { openSync, writeSync, closeSync } = await import('node:fs');
    const fd = openSync(`${p}.data-00000-of-00001`, 'r+');
    writeSync(fd, new Uint8Array([0xee]), 0, 1, 3);
    closeSync(fd);
    const bad = await cli('verify', p);
    expect(bad.status).toBe(1);
    expect(bad.err).toMatch(/^DataLossError: .*Checksum does not match/);
    expect((await cli('verify', join(work, 'nothing-here'))).status).toBe(2);
  });

  it('diff reports added, removed and changed tensors with the max abs difference', async () => {
    const a = await writeSample('d1', 1);
    const b = await writeSample('d2', 2, true);
    const r = await cli('diff', a, b);
    expect(r.status).toBe(1);
    expect(r.out).toBe('+ extra (bool [2])\n~ w: values, max abs difference 0.4000000059604645\n1 added, 0 removed, 1 changed, 2 unchanged\n');
    expect((await cli('diff', a, a)).out).toBe('0 added, 0 removed, 0 changed, 3 unchanged\n');
    expect((await cli('diff', a, a)).status).toBe(0);
    expect((await cli('diff', '--tolerance', '0.5', a, b)).out).toContain('0 changed');
    expect((await cli('diff', '--tolerance', '-1', a, b)).status).toBe(2);
  });

  it.skipIf(!HAVE_FIXTURES)('reads V1 and TF2 fixtures and prints the object graph', async () => {
    const v1 = await cli('inspect', fixturePath('tf1-v1-neo', 'model.ckpt'));
    expect(v1.out).toBe('biases (DT_FLOAT) [2]\nweights (DT_FLOAT) [6,2]\n');
    const og = await cli('inspect', '--object-graph', fixturePath('tf2-keras-weights-sharded', 'model.ckpt'));
    expect(og.out.split('\n')[0]).toBe('0: layer-0=1 layer-1=2 layer-2=3 optimizer=4');
    expect(og.out).toContain('[layer-1/kernel/.ATTRIBUTES/VARIABLE_VALUE]');
    const summarized = await cli('inspect', '-t', 'conv2_1/Variable', fixturePath('tf1-momentum-resnet', 'save_net.ckpt'));
    expect(summarized.status).toBe(0);
    expect(summarized.out).toContain('...');
  });

  it('usage errors exit 2 with help', async () => {
    const r = await cli('inspect');
    expect(r.status).toBe(2);
    expect(r.err).toContain("missing required argument 'prefix'");
    expect((await cli('--help')).status).toBe(0);
  });

  const bin = fileURLToPath(new URL('../dist/cli/bin.js', import.meta.url));
  it.skipIf(!existsSync(bin))('the built binary runs (dist/cli/bin.js)', async () => {
    const p = await writeSample('bin', 1);
    const r = spawnSync(process.execPath, [bin, 'inspect', '--names', p], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('names\nstep\nw\n');
  });
});
