#!/usr/bin/env node
// Builds native/cuda (the CUDA addon) with cmake-js when a CUDA toolkit is present.
//
// Without nvcc (or CMake) this prints why it skipped and exits 0: installing and building the
// monorepo never fails for lack of CUDA. A failing compile also exits 0 after printing the
// error, unless VARSCOPE_CUDA_BUILD=required; the backend's tests then fail, because they
// expect an addon wherever nvcc exists. No downloads: Node-API headers come from the
// node-api-headers package that cmake-js depends on.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '..', '..', '..');
const source = join(repo, 'native', 'cuda');
const out = join(source, 'build');
const required = process.env.VARSCOPE_CUDA_BUILD === 'required';
const log = (msg) => console.log(`backend-cuda: ${msg}`);

function skip(reason) {
  if (required) {
    console.error(`backend-cuda: cannot build the CUDA addon: ${reason}`);
    process.exit(1);
  }
  log(`skipping the CUDA addon build: ${reason}. The JavaScript package builds; createCudaBackend().init() will explain what is missing.`);
  process.exit(0);
}

if (process.env.VARSCOPE_CUDA_BUILD === 'skip') skip('VARSCOPE_CUDA_BUILD=skip');
if (process.platform !== 'linux') skip(`the CUDA addon is built on Linux only (this is ${process.platform})`);

/** The real nvcc (not a wrapper script), so CMake finds the toolkit next to it. */
function findNvcc() {
  const candidates = [];
  if (process.env.CUDACXX) candidates.push(process.env.CUDACXX);
  for (const root of [process.env.CUDA_HOME, process.env.CUDA_PATH]) if (root) candidates.push(join(root, 'bin', 'nvcc'));
  candidates.push('nvcc');
  for (const nvcc of candidates) {
    const probe = spawnSync(nvcc, ['--dryrun', '-c', 'probe.cu'], { encoding: 'utf8' });
    if (probe.error) continue;
    const top = /^#\$ _HERE_=(.+)$/m.exec(`${probe.stdout}${probe.stderr}`);
    const real = top ? join(top[1].trim(), 'nvcc') : nvcc;
    if (existsSync(real) || real === nvcc) return real;
  }
  return undefined;
}

const nvcc = findNvcc();
if (!nvcc) skip('nvcc was not found (put the CUDA toolkit\'s bin/ on PATH, or set CUDACXX or CUDA_HOME)');
const cmake = spawnSync('cmake', ['--version'], { encoding: 'utf8' });
if (cmake.error) skip('cmake was not found (install CMake >= 3.18)');

const require = createRequire(import.meta.url);
const cmakeJs = join(dirname(require.resolve('cmake-js/package.json')), 'bin', 'cmake-js');
const addonApiDir = dirname(require.resolve('node-addon-api/package.json'));
const args = [
  cmakeJs, 'build',
  '--directory', source,
  '--out', out,
  '--config', 'Release',
  '--parallel', String(Math.max(1, cpus().length)),
  `--CDCMAKE_CUDA_COMPILER=${nvcc}`,
  `--CDNODE_ADDON_API_DIR=${addonApiDir}`,
];
if (process.env.VARSCOPE_CUDA_ARCHITECTURES) args.push(`--CDVARSCOPE_CUDA_ARCHITECTURES=${process.env.VARSCOPE_CUDA_ARCHITECTURES}`);

log(`building native/cuda with ${nvcc}`);
const started = Date.now();
const result = spawnSync(process.execPath, args, { stdio: 'inherit', cwd: source });
const seconds = ((Date.now() - started) / 1000).toFixed(1);
if (result.status !== 0) {
  const message = `the CUDA addon failed to compile (exit ${result.status ?? result.signal}) after ${seconds}s; see the output above`;
  if (required) {
    console.error(`backend-cuda: ${message}`);
    process.exit(1);
  }
  log(`warning: ${message}. Continuing without it.`);
  process.exit(0);
}
// A copy inside the package, so turbo can cache and restore it with the build's outputs.
const packaged = join(here, '..', 'build', 'varscope_cuda.node');
mkdirSync(dirname(packaged), { recursive: true });
copyFileSync(join(out, 'Release', 'varscope_cuda.node'), packaged);
log(`built native/cuda/build/Release/varscope_cuda.node in ${seconds}s (copied to packages/backend-cuda/build/)`);
