import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { CudaProbe } from './addon-types.js';
import { SUPPORTED_PLATFORMS, platformPackageName, platformTag } from './platform.js';

/** Which fix a user needs. */
export type CudaUnavailableKind =
  | 'unsupported-platform' | 'no-toolkit' | 'not-built' | 'load-failed' | 'no-driver' | 'no-gpu' | 'cuda-error';

/** A diagnosis: what is missing and, in one sentence, what to do about it. */
export interface CudaDiagnosis {
  readonly kind: CudaUnavailableKind;
  readonly message: string;
}

/** Whether `nvcc` (the CUDA toolkit's compiler) can be run. */
export function hasNvcc(): boolean {
  const candidates = [process.env.CUDACXX, process.env.CUDA_HOME && `${process.env.CUDA_HOME}/bin/nvcc`, 'nvcc'];
  return candidates.some((c) => typeof c === 'string' && c !== '' && !spawnSync(c, ['--version']).error);
}

/** Why no addon could be loaded, given the paths tried and the errors met. */
export function diagnoseMissingAddon(tried: readonly string[], loadErrors: readonly string[]): CudaDiagnosis {
  const tag = platformTag();
  const triedText = tried.length > 0 ? ` (looked in: ${tried.join(', ')})` : '';
  if (!SUPPORTED_PLATFORMS.includes(tag)) {
    return {
      kind: 'unsupported-platform',
      message: `the CUDA backend runs on ${SUPPORTED_PLATFORMS.join(' and ')}; this is ${tag}. Use the WASM or reference backend here.`,
    };
  }
  if (loadErrors.length > 0) {
    return {
      kind: 'load-failed',
      message: `the CUDA addon exists but failed to load: ${loadErrors.join('; ')}. Rebuild it with \`pnpm --filter @varscope/backend-cuda build\`.`,
    };
  }
  if (!hasNvcc()) {
    return {
      kind: 'no-toolkit',
      message: `no CUDA addon was found${triedText} and no CUDA toolkit (nvcc) is installed to build one: install ${platformPackageName(tag)}, or install the CUDA toolkit and run \`pnpm --filter @varscope/backend-cuda build\`.`,
    };
  }
  return {
    kind: 'not-built',
    message: `the CUDA addon has not been built${triedText}; nvcc is present, so run \`VARSCOPE_CUDA_BUILD=required pnpm --filter @varscope/backend-cuda build\` (it prints the compiler's errors if the build fails).`,
  };
}

/** cudaError_t values that mean "no usable driver" and "no device". */
const DRIVER_ERRORS = new Set(['cudaErrorInsufficientDriver', 'cudaErrorNoDevice', 'cudaErrorCompatNotSupportedOnDevice']);

/** Why a loaded addon still cannot use a GPU, from `probe()`; undefined when one is usable. */
export function diagnoseProbe(probe: CudaProbe, device: number): CudaDiagnosis | undefined {
  const runtime = formatVersion(probe.runtimeVersion);
  if (probe.error !== null) {
    const cuda = `${probe.error.name} (error ${probe.error.code}): ${probe.error.message}`;
    if (probe.error.name === 'cudaErrorInsufficientDriver' || (DRIVER_ERRORS.has(probe.error.name) && probe.driverVersion === 0)) {
      const driver = probe.driverVersion === 0 ? (driverInstalled() ? 'an unusable driver' : 'no NVIDIA driver') : `driver ${formatVersion(probe.driverVersion)}`;
      return {
        kind: 'no-driver',
        message: `CUDA reports ${cuda}. This machine has ${driver}; the addon needs one supporting CUDA ${runtime}: install or update the NVIDIA driver.`,
      };
    }
    if (probe.error.name === 'cudaErrorNoDevice') {
      return { kind: 'no-gpu', message: `CUDA reports ${cuda}: no GPU is visible (check nvidia-smi and CUDA_VISIBLE_DEVICES).` };
    }
    return { kind: 'cuda-error', message: `CUDA reports ${cuda}.` };
  }
  if (probe.deviceCount === 0) {
    return { kind: 'no-gpu', message: 'no CUDA-capable GPU is visible (check nvidia-smi and CUDA_VISIBLE_DEVICES).' };
  }
  if (device >= probe.deviceCount) {
    return { kind: 'no-gpu', message: `GPU ${device} was requested but only ${probe.deviceCount} are visible.` };
  }
  return undefined;
}

function driverInstalled(): boolean {
  return existsSync('/proc/driver/nvidia/version');
}

/** 13000 → "13.0". */
export function formatVersion(v: number): string {
  return v > 0 ? `${Math.floor(v / 1000)}.${Math.floor((v % 1000) / 10)}` : 'none';
}
