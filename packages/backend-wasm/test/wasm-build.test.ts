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

// The shipped kernels.wasm must be exactly what wasm/build.sh makes from the committed
// sources: rebuilt here whenever emscripten is present, and always in CI.
describe('the shipped kernels.wasm', () => {
  it.runIf(hasEmcc || inCi)('is byte-identical to a fresh build from wasm/src (run `pnpm --filter @varscope/backend-wasm build:wasm -- --install` if not)', () => {
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
  }, 180_000);

  it.skipIf(hasEmcc || inCi)('rebuild check skipped: emcc is not installed (apt-get install emscripten)', () => {});
});
