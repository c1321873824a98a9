import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { CudaAddon } from './addon-types.js';
import type { CudaDiagnosis } from './diagnose.js';
import { diagnoseMissingAddon } from './diagnose.js';
import { platformPackageName, platformTag } from './platform.js';

const ADDON_FILE = 'varscope_cuda.node';

/** No addon could be loaded; `diagnosis` says which fix applies. */
export class CudaAddonLoadError extends Error {
  override readonly name = 'CudaAddonLoadError';
  constructor(readonly diagnosis: CudaDiagnosis, readonly tried: readonly string[]) {
    super(diagnosis.message);
  }
}

export interface LoadedAddon {
  readonly addon: CudaAddon;
  /** The file it came from. */
  readonly path: string;
}

export interface LoadAddonOptions {
  /** An explicit `.node` file; nothing else is tried. */
  readonly addonPath?: string;
}

/**
 * The local build: the package's copy (build/, which turbo caches with the build), then the
 * CMake output in the monorepo (native/cuda/build/Release/). Paths are from src/native/ or
 * dist/native/ of packages/backend-cuda.
 */
function localBuildPaths(): string[] {
  return [
    fileURLToPath(new URL(`../../build/${ADDON_FILE}`, import.meta.url)),
    fileURLToPath(new URL(`../../../../native/cuda/build/Release/${ADDON_FILE}`, import.meta.url)),
  ];
}

/**
 * Loads the addon: an explicit path (option, then VARSCOPE_CUDA_ADDON), else the local build,
 * else the prebuilt platform package. Throws CudaAddonLoadError saying which fix applies.
 */
export function loadCudaAddon(options: LoadAddonOptions = {}): LoadedAddon {
  const require = createRequire(import.meta.url);
  const explicit = options.addonPath ?? process.env.VARSCOPE_CUDA_ADDON;
  const tried: string[] = [];
  const errors: string[] = [];

  const attempt = (path: string): LoadedAddon | undefined => {
    tried.push(path);
    if (!existsSync(path)) return undefined;
    try {
      return { addon: require(path) as CudaAddon, path };
    } catch (e) {
      errors.push(`${path}: ${e instanceof Error ? e.message : String(e)}`);
      return undefined;
    }
  };

  if (explicit !== undefined && explicit !== '') {
    const loaded = attempt(explicit);
    if (loaded) return loaded;
    const why = errors.length > 0 ? errors.join('; ') : 'the file does not exist';
    throw new CudaAddonLoadError({ kind: 'load-failed', message: `cannot load the CUDA addon at ${explicit}: ${why}` }, tried);
  }

  for (const path of localBuildPaths()) {
    const local = attempt(path);
    if (local) return local;
  }

  const pkg = platformPackageName(platformTag());
  try {
    const resolved = require.resolve(`${pkg}/${ADDON_FILE}`);
    const prebuilt = attempt(resolved);
    if (prebuilt) return prebuilt;
  } catch {
    tried.push(pkg);
  }
  throw new CudaAddonLoadError(diagnoseMissingAddon(tried, errors), tried);
}
