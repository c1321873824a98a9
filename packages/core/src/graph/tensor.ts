import type { DType } from '@varscope/kernel-api';
import type { NDArray } from '../dtypes/index.js';
import { TensorShape } from '../shape/index.js';
import type { Graph } from './graph.js';
import type { Operation, SessionRunner } from './operation.js';

/**
 * A symbolic tensor: output `valueIndex` of `op`. It holds no data; a `Session` computes it.
 * Its name is `<op name>:<output index>`.
 */
export class Tensor {
  #shape: TensorShape;
  /** Ops reading this tensor, in creation order (kept here rather than in a graph-wide map). */
  #consumers: Operation[] | undefined;

  constructor(
    readonly op: Operation,
    readonly valueIndex: number,
    readonly dtype: DType,
    shape: TensorShape,
    /** A reference to a variable's buffer (TensorFlow's `float32_ref`): the output of `VariableV2`, `Assign`… */
    readonly isRef = false,
  ) {
    this.#shape = shape;
  }

  get name(): string {
    return `${this.op.name}:${this.valueIndex}`;
  }

  get graph(): Graph {
    return this.op.graph;
  }

  get device(): string {
    return this.op.device;
  }

  /** The static shape, possibly partial. */
  get shape(): TensorShape {
    return this.#shape;
  }

  /** Refines the static shape; throws `ValueError` if `shape` is incompatible with what is known. */
  setShape(shape: TensorShape | readonly (number | null)[]): void {
    const other = shape instanceof TensorShape ? shape : new TensorShape(shape);
    this.#shape = this.#shape.mergeWith(other);
  }

  /** Ops that take this tensor as an input. */
  consumers(): Operation[] {
    return this.consumerList();
  }

  /** @internal A copy of the consumer list (`Graph.consumersOf`). */
  consumerList(): Operation[] {
    return this.#consumers === undefined ? [] : [...this.#consumers];
  }

  /** @internal Called by the graph when it inserts an op reading this tensor. */
  addConsumer(op: Operation): void {
    if (this.#consumers === undefined) this.#consumers = [op];
    else this.#consumers.push(op);
  }

  /** @internal Called by the graph when it rolls back the insertion of `op`. */
  removeConsumer(op: Operation): void {
    const list = this.#consumers;
    if (list === undefined) return;
    const i = list.lastIndexOf(op);
    if (i >= 0) list.splice(i, 1);
  }

  /** The dtype as TensorFlow prints it (`float32_ref` for references). */
  get dtypeName(): string {
    return this.isRef ? `${this.dtype}_ref` : this.dtype;
  }

  /** Computes this tensor in `session` (TensorFlow's `tensor.eval(session=…)`). */
  async eval(session: SessionRunner, feeds?: unknown): Promise<NDArray> {
    return (await session.run(this as never, feeds as never)) as NDArray;
  }

  toString(): string {
    return `Tensor("${this.name}", shape=${this.#shape.toString()}, dtype=${this.dtypeName})`;
  }
}
