import type { DType } from '@varscope/kernel-api';
import { isBigIntDType } from '@varscope/kernel-api';
import { asDType, inferDType } from '../dtypes/index.js';
import { ValueError } from '../errors.js';
import { getDefaultGraph } from '../graph/graph.js';
import { Tensor } from '../graph/tensor.js';
import { TensorShape } from '../shape/index.js';
import { identity } from './control.js';
import { constant, convertToTensor } from './convert.js';
import type { TensorInput } from './convert.js';
import { add, cast, sub } from './math.js';
import type { NameOptions } from './math.js';
import { convertArg, genOp, genOp1, isSymbolic } from './op-inputs.js';
import type { OpArgInput } from './op-inputs.js';

/** A shape argument: dims (`-1`/null unknown where allowed), a `TensorShape`, or a 1-D integer tensor. */
export type ShapeArg = readonly (number | null)[] | TensorShape | OpArgInput;

function shapeValue(shape: ShapeArg): OpArgInput {
  if (shape instanceof TensorShape) return (shape.dims ?? []).map((d) => d ?? -1);
  if (Array.isArray(shape) && !shape.some(isSymbolic)) return (shape as readonly (number | null)[]).map((d) => d ?? -1);
  return shape as OpArgInput;
}

/** The static dims of a shape argument when they are all known plain numbers. */
function staticDims(shape: ShapeArg): number[] | undefined {
  if (shape instanceof TensorShape) return shape.isFullyDefined() ? shape.toArray() : undefined;
  if (Array.isArray(shape) && shape.every((d) => typeof d === 'number' && Number.isInteger(d) && d >= 0)) return [...shape] as number[];
  return undefined;
}

// ---------------------------------------------------------------- creation

/** Options of `zeros` / `ones`. */
export interface FilledOptions extends NameOptions {
  readonly dtype?: DType | string;
}

/** Above this many elements `zeros`/`ones` build a `Fill` op rather than a constant (TensorFlow's `_constant_if_small`). */
const SMALL_CONSTANT_LIMIT = 1000;

function filled(kind: 'zeros' | 'ones', shape: ShapeArg, dtypeOrOptions: DType | string | FilledOptions | undefined, more: NameOptions): Tensor {
  const options: FilledOptions = typeof dtypeOrOptions === 'string' ? { ...more, dtype: dtypeOrOptions } : { ...more, ...(dtypeOrOptions ?? {}) };
  const dtype = asDType(options.dtype ?? 'float32');
  const value = kind === 'zeros'
    ? (dtype === 'bool' ? false : dtype === 'string' ? '' : isBigIntDType(dtype) ? 0n : 0)
    : (dtype === 'bool' ? true : dtype === 'string' ? '' : isBigIntDType(dtype) ? 1n : 1);
  if (kind === 'ones' && dtype === 'string') throw new TypeError('ones: a string tensor has no "one"');
  const g = getDefaultGraph();
  return g.atomically(() => g.nameScope(options.name || kind, (scope) => {
    let shapeT: Tensor;
    if (!isSymbolic(shape)) {
      const dims = staticDims(shape);
      const plainDims = shape instanceof TensorShape ? shape.dims : Array.isArray(shape) && !shape.some(isSymbolic) ? shape : undefined;
      if (dims === undefined && plainDims !== undefined) {
        throw new ValueError(`Cannot convert a partially known TensorShape ${new TensorShape(plainDims as (number | null)[] | null).toString()} to a Tensor.`);
      }
      if (dims !== undefined && dims.reduce((a, b) => a * b, 1) < SMALL_CONSTANT_LIMIT) {
        return constant(value as never, { dtype, shape: dims, name: scope });
      }
      shapeT = dims !== undefined
        ? constant(dims, { dtype: dims.some((d) => d > 2 ** 31 - 1) ? 'int64' : 'int32', name: 'shape_as_tensor' })
        : convertArg(shapeValue(shape), 'packed', 'int32', undefined, 'Fill', 'dims');
    } else {
      shapeT = convertToTensor(shape as TensorInput);
    }
    if (!shapeT.shape.rank) shapeT = reshape(shapeT, [-1]);
    return fill(shapeT, constant(value as never, { dtype }), { name: scope });
  }));
}

/** A tensor of zeros (TensorFlow's `tf.zeros`): a constant named `zeros`, or a `Fill` when large or of dynamic shape. */
export function zeros(shape: ShapeArg, dtype?: DType | string | FilledOptions, options: NameOptions = {}): Tensor {
  return filled('zeros', shape, dtype, options);
}

/** A tensor of ones (TensorFlow's `tf.ones`). */
export function ones(shape: ShapeArg, dtype?: DType | string | FilledOptions, options: NameOptions = {}): Tensor {
  return filled('ones', shape, dtype, options);
}

/** A tensor of shape `dims` filled with the scalar `value` (op `Fill`). */
export function fill(dims: ShapeArg, value: TensorInput, options: NameOptions = {}): Tensor {
  return genOp1({ type: 'Fill', name: options.name, inputs: [shapeValue(dims), value] });
}

export interface LikeOptions extends NameOptions {
  readonly dtype?: DType | string;
  /** Use the static shape when it is fully known (default true), as TensorFlow does. */
  readonly optimize?: boolean;
}

/** Zeros with the shape (and by default the dtype) of `tensor` (TensorFlow's `tf.zeros_like`). */
export function zerosLike(tensor: TensorInput, options: LikeOptions = {}): Tensor {
  const g = getDefaultGraph();
  const dtype = options.dtype === undefined ? undefined : asDType(options.dtype);
  return g.atomically(() => g.nameScope(options.name || 'zeros_like', (scope) => {
    const t = convertToTensor(tensor, { name: 'tensor' });
    if ((options.optimize ?? true) && t.shape.isFullyDefined()) {
      return zeros(t.shape, { dtype: dtype ?? t.dtype, name: scope });
    }
    if (dtype !== undefined && dtype !== t.dtype) {
      return zeros(shape(t, { optimize: options.optimize ?? true }), { dtype, name: scope });
    }
    return g.createOp({ type: 'ZerosLike', inputs: [t], name: scope }).output(0);
  }));
}

/** Ones with the shape (and by default the dtype) of `tensor` (TensorFlow's `tf.ones_like`). */
export function onesLike(tensor: TensorInput, options: LikeOptions = {}): Tensor {
  const g = getDefaultGraph();
  return g.atomically(() => g.nameScope(options.name || 'ones_like', (scope) => {
    const t = convertToTensor(tensor, { name: 'tensor' });
    const s = shape(t, { optimize: options.optimize ?? true });
    const ret = ones(s, { dtype: options.dtype ?? t.dtype, name: scope });
    ret.setShape(t.shape);
    return ret;
  }));
}

// ---------------------------------------------------------------- shape queries

export interface ShapeQueryOptions extends NameOptions {
  /** `int32` (default) or `int64`. */
  readonly outType?: 'int32' | 'int64';
  /** Answer with a constant when the static shape already tells (default true), as TensorFlow does. */
  readonly optimize?: boolean;
}

/** The shape of `input` as a 1-D tensor (TensorFlow's `tf.shape`): a constant named `Shape` when statically known. */
export function shape(input: TensorInput, options: ShapeQueryOptions = {}): Tensor {
  const outType = options.outType ?? 'int32';
  const g = getDefaultGraph();
  return g.atomically(() => g.nameScope(options.name || 'Shape', (scope) => {
    const t = convertToTensor(input);
    if ((options.optimize ?? true) && t.shape.isFullyDefined()) return constant(t.shape.toArray(), { dtype: outType, name: scope });
    return g.createOp({ type: 'Shape', inputs: [t], attrs: { out_type: outType }, name: scope }).output(0);
  }));
}

/** The number of elements of `input` as a scalar (TensorFlow's `tf.size`). */
export function size(input: TensorInput, options: ShapeQueryOptions = {}): Tensor {
  const outType = options.outType ?? 'int32';
  const g = getDefaultGraph();
  return g.atomically(() => g.nameScope(options.name || 'Size', (scope) => {
    const t = convertToTensor(input);
    if (options.optimize ?? true) {
      const n = t.shape.numElements();
      if (n !== null) return constant(n, { dtype: outType, name: scope });
      if (t.shape.dims?.some((d) => d === 0)) return constant(0, { dtype: outType, name: scope });
    }
    return g.createOp({ type: 'Size', inputs: [t], attrs: { out_type: outType }, name: scope }).output(0);
  }));
}

/** The rank of `input` as an int32 scalar (TensorFlow's `tf.rank`). */
export function rank(input: TensorInput, options: Omit<ShapeQueryOptions, 'outType'> = {}): Tensor {
  const g = getDefaultGraph();
  return g.atomically(() => g.nameScope(options.name || 'Rank', (scope) => {
    const t = convertToTensor(input);
    const r = t.shape.rank;
    if ((options.optimize ?? true) && r !== null) return constant(r, { dtype: 'int32', name: scope });
    return g.createOp({ type: 'Rank', inputs: [t], name: scope }).output(0);
  }));
}

// ---------------------------------------------------------------- reshaping

/** The same elements in a new shape; one dimension may be -1 (op `Reshape`). */
export function reshape(tensor: TensorInput, newShape: ShapeArg, options: NameOptions = {}): Tensor {
  return genOp1({ type: 'Reshape', name: options.name, inputs: [tensor, shapeValue(newShape)] });
}

export interface SqueezeOptions extends NameOptions {
  /** The size-1 dimensions to remove (default: all). */
  readonly axis?: number | readonly number[];
}

/** Removes size-1 dimensions (op `Squeeze`). */
export function squeeze(input: TensorInput, options: SqueezeOptions = {}): Tensor {
  const axis = options.axis === undefined ? [] : typeof options.axis === 'number' ? [options.axis] : [...options.axis];
  return genOp1({ type: 'Squeeze', name: options.name, inputs: [input], attrs: { squeeze_dims: axis } });
}

/** Inserts a dimension of size 1 at `axis` (op `ExpandDims`). */
export function expandDims(input: TensorInput, axis: TensorInput, options: NameOptions = {}): Tensor {
  return genOp1({ type: 'ExpandDims', name: options.name, inputs: [input, axis] });
}

export interface TransposeOptions extends NameOptions {
  /** Output dimension i is input dimension `perm[i]`; default: the dimensions reversed. */
  readonly perm?: OpArgInput;
}

/**
 * Permutes dimensions (TensorFlow's `tf.transpose`, op `Transpose` named `transpose`). Without
 * `perm` the dimensions are reversed: a constant `transpose/perm` when the rank is known (and
 * non-zero), else `(Rank - 1) - Range(0, Rank)` built in the graph, as TensorFlow does.
 */
export function transpose(a: TensorInput, options: TransposeOptions = {}): Tensor {
  const g = getDefaultGraph();
  return g.atomically(() => g.nameScope(options.name || 'transpose', (scope) => {
    const t = convertToTensor(a, { name: 'a' });
    let perm = options.perm;
    if (perm === undefined) {
      const r = t.shape.rank;
      if (!r) {
        const rk = rank(t);
        perm = sub(sub(rk, 1), genOp1({ type: 'Range', inputs: [0, rk, 1] }));
      } else {
        perm = Array.from({ length: r }, (_v, i) => r - 1 - i);
      }
    }
    return genOp1({ type: 'Transpose', name: scope, inputs: [t, perm] });
  }));
}

/** Repeats `input` `multiples[i]` times along dimension i (op `Tile`). */
export function tile(input: TensorInput, multiples: OpArgInput, options: NameOptions = {}): Tensor {
  return genOp1({ type: 'Tile', name: options.name, inputs: [input, multiples] });
}

export interface PadOptions extends NameOptions {
  /** Only `CONSTANT` (TensorFlow's `REFLECT`/`SYMMETRIC` need `MirrorPad`, not in varscope's schema). */
  readonly mode?: string;
  readonly constantValues?: TensorInput;
}

/** Pads with `constantValues` (default 0); `paddings` is `[rank, 2]` of (before, after) (ops `Pad` / `PadV2`). */
export function pad(tensor: TensorInput, paddings: OpArgInput, options: PadOptions = {}): Tensor {
  const mode = (options.mode ?? 'CONSTANT').toUpperCase();
  if (mode === 'REFLECT' || mode === 'SYMMETRIC') {
    throw new ValueError(`Padding mode ${mode} needs the MirrorPad op, which varscope does not implement`);
  }
  if (mode !== 'CONSTANT') throw new ValueError(`Unknown padding mode: ${options.mode}`);
  const cv = options.constantValues;
  if (cv === undefined || (!isSymbolic(cv) && cv === 0)) {
    return genOp1({ type: 'Pad', name: options.name, inputs: [tensor, paddings] });
  }
  return genOp1({ type: 'PadV2', name: options.name, inputs: [tensor, paddings, cv] });
}

// ---------------------------------------------------------------- joining and splitting

/**
 * Joins tensors along `axis` (op `ConcatV2`, named `concat`). One tensor is passed through an
 * `Identity` named `concat`, as TensorFlow does.
 */
export function concat(values: OpArgInput | readonly OpArgInput[], axis: TensorInput, options: NameOptions = {}): Tensor {
  const list = (Array.isArray(values) ? values : [values]) as readonly TensorInput[];
  const name = options.name || 'concat';
  if (list.length === 1) {
    const g = getDefaultGraph();
    return g.atomically(() => g.nameScope(name, (scope) => {
      const ax = convertToTensor(axis, { name: 'concat_dim', dtype: 'int32' });
      if (!ax.shape.isCompatibleWith([])) throw new ValueError(`Shapes ${ax.shape.toString()} and () are incompatible`);
      return identity(list[0] as TensorInput, { name: scope });
    }));
  }
  return genOp1({ type: 'ConcatV2', name, inputs: [list, axis], attrs: { N: list.length } });
}

export interface SplitOptions extends NameOptions {
  readonly axis?: TensorInput;
  /** The number of outputs when `sizes` is a tensor whose length is not statically known. */
  readonly num?: number;
}

/**
 * Splits `value` along `axis` (TensorFlow's `tf.split`): into `numOrSizeSplits` equal parts (op
 * `Split`), or into parts of the given sizes (op `SplitV`, one size may be -1).
 */
export function split(value: TensorInput, numOrSizeSplits: number | TensorInput, options: SplitOptions = {}): Tensor[] {
  const axis = options.axis ?? 0;
  const name = options.name || 'split';
  if (typeof numOrSizeSplits === 'number') {
    if (!Number.isInteger(numOrSizeSplits) || numOrSizeSplits < 1) {
      throw new ValueError(`num_or_size_splits must be a positive integer or a list of sizes, got ${numOrSizeSplits}`);
    }
    return [...genOp({ type: 'Split', name, inputs: [axis, value], attrs: { num_split: numOrSizeSplits } }).outputs];
  }
  const g = getDefaultGraph();
  return g.atomically(() => {
    // TensorFlow converts the sizes before opening the op's scope (a `Const` at the current scope).
    const sizes = convertToTensor(numOrSizeSplits);
    if (sizes.shape.rank === 0) {
      throw new ValueError(`Rank-0 tensors are not supported as the num_or_size_splits argument to split. Argument provided: ${sizes.toString()}`);
    }
    let num = options.num;
    if (num === undefined) {
      const n = sizes.shape.rank === 1 ? sizes.shape.dim(0) : null;
      if (n === null) throw new ValueError(`Cannot infer num from shape ${sizes.shape.toString()}`);
      num = n;
    }
    return [...genOp({ type: 'SplitV', name, inputs: [value, sizes, axis], attrs: { num_split: num } }).outputs];
  });
}

export interface StackOptions extends NameOptions {
  readonly axis?: number;
}

/**
 * Stacks tensors of one shape along a new dimension (TensorFlow's `tf.stack`, op `Pack` named
 * `stack`). Along axis 0 a list of plain values is a single constant, as in TensorFlow.
 */
export function stack(values: readonly TensorInput[], options: StackOptions = {}): Tensor {
  const axis = options.axis ?? 0;
  const name = options.name || 'stack';
  if (!Array.isArray(values) || values.length === 0) throw new ValueError('stack: values must be a non-empty list of tensors');
  const g = getDefaultGraph();
  if (axis === 0) {
    return g.atomically(() => convertArg(values as TensorInput, name, undefined, undefined, 'Pack', 'values'));
  }
  return g.atomically(() => g.nameScope(name, (scope) => {
    const first = values.find(isSymbolic);
    const r = first !== undefined ? convertToTensor(first).shape.rank : null;
    if (r !== null) {
      const expanded = r + 1;
      if (axis < -expanded || axis >= expanded) throw new ValueError(`axis = ${axis} not in [${-expanded}, ${expanded})`);
    }
    return genOp1({ type: 'Pack', name: scope, inputs: [values], attrs: { N: values.length, axis } });
  }));
}

export interface UnstackOptions extends NameOptions {
  readonly axis?: number;
  /** The number of outputs when the dimension is not statically known. */
  readonly num?: number;
}

/** Splits `value` into tensors along `axis`, dropping it (TensorFlow's `tf.unstack`, op `Unpack`). */
export function unstack(value: TensorInput, options: UnstackOptions = {}): Tensor[] {
  const axis = options.axis ?? 0;
  const g = getDefaultGraph();
  return g.atomically(() => {
    const t = convertToTensor(value);
    let num = options.num;
    if (num === undefined) {
      const r = t.shape.rank;
      if (r !== null) {
        if (axis < -r || axis >= r) throw new ValueError(`axis = ${axis} not in [${-r}, ${r})`);
        num = t.shape.dim(axis) ?? undefined;
      }
      if (num === undefined) throw new ValueError(`Cannot infer num from shape ${t.shape.toString()}`);
    }
    return [...genOp({ type: 'Unpack', name: options.name || 'unstack', inputs: [t], attrs: { num, axis } }).outputs];
  });
}

// ---------------------------------------------------------------- slicing and gathering

/** The block of `input` starting at `begin` of extent `size` (-1: to the end) (op `Slice`). */
export function slice(input: TensorInput, begin: OpArgInput, size: OpArgInput, options: NameOptions = {}): Tensor {
  return genOp1({ type: 'Slice', name: options.name, inputs: [input, begin, size] });
}

export interface StridedSliceOptions extends NameOptions {
  readonly beginMask?: number;
  readonly endMask?: number;
  readonly ellipsisMask?: number;
  readonly newAxisMask?: number;
  readonly shrinkAxisMask?: number;
}

/**
 * Python-style slicing with begin/end/strides and the five masks (op `StridedSlice`). Without
 * `strides` every stride is 1 (`onesLike(begin)`, as TensorFlow builds it).
 */
export function stridedSlice(input: TensorInput, begin: TensorInput, end: TensorInput, strides?: TensorInput,
  options: StridedSliceOptions = {}): Tensor {
  const g = getDefaultGraph();
  return g.atomically(() => {
    const s = strides ?? onesLike(begin);
    return genOp1({
      type: 'StridedSlice', name: options.name, inputs: [input, begin, end, s],
      attrs: {
        begin_mask: options.beginMask ?? 0, end_mask: options.endMask ?? 0, ellipsis_mask: options.ellipsisMask ?? 0,
        new_axis_mask: options.newAxisMask ?? 0, shrink_axis_mask: options.shrinkAxisMask ?? 0,
      },
    });
  });
}

/** A Python slice `start:stop:step`; an absent field is open. */
export interface SliceSpec {
  readonly start?: number | Tensor | null;
  readonly stop?: number | Tensor | null;
  readonly step?: number | Tensor | null;
}

/**
 * One entry of an index expression for {@link index}: an integer (removes the dimension), a
 * slice (`{start, stop, step}` or a string `'1:3'`, `':'`, `'::-1'`), `'...'` (ellipsis) or
 * `null` (a new axis of size 1, Python's `tf.newaxis`).
 */
export type IndexEntry = number | Tensor | SliceSpec | string | null;

/** Parses one entry of a Python index written as a string: `'...'`, `'3'`, `'1:3'`, `':'`, `'::-1'`. */
function parseIndexString(s: string): number | SliceSpec | '...' {
  const text = s.trim();
  if (text === '...') return '...';
  const invalid = () => new TypeError(`Only integers, slices (\`:\`), ellipsis (\`...\`), newaxis (null) and scalar int32/int64 tensors are valid indices, got '${s}'`);
  const num = (p: string | undefined): number | null => {
    if (p === undefined || p.trim() === '') return null;
    if (!/^\s*-?\d+\s*$/.test(p)) throw invalid();
    return Number(p);
  };
  const parts = text.split(':');
  if (parts.length === 1) {
    const single = num(text);
    if (single === null) throw invalid();
    return single;
  }
  if (parts.length > 3) throw invalid();
  return { start: num(parts[0]), stop: num(parts[1]), step: num(parts[2]) };
}

/**
 * Indexes like Python's `tensor[...]` (TensorFlow's `_slice_helper`): builds one `StridedSlice`
 * named `strided_slice` whose begin/end/strides are stacked inside that scope.
 * `index(x, [0, ':', '...', null, '1::2'])` is `x[0, :, ..., tf.newaxis, 1::2]`.
 */
export function index(tensor: TensorInput, spec: readonly IndexEntry[], options: NameOptions = {}): Tensor {
  const begin: (number | Tensor)[] = [];
  const end: (number | Tensor)[] = [];
  const strides: (number | Tensor)[] = [];
  let beginMask = 0, endMask = 0, ellipsisMask = 0, newAxisMask = 0, shrinkAxisMask = 0;
  const g = getDefaultGraph();
  return g.atomically(() => {
    spec.forEach((raw, i) => {
      const bit = 1 << i;
      const entry: IndexEntry | '...' = typeof raw === 'string' ? parseIndexString(raw) : raw;
      if (entry === '...') {
        begin.push(0); end.push(0); strides.push(1);
        ellipsisMask |= bit;
      } else if (entry === null) {
        begin.push(0); end.push(0); strides.push(1);
        newAxisMask |= bit;
      } else if (typeof entry === 'number' || entry instanceof Tensor) {
        checkIndex(entry);
        begin.push(entry);
        end.push(typeof entry === 'number' ? entry + 1 : addOne(entry));
        strides.push(1);
        shrinkAxisMask |= bit;
      } else {
        const { start, stop, step } = entry as SliceSpec;
        if (start === undefined || start === null) { begin.push(0); beginMask |= bit; } else { checkIndex(start); begin.push(start); }
        if (stop === undefined || stop === null) { end.push(0); endMask |= bit; } else { checkIndex(stop); end.push(stop); }
        if (step === undefined || step === null) strides.push(1); else { checkIndex(step); strides.push(step); }
      }
    });
    return g.nameScope(options.name || 'strided_slice', (scope) => {
      let b: Tensor, e: Tensor, s: Tensor;
      if (begin.length > 0) {
        b = stack(begin); e = stack(end); s = stack(strides);
        if (b.dtype === 'int64' || e.dtype === 'int64' || s.dtype === 'int64') {
          b = cast(b, 'int64'); e = cast(e, 'int64'); s = cast(s, 'int64');
        }
      } else {
        b = e = s = constant([], { dtype: 'int32' });
      }
      return stridedSlice(tensor, b, e, s, { name: scope, beginMask, endMask, ellipsisMask, newAxisMask, shrinkAxisMask });
    });
  });
}

function checkIndex(i: number | Tensor): void {
  if (i instanceof Tensor) {
    if (i.dtype !== 'int32' && i.dtype !== 'int64') {
      throw new TypeError(`Only integers, slices (\`:\`), ellipsis (\`...\`), tf.newaxis (\`None\`) and scalar tf.int32/tf.int64 tensors are valid indices, got ${i.toString()}`);
    }
    return;
  }
  if (!Number.isInteger(i)) {
    throw new TypeError(`Only integers, slices (\`:\`), ellipsis (\`...\`), tf.newaxis (\`None\`) and scalar tf.int32/tf.int64 tensors are valid indices, got ${String(i)}`);
  }
}

function addOne(t: Tensor): Tensor {
  return add(t, 1);
}

export interface GatherOptions extends NameOptions {
  readonly axis?: TensorInput;
  readonly batchDims?: number;
}

/** Slices of `params` along `axis` at `indices` (TensorFlow's `tf.gather`, op `GatherV2`). */
export function gather(params: TensorInput, indices: TensorInput, options: GatherOptions = {}): Tensor {
  const batchDims = options.batchDims ?? 0;
  return genOp1({ type: 'GatherV2', name: options.name, inputs: [params, indices, options.axis ?? batchDims], attrs: { batch_dims: batchDims } });
}

export interface OneHotOptions extends NameOptions {
  readonly onValue?: TensorInput;
  readonly offValue?: TensorInput;
  readonly axis?: number;
  readonly dtype?: DType | string;
}

/**
 * One-hot vectors (TensorFlow's `tf.one_hot`, op `OneHot` named `one_hot`): `onValue` (default
 * 1) at `indices`, `offValue` (default 0) elsewhere; the dtype comes from `dtype`, else from
 * the on/off values, else float32.
 */
export function oneHot(indices: TensorInput, depth: TensorInput, options: OneHotOptions = {}): Tensor {
  const g = getDefaultGraph();
  return g.atomically(() => g.nameScope(options.name || 'one_hot', (scope) => {
    let dtype = options.dtype === undefined ? undefined : asDType(options.dtype);
    const onT = options.onValue === undefined ? undefined : valueDType(options.onValue);
    const offT = options.offValue === undefined ? undefined : valueDType(options.offValue);
    if (onT !== undefined || offT !== undefined) {
      if (dtype !== undefined) {
        if (onT !== undefined && onT !== dtype) throw new TypeError(`dtype ${onT} of on_value does not match dtype parameter ${dtype}`);
        if (offT !== undefined && offT !== dtype) throw new TypeError(`dtype ${offT} of off_value does not match dtype parameter ${dtype}`);
      } else {
        dtype = onT ?? offT;
      }
    }
    const d = dtype ?? 'float32';
    if ((onT ?? d) !== (offT ?? d)) throw new TypeError(`dtype ${onT ?? d} of on_value does not match dtype ${offT ?? d} of off_value`);
    const on = options.onValue === undefined ? convertToTensor(1, { dtype: d, name: 'on_value' }) : options.onValue;
    const off = options.offValue === undefined ? convertToTensor(0, { dtype: d, name: 'off_value' }) : options.offValue;
    return genOp1({ type: 'OneHot', name: scope, inputs: [indices, depth, on, off], attrs: { axis: options.axis ?? -1 }, boundTypes: { T: d } });
  }));
}

/** The dtype a value has or would get, without adding anything to the graph. */
function valueDType(v: TensorInput): DType {
  return isSymbolic(v) ? convertToTensor(v).dtype : inferDType(v);
}

// ---------------------------------------------------------------- ranges

export interface RangeOptions extends NameOptions {
  readonly dtype?: DType | string;
}

const RANGE_DTYPES: readonly DType[] = ['int32', 'int64', 'float32', 'float64'];

/**
 * `start, start + delta, …` up to (not including) `limit` (TensorFlow's `tf.range`, op `Range`
 * named `range`). `range(n)` counts from 0. Without `dtype` the widest of the three dtypes
 * wins (int32 < int64 < float32 < float64) and the others are cast to it.
 */
export function range(start: TensorInput, limit?: TensorInput | null, delta: TensorInput = 1, options: RangeOptions = {}): Tensor {
  let s = start;
  let l = limit;
  if (l === undefined || l === null) {
    l = s;
    s = 0;
  }
  const dtype = options.dtype === undefined ? undefined : asDType(options.dtype);
  const limit0 = l;
  const g = getDefaultGraph();
  return g.atomically(() => g.nameScope(options.name || 'range', (scope) => {
    const conv = (v: TensorInput, name: string) => convertToTensor(v, dtype !== undefined ? { dtype, name } : { name });
    let ts = conv(s, 'start');
    let tl = conv(limit0, 'limit');
    let td = conv(delta, 'delta');
    if (dtype === undefined) {
      for (const t of [ts, tl, td]) {
        if (!RANGE_DTYPES.includes(t.dtype)) throw new TypeError(`range: ${t.name} has dtype ${t.dtype}; expected one of ${RANGE_DTYPES.join(', ')}`);
      }
      const inferred = [ts, tl, td].map((t) => t.dtype).reduce((a, b) => (RANGE_DTYPES.indexOf(b) > RANGE_DTYPES.indexOf(a) ? b : a));
      ts = cast(ts, inferred); tl = cast(tl, inferred); td = cast(td, inferred);
    }
    return g.createOp({ type: 'Range', inputs: [ts, tl, td], name: scope }).output(0);
  }));
}
