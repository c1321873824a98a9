import { readdir, rename, rm, rmdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import {
  BundleReader, CheckpointError, CheckpointReader, CheckpointWriter, buildBundleIndex, dataFilename, indexFilename,
} from '@varscope/checkpoint';
import type { BundleEntry, TensorData } from '@varscope/checkpoint';
import { DTYPES } from '@varscope/kernel-api';
import type { DType, HostTensor } from '@varscope/kernel-api';
import {
  AlreadyExistsError, DataLossError, FailedPreconditionError, InvalidArgumentError, NotFoundError, UnimplementedError,
} from '../errors.js';
import type { HostKernel, HostKernelContext } from '../session/host-kernels/index.js';
import { parseShapeAndSlice } from '../shape/index.js';
import { checkpointInput, extractSlice, hostTensorFromCheckpoint, toTensorSlice } from './checkpoint-tensors.js';

const nodeSuffix = (name: string): string => `\n\t [[{{node ${name}}}]]`;

/** The checkpoint package's errors as the session's `OpError`s, keeping TensorFlow's status code. */
export function checkpointOpError(e: unknown, nodeName: string): unknown {
  if (!(e instanceof CheckpointError)) return e;
  const message = `${e.message}${nodeSuffix(nodeName)}`;
  switch (e.code) {
    case 'NOT_FOUND': return new NotFoundError(message, nodeName, { cause: e });
    case 'DATA_LOSS': return new DataLossError(message, nodeName, { cause: e });
    case 'INVALID_ARGUMENT': return new InvalidArgumentError(message, nodeName, { cause: e });
    case 'UNIMPLEMENTED': return new UnimplementedError(message, nodeName, { cause: e });
    case 'ALREADY_EXISTS': return new AlreadyExistsError(message, nodeName, { cause: e });
    case 'FAILED_PRECONDITION': return new FailedPreconditionError(message, nodeName, { cause: e });
  }
}

function strings(ctx: HostKernelContext, index: number, what: string): readonly string[] {
  const t = ctx.input(index);
  if (t.dtype !== 'string') throw new InvalidArgumentError(`${what} must be a string tensor, got ${t.dtype}`, ctx.nodeName);
  return t.data as string[];
}

function scalarString(ctx: HostKernelContext, index: number, what: string): string {
  const t = ctx.input(index);
  if (t.dtype !== 'string' || t.shape.length !== 0) {
    throw new InvalidArgumentError(`Input ${what} must be a string scalar, got shape [${t.shape.join(',')}] ${t.dtype}${nodeSuffix(ctx.nodeName)}`, ctx.nodeName);
  }
  return (t.data as string[])[0] as string;
}

async function wrap<T>(ctx: HostKernelContext, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    throw checkpointOpError(e, ctx.nodeName);
  }
}

/**
 * `SaveV2(prefix, tensor_names, shape_and_slices, tensors)`: writes one V2 checkpoint through
 * `CheckpointWriter` (data, then the index, each atomically). A non-empty shape-and-slice
 * entry saves the tensor as a slice of a larger (partitioned) tensor.
 */
export const saveV2Kernel: HostKernel = {
  op: 'SaveV2', dtypes: 'any', async: true,
  run: (ctx) => wrap(ctx, async () => {
    const prefix = scalarString(ctx, 0, 'prefix');
    const names = strings(ctx, 1, 'tensor_names');
    const specs = strings(ctx, 2, 'shape_and_slices');
    const n = ctx.inputs.length - 3;
    if (names.length !== n || specs.length !== n) {
      throw new InvalidArgumentError(
        `Got ${names.length} tensor names and ${specs.length} shape-and-slices for ${n} tensors${nodeSuffix(ctx.nodeName)}`, ctx.nodeName);
    }
    const writer = await CheckpointWriter.create(prefix);
    try {
      for (let i = 0; i < n; i++) {
        const name = names[i] as string;
        const tensor = checkpointInput(ctx.input(3 + i), ctx.nodeName, name);
        const spec = specs[i] as string;
        if (spec === '') {
          await writer.add(name, tensor);
        } else {
          const parsed = parseShapeAndSlice(spec);
          await writer.addSlice(name, parsed.fullShape, toTensorSlice(parsed), tensor);
        }
      }
      await writer.finish();
    } catch (e) {
      await writer.abort();
      throw e;
    }
    return [];
  }),
};

/**
 * `RestoreV2(prefix, tensor_names, shape_and_slices)`: reads every requested tensor (checking
 * each checksum) before producing any output, so a missing key or a dtype mismatch fails the
 * op as a whole. Error texts are TensorFlow's: `Key v3 not found in checkpoint`,
 * `tensor_name = v0; expected dtype int32 does not equal original dtype float`.
 */
export const restoreV2Kernel: HostKernel = {
  op: 'RestoreV2', dtypes: 'any', async: true,
  run: (ctx) => wrap(ctx, async () => {
    const prefix = scalarString(ctx, 0, 'prefix');
    const names = strings(ctx, 1, 'tensor_names');
    const specs = strings(ctx, 2, 'shape_and_slices');
    const dtypes = ctx.attrs.dtypes as readonly DType[];
    if (names.length !== dtypes.length || specs.length !== dtypes.length) {
      throw new InvalidArgumentError(
        `Got ${names.length} tensor names and ${specs.length} shape-and-slices for ${dtypes.length} dtypes${nodeSuffix(ctx.nodeName)}`, ctx.nodeName);
    }
    const reader = await CheckpointReader.open(prefix);
    let reads: ReturnType<typeof readInWindows<TensorData>> | undefined;
    try {
      for (let i = 0; i < names.length; i++) {
        const name = names[i] as string;
        if (!reader.has(name)) throw new NotFoundError(`Key ${name} not found in checkpoint${nodeSuffix(ctx.nodeName)}`, ctx.nodeName);
        const stored = reader.dtype(name);
        const expected = dtypes[i] as DType;
        if (stored !== expected) {
          const cName = (d: string): string => (DTYPES as Record<string, { cName: string } | undefined>)[d]?.cName ?? d;
          throw new InvalidArgumentError(
            `tensor_name = ${name}; expected dtype ${cName(expected)} does not equal original dtype ${cName(stored)}${nodeSuffix(ctx.nodeName)}`,
            ctx.nodeName);
        }
      }
      // Reads overlap (the file reads are positional); results and the first failure are
      // still taken in key order, so what fails is what a one-by-one restore would report.
      reads = readInWindows(names.length, (i) => reader.read(names[i] as string));
      const out: HostTensor[] = [];
      for (let i = 0; i < names.length; i++) {
        const name = names[i] as string;
        const full = hostTensorFromCheckpoint(await reads.next(), ctx.nodeName, name);
        const spec = specs[i] as string;
        if (spec === '') {
          out.push(full);
          continue;
        }
        const parsed = parseShapeAndSlice(spec);
        if (parsed.fullShape.length !== full.shape.length || parsed.fullShape.some((d, k) => d !== full.shape[k])) {
          throw new InvalidArgumentError(
            `tensor_name = ${name}; shape in shape_and_slice spec [${parsed.fullShape.join(',')}] does not match the shape stored in checkpoint: [${full.shape.join(',')}]${nodeSuffix(ctx.nodeName)}`,
            ctx.nodeName);
        }
        out.push(extractSlice(full, parsed));
      }
      return out;
    } finally {
      await reads?.drain();
      await reader.close();
    }
  }),
};

/** Tensor reads kept in flight at once: enough to hide per-read latency, few enough to bound memory. */
const READS_IN_FLIGHT = 8;

/**
 * Starts `read(i)` for i in [0, count) with at most {@link READS_IN_FLIGHT} outstanding, and hands
 * the results back in index order through `next()`. `drain()` waits for whatever is still
 * running (after a failure), so the reader is not closed under a pending read.
 */
function readInWindows<T>(count: number, read: (i: number) => Promise<T>): { next(): Promise<T>; drain(): Promise<void> } {
  const pending: Promise<T>[] = [];
  let started = 0;
  let taken = 0;
  const fill = (): void => {
    while (started < count && started - taken < READS_IN_FLIGHT) {
      const p = read(started++);
      p.catch(() => undefined); // observed through next(); keeps an early failure from going unhandled
      pending.push(p);
    }
  };
  return {
    next(): Promise<T> {
      fill();
      const p = pending[taken] as Promise<T>;
      pending[taken] = undefined as never; // let the value go once handed over
      taken += 1;
      fill();
      return p;
    },
    async drain(): Promise<void> {
      await Promise.allSettled(pending.slice(taken).filter((p) => p !== undefined));
    },
  };
}

/** `ShardedFilename(basename, shard, num_shards)` → `basename-00000-of-00002`. */
export const shardedFilenameKernel: HostKernel = {
  op: 'ShardedFilename', dtypes: 'any',
  run: (ctx) => {
    const base = scalarString(ctx, 0, 'basename');
    const shard = Number((ctx.input(1).data as Int32Array)[0]);
    const num = Number((ctx.input(2).data as Int32Array)[0]);
    const pad = (x: number): string => String(x).padStart(5, '0');
    return [{ dtype: 'string', shape: [], data: [`${base}-${pad(shard)}-of-${pad(num)}`] }];
  },
};

/**
 * `MergeV2Checkpoints(checkpoint_prefixes, destination_prefix)`: the last step of a sharded
 * save. Each input prefix is a one-shard checkpoint (one device's variables); their data
 * files become the shards of the destination and their index entries one index, written
 * last and atomically, so the destination appears complete or not at all. With
 * `delete_old_dirs` the temporary directory of the parts is removed.
 */
export const mergeV2CheckpointsKernel: HostKernel = {
  op: 'MergeV2Checkpoints', dtypes: 'any', async: true,
  run: (ctx) => wrap(ctx, async () => {
    const sources = strings(ctx, 0, 'checkpoint_prefixes');
    const destination = scalarString(ctx, 1, 'destination_prefix');
    if (sources.length === 0) throw new InvalidArgumentError(`MergeV2Checkpoints needs at least one checkpoint prefix${nodeSuffix(ctx.nodeName)}`, ctx.nodeName);
    const numShards = sources.length;
    const entries = new Map<string, BundleEntry>();
    for (let shard = 0; shard < numShards; shard++) {
      const source = sources[shard] as string;
      const bundle = await BundleReader.open(source);
      try {
        if (bundle.header.numShards !== 1) {
          throw new InvalidArgumentError(`Checkpoint ${source} to merge has ${bundle.header.numShards} shards; each part must have one${nodeSuffix(ctx.nodeName)}`, ctx.nodeName);
        }
        for (const t of bundle.tensors.values()) {
          if (t.entry.slices.length > 0) {
            throw new UnimplementedError(`Merging partitioned tensor ${t.name} across shards is not supported${nodeSuffix(ctx.nodeName)}`, ctx.nodeName);
          }
          if (entries.has(t.name)) {
            throw new InvalidArgumentError(`Duplicate tensor ${t.name} in the checkpoints to merge${nodeSuffix(ctx.nodeName)}`, ctx.nodeName);
          }
          entries.set(t.name, { ...t.entry, shardId: shard });
        }
      } finally {
        await bundle.close();
      }
    }
    const index = indexFilename(destination);
    // An older index at this prefix must not be paired with the new data if we stop mid-way.
    await rm(index, { force: true });
    for (let shard = 0; shard < numShards; shard++) {
      await rename(dataFilename(sources[shard] as string, 0, 1), dataFilename(destination, shard, numShards));
    }
    const temp = `${index}.tmp-merge-${process.pid}`;
    await writeFile(temp, buildBundleIndex(numShards, [...entries]), { flush: true });
    await rename(temp, index);
    for (const source of sources) await rm(indexFilename(source), { force: true });
    if (ctx.attrs.delete_old_dirs !== false) {
      for (const dir of new Set(sources.map((s) => dirname(s)))) {
        if (dir === dirname(destination)) continue;
        // Only an emptied directory is removed: never anything the save did not create.
        if ((await readdir(dir).catch(() => ['?'])).length === 0) await rmdir(dir).catch(() => undefined);
      }
    }
    return [];
  }),
};

/** Every checkpoint I/O host kernel, for `createHostKernelRegistry`. */
export const CHECKPOINT_IO_KERNELS: readonly HostKernel[] = Object.freeze([
  saveV2Kernel, restoreV2Kernel, shardedFilenameKernel, mergeV2CheckpointsKernel,
]);

