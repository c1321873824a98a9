import type { DType } from '@varscope/kernel-api';
import { ValueError } from '../errors.js';
import type { Graph } from '../graph/graph.js';
import { DeviceSpec } from '../graph/device-spec.js';
import type { Tensor } from '../graph/tensor.js';
import { GraphKeys, PartitionedVariable, Variable, saveSliceSpec } from '../variables/index.js';

/** What a Saver's `varList` may hold: variables, partitioned variables, or the slices of one. */
export type SaveableInput = Variable | PartitionedVariable | readonly Variable[];

/** One tensor the saver writes and restores: a variable, or one partition of a partitioned variable. */
export interface SaveSpec {
  /** The checkpoint key (`conv1/weights`), never with `:0`. */
  readonly key: string;
  /** `''` for a whole tensor; TensorFlow's `shape_and_slices` entry for a partition. */
  readonly slice: string;
  readonly variable: Variable;
  readonly dtype: DType;
  /** The variable's canonical device, which groups shards when saving `sharded`. */
  readonly device: string;
}

/** Keys and specs in the order TensorFlow saves them: sorted by key, slices in partition order. */
export interface Saveables {
  readonly specs: readonly SaveSpec[];
  readonly keys: readonly string[];
}

const describe = (x: unknown): string => {
  if (x === null || x === undefined) return String(x);
  if (typeof x === 'object' && typeof (x as { toString?: unknown }).toString === 'function') return String(x);
  return `${typeof x} ${String(x)}`;
};

function notAVariable(x: unknown): TypeError {
  return new TypeError(
    `names_to_saveables must be a dict mapping string names to Tensors/Variables. Not a variable: ${describe(x)}`);
}

function specsOf(key: string, value: SaveableInput): SaveSpec[] {
  const parts: readonly Variable[] = value instanceof PartitionedVariable ? value.variables
    : Array.isArray(value) ? value as readonly Variable[]
      : [value as Variable];
  if (parts.length === 0) throw new ValueError(`The saveable for key ${key} has no variables`);
  return parts.map((v) => {
    if (!(v instanceof Variable)) throw notAVariable(v);
    const info = v.saveSliceInfo;
    const whole = !(value instanceof PartitionedVariable) && !Array.isArray(value);
    if (!whole && (info === undefined || info.fullName !== key)) {
      throw new ValueError(`Slices must all be from the same tensor: ${key} != ${info?.fullName ?? v.op.name}`);
    }
    return {
      key,
      slice: info !== undefined && !whole ? saveSliceSpec(info) : '',
      variable: v,
      dtype: v.dtype,
      device: DeviceSpec.fromString(v.device).toString(),
    };
  });
}

/**
 * TensorFlow's `op_list_to_dict` + `_ValidateAndSliceInputs`: an array is keyed by each
 * variable's op name (partitions by their full name, one slice each); an object's keys are
 * the checkpoint keys. The default is GLOBAL_VARIABLES + SAVEABLE_OBJECTS.
 */
export function collectSaveables(graph: Graph, varList: unknown): Saveables {
  const byKey = new Map<string, SaveSpec[]>();
  const seen = new Map<Variable, string>();
  const put = (key: string, specs: SaveSpec[]): void => {
    for (const s of specs) {
      if (seen.has(s.variable)) throw new ValueError(`The same saveable will be restored with two names: ${s.variable.op.name}`);
      seen.set(s.variable, key);
    }
    byKey.set(key, specs);
  };
  let list: unknown[] | undefined;
  if (varList === undefined || varList === null) {
    list = [...graph.getCollection(GraphKeys.GLOBAL_VARIABLES), ...graph.getCollection(GraphKeys.SAVEABLE_OBJECTS)];
  } else if (Array.isArray(varList) || varList instanceof Set) {
    list = [...(varList as Iterable<unknown>)];
  } else if (typeof varList === 'object' && !(varList instanceof Variable) && !(varList instanceof PartitionedVariable)
    && Object.getPrototypeOf(varList) === Object.prototype) {
    for (const [key, value] of Object.entries(varList as Record<string, unknown>)) {
      if (!(value instanceof Variable) && !(value instanceof PartitionedVariable) && !Array.isArray(value)) throw notAVariable(value);
      if (value instanceof Variable && value.graph !== graph) throw new ValueError(`${value.name} is not an element of this graph.`);
      put(key, specsOf(key, value as SaveableInput));
    }
  } else {
    throw new TypeError('Variables to save should be passed in a dict or a list');
  }
  if (list !== undefined) {
    const slices = new Map<string, Variable[]>();
    for (const item of list) {
      if (item instanceof PartitionedVariable) {
        if (byKey.has(item.name) || slices.has(item.name)) throw new ValueError(`At least two variables have the same name: ${item.name}`);
        put(item.name, specsOf(item.name, item));
        continue;
      }
      if (!(item instanceof Variable)) throw notAVariable(item);
      if (item.graph !== graph) throw new ValueError(`${item.name} is not an element of this graph.`);
      const info = item.saveSliceInfo;
      if (info !== undefined) {
        if (byKey.has(info.fullName)) throw new ValueError(`Mixing slices and non-slices with the same name: ${info.fullName}`);
        const group = slices.get(info.fullName) ?? [];
        if (group.includes(item)) continue; // a partition listed twice (GLOBAL and SAVEABLE_OBJECTS)
        group.push(item);
        slices.set(info.fullName, group);
        continue;
      }
      const key = item.op.name;
      if (byKey.has(key)) {
        if (byKey.get(key)?.[0]?.variable === item && varList === undefined) continue;
        throw new ValueError(`At least two variables have the same name: ${key}`);
      }
      if (slices.has(key)) throw new ValueError(`Mixing slices and non-slices with the same name: ${key}`);
      put(key, specsOf(key, item));
    }
    for (const [key, group] of slices) put(key, specsOf(key, group));
  }
  const keys = [...byKey.keys()].sort();
  const specs: SaveSpec[] = [];
  for (const key of keys) {
    const group = [...(byKey.get(key) as SaveSpec[])];
    group.sort((a, b) => {
      const oa = a.variable.saveSliceInfo?.varOffset ?? [];
      const ob = b.variable.saveSliceInfo?.varOffset ?? [];
      for (let i = 0; i < Math.max(oa.length, ob.length); i++) if ((oa[i] ?? 0) !== (ob[i] ?? 0)) return (oa[i] ?? 0) - (ob[i] ?? 0);
      return 0;
    });
    specs.push(...group);
  }
  return { specs, keys };
}

/** Specs grouped by device, sorted by canonical device name (TensorFlow's `_GroupByDevices`). */
export function groupByDevice(specs: readonly SaveSpec[]): [string, SaveSpec[]][] {
  const groups = new Map<string, SaveSpec[]>();
  for (const s of specs) {
    const list = groups.get(s.device) ?? [];
    list.push(s);
    groups.set(s.device, list);
  }
  return [...groups.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

/** The CPU of a device's task (TensorFlow's `set_cpu0`): where a shard's file I/O runs. */
export function cpu0(device: string): string {
  const d = DeviceSpec.fromString(device);
  return new DeviceSpec(d.job, d.replica, d.task, 'CPU', 0).toString();
}

/** The reference tensor of a spec's variable (SaveV2 reads the variable itself, as TensorFlow does). */
export function refOf(spec: SaveSpec): Tensor {
  return spec.variable.ref();
}
