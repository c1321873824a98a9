import type { DType, ShapeAttr } from '@varscope/kernel-api';
import { asDType } from '../dtypes/index.js';
import type { NDArray, TensorLike } from '../dtypes/index.js';
import { ValueError } from '../errors.js';
import { AS_REF, TO_TENSOR } from '../graph/conversion.js';
import type { RefConvertible, TensorConvertible } from '../graph/conversion.js';
import type { DeviceSpec } from '../graph/device-spec.js';
import { getDefaultGraph } from '../graph/graph.js';
import type { DeviceFunction, Graph } from '../graph/graph.js';
import type { Operation } from '../graph/operation.js';
import type { Tensor } from '../graph/tensor.js';
import { identity } from '../ops/control.js';
import { cond } from '../ops/control-flow.js';
import { convertToTensor } from '../ops/convert.js';
import type { TensorInput } from '../ops/convert.js';
import { assign, assignAdd, assignSub, countUpTo, isVariableInitialized } from '../ops/state.js';
import { TensorShape } from '../shape/index.js';
import { GraphKeys } from './collections.js';
import { currentContainer } from './container.js';
import { guardInitialValue } from './guard-initial-value.js';

/** A variable's initial value: a tensor or plain value, or a function that builds one. */
export type InitialValue = TensorInput | (() => TensorInput);

/** What `Session.run` needs to look like for `eval` and `load` (keeps variables free of the session module). */
export interface SessionLike {
  run(fetches: unknown, feeds?: unknown): Promise<unknown>;
}

/** Where a partition of a partitioned variable sits in the full variable (TensorFlow's `SaveSliceInfo`). */
export interface SaveSliceInfo {
  /** The full variable's name, the checkpoint key (`scope0/name0`). */
  readonly fullName: string;
  readonly fullShape: readonly number[];
  readonly varOffset: readonly number[];
  readonly varShape: readonly number[];
}

/**
 * The checkpoint slice spec of a partition: full dims joined by spaces, a space, then per-dim
 * `offset,length` joined by `:` (e.g. `3 1 1 2,1:0,1:0,1`).
 */
export function saveSliceSpec(info: SaveSliceInfo): string {
  const full = info.fullShape.join(' ');
  const slices = info.varShape.map((len, i) => `${info.varOffset[i] ?? 0},${len}`).join(':');
  return `${full} ${slices}`;
}

/** The names that describe a variable in a meta graph (TensorFlow's `VariableDef`). */
export interface VariableDef {
  readonly variableName: string;
  readonly initialValueName: string;
  readonly initializerName: string;
  readonly snapshotName: string;
  readonly trainable: boolean;
  readonly isResource: false;
  readonly saveSliceInfo?: SaveSliceInfo;
}

export interface VariableOptions {
  /** Op name of the variable (uniquified like any op name, inside the current name scope). Default `Variable`. */
  readonly name?: string;
  /** The dtype; a plain initial value is converted to it, a tensor must already have it. */
  readonly dtype?: DType | string | null;
  /** Also add the variable to TRAINABLE_VARIABLES. Default true. */
  readonly trainable?: boolean;
  /** Collections to add the variable to. Default `[GraphKeys.GLOBAL_VARIABLES]`. */
  readonly collections?: Iterable<string> | null;
  /** Require a fully defined initial-value shape, and check it on assignment. Default true. */
  readonly validateShape?: boolean;
  /** Where the `read` snapshot is placed; by default it is colocated with the variable. */
  readonly cachingDevice?: string | DeviceSpec | DeviceFunction | null;
  /** Applied by optimizers after each update (TensorFlow's `constraint`). */
  readonly constraint?: ((value: Tensor) => Tensor) | null;
}

export interface AssignMethodOptions {
  readonly useLocking?: boolean;
  readonly name?: string;
}

/** Parts of an existing graph that make up a variable (graph import). */
class ExistingParts {
  constructor(
    readonly graph: Graph,
    readonly def: VariableDef,
    readonly importScope: string | undefined,
  ) {}
}

/**
 * A graph-mode reference variable (TensorFlow 1.x's `tf.Variable`): a `VariableV2` op holding
 * a value that persists across `Session.run` calls, its initializer `<name>/Assign`, and a
 * snapshot `<name>/read`. Wherever a tensor is expected, a variable stands for its snapshot;
 * ops that mutate (assign…) take its reference.
 *
 * `new Variable(10.0, { name: 'v' })` creates ops `v` (VariableV2), `v/initial_value` (Const),
 * `v/Assign` and `v/read`, and adds the variable to GLOBAL_VARIABLES and TRAINABLE_VARIABLES.
 * Creation ignores enclosing control dependencies (TensorFlow's `init_scope`).
 */
export class Variable implements TensorConvertible, RefConvertible {
  readonly #ref: Tensor;
  readonly #snapshot: Tensor;
  readonly #initializer: Operation;
  readonly #initialValue: Tensor | null;
  readonly #trainable: boolean;
  readonly #constraint: ((value: Tensor) => Tensor) | null;
  readonly #cachingDevice: VariableOptions['cachingDevice'];
  #saveSliceInfo: SaveSliceInfo | undefined;

  constructor(initialValue: InitialValue, options: VariableOptions = {}) {
    if (initialValue instanceof ExistingParts) {
      const parts = resolveExisting(initialValue);
      this.#ref = parts.ref;
      this.#snapshot = parts.snapshot;
      this.#initializer = parts.initializer;
      this.#initialValue = parts.initialValue;
      this.#trainable = initialValue.def.trainable;
      this.#constraint = null;
      this.#cachingDevice = undefined;
      this.#saveSliceInfo = initialValue.def.saveSliceInfo;
      return;
    }
    if (initialValue === undefined || initialValue === null) throw new ValueError('initial_value must be specified.');
    const collections = checkCollections(options.collections);
    if (options.constraint !== undefined && options.constraint !== null && typeof options.constraint !== 'function') {
      throw new ValueError('The `constraint` argument must be a callable.');
    }
    const dtype = options.dtype === undefined || options.dtype === null ? undefined : asDType(options.dtype);
    const trainable = options.trainable ?? true;
    if (trainable && !collections.includes(GraphKeys.TRAINABLE_VARIABLES)) collections.push(GraphKeys.TRAINABLE_VARIABLES);
    const validateShape = options.validateShape ?? true;
    const g = getDefaultGraph();

    const built = g.atomically(() => g.initScope(() => g.nameScope(options.name || 'Variable', (scope) => {
      const trueName = scope.slice(0, -1);
      let value: Tensor;
      let ref: Tensor;
      if (typeof initialValue === 'function') {
        // The variable does not exist yet, so colocate its initializer ops with it the way
        // TensorFlow does: an explicit `_class` attr and no device of their own.
        ({ value, ref } = g.attrScope({ _class: [`loc:@${trueName}`] }, () => {
          const v = g.nameScope('Initializer', () => g.device(null, () =>
            convertToTensor((initialValue as () => TensorInput)(), { name: 'initial_value', dtype })));
          return { value: v, ref: variableOp(g, scope, v, validateShape) };
        }));
      } else {
        value = convertToTensor(initialValue, { name: 'initial_value', dtype });
        ref = variableOp(g, scope, value, validateShape);
      }
      if (validateShape && !value.shape.isFullyDefined()) {
        throw new ValueError(`initial_value must have a shape specified: ${value.toString()}`);
      }
      // Initial values that read other variables read their initialized values instead.
      const initializer = assign(ref, guardInitialValue(g, scope, value), { validateShape }).op;
      const cachingDevice = options.cachingDevice;
      const snapshot = cachingDevice !== undefined && cachingDevice !== null
        ? g.device(cachingDevice, () => identity(ref, { name: 'read' }))
        : g.colocateWith(ref.op, () => identity(ref, { name: 'read' }));
      return { value, ref, initializer, snapshot };
    })));

    this.#ref = built.ref;
    this.#snapshot = built.snapshot;
    this.#initializer = built.initializer;
    this.#initialValue = built.value;
    this.#trainable = trainable;
    this.#constraint = options.constraint ?? null;
    this.#cachingDevice = options.cachingDevice;
    // Collections last: everything that can fail has run.
    g.addToCollections(collections, this);
  }

  /**
   * Rebuilds a Variable over ops already in `graph` (graph import), from the names in a
   * `VariableDef`; `importScope` prefixes every name.
   */
  static fromVariableDef(def: VariableDef, options: { graph?: Graph; importScope?: string } = {}): Variable {
    return new Variable(new ExistingParts(options.graph ?? getDefaultGraph(), def, options.importScope) as never);
  }

  /** The variable's tensor name, `v:0`. */
  get name(): string {
    return this.#ref.name;
  }

  /** The `VariableV2` op. */
  get op(): Operation {
    return this.#ref.op;
  }

  get graph(): Graph {
    return this.#ref.graph;
  }

  /** The value dtype (`float32`); TensorFlow prints the reference type, see `dtypeName`. */
  get dtype(): DType {
    return this.#ref.dtype;
  }

  /** The dtype as TensorFlow prints it for a reference variable: `float32_ref`. */
  get dtypeName(): string {
    return `${this.#ref.dtype}_ref`;
  }

  /** The static shape (unknown when created with `validateShape: false`). */
  get shape(): TensorShape {
    return this.#ref.shape;
  }

  getShape(): TensorShape {
    return this.#ref.shape;
  }

  /** The device of the `VariableV2` op. */
  get device(): string {
    return this.#ref.device;
  }

  get trainable(): boolean {
    return this.#trainable;
  }

  get constraint(): ((value: Tensor) => Tensor) | null {
    return this.#constraint;
  }

  /** The caching device given at creation, if any. */
  get cachingDevice(): VariableOptions['cachingDevice'] {
    return this.#cachingDevice;
  }

  /** The initializer op, `<name>/Assign`: running it (re)assigns the initial value. */
  get initializer(): Operation {
    return this.#initializer;
  }

  /** The tensor the initializer assigns. */
  get initialValue(): Tensor {
    if (this.#initialValue === null) {
      throw new ValueError(`Variable ${this.name} was rebuilt from a VariableDef without an initial value.`);
    }
    return this.#initialValue;
  }

  /** The `<name>/read` snapshot: the value as a plain (non-reference) tensor. */
  value(): Tensor {
    return this.#snapshot;
  }

  /** @internal The reference tensor (the `VariableV2` output). */
  ref(): Tensor {
    return this.#ref;
  }

  /**
   * A new read of the variable, an `Identity` named `read` in the current name scope; unlike
   * `value()` it honours the control dependencies in effect where it is called.
   */
  readValue(): Tensor {
    return this.#inGraph(() => identity(this.#ref, { name: 'read' }));
  }

  /**
   * The variable's value once it is initialized: its current value if it already is, else
   * its initial value. Use it to initialize one variable from another safely.
   */
  initializedValue(): Tensor {
    const initial = this.initialValue;
    const g = this.graph;
    return this.#inGraph(() => g.atomically(() => g.initScope(() =>
      cond(isVariableInitialized(this.#ref), () => this.readValue(), () => initial))));
  }

  /** `v = value`. Returns the variable's reference after the assignment, or the op with `readValue: false`. */
  assign(value: TensorInput, options?: AssignMethodOptions & { readValue?: true }): Tensor;
  assign(value: TensorInput, options: AssignMethodOptions & { readValue: false }): Operation;
  assign(value: TensorInput, options: AssignMethodOptions & { readValue?: boolean } = {}): Tensor | Operation {
    const t = this.#inGraph(() => assign(this.#ref, value, mutateOptions(options)));
    return options.readValue === false ? t.op : t;
  }

  /** `v += delta`. */
  assignAdd(delta: TensorInput, options?: AssignMethodOptions & { readValue?: true }): Tensor;
  assignAdd(delta: TensorInput, options: AssignMethodOptions & { readValue: false }): Operation;
  assignAdd(delta: TensorInput, options: AssignMethodOptions & { readValue?: boolean } = {}): Tensor | Operation {
    const t = this.#inGraph(() => assignAdd(this.#ref, delta, mutateOptions(options)));
    return options.readValue === false ? t.op : t;
  }

  /** `v -= delta`. */
  assignSub(delta: TensorInput, options?: AssignMethodOptions & { readValue?: true }): Tensor;
  assignSub(delta: TensorInput, options: AssignMethodOptions & { readValue: false }): Operation;
  assignSub(delta: TensorInput, options: AssignMethodOptions & { readValue?: boolean } = {}): Tensor | Operation {
    const t = this.#inGraph(() => assignSub(this.#ref, delta, mutateOptions(options)));
    return options.readValue === false ? t.op : t;
  }

  /** Increments an integer variable until `limit`, yielding the value before each increment. */
  countUpTo(limit: number): Tensor {
    return this.#inGraph(() => countUpTo(this.#ref, limit));
  }

  /** The current value, computed in `session`. */
  async eval(session: SessionLike): Promise<NDArray> {
    return await session.run(this) as NDArray;
  }

  /** Overwrites the value by running the initializer with `value` fed for the initial value. */
  async load(value: TensorLike, session?: SessionLike): Promise<void> {
    if (session === undefined || session === null) {
      throw new ValueError('Either session argument should be provided or default session should be established');
    }
    await session.run(this.#initializer, { [this.initialValue.name]: value });
  }

  /** @internal Set by the variable store on the parts of a partitioned variable. */
  setSaveSliceInfo(info: SaveSliceInfo): void {
    this.#saveSliceInfo = Object.freeze({ ...info });
  }

  /** Where this variable sits in a partitioned variable, if it is a partition. */
  get saveSliceInfo(): SaveSliceInfo | undefined {
    return this.#saveSliceInfo;
  }

  /** The names that rebuild this variable from a graph (TensorFlow's `to_proto`). */
  toVariableDef(): VariableDef {
    return {
      variableName: this.name,
      initialValueName: this.#initialValue?.name ?? '',
      initializerName: this.#initializer.name,
      snapshotName: this.#snapshot.name,
      trainable: this.#trainable,
      isResource: false,
      ...(this.#saveSliceInfo ? { saveSliceInfo: this.#saveSliceInfo } : {}),
    };
  }

  /**
   * Builds the ops of a method in the variable's graph, whatever the default graph is (as
   * TensorFlow's op wrappers build in the graph of their inputs).
   */
  #inGraph<T>(fn: () => T): T {
    const g = this.#ref.graph;
    return g === getDefaultGraph() ? fn() : g.asDefault(fn);
  }

  [TO_TENSOR](): Tensor {
    return this.#snapshot;
  }

  [AS_REF](): Tensor {
    return this.#ref;
  }

  /** Variables are not iterable, as in TensorFlow (iterate over a tensor's value instead). */
  [Symbol.iterator](): never {
    throw new TypeError("'Variable' object is not iterable.");
  }

  toString(): string {
    return `<tf.Variable '${this.name}' shape=${this.shape.toString()} dtype=${this.dtypeName}>`;
  }
}

function mutateOptions(o: AssignMethodOptions): { useLocking?: boolean; name?: string } {
  return {
    ...(o.useLocking !== undefined ? { useLocking: o.useLocking } : {}),
    ...(o.name !== undefined ? { name: o.name } : {}),
  };
}

function checkCollections(collections: Iterable<string> | undefined | null): string[] {
  if (collections === undefined || collections === null) return [GraphKeys.GLOBAL_VARIABLES];
  if (typeof collections === 'string' || typeof (collections as Partial<Iterable<string>>)[Symbol.iterator] !== 'function') {
    throw new ValueError(
      `collections argument to Variable constructor must be a list, tuple, or set. Got ${String(collections)} of type ${typeof collections}`);
  }
  return [...new Set(collections)];
}

/** The shape attr of a `VariableV2` op: -1 for unknown dims, null for unknown rank. */
function shapeAttr(shape: TensorShape): ShapeAttr {
  return shape.dims === null ? null : shape.dims.map((d) => (d === null ? -1 : d));
}

function variableOp(g: Graph, scope: string, initialValue: Tensor, validateShape: boolean): Tensor {
  const shape = validateShape ? initialValue.shape : TensorShape.unknown();
  return g.createOp({
    type: 'VariableV2',
    name: scope,
    attrs: { shape: shapeAttr(shape), dtype: initialValue.dtype, container: currentContainer(g), shared_name: '' },
  }).output(0);
}

function resolveExisting(parts: ExistingParts): { ref: Tensor; snapshot: Tensor; initializer: Operation; initialValue: Tensor | null } {
  const prefix = (name: string) => (parts.importScope ? `${parts.importScope}/${name}` : name);
  const g = parts.graph;
  const { def } = parts;
  const ref = g.getTensorByName(prefix(def.variableName));
  if (ref.op.type !== 'VariableV2' && ref.op.type !== 'Variable') {
    throw new ValueError(`${ref.name} is the output of a ${ref.op.type} op, not of a variable op`);
  }
  return {
    ref,
    snapshot: g.getTensorByName(prefix(def.snapshotName)),
    initializer: g.getOperationByName(prefix(def.initializerName)),
    initialValue: def.initialValueName ? g.getTensorByName(prefix(def.initialValueName)) : null,
  };
}
