// The tiled GEMM kernel's index math and barriers, checked without a GPU: native/cuda/test/
// gemm-emulation.cc compiles the kernel header for the host (CPU threads stand in for CUDA
// threads) and compares MatMul (float32, int32) and the three Conv2D passes with naive loops,
// in two thread orders so a shared-memory race shows. Needs a C++20 compiler and the CUDA
// headers (for the vector types); skipped with the reason otherwise.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const native = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'native', 'cuda');
const compiler = process.env.CXX ?? 'c++';

function cudaInclude(): string | undefined {
  const roots = [process.env.CUDA_PATH, process.env.CUDA_HOME, '/usr/local/cuda'];
  const nvcc = spawnSync('sh', ['-c', 'command -v nvcc'], { encoding: 'utf8' }).stdout.trim();
  if (nvcc !== '') roots.push(resolve(dirname(nvcc), '..'));
  return roots.filter((r): r is string => r !== undefined)
    .map((r) => join(r, 'include'))
    .find((dir) => existsSync(join(dir, 'cuda_runtime_api.h')));
}

const include = cudaInclude();
const hasCompiler = spawnSync(compiler, ['--version']).status === 0;
const skipReason = !hasCompiler ? `no C++ compiler ('${compiler}')`
  : include === undefined ? 'no CUDA headers (cuda_runtime_api.h under $CUDA_PATH, $CUDA_HOME, /usr/local/cuda or beside nvcc)'
    : undefined;

describe.skipIf(skipReason !== undefined)(`tiled GEMM on the host emulation${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  it('matches naive MatMul and Conv2D in both thread orders', () => {
    const dir = mkdtempSync(join(tmpdir(), 'varscope-gemm-'));
    try {
      const exe = join(dir, 'gemm-emulation');
      const build = spawnSync(compiler, [
        '-std=c++20', '-O1', '-fno-strict-aliasing', '-Wall', '-Wextra', '-Wno-unused-parameter', '-Wno-unknown-pragmas',
        `-I${include!}`, `-I${join(native, 'src')}`, `-I${join(native, 'src', 'kernels')}`,
        join(native, 'test', 'gemm-emulation.cc'), '-pthread', '-o', exe,
      ], { encoding: 'utf8' });
      expect(build.status, build.stderr).toBe(0);
      const run = spawnSync(exe, [], { encoding: 'utf8', maxBuffer: 16 * 2 ** 20 });
      const failed = run.stdout.split('\n').filter((l) => l.startsWith('FAIL'));
      expect(failed).toEqual([]);
      expect(run.status, run.stderr).toBe(0);
      expect(run.stdout).toMatch(/PASS: 0 failures/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 240_000);
});
