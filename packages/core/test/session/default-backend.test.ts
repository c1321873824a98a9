import { createReferenceBackend } from '@varscope/backend-reference';
import { BackendUnavailableError } from '@varscope/kernel-api';
import { describe, expect, it } from 'vitest';
import { constant } from '../../src/ops/index.js';
import { Session, createDefaultCpuBackend } from '../../src/session/index.js';
import { buildGraph, wrapReference } from './helpers.js';

const notFound = (specifier: string) =>
  Object.assign(new Error(`Cannot find package '${specifier}' imported from /somewhere`), { code: 'ERR_MODULE_NOT_FOUND' });

describe('the default CPU backend', () => {
  it('falls back to the reference backend when the WASM one is not installed', async () => {
    const backend = await createDefaultCpuBackend(async (specifier) => {
      if (specifier === '@varscope/backend-reference') return { createReferenceBackend };
      throw notFound(specifier);
    });
    expect(backend.name).toBe('reference');
  });

  it('falls back when the WASM backend cannot run here, disposing it', async () => {
    const wasm = wrapReference({ name: 'wasm' });
    let disposed = false;
    Object.assign(wasm, {
      init: () => Promise.reject(new BackendUnavailableError('wasm', 'no WebAssembly SIMD')),
      dispose: () => { disposed = true; },
    });
    const backend = await createDefaultCpuBackend(async (specifier) =>
      specifier === '@varscope/backend-wasm' ? { createWasmBackend: () => wasm } : { createReferenceBackend });
    expect(backend.name).toBe('reference');
    expect(disposed).toBe(true);
  });

  it('says why each candidate was skipped when none can be used', async () => {
    const error = await createDefaultCpuBackend(async (specifier) => { throw notFound(specifier); }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BackendUnavailableError);
    expect((error as Error).message).toMatch(/@varscope\/backend-wasm is not installed; @varscope\/backend-reference is not installed\)/);
    expect((error as Error).message).toMatch(/pass one: new Session\(\{ devices: \{ CPU: backend \} \}\)/);
  });

  it('does not hide other failures of a package that is installed', async () => {
    const broken = new SyntaxError('Unexpected token in @varscope/backend-wasm/dist/index.js');
    await expect(createDefaultCpuBackend(async () => { throw broken; })).rejects.toBe(broken);
  });

  it('is chosen by a session given no devices, reported in session.devices, and disposed on close', async () => {
    const { graph, out } = buildGraph(() => constant(4.5));
    const sess = new Session({ graph });
    expect(sess.devices.CPU).toBeUndefined();
    expect((await sess.run(out)).toArray()).toBe(4.5);
    const cpu = sess.devices.CPU;
    expect(cpu?.deviceType).toBe('CPU');
    expect(['wasm', 'reference']).toContain(cpu?.name);
    await sess.close();
    expect(() => cpu?.allocate('float32', [1])).toThrow();
  });
});
