// The GPU run: everything the CUDA backend needs checked on a real GPU, as one script that
// esbuild bundles (with the reference backend as the oracle) for machines without Node
// packages. See gpu-bundle.mjs, which packs it with Node itself and the built addon. It runs
// the package's own kernel cases and every kernel case of the shared conformance suite (the
// same data and comparison that `describeKernelBackend` registers in vitest), then benchmarks.
//
//   node gpu-run.mjs [--cases-only] [--quick] [--torch torch.json] [--out DIR]
//
// Prints each check and benchmark; writes results.json and results.md into --out.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createReferenceBackend } from '@varscope/backend-reference';
import { compareTensors, runKernelCase, toData, unsupportedReason } from '@varscope/conformance';
import { kernelCases } from '@varscope/conformance/cases';
import type { DType, KernelBackend, TensorRef } from '@varscope/kernel-api';
import { createCudaBackend } from '../src/index.js';
import type { CudaBackend } from '../src/index.js';
import { runCase } from '../test/case-runner.js';
import { mismatches } from '../test/compare.js';
import { KERNEL_CASES } from '../test/kernel-cases.js';

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(name);
const option = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const here = dirname(fileURLToPath(import.meta.url));
const addonPath = process.env.VARSCOPE_CUDA_ADDON ?? join(here, 'varscope_cuda.node');
const outDir = option('--out') ?? here;
const quick = flag('--quick');

interface Row { group: string; case: string; value: number; unit: string; torch?: number; ratio?: number; notes?: string }
const rows: Row[] = [];
const failures: string[] = [];

async function checkCases(cuda: CudaBackend, reference: KernelBackend): Promise<void> {
  const loose = new Set(['Conv2D', 'Conv2DBackpropInput', 'Conv2DBackpropFilter', 'MatMul', 'BatchMatMulV2', 'Sum',
    'Mean', 'Prod', 'L2Loss', 'BiasAddGrad', 'Pow']);
  for (const c of KERNEL_CASES) {
    try {
      const want = await runCase(reference, c);
      const got = await runCase(cuda, c);
      const [rtol, atol] = loose.has(c.op) ? [1e-4, 1e-4] : [2e-6, 1e-6];
      const bad = got.flatMap((g, i) => mismatches(g, want[i]!, rtol, atol).map((m) => `output ${i} ${m}`));
      if (bad.length > 0) failures.push(`${c.name}: ${bad.join('; ')}`);
      console.log(`${bad.length === 0 ? 'ok  ' : 'FAIL'} ${c.name}${bad.length ? `  ${bad.join('; ')}` : ''}`);
    } catch (e) {
      failures.push(`${c.name}: ${e instanceof Error ? e.message : String(e)}`);
      console.log(`FAIL ${c.name}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  const stats = cuda.stats();
  if (stats.liveHandles !== 0) failures.push(`leaked ${stats.liveHandles} handles`);
}

/** Outcome counts of the shared conformance cases, and why each skipped case was skipped. */
const conformance = { passed: 0, failed: [] as string[], skipped: new Map<string, number>() };

/** Every conformance kernel case the backend supports, checked as the vitest suite checks it. */
async function checkConformanceCases(cuda: CudaBackend, reference: KernelBackend): Promise<void> {
  for (const cases of Object.values(kernelCases())) {
    for (const c of cases) {
      const reason = unsupportedReason(cuda, c);
      if (reason !== null) {
        conformance.skipped.set(reason, (conformance.skipped.get(reason) ?? 0) + 1);
        continue;
      }
      const before = cuda.stats().liveHandles;
      let problem: string | null = null;
      try {
        if (c.throws !== undefined) {
          problem = await runKernelCase(cuda, c).then(() => `expected an error matching '${c.throws}'`, (e: unknown) => {
            const message = e instanceof Error ? e.message : String(e);
            return message.includes(c.throws!) ? null : `threw '${message}', expected '${c.throws}'`;
          });
        } else {
          const got = await runKernelCase(cuda, c);
          const want = c.expected !== undefined
            ? c.expected.map((t) => ({ dtype: t.dtype, shape: t.shape, data: toData(t) }))
            : (await runKernelCase(reference, c)).tensors;
          if (got.tensors.length !== want.length) problem = `${got.tensors.length} outputs, expected ${want.length}`;
          for (let i = 0; problem === null && i < want.length; i++) {
            const diff = compareTensors(want[i]!.dtype, got.tensors[i]!.data, want[i]!.data, c.tolerance, cuda.capabilities.tolerance);
            if (diff !== null) problem = `output ${i}: ${diff}`;
          }
        }
      } catch (e) {
        problem = e instanceof Error ? e.message : String(e);
      }
      if (problem === null && cuda.stats().liveHandles !== before) problem = `leaked ${cuda.stats().liveHandles - before} handles`;
      if (problem === null) conformance.passed++;
      else conformance.failed.push(`${c.id}: ${problem}`);
      console.log(`${problem === null ? 'ok  ' : 'FAIL'} conformance ${c.id}${problem === null ? '' : `  ${problem}`}`);
    }
  }
}

function tensor(backend: KernelBackend, dtype: DType, shape: number[], fill?: (i: number) => number): TensorRef {
  const ref = { handle: backend.allocate(dtype, shape), dtype, shape };
  if (fill) {
    const n = shape.reduce((a, b) => a * b, 1);
    const data = dtype === 'int32' ? new Int32Array(n) : new Float32Array(n);
    for (let i = 0; i < n; i++) data[i] = fill(i);
    backend.upload(ref, data);
  }
  return ref;
}

/** Median seconds per iteration of `body` (each timed block ends with a sync). */
async function timeIt(backend: CudaBackend, body: () => void, iterations: number, repeats = 5): Promise<number> {
  body();
  await backend.sync();
  const samples: number[] = [];
  for (let r = 0; r < repeats; r++) {
    const t0 = performance.now();
    for (let i = 0; i < iterations; i++) body();
    await backend.sync();
    samples.push((performance.now() - t0) / 1000 / iterations);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)]!;
}

async function benchmarks(torch: Record<string, number>): Promise<void> {
  for (const tf32 of [false, true]) {
    const cuda = createCudaBackend({ addonPath, allowTf32: tf32 });
    await cuda.init();
    for (const n of quick ? [1024] : [1024, 2048, 4096, 8192]) {
      const a = tensor(cuda, 'float32', [n, n], (i) => ((i * 7) % 13) / 13);
      const b = tensor(cuda, 'float32', [n, n], (i) => ((i * 5) % 11) / 11);
      const c = tensor(cuda, 'float32', [n, n]);
      const call = { op: 'MatMul', inputs: [a, b], outputs: [c], hostInputs: [], nodeName: 'bench',
        attrs: { transpose_a: false, transpose_b: false, T: 'float32' } };
      const s = await timeIt(cuda, () => cuda.doRun(call), n >= 4096 ? 3 : 10, 3);
      const tflops = (2 * n ** 3) / s / 1e12;
      const key = `matmul_${tf32 ? 'tf32' : 'f32'}_${n}`;
      rows.push({ group: `GEMM ${tf32 ? 'TF32' : 'strict f32'}`, case: `n=${n}`, value: tflops, unit: 'TFLOP/s',
        torch: torch[key], ratio: torch[key] ? tflops / torch[key]! : undefined });
      for (const r of [a, b, c]) cuda.release(r.handle);
    }
    cuda.dispose();
  }

  const cuda = createCudaBackend({ addonPath });
  await cuda.init();
  const n = (256 * 2 ** 20) / 4;  // 256 MiB of float32
  const x = tensor(cuda, 'float32', [n], (i) => i % 17);
  const y = tensor(cuda, 'float32', [n], (i) => i % 5);
  const z = tensor(cuda, 'float32', [n]);
  const add = { op: 'Add', inputs: [x, y], outputs: [z], hostInputs: [], nodeName: 'add', attrs: { T: 'float32' } };
  const addS = await timeIt(cuda, () => cuda.doRun(add), 10);
  const copy = { op: 'Identity', inputs: [x], outputs: [z], hostInputs: [], nodeName: 'copy', attrs: { T: 'float32' } };
  const copyS = await timeIt(cuda, () => cuda.doRun(copy), 10);
  const addGBs = (3 * n * 4) / addS / 1e9;
  const copyGBs = (2 * n * 4) / copyS / 1e9;
  rows.push({ group: 'elementwise', case: 'Add 256 MiB', value: addGBs, unit: 'GB/s', torch: torch.d2d_copy_gbs,
    ratio: torch.d2d_copy_gbs ? addGBs / torch.d2d_copy_gbs : undefined, notes: 'ratio: vs torch device-to-device copy' });
  rows.push({ group: 'elementwise', case: 'D2D copy 256 MiB (ours)', value: copyGBs, unit: 'GB/s', notes: `Add reaches ${(100 * addGBs / copyGBs).toFixed(0)}% of it` });

  const host = new Float32Array(n);
  const h2d = await timeIt(cuda, () => cuda.upload(x, host), 3, 3);
  rows.push({ group: 'transfer', case: 'H2D 256 MiB (pageable)', value: (n * 4) / h2d / 1e9, unit: 'GB/s', torch: torch.h2d_pinned_gbs,
    ratio: torch.h2d_pinned_gbs ? (n * 4) / h2d / 1e9 / torch.h2d_pinned_gbs : undefined, notes: 'torch: pinned' });
  const t0 = performance.now();
  for (let i = 0; i < 3; i++) await cuda.download(x);
  const d2h = (performance.now() - t0) / 3000;
  rows.push({ group: 'transfer', case: 'D2H 256 MiB', value: (n * 4) / d2h / 1e9, unit: 'GB/s', torch: torch.d2h_pinned_gbs,
    ratio: torch.d2h_pinned_gbs ? (n * 4) / d2h / 1e9 / torch.d2h_pinned_gbs : undefined, notes: 'torch: pinned' });
  for (const r of [x, y, z]) cuda.release(r.handle);

  const s1 = tensor(cuda, 'float32', [1], () => 1);
  const s2 = tensor(cuda, 'float32', [1], () => 2);
  const s3 = tensor(cuda, 'float32', [1]);
  const tiny = { op: 'Add', inputs: [s1, s2], outputs: [s3], hostInputs: [], nodeName: 'tiny', attrs: { T: 'float32' } };
  const launches = 20000;
  for (let i = 0; i < 1000; i++) cuda.doRun(tiny);
  await cuda.sync();
  const l0 = performance.now();
  for (let i = 0; i < launches; i++) cuda.doRun(tiny);
  const enqueueUs = ((performance.now() - l0) * 1000) / launches;
  await cuda.sync();
  rows.push({ group: 'launch', case: 'doRun(Add [1]) from JS', value: enqueueUs, unit: 'µs/op', notes: 'enqueue cost; target ≤ 10 µs' });
  for (const r of [s1, s2, s3]) cuda.release(r.handle);
  cuda.dispose();
}

const cuda = createCudaBackend({ addonPath });
await cuda.init();
console.log(`device: ${cuda.device.name} (sm_${cuda.device.computeCapability.replace('.', '')}), driver ${cuda.probe?.driverVersion}, runtime ${cuda.probe?.runtimeVersion}`);
const reference = createReferenceBackend();
await reference.init();
await checkCases(cuda, reference);
await checkConformanceCases(cuda, reference);
reference.dispose();
cuda.dispose();
failures.push(...conformance.failed.map((f) => `conformance ${f}`));
if (!flag('--cases-only')) {
  const torchFile = option('--torch');
  const torch = torchFile ? (JSON.parse(readFileSync(torchFile, 'utf8')) as Record<string, number>) : {};
  await benchmarks(torch);
  for (const r of rows) {
    console.log(`${r.group.padEnd(18)} ${r.case.padEnd(26)} ${r.value.toFixed(2).padStart(9)} ${r.unit}` +
      `${r.torch !== undefined ? `  torch ${r.torch.toFixed(2)}` : ''}${r.ratio !== undefined ? `  ratio ${r.ratio.toFixed(2)}` : ''}` +
      `${r.notes ? `  (${r.notes})` : ''}`);
  }
}
mkdirSync(outDir, { recursive: true });
const device = { name: cuda.probe?.devices[0]?.name, driverVersion: cuda.probe?.driverVersion, runtimeVersion: cuda.probe?.runtimeVersion };
writeFileSync(join(outDir, 'results.json'), JSON.stringify({
  date: new Date().toISOString(), node: process.version, device, failures, rows,
  conformance: { passed: conformance.passed, failed: conformance.failed, skipped: Object.fromEntries(conformance.skipped) },
}, null, 2));
writeFileSync(join(outDir, 'results.md'), [
  `# CUDA backend on ${device.name} (${new Date().toISOString().slice(0, 10)})`, '',
  `Driver ${device.driverVersion}, CUDA runtime ${device.runtimeVersion}, Node ${process.version}.`, '',
  `Kernel cases of this package against the reference backend: ${KERNEL_CASES.length - (failures.length - conformance.failed.length)}/${KERNEL_CASES.length} pass.`,
  `Conformance kernel cases: ${conformance.passed} pass, ${conformance.failed.length} fail, ` +
    `${[...conformance.skipped.values()].reduce((a, b) => a + b, 0)} skipped (op or dtype without a CUDA kernel; reasons in results.json).`,
  ...failures.map((f) => `- FAIL ${f}`), '',
  '| group | case | value | torch | ratio | notes |', '|---|---|---|---|---|---|',
  ...rows.map((r) => `| ${r.group} | ${r.case} | ${r.value.toFixed(2)} ${r.unit} | ${r.torch?.toFixed(2) ?? ''} | ${r.ratio?.toFixed(2) ?? ''} | ${r.notes ?? ''} |`),
  '',
].join('\n'));
console.log(failures.length === 0 ? 'all kernel cases pass (package and conformance)' : `${failures.length} kernel cases FAIL`);
process.exitCode = failures.length === 0 ? 0 : 1;
