import { readdir, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { indexFilename, metaGraphFilename } from './naming.js';

/**
 * TensorFlow's `remove_checkpoint`: deletes `PREFIX.index`, every
 * `PREFIX.data-?????-of-?????` and `PREFIX.meta` (V2), or the V1 file(s) at
 * `PREFIX`. The index goes first, so an interrupted removal never leaves an
 * index whose data is gone. Returns the files removed.
 */
export async function removeCheckpoint(prefix: string): Promise<string[]> {
  const dir = dirname(prefix);
  const base = basename(prefix);
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return [];
  }
  const escaped = base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const data = new RegExp(`^${escaped}\\.data-\\d{5}-of-\\d{5}$`);
  const v1Shard = new RegExp(`^${escaped}-\\d{5}-of-\\d{5}$`);
  const targets = [
    ...names.filter((n) => n === basename(indexFilename(prefix))),
    ...names.filter((n) => data.test(n) || n === base || v1Shard.test(n)).sort(),
    ...names.filter((n) => n === basename(metaGraphFilename(prefix))),
  ].map((n) => join(dir, n));
  for (const t of targets) await rm(t, { force: true });
  return targets;
}
