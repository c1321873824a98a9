import { stat } from 'node:fs/promises';
import { DTYPES, type CheckpointDType } from '../dtype/data-type.js';
import { DataLossError, NotFoundError } from '../errors/checkpoint-error.js';
import { RandomAccessFile } from '../io/random-access-file.js';
import { TrackableObjectGraph } from '../proto/generated/messages.js';
import { TABLE_MAGIC } from '../sstable/format.js';
import { TensorSliceReader } from '../v1/tensor-slice-reader.js';
import { BundleReader, type ProgressCallback } from './bundle-reader.js';
import { indexFilename, prefixFromFilename } from './naming.js';
import type { TensorData } from './tensor-data.js';
import type { TensorInfo } from './tensor-info.js';

/** The key under which TF2 object-based checkpoints store their serialized object graph. */
export const OBJECT_GRAPH_PROTO_KEY = '_CHECKPOINTABLE_OBJECT_GRAPH';

/** Summary of {@link CheckpointReader.verify}. */
export interface VerifyReport {
  readonly tensors: number;
  readonly bytes: number;
}

async function exists(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

async function endsWithTableMagic(path: string): Promise<boolean> {
  const f = await RandomAccessFile.open(path);
  try {
    if (f.size < TABLE_MAGIC.length) return false;
    const tail = await f.read(f.size - TABLE_MAGIC.length, TABLE_MAGIC.length);
    return tail.every((b, i) => b === TABLE_MAGIC[i]);
  } finally {
    await f.close();
  }
}

/**
 * Reads a TensorFlow checkpoint: a V2 bundle (`PREFIX.index` +
 * `PREFIX.data-*`), or a V1 tensor-slice file, detected as TensorFlow does.
 * Opening reads only the index; `read` fetches one tensor's bytes and
 * verifies its checksum.
 */
export class CheckpointReader {
  private constructor(
    /** The prefix actually used (a `.index`/`.data-*`/`.meta` path given to `open` is reduced to it). */
    readonly prefix: string,
    /** `'V2'` (tensor bundle) or `'V1'` (tensor-slice table). */
    readonly format: 'V1' | 'V2',
    private readonly v2: BundleReader | null,
    private readonly v1: TensorSliceReader | null,
  ) {}

  /**
   * Opens the checkpoint at `path`: a prefix such as `dir/model.ckpt-1000`, or
   * the path of one of its `.index`, `.data-NNNNN-of-NNNNN` or `.meta` files.
   * `PREFIX.index` means V2; otherwise `PREFIX` (or `PREFIX-?????-of-N`) being
   * an SSTable means V1; otherwise `NotFoundError` naming the prefix tried.
   */
  static async open(path: string): Promise<CheckpointReader> {
    const candidates = [path];
    const stripped = prefixFromFilename(path);
    if (stripped !== null) candidates.unshift(stripped);
    for (const prefix of candidates) {
      if (await exists(indexFilename(prefix))) {
        return new CheckpointReader(prefix, 'V2', await BundleReader.open(prefix), null);
      }
    }
    for (const prefix of candidates) {
      const files = await TensorSliceReader.findFiles(prefix);
      if (files.length > 0 && (await Promise.all(files.map(endsWithTableMagic))).every(Boolean)) {
        return new CheckpointReader(prefix, 'V1', null, await TensorSliceReader.open(prefix, files));
      }
    }
    const tried = candidates[0] as string;
    throw new NotFoundError(
      `Unsuccessful TensorSliceReader constructor: Failed to find any matching files for ${tried} (looked for ${indexFilename(tried)} and a V1 file at ${tried})`,
      { file: tried },
    );
  }

  private get tensors(): ReadonlyMap<string, TensorInfo> {
    return (this.v2 ?? (this.v1 as TensorSliceReader)).tensors;
  }

  private info(name: string): TensorInfo {
    const t = this.tensors.get(name);
    if (t === undefined) throw new NotFoundError(`Key ${name} not found in checkpoint`, { tensor: name, file: this.prefix });
    return t;
  }

  /** TensorFlow's `has_tensor`. */
  has(name: string): boolean {
    return this.tensors.has(name);
  }

  /** Tensor names in bytewise key order. */
  keys(): string[] {
    return [...this.tensors.keys()];
  }

  dtype(name: string): CheckpointDType {
    return this.info(name).dtype;
  }

  shape(name: string): number[] {
    return [...this.info(name).shape];
  }

  /** Name → dtype, shape for every tensor. */
  list(): TensorInfo[] {
    return [...this.tensors.values()].map(({ name, dtype, shape }) => ({ name, dtype, shape: [...shape] }));
  }

  /** TensorFlow's `get_variable_to_shape_map`. */
  variableToShapeMap(): Record<string, number[]> {
    const out: Record<string, number[]> = {};
    for (const t of this.tensors.values()) out[t.name] = [...t.shape];
    return out;
  }

  /** TensorFlow's `get_variable_to_dtype_map`, with Python dtype names. */
  variableToDtypeMap(): Record<string, CheckpointDType> {
    const out: Record<string, CheckpointDType> = {};
    for (const t of this.tensors.values()) out[t.name] = t.dtype;
    return out;
  }

  /**
   * Reads one tensor (TensorFlow's `get_tensor`), verifying its checksum. A
   * missing name is `NotFoundError("Key NAME not found in checkpoint")`.
   */
  async read(name: string, options: { onProgress?: ProgressCallback } = {}): Promise<TensorData> {
    this.info(name);
    if (this.v2 !== null) return this.v2.read(name, options.onProgress);
    return (this.v1 as TensorSliceReader).read(name);
  }

  /** Reads every tensor and checks every checksum; throws the first failure. */
  async verify(options: { onProgress?: (done: number, total: number, name: string) => void } = {}): Promise<VerifyReport> {
    const names = this.keys();
    let total = 0;
    if (this.v2 !== null) for (const t of this.v2.tensors.values()) total += t.entry.size;
    let done = 0;
    for (const name of names) {
      let last = 0;
      await this.read(name, {
        onProgress: (d) => {
          done += d - last;
          last = d;
          options.onProgress?.(done, total, name);
        },
      });
      options.onProgress?.(done, total, name);
    }
    return { tensors: names.length, bytes: done };
  }

  /** The TF2 object graph (`_CHECKPOINTABLE_OBJECT_GRAPH`), decoded; `null` for name-based checkpoints. */
  async objectGraph(): Promise<TrackableObjectGraph | null> {
    if (!this.has(OBJECT_GRAPH_PROTO_KEY)) return null;
    const t = await this.read(OBJECT_GRAPH_PROTO_KEY);
    if (t.dtype !== 'string' || t.data.length !== 1) {
      throw new DataLossError(`${OBJECT_GRAPH_PROTO_KEY} in ${this.prefix} is not a scalar string`,
        { tensor: OBJECT_GRAPH_PROTO_KEY, file: this.prefix });
    }
    return TrackableObjectGraph.decode(t.data[0] as Uint8Array, { file: `${this.prefix} (${OBJECT_GRAPH_PROTO_KEY})` });
  }

  /** TensorFlow's `debug_string()`: one `name (DT_TYPE) [d0,d1]` line per tensor. */
  debugString(): string {
    let s = '';
    for (const t of this.tensors.values()) s += `${t.name} (${DTYPES[t.dtype].enumName}) [${t.shape.join(',')}]\n`;
    return s;
  }

  /** The V2 bundle underneath (header, table layout, raw entries); `null` for V1. */
  get bundle(): BundleReader | null {
    return this.v2;
  }

  async close(): Promise<void> {
    await this.v2?.close();
    await this.v1?.close();
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }
}
