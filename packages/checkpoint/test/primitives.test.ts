import { describe, expect, it } from 'vitest';
import {
  TableBuilder, crc32c, crc32cImplementation, decodeSliceKey, encodeSliceKey, maskCrc, portableCrc32c, readTable,
  unmaskCrc, DataLossError,
} from '../src/index.js';
import { shortSuccessor, shortestSeparator } from '../src/sstable/key-shortening.js';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

describe('crc32c', () => {
  it('matches the check value and extends across chunks, native and portable alike', () => {
    expect(crc32cImplementation).toBe('native');
    for (const f of [crc32c, portableCrc32c]) {
      expect(f(enc('123456789'))).toBe(0xe3069283);
      expect(f(new Uint8Array(0))).toBe(0);
      expect(f(enc('56789'), f(enc('1234')))).toBe(0xe3069283);
    }
    const big = new Uint8Array(100_003).map((_, i) => (i * 2654435761) >>> 24);
    expect(portableCrc32c(big.subarray(3))).toBe(crc32c(big.subarray(3)));
  });

  it('masks and unmasks as LevelDB does', () => {
    // From the worked example: Variable's entry crc32c.
    expect(maskCrc(67421188)).toBe(713749217);
    expect(unmaskCrc(713749217)).toBe(67421188);
    for (const c of [0, 1, 0xffffffff, 0x12345678]) expect(unmaskCrc(maskCrc(c))).toBe(c);
  });
});

describe('key shortening', () => {
  it('follows LevelDB BytewiseComparator', () => {
    expect(Buffer.from(shortestSeparator(enc('abcdef'), enc('abzz'))).toString()).toBe('abd');
    expect(Buffer.from(shortestSeparator(enc('abc'), enc('abcd'))).toString()).toBe('abc');
    expect(Buffer.from(shortestSeparator(enc('abc'), enc('abd'))).toString()).toBe('abc');
    expect(Buffer.from(shortSuccessor(enc('Variable_1'))).toString()).toBe('W');
    expect(hex(shortSuccessor(new Uint8Array([0xff, 0xff, 0x01])))).toBe('ffff02');
    expect(hex(shortSuccessor(new Uint8Array([0xff, 0xff])))).toBe('ffff');
  });
});

describe('SSTable', () => {
  it('writes multi-block tables with correct separators and reads them back', () => {
    const builder = new TableBuilder();
    const keys: string[] = [];
    for (let i = 0; i < 6000; i++) keys.push(`layer_${String(i).padStart(5, '0')}/kernel/Adam_1`);
    const value = new Uint8Array(60).fill(7);
    for (const k of keys) builder.add(enc(k), value);
    const table = readTable(builder.finish(), 'multi.index');
    expect(table.layout.dataBlocks.length).toBeGreaterThan(1);
    expect(table.entries.map((e) => Buffer.from(e.key).toString())).toEqual(keys);
    for (const b of table.layout.dataBlocks) expect(b.handle.size).toBeLessThan(262_144 + 200);
  });

  it('flushes before an entry of at least twice the block size', () => {
    const builder = new TableBuilder({ blockSize: 1024 });
    builder.add(enc('a'), new Uint8Array(10));
    builder.add(enc('b'), new Uint8Array(3000));
    builder.add(enc('c'), new Uint8Array(10));
    const table = readTable(builder.finish(), 'huge.index');
    expect(table.layout.dataBlocks.map((b) => b.entries)).toEqual([1, 1, 1]);
    expect(table.layout.dataBlocks.map((b) => Buffer.from(b.indexKey).toString())).toEqual(['a', 'b', 'd']);
  });

  it('refuses out-of-order keys when building and reports corrupt blocks when reading', () => {
    const builder = new TableBuilder();
    builder.add(enc('b'), new Uint8Array(1));
    expect(() => builder.add(enc('a'), new Uint8Array(1))).toThrow(RangeError);
    const ok = new TableBuilder();
    ok.add(enc('k'), enc('v'));
    const bytes = ok.finish();
    bytes[1] = (bytes[1] as number) ^ 0x40;
    expect(() => readTable(bytes, 'x.index')).toThrow(DataLossError);
    expect(() => readTable(bytes, 'x.index')).toThrow(/block checksum mismatch.*x\.index|x\.index.*checksum/);
  });
});

describe('OrderedCode slice keys', () => {
  it('matches the V1 fixture key and round-trips large and negative numbers', () => {
    expect(hex(encodeSliceKey('biases', [{ start: 0 }]))).toBe('0062696173657300010101807f');
    for (const start of [0, 5, 63, 64, 100, 8191, 8192, 1e6, 2 ** 40, Number.MAX_SAFE_INTEGER]) {
      const slice = [{ start, length: start + 1 }, { start: 0 }];
      const d = decodeSliceKey(encodeSliceKey('a\u0000b\u00ff', slice));
      expect(d.slice).toEqual(slice);
      expect(Buffer.from(d.name).toString()).toBe('a\u0000b\u00ff');
    }
  });

  it('keeps numeric order in byte order', () => {
    const vals = [-(2 ** 40), -8193, -65, -64, -1, 0, 1, 63, 64, 8191, 8192, 2 ** 40];
    const keys = vals.map((v) => encodeSliceKey('t', [{ start: 0, length: v }]));
    const sorted = [...keys].sort(Buffer.compare);
    expect(sorted.map(hex)).toEqual(keys.map(hex));
  });
});
