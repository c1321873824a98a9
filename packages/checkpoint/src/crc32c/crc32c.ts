import { portableCrc32c } from './portable-crc32c.js';

/** Extends a CRC-32C over more bytes: crc(A‖B) = fn(B, crc(A)); crc of nothing is 0. */
export type Crc32cFunction = (data: Uint8Array, crc?: number) => number;

interface NativeCrcModule {
  crc32c(input: Uint8Array, initialState?: number): number;
}

/**
 * Loads `@node-rs/crc32` (SIMD/hardware CRC, a prebuilt binary inside its npm
 * package) where the platform has it. `process.getBuiltinModule` keeps this
 * module free of static `node:` imports, so bundlers for the browser fall
 * through to the portable version.
 */
function loadNative(): Crc32cFunction | null {
  try {
    const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
    const mod = proc?.getBuiltinModule?.('node:module') as
      | { createRequire(url: string): (id: string) => unknown } | undefined;
    if (mod === undefined) return null;
    const native = mod.createRequire(import.meta.url)('@node-rs/crc32') as NativeCrcModule;
    if (native.crc32c(new TextEncoder().encode('123456789')) !== 0xe3069283) return null;
    return (data, crc = 0) => native.crc32c(data, crc) >>> 0;
  } catch {
    return null;
  }
}

const native = loadNative();

/** Which implementation `crc32c` uses: `'native'` (`@node-rs/crc32`) or `'portable'` (slicing-by-8 JS). */
export const crc32cImplementation: 'native' | 'portable' = native === null ? 'portable' : 'native';

/** CRC-32C of `data`, continuing from `crc` (default 0, the CRC of empty input). */
export const crc32c: Crc32cFunction = native ?? portableCrc32c;

export { portableCrc32c };

const MASK_DELTA = 0xa282ead8;

/** LevelDB/TensorFlow CRC masking: rotate right 15 bits, add a constant (mod 2^32). */
export function maskCrc(crc: number): number {
  return ((((crc >>> 15) | (crc << 17)) >>> 0) + MASK_DELTA) >>> 0;
}

/** Inverse of {@link maskCrc}. */
export function unmaskCrc(masked: number): number {
  const rot = (masked - MASK_DELTA) >>> 0;
  return ((rot >>> 17) | (rot << 15)) >>> 0;
}
