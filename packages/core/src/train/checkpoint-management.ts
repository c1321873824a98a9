import { readFile, readdir, rm, stat } from 'node:fs/promises';
import { basename, isAbsolute, relative } from 'node:path';
import {
  CHECKPOINT_STATE_FILENAME, CheckpointError, checkpointExists as bundleExists, indexFilename, parseCheckpointState,
  writeCheckpointState,
} from '@varscope/checkpoint';
import type { CheckpointState } from '@varscope/checkpoint';
import { RuntimeError, ValueError } from '../errors.js';

export type { CheckpointState };

/** Python's `os.path.join(a, b)`: no normalization (`D` + `./m` → `D/./m`), an absolute `b` wins. */
export function pathJoin(a: string, b: string): string {
  if (isAbsolute(b) || a === '') return b;
  return a.endsWith('/') ? `${a}${b}` : `${a}/${b}`;
}

/** Python's `os.path.dirname`: `''` for a bare name. */
export function pathDirname(p: string): string {
  const i = p.lastIndexOf('/');
  if (i < 0) return '';
  const head = p.slice(0, i + 1);
  return /^\/+$/.test(head) ? head : head.replace(/\/+$/, '');
}

function warn(message: string): void {
  process.emitWarning(message, { code: 'VARSCOPE_CHECKPOINT' });
}

/**
 * TensorFlow's `get_checkpoint_state`: the `checkpoint` file of `checkpointDir`, with relative
 * paths joined to the directory (without normalizing, as TensorFlow does). `null` when there
 * is no state file, or (with a warning) when it cannot be read or parsed; a file without a
 * model path is a `ValueError` "Invalid checkpoint state loaded from DIR".
 */
export async function getCheckpointState(checkpointDir: string, latestFilename?: string): Promise<CheckpointState | null> {
  const file = pathJoin(checkpointDir, latestFilename ?? CHECKPOINT_STATE_FILENAME);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT' && code !== 'ENOTDIR') warn(`${(e as Error).message}: Checkpoint ignored`);
    return null;
  }
  let state: CheckpointState;
  try {
    state = parseCheckpointState(text, file);
  } catch (e) {
    if (!(e instanceof CheckpointError)) throw e;
    warn(`${e.message}: Checkpoint ignored`);
    return null;
  }
  if (state.modelCheckpointPath === '') throw new ValueError(`Invalid checkpoint state loaded from ${checkpointDir}`);
  return {
    ...state,
    modelCheckpointPath: pathJoin(checkpointDir, state.modelCheckpointPath),
    allModelCheckpointPaths: state.allModelCheckpointPaths.map((p) => pathJoin(checkpointDir, p)),
  };
}

/** TensorFlow's `checkpoint_exists`: `PREFIX.index` (V2) or `PREFIX` (V1) exists. */
export function checkpointExists(prefix: string): Promise<boolean> {
  return bundleExists(prefix);
}

/**
 * TensorFlow's `latest_checkpoint`: the newest prefix named by the state file, only if its
 * files exist (a crash before the state file was updated leaves the previous, complete one).
 */
export async function latestCheckpoint(checkpointDir: string, latestFilename?: string): Promise<string | null> {
  const state = await getCheckpointState(checkpointDir, latestFilename);
  if (state === null) return null;
  if (await checkpointExists(state.modelCheckpointPath)) return state.modelCheckpointPath;
  warn(`Couldn't match files for checkpoint ${state.modelCheckpointPath}`);
  return null;
}

/** TensorFlow's `meta_graph_filename`: strips a V1 shard suffix, adds `.meta`. */
export function metaGraphFilename(checkpointFilename: string, metaGraphSuffix = 'meta'): string {
  const base = checkpointFilename.replace(/-[\d?]+-of-\d+$/, '');
  return `${base}.${metaGraphSuffix}`;
}

/** The files of checkpoint `prefix` that exist: index, data shards, meta graph (and a V1 file). */
export async function checkpointFiles(prefix: string, metaGraphSuffix = 'meta'): Promise<string[]> {
  const dir = pathDirname(prefix) || '.';
  const base = basename(prefix);
  const data = new RegExp(`^${base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.data-\\d{5}-of-\\d{5}$`);
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return [];
  }
  const wanted = new Set([`${base}.index`, `${base}.${metaGraphSuffix}`]);
  return names.filter((n) => wanted.has(n) || data.test(n)).map((n) => pathJoin(pathDirname(prefix), n));
}

/** TensorFlow's `remove_checkpoint`: deletes `prefix.index`, `prefix.data-*` and `prefix.meta`. */
export async function removeCheckpoint(prefix: string, metaGraphSuffix = 'meta'): Promise<void> {
  // The index goes first: a half-removed checkpoint is then no longer "a checkpoint".
  await rm(indexFilename(prefix), { force: true });
  for (const f of await checkpointFiles(prefix, metaGraphSuffix)) await rm(f, { force: true });
}

/** TensorFlow's `get_checkpoint_mtimes`: seconds since the epoch of each prefix's index file. */
export async function getCheckpointMtimes(prefixes: readonly string[]): Promise<number[]> {
  const out: number[] = [];
  for (const p of prefixes) {
    try {
      out.push((await stat(indexFilename(p))).mtimeMs / 1000);
    } catch {
      // TensorFlow skips checkpoints that do not exist.
    }
  }
  return out;
}

/**
 * TensorFlow's `generate_checkpoint_state_proto`: the model path ends the list; with a
 * relative save directory, relative paths are made relative to it.
 */
export function generateCheckpointState(saveDir: string, modelPath: string, allPaths?: readonly string[]): CheckpointState {
  const all = [...(allPaths ?? [])];
  if (all.length === 0 || all[all.length - 1] !== modelPath) all.push(modelPath);
  if (!isAbsolute(saveDir)) {
    const dir = saveDir === '' ? '.' : saveDir;
    const rel = (p: string): string => (isAbsolute(p) ? p : relative(dir, p));
    return { modelCheckpointPath: rel(modelPath), allModelCheckpointPaths: all.map(rel) };
  }
  return { modelCheckpointPath: modelPath, allModelCheckpointPaths: all };
}

/**
 * TensorFlow's `update_checkpoint_state_internal`: writes the state file of `saveDir`
 * atomically. With `saveRelativePaths`, absolute paths are stored relative to `saveDir`, so
 * the directory can be moved.
 */
export async function updateCheckpointState(saveDir: string, modelPath: string, options: {
  allPaths?: readonly string[]; latestFilename?: string; saveRelativePaths?: boolean;
} = {}): Promise<void> {
  let model = modelPath;
  let all = options.allPaths;
  if (options.saveRelativePaths === true) {
    const dir = saveDir === '' ? '.' : saveDir;
    const rel = (p: string): string => (isAbsolute(p) ? relative(dir, p) : p);
    model = rel(model);
    all = all?.map(rel);
  }
  const state = generateCheckpointState(saveDir, model, all);
  const latestFilename = options.latestFilename ?? CHECKPOINT_STATE_FILENAME;
  const stateFile = pathJoin(saveDir, latestFilename);
  if (stateFile === pathJoin(saveDir, state.modelCheckpointPath) || stateFile === modelPath) {
    throw new RuntimeError(`Save path '${modelPath}' conflicts with path used for checkpoint state.  Please use a different save path.`);
  }
  await writeCheckpointState(saveDir === '' ? '.' : saveDir, state, latestFilename);
}

/** The directory a save path's state file lives in (Python's `os.path.dirname`). */
export function saveDirOf(savePath: string): string {
  return pathDirname(savePath);
}

