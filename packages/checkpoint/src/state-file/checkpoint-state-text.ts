import { DataLossError } from '../errors/checkpoint-error.js';
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
