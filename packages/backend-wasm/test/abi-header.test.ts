import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderAbiHeader } from '../scripts/abi-header.js';

describe('wasm/include/vs_ops.h', () => {
  it('is current with the op schema (regenerate with `pnpm --filter @varscope/backend-wasm generate:abi`)', () => {
    const committed = readFileSync(new URL('../../../wasm/include/vs_ops.h', import.meta.url), 'utf8');
    expect(committed).toBe(renderAbiHeader());
  });
});
