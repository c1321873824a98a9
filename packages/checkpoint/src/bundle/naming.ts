/** File names of a V2 bundle (TensorFlow's `naming.cc`). */

export function indexFilename(prefix: string): string {
  return `${prefix}.index`;
}

/** `PREFIX.data-SSSSS-of-NNNNN`, both numbers `%05d`. */
export function dataFilename(prefix: string, shardId: number, numShards: number): string {
  return `${prefix}.data-${String(shardId).padStart(5, '0')}-of-${String(numShards).padStart(5, '0')}`;
}

/** The `.meta` beside a checkpoint; a sharded V1 name drops its `-SSSSS-of-NNNNN` suffix, as TensorFlow does. */
export function metaGraphFilename(prefix: string): string {
  return `${prefix.replace(/-\d{5}-of-\d{5}$/, '')}.meta`;
}

const DATA_SUFFIX = /\.data-\d{5}-of-\d{5}$/;

/** The prefix named by a path that may end in `.index`, `.data-…`, or `.meta`, or `null` if it has none of those. */
export function prefixFromFilename(path: string): string | null {
  if (path.endsWith('.index')) return path.slice(0, -'.index'.length);
  if (path.endsWith('.meta')) return path.slice(0, -'.meta'.length);
  const m = DATA_SUFFIX.exec(path);
  if (m !== null) return path.slice(0, m.index);
  return null;
}
