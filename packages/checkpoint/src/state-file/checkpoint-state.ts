import { readFile, stat } from 'node:fs/promises';
import { basename, isAbsolute, join, relative, resolve } from 'node:path';
import { indexFilename } from '../bundle/naming.js';
import { CheckpointError, DataLossError, InvalidArgumentError } from '../errors/checkpoint-error.js';
import { writeFileAtomic } from '../io/atomic-write.js';
import { decodeUtf8Strict, encodeUtf8 } from '../sstable/bytes.js';
import { TextFormatError, escapeTextBytes, formatDouble, parseTextFields } from './text-format.js';

/** TensorFlow's `CheckpointState` (the `checkpoint` file), as stored. */
export interface CheckpointState {
  /** The newest checkpoint prefix (field 1). */
  readonly modelCheckpointPath: string;
  /** Retained prefixes, oldest first; the last is the newest (field 2). */
  readonly allModelCheckpointPaths: readonly string[];
  /** Unix seconds per path (field 3, TF2 CheckpointManager). */
  readonly allModelCheckpointTimestamps?: readonly number[];
  /** Field 4, TF2 CheckpointManager. */
  readonly lastPreservedTimestamp?: number;
}

/** A state read from disk, with every path resolved against the state file's directory. */
export interface ResolvedCheckpointState extends CheckpointState {
  /** The file it was read from. */
  readonly file: string;
  /** The paths exactly as written in the file. */
  readonly raw: CheckpointState;
}

/** TensorFlow's default state file name. */
export const CHECKPOINT_STATE_FILENAME = 'checkpoint';

/** Parses the text of a state file. Unknown fields and bad syntax are a `DataLossError` naming `file`. */
export function parseCheckpointState(text: string, file = CHECKPOINT_STATE_FILENAME): CheckpointState {
  let model: string | undefined;
  const all: string[] = [];
  const timestamps: number[] = [];
  let preserved: number | undefined;
  let fields;
  try {
    fields = parseTextFields(text);
  } catch (e) {
    if (e instanceof TextFormatError) throw new DataLossError(`Cannot parse checkpoint state ${file}: ${e.message}`, { file, cause: e });
    throw e;
  }
  for (const { name, value, line } of fields) {
    const fail = (what: string): never => {
      throw new DataLossError(`Cannot parse checkpoint state ${file}: line ${line}: ${what}`, { file });
    };
    const str = (): string => {
      if (value.kind !== 'string') fail(`${name} must be a string`);
      try {
        return decodeUtf8Strict((value as { bytes: Uint8Array }).bytes);
      } catch {
        return fail(`${name} is not valid UTF-8`);
      }
    };
    const num = (): number => {
      if (value.kind === 'string') fail(`${name} must be a number`);
      const t = (value as { text: string }).text.toLowerCase().replace(/([0-9.])f$/, '$1');
      const v = /^-?inf(inity)?$/.test(t) ? (t.startsWith('-') ? -Infinity : Infinity)
        : /^-?nan$/.test(t) ? NaN : Number(t);
      if (Number.isNaN(v) && !t.includes('nan')) fail(`${name} value ${t} is not a number`);
      return v;
    };
    switch (name) {
      case 'model_checkpoint_path': model = str(); break;
      case 'all_model_checkpoint_paths': all.push(str()); break;
      case 'all_model_checkpoint_timestamps': timestamps.push(num()); break;
      case 'last_preserved_timestamp': preserved = num(); break;
      default: fail(`unknown field ${name} in CheckpointState`);
    }
  }
  return {
    modelCheckpointPath: model ?? '',
    allModelCheckpointPaths: all,
    ...(timestamps.length > 0 ? { allModelCheckpointTimestamps: timestamps } : {}),
    ...(preserved !== undefined ? { lastPreservedTimestamp: preserved } : {}),
  };
}

/** The text TensorFlow writes for `state`: fields in number order, one line per element. */
export function formatCheckpointState(state: CheckpointState): string {
  const q = (s: string): string => `"${escapeTextBytes(encodeUtf8(s))}"`;
  let out = '';
  if (state.modelCheckpointPath !== '') out += `model_checkpoint_path: ${q(state.modelCheckpointPath)}\n`;
  for (const p of state.allModelCheckpointPaths) out += `all_model_checkpoint_paths: ${q(p)}\n`;
  for (const t of state.allModelCheckpointTimestamps ?? []) out += `all_model_checkpoint_timestamps: ${formatDouble(t)}\n`;
  if (state.lastPreservedTimestamp !== undefined && state.lastPreservedTimestamp !== 0) {
    out += `last_preserved_timestamp: ${formatDouble(state.lastPreservedTimestamp)}\n`;
  }
  return out;
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
 * `dir` (as TensorFlow does, without normalizing) and must stay inside it. An
 * absolute path that does not exist (a file copied from another machine)
 * falls back to the same basename beside the state file when that exists.
 */
async function resolveStatePath(dir: string, path: string, file: string): Promise<string> {
  if (isAbsolute(path)) {
    if (await checkpointFilesExist(path)) return path;
    const local = join(dir, basename(path));
    return (await checkpointFilesExist(local)) ? local : path;
  }
  const rel = relative(resolve(dir), resolve(dir, path));
  if (rel === '..' || rel.startsWith(`..${'/'}`) || rel.startsWith('..\\') || isAbsolute(rel)) {
    throw new InvalidArgumentError(`checkpoint state ${file} names ${path}, which is outside ${dir}`, { file });
  }
  return join(dir, path);
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
