/**
 * CRC-32C (Castagnoli) in plain TypeScript, slicing-by-8. The portable
 * fallback for platforms without the native implementation (browsers, or a
 * Node platform `@node-rs/crc32` ships no binary for).
 */
const POLY = 0x82f63b78;

const TABLES: Uint32Array[] = (() => {
  const tables: Uint32Array[] = [];
  const t0 = new Uint32Array(256);
  for (let i = 0; i < 256; i++) {
    let c = i;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ POLY : c >>> 1;
    t0[i] = c >>> 0;
  }
  tables.push(t0);
  for (let s = 1; s < 8; s++) {
    const prev = tables[s - 1] as Uint32Array;
    const t = new Uint32Array(256);
    for (let i = 0; i < 256; i++) {
      const p = prev[i] as number;
      t[i] = ((p >>> 8) ^ (t0[p & 0xff] as number)) >>> 0;
    }
    tables.push(t);
  }
  return tables;
})();

/** Extends `crc` (a finished CRC-32C, 0 for empty input) over `data`. */
export function portableCrc32c(data: Uint8Array, crc = 0): number {
  const [t0, t1, t2, t3, t4, t5, t6, t7] = TABLES as [
    Uint32Array, Uint32Array, Uint32Array, Uint32Array, Uint32Array, Uint32Array, Uint32Array, Uint32Array,
  ];
  let c = ~crc >>> 0;
  let i = 0;
  const n = data.length;
  const end8 = n - (n % 8);
  while (i < end8) {
    const lo = (c ^ ((data[i] as number) | ((data[i + 1] as number) << 8) | ((data[i + 2] as number) << 16)
      | ((data[i + 3] as number) << 24))) >>> 0;
    c = (t7[lo & 0xff] as number) ^ (t6[(lo >>> 8) & 0xff] as number) ^ (t5[(lo >>> 16) & 0xff] as number)
      ^ (t4[lo >>> 24] as number) ^ (t3[data[i + 4] as number] as number) ^ (t2[data[i + 5] as number] as number)
      ^ (t1[data[i + 6] as number] as number) ^ (t0[data[i + 7] as number] as number);
    i += 8;
  }
  while (i < n) {
    c = (t0[(c ^ (data[i] as number)) & 0xff] as number) ^ (c >>> 8);
    i++;
  }
  return ~c >>> 0;
}
