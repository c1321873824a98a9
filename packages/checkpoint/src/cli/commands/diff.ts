import { CheckpointReader } from '../../bundle/checkpoint-reader.js';
import type { TensorData } from '../../bundle/tensor-data.js';
import type { CliIo } from '../io.js';
import { numericView } from '../format-values.js';

export interface DiffOptions {
  readonly json?: boolean;
  /** Differences up to this absolute value count as equal (default 0: exact). */
  readonly tolerance?: number;
}

interface Changed {
  name: string;
  reason: string;
  maxAbsDiff?: number;
}

function compare(a: TensorData, b: TensorData, tolerance: number): { equal: boolean; maxAbsDiff?: number } {
  const x = numericView(a);
  const y = numericView(b);
  if (x === null || y === null) {
    const ea = a.data as readonly Uint8Array[];
    const eb = b.data as readonly Uint8Array[];
    const equal = ea.length === eb.length && ea.every((e, i) => Buffer.compare(e, eb[i] as Uint8Array) === 0);
    return { equal };
  }
  let max = 0;
  let nanMismatch = false;
  for (let i = 0; i < x.length; i++) {
    const p = x[i] as number;
    const q = y[i] as number;
    if (Number.isNaN(p) || Number.isNaN(q)) {
      if (Number.isNaN(p) !== Number.isNaN(q)) nanMismatch = true;
      continue;
    }
    const d = p === q ? 0 : Math.abs(p - q);
    if (d > max || Number.isNaN(d)) max = Number.isNaN(d) ? Infinity : d;
  }
  return { equal: !nanMismatch && max <= tolerance, maxAbsDiff: nanMismatch ? NaN : max };
}

/** `diff A B`: added, removed and changed tensors, with the largest absolute difference. Exit 1 when they differ. */
export async function diff(pathA: string, pathB: string, options: DiffOptions, io: CliIo): Promise<number> {
  const a = await CheckpointReader.open(pathA);
  try {
    const b = await CheckpointReader.open(pathB);
    try {
      const namesA = new Set(a.keys());
      const namesB = new Set(b.keys());
      const removed = a.keys().filter((n) => !namesB.has(n));
      const added = b.keys().filter((n) => !namesA.has(n));
      const common = a.keys().filter((n) => namesB.has(n));
      const changed: Changed[] = [];
      let unchanged = 0;
      const bar = io.progress('diff', common.length);
      for (const [i, name] of common.entries()) {
        bar.update(i, name);
        if (a.dtype(name) !== b.dtype(name)) changed.push({ name, reason: `dtype ${a.dtype(name)} -> ${b.dtype(name)}` });
        else if (a.shape(name).join(',') !== b.shape(name).join(',')) {
          changed.push({ name, reason: `shape [${a.shape(name).join(',')}] -> [${b.shape(name).join(',')}]` });
        } else {
          const r = compare(await a.read(name), await b.read(name), options.tolerance ?? 0);
          if (r.equal) unchanged++;
          else changed.push({ name, reason: 'values', ...(r.maxAbsDiff === undefined ? {} : { maxAbsDiff: r.maxAbsDiff }) });
        }
      }
      bar.update(common.length);
      bar.stop();
      if (options.json === true) {
        io.out(`${JSON.stringify({ a: a.prefix, b: b.prefix, added, removed, changed, unchanged }, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v), 2)}\n`);
      } else {
        for (const n of removed) io.out(`- ${n} (${a.dtype(n)} [${a.shape(n).join(',')}])\n`);
        for (const n of added) io.out(`+ ${n} (${b.dtype(n)} [${b.shape(n).join(',')}])\n`);
        for (const c of changed) {
          io.out(`~ ${c.name}: ${c.reason}${c.maxAbsDiff === undefined ? '' : `, max abs difference ${c.maxAbsDiff}`}\n`);
        }
        io.out(`${added.length} added, ${removed.length} removed, ${changed.length} changed, ${unchanged} unchanged\n`);
      }
      return added.length + removed.length + changed.length === 0 ? 0 : 1;
    } finally {
      await b.close();
    }
  } finally {
    await a.close();
  }
}
