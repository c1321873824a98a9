import { ValueError } from '../errors.js';
import { DeviceSpec } from '../graph/device-spec.js';
import type { DeviceFunction } from '../graph/graph.js';
import type { Operation } from '../graph/operation.js';

/** A job's tasks: a list (task i at index i) or a sparse map from task index to address. */
export type JobTasks = readonly string[] | Readonly<Record<number, string>>;

/**
 * The tasks of a cluster, by job name (TensorFlow's `tf.train.ClusterSpec`):
 * `new ClusterSpec({ ps: ['ps0:2222', 'ps1:2222'], worker: ['w0:2222'] })`.
 */
export class ClusterSpec {
  readonly #jobs: ReadonlyMap<string, ReadonlyMap<number, string>>;

  constructor(cluster: ClusterSpec | Readonly<Record<string, JobTasks>>) {
    if (cluster instanceof ClusterSpec) {
      this.#jobs = cluster.#jobs;
      return;
    }
    if (cluster === null || typeof cluster !== 'object') {
      throw new TypeError(`ClusterSpec must be constructed from a ClusterSpec or an object of job names to tasks, got ${String(cluster)}`);
    }
    const jobs = new Map<string, Map<number, string>>();
    for (const job of Object.keys(cluster).sort()) {
      const tasks = cluster[job];
      const map = new Map<number, string>();
      if (Array.isArray(tasks)) {
        tasks.forEach((address, i) => map.set(i, checkAddress(job, i, address)));
      } else if (tasks !== null && typeof tasks === 'object') {
        for (const [k, address] of Object.entries(tasks as Record<string, string>)) {
          const index = Number(k);
          if (!Number.isInteger(index) || index < 0) {
            throw new TypeError(`Task index must be a non-negative integer, got '${k}' in job '${job}'`);
          }
          map.set(index, checkAddress(job, index, address));
        }
      } else {
        throw new TypeError(`The tasks for job '${job}' must be a list or an object of task index to address, got ${String(tasks)}`);
      }
      jobs.set(job, new Map([...map.entries()].sort((a, b) => a[0] - b[0])));
    }
    this.#jobs = jobs;
  }

  /** Job names, sorted. */
  get jobs(): string[] {
    return [...this.#jobs.keys()];
  }

  /** Number of tasks in `job`. */
  numTasks(job: string): number {
    return this.#job(job).size;
  }

  /** The task indices of `job`, ascending. */
  taskIndices(job: string): number[] {
    return [...this.#job(job).keys()];
  }

  /** The address of task `index` of `job`. */
  taskAddress(job: string, index: number): string {
    const address = this.#job(job).get(index);
    if (address === undefined) throw new ValueError(`No task with index ${index} in job '${job}'`);
    return address;
  }

  /** Whether the cluster has a job named `job`. */
  hasJob(job: string): boolean {
    return this.#jobs.has(job);
  }

  /**
   * The cluster as a plain object: a job whose indices are 0…n-1 maps to a list, any other to
   * an object keyed by task index (TensorFlow's `as_dict`).
   */
  asDict(): Record<string, string[] | Record<number, string>> {
    const out: Record<string, string[] | Record<number, string>> = {};
    for (const [job, tasks] of this.#jobs) {
      const indices = [...tasks.keys()];
      const dense = indices.every((index, i) => index === i);
      out[job] = dense ? [...tasks.values()] : Object.fromEntries(tasks);
    }
    return out;
  }

  #job(job: string): ReadonlyMap<number, string> {
    const tasks = this.#jobs.get(job);
    if (tasks === undefined) throw new ValueError(`No such job in cluster: '${job}'`);
    return tasks;
  }
}

function checkAddress(job: string, index: number, address: unknown): string {
  if (typeof address !== 'string') {
    throw new TypeError(`Task address for job '${job}' task ${index} must be a string, got ${String(address)}`);
  }
  return address;
}

/**
 * The op types placed on parameter servers by default (TensorFlow's `STANDARD_PS_OPS`):
 * the ops that own state.
 */
export const STANDARD_PS_OPS: readonly string[] = Object.freeze([
  'Variable', 'VariableV2', 'AutoReloadVariable', 'MutableHashTable', 'MutableHashTableV2',
  'MutableHashTableOfTensors', 'MutableHashTableOfTensorsV2', 'MutableDenseHashTable',
  'MutableDenseHashTableV2', 'VarHandleOp', 'BoostedTreesEnsembleResourceHandleOp',
  'BoostedTreesQuantileStreamResourceHandleOp',
]);

/** Chooses the ps task for a stateful op. */
export type PsStrategy = (op: Operation) => number;

export interface ReplicaDeviceSetterOptions {
  /** Number of parameter-server tasks (ignored when `cluster` is given). Default 0. */
  readonly psTasks?: number;
  /** Device for ps ops. Default `/job:ps`. */
  readonly psDevice?: string;
  /** Device for every other op. Default `/job:worker`. */
  readonly workerDevice?: string;
  /** Merge with the op's own device fields (inner wins) instead of leaving placed ops alone. Default true. */
  readonly mergeDevices?: boolean;
  /** The cluster; its ps job's task count replaces `psTasks`. */
  readonly cluster?: ClusterSpec | Readonly<Record<string, JobTasks>>;
  /** Op types to place on ps. Default `STANDARD_PS_OPS`. */
  readonly psOps?: readonly string[];
  /** Picks the ps task of each ps op. Default: round robin over the ps tasks. */
  readonly psStrategy?: PsStrategy;
}

/** Assigns tasks 0, 1, …, n-1, 0, … in turn (TensorFlow's `_RoundRobinStrategy`). */
function roundRobin(numTasks: number): PsStrategy {
  let next = 0;
  return () => {
    const task = next;
    next = (next + 1) % numTasks;
    return task;
  };
}

/**
 * A device function for between-graph replication (TensorFlow's
 * `tf.train.replica_device_setter`): variables (and the other `psOps`) go to the parameter
 * servers, round robin by default, everything else to the worker. Use it as
 * `device(replicaDeviceSetter({ cluster }), () => …)`.
 *
 * Returns `null` when there is nothing to place: no ps tasks, or a cluster without the ps job.
 * Note that `device(null, fn)` then clears enclosing devices for `fn`, as in TensorFlow.
 */
export function replicaDeviceSetter(options: ReplicaDeviceSetterOptions = {}): DeviceFunction | null {
  const psDevice = options.psDevice ?? '/job:ps';
  const workerDevice = options.workerDevice ?? '/job:worker';
  const mergeDevices = options.mergeDevices ?? true;
  let psTasks = options.psTasks ?? 0;
  if (!Number.isInteger(psTasks) || psTasks < 0) {
    throw new ValueError(`psTasks must be a non-negative integer, got ${String(psTasks)}`);
  }
  if (options.cluster !== undefined && options.cluster !== null) {
    const cluster = options.cluster instanceof ClusterSpec ? options.cluster : new ClusterSpec(options.cluster);
    const psJob = DeviceSpec.fromString(psDevice).job;
    if (psJob === null || !cluster.hasJob(psJob)) return null;
    psTasks = cluster.numTasks(psJob);
  }
  if (psTasks === 0) return null;
  const psOps = new Set(options.psOps ?? STANDARD_PS_OPS);
  const strategy = options.psStrategy ?? roundRobin(psTasks);
  if (typeof strategy !== 'function') throw new TypeError('ps_strategy must be callable');
  // Parse once: device functions run for every op created in scope.
  const psSpec = psDevice ? DeviceSpec.fromString(psDevice) : null;
  const workerSpec = DeviceSpec.fromString(workerDevice);

  return (op: Operation): string => {
    // Without merging, an op that already has a device keeps it.
    if (!mergeDevices && op.device) return op.device;
    const current = DeviceSpec.fromString(op.device);
    if (psSpec !== null && psOps.has(op.type)) {
      let ps = psSpec;
      // A task is chosen only when the op's own job (if any) is the ps job.
      if (ps.job !== null && (current.job === null || current.job === ps.job)) {
        ps = new DeviceSpec(ps.job, ps.replica, strategy(op), ps.deviceType, ps.deviceIndex);
      }
      return ps.mergeFrom(current).toString();
    }
    return workerSpec.mergeFrom(current).toString();
  };
}
