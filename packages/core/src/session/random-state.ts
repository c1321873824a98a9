import { philoxBlocksUsed } from '@varscope/kernel-api';
import type { PhiloxState } from '@varscope/kernel-api';
import type { Operation } from '../graph/operation.js';

interface OpStream {
  readonly seed: number;
  readonly seed2: number;
  offset: number;
}

/** A random 31-bit seed, as TensorFlow draws when neither the graph nor the op has one. */
const randomSeed = (): number => 1 + Math.floor(Math.random() * 0x7ffffffe);

/**
 * The generator position of every random op, per session: the same graph seeds give the same
 * numbers in a fresh session, while re-running an op in one session continues its stream.
 */
export class RandomState {
  readonly #streams = new Map<Operation, OpStream>();

  #stream(op: Operation): OpStream {
    let s = this.#streams.get(op);
    if (s === undefined) {
      const seed = Number(op.attrs.seed ?? 0);
      const seed2 = Number(op.attrs.seed2 ?? 0);
      // Both zero means "unseeded": pick seeds once for this session, like TensorFlow's kernel does.
      s = seed === 0 && seed2 === 0 ? { seed: randomSeed(), seed2: randomSeed(), offset: 0 } : { seed, seed2, offset: 0 };
      this.#streams.set(op, s);
    }
    return s;
  }

  /** The Philox state for `op`'s next run producing `n` elements of `dtype`; advances its offset. */
  take(op: Operation, dtype: string, n: number): PhiloxState {
    const s = this.#stream(op);
    const state: PhiloxState = { seed: s.seed, seed2: s.seed2, offset: s.offset };
    s.offset += philoxBlocksUsed(op.type, dtype, n);
    return state;
  }
}
