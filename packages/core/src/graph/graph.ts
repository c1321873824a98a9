import type { AttrValue, DType, HostTensor } from '@varscope/kernel-api';
import { getOpDef } from '@varscope/kernel-api';
import { KeyError, ValueError } from '../errors.js';
import { resolveAttrs } from '../op-def/index.js';
import { inferOutputs } from '../shape/index.js';
import type { InferInput, TensorShape } from '../shape/index.js';
import { DeviceSpec } from './device-spec.js';
import { Operation } from './operation.js';
import { runScoped } from './scope-callback.js';
import { Tensor } from './tensor.js';

/** Returns the device for an op being created: a device string, a spec, or null/'' to leave it. */
export type DeviceFunction = (op: Operation) => string | DeviceSpec | null | undefined;

/** What `Graph.createOp` needs. */
export interface CreateOpSpec {
  /** The op type (`Add`). */
  readonly type: string;
  /** Inputs grouped by schema argument: a list argument is an array of tensors. */
  readonly inputs?: readonly (Tensor | readonly Tensor[])[];
  readonly attrs?: Readonly<Record<string, AttrValue | undefined>>;
  /** Requested name (default: the type); a name ending in `/` is used verbatim without the slash. */
  readonly name?: string;
  readonly controlInputs?: readonly Operation[];
  /** Outputs of an op type without a schema entry (graph import keeps such ops opaque). */
  readonly opaqueOutputs?: readonly { dtype: DType; shape: TensorShape; isRef?: boolean }[];
  /** Apply the device function stack (default true). */
  readonly computeDevice?: boolean;
  /**
   * Keep the op opaque even if its type is in the schema (graph import: a node whose attrs or
   * shapes varscope's schema rejects is kept as written, and running it fails by name).
   */
  readonly opaque?: boolean;
}

interface ControlController {
  readonly controlInputs: readonly Operation[];
  readonly seen: Set<Operation>;
}

/** TensorFlow 1.x's op-name rules (ops.py `_VALID_OP_NAME_REGEX`, `_VALID_SCOPE_NAME_REGEX`). */
const VALID_OP_NAME = /^[A-Za-z0-9.][A-Za-z0-9_.\-/>]*$/;
const VALID_SCOPE_NAME = /^[A-Za-z0-9_.\-/>]*$/;

/**
 * A TensorFlow graph: operations, the name/device/control-dependency/colocation stacks used
 * while building it, collections and the graph-level random seed.
 */
export class Graph {
  readonly #ops = new Map<string, Operation>();
  readonly #opList: Operation[] = [];
  readonly #namesInUse = new Map<string, number>();
  readonly #consumers = new Map<Tensor, Operation[]>();
  readonly #collections = new Map<string, unknown[]>();
  readonly #stores = new Map<symbol, unknown>();
  #nextId = 1;
  #nameStack = '';
  #deviceStack: (DeviceFunction | null)[] = [];
  #controlStack: ControlController[] = [];
  #colocationStack: Operation[] = [];
  #attrScopes: Readonly<Record<string, AttrValue>>[] = [];
  #undoLog: (() => void)[] | null = null;
  #finalized = false;
  /** The graph-level random seed (`setRandomSeed`), or null. */
  seed: number | null = null;

  // ---------------------------------------------------------------- names

  /** The current name scope without a trailing slash (`''` at the root). */
  get nameStack(): string {
    return this.#nameStack;
  }

  /**
   * TensorFlow's `Graph.unique_name`: prefixes the current name scope, then appends `_N` for the
   * first N that keeps the name unused, comparing case-insensitively.
   */
  uniqueName(name: string, markAsUsed = true): string {
    if (this.#nameStack) name = `${this.#nameStack}/${name}`;
    let key = name.toLowerCase();
    let i = this.#namesInUse.get(key) ?? 0;
    if (markAsUsed) this.#setNameCount(key, i + 1);
    if (i > 0) {
      const baseKey = key;
      while (this.#namesInUse.has(key)) {
        key = `${baseKey}_${i}`;
        i += 1;
      }
      if (markAsUsed) this.#setNameCount(key, 1);
      name = `${name}_${i - 1}`;
    }
    return name;
  }

  #setNameCount(key: string, count: number): void {
    const had = this.#namesInUse.has(key);
    const prev = this.#namesInUse.get(key);
    this.#namesInUse.set(key, count);
    this.#undoLog?.push(() => {
      if (had) this.#namesInUse.set(key, prev as number);
      else this.#namesInUse.delete(key);
    });
  }

  /**
   * Enters a name scope (TensorFlow's `Graph.name_scope`): `null`/`''` resets to the root, a name
   * ending in `/` re-enters that scope verbatim, anything else is uniquified. `fn` receives the
   * scope string with its trailing slash (`''` at the root).
   */
  nameScope<T>(name: string | null | undefined, fn: (scope: string) => T): T {
    if (name) {
      const regex = this.#nameStack ? VALID_SCOPE_NAME : VALID_OP_NAME;
      if (!regex.test(name)) throw new ValueError(`'${name}' is not a valid scope name`);
    }
    const old = this.#nameStack;
    let next: string;
    if (!name) next = '';
    else if (name.endsWith('/')) next = name.slice(0, -1);
    else next = this.uniqueName(name);
    // TensorFlow yields `stack + "/"` for any non-empty name, so `nameScope('/')` yields '/'.
    const scopeString = name ? `${next}/` : '';
    return runScoped('nameScope', () => { this.#nameStack = next; }, () => { this.#nameStack = old; },
      () => fn(scopeString));
  }

  // ---------------------------------------------------------------- devices

  /**
   * Pushes a device for ops created inside: a device string (merged field-wise, inner wins),
   * a device function, or `null` to clear every enclosing device for the body.
   */
  device<T>(spec: string | DeviceSpec | DeviceFunction | null, fn: () => T): T {
    let entry: DeviceFunction | null;
    if (spec === null) entry = null;
    else if (typeof spec === 'function') entry = spec;
    else {
      const parsed = spec instanceof DeviceSpec ? spec : DeviceSpec.fromString(spec);
      // TensorFlow's merge_device: the op's own (inner) fields win over this scope's.
      entry = (op) => parsed.mergeFrom(DeviceSpec.fromString(op.device)).toString();
    }
    const old = this.#deviceStack;
    return runScoped('device', () => { this.#deviceStack = [...old, entry]; }, () => { this.#deviceStack = old; }, fn);
  }

  /** Whether any device scope or function is active (used by device functions that want to know). */
  get hasDeviceScope(): boolean {
    return this.#deviceStack.length > 0;
  }

  #applyDeviceFunctions(op: Operation): void {
    for (let i = this.#deviceStack.length - 1; i >= 0; i--) {
      const fn = this.#deviceStack[i];
      if (fn === null || fn === undefined) break;
      const d = fn(op);
      op.setDevice(d === null || d === undefined ? '' : DeviceSpec.fromString(d.toString()).toString());
    }
  }

  // ---------------------------------------------------------------- colocation

  /**
   * Ops created inside are colocated with `op`: they take its device and its `loc:@` groups,
   * and enclosing device functions are ignored (TensorFlow's `colocate_with`).
   * `null` clears the colocation stack for the body.
   */
  colocateWith<T>(op: Operation | null, fn: () => T, ignoreExisting = false): T {
    const oldColocation = this.#colocationStack;
    const oldDevices = this.#deviceStack;
    return runScoped('colocateWith', () => {
      if (op === null) {
        this.#colocationStack = [];
      } else {
        this.#colocationStack = ignoreExisting ? [op] : [...oldColocation, op];
        this.#deviceStack = [];
      }
    }, () => {
      this.#colocationStack = oldColocation;
      this.#deviceStack = oldDevices;
    }, fn);
  }

  // ---------------------------------------------------------------- control dependencies

  /**
   * Ops created inside get control inputs on `inputs`; nested blocks accumulate; `null` starts
   * from an empty set for the body.
   */
  controlDependencies<T>(inputs: readonly Operation[] | null, fn: () => T): T {
    const old = this.#controlStack;
    const controller: ControlController = { controlInputs: inputs ?? [], seen: new Set() };
    for (const op of inputs ?? []) {
      if (op.graph !== this) throw new ValueError(`Control input ${op.name} is not an element of this graph.`);
    }
    return runScoped('controlDependencies', () => {
      this.#controlStack = inputs === null ? [controller] : [...old, controller];
    }, () => { this.#controlStack = old; }, fn);
  }

  /** TensorFlow's `init_scope` as used by variable creation: clears control dependencies only. */
  initScope<T>(fn: () => T): T {
    return this.controlDependencies(null, fn);
  }

  #controlInputsFor(inputOps: readonly Operation[]): Operation[] {
    const ret: Operation[] = [];
    for (const controller of this.#controlStack) {
      if (inputOps.some((op) => controller.seen.has(op))) continue;
      for (const c of controller.controlInputs) if (!inputOps.includes(c) && !ret.includes(c)) ret.push(c);
    }
    return ret;
  }

  // ---------------------------------------------------------------- attr scopes

  /** @internal Attrs added to every op created inside (TensorFlow's `_attr_scope`). */
  attrScope<T>(attrs: Readonly<Record<string, AttrValue>>, fn: () => T): T {
    const old = this.#attrScopes;
    return runScoped('attrScope', () => { this.#attrScopes = [...old, attrs]; }, () => { this.#attrScopes = old; }, fn);
  }

  // ---------------------------------------------------------------- op creation

  /**
   * Creates an op: resolves attrs against the schema, infers output dtypes and shapes, applies
   * control dependencies, device functions and colocation. Nothing is added if any step fails.
   */
  createOp(spec: CreateOpSpec): Operation {
    if (this.#finalized) throw new ValueError('Graph is finalized and cannot be modified.');
    const type = spec.type;
    const def = spec.opaque === true ? undefined : getOpDef(type);
    const groups = spec.inputs ?? [];
    const flat: Tensor[] = [];
    for (const g of groups) {
      if (g instanceof Tensor) flat.push(g);
      else flat.push(...g);
    }
    const requested = spec.name ?? type;
    // Work out the name without consuming it, so a failure leaves the graph untouched.
    const tentative = requested.endsWith('/') ? requested.slice(0, -1) : this.uniqueName(requested, false);
    for (const t of flat) {
      if (!(t instanceof Tensor)) throw new TypeError(`Input to op '${tentative}' is not a Tensor: ${String(t)}`);
      if (t.graph !== this) {
        throw new ValueError(`Tensor ${t.name} must be from the same graph as the op '${tentative}' being created.`);
      }
    }
    if (!VALID_OP_NAME.test(tentative)) throw new ValueError(`'${tentative}' is not a valid node name`);
    if (requested.endsWith('/') && this.#ops.has(tentative)) {
      throw new ValueError(`Duplicate node name in graph: '${tentative}'`);
    }

    let attrs: Record<string, AttrValue>;
    let outputs: { dtype: DType; shape: TensorShape; isRef: boolean }[];
    if (def !== undefined) {
      if (groups.length !== def.inputs.length) {
        throw new ValueError(`${type} takes ${def.inputs.length} inputs (${def.inputs.map((a) => a.name).join(', ')}), got ${groups.length} for '${tentative}'.`);
      }
      def.inputs.forEach((arg, i) => {
        const g = groups[i];
        const list = arg.numberAttr !== undefined || arg.typeListAttr !== undefined;
        if (list !== Array.isArray(g)) {
          throw new ValueError(`Input '${arg.name}' of '${type}' Op ${list ? 'expects a list of tensors' : 'expects a single tensor'} (op '${tentative}').`);
        }
        if (arg.isRef) {
          for (const t of list ? (g as Tensor[]) : [g as Tensor]) {
            if (!t.isRef) throw new TypeError(`Input '${arg.name}' of '${type}' Op requires l-value input`);
          }
        }
      });
      const inputDTypes = groups.map((g) => (g instanceof Tensor ? g.dtype : g.map((t) => t.dtype)));
      attrs = { ...resolveAttrs(def, inputDTypes, spec.attrs ?? {}, tentative) };
      const inferInputs: InferInput[] = flat.map((t) => {
        const value = constantValue(t);
        return value === undefined ? { dtype: t.dtype, shape: t.shape } : { dtype: t.dtype, shape: t.shape, value };
      });
      const inferred = inferOutputs(def, { name: tentative, type }, inferInputs, attrs);
      const refFlags: boolean[] = [];
      for (const arg of def.outputs) {
        const n = arg.numberAttr !== undefined ? Number(attrs[arg.numberAttr])
          : arg.typeListAttr !== undefined ? (attrs[arg.typeListAttr] as readonly string[]).length : 1;
        for (let k = 0; k < n; k++) refFlags.push(arg.isRef === true);
      }
      outputs = inferred.map((o, i) => ({ dtype: o.dtype, shape: o.shape, isRef: refFlags[i] ?? false }));
    } else {
      if (spec.opaqueOutputs === undefined) throw new ValueError(`Op type not registered '${type}' in binary`);
      attrs = {};
      for (const [k, v] of Object.entries(spec.attrs ?? {})) if (v !== undefined) attrs[k] = v;
      outputs = spec.opaqueOutputs.map((o) => ({ dtype: o.dtype, shape: o.shape, isRef: o.isRef ?? false }));
    }
    for (const scope of this.#attrScopes) for (const [k, v] of Object.entries(scope)) if (!(k in attrs)) attrs[k] = v;

    // Everything that can fail has run: commit.
    const name = requested.endsWith('/') ? tentative : this.uniqueName(requested);
    const inputOps = flat.map((t) => t.op);
    const control = [...this.#controlInputsFor(inputOps)];
    for (const c of spec.controlInputs ?? []) if (!control.includes(c)) control.push(c);
    const op = new Operation(this, name, type, flat, control, attrs, '', def, this.#nextId);
    op.setOutputs(outputs.map((o, i) => new Tensor(op, i, o.dtype, o.shape, o.isRef)));

    // Ops with ref inputs are colocated with the variable they mutate (op_def_library).
    const refOwners = def === undefined ? [] : def.inputs.flatMap((arg, i) => {
      if (!arg.isRef) return [];
      const g = groups[i];
      return g instanceof Tensor ? [g.op] : (g ?? []).map((t) => t.op);
    });
    const place = () => {
      if (spec.computeDevice ?? true) this.#applyDeviceFunctions(op);
      if (this.#colocationStack.length > 0) {
        const groupsSet = new Set<string>();
        for (const c of this.#colocationStack) {
          for (const g of c.colocationGroups) groupsSet.add(g);
          if (c.device) op.setDevice(c.device);
        }
        op.setAttr('_class', [...groupsSet].sort());
      }
    };
    if (refOwners.length > 0) this.colocateWith(refOwners[0] as Operation, place);
    else place();

    this.#insert(op);
    return op;
  }

  #insert(op: Operation): void {
    this.#ops.set(op.name, op);
    this.#opList.push(op);
    const prevId = this.#nextId;
    this.#nextId += 1;
    for (const t of op.inputs) {
      let list = this.#consumers.get(t);
      if (!list) this.#consumers.set(t, (list = []));
      list.push(op);
    }
    for (const c of this.#controlStack) c.seen.add(op);
    this.#undoLog?.push(() => {
      this.#ops.delete(op.name);
      const idx = this.#opList.lastIndexOf(op);
      if (idx >= 0) this.#opList.splice(idx, 1);
      this.#nextId = prevId;
      for (const t of op.inputs) {
        const list = this.#consumers.get(t);
        if (list) list.splice(list.lastIndexOf(op), 1);
      }
      for (const c of this.#controlStack) c.seen.delete(op);
    });
  }

  /** Ops that consume `tensor`. */
  consumersOf(tensor: Tensor): Operation[] {
    return [...(this.#consumers.get(tensor) ?? [])];
  }

  /** TensorFlow's `_last_id`: the id of the most recently created op (used for op-level seeds). */
  get lastId(): number {
    return this.#nextId - 1;
  }

  // ---------------------------------------------------------------- transactions

  /**
   * Runs `fn` so that if it throws, every op, name, collection entry and registered change it
   * made is undone: a failed call leaves the graph exactly as it was.
   */
  atomically<T>(fn: () => T): T {
    const outer = this.#undoLog;
    const log: (() => void)[] = [];
    this.#undoLog = log;
    try {
      const result = fn();
      if (outer) outer.push(...log);
      return result;
    } catch (e) {
      for (let i = log.length - 1; i >= 0; i--) (log[i] as () => void)();
      throw e;
    } finally {
      this.#undoLog = outer;
    }
  }

  /** @internal Registers how to undo a change made inside `atomically` (no-op outside one). */
  recordUndo(undo: () => void): void {
    this.#undoLog?.push(undo);
  }

  /** Makes the graph read-only (TensorFlow's `finalize`). */
  finalize(): void {
    this.#finalized = true;
  }

  get finalized(): boolean {
    return this.#finalized;
  }

  // ---------------------------------------------------------------- lookup

  getOperations(): Operation[] {
    return [...this.#opList];
  }

  /** The number of ops; cheaper than `getOperations().length`. */
  get size(): number {
    return this.#opList.length;
  }

  getOperationByName(name: string): Operation {
    if (typeof name !== 'string') throw new TypeError(`Operation names are strings (or similar), not ${typeof name}.`);
    if (name.includes(':')) {
      throw new ValueError(`Name '${name}' appears to refer to a Tensor, not a Operation.`);
    }
    const op = this.#ops.get(name);
    if (op === undefined) throw new KeyError(`The name '${name}' refers to an Operation not in the graph.`);
    return op;
  }

  /** The op named `name`, or undefined. */
  findOperation(name: string): Operation | undefined {
    return this.#ops.get(name);
  }

  getTensorByName(name: string): Tensor {
    if (typeof name !== 'string') throw new TypeError(`Tensor names are strings (or similar), not ${typeof name}.`);
    if (!name.includes(':')) {
      if (this.#ops.has(name)) {
        throw new ValueError(`The name '${name}' refers to an Operation, not a Tensor. Tensor names must be of the form "<op_name>:<output_index>".`);
      }
      throw new ValueError(`The name '${name}' looks like an (invalid) Operation name, not a Tensor. Tensor names must be of the form "<op_name>:<output_index>".`);
    }
    const colon = name.lastIndexOf(':');
    const opName = name.slice(0, colon);
    const indexText = name.slice(colon + 1);
    if (!/^\d+$/.test(indexText) || opName.includes(':')) {
      throw new ValueError(`The name '${name}' looks a like a Tensor name, but is not a valid one. Tensor names must be of the form "<op_name>:<output_index>".`);
    }
    const op = this.#ops.get(opName);
    if (op === undefined) {
      throw new KeyError(`The name '${name}' refers to a Tensor which does not exist. The operation, '${opName}', does not exist in the graph.`);
    }
    const index = Number(indexText);
    const t = op.outputs[index];
    if (t === undefined) {
      throw new KeyError(`The name '${name}' refers to a Tensor which does not exist. The operation, '${opName}', exists but only has ${op.outputs.length} outputs.`);
    }
    return t;
  }

  // ---------------------------------------------------------------- collections

  /** Appends `value` to collection `key` (duplicates allowed, order kept). */
  addToCollection(key: string, value: unknown): void {
    const list = this.getCollectionRef(key);
    list.push(value);
    this.#undoLog?.push(() => {
      const i = list.lastIndexOf(value);
      if (i >= 0) list.splice(i, 1);
    });
  }

  /** Adds `value` once to each distinct key. */
  addToCollections(keys: string | Iterable<string>, value: unknown): void {
    const unique = typeof keys === 'string' ? [keys] : [...new Set(keys)];
    for (const k of unique) this.addToCollection(k, value);
  }

  /**
   * A snapshot of collection `key`; with `scope`, only items whose `name` matches the regex
   * `scope` at its start (TensorFlow's `re.match`).
   */
  getCollection<T = unknown>(key: string, scope?: string | null): T[] {
    const list = this.#collections.get(key);
    if (list === undefined) return [];
    if (scope === undefined || scope === null) return [...list] as T[];
    const regex = new RegExp(`^(?:${scope})`);
    return list.filter((item) => {
      const name = (item as { name?: unknown } | null)?.name;
      return typeof name === 'string' && regex.test(name);
    }) as T[];
  }

  /** The live list for `key`, created empty if absent (same array every call). */
  getCollectionRef<T = unknown>(key: string): T[] {
    let list = this.#collections.get(key);
    if (list === undefined) {
      list = [];
      this.#collections.set(key, list);
      const created = list;
      this.#undoLog?.push(() => {
        if (this.#collections.get(key) === created && created.length === 0) this.#collections.delete(key);
      });
    }
    return list as T[];
  }

  getAllCollectionKeys(): string[] {
    return [...this.#collections.keys()];
  }

  clearCollection(key: string): void {
    this.#collections.delete(key);
  }

  // ---------------------------------------------------------------- per-graph stores

  /** @internal Per-graph state owned by other modules (the variable store, scope counters…). */
  store<T>(key: symbol, create: () => T): T {
    let s = this.#stores.get(key) as T | undefined;
    if (s === undefined) {
      s = create();
      this.#stores.set(key, s);
    }
    return s;
  }

  /** Runs `fn` with this graph as the default graph. */
  asDefault<T>(fn: () => T): T {
    return withDefaultGraph(this, fn);
  }
}

/** The value of `t` when the graph holds it as a constant (its producer is a `Const`). */
export function constantValue(t: Tensor): HostTensor | undefined {
  if (t.op.type !== 'Const') return undefined;
  return t.op.attrs.value as HostTensor | undefined;
}

// ---------------------------------------------------------------- default graph

let globalDefault: Graph | null = null;
const defaultStack: Graph[] = [];

/** The graph ops are added to: the innermost `asDefault` graph, else the global default. */
export function getDefaultGraph(): Graph {
  const top = defaultStack[defaultStack.length - 1];
  if (top !== undefined) return top;
  if (globalDefault === null) globalDefault = new Graph();
  return globalDefault;
}

/** Replaces the global default graph with a new, empty one. */
export function resetDefaultGraph(): void {
  if (defaultStack.length > 0) {
    throw new ValueError('Do not use resetDefaultGraph() to clear nested graphs. If you need a cleared graph, exit the nesting and create a new graph.');
  }
  globalDefault = new Graph();
}

function withDefaultGraph<T>(graph: Graph, fn: () => T): T {
  return runScoped('graph.asDefault', () => { defaultStack.push(graph); }, () => { defaultStack.pop(); }, fn);
}
