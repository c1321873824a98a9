// Writes wasm/include/vs_ops.h. Usage: pnpm --filter @varscope/backend-wasm generate:abi
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderAbiHeader } from './abi-header.js';

const target = fileURLToPath(new URL('../../../wasm/include/vs_ops.h', import.meta.url));
writeFileSync(target, renderAbiHeader());
console.log(`wrote ${target}`);
