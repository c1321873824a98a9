import { BackendUnavailableError } from '@varscope/kernel-api';
import type { KernelBackend } from '@varscope/kernel-api';

/** Loads a module by specifier; `(s) => import(s)` unless a test substitutes one. */
export type ModuleImporter = (specifier: string) => Promise<unknown>;

/** The CPU backends tried when a session is given none, best first. */
export const DEFAULT_CPU_BACKENDS: readonly { readonly packageName: string; readonly factory: string }[] = Object.freeze([
  { packageName: '@varscope/backend-wasm', factory: 'createWasmBackend' },
  { packageName: '@varscope/backend-reference', factory: 'createReferenceBackend' },
]);

const importModule: ModuleImporter = (specifier) => import(specifier);

function isModuleNotFound(error: unknown, specifier: string): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  const mentions = error.message.includes(specifier);
  return mentions && (code === 'ERR_MODULE_NOT_FOUND' || /Cannot find (package|module)|Failed to (load|resolve)/i.test(error.message));
}

/**
 * The default CPU backend: `@varscope/backend-wasm` when it is installed and can run here,
 * else `@varscope/backend-reference`. Core depends on neither; both are found at run time.
 * When none can be used, one `BackendUnavailableError` lists why each was skipped.
 */
export async function createDefaultCpuBackend(importer: ModuleImporter = importModule): Promise<KernelBackend> {
  const reasons: string[] = [];
  for (const { packageName, factory } of DEFAULT_CPU_BACKENDS) {
    let mod: Record<string, unknown>;
    try {
      mod = (await importer(packageName)) as Record<string, unknown>;
    } catch (e) {
      if (!isModuleNotFound(e, packageName)) throw e;
      reasons.push(`${packageName} is not installed`);
      continue;
    }
    const create = mod[factory];
    if (typeof create !== 'function') {
      reasons.push(`${packageName} does not export ${factory}()`);
      continue;
    }
    const backend = (create as () => KernelBackend)();
    try {
      await backend.init();
    } catch (e) {
      backend.dispose();
      if (!(e instanceof BackendUnavailableError)) throw e;
      reasons.push(`${packageName}: ${e.reason}`);
      continue;
    }
    return backend;
  }
  throw new BackendUnavailableError(
    'CPU',
    `no default CPU backend could be used (${reasons.join('; ')}). Install @varscope/backend-wasm or @varscope/backend-reference, or pass one: new Session({ devices: { CPU: backend } }).`,
  );
}
