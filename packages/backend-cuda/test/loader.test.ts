import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BackendUnavailableError } from '@varscope/kernel-api';
import { describe, expect, it } from 'vitest';
import {
  CudaAddonLoadError, createCudaBackend, diagnoseMissingAddon, diagnoseProbe, formatVersion, loadCudaAddon,
  platformPackageName, platformTag,
} from '../src/index.js';
import type { CudaProbe } from '../src/index.js';
import { findAddon } from './addon-harness.js';

const noDriver: CudaProbe = {
  runtimeVersion: 13000, driverVersion: 0, deviceCount: 0, devices: [],
  error: { code: 35, name: 'cudaErrorInsufficientDriver', message: 'CUDA driver version is insufficient for CUDA runtime version' },
};

describe('diagnosing a missing GPU', () => {
  it('names the driver problem with the CUDA error text', () => {
    const d = diagnoseProbe(noDriver, 0);
    expect(d?.kind).toBe('no-driver');
    expect(d?.message).toContain('cudaErrorInsufficientDriver (error 35): CUDA driver version is insufficient for CUDA runtime version');
    expect(d?.message).toContain('CUDA 13.0');
    expect(d?.message).toMatch(/install or update the NVIDIA driver/);
  });

  it('tells "no GPU" apart from "no driver"', () => {
    const noDevice: CudaProbe = {
      ...noDriver, driverVersion: 13000,
      error: { code: 100, name: 'cudaErrorNoDevice', message: 'no CUDA-capable device is detected' },
    };
    expect(diagnoseProbe(noDevice, 0)?.kind).toBe('no-gpu');
    const one: CudaProbe = {
      ...noDriver, driverVersion: 13000, error: null, deviceCount: 1,
      devices: [{ name: 'GPU', computeCapability: '9.0', totalMemory: 1, multiprocessors: 1 }],
    };
    expect(diagnoseProbe(one, 0)).toBeUndefined();
    expect(diagnoseProbe(one, 3)?.message).toBe('GPU 3 was requested but only 1 are visible.');
    expect(diagnoseProbe({ ...one, deviceCount: 0, devices: [] }, 0)?.kind).toBe('no-gpu');
  });

  it('tells the user which fix applies when no addon is found', () => {
    const hasNvcc = !spawnSync('nvcc', ['--version']).error;
    const d = diagnoseMissingAddon(['/nowhere/varscope_cuda.node'], []);
    if (platformTag() === 'linux-x64-gnu') {
      expect(d.kind).toBe(hasNvcc ? 'not-built' : 'no-toolkit');
      expect(d.message).toContain('/nowhere/varscope_cuda.node');
      expect(d.message).toContain(hasNvcc ? 'VARSCOPE_CUDA_BUILD=required' : platformPackageName('linux-x64-gnu'));
    }
    const failed = diagnoseMissingAddon(['/x.node'], ['/x.node: invalid ELF header']);
    if (platformTag() === 'linux-x64-gnu') {
      expect(failed.kind).toBe('load-failed');
      expect(failed.message).toContain('invalid ELF header');
    }
  });

  it('formats CUDA version numbers', () => {
    expect(formatVersion(13000)).toBe('13.0');
    expect(formatVersion(12040)).toBe('12.4');
    expect(formatVersion(0)).toBe('none');
  });
});

describe('loading the addon', () => {
  it('reports an explicit path that does not exist, without trying elsewhere', () => {
    let error: unknown;
    try {
      loadCudaAddon({ addonPath: '/definitely/missing/varscope_cuda.node' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CudaAddonLoadError);
    expect((error as CudaAddonLoadError).diagnosis.kind).toBe('load-failed');
    expect((error as CudaAddonLoadError).tried).toEqual(['/definitely/missing/varscope_cuda.node']);
  });

  it('reports a file that is not an addon as a load failure', () => {
    const dir = mkdtempSync(join(tmpdir(), 'varscope-cuda-'));
    const fake = join(dir, 'varscope_cuda.node');
    writeFileSync(fake, 'not an ELF file');
    try {
      expect(() => loadCudaAddon({ addonPath: fake })).toThrow(/cannot load the CUDA addon at .*varscope_cuda\.node: .*/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('rejects init() with BackendUnavailableError when the addon cannot load', async () => {
    const backend = createCudaBackend({ addonPath: '/definitely/missing/varscope_cuda.node' });
    await expect(backend.init()).rejects.toBeInstanceOf(BackendUnavailableError);
    await expect(backend.init()).rejects.toThrow(/Backend 'cuda' is unavailable: cannot load the CUDA addon/);
  });

  it('finds the local build wherever nvcc exists', () => {
    const hasNvcc = !spawnSync('nvcc', ['--version']).error;
    const { addon, reason } = findAddon();
    if (hasNvcc && platformTag() === 'linux-x64-gnu') {
      expect(reason, 'nvcc is on PATH, so `pnpm build` must have produced the addon').toBeUndefined();
    }
    if (addon !== undefined) {
      expect(addon.napiVersion).toBe(8);
      expect(typeof addon.probe).toBe('function');
    }
  });
});

describe('init() on this machine', () => {
  const { addon, reason } = findAddon();

  it('matches what the CUDA runtime reports', async () => {
    const backend = createCudaBackend();
    if (addon === undefined) {
      await expect(backend.init()).rejects.toBeInstanceOf(BackendUnavailableError);
      await expect(backend.init()).rejects.toThrow(reason!);
      return;
    }
    const probe = addon.probe();
    if (probe.error !== null || probe.deviceCount === 0) {
      const error = await backend.init().then(() => undefined, (e: unknown) => e);
      expect(error).toBeInstanceOf(BackendUnavailableError);
      if (probe.error !== null) {
        // e.g. "cudaErrorInsufficientDriver (error 35): CUDA driver version is insufficient for CUDA runtime version"
        expect((error as Error).message).toContain(`${probe.error.name} (error ${probe.error.code}): ${probe.error.message}`);
      }
      expect(() => backend.allocate('float32', [1])).toThrow(/call init\(\) on the CUDA backend first/);
    } else {
      await backend.init();
      expect(backend.device.name).toBe(probe.devices[0]?.name);
      backend.dispose();
    }
  });

  it('raw Context construction throws a typed CUDA error rather than crashing', () => {
    if (addon === undefined) return;
    const probe = addon.probe();
    if (probe.error === null) return;
    let error: unknown;
    try {
      new addon.Context();
    } catch (e) {
      error = e;
    }
    expect((error as { code?: string }).code).toBe('ERR_VARSCOPE_CUDA');
    expect((error as { cudaError?: number }).cudaError).toBe(probe.error.code);
  });
});
