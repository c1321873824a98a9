import { isFloating } from '@varscope/kernel-api';
import { ValueError } from '../errors.js';
import { constantValue, getDefaultGraph } from '../graph/graph.js';
import type { Tensor } from '../graph/tensor.js';
import { TensorShape } from '../shape/index.js';
import { concat, index, range, rank, reshape, shape, slice, transpose, zerosLike } from './array.js';
import { greaterEqual, select } from './comparison.js';
import { stopGradient } from './control.js';
import { convertToTensor } from './convert.js';
import type { TensorInput } from './convert.js';
import { add, cast, divPython2, exp, floor, log1p, mul, neg, sub } from './math.js';
import type { NameOptions } from './math.js';
import { genOp, genOp1, isSymbolic } from './op-inputs.js';
import { randomUniform } from './random.js';

/** `x - y` as TensorFlow's `math_ops.subtract` builds it: op `Sub` named `Sub` (not the operator's `sub`). */
function subtract(x: TensorInput, y: TensorInput): Tensor {
  return genOp1({ type: 'Sub', inputs: [x, y] });
}

/** Whether `t` is a constant scalar 1 (TensorFlow's `constant_value(keep_prob) == 1`). */
function isConstantOne(t: Tensor): boolean {
  const v = constantValue(t);
  return v !== undefined && v.data.length === 1 && Number(v.data[0]) === 1;
}

/** TensorFlow's `_move_dim_to_end`: a transpose that makes `dim` the last dimension. */
function moveDimToEnd(t: Tensor, dim: number, inputRank: Tensor): Tensor {
  return transpose(t, { perm: concat([range(dim), range(dim + 1, inputRank), [dim]], 0) });
}

/** TensorFlow's `_flatten_outer_dims`: `[…, n]` reshaped to `[-1, n]`, with the static shape kept when known. */
function flattenOuterDims(t: Tensor): Tensor {
  const r = rank(t);
  const lastDimSize = slice(shape(t), [subtract(r, 1)], [1]);
  const output = reshape(t, concat([[-1], lastDimSize], 0));
  const dims = t.shape.dims;
  if (dims !== null && dims.length > 0) {
    const outer = dims.slice(0, -1);
    if (outer.every((d) => d !== null)) {
      output.setShape([(outer as number[]).reduce((a, b) => a * b, 1), dims[dims.length - 1] ?? null]);
    }
  }
  return output;
}

/** `sum(t²) / 2` (op `L2Loss`; TensorFlow's `tf.nn.l2_loss`). */
export function l2Loss(t: TensorInput, options: NameOptions = {}): Tensor {
  return genOp1({ type: 'L2Loss', name: options.name, inputs: [t] });
}

export interface SoftmaxCrossEntropyOptions extends NameOptions {
  readonly labels: TensorInput;
  readonly logits: TensorInput;
  /** The class dimension (default -1, the last). */
  readonly dim?: number;
  /** Alias of `dim` (TensorFlow 2's name). */
  readonly axis?: number;
}

function softmaxCrossEntropy(labels: TensorInput, logits: TensorInput, options: SoftmaxCrossEntropyOptions): Tensor {
  const g = getDefaultGraph();
  const dim = options.dim ?? options.axis ?? -1;
  return g.nameScope(options.name || 'softmax_cross_entropy_with_logits', (scope) => {
    const lg = convertToTensor(logits, { name: 'logits' });
    let lb = convertToTensor(labels, isSymbolic(labels) ? { name: 'labels' } : { name: 'labels', dtype: lg.dtype });
    const toFloat32 = lg.dtype === 'float16' || lg.dtype === 'bfloat16';
    let precise = toFloat32 ? cast(lg, 'float32') : lg;
    lb = cast(lb, precise.dtype);
    const inputRank = rank(precise);
    const staticShape = lg.shape;
    if (dim !== -1) {
      const r = staticShape.rank;
      if (r === null) throw new ValueError(`softmaxCrossEntropyWithLogits over dim ${dim} needs the rank of the logits, which is unknown`);
      if (!Number.isInteger(dim) || dim < -r || dim >= r) throw new ValueError(`dim ${dim} is out of range for logits of rank ${r}`);
      const d = dim < 0 ? dim + r : dim;
      if (d !== r - 1) {
        precise = moveDimToEnd(precise, d, inputRank);
        lb = moveDimToEnd(lb, d, inputRank);
      }
    }
    const inputShape = shape(precise);
    precise = flattenOuterDims(precise);
    lb = flattenOuterDims(lb);
    const [cost0] = genOp({ type: 'SoftmaxCrossEntropyWithLogits', name: scope, inputs: [precise, lb] }).outputs as [Tensor, Tensor];
    const outputShape = slice(inputShape, [0], [subtract(inputRank, 1)]);
    let cost = reshape(cost0, outputShape);
    if (staticShape.dims !== null) {
      const dims = [...staticShape.dims];
      dims.splice(dim < 0 ? dims.length + dim : dim, 1);
      cost.setShape(dims);
    }
    if (toFloat32) cost = cast(cost, lg.dtype);
    return cost;
  });
}

function requireLabelsAndLogits(options: { labels?: unknown; logits?: unknown } | undefined, what: string): void {
  if (options === undefined || options.labels === undefined || options.labels === null
    || options.logits === undefined || options.logits === null) {
    throw new ValueError(`Only call \`${what}\` with named arguments (labels=..., logits=..., ...)`);
  }
}

/**
 * Per-example cross-entropy between `labels` (a probability distribution per row) and
 * `softmax(logits)` (TensorFlow 1.x's `tf.nn.softmax_cross_entropy_with_logits`): the labels
 * first pass through `labels_stop_gradient`, so no gradient flows into them. Ops as TensorFlow
 * builds them under `softmax_cross_entropy_with_logits`; the result has the logits' shape
 * without `dim`.
 */
export function softmaxCrossEntropyWithLogits(options: SoftmaxCrossEntropyOptions): Tensor {
  requireLabelsAndLogits(options, 'softmax_cross_entropy_with_logits');
  const g = getDefaultGraph();
  return g.atomically(() => {
    const labels = stopGradient(options.labels, { name: 'labels_stop_gradient' });
    return softmaxCrossEntropy(labels, options.logits, options);
  });
}

/** As {@link softmaxCrossEntropyWithLogits}, but gradients also flow into `labels` (TensorFlow's `_v2`). */
export function softmaxCrossEntropyWithLogitsV2(options: SoftmaxCrossEntropyOptions): Tensor {
  requireLabelsAndLogits(options, 'softmax_cross_entropy_with_logits_v2');
  const g = getDefaultGraph();
  return g.atomically(() => softmaxCrossEntropy(options.labels, options.logits, options));
}

export interface SparseSoftmaxCrossEntropyOptions extends NameOptions {
  /** Class indices (int32/int64), the logits' shape without the last dimension. */
  readonly labels: TensorInput;
  readonly logits: TensorInput;
}

/**
 * Per-example cross-entropy between class indices and `softmax(logits)` (TensorFlow's
 * `tf.nn.sparse_softmax_cross_entropy_with_logits`): for rank-2 logits one op
 * `SparseSoftmaxCrossEntropyWithLogits/SparseSoftmaxCrossEntropyWithLogits`; other ranks are
 * flattened to rank 2 and the result reshaped to the labels' shape. Label values are checked
 * at run time by the kernel. (TensorFlow also adds run-time `Assert`s comparing dynamic shapes
 * when they are not static; varscope has no `Assert` op, and the reshape fails instead.)
 */
export function sparseSoftmaxCrossEntropyWithLogits(options: SparseSoftmaxCrossEntropyOptions): Tensor {
  requireLabelsAndLogits(options, 'sparse_softmax_cross_entropy_with_logits');
  const g = getDefaultGraph();
  return g.atomically(() => g.nameScope(options.name || 'SparseSoftmaxCrossEntropyWithLogits', () => {
    const labels = convertToTensor(options.labels);
    const logits = convertToTensor(options.logits);
    const precise = logits.dtype === 'float16' ? cast(logits, 'float32') : logits;
    const labelsStatic = labels.shape;
    const labelsShape = shape(labels);
    const logitsShape = logits.shape;
    const outer = logitsShape.dims === null ? TensorShape.unknown() : new TensorShape(logitsShape.dims.slice(0, -1));
    const staticFullyDefined = labelsStatic.isFullyDefined() && outer.isFullyDefined();
    if (logitsShape.rank === 0) throw new ValueError(`Logits cannot be scalars - received shape ${logitsShape.toString()}.`);
    if (logitsShape.rank !== null && labelsStatic.rank !== null && labelsStatic.rank !== logitsShape.rank - 1) {
      throw new ValueError(`Rank mismatch: Rank of labels (received ${labelsStatic.rank}) should equal rank of logits minus 1 (received ${logitsShape.rank}).`);
    }
    if (staticFullyDefined && !labelsStatic.equals(outer)) {
      throw new ValueError(`Shape mismatch: The shape of labels (received ${labelsStatic.toString()}) should equal the shape of logits except for the last dimension (received ${logitsShape.toString()}).`);
    }
    const finish = (cost: Tensor) => (logits.dtype === 'float16' ? cast(cost, 'float16') : cost);
    if (logitsShape.rank === 2) {
      return finish(genOp({ type: 'SparseSoftmaxCrossEntropyWithLogits', inputs: [precise, labels] }).output(0));
    }
    const numClasses = index(shape(logits), [sub(rank(logits), 1)]);
    const flatLogits = reshape(precise, [-1, numClasses]);
    const flatLabels = reshape(labels, [-1]);
    const cost0 = genOp({ type: 'SparseSoftmaxCrossEntropyWithLogits', inputs: [flatLogits, flatLabels] }).output(0);
    const cost = reshape(cost0, labelsShape);
    cost.setShape(labelsStatic);
    return finish(cost);
  }));
}

export interface SigmoidCrossEntropyOptions extends NameOptions {
  /** Targets in [0, 1], the logits' shape and dtype. */
  readonly labels: TensorInput;
  readonly logits: TensorInput;
}

/**
 * Per-element logistic loss (TensorFlow's `tf.nn.sigmoid_cross_entropy_with_logits`), in the
 * numerically stable form `max(x, 0) - x·z + log(1 + exp(-|x|))`, built as TensorFlow builds it
 * under `logistic_loss` (with `Select` rather than `Maximum`/`Abs` so the gradient at 0 is defined).
 */
export function sigmoidCrossEntropyWithLogits(options: SigmoidCrossEntropyOptions): Tensor {
  requireLabelsAndLogits(options, 'sigmoid_cross_entropy_with_logits');
  const g = getDefaultGraph();
  return g.atomically(() => g.nameScope(options.name || 'logistic_loss', (scope) => {
    const logits = convertToTensor(options.logits, { name: 'logits' });
    const labels = convertToTensor(options.labels, isSymbolic(options.labels) ? { name: 'labels' } : { name: 'labels', dtype: logits.dtype });
    if (!labels.shape.isCompatibleWith(logits.shape)) {
      throw new ValueError(`logits and labels must have the same shape (${logits.shape.toString()} vs ${labels.shape.toString()})`);
    }
    const zeros = zerosLike(logits, { dtype: logits.dtype });
    const cond = greaterEqual(logits, zeros);
    const reluLogits = select(cond, logits, zeros);
    const negAbsLogits = select(cond, neg(logits), logits);
    return add(sub(reluLogits, mul(logits, labels)), log1p(exp(negAbsLogits)), { name: scope });
  }));
}

export interface DropoutOptions extends NameOptions {
  /** The probability that each element is kept, in (0, 1]. */
  readonly keepProb?: TensorInput;
  /** The probability that each element is dropped, in [0, 1) (`keepProb = 1 - rate`). */
  readonly rate?: TensorInput;
  /** The shape of the keep/drop mask, broadcast against `x` (default: `x`'s shape). */
  readonly noiseShape?: TensorInput;
  /** Op-level seed of the mask's `random_uniform`. */
  readonly seed?: number | null;
}

/**
 * TensorFlow 1.x's `tf.nn.dropout`: keeps each element with probability `keepProb`, scaled by
 * `1 / keepProb`, else 0 — `x / keepProb * floor(keepProb + U[0, 1))`, under the name scope
 * `dropout`. A `keepProb` of exactly 1 returns `x` unchanged.
 */
export function dropout(x: TensorInput, options: DropoutOptions): Tensor {
  if (options === undefined || (options.keepProb === undefined) === (options.rate === undefined)) {
    throw new ValueError('dropout: pass exactly one of keepProb and rate');
  }
  const g = getDefaultGraph();
  return g.atomically(() => {
    let keepProb: TensorInput;
    if (options.rate !== undefined) {
      const rate = options.rate;
      if (typeof rate === 'number') {
        if (!(rate >= 0 && rate < 1)) throw new ValueError(`rate must be a scalar tensor or a float in the range [0, 1), got ${rate}`);
        keepProb = 1 - rate;
      } else {
        keepProb = sub(1, rate);
      }
    } else {
      keepProb = options.keepProb as TensorInput;
    }
    return g.nameScope(options.name || 'dropout', () => {
      const t = convertToTensor(x, { name: 'x' });
      if (!isFloating(t.dtype)) {
        throw new ValueError(`x has to be a floating point tensor since it's going to be scaled. Got a ${t.dtype} tensor instead.`);
      }
      if (typeof keepProb === 'number') {
        if (!(keepProb > 0 && keepProb <= 1)) throw new ValueError(`keep_prob must be a scalar tensor or a float in the range (0, 1], got ${keepProb}`);
        if (keepProb === 1) return t;
      }
      const kp = convertToTensor(keepProb, { dtype: t.dtype, name: 'keep_prob' });
      if (!kp.shape.isCompatibleWith([])) throw new ValueError(`Shapes ${kp.shape.toString()} and () are incompatible`);
      if (isConstantOne(kp)) return t;
      const noiseShape = options.noiseShape === undefined ? shape(t) : options.noiseShape;
      const randomTensor = add(kp, randomUniform(noiseShape, { seed: options.seed ?? null, dtype: t.dtype }));
      const binaryTensor = floor(randomTensor);
      const ret = mul(divPython2(t, kp), binaryTensor);
      ret.setShape(t.shape);
      return ret;
    });
  });
}
