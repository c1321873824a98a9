/** Unsigned bytewise (memcmp) order, the order of every SSTable. */
export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = (a[i] as number) - (b[i] as number);
    if (d !== 0) return d;
  }
  return a.length - b.length;
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

const utf8 = new TextEncoder();
const utf8Strict = new TextDecoder('utf-8', { fatal: true });

export function encodeUtf8(s: string): Uint8Array {
  return utf8.encode(s);
}

/** Decodes UTF-8; invalid sequences are an error, never silently replaced. */
export function decodeUtf8Strict(bytes: Uint8Array): string {
  return utf8Strict.decode(bytes);
}
