// Copies the shipped kernels.wasm next to the compiled loader (dist/), where
// `new URL('./kernels.wasm', import.meta.url)` finds it. Needs no emscripten.
import { copyFileSync, mkdirSync } from 'node:fs';

mkdirSync(new URL('../dist/', import.meta.url), { recursive: true });
copyFileSync(new URL('../src/kernels.wasm', import.meta.url), new URL('../dist/kernels.wasm', import.meta.url));
