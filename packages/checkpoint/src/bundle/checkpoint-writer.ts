import { mkdir, open, rename, rm, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { crc32c, maskCrc } from '../crc32c/crc32c.js';
import { DTYPES, isCheckpointDType } from '../dtype/data-type.js';
import { CheckpointError, InvalidArgumentError } from '../errors/checkpoint-error.js';
import { fsyncDirectory, tempPathFor, writeFileAtomic } from '../io/atomic-write.js';
import type { BundleEntry, TensorSlice } from './bundle-entry.js';
import { encodeSliceKey } from './ordered-code.js';
import { resolveSlice } from './slice-copy.js';
import { buildBundleIndex } from './index-builder.js';
import { dataFilename, indexFilename } from './naming.js';
import {
  checkFixedData, elementCount, encodeStringTensor, encodeVariantTensor, fixedByteChunks, type TensorInput,
  type TypedArray,
} from './tensor-data.js';

export interface CheckpointWriterOptions {
  /** Number of `.data-SSSSS-of-NNNNN` files (default 1). Every shard file is written, even an empty one. */
  readonly numShards?: number;
  /**
   * Picks the shard of a tensor added without an explicit `shard`. The default
   * puts each tensor in the shard with the fewest bytes so far.
   */
  readonly shardFor?: (name: string, byteSize: number, shardSizes: readonly number[]) => number;
  /** Called as the save passes each {@link SaveStage} (progress reporting; fault-injection tests). */
  readonly onStage?: (stage: SaveStage, detail: { readonly prefix: string; readonly tensor?: string }) => void | Promise<void>;
}

/**
 * The durability stages of a save, in order. `tensor-written`: one tensor's
 * bytes handed to the OS; `data-synced`: every shard fsynced and closed;
 * `data-renamed`: shards moved to their final names (no `.index` yet);
 * `index-synced`: the index written and fsynced under its temporary name;
 * `index-renamed`: the checkpoint is complete and visible.
 */
export type SaveStage = 'tensor-written' | 'data-synced' | 'data-renamed' | 'index-synced' | 'index-renamed';

export interface AddOptions {
  /** The shard this tensor goes to, in `[0, numShards)`. */
  readonly shard?: number;
}

/** What {@link CheckpointWriter.finish} wrote. */
export interface WrittenCheckpoint {
  readonly prefix: string;
  /** The index file, then the data files. */
  readonly files: readonly string[];
  readonly tensors: number;
  readonly bytes: number;
}

interface Shard {
  readonly temp: string;
  readonly final: string;
  readonly handle: FileHandle;
  size: number;
}

/** Largest single write: Node refuses lengths above 2 GiB - 1. */
const MAX_WRITE = 1 << 30;
/** Fixed-size tensors are written in chunks of this size, each checksummed while the previous one is written. */
const WRITE_CHUNK = 4 << 20;

/**
 * Streams tensors into a V2 bundle. Data goes to temporary files as tensors
 * are added; `finish` fsyncs them, renames them into place, then writes the
 * index the same way (temp, fsync, rename) and fsyncs the directory. The
 * `.index` appears last, so a crash at any point never leaves an index whose
 * data is incomplete; the previous checkpoints are never touched.
 */
export class CheckpointWriter {
  private readonly entries = new Map<string, BundleEntry>();
  /** Partitioned tensors: the full-name entry being assembled, and the slice entries under their encoded keys. */
  private readonly partitioned = new Map<string, { dtype: TensorInput['dtype']; shape: readonly number[]; slices: TensorSlice[] }>();
  private readonly sliceEntries = new Map<string, { key: Uint8Array; entry: BundleEntry }>();
  private state: 'open' | 'finishing' | 'done' | 'aborted' = 'open';
  private queue: Promise<void> = Promise.resolve();

  private constructor(readonly prefix: string, private readonly shards: Shard[],
    private readonly shardFor: NonNullable<CheckpointWriterOptions['shardFor']>,
    private readonly onStage: CheckpointWriterOptions['onStage']) {}

  static async create(prefix: string, options: CheckpointWriterOptions = {}): Promise<CheckpointWriter> {
    const numShards = options.numShards ?? 1;
    if (!Number.isInteger(numShards) || numShards < 1 || numShards > 99_999) {
      throw new InvalidArgumentError(`numShards must be an integer in [1, 99999], got ${numShards}`);
    }
    if (prefix.length === 0) throw new InvalidArgumentError('checkpoint prefix is empty');
    await mkdir(dirname(prefix), { recursive: true });
    const shards: Shard[] = [];
    try {
      for (let i = 0; i < numShards; i++) {
        const final = dataFilename(prefix, i, numShards);
        const temp = tempPathFor(final);
        shards.push({ temp, final, handle: await open(temp, 'wx'), size: 0 });
      }
    } catch (e) {
      for (const s of shards) {
        await s.handle.close();
        await rm(s.temp, { force: true });
      }
      throw new CheckpointError('FAILED_PRECONDITION', `cannot create the data files of ${prefix}: ${(e as Error).message}`,
        { file: prefix, cause: e });
    }
    const balance = (_name: string, _size: number, sizes: readonly number[]): number => {
      let best = 0;
      for (let i = 1; i < sizes.length; i++) if ((sizes[i] as number) < (sizes[best] as number)) best = i;
      return best;
    };
    return new CheckpointWriter(prefix, shards, options.shardFor ?? balance, options.onStage);
  }

  /** Number of tensors added so far. */
  get size(): number {
    return this.entries.size + this.partitioned.size;
  }

  /**
   * Appends a tensor's bytes to its shard. Calls may overlap; they are
   * written in call order. The data may be reused once the promise resolves.
   */
  add(name: string, tensor: TensorInput, options: AddOptions = {}): Promise<void> {
    const run = this.queue.then(() => this.addNow(name, tensor, options));
    this.queue = run.catch(() => undefined);
    return run;
  }

  /**
   * Adds one slice of a partitioned tensor (TensorFlow's `shape_and_slices`
   * saving): `fullShape` is the whole tensor's shape, `slice` one extent per
   * dimension (`length` omitted = the whole dimension), `tensor` the slice's
   * own data. The full name lists every slice; each slice's bytes live under
   * its OrderedCode key. A slice covering the whole tensor is stored as a
   * plain entry, as TensorFlow does.
   */
  addSlice(name: string, fullShape: readonly number[], slice: TensorSlice, tensor: TensorInput,
    options: AddOptions = {}): Promise<void> {
    const run = this.queue.then(() => this.addSliceNow(name, fullShape, slice, tensor, options));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async addSliceNow(name: string, fullShape: readonly number[], slice: TensorSlice, tensor: TensorInput,
    options: AddOptions): Promise<void> {
    if (this.entries.has(name)) throw new InvalidArgumentError(`Duplicate tensor name ${name} in checkpoint ${this.prefix}`, { tensor: name });
    let region;
    try {
      elementCount(fullShape);
      region = resolveSlice(slice, fullShape);
    } catch (e) {
      throw new InvalidArgumentError(`tensor ${name}: ${(e as Error).message}`, { tensor: name });
    }
    if (typeof region === 'string') throw new InvalidArgumentError(`tensor ${name}: ${region}`, { tensor: name });
    if (region.shape.join(',') !== tensor.shape.join(',')) {
      throw new InvalidArgumentError(`tensor ${name}: slice ${JSON.stringify(slice)} has shape [${region.shape.join(',')}] but the data has shape [${tensor.shape.join(',')}]`, { tensor: name });
    }
    const full = region.shape.every((d, i) => d === fullShape[i]);
    const known = this.partitioned.get(name);
    if (full && known === undefined) return this.addNow(name, tensor, options);
    if (known !== undefined && (known.dtype !== tensor.dtype || known.shape.join(',') !== fullShape.join(','))) {
      throw new InvalidArgumentError(`tensor ${name}: slice has dtype ${tensor.dtype} and full shape [${fullShape.join(',')}], but earlier slices had ${known.dtype} [${known.shape.join(',')}]`, { tensor: name });
    }
    const key = encodeSliceKey(name, slice);
    const keyHex = Buffer.from(key).toString('hex');
    if (this.sliceEntries.has(keyHex)) throw new InvalidArgumentError(`tensor ${name}: slice ${JSON.stringify(slice)} added twice`, { tensor: name });
    const entry = await this.writeTensor(name, tensor, options, true);
    this.sliceEntries.set(keyHex, { key, entry });
    if (known === undefined) this.partitioned.set(name, { dtype: tensor.dtype, shape: [...fullShape], slices: [slice] });
    else known.slices.push(slice);
  }

  private validate(name: string, tensor: TensorInput, isSlice = false): void {
    if (this.state !== 'open') throw new CheckpointError('FAILED_PRECONDITION', `CheckpointWriter for ${this.prefix} is already ${this.state}`);
    if (typeof name !== 'string' || name.length === 0) throw new InvalidArgumentError('tensor name must be a non-empty string', { tensor: name });
    if (!isWellFormed(name)) throw new InvalidArgumentError(`tensor name ${JSON.stringify(name)} is not valid Unicode`, { tensor: name });
    if (!isSlice && this.entries.has(name)) throw new InvalidArgumentError(`Duplicate tensor name ${name} in checkpoint ${this.prefix}`, { tensor: name });
    const { dtype, shape } = tensor;
    if (!isCheckpointDType(dtype) || (dtype as string) === 'resource') {
      throw new InvalidArgumentError(`tensor ${name} has unsupported dtype ${String(dtype)}`, { tensor: name });
    }
    if (!Array.isArray(shape)) throw new InvalidArgumentError(`tensor ${name}: shape must be an array`, { tensor: name });
    let count: number;
    try {
      count = elementCount(shape);
    } catch (e) {
      throw new InvalidArgumentError(`tensor ${name}: ${(e as Error).message}`, { tensor: name });
    }
    if (dtype === 'string' || dtype === 'variant') {
      const data = tensor.data as readonly unknown[];
      if (!Array.isArray(data) || data.length !== count) {
        throw new InvalidArgumentError(`tensor ${name}: ${dtype} data must be an array of ${count} elements`, { tensor: name });
      }
      const ok = data.every((e) => e instanceof Uint8Array || (dtype === 'string' && typeof e === 'string'));
      if (!ok) throw new InvalidArgumentError(`tensor ${name}: ${dtype} elements must be ${dtype === 'string' ? 'strings or ' : ''}Uint8Arrays`, { tensor: name });
      // UTF-8 cannot encode a lone surrogate; TextEncoder would silently store U+FFFD instead.
      const bad = data.findIndex((e) => typeof e === 'string' && !isWellFormed(e));
      if (bad >= 0) throw new InvalidArgumentError(`tensor ${name}: string element ${bad} is not valid Unicode (pass raw bytes as a Uint8Array)`, { tensor: name });
    } else {
      const problem = checkFixedData(dtype, shape, tensor.data);
      if (problem !== null) throw new InvalidArgumentError(`tensor ${name}: ${problem}`, { tensor: name });
    }
  }

  private pickShard(name: string, size: number, explicit: number | undefined): number {
    const shard = explicit ?? this.shardFor(name, size, this.shards.map((s) => s.size));
    if (!Number.isInteger(shard) || shard < 0 || shard >= this.shards.length) {
      throw new InvalidArgumentError(`tensor ${name}: shard ${shard} is not in [0, ${this.shards.length})`, { tensor: name });
    }
    return shard;
  }

  private async addNow(name: string, tensor: TensorInput, options: AddOptions): Promise<void> {
    if (this.partitioned.has(name)) throw new InvalidArgumentError(`Duplicate tensor name ${name} in checkpoint ${this.prefix}`, { tensor: name });
    this.entries.set(name, await this.writeTensor(name, tensor, options));
  }

  private async writeTensor(name: string, tensor: TensorInput, options: AddOptions, isSlice = false): Promise<BundleEntry> {
    this.validate(name, tensor, isSlice);
    const info = DTYPES[tensor.dtype];
    let chunks: Uint8Array[];
    let size: number;
    // null: the CRC is computed chunk by chunk while the previous chunk is being written.
    let masked: number | null;
    if (tensor.dtype === 'string' || tensor.dtype === 'variant') {
      const data = tensor.data as readonly (Uint8Array | string)[];
      const enc = tensor.dtype === 'string'
        ? encodeStringTensor(data)
        : encodeVariantTensor(data as readonly Uint8Array[]);
      chunks = [...enc.chunks];
      size = enc.size;
      masked = enc.maskedCrc;
    } else {
      chunks = fixedByteChunks(info, tensor.data as TypedArray, WRITE_CHUNK);
      size = (tensor.data as TypedArray).byteLength;
      masked = null;
    }
    const shardId = this.pickShard(name, size, options.shard);
    const shard = this.shards[shardId] as Shard;
    const offset = shard.size;
    try {
      // One write in flight while the next chunk is checksummed.
      let crc = 0;
      let pending: Promise<void> | null = null;
      for (const chunk of chunks) {
        if (masked === null) crc = crc32c(chunk, crc);
        await pending;
        pending = writeFully(shard.handle, chunk);
      }
      await pending;
      masked ??= maskCrc(crc);
    } catch (e) {
      // The shard's tail is now undefined; nothing more can be appended to it.
      this.state = 'aborted';
      await this.cleanup();
      throw new CheckpointError('FAILED_PRECONDITION', `writing tensor ${name} to ${shard.temp} failed: ${(e as Error).message}`,
        { file: shard.final, tensor: name, cause: e });
    }
    shard.size += size;
    await this.onStage?.('tensor-written', { prefix: this.prefix, tensor: name });
    return { dtype: info.enumValue, shape: [...tensor.shape], shardId, offset, size, crc32c: masked, slices: [] };
  }

  /** Every index entry: plain tensors, partitioned tensors' full-name entries, and their slice entries. */
  private allEntries(): [string | Uint8Array, BundleEntry][] {
    const out: [string | Uint8Array, BundleEntry][] = [...this.entries];
    for (const [name, p] of this.partitioned) {
      out.push([name, { dtype: DTYPES[p.dtype].enumValue, shape: p.shape, shardId: 0, offset: 0, size: 0, crc32c: 0, slices: p.slices }]);
    }
    for (const { key, entry } of this.sliceEntries.values()) out.push([key, entry]);
    return out;
  }

  /**
   * Makes the checkpoint durable and visible: data files fsynced and renamed,
   * then the index written atomically. Returns what was written.
   */
  async finish(): Promise<WrittenCheckpoint> {
    await this.queue;
    if (this.state !== 'open') throw new CheckpointError('FAILED_PRECONDITION', `CheckpointWriter for ${this.prefix} is already ${this.state}`);
    this.state = 'finishing';
    const indexPath = indexFilename(this.prefix);
    try {
      for (const s of this.shards) {
        await s.handle.sync();
        await s.handle.close();
      }
      await this.onStage?.('data-synced', { prefix: this.prefix });
      // An older index at this prefix must not be paired with the new data if we die mid-way.
      await rm(indexPath, { force: true });
      for (const s of this.shards) await rename(s.temp, s.final);
      await fsyncDirectory(dirname(this.prefix));
      await this.onStage?.('data-renamed', { prefix: this.prefix });
      await writeFileAtomic(indexPath, buildBundleIndex(this.shards.length, this.allEntries()),
        () => this.onStage?.('index-synced', { prefix: this.prefix }));
      await this.onStage?.('index-renamed', { prefix: this.prefix });
    } catch (e) {
      this.state = 'aborted';
      await this.cleanup();
      throw new CheckpointError('FAILED_PRECONDITION', `saving checkpoint ${this.prefix} failed: ${(e as Error).message}`,
        { file: this.prefix, cause: e });
    }
    this.state = 'done';
    let bytes = 0;
    for (const s of this.shards) bytes += s.size;
    return { prefix: this.prefix, files: [indexPath, ...this.shards.map((s) => s.final)], tensors: this.entries.size + this.partitioned.size, bytes };
  }

  /** Abandons the save: closes and deletes the temporary files. Safe to call more than once. */
  async abort(): Promise<void> {
    await this.queue;
    if (this.state === 'done' || this.state === 'aborted') return;
    this.state = 'aborted';
    await this.cleanup();
  }

  private async cleanup(): Promise<void> {
    for (const s of this.shards) {
      try {
        await s.handle.close();
      } catch {
        // already closed
      }
      await rm(s.temp, { force: true });
    }
  }
}

/** No lone surrogates (which UTF-8 cannot encode); `String.prototype.isWellFormed` is ES2024. */
function isWellFormed(s: string): boolean {
  return !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);
}

async function writeFully(handle: FileHandle, bytes: Uint8Array): Promise<void> {
  let done = 0;
  while (done < bytes.length) {
    const { bytesWritten } = await handle.write(bytes, done, Math.min(MAX_WRITE, bytes.length - done));
    done += bytesWritten;
  }
}
