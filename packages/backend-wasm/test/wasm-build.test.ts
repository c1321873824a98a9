import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const hasEmcc = (() => {
  try {
    execFileSync('emcc', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
const inCi = process.env['CI'] === 'true';
const requested = inCi || process.env['VS_CHECK_WASM'] === '1';

// The shipped kernels.wasm must be exactly what wasm/build.sh makes from the committed
// sources. The rebuild costs about a minute of CPU, so it runs in CI (CI=true, where a missing
// emcc is a failure) or on request (VS_CHECK_WASM=1), not in every local test run.
describe('the shipped kernels.wasm', () => {
  it.runIf(requested)('is byte-identical to a fresh build from wasm/src (run `pnpm --filter @varscope/backend-wasm build:wasm -- --install` if not)', () => {
    expect(hasEmcc, 'emcc is required to check the shipped kernels.wasm (apt-get install emscripten)').toBe(true);
    const dir = mkdtempSync(join(tmpdir(), 'vs-wasm-'));
    try {
      const out = join(dir, 'kernels.wasm');
      execFileSync('sh', [fileURLToPath(new URL('../../../wasm/build.sh', import.meta.url))], {
        env: { ...process.env, VS_WASM_OUT: out, VS_CFLAGS: '' }, stdio: 'pipe',
      });
      const fresh = readFileSync(out);
      const shipped = readFileSync(new URL('../src/kernels.wasm', import.meta.url));
      expect(fresh.equals(shipped), 'src/kernels.wasm is stale').toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 600_000);

  it.skipIf(requested)('rebuild check skipped: runs with CI=true or VS_CHECK_WASM=1', () => {});
});
