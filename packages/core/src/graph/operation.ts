import type { Attrs, AttrValue, OpDef } from '@varscope/kernel-api';
import { ValueError } from '../errors.js';
import type { Graph } from './graph.js';
import type { Tensor } from './tensor.js';

/** The control inputs of an op that has none (most ops): shared, replaced on the first addition. */
const NO_CONTROL_INPUTS: Operation[] = Object.freeze([]) as unknown as Operation[];

/** A node of the graph: its type, inputs, attrs, device and outputs. */
export class Operation {
  #device: string;
  #controlInputs: Operation[];
  #attrs: Record<string, AttrValue>;
  #outputs: readonly Tensor[] = [];

  /** @internal Ops are made by `Graph.createOp`, which passes `controlInputs` and `attrs` it owns. */
  constructor(
    readonly graph: Graph,
    /** Unique within the graph, e.g. `foo/bar/add_1`. */
    readonly name: string,
    /** The op type as TensorFlow spells it: `Add`, `VariableV2`. */
    readonly type: string,
    /** Data inputs, list args flattened in schema order. */
    readonly inputs: readonly Tensor[],
    controlInputs: readonly Operation[],
    attrs: Attrs,
    device: string,
    /** The schema entry; undefined for an op imported from a graph that varscope cannot run. */
    readonly def: OpDef | undefined,
    /** Creation order within the graph, starting at 1 (TensorFlow's `_id`). */
    readonly id: number,
  ) {
    this.#device = device;
    // The graph hands over fresh objects: no defensive copies on the op-creation path.
    this.#controlInputs = controlInputs.length === 0 ? NO_CONTROL_INPUTS : controlInputs as Operation[];
    this.#attrs = attrs as Record<string, AttrValue>;
  }

  /** @internal Set once by the graph right after construction; takes ownership of `outputs`. */
  setOutputs(outputs: Tensor[]): void {
    this.#outputs = Object.freeze(outputs);
  }

  get outputs(): readonly Tensor[] {
    return this.#outputs;
  }

  /** Output `index`; throws if the op has fewer outputs. */
  output(index = 0): Tensor {
    const t = this.#outputs[index];
    if (t === undefined) {
      throw new ValueError(`Operation '${this.name}' has ${this.#outputs.length} outputs; there is no output ${index}`);
    }
    return t;
  }

  get controlInputs(): readonly Operation[] {
    return this.#controlInputs;
  }

  /** The canonical device string, or `''` when unplaced. */
  get device(): string {
    return this.#device;
  }

  /** All attrs, including internal ones such as `_class`. */
  get attrs(): Readonly<Record<string, AttrValue>> {
    return this.#attrs;
  }

  getAttr(name: string): AttrValue {
    if (!(name in this.#attrs)) {
      throw new ValueError(`Operation '${this.name}' has no attr named '${name}'.`);
    }
    return this.#attrs[name] as AttrValue;
  }

  /** The `loc:@name` groups this op is colocated with (its own by default). */
  get colocationGroups(): string[] {
    const cls = this.#attrs._class;
    if (Array.isArray(cls) && cls.length > 0) return [...(cls as string[])];
    return [`loc:@${this.name}`];
  }

  /** @internal Used by device functions and graph import. */
  setDevice(device: string): void {
    this.#device = device;
  }

  /** @internal */
  setAttr(name: string, value: AttrValue): void {
    this.#attrs[name] = value;
  }

  /** Adds control inputs (deduplicated). */
  addControlInputs(ops: readonly Operation[]): void {
    for (const op of ops) {
      if (op.graph !== this.graph) {
        throw new ValueError(`Control input ${op.name} must be from the same graph as ${this.name}.`);
      }
      if (this.#controlInputs.includes(op)) continue;
      if (this.#controlInputs === NO_CONTROL_INPUTS) this.#controlInputs = [];
      this.#controlInputs.push(op);
    }
  }

  /** Runs this op in `session` (TensorFlow's `op.run(session=…)`); resolves when it has run. */
  async run(session: SessionRunner, feeds?: unknown): Promise<void> {
    await session.run(this as never, feeds as never);
  }

  toString(): string {
    return `<Operation '${this.name}' type=${this.type}>`;
  }
}

/** What `op.run` and `tensor.eval` need of a session (core's `Session` satisfies it). */
export interface SessionRunner {
  run(fetches: never, feeds?: never): Promise<unknown>;
}
