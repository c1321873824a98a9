import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package's own `.proto` files, which drive `protoc --decode/--encode`. */
export const PROTO_DIR = fileURLToPath(new URL('../../proto/', import.meta.url));

/** Where the well-known types live (Debian's libprotobuf-dev / protobuf-compiler). */
const SYSTEM_PROTO_INCLUDE = ['/usr/include', '/usr/local/include'].find((d) => existsSync(join(d, 'google/protobuf/any.proto')));

function which(cmd: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
}

/**
 * Compiles the LevelDB table dumper against Debian's libleveldb, once.
 * Returns the binary's path, or the reason it cannot be built.
 */
export function buildLevelDbDump(): { path: string } | { skip: string } {
  if (!which('g++')) return { skip: 'g++ is not installed' };
  if (!existsSync('/usr/include/leveldb/table.h')) return { skip: 'libleveldb-dev is not installed (apt-get install libleveldb-dev)' };
  const out = join(mkdtempSync(join(tmpdir(), 'leveldb-dump-')), 'leveldb-dump');
  const src = fileURLToPath(new URL('./leveldb-dump.cc', import.meta.url));
  const r = spawnSync('g++', ['-O1', '-o', out, src, '-lleveldb'], { encoding: 'utf8' });
  if (r.status !== 0) return { skip: `building the LevelDB dumper failed: ${r.stderr}` };
  return { path: out };
}

/** `[hex key, hex value]` pairs LevelDB reads from a table file (checksums verified). */
export function levelDbEntries(dump: string, file: string): [string, string][] {
  const out = execFileSync(dump, [file], { encoding: 'utf8', maxBuffer: 1 << 28 });
  return out.split('\n').filter((l) => l !== '').map((l) => l.split(' ') as [string, string]);
}

export function protocAvailable(): { ok: true } | { skip: string } {
  if (!which('protoc')) return { skip: 'protoc is not installed (apt-get install protobuf-compiler)' };
  if (SYSTEM_PROTO_INCLUDE === undefined) return { skip: 'google/protobuf/*.proto not found (apt-get install libprotobuf-dev)' };
  return { ok: true };
}

function protocArgs(mode: '--decode' | '--encode', type: string): string[] {
  return [`${mode}=${type}`, '-I', PROTO_DIR, '-I', SYSTEM_PROTO_INCLUDE as string,
    'tensorflow/meta_graph.proto', 'tensorflow/checkpoint.proto', 'tensorflow/event.proto'];
}

/** `protoc --decode=TYPE` of binary bytes → text format. */
export function protocDecode(type: string, bytes: Uint8Array): string {
  return execFileSync('protoc', protocArgs('--decode', type), { input: bytes, encoding: 'utf8', maxBuffer: 1 << 28 });
}

/** `protoc --encode=TYPE` of text format → binary bytes (golden encodings). */
export function protocEncode(type: string, text: string): Uint8Array {
  return execFileSync('protoc', protocArgs('--encode', type), { input: text, maxBuffer: 1 << 28 });
}
