import { compareBytes, encodeUtf8 } from '../sstable/bytes.js';
import { TableBuilder } from '../sstable/table-builder.js';
import { encodeBundleEntry, encodeBundleHeader, type BundleEntry } from './bundle-entry.js';

/**
 * The `.index` bytes for a bundle: the header under `""`, then every entry
 * in bytewise key order, through TensorFlow's table-builder rules. For the
 * same entries and data layout this is byte-identical to TensorFlow's file.
 */
export function buildBundleIndex(numShards: number,
  entries: Iterable<readonly [name: string | Uint8Array, entry: BundleEntry]>): Uint8Array {
  const sorted = [...entries].map(([name, entry]) => ({
    key: typeof name === 'string' ? encodeUtf8(name) : name,
    entry,
  }));
  sorted.sort((a, b) => compareBytes(a.key, b.key));
  const table = new TableBuilder();
  table.add(new Uint8Array(0), encodeBundleHeader(numShards));
  for (const { key, entry } of sorted) table.add(key, encodeBundleEntry(entry));
  return table.finish();
}
