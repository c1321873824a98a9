/** Deterministic PRNG (mulberry32), so a failing fuzz case can be replayed from its seed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Mutation = 'bitflip' | 'truncate' | 'insert' | 'overwrite';

/** A mutated copy of `bytes`: a bit flip, a truncation, inserted random bytes, or a run overwritten. */
export function mutate(input: Uint8Array, rand: () => number): { bytes: Uint8Array; kind: Mutation; at: number } {
  // A plain copy: Buffer#slice returns a view, and mutating it would corrupt the caller's original.
  const bytes = new Uint8Array(input);
  const kinds: Mutation[] = ['bitflip', 'bitflip', 'truncate', 'insert', 'overwrite'];
  const kind = kinds[Math.floor(rand() * kinds.length)] as Mutation;
  const at = Math.floor(rand() * Math.max(1, bytes.length));
  switch (kind) {
    case 'bitflip': {
      const out = bytes.slice();
      if (out.length > 0) out[at] = (out[at] as number) ^ (1 << Math.floor(rand() * 8));
      return { bytes: out, kind, at };
    }
    case 'truncate':
      return { bytes: bytes.slice(0, at), kind, at };
    case 'insert': {
      const n = 1 + Math.floor(rand() * 8);
      const ins = new Uint8Array(n).map(() => Math.floor(rand() * 256));
      const out = new Uint8Array(bytes.length + n);
      out.set(bytes.subarray(0, at));
      out.set(ins, at);
      out.set(bytes.subarray(at), at + n);
      return { bytes: out, kind, at };
    }
    case 'overwrite': {
      const out = bytes.slice();
      const n = Math.min(out.length - at, 1 + Math.floor(rand() * 8));
      for (let i = 0; i < n; i++) out[at + i] = rand() < 0.5 ? 0xff : Math.floor(rand() * 256);
      return { bytes: out, kind, at };
    }
  }
}
