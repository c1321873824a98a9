import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createReferenceBackend } from '@varscope/backend-reference';
import { ConformanceReportError, REPORT_ENV, parseReportFile, renderSupportMatrix } from '../src/index.js';
import type { BackendReport } from '../src/index.js';
import { ReportRecorder } from '../src/report/report-recorder.js';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});
const scratch = async () => {
  const d = await mkdtemp(join(tmpdir(), 'conformance-report-'));
  dirs.push(d);
  return d;
};

function report(backend: string, cases: BackendReport['cases'], kernels: BackendReport['kernels'] = { Add: ['float32', 'int32'] }): BackendReport {
  return { backend, deviceType: 'CPU', kernels, date: '2026-01-02T00:00:00.000Z', node: 'v20', cases };
}

describe('report file', () => {
  it('is written only when the environment names a file, and merges backends', async () => {
    const dir = await scratch();
    const file = join(dir, 'sub', 'report.json');
    const a = new ReportRecorder('a');
    a.record({ id: 'Add/float32/x', kind: 'kernel', group: 'binary', op: 'Add', dtype: 'float32', status: 'passed', expectedFailure: false });
    const backend = createReferenceBackend();
    const declared = { deviceType: backend.deviceType, capabilities: backend.capabilities };
    expect(await a.writeIfRequested(a.build(declared, undefined), {})).toBeUndefined();
    expect(await a.writeIfRequested(a.build(declared, undefined), { [REPORT_ENV]: file })).toBe(file);
    const b = new ReportRecorder('b');
    await b.writeIfRequested(b.build(undefined, 'no GPU'), { [REPORT_ENV]: file });
    const parsed = parseReportFile(file, await readFile(file, 'utf8'));
    expect(Object.keys(parsed.backends).sort()).toEqual(['a', 'b']);
    expect(parsed.backends.a?.cases).toHaveLength(1);
    expect(parsed.backends.a?.kernels.Add).toContain('float32');
    expect(parsed.backends.b?.unavailable).toBe('no GPU');
    backend.dispose();
  });

  it('substitutes {backend} in the file name', async () => {
    const dir = await scratch();
    const r = new ReportRecorder('wasm');
    const written = await r.writeIfRequested(r.build(undefined, 'x'), { [REPORT_ENV]: join(dir, '{backend}.json') });
    expect(written).toBe(join(dir, 'wasm.json'));
  });

  it('rejects a file that is not a report, naming it', async () => {
    const dir = await scratch();
    const file = join(dir, 'bad.json');
    await writeFile(file, '{"format": "other"}');
    const r = new ReportRecorder('a');
    await expect(r.writeIfRequested(r.build(undefined, 'x'), { [REPORT_ENV]: file })).rejects.toThrow(ConformanceReportError);
    expect(() => parseReportFile('x.json', 'not json')).toThrow(/x\.json: not JSON/);
  });
});

describe('support matrix', () => {
  const reports = [
    report('one', [
      { id: 'Add/float32/a', kind: 'kernel', group: 'binary', op: 'Add', dtype: 'float32', status: 'passed', expectedFailure: false },
      { id: 'Add/float32/b', kind: 'kernel', group: 'binary', op: 'Add', dtype: 'float32', status: 'failed', expectedFailure: true, reason: 'x' },
      { id: 'Add/int32/a', kind: 'kernel', group: 'binary', op: 'Add', dtype: 'int32', status: 'failed', expectedFailure: false, reason: 'y' },
      { id: '6.2', kind: 'scenario', group: '§6', status: 'skipped', expectedFailure: false, reason: 'no | Saver' },
    ]),
    report('two', [
      { id: 'Add/float32/a', kind: 'kernel', group: 'binary', op: 'Add', dtype: 'float32', status: 'passed', expectedFailure: false },
      { id: 'Add/int32/a', kind: 'kernel', group: 'binary', op: 'Add', dtype: 'int32', status: 'skipped', expectedFailure: false, reason: 'no kernel' },
      { id: '6.2', kind: 'scenario', group: '§6', status: 'passed', expectedFailure: false },
    ], { Add: ['float32'] }),
  ];
  const md = renderSupportMatrix(reports);

  it('summarises each backend', () => {
    expect(md).toContain('| one | CPU | 1 | 1 | 1 | 1 | 2026-01-02 |');
    expect(md).toContain('| two | CPU | 2 | 0 | 0 | 1 | 2026-01-02 |');
  });
  it('has a row per op × dtype and a column per backend', () => {
    expect(md).toContain('| op | dtype | one | two |');
    expect(md).toContain('| Add | float32 | ⚠️ 1/2 (1 known) | ✅ 1/1 |');
    expect(md).toContain('| Add | int32 | ❌ 0/1 | — |');
  });
  it('lists scenarios with skip reasons, escaping table pipes', () => {
    expect(md).toContain('| 6.2 | skipped: no \\| Saver | ✅ |');
  });
  it('is deterministic whatever the report order', () => {
    expect(renderSupportMatrix([...reports].reverse())).toBe(md);
  });
});
