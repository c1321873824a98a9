import { readFile } from 'node:fs/promises';
import { BackendUnavailableError } from '@varscope/kernel-api';
import { REQUIRED_EXPORTS, type KernelExports } from './kernel-exports.js';
import { webAssemblyApi } from './webassembly-api.js';

/** Where the kernels come from: bytes, or a URL / file path to read them from. */
export type WasmSource = Uint8Array | ArrayBuffer | URL | string;

/** The shipped module, next to this file's folder in both src/ and dist/. */
export const DEFAULT_WASM_URL = new URL('../kernels.wasm', import.meta.url);

async function readSource(source: WasmSource): Promise<Uint8Array> {
  if (source instanceof Uint8Array) return source;
  if (source instanceof ArrayBuffer) return new Uint8Array(source);
  const url = source instanceof URL ? source : /^[a-z][a-z0-9+.-]*:/i.test(source) && !/^[a-z]:[\\/]/i.test(source)
    ? new URL(source) : null;
  if (url === null || url.protocol === 'file:') return new Uint8Array(await readFile(url ?? (source as string)));
  const response = await fetch(url);
  if (!response.ok) throw new Error(`fetching ${url.href} gave HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

/** Host functions the module imports. */
export interface KernelImports {
  /** Called by the C allocator after it grew memory (views over the old buffer are detached). */
  onMemoryGrowth(): void;
}

/**
 * Reads, compiles and instantiates kernels.wasm. Every failure becomes a
 * `BackendUnavailableError` that says which source failed and why.
 */
export async function loadKernelModule(source: WasmSource | undefined, imports: KernelImports): Promise<KernelExports> {
  const where = source === undefined ? DEFAULT_WASM_URL.href
    : source instanceof Uint8Array || source instanceof ArrayBuffer ? 'the bytes given in options.wasm' : String(source);
  const wasm = webAssemblyApi();
  if (wasm === undefined) throw new BackendUnavailableError('wasm', 'this runtime has no WebAssembly');
  let bytes: Uint8Array;
  try {
    bytes = await readSource(source ?? DEFAULT_WASM_URL);
  } catch (cause) {
    throw new BackendUnavailableError('wasm', `cannot read the kernels from ${where}: ${(cause as Error).message}. `
      + 'The package ships kernels.wasm next to its dist/ files; pass options.wasm (bytes or a URL) if your bundler moved it.',
    { cause });
  }
  let instance: { exports: Record<string, unknown> };
  try {
    const module = await wasm.compile(bytes);
    instance = await wasm.instantiate(module, {
      env: {
        vs_host_log: Math.log,
        vs_host_sin: Math.sin,
        vs_host_cos: Math.cos,
        emscripten_notify_memory_growth: () => imports.onMemoryGrowth(),
      },
    });
  } catch (cause) {
    const simd = /simd|v128|opcode/i.test(String(cause))
      ? ' This runtime may lack WebAssembly SIMD (Node >= 16.4 and current browsers have it).' : '';
    throw new BackendUnavailableError('wasm', `cannot instantiate the kernels from ${where}: ${(cause as Error).message}.${simd}`,
      { cause });
  }
  const exports = instance.exports;
  const missing = REQUIRED_EXPORTS.filter((name) => exports[name] === undefined);
  if (missing.length > 0) {
    throw new BackendUnavailableError('wasm', `the module from ${where} lacks exports ${missing.join(', ')}: `
      + 'it was built from other sources than this loader');
  }
  const kernels = exports as unknown as KernelExports;
  kernels._initialize?.();
  return kernels;
}
