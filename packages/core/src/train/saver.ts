import { randomUUID } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { SaverDef as SaverDefCodec } from '@varscope/checkpoint';
import type { SaverDef as SaverDefProto, MetaGraphDef } from '@varscope/checkpoint';
import type { DType } from '@varscope/kernel-api';
import { RuntimeError, ValueError } from '../errors.js';
import type { Graph } from '../graph/graph.js';
import { getDefaultGraph } from '../graph/graph.js';
import type { Operation } from '../graph/operation.js';
import type { Tensor } from '../graph/tensor.js';
import { exportMetaGraph } from '../meta-graph/index.js';
import type { ExportMetaGraphOptions } from '../meta-graph/index.js';
import { reshape as reshapeOp, stack } from '../ops/array.js';
import { group, identity } from '../ops/control.js';
import { constant } from '../ops/convert.js';
import { buildOp } from '../ops/op-builder.js';
import { assign } from '../ops/state.js';
import { Session } from '../session/index.js';
import type { Variable } from '../variables/index.js';
import {
  checkpointExists, getCheckpointMtimes, getCheckpointState, metaGraphFilename, pathJoin, removeCheckpoint, saveDirOf,
  updateCheckpointState,
} from './checkpoint-management.js';
import { analyzeRestore, precheckRestore, wrapRestoreError } from './restore-check.js';
import type { RestoreTarget } from './restore-check.js';
import { collectSaveables, cpu0, groupByDevice } from './saveables.js';
import type { SaveSpec } from './saveables.js';

/** `SaverDef.CheckpointFormatVersion.V2`. */
const V2 = 2;

export interface SaverOptions {
  /**
   * What to save: an array (keys are the variables' op names; the partitions of a partitioned
   * variable share its full name) or an object whose keys are the checkpoint keys, so a
   * variable can be restored from a renamed key. Default: GLOBAL_VARIABLES + SAVEABLE_OBJECTS.
   */
  readonly varList?: unknown;
  /** Checkpoints kept on disk; `0` or `null` keeps all (and the state file lists only the newest). Default 5. */
  readonly maxToKeep?: number | null;
  /** Also keep one checkpoint per this many hours (default 10000: never). */
  readonly keepCheckpointEveryNHours?: number;
  /** One data shard per device (variables grouped by device, sorted by device name). */
  readonly sharded?: boolean;
  /** Store paths relative to the checkpoint directory in the state file, so the directory can move. */
  readonly saveRelativePaths?: boolean;
  /** Restore values of another shape with the same number of elements by reshaping them. */
  readonly reshape?: boolean;
  /** With no variables, make a saver that does nothing instead of failing. */
  readonly allowEmpty?: boolean;
  /** The name scope of the saver's ops (default `save`, then `save_1`…). */
  readonly name?: string;
  /**
   * Beyond TensorFlow: at the first save into a directory, take over the checkpoints its
   * state file lists (those still on disk), so that rotation keeps deleting old checkpoints
   * after a process restart. Default true; `false` is TensorFlow's behaviour (a new saver
   * never deletes checkpoints it did not write itself).
   */
  readonly recoverLastCheckpoints?: boolean;
  /** @internal The clock (seconds since the epoch) used for `keepCheckpointEveryNHours`. */
  readonly clock?: () => number;
}

export interface SaveOptions {
  /** Appended to the prefix as `-<step>`: a number, or a tensor/variable/tensor name evaluated in the session. */
  readonly globalStep?: number | bigint | Tensor | Variable | string;
  /** The state file name (default `checkpoint`). */
  readonly latestFilename?: string;
  readonly metaGraphSuffix?: string;
  /** Write `<prefix>.meta` (default true). */
  readonly writeMetaGraph?: boolean;
  /** Update the state file and rotate old checkpoints (default true). */
  readonly writeState?: boolean;
}

/** The names a saver's graph is driven by (TensorFlow's `SaverDef`). */
export interface SaverDefInfo {
  readonly filenameTensorName: string;
  readonly saveTensorName: string;
  readonly restoreOpName: string;
  readonly maxToKeep: number;
  readonly sharded: boolean;
  readonly keepCheckpointEveryNHours: number;
  readonly version: number;
}

interface Entry {
  readonly path: string;
  readonly time: number;
}

/** How `fromSaverDef` hands the constructor an existing SaverDef instead of building a graph. */
const SAVER_DEF = Symbol('saverDef');

const describeSession = (x: unknown): string => (x === null || typeof x !== 'object' ? String(x) : (x.constructor?.name ?? 'object'));

/**
 * TensorFlow 1.x's `tf.train.Saver`. Building one adds TensorFlow's save/restore subgraph to
 * the graph (`save/Const` filename, `save/SaveV2`, `save/control_dependency`, `save/RestoreV2`,
 * `save/Assign`… in key order, `save/restore_all`; sharded savers add `ShardedFilename` and
 * `MergeV2Checkpoints`), so meta graphs are interchangeable with TensorFlow's. `save` and
 * `restore` run that subgraph; `SaveV2`/`RestoreV2` are host kernels over `@varscope/checkpoint`.
 */
export class Saver {
  readonly graph: Graph;
  readonly saverDef: SaverDefInfo | null;
  readonly #saveRelativePaths: boolean;
  readonly #recover: boolean;
  readonly #clock: () => number;
  #maxToKeep: number;
  #keepEveryHours: number;
  #nextKeepTime: number;
  #last: Entry[] = [];
  #historyKnown = false;
  #toDelete: Entry[] = [];
  #targets: RestoreTarget[] | undefined;

  constructor(options: SaverOptions = {}) {
    this.graph = getDefaultGraph();
    this.#clock = options.clock ?? (() => Date.now() / 1000);
    this.#saveRelativePaths = options.saveRelativePaths ?? false;
    this.#recover = options.recoverLastCheckpoints ?? true;
    this.#maxToKeep = normalizeMaxToKeep(options.maxToKeep);
    this.#keepEveryHours = options.keepCheckpointEveryNHours ?? 10000;
    if (!(this.#keepEveryHours > 0)) throw new ValueError(`keepCheckpointEveryNHours must be positive, got ${this.#keepEveryHours}`);
    this.#nextKeepTime = this.#clock() + this.#keepEveryHours * 3600;
    const given = (options as { [SAVER_DEF]?: SaverDefInfo })[SAVER_DEF];
    if (given !== undefined) {
      this.saverDef = given;
      return;
    }
    const g = this.graph;
    const saveables = collectSaveables(g, options.varList);
    if (saveables.specs.length === 0) {
      if (options.allowEmpty === true) {
        this.saverDef = null;
        return;
      }
      throw new ValueError('No variables to save');
    }
    this.saverDef = g.atomically(() => buildSaverGraph(g, saveables.specs, {
      sharded: options.sharded ?? false,
      reshape: options.reshape ?? false,
      name: options.name,
      maxToKeep: this.#maxToKeep,
      keepEveryHours: this.#keepEveryHours,
    }));
  }

  /**
   * A saver over an existing save/restore subgraph (a meta graph's `saver_def`); with
   * `importScope`, the SaverDef's names are prefixed with it. Its history starts empty.
   */
  static fromSaverDef(saverDef: SaverDefProto | SaverDefInfo, options: { graph?: Graph; importScope?: string } & Pick<SaverOptions, 'saveRelativePaths' | 'recoverLastCheckpoints' | 'clock'> = {}): Saver {
    const prefix = (n: string): string => (options.importScope ? `${options.importScope}/${n}` : n);
    const def: SaverDefInfo = {
      filenameTensorName: prefix(saverDef.filenameTensorName ?? ''),
      saveTensorName: prefix(saverDef.saveTensorName ?? ''),
      restoreOpName: prefix(saverDef.restoreOpName ?? ''),
      maxToKeep: saverDef.maxToKeep ?? 0,
      sharded: saverDef.sharded ?? false,
      keepCheckpointEveryNHours: saverDef.keepCheckpointEveryNHours ?? 10000,
      version: saverDef.version ?? 1,
    };
    const graph = options.graph ?? getDefaultGraph();
    // Fail now, naming what is missing, rather than at the first save.
    graph.getTensorByName(def.filenameTensorName);
    graph.getTensorByName(def.saveTensorName);
    graph.getOperationByName(def.restoreOpName);
    return graph.asDefault(() => new Saver({
      ...options, allowEmpty: true, varList: [], maxToKeep: def.maxToKeep, keepCheckpointEveryNHours: def.keepCheckpointEveryNHours || 10000,
      [SAVER_DEF]: def,
    } as SaverOptions));
  }

  /** The checkpoints this saver keeps, oldest first. */
  get lastCheckpoints(): string[] {
    return this.#last.map((e) => e.path);
  }

  get maxToKeep(): number {
    return this.#maxToKeep;
  }

  /**
   * Changes how many checkpoints are kept; the excess is deleted at the next save (all of it,
   * not one per save as in TensorFlow).
   */
  set maxToKeep(value: number | null) {
    this.#maxToKeep = normalizeMaxToKeep(value);
  }

  /** TensorFlow's `set_last_checkpoints`: these are never deleted when they fall out of the window. */
  setLastCheckpoints(paths: readonly string[]): void {
    this.setLastCheckpointsWithTime(paths.map((p) => [p, Infinity]));
  }

  /** TensorFlow's `set_last_checkpoints_with_time`: `[path, seconds since the epoch]` pairs. */
  setLastCheckpointsWithTime(entries: readonly (readonly [string, number])[]): void {
    this.#last = entries.map(([path, time]) => ({ path, time }));
    this.#historyKnown = true;
  }

  /**
   * TensorFlow's `recover_last_checkpoints`: adopts the given prefixes that still exist on
   * disk, with their files' modification times, so they rotate out like this saver's own.
   */
  async recoverLastCheckpoints(paths: readonly string[]): Promise<void> {
    const kept: [string, number][] = [];
    for (const p of paths) {
      const [mtime] = await getCheckpointMtimes([p]);
      if (mtime !== undefined) kept.push([p, mtime]);
    }
    this.setLastCheckpointsWithTime(kept);
  }

  /** The SaverDef proto (for meta graphs). */
  toSaverDef(): SaverDefProto {
    const d = this.#def();
    return {
      filenameTensorName: d.filenameTensorName,
      saveTensorName: d.saveTensorName,
      restoreOpName: d.restoreOpName,
      maxToKeep: this.#maxToKeep,
      sharded: d.sharded,
      keepCheckpointEveryNHours: this.#keepEveryHours,
      version: d.version,
    };
  }

  /** The serialized SaverDef (how savers are stored in a meta graph's `savers` collection). */
  toSaverDefBytes(): Uint8Array {
    return SaverDefCodec.encode(this.toSaverDef());
  }

  #def(): SaverDefInfo {
    if (this.saverDef === null) throw new RuntimeError('This saver has no variables (allowEmpty): it has no SaverDef.');
    return this.saverDef;
  }

  /**
   * Saves the variables (TensorFlow's `Saver.save`): returns the checkpoint prefix
   * (`model.ckpt-1000` with `globalStep`), having written `.index`, `.data-*`, `.meta` and the
   * state file, and deleted checkpoints that fell out of `maxToKeep`. A no-op (`null`) for an
   * empty saver.
   */
  async save(session: Session, savePath: string, options: SaveOptions = {}): Promise<string | null> {
    if (!(session instanceof Session)) {
      throw new TypeError(`'sess' must be a Session; ${describeSession(session)}`);
    }
    const def = this.#activeDef();
    if (def === null) return null;
    if (typeof savePath !== 'string' || savePath === '') throw new ValueError(`save_path must be a non-empty string, got ${String(savePath)}`);
    const latestFilename = options.latestFilename ?? 'checkpoint';
    if (latestFilename.includes('/') || latestFilename.includes('\\')) {
      throw new ValueError("'latest_filename' must not contain path components");
    }
    const saveDir = saveDirOf(savePath);
    if (!def.sharded && savePath === pathJoin(saveDir, latestFilename)) {
      throw new ValueError(`'latest_filename' collides with 'save_path': '${latestFilename}' and '${savePath}'`);
    }
    if (!(await isDirectory(saveDir === '' ? '.' : saveDir))) {
      throw new ValueError(`Parent directory of ${savePath} doesn't exist, can't save.`);
    }
    let checkpointFile = savePath;
    if (options.globalStep !== undefined && options.globalStep !== null) {
      checkpointFile = `${savePath}-${await stepValue(session, options.globalStep)}`;
    }
    const result = await session.run(def.saveTensorName, { [def.filenameTensorName]: checkpointFile }) as unknown as { data: string[] };
    const modelPath = result.data[0] as string;
    if (options.writeMetaGraph ?? true) {
      // Before the state file: a checkpoint the state file names always has its meta graph.
      await this.exportMetaGraph(metaGraphFilename(checkpointFile, options.metaGraphSuffix));
    }
    if (options.writeState ?? true) {
      if (!this.#historyKnown && this.#recover && this.#maxToKeep > 0) {
        const state = await getCheckpointState(saveDir, latestFilename);
        if (state !== null) {
          await this.recoverLastCheckpoints(state.allModelCheckpointPaths.filter((p) => p !== modelPath));
        }
      }
      this.#historyKnown = true;
      this.#record(modelPath);
      await updateCheckpointState(saveDir, modelPath, {
        allPaths: this.lastCheckpoints, latestFilename, saveRelativePaths: this.#saveRelativePaths,
      });
      await this.#deleteOld(options.metaGraphSuffix);
    }
    return modelPath;
  }

  /** TensorFlow's `_RecordLastCheckpoint`, except that lowering `maxToKeep` catches up at once. */
  #record(path: string): void {
    if (this.#maxToKeep <= 0) return;
    this.#last = this.#last.filter((e) => e.path !== path);
    this.#last.push({ path, time: this.#clock() });
    while (this.#last.length > this.#maxToKeep) this.#toDelete.push(this.#last.shift() as Entry);
  }

  /** TensorFlow's `_MaybeDeleteOldCheckpoints`, draining every pending deletion. */
  async #deleteOld(metaGraphSuffix?: string): Promise<void> {
    while (this.#toDelete.length > 0) {
      const entry = this.#toDelete.shift() as Entry;
      if (entry.time > this.#nextKeepTime) {
        this.#nextKeepTime += this.#keepEveryHours * 3600;
        continue;
      }
      await removeCheckpoint(entry.path, metaGraphSuffix);
    }
  }

  #activeDef(): SaverDefInfo | null {
    return this.saverDef;
  }

  /**
   * Restores the variables it covers from checkpoint `savePath` (TensorFlow's `restore`),
   * initializing them. Every key, dtype and shape is checked against the checkpoint first:
   * a failed restore changes no variable. Keys in the checkpoint that the saver does not
   * cover are ignored.
   */
  async restore(session: Session, savePath: string | null | undefined): Promise<void> {
    if (!(session instanceof Session)) throw new TypeError(`'sess' must be a Session; ${describeSession(session)}`);
    const def = this.#activeDef();
    if (def === null) return;
    if (savePath === null || savePath === undefined) throw new ValueError("Can't load save_path when it is None.");
    if (!(await checkpointExists(savePath))) throw new ValueError(`The passed save_path is not a valid checkpoint: ${savePath}`);
    this.#targets ??= analyzeRestore(this.graph, this.graph.getOperationByName(def.restoreOpName));
    await precheckRestore(this.#targets, savePath);
    try {
      await session.run(def.restoreOpName, { [def.filenameTensorName]: savePath });
    } catch (e) {
      throw wrapRestoreError(e);
    }
  }

  /**
   * Writes this graph's MetaGraphDef with this saver's SaverDef (TensorFlow's
   * `Saver.export_meta_graph`); returns it.
   */
  async exportMetaGraph(path?: string, options: Omit<ExportMetaGraphOptions, 'saverDef' | 'graph'> = {}): Promise<MetaGraphDef> {
    const def = this.#activeDef();
    return exportMetaGraph(path, { ...options, graph: this.graph, ...(def === null ? {} : { saverDef: this.toSaverDef() }) });
  }

  toString(): string {
    const d = this.#activeDef();
    return d === null ? '<Saver (empty)>' : `<Saver restore_op=${d.restoreOpName}>`;
  }
}


function normalizeMaxToKeep(v: number | null | undefined): number {
  if (v === undefined) return 5;
  if (v === null) return 0;
  if (!Number.isInteger(v) || v < 0) throw new ValueError(`maxToKeep must be a non-negative integer or null, got ${String(v)}`);
  return v;
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

async function stepValue(session: Session, step: NonNullable<SaveOptions['globalStep']>): Promise<string> {
  if (typeof step === 'number') {
    if (!Number.isFinite(step)) throw new ValueError(`global_step must be finite, got ${step}`);
    return String(Math.trunc(step));
  }
  if (typeof step === 'bigint') return step.toString();
  const value = await session.run(step as Tensor) as unknown as { data: ArrayLike<number | bigint>; size: number };
  if (value.size !== 1) throw new ValueError(`global_step must be a scalar, got ${value.size} values`);
  const v = value.data[0] as number | bigint;
  return typeof v === 'bigint' ? v.toString() : String(Math.trunc(v));
}

interface BuildOptions {
  readonly sharded: boolean;
  readonly reshape: boolean;
  readonly name: string | undefined;
  readonly maxToKeep: number;
  readonly keepEveryHours: number;
}

function stringConst(values: readonly string[], name: string): Tensor {
  return constant(values as string[], { dtype: 'string', name });
}

/** `SaveV2` over `specs` writing to `prefix`, then `control_dependency`: the prefix once written. */
function addSaveOps(prefix: Tensor, specs: readonly SaveSpec[]): Tensor {
  const g = prefix.graph;
  const save = buildOp({
    type: 'SaveV2',
    inputs: () => [
      prefix,
      stringConst(specs.map((s) => s.key), 'tensor_names'),
      stringConst(specs.map((s) => s.slice), 'shape_and_slices'),
      specs.map((s) => s.variable.ref()),
    ],
    attrs: { dtypes: specs.map((s) => s.dtype) },
  });
  return g.colocateWith(prefix.op, () => g.controlDependencies([save], () => identity(prefix, { name: 'control_dependency' })));
}

/** `RestoreV2` over `specs`, then one `Assign` per variable, grouped as `name`. */
function addRestoreOps(prefix: Tensor, specs: readonly SaveSpec[], reshape: boolean, name: string): Operation {
  const restore = buildOp({
    type: 'RestoreV2',
    inputs: () => [
      prefix,
      stringConst(specs.map((s) => s.key), 'tensor_names'),
      stringConst(specs.map((s) => s.slice), 'shape_and_slices'),
    ],
    attrs: { dtypes: specs.map((s) => s.dtype) as DType[] },
  });
  const assigns = specs.map((s, i) => {
    let value = restore.output(i);
    const v = s.variable;
    const known = v.shape.isFullyDefined();
    if (reshape && known) value = reshapeOp(value, v.shape.dims as number[]);
    return assign(v.ref(), value, { validateShape: !reshape && known }).op;
  });
  return group(assigns, { name });
}

function buildSaverGraph(g: Graph, specs: readonly SaveSpec[], o: BuildOptions): SaverDefInfo {
  return g.asDefault(() => g.nameScope(o.name || 'save', () => {
    const filename = constant('model', { dtype: 'string', name: 'Const' });
    const prefix = filename;
    let saveTensor: Tensor;
    let restoreOp: Operation;
    if (!o.sharded) {
      saveTensor = addSaveOps(prefix, specs);
      restoreOp = addRestoreOps(prefix, specs, o.reshape, 'restore_all');
    } else {
      const perDevice = groupByDevice(specs);
      const tmpPrefix = buildOp({
        type: 'StringJoin',
        inputs: () => [[prefix, constant(`_temp_${randomUUID().replace(/-/g, '')}/part`, { dtype: 'string', name: 'inputs_1' })]],
      }).output(0);
      const numShards = constant(perDevice.length, { dtype: 'int32', name: 'num_shards' });
      const parts: Tensor[] = [];
      let lastDevice = '';
      perDevice.forEach(([device, group_], shard) => {
        lastDevice = device;
        g.device(cpu0(device), () => {
          const filenameT = buildOp({
            type: 'ShardedFilename',
            inputs: () => [tmpPrefix, constant(shard, { dtype: 'int32', name: 'shard' }), numShards],
          }).output(0);
          parts.push(addSaveOps(filenameT, group_));
        });
      });
      const merge = g.controlDependencies(parts.map((t) => t.op), () => g.device(cpu0(lastDevice), () => buildOp({
        type: 'MergeV2Checkpoints',
        inputs: () => [stack(parts, { name: 'checkpoint_prefixes' }), prefix],
        attrs: { delete_old_dirs: true },
      })));
      saveTensor = g.controlDependencies([merge], () => identity(prefix, { name: 'Identity' }));
      const shards = perDevice.map(([device, group_]) =>
        g.device(device || null, () => addRestoreOps(prefix, group_, o.reshape, 'restore_shard')));
      restoreOp = group(shards, { name: 'restore_all' });
    }
    return {
      filenameTensorName: filename.name,
      saveTensorName: saveTensor.name,
      restoreOpName: restoreOp.name,
      maxToKeep: o.maxToKeep,
      sharded: o.sharded,
      keepCheckpointEveryNHours: o.keepEveryHours,
      version: V2,
    };
  }));
}

