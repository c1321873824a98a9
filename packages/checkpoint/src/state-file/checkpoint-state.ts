import { readFile, stat } from 'node:fs/promises';
import { basename, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { indexFilename } from '../bundle/naming.js';
import { CheckpointError, DataLossError, InvalidArgumentError } from '../errors/checkpoint-error.js';
import { writeFileAtomic } from '../io/atomic-write.js';
import { decodeUtf8Strict, encodeUtf8 } from '../sstable/bytes.js';
import {
  CHECKPOINT_STATE_FILENAME, formatCheckpointState, parseCheckpointState, type CheckpointState,
} from './checkpoint-state-text.js';

export { CHECKPOINT_STATE_FILENAME, formatCheckpointState, parseCheckpointState, type CheckpointState };

/** A state read from disk, with every path resolved against the state file's directory. */
export interface ResolvedCheckpointState extends CheckpointState {
  /** The file it was read from. */
  readonly file: string;
  /** The paths exactly as written in the file. */
  readonly raw: CheckpointState;
}

async function checkpointFilesExist(prefix: string): Promise<boolean> {
  for (const p of [indexFilename(prefix), prefix]) {
    try {
      if ((await stat(p)).isFile()) return true;
    } catch {
      // try the next form
    }
  }
  return false;
}

/**
 * Resolves one path from a state file in `dir`. Relative paths are joined to
 * `dir` as TensorFlow does (without normalizing) and must stay inside it. An
 * absolute path that does not exist (a file copied from another machine)
 * falls back to the same basename beside the state file when that exists.
 */
async function resolveStatePath(dir: string, path: string, file: string): Promise<string> {
  if (isAbsolute(path)) {
    if (await checkpointFilesExist(path)) return path;
    const local = pythonJoin(dir, basename(path));
    return (await checkpointFilesExist(local)) ? local : path;
  }
  const rel = relative(resolve(dir), resolve(dir, path));
  if (rel === '..' || rel.startsWith(`..${'/'}`) || rel.startsWith('..\\') || isAbsolute(rel)) {
    throw new InvalidArgumentError(`checkpoint state ${file} names ${path}, which is outside ${dir}`, { file });
  }
  return pythonJoin(dir, path);
}

/** Python's `os.path.join` for two parts: no normalization, so "./x" stays "D/./x" as in TensorFlow. */
function pythonJoin(dir: string, path: string): string {
  return dir === '' || dir.endsWith(sep) || dir.endsWith('/') ? `${dir}${path}` : `${dir}${sep}${path}`;
}

/**
 * TensorFlow's `get_checkpoint_state`: `null` when `dir` has no state file;
 * a `CheckpointError` naming the file when it is unreadable, unparsable, or
 * has no `model_checkpoint_path` ("Invalid checkpoint state loaded from DIR").
 */
export async function readCheckpointState(dir: string, latestFilename = CHECKPOINT_STATE_FILENAME): Promise<ResolvedCheckpointState | null> {
  const file = join(dir, latestFilename);
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return null;
    throw new DataLossError(`Cannot read checkpoint state ${file}: ${(e as Error).message}`, { file, cause: e });
  }
  let text: string;
  try {
    text = decodeUtf8Strict(bytes);
  } catch {
    throw new DataLossError(`Cannot parse checkpoint state ${file}: not valid UTF-8 text`, { file });
  }
  const raw = parseCheckpointState(text, file);
  if (raw.modelCheckpointPath === '') {
    throw new CheckpointError('INVALID_ARGUMENT', `Invalid checkpoint state loaded from ${dir}`, { file });
  }
  const ts = raw.allModelCheckpointTimestamps;
  if (ts !== undefined && ts.length !== raw.allModelCheckpointPaths.length) {
    throw new DataLossError(`Cannot parse checkpoint state ${file}: ${ts.length} timestamps for ${raw.allModelCheckpointPaths.length} paths`, { file });
  }
  return {
    ...raw,
    modelCheckpointPath: await resolveStatePath(dir, raw.modelCheckpointPath, file),
    allModelCheckpointPaths: await Promise.all(raw.allModelCheckpointPaths.map((p) => resolveStatePath(dir, p, file))),
    file,
    raw,
  };
}

/**
 * Writes the state file atomically (temp file, fsync, rename, directory
 * fsync): readers see the old state or the new one. Paths are written as
 * given; callers choose relative or absolute as TensorFlow's Saver does.
 */
export async function writeCheckpointState(dir: string, state: CheckpointState,
  latestFilename = CHECKPOINT_STATE_FILENAME): Promise<string> {
  if (typeof state.modelCheckpointPath !== 'string' || state.modelCheckpointPath === '') {
    throw new InvalidArgumentError('CheckpointState.modelCheckpointPath must be a non-empty string');
  }
  const ts = state.allModelCheckpointTimestamps;
  if (ts !== undefined && ts.length !== state.allModelCheckpointPaths.length) {
    throw new InvalidArgumentError(`${ts.length} timestamps for ${state.allModelCheckpointPaths.length} checkpoint paths`);
  }
  const file = join(dir, latestFilename);
  if (resolve(file) === resolve(dir, state.modelCheckpointPath)) {
    throw new InvalidArgumentError(`Save path '${state.modelCheckpointPath}' conflicts with path used for checkpoint state.  Please use a different save path.`, { file });
  }
  await writeFileAtomic(file, encodeUtf8(formatCheckpointState(state)));
  return file;
}

/** TensorFlow's `checkpoint_exists`: `PREFIX.index` (V2) or `PREFIX` (V1) is a file. */
export function checkpointExists(prefix: string): Promise<boolean> {
  return checkpointFilesExist(prefix);
}

/** TensorFlow's `latest_checkpoint`: the newest prefix in `dir` if its files exist, else `null`. */
export async function latestCheckpoint(dir: string, latestFilename = CHECKPOINT_STATE_FILENAME): Promise<string | null> {
  const state = await readCheckpointState(dir, latestFilename);
  if (state === null) return null;
  return (await checkpointFilesExist(state.modelCheckpointPath)) ? state.modelCheckpointPath : null;
}
