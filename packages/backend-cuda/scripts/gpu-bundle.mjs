#!/usr/bin/env node
// Packs a self-contained GPU run into <repo>/.gpu-run/ for machines with a GPU, CUDA and
// PyTorch but no Node.js and no network (docs/benchmarks/cuda.md):
//   node.xz             this Node binary, xz-compressed
//   varscope_cuda.node  the built addon
//   gpu-run.mjs         scripts/gpu-run.ts bundled by esbuild (kernel cases vs the reference backend, benchmarks)
//   torch-baseline.py   the same workloads in PyTorch, for ratios measured in the same session
//   run.sh              runs it all, then the kernel cases again under compute-sanitizer
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '..', '..', '..');
const addon = join(repo, 'native', 'cuda', 'build', 'Release', 'varscope_cuda.node');
const out = join(repo, '.gpu-run');

if (!existsSync(addon)) {
  console.error('gpu-bundle: build the addon first: VARSCOPE_CUDA_BUILD=required pnpm --filter @varscope/backend-cuda build');
  process.exit(1);
}
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

await build({
  entryPoints: [join(here, 'gpu-run.ts')],
  outfile: join(out, 'gpu-run.mjs'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  conditions: ['@varscope/source'],
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  logLevel: 'warning',
});
copyFileSync(addon, join(out, 'varscope_cuda.node'));
copyFileSync(join(here, 'torch-baseline.py'), join(out, 'torch-baseline.py'));
execFileSync('sh', ['-c', `xz -T0 -6 -c "${process.execPath}" > "${join(out, 'node.xz')}"`], { stdio: 'inherit' });
writeFileSync(join(out, 'run.sh'), `#!/bin/sh
# The CUDA backend's GPU run: kernel cases against the reference backend, benchmarks with
# PyTorch ratios, then the kernel cases under compute-sanitizer. Results go to $OUT (or ./out).
set -u
cd "$(dirname "$0")"
OUT="\${OUT:-$PWD/out}"
mkdir -p "$OUT"
[ -x ./node ] || { xz -dc node.xz > node && chmod +x node; }
{ nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv; date -u; } > "$OUT/device.txt" 2>&1
python3 torch-baseline.py "$OUT/torch.json" \${QUICK:+--quick} > "$OUT/torch.txt" 2>&1 || echo "torch baseline failed (see torch.txt)"
./node gpu-run.mjs --out "$OUT" \${QUICK:+--quick} $( [ -s "$OUT/torch.json" ] && echo --torch "$OUT/torch.json") 2>&1 | tee "$OUT/run.txt"
compute-sanitizer --tool memcheck --error-exitcode 3 ./node gpu-run.mjs --cases-only --out "$OUT/sanitizer" > "$OUT/sanitizer.txt" 2>&1
echo "compute-sanitizer memcheck exit code: $?" | tee -a "$OUT/sanitizer.txt"
`);
chmodSync(join(out, 'run.sh'), 0o755);
const mb = (f) => (statSync(join(out, f)).size / 2 ** 20).toFixed(1);
console.log(`gpu-bundle: wrote ${out}: node.xz ${mb('node.xz')} MiB, varscope_cuda.node ${mb('varscope_cuda.node')} MiB, gpu-run.mjs ${mb('gpu-run.mjs')} MiB`);
