import { philoxBlocksUsed } from '@varscope/kernel-api';
import type { DType, PhiloxState } from '@varscope/kernel-api';
import { describe, expect, it } from 'vitest';
import { philox4x32 } from '../src/index.js';
import { run1, scalar, vec } from './support/run-op.js';

// An independent Philox-4x32-10 in BigInt arithmetic, written from the layout in kernel-api's philox.ts.
const MASK = 0xffffffffn;
function philoxRef(seed: number, seed2: number, block: number): number[] {
  const s = BigInt.asUintN(64, BigInt(seed));
  const s2 = BigInt.asUintN(64, BigInt(seed2));
  const b = BigInt(block);
  let k0 = s & MASK;
  let k1 = s >> 32n;
  let c = [b & MASK, b >> 32n, s2 & MASK, s2 >> 32n] as bigint[];
  for (let r = 0; r < 10; r++) {
    const p0 = 0xd2511f53n * c[0]!;
    const p1 = 0xcd9e8d57n * c[2]!;
    c = [((p1 >> 32n) ^ c[1]! ^ k0) & MASK, p1 & MASK, ((p0 >> 32n) ^ c[3]! ^ k1) & MASK, p0 & MASK];
    k0 = (k0 + 0x9e3779b9n) & MASK;
    k1 = (k1 + 0xbb67ae85n) & MASK;
  }
  return c.map(Number);
}

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);
const uniform32 = (w: number): number => { u32[0] = (127 << 23) | (w & 0x7fffff); return f32[0]! - 1; };
const uniform64 = (w0: number, w1: number): number => {
  const view = new DataView(new ArrayBuffer(8));
  view.setUint32(0, (0x3ff << 20) | (w0 & 0xfffff));
  view.setUint32(4, w1);
  return view.getFloat64(0) - 1;
};
const boxMuller = (u: number, v: number, floor: number): [number, number] => {
  const r = Math.sqrt(-2 * Math.log(Math.max(u, floor)));
  return [r * Math.sin(2 * Math.PI * v), r * Math.cos(2 * Math.PI * v)];
};

const philox = (seed: number, seed2: number, offset = 0): PhiloxState => ({ seed, seed2, offset });
const random = (op: string, dtype: DType, shape: number[], p: PhiloxState) =>
  run1(op, [vec('int32', shape)], { dtype, shape }, { dtype, T: 'int32' }, { philox: p }) as number[];

describe('Philox-4x32-10', () => {
  it('matches the Random123 known-answer vectors', () => {
    expect(philox4x32([0, 0], [0, 0, 0, 0])).toEqual([0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8]);
    expect(philox4x32([0xffffffff, 0xffffffff], [0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff])).toEqual([0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd]);
    expect(philox4x32([0xa4093822, 0x299f31d0], [0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344])).toEqual([0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1]);
  });

  it('agrees with the BigInt reference on assorted keys and counters', () => {
    for (const [seed, seed2, block] of [[1, 2, 3], [87654321, 42, 0], [-1, 2 ** 40 + 5, 2 ** 33 + 7], [2 ** 52, -(2 ** 31), 12345]] as const) {
      const s = BigInt.asUintN(64, BigInt(seed));
      const s2 = BigInt.asUintN(64, BigInt(seed2));
      expect(philox4x32([Number(s & MASK), Number(s >> 32n)], [block % 2 ** 32, Math.floor(block / 2 ** 32), Number(s2 & MASK), Number(s2 >> 32n)]))
        .toEqual(philoxRef(seed, seed2, block));
    }
  });
});

describe('random ops follow the documented element layout', () => {
  const p = philox(87654321, 42, 5);

  it('RandomUniform float32: word i % 4 of block offset + ⌊i/4⌋', () => {
    const got = random('RandomUniform', 'float32', [6], p);
    const expected = [0, 1, 2, 3, 4, 5].map((i) => uniform32(philoxRef(p.seed, p.seed2, p.offset + Math.floor(i / 4))[i % 4]!));
    expect(got).toEqual(expected);
    expect(got.every((v) => v >= 0 && v < 1)).toBe(true);
  });

  it('RandomUniform float64: two words per element, two elements per block', () => {
    const got = random('RandomUniform', 'float64', [3], p);
    const expected = [0, 1, 2].map((i) => {
      const w = philoxRef(p.seed, p.seed2, p.offset + Math.floor(i / 2));
      const k = i % 2;
      return uniform64(w[2 * k]!, w[2 * k + 1]!);
    });
    expect(got).toEqual(expected);
  });

  it('RandomUniform float16: 10 low mantissa bits', () => {
    const got = random('RandomUniform', 'float16', [4], p);
    const w = philoxRef(p.seed, p.seed2, p.offset);
    expect(got).toEqual(w.map((x) => (x & 0x3ff) / 1024));
  });

  it('RandomStandardNormal float32 and float64: Box–Muller on word pairs', () => {
    const w = philoxRef(p.seed, p.seed2, p.offset);
    const z = [...boxMuller(uniform32(w[0]!), uniform32(w[1]!), 1e-7), ...boxMuller(uniform32(w[2]!), uniform32(w[3]!), 1e-7)];
    expect(random('RandomStandardNormal', 'float32', [4], p)).toEqual(z.map(Math.fround));
    const z64 = boxMuller(uniform64(w[0]!, w[1]!), uniform64(w[2]!, w[3]!), 1e-16);
    expect(random('RandomStandardNormal', 'float64', [2], p)).toEqual(z64);
  });

  it('TruncatedNormal: element i takes the first |z| < 2 among the normals of block offset + r·n + i', () => {
    const n = 50;
    const got = random('TruncatedNormal', 'float32', [n], p);
    const expected = Array.from({ length: n }, (_, i) => {
      for (let r = 0; r < 16; r++) {
        const w = philoxRef(p.seed, p.seed2, p.offset + r * n + i);
        const zs = [...boxMuller(uniform32(w[0]!), uniform32(w[1]!), 1e-7), ...boxMuller(uniform32(w[2]!), uniform32(w[3]!), 1e-7)].map(Math.fround);
        const z = zs.find((v) => Math.abs(v) < 2);
        if (z !== undefined) return z;
      }
      return 0;
    });
    expect(got).toEqual(expected);
  });

  it('RandomUniformInt: minval + word mod range (int32), two words per element (int64)', () => {
    const got = run1('RandomUniformInt', [vec('int32', [5]), scalar('int32', -10), scalar('int32', 10)], { dtype: 'int32', shape: [5] }, { Tout: 'int32', T: 'int32' }, { philox: p });
    expect(got).toEqual([0, 1, 2, 3, 4].map((i) => -10 + (philoxRef(p.seed, p.seed2, p.offset + Math.floor(i / 4))[i % 4]! % 20)));
    const got64 = run1('RandomUniformInt', [vec('int32', [3]), scalar('int64', -(2n ** 40n)), scalar('int64', 2n ** 40n)], { dtype: 'int64', shape: [3] }, { Tout: 'int64', T: 'int32' }, { philox: p });
    expect(got64).toEqual([0, 1, 2].map((i) => {
      const w = philoxRef(p.seed, p.seed2, p.offset + Math.floor(i / 2));
      const k = i % 2;
      const bits = BigInt(w[2 * k]!) | (BigInt(w[2 * k + 1]!) << 32n);
      return -(2n ** 40n) + (bits % 2n ** 41n);
    }));
    expect(() => run1('RandomUniformInt', [vec('int32', [2]), scalar('int32', 5), scalar('int32', 5)], { dtype: 'int32', shape: [2] }, { Tout: 'int32', T: 'int32' }, { philox: p }))
      .toThrow('Need minval < maxval: 5 >= 5');
  });

  it('continues a stream across runs when core advances the offset by philoxBlocksUsed', () => {
    const whole = random('RandomUniform', 'float32', [16], philox(7, 8, 0));
    const first = random('RandomUniform', 'float32', [8], philox(7, 8, 0));
    const second = random('RandomUniform', 'float32', [8], philox(7, 8, philoxBlocksUsed('RandomUniform', 'float32', 8)));
    expect([...first, ...second]).toEqual(whole);
    expect(random('RandomUniform', 'float32', [8], philox(7, 9, 0))).not.toEqual(first);
  });

  it('needs a philox state', () => {
    expect(() => run1('RandomUniform', [vec('int32', [2])], { dtype: 'float32', shape: [2] }, { dtype: 'float32', T: 'int32' })).toThrow(/needs call.philox/);
  });
});

describe('random ops have the right distributions (fixed seeds)', () => {
  const stats = (v: number[]) => {
    const mean = v.reduce((a, b) => a + b, 0) / v.length;
    const sd = Math.sqrt(v.reduce((a, b) => a + (b - mean) ** 2, 0) / v.length);
    return { mean, sd, min: Math.min(...v), max: Math.max(...v) };
  };
  const N = 20000;

  for (const dtype of ['float32', 'float64', 'float16', 'bfloat16'] as const) {
    it(`uniform ${dtype} in [0, 1), mean 1/2, sd 1/√12`, () => {
      const s = stats(random('RandomUniform', dtype, [N], philox(1234, 5678)));
      expect(s.min).toBeGreaterThanOrEqual(0);
      expect(s.max).toBeLessThan(1);
      expect(Math.abs(s.mean - 0.5)).toBeLessThan(0.01);
      expect(Math.abs(s.sd - 1 / Math.sqrt(12))).toBeLessThan(0.01);
    });
  }

  for (const dtype of ['float32', 'float64'] as const) {
    it(`standard normal ${dtype}: mean 0, sd 1`, () => {
      const s = stats(random('RandomStandardNormal', dtype, [N], philox(99, 1)));
      expect(Math.abs(s.mean)).toBeLessThan(0.03);
      expect(Math.abs(s.sd - 1)).toBeLessThan(0.03);
    });

    it(`truncated normal ${dtype}: within ±2, sd of the truncated distribution (0.8796)`, () => {
      const s = stats(random('TruncatedNormal', dtype, [N], philox(3, 4)));
      expect(s.min).toBeGreaterThan(-2);
      expect(s.max).toBeLessThan(2);
      expect(Math.abs(s.mean)).toBeLessThan(0.03);
      expect(Math.abs(s.sd - 0.8796)).toBeLessThan(0.02);
    });
  }

  it('uniform ints cover [minval, maxval) evenly', () => {
    const v = run1('RandomUniformInt', [vec('int32', [N]), scalar('int32', 3), scalar('int32', 13)], { dtype: 'int32', shape: [N] }, { Tout: 'int32', T: 'int32' }, { philox: philox(5, 6) }) as number[];
    const counts = new Array<number>(10).fill(0);
    for (const x of v) counts[x - 3]!++;
    expect(Math.min(...v)).toBe(3);
    expect(Math.max(...v)).toBe(12);
    for (const c of counts) expect(Math.abs(c - N / 10)).toBeLessThan(N / 10 * 0.1);
  });
});
