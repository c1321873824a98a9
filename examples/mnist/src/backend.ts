// The CPU backend: WebAssembly by default, the reference backend on request or when the
// WebAssembly module cannot start here (the reason is printed).
import { createReferenceBackend } from '@varscope/backend-reference';
import { createWasmBackend } from '@varscope/backend-wasm';
import type { DeviceBackends } from '@varscope/core';

type KernelBackend = NonNullable<DeviceBackends['CPU']>;

export async function chooseBackend(requested: string): Promise<KernelBackend> {
  if (requested === 'reference') return createReferenceBackend();
  if (requested !== 'wasm') throw new Error(`--backend must be 'wasm' or 'reference', got '${requested}'`);
  const wasm = createWasmBackend();
  try {
    await wasm.init();
    return wasm;
  } catch (error) {
    console.warn(`The WASM backend is unavailable (${(error as Error).message}); using the reference backend.`);
    return createReferenceBackend();
  }
}
