import type { AttrValue, DType, HostTensor, OpDef } from '@varscope/kernel-api';
import { getOpDef } from '@varscope/kernel-api';
import { KeyError, ValueError } from '../errors.js';
import { resolveAttrsMutable } from '../op-def/resolve-attrs.js';
import { opLayout } from '../op-def/op-layout.js';
import { inferOutputs } from '../shape/index.js';
import type { InferInput, TensorShape } from '../shape/index.js';
import { DeviceSpec } from './device-spec.js';
import { NameNode } from './name-registry.js';
import { Operation } from './operation.js';
import { assertSyncResult, runScoped } from './scope-callback.js';
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

const NO_INPUTS: readonly (Tensor | readonly Tensor[])[] = Object.freeze([]);

// Undo journal entry kinds. Each entry is four slots of the journal: kind, a, b, c.
const UNDO_NAME = 0; // a: the NameNode, b: the lowercased component, c: its previous count (undefined: absent)
const UNDO_OP = 1; // a: the inserted op, b: its NameNode
const UNDO_FN = 2; // a: a closure registered through recordUndo
const UNDO_COLLECTION_ADD = 3; // a: the collection's list, b: the value appended
const UNDO_COLLECTION_CREATE = 4; // a: the collection key, b: the list created for it

/**
 * A TensorFlow graph: operations, the name/device/control-dependency/colocation stacks used
 * while building it, collections and the graph-level random seed.
 */
export class Graph {
  readonly #opList: Operation[] = [];
  /** Names in use, lowercased, as a tree of scope levels (see NameNode). */
  readonly #names = new NameNode();
  /** The level of `#names` for the current name stack; undefined until needed. */
  #nameStackNode: NameNode | undefined;
  /** Where the last `uniqueName` call put its result: the level and lowercased last component. */
  #lastNameNode: NameNode | undefined;
  #lastNameKey = '';
  readonly #collections = new Map<string, unknown[]>();
  readonly #stores = new Map<symbol, unknown>();
  #nextId = 1;
  #nameStack = '';
  #deviceStack: (DeviceFunction | null)[] = [];
  #controlStack: ControlController[] = [];
  #colocationStack: Operation[] = [];
  #attrScopes: Readonly<Record<string, AttrValue>>[] = [];
  /**
   * Undo entries of the open transactions (`atomically`), flat: kind, a, b, c per entry. Compact
   * entries instead of closures keep op creation allocation-light; cleared when the outermost
   * transaction commits.
   */
  readonly #journal: unknown[] = [];
  #transactionDepth = 0;
  /** Whether the name stack is a valid op name; undefined until someone asks. */
  #nameStackIsOpName: boolean | undefined = false;
  /** The scope string the current `nameScope` body received (`'foo/bar/'`), or null at the root. */
  #scopeString: string | null = null;
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
    const full = this.#nameStack ? `${this.#nameStack}/${name}` : name;
    // The level holding the last component, and that component, lowercased.
    let node = this.#nameStackNode ??= this.#names.descend(this.#nameStack.toLowerCase());
    let base: string;
    const slash = name.lastIndexOf('/');
    if (slash < 0) {
      base = name.toLowerCase();
    } else {
      node = node.descend(name.slice(0, slash).toLowerCase());
      base = name.slice(slash + 1).toLowerCase();
    }
    let i = node.count(base) ?? 0;
    if (markAsUsed) this.#setNameCount(node, base, i + 1);
    this.#lastNameNode = node;
    if (i === 0) {
      this.#lastNameKey = base;
      return full;
    }
    let key = base;
    while (node.count(key) !== undefined) {
      key = `${base}_${i}`;
      i += 1;
    }
    if (markAsUsed) this.#setNameCount(node, key, 1);
    this.#lastNameKey = key;
    return `${full}_${i - 1}`;
  }

  #setNameCount(node: NameNode, key: string, count: number): void {
    if (this.#transactionDepth > 0) this.#journal.push(UNDO_NAME, node, key, node.count(key));
    node.setCount(key, count);
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
    const oldIsOpName = this.#nameStackIsOpName;
    const oldNode = this.#nameStackNode;
    const oldScopeString = this.#scopeString;
    let next: string;
    let nextIsOpName: boolean | undefined;
    let nextNode: NameNode | undefined;
    if (!name) {
      next = '';
      nextIsOpName = false;
      nextNode = this.#names;
    } else if (name.endsWith('/')) {
      next = name.slice(0, -1);
      nextIsOpName = undefined;
      nextNode = undefined;
    } else {
      next = this.uniqueName(name);
      // A valid op name, extended by a valid scope component (plus `_N`), stays valid.
      nextIsOpName = old === '' ? true : oldIsOpName;
      nextNode = (this.#lastNameNode as NameNode).child(this.#lastNameKey);
    }
    // TensorFlow yields `stack + "/"` for any non-empty name, so `nameScope('/')` yields '/'.
    const scopeString = name ? `${next}/` : '';
    // Inline enter/exit rather than runScoped: this runs several times per op built.
    this.#nameStack = next;
    this.#nameStackIsOpName = nextIsOpName;
    this.#nameStackNode = nextNode;
    this.#scopeString = name ? scopeString : null;
    let result: T;
    try {
      result = fn(scopeString);
    } finally {
      this.#nameStack = old;
      this.#nameStackIsOpName = oldIsOpName;
      this.#nameStackNode = oldNode;
      this.#scopeString = oldScopeString;
    }
    return assertSyncResult('nameScope', result);
  }

  /** Whether `name` passes TensorFlow's op-name check; cheap for the current name scope. */
  #isValidOpName(name: string): boolean {
    if (name === this.#nameStack) {
      this.#nameStackIsOpName ??= VALID_OP_NAME.test(name);
      return this.#nameStackIsOpName;
    }
    return VALID_OP_NAME.test(name);
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
    this.#deviceStack = [...old, entry];
    let result: T;
    try {
      result = fn();
    } finally {
      this.#deviceStack = old;
    }
    return assertSyncResult('device', result);
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
    this.#controlStack = inputs === null ? [controller] : [...old, controller];
    let result: T;
    try {
      result = fn();
    } finally {
      this.#controlStack = old;
    }
    return assertSyncResult('controlDependencies', result);
  }

  /** TensorFlow's `init_scope` as used by variable creation: clears control dependencies only. */
  initScope<T>(fn: () => T): T {
    return this.controlDependencies(null, fn);
  }

  #controlInputsFor(inputs: readonly Tensor[]): Operation[] {
    const ret: Operation[] = [];
    // A set, not ret.includes: `group()` over every variable's initializer has 100k inputs.
    const added = new Set<Operation>();
    for (const controller of this.#controlStack) {
      // A controller with no inputs adds nothing (init_scope's empty one, on every variable).
      if (controller.controlInputs.length === 0) continue;
      if (inputs.some((t) => controller.seen.has(t.op))) continue;
      for (const c of controller.controlInputs) {
        if (added.has(c) || inputs.some((t) => t.op === c)) continue;
        added.add(c);
        ret.push(c);
      }
    }
    return ret;
  }

  // ---------------------------------------------------------------- attr scopes

  /** @internal Attrs added to every op created inside (TensorFlow's `_attr_scope`). */
  attrScope<T>(attrs: Readonly<Record<string, AttrValue>>, fn: () => T): T {
    const old = this.#attrScopes;
    this.#attrScopes = [...old, attrs];
    let result: T;
    try {
      result = fn();
    } finally {
      this.#attrScopes = old;
    }
    return assertSyncResult('attrScope', result);
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
    const groups = spec.inputs ?? NO_INPUTS;
    const flat: Tensor[] = [];
    for (const g of groups) {
      if (g instanceof Tensor) flat.push(g);
      else if (Array.isArray(g)) for (const t of g as readonly Tensor[]) flat.push(t);
      else flat.push(g as never); // rejected below with the op's name
    }
    const requested = spec.name ?? type;
    // `buildOp` passes the scope string itself: an identity check, where `endsWith` would
    // first flatten the long concatenated name.
    const ofScope = requested === this.#scopeString;
    const verbatim = ofScope || requested.endsWith('/');
    // Work out the name without consuming it, so a failure leaves the graph untouched.
    // `nameScope(...)` hands ops their scope string: reuse the stack string (hashed already).
    // The level of the names tree the op goes to: for `buildOp`'s ops (named after the current
    // scope) the name stack's own, for other names where uniqueName put them.
    let tentative: string;
    let node: NameNode;
    if (!verbatim) {
      tentative = this.uniqueName(requested, false);
      node = (this.#lastNameNode as NameNode).child(this.#lastNameKey);
    } else if (ofScope) {
      tentative = this.#nameStack;
      node = this.#nameStackNode ??= this.#names.descend(tentative.toLowerCase());
    } else {
      tentative = requested.slice(0, -1);
      node = this.#names.descend(tentative.toLowerCase());
    }
    for (const t of flat) {
      if (!(t instanceof Tensor)) throw new TypeError(`Input to op '${tentative}' is not a Tensor: ${String(t)}`);
      if (t.op.graph !== this) {
        throw new ValueError(`Tensor ${t.name} must be from the same graph as the op '${tentative}' being created.`);
      }
    }
    if (!this.#isValidOpName(tentative)) throw new ValueError(`'${tentative}' is not a valid node name`);
    if (node.op(tentative) !== undefined) {
      throw new ValueError(`Duplicate node name in graph: '${tentative}'`);
    }

    let attrs: Record<string, AttrValue>;
    let outputs: Tensor[];
    let refOwner: Operation | undefined;
    let op: Operation;
    if (def !== undefined) {
      const layout = opLayout(def);
      if (groups.length !== def.inputs.length) {
        throw new ValueError(`${type} takes ${def.inputs.length} inputs (${layout.inputNames}), got ${groups.length} for '${tentative}'.`);
      }
      const inputDTypes: (DType | DType[])[] = new Array<DType | DType[]>(groups.length);
      for (let i = 0; i < groups.length; i++) {
        const g = groups[i] as Tensor | readonly Tensor[];
        const list = layout.inputIsList[i] === true;
        const arg = def.inputs[i] as (typeof def.inputs)[number];
        if (list !== Array.isArray(g)) {
          throw new ValueError(`Input '${arg.name}' of '${type}' Op ${list ? 'expects a list of tensors' : 'expects a single tensor'} (op '${tentative}').`);
        }
        if (arg.isRef === true) {
          for (const t of list ? (g as readonly Tensor[]) : [g as Tensor]) {
            if (!t.isRef) throw new TypeError(`Input '${arg.name}' of '${type}' Op requires l-value input`);
            // Ops with ref inputs are colocated with the variable they mutate (op_def_library).
            refOwner ??= t.op;
          }
        }
        inputDTypes[i] = list ? (g as readonly Tensor[]).map((t) => t.dtype) : (g as Tensor).dtype;
      }
      attrs = resolveAttrsMutable(def, inputDTypes, spec.attrs, tentative);
      const inferInputs: InferInput[] = new Array<InferInput>(flat.length);
      for (let i = 0; i < flat.length; i++) {
        const t = flat[i] as Tensor;
        inferInputs[i] = { dtype: t.dtype, shape: t.shape, value: constantValue(t) } as InferInput;
      }
      const inferred = inferOutputs(def, { name: tentative, type }, inferInputs, attrs);
      const refFlags = layout.outputRefFlags ?? outputRefFlags(def, attrs);
      this.#mergeAttrScopes(attrs);
      // Everything that can fail has run: commit.
      op = new Operation(this, verbatim ? tentative : this.uniqueName(requested), type, flat,
        this.#controlInputsWith(flat, spec.controlInputs), attrs, '', def, this.#nextId);
      outputs = new Array<Tensor>(inferred.length);
      for (let i = 0; i < inferred.length; i++) {
        const o = inferred[i] as (typeof inferred)[number];
        outputs[i] = new Tensor(op, i, o.dtype, o.shape, refFlags[i] === true);
      }
    } else {
      if (spec.opaqueOutputs === undefined) throw new ValueError(`Op type not registered '${type}' in binary`);
      attrs = {};
      for (const [k, v] of Object.entries(spec.attrs ?? {})) if (v !== undefined) attrs[k] = v;
      this.#mergeAttrScopes(attrs);
      op = new Operation(this, verbatim ? tentative : this.uniqueName(requested), type, flat,
        this.#controlInputsWith(flat, spec.controlInputs), attrs, '', def, this.#nextId);
      const opaque = spec.opaqueOutputs;
      outputs = opaque.map((o, i) => new Tensor(op, i, o.dtype, o.shape, o.isRef ?? false));
    }
    op.setOutputs(outputs);
    this.#place(op, spec.computeDevice ?? true, refOwner);
    this.#insert(op, node);
    return op;
  }

  #mergeAttrScopes(attrs: Record<string, AttrValue>): void {
    for (const scope of this.#attrScopes) {
      for (const k in scope) if (Object.hasOwn(scope, k) && !(k in attrs)) attrs[k] = scope[k] as AttrValue;
    }
  }

  /** The control inputs of a new op: the enclosing `controlDependencies` blocks', then `extra`. */
  #controlInputsWith(inputs: readonly Tensor[], extra: readonly Operation[] | undefined): Operation[] {
    const control = this.#controlStack.length === 0 ? [] : this.#controlInputsFor(inputs);
    if (extra !== undefined && extra.length > 0) {
      const present = new Set(control);
      for (const c of extra) if (!present.has(c)) { present.add(c); control.push(c); }
    }
    return control;
  }

  /**
   * Device functions, then colocation. An op with a ref input is placed as if inside
   * `colocateWith(refOwner)`: enclosing device functions are ignored and it joins the owner's group.
   */
  #place(op: Operation, computeDevice: boolean, refOwner: Operation | undefined): void {
    const colocation = this.#colocationStack;
    if (refOwner === undefined) {
      if (computeDevice) this.#applyDeviceFunctions(op);
      if (colocation.length === 0) return;
    }
    // The usual case, one op to colocate with that has no groups of its own: its own group.
    const single = refOwner === undefined ? (colocation.length === 1 ? colocation[0] : undefined)
      : colocation.length === 0 ? refOwner : undefined;
    if (single !== undefined && single.attrs._class === undefined) {
      if (single.device) op.setDevice(single.device);
      op.setAttr('_class', [`loc:@${single.name}`]);
      return;
    }
    const groups = new Set<string>();
    for (const c of colocation) {
      for (const g of c.colocationGroups) groups.add(g);
      if (c.device) op.setDevice(c.device);
    }
    if (refOwner !== undefined) {
      for (const g of refOwner.colocationGroups) groups.add(g);
      if (refOwner.device) op.setDevice(refOwner.device);
    }
    op.setAttr('_class', [...groups].sort());
  }

  #insert(op: Operation, node: NameNode): void {
    node.addOp(op);
    this.#opList.push(op);
    this.#nextId += 1;
    for (const t of op.inputs) t.addConsumer(op);
    // `seen` only matters to controllers that add control inputs (see #controlInputsFor).
    for (const c of this.#controlStack) if (c.controlInputs.length > 0) c.seen.add(op);
    if (this.#transactionDepth > 0) this.#journal.push(UNDO_OP, op, node, undefined);
  }

  #removeInserted(op: Operation, node: NameNode): void {
    node.removeOp(op);
    const idx = this.#opList.lastIndexOf(op);
    if (idx >= 0) this.#opList.splice(idx, 1);
    this.#nextId = op.id;
    for (const t of op.inputs) t.removeConsumer(op);
    for (const c of this.#controlStack) c.seen.delete(op);
  }

  /** Ops that consume `tensor`. */
  consumersOf(tensor: Tensor): Operation[] {
    return tensor.op.graph === this ? tensor.consumerList() : [];
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
    const mark = this.#journal.length;
    this.#transactionDepth += 1;
    try {
      return fn();
    } catch (e) {
      this.#rollback(mark);
      throw e;
    } finally {
      this.#transactionDepth -= 1;
      // Committed at the outermost level: nothing can be undone any more.
      if (this.#transactionDepth === 0) this.#journal.length = 0;
    }
  }

  /** Undoes the journal's entries from `mark` on, newest first. */
  #rollback(mark: number): void {
    const j = this.#journal;
    for (let i = j.length - 4; i >= mark; i -= 4) {
      const a = j[i + 1];
      const b = j[i + 2];
      switch (j[i] as number) {
        case UNDO_NAME: {
          (a as NameNode).setCount(b as string, j[i + 3] as number | undefined);
          break;
        }
        case UNDO_OP:
          this.#removeInserted(a as Operation, b as NameNode);
          break;
        case UNDO_FN:
          (a as () => void)();
          break;
        case UNDO_COLLECTION_ADD: {
          const list = a as unknown[];
          const k = list.lastIndexOf(b);
          if (k >= 0) list.splice(k, 1);
          break;
        }
        case UNDO_COLLECTION_CREATE:
          if (this.#collections.get(a as string) === b && (b as unknown[]).length === 0) this.#collections.delete(a as string);
          break;
      }
    }
    j.length = mark;
  }

  /** @internal Registers how to undo a change made inside `atomically` (no-op outside one). */
  recordUndo(undo: () => void): void {
    if (this.#transactionDepth > 0) this.#journal.push(UNDO_FN, undo, undefined, undefined);
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
    const op = this.#findOp(name);
    if (op === undefined) throw new KeyError(`The name '${name}' refers to an Operation not in the graph.`);
    return op;
  }

  #findOp(name: string): Operation | undefined {
    return this.#names.find(name.toLowerCase())?.op(name);
  }

  /** The op named `name`, or undefined. */
  findOperation(name: string): Operation | undefined {
    return this.#findOp(name);
  }

  getTensorByName(name: string): Tensor {
    if (typeof name !== 'string') throw new TypeError(`Tensor names are strings (or similar), not ${typeof name}.`);
    if (!name.includes(':')) {
      if (this.#findOp(name) !== undefined) {
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
    const op = this.#findOp(opName);
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
    if (this.#transactionDepth > 0) this.#journal.push(UNDO_COLLECTION_ADD, list, value, undefined);
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
      if (this.#transactionDepth > 0) this.#journal.push(UNDO_COLLECTION_CREATE, key, list, undefined);
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

/** The flat output reference flags of an op whose outputs include lists (their lengths come from attrs). */
function outputRefFlags(def: OpDef, attrs: Readonly<Record<string, AttrValue>>): boolean[] {
  const flags: boolean[] = [];
  for (const arg of def.outputs) {
    const n = arg.numberAttr !== undefined ? Number(attrs[arg.numberAttr])
      : arg.typeListAttr !== undefined ? (attrs[arg.typeListAttr] as readonly string[]).length : 1;
    for (let k = 0; k < n; k++) flags.push(arg.isRef === true);
  }
  return flags;
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
