/**
 * LevelDB's BytewiseComparator key shortening, which decides the index block
 * keys and therefore the exact bytes of every `.index` file.
 */

/** Shortest key k with start ≤ k < limit, by LevelDB's rule (FindShortestSeparator). */
export function shortestSeparator(start: Uint8Array, limit: Uint8Array): Uint8Array {
  const minLength = Math.min(start.length, limit.length);
  let diff = 0;
  while (diff < minLength && start[diff] === limit[diff]) diff++;
  if (diff >= minLength) return start; // one is a prefix of the other
  const byte = start[diff] as number;
  if (byte < 0xff && byte + 1 < (limit[diff] as number)) {
    const out = start.slice(0, diff + 1);
    out[diff] = byte + 1;
    return out;
  }
  return start;
}

/** Short key k ≥ key (FindShortSuccessor): first non-0xff byte incremented, rest dropped. */
export function shortSuccessor(key: Uint8Array): Uint8Array {
  for (let i = 0; i < key.length; i++) {
    const byte = key[i] as number;
    if (byte !== 0xff) {
      const out = key.slice(0, i + 1);
      out[i] = byte + 1;
      return out;
    }
  }
  return key;
}
