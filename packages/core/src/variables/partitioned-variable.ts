import type { DType } from '@varscope/kernel-api';
import { ValueError } from '../errors.js';
import { AS_REF, TO_TENSOR, isTensorConvertible } from '../graph/conversion.js';
import type { RefConvertible, TensorConvertible } from '../graph/conversion.js';
import type { Operation } from '../graph/operation.js';
import { Tensor } from '../graph/tensor.js';
import { identity } from '../ops/control.js';
import { buildOp, buildOp1 } from '../ops/op-builder.js';
import { constant, convertToTensor } from '../ops/convert.js';
import type { TensorInput } from '../ops/convert.js';
import type { TensorShape } from '../shape/index.js';
import type { Variable } from './variable.js';

/**
 * A variable stored as several variables, its partitions along one axis (TensorFlow's
 * `PartitionedVariable`), made by `getVariable` under a partitioner. Its `name` has no `:0`
 * (`scope0/name0`); the parts are `scope0/name0/part_0`, `…/part_1`… Used as a tensor, it is
 * the concatenation of its parts.
 */
export class PartitionedVariable implements TensorConvertible, RefConvertible, Iterable<Variable> {
  readonly #name: string;
  readonly #shape: TensorShape;
  readonly #dtype: DType;
  readonly #variables: readonly Variable[];
  readonly #partitions: readonly number[];

  /** @internal Made by the variable store. */
  constructor(name: string, shape: TensorShape, dtype: DType, variables: readonly Variable[], partitions: readonly number[]) {
    if (variables.length === 0) throw new ValueError('A PartitionedVariable needs at least one variable');
    if (partitions.length !== shape.rank) {
      throw new ValueError(`Partitions ${formatList(partitions)} do not match the rank of shape ${shape.toString()}`);
    }
    this.#name = name;
    this.#shape = shape;
    this.#dtype = dtype;
    this.#partitions = Object.freeze([...partitions]);
    // Parts in the order of their offset along the partition axis.
    this.#variables = Object.freeze([...variables].sort((a, b) => compareOffsets(a, b)));
  }

  get name(): string { return this.#name; }
  get shape(): TensorShape { return this.#shape; }
  get dtype(): DType { return this.#dtype; }
  getShape(): TensorShape { return this.#shape; }
  /** The number of parts along each axis. */
  get partitions(): readonly number[] { return this.#partitions; }
  /** The parts, ordered by offset. */
  get variables(): readonly Variable[] { return this.#variables; }
  get length(): number { return this.#variables.length; }

  [Symbol.iterator](): Iterator<Variable> {
    return this.#variables[Symbol.iterator]();
  }

  /** The axes along which the variable is split (`[0]` when it is not split at all). */
  partitionAxes(): number[] {
    if (this.#partitions.every((p) => p === 1)) return [0];
    return this.#partitions.flatMap((p, i) => (p > 1 ? [i] : []));
  }

  /**
   * The full value: the parts concatenated (ops under `<name>/ConcatPartitions/`), as an
   * `Identity` named after the variable (`scope0/name0:0`). Each call builds new ops.
   */
  asTensor(): Tensor {
    const first = this.#variables[0] as Variable;
    const g = first.graph;
    return g.asDefault(() => g.atomically(() => {
      if (this.#variables.length === 1) return g.nameScope(null, () => identity(first, { name: this.#name }));
      const axes = this.partitionAxes();
      if (axes.length > 1) {
        throw new ValueError(`Cannot concatenate along more than one dimension: ${formatList(axes)}. Multi-axis partition concat is not supported`);
      }
      const axis = axes[0] as number;
      const concatenated = g.nameScope(`${this.#name}/ConcatPartitions/`, () => buildOp1({
        type: 'ConcatV2', name: 'concat',
        inputs: () => [this.#variables.map((v) => v.value()), constant(axis, { dtype: 'int32', name: 'axis' })],
      }));
      return g.nameScope(null, () => identity(concatenated, { name: this.#name }));
    }));
  }

  /**
   * Assigns each part its slice of `value` along the partition axis (or the matching element of
   * a list of values, or of another partitioned variable's parts); one result per part.
   */
  assign(value: PartitionValue, options?: PartitionAssignOptions & { readValue?: true }): Tensor[];
  assign(value: PartitionValue, options: PartitionAssignOptions & { readValue: false }): Operation[];
  assign(value: PartitionValue, options: PartitionAssignOptions = {}): (Tensor | Operation)[] {
    return this.#applyAssign(value, (v, x) => (options.readValue === false
      ? v.assign(x, { ...assignOptions(options), readValue: false })
      : v.assign(x, assignOptions(options))));
  }

  assignAdd(value: PartitionValue, options?: PartitionAssignOptions & { readValue?: true }): Tensor[];
  assignAdd(value: PartitionValue, options: PartitionAssignOptions & { readValue: false }): Operation[];
  assignAdd(value: PartitionValue, options: PartitionAssignOptions = {}): (Tensor | Operation)[] {
    return this.#applyAssign(value, (v, x) => (options.readValue === false
      ? v.assignAdd(x, { ...assignOptions(options), readValue: false })
      : v.assignAdd(x, assignOptions(options))));
  }

  assignSub(value: PartitionValue, options?: PartitionAssignOptions & { readValue?: true }): Tensor[];
  assignSub(value: PartitionValue, options: PartitionAssignOptions & { readValue: false }): Operation[];
  assignSub(value: PartitionValue, options: PartitionAssignOptions = {}): (Tensor | Operation)[] {
    return this.#applyAssign(value, (v, x) => (options.readValue === false
      ? v.assignSub(x, { ...assignOptions(options), readValue: false })
      : v.assignSub(x, assignOptions(options))));
  }

  #applyAssign(value: PartitionValue, fn: (v: Variable, x: TensorInput) => Tensor | Operation): (Tensor | Operation)[] {
    const axes = this.partitionAxes();
    if (axes.length > 1) {
      throw new ValueError(`Cannot do assign action along more than one dimension: ${formatList(axes)}.  Multi-axis partition assign action is not supported `);
    }
    const g = (this.#variables[0] as Variable).graph;
    return g.asDefault(() => g.atomically(() => {
      let values: readonly TensorInput[];
      if (value instanceof PartitionedVariable) {
        values = value.variables;
      } else if (Array.isArray(value) && value.length === this.#variables.length && value.every(isSymbolic)) {
        values = value as readonly TensorInput[];
      } else {
        const axis = axes[0] as number;
        const sizes = this.#variables.map((v) => v.shape.dim(axis) as number);
        values = buildOp({
          type: 'SplitV', name: 'split',
          inputs: () => [
            convertToTensor(value as TensorInput, { dtype: this.#dtype, name: 'value' }),
            constant(sizes, { dtype: 'int32', name: 'size_splits' }),
            constant(axis, { dtype: 'int32', name: 'split_dim' }),
          ],
          attrs: { num_split: sizes.length },
        }).outputs;
      }
      if (values.length !== this.#variables.length) {
        throw new ValueError(`Expected ${this.#variables.length} values for the parts of ${this.#name}, got ${values.length}`);
      }
      return this.#variables.map((v, i) => fn(v, values[i] as TensorInput));
    }));
  }

  [TO_TENSOR](): Tensor {
    return this.asTensor();
  }

  [AS_REF](): Tensor {
    throw new TypeError("PartitionedVariable doesn't support being used as a reference.");
  }

  toString(): string {
    return `<PartitionedVariable '${this.#name}' shape=${this.#shape.toString()} dtype=${this.#dtype} partitions=${formatList(this.#partitions)}>`;
  }
}

/** A value for all parts: one tensor-like (split along the partition axis), one per part, or another partitioned variable. */
export type PartitionValue = TensorInput | readonly TensorInput[] | PartitionedVariable;

export interface PartitionAssignOptions {
  readonly useLocking?: boolean;
  readonly name?: string;
  /** Return the assign ops instead of the updated references. */
  readonly readValue?: boolean;
}

function assignOptions(o: PartitionAssignOptions): { useLocking?: boolean; name?: string } {
  return { useLocking: o.useLocking ?? false, ...(o.name !== undefined ? { name: o.name } : {}) };
}

function isSymbolic(x: unknown): boolean {
  return x instanceof Tensor || isTensorConvertible(x);
}

function compareOffsets(a: Variable, b: Variable): number {
  const oa = a.saveSliceInfo?.varOffset ?? [];
  const ob = b.saveSliceInfo?.varOffset ?? [];
  for (let i = 0; i < Math.max(oa.length, ob.length); i++) {
    const d = (oa[i] ?? 0) - (ob[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** A list as Python prints it: `[2, 1, 1]`. */
export function formatList(values: readonly unknown[]): string {
  return `[${values.map(String).join(', ')}]`;
}
