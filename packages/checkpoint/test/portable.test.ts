import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as portable from '../src/portable.js';

const SRC = fileURLToPath(new URL('../src/', import.meta.url));

/** Every module reachable from `entry` through static relative imports, with its bare imports. */
function importGraph(entry: string): Map<string, string[]> {
  const seen = new Map<string, string[]>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    const text = readFileSync(file, 'utf8');
    const specs = [...text.matchAll(/^(?:import|export)\s[^'"]*?from\s+'([^']+)'/gm)].map((m) => m[1] as string);
    seen.set(file, specs.filter((s) => !s.startsWith('.')));
    for (const s of specs.filter((x) => x.startsWith('.'))) visit(resolve(dirname(file), s.replace(/\.js$/, '.ts')));
  };
  visit(entry);
  return seen;
}

describe('@varscope/checkpoint/portable', () => {
  it('reaches no Node built-in module, so it bundles for browsers', () => {
    const graph = importGraph(join(SRC, 'portable.ts'));
    expect(graph.size).toBeGreaterThan(10);
    const bare = new Set([...graph.values()].flat());
    expect([...bare].sort()).toEqual(['long', 'protobufjs/light.js']);
  });

  it('reads a table and its bundle entries from bytes alone, with the portable CRC', () => {
    const builder = new portable.TableBuilder();
    builder.add(new Uint8Array(0), portable.encodeBundleHeader(1));
    const entry = { dtype: 1, shape: [2], shardId: 0, offset: 0, size: 8, crc32c: portable.maskCrc(portable.portableCrc32c(new Uint8Array(8))), slices: [] };
    builder.add(new TextEncoder().encode('w'), portable.encodeBundleEntry(entry));
    const table = portable.readTable(builder.finish(), 'memory.index');
    expect(portable.decodeBundleHeader(table.entries[0]!.value).numShards).toBe(1);
    expect(portable.decodeBundleEntry(table.entries[1]!.value)).toEqual(entry);
  });
});
