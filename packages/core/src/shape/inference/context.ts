import type { AttrValue, Attrs, DType, HostTensor, OpDef } from '@varscope/kernel-api';
import { ValueError } from '../../errors.js';
import { argLayout } from '../../op-def/arg-layout.js';
import type { ArgSlot } from '../../op-def/arg-layout.js';
import { opLayout } from '../../op-def/op-layout.js';
import { hostTensorToInts, hostTensorToNumbers } from '../constant-value.js';
import { TensorShape } from '../tensor-shape.js';
import type { Dim } from '../tensor-shape.js';
import type { InferInput, InferNode } from './types.js';

/**
 * A failure inside a shape function, worded like TensorFlow's C++ InferenceContext. The
 * registry adds the node context TensorFlow appends ("for 'add' (op: 'Add') with input
 * shapes: …") and rethrows it as a `ValueError`.
 */
export class ShapeFunctionError extends ValueError {
  override readonly name: string = 'ValueError';
}

/** Appends context the way TensorFlow's `errors::AppendToMessage` does. */
export function withContext<T>(fn: () => T, context: string): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof ValueError) throw new ShapeFunctionError(`${error.message}\n\t${context}`);
    throw error;
  }
}

const fail = (message: string): never => {
  throw new ShapeFunctionError(message);
};

/**
 * What a shape function sees: the node's input shapes, dtypes, known input values and
 * attrs, with TensorFlow's InferenceContext helpers (`withRank`, `merge`, `subshape`, dim
 * arithmetic…) and their error wording.
 */
export class InferenceContext {
  #slots: ArgSlot[] | undefined;

  constructor(
    readonly def: OpDef,
    readonly node: InferNode,
    readonly inputs: readonly InferInput[],
    readonly attrs: Attrs,
    readonly numOutputs: number,
  ) {}

  /** The input layout, built on first use: most shape functions never ask. */
  get #inputSlots(): ArgSlot[] {
    return (this.#slots ??= argLayout(this.def.inputs, this.attrs));
  }

  /** How many flat inputs the schema expects under these attrs. */
  get inputSlotsTotal(): number {
    if (!opLayout(this.def).hasListInput) return this.def.inputs.length;
    return this.#inputSlots.reduce((n, s) => n + s.count, 0);
  }

  get numInputs(): number {
    return this.inputs.length;
  }

  input(i: number): TensorShape {
    const input = this.inputs[i];
    if (input === undefined) throw new RangeError(`'${this.node.type}' has no input ${i}`);
    return input.shape;
  }

  inputDType(i: number): DType {
    return (this.inputs[i] as InferInput).dtype;
  }

  inputValue(i: number): HostTensor | undefined {
    return this.inputs[i]?.value;
  }

  /** The schema name of flat input `i` (for messages). */
  inputName(i: number): string {
    const slot = this.#inputSlots.find((s) => i >= s.start && i < s.start + s.count);
    return slot === undefined ? `input ${i}` : slot.isList ? `${slot.arg.name}[${i - slot.start}]` : slot.arg.name;
  }

  /** The flat index range of a named input argument. */
  inputSlot(name: string): ArgSlot {
    const slot = this.#inputSlots.find((s) => s.arg.name === name);
    if (slot === undefined) throw new RangeError(`'${this.node.type}' has no input argument '${name}'`);
    return slot;
  }

  // --- attrs ----------------------------------------------------------------------------

  attr(name: string): AttrValue {
    const v = this.attrs[name];
    if (v === undefined) fail(`NodeDef missing attr '${name}'`);
    return v as AttrValue;
  }

  attrInt(name: string): number {
    return this.attr(name) as number;
  }

  attrBool(name: string): boolean {
    return this.attr(name) as boolean;
  }

  attrString(name: string): string {
    return this.attr(name) as string;
  }

  attrInts(name: string): readonly number[] {
    return this.attr(name) as readonly number[];
  }

  /** A `shape` attr as a TensorShape (null → unknown rank, -1 → unknown dim). */
  attrShape(name: string): TensorShape {
    const v = this.attrs[name];
    if (v === undefined || v === null) return TensorShape.unknown();
    return new TensorShape(v as readonly number[]);
  }

  // --- values of inputs --------------------------------------------------------------------

  /** The integer elements of input `i` if its value is known. */
  inputInts(i: number): number[] | undefined {
    const v = this.inputValue(i);
    return v === undefined ? undefined : hostTensorToInts(v, `Input '${this.inputName(i)}'`);
  }

  /** The single integer of input `i` (a scalar) if its value is known. */
  inputScalarInt(i: number): number | undefined {
    const values = this.inputInts(i);
    if (values === undefined) return undefined;
    if (values.length !== 1) fail(`Input '${this.inputName(i)}' must be a scalar, but has ${values.length} elements`);
    return values[0];
  }

  /** The real-number elements of input `i` if its value is known. */
  inputNumbers(i: number): number[] | undefined {
    const v = this.inputValue(i);
    return v === undefined ? undefined : hostTensorToNumbers(v, `Input '${this.inputName(i)}'`);
  }

  /**
   * TensorFlow's `MakeShapeFromShapeTensor`: input `i` is a 1-D shape tensor. From its value
   * (-1 = unknown dim); without one, a shape of the tensor's length with unknown dims.
   * `allowUnknown: false` is for ops that create tensors, where -1 can never succeed.
   */
  shapeFromShapeTensor(i: number, options: { allowUnknown?: boolean } = {}): TensorShape {
    const shapeOfShape = this.withRank(this.input(i), 1);
    const values = this.inputInts(i);
    if (values === undefined) {
      const n = shapeOfShape.dim(0);
      return n === null ? TensorShape.unknown() : TensorShape.unknownOfRank(n);
    }
    return new TensorShape(values.map((d) => {
      if (d === -1 && options.allowUnknown !== false) return null;
      if (d < 0) fail(options.allowUnknown === false ? `Dimension ${d} must be >= 0` : `Invalid value in tensor used for shape: ${d}`);
      return d;
    }));
  }

  // --- shapes ----------------------------------------------------------------------------

  withRank(s: TensorShape, rank: number): TensorShape {
    if (s.rank === null) return TensorShape.unknownOfRank(rank);
    if (s.rank !== rank) fail(`Shape must be rank ${rank} but is rank ${s.rank}`);
    return s;
  }

  withRankAtLeast(s: TensorShape, rank: number): TensorShape {
    if (s.rank !== null && s.rank < rank) fail(`Shape must be at least rank ${rank} but is rank ${s.rank}`);
    return s;
  }

  withRankAtMost(s: TensorShape, rank: number): TensorShape {
    if (s.rank !== null && s.rank > rank) fail(`Shape must be at most rank ${rank} but is rank ${s.rank}`);
    return s;
  }

  /** C++ `Merge(ShapeHandle)`: the most specific shape compatible with both. */
  merge(a: TensorShape, b: TensorShape): TensorShape {
    if (a.dims === null) return b;
    if (b.dims === null) return a;
    if (a.dims.length !== b.dims.length) fail(`Shapes must be equal rank, but are ${a.dims.length} and ${b.dims.length}`);
    let aIsMerge = true;
    let bIsMerge = true;
    for (let i = 0; i < a.dims.length; i++) {
      const da = a.dims[i] as Dim;
      const db = b.dims[i] as Dim;
      if (da !== null && db !== null && da !== db) {
        fail(`Dimension ${i} in both shapes must be equal, but are ${da} and ${db}. Shapes are ${a.toDebugString()} and ${b.toDebugString()}.`);
      }
      if (da === null && db !== null) aIsMerge = false;
      if (db === null && da !== null) bIsMerge = false;
    }
    // Shapes are immutable: an input that already is the merge is the result.
    if (aIsMerge) return a;
    if (bIsMerge) return b;
    return new TensorShape(a.dims.map((da, i) => da ?? ((b.dims as readonly Dim[])[i] as Dim)));
  }

  /** C++ `Merge(DimensionHandle)`. */
  mergeDim(a: Dim, b: Dim): Dim {
    if (a !== null && b !== null && a !== b) fail(`Dimensions must be equal, but are ${a} and ${b}`);
    return a ?? b;
  }

  /** C++ `WithValue`: the dim, which must be `value` when known. */
  withValue(d: Dim, value: number): Dim {
    if (d !== null && d !== value) fail(`Dimension must be ${value} but is ${d}`);
    return value;
  }

  /** C++ `Subshape(s, start, end)`: negative indices count from the end. */
  subshape(s: TensorShape, start: number, end?: number): TensorShape {
    if (s.dims === null) return TensorShape.unknown();
    const rank = s.dims.length;
    let from = Math.min(start, rank);
    let to = end === undefined ? rank : Math.min(end, rank);
    if (from < 0) {
      from += rank;
      if (from < 0) fail(`Subshape start out of bounds: ${start}, for shape with rank ${rank}`);
    }
    if (to < 0) {
      to += rank;
      if (to < 0) fail(`Subshape end out of bounds: ${end}, for shape with rank ${rank}`);
    }
    if (from > to) {
      fail(`Subshape must have computed start <= end, but is ${from} and ${to} (computed from start ${start} and end ${end ?? rank} over shape with rank ${rank})`);
    }
    return new TensorShape(s.dims.slice(from, to));
  }

  concatenate(a: TensorShape, b: TensorShape): TensorShape {
    return a.concatenate(b);
  }

  /** `s` with dimension `i` replaced (unknown rank stays unknown). */
  replaceDim(s: TensorShape, i: number, d: Dim): TensorShape {
    if (s.dims === null) return s;
    const dims = [...s.dims];
    dims[i < 0 ? dims.length + i : i] = d;
    return new TensorShape(dims);
  }

  // --- dimension arithmetic (unknown propagates) ----------------------------------------------

  addDim(a: Dim, b: Dim): Dim {
    if (b === 0) return a;
    if (a === 0) return b;
    return a === null || b === null ? null : a + b;
  }

  subtractDim(a: Dim, b: Dim): Dim {
    if (b === 0) return a;
    if (a === null || b === null) return null;
    if (a < b) fail(`Negative dimension size caused by subtracting ${b} from ${a}`);
    return a - b;
  }

  multiplyDim(a: Dim, b: Dim): Dim {
    if (a === 1) return b;
    if (b === 1) return a;
    if (a === 0 || b === 0) return 0;
    return a === null || b === null ? null : a * b;
  }

  divideDim(a: Dim, divisor: number, evenlyDivisible: boolean): Dim {
    if (divisor === 1) return a;
    if (divisor <= 0) fail(`Divisor must be positive but is ${divisor}`);
    if (a === null) return null;
    if (evenlyDivisible && a % divisor !== 0) fail(`Dimension size must be evenly divisible by ${divisor} but is ${a}`);
    return Math.floor(a / divisor);
  }

  /** Fails with `message` (TensorFlow's wording), to be given the node context by the registry. */
  fail(message: string): never {
    return fail(message);
  }
}
