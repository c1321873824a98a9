import type { DType } from '@varscope/kernel-api';
import { isFloating, isInteger } from '@varscope/kernel-api';
import { asDType } from '../dtypes/index.js';
import { ValueError } from '../errors.js';
import { getDefaultGraph } from '../graph/graph.js';
import type { Graph } from '../graph/graph.js';
import type { Tensor } from '../graph/tensor.js';
import { TensorShape } from '../shape/index.js';
import { convertToTensor } from './convert.js';
import type { TensorInput } from './convert.js';
import { add, mul, sub } from './math.js';

/** The graph seed used when only an op seed is given (TensorFlow's `DEFAULT_GRAPH_SEED`). */
export const DEFAULT_GRAPH_SEED = 87654321;
const MAXINT32 = 2 ** 31 - 1;

/** `seed mod (2^31 - 1)`, non-negative as in Python. */
function truncateSeed(seed: number): number {
  if (!Number.isSafeInteger(seed)) throw new TypeError(`A random seed must be an integer, got ${seed}`);
  return ((seed % MAXINT32) + MAXINT32) % MAXINT32;
}

/**
 * The `(seed, seed2)` attrs of a random op (TensorFlow's `random_seed.get_seed`):
 * - graph seed set (`setRandomSeed`): `(graphSeed, opSeed)`, the op seed defaulting to the id of
 *   the most recently created op, so a graph built the same way draws the same numbers;
 * - only an op seed: `(DEFAULT_GRAPH_SEED, opSeed)`;
 * - neither: `(0, 0)`, which the session reads as "nondeterministic" and replaces by fresh seeds.
 * Both are reduced mod 2^31 - 1; a derived `(0, 0)` becomes `(0, 2^31 - 1)` so it is not
 * mistaken for "nondeterministic".
 */
export function getSeed(opSeed?: number | null, graph: Graph = getDefaultGraph()): [number, number] {
  const graphSeed = graph.seed;
  let seeds: [number, number];
  if (graphSeed !== null && graphSeed !== undefined) {
    seeds = [truncateSeed(graphSeed), truncateSeed(opSeed ?? graph.lastId)];
  } else if (opSeed !== null && opSeed !== undefined) {
    seeds = [DEFAULT_GRAPH_SEED, truncateSeed(opSeed)];
  } else {
    return [0, 0];
  }
  if (seeds[0] === 0 && seeds[1] === 0) return [0, MAXINT32];
  return seeds;
}

/** A shape given to a random or fill op: dims, a `TensorShape`, or a 1-D integer tensor. */
export type ShapeInput = readonly number[] | TensorShape | TensorInput;

/** TensorFlow's `_ShapeTensor`: the shape as an int32/int64 tensor named `shape` (int32 when empty). */
function shapeTensor(shape: ShapeInput): Tensor {
  const value = shape instanceof TensorShape ? shape.toArray() : shape;
  if (Array.isArray(value) && value.length === 0) return convertToTensor([], { dtype: 'int32', name: 'shape' });
  return convertToTensor(value as TensorInput, { name: 'shape' });
}

function floatDType(dtype: DType | string | undefined, what: string): DType {
  const d = asDType(dtype ?? 'float32');
  if (!isFloating(d)) throw new ValueError(`Invalid dtype ${d} for ${what}: expected a floating point type`);
  return d;
}

export interface RandomUniformOptions {
  /** Lower bound, inclusive (default 0). */
  readonly minval?: TensorInput;
  /** Upper bound, exclusive (default 1 for floats; required for integers). */
  readonly maxval?: TensorInput;
  readonly dtype?: DType | string;
  /** Op-level seed; see {@link getSeed}. */
  readonly seed?: number | null;
  readonly name?: string;
}

/**
 * Uniform values in `[minval, maxval)` (TensorFlow's `tf.random_uniform`). Floats: op
 * `random_uniform/RandomUniform` scaled as `rand * (maxval - minval) + minval`; int32/int64:
 * one op `RandomUniformInt`.
 */
export function randomUniform(shape: ShapeInput, options: RandomUniformOptions = {}): Tensor {
  const dtype = asDType(options.dtype ?? 'float32');
  if (!['float16', 'bfloat16', 'float32', 'float64', 'int32', 'int64'].includes(dtype)) {
    throw new ValueError(`Invalid dtype ${dtype}`);
  }
  let maxval = options.maxval;
  if (maxval === undefined || maxval === null) {
    if (isInteger(dtype)) throw new ValueError(`Must specify maxval for integer dtype ${dtype}`);
    maxval = 1;
  }
  const max0 = maxval;
  const g = getDefaultGraph();
  return g.atomically(() => g.nameScope(options.name || 'random_uniform', (scope) => {
    const s = shapeTensor(shape);
    const minT = convertToTensor(options.minval ?? 0, { dtype, name: 'min' });
    const maxT = convertToTensor(max0, { dtype, name: 'max' });
    const [seed, seed2] = getSeed(options.seed, g);
    if (isInteger(dtype)) {
      return g.createOp({ type: 'RandomUniformInt', inputs: [s, minT, maxT], attrs: { seed, seed2 }, name: scope }).output(0);
    }
    const rnd = g.createOp({ type: 'RandomUniform', inputs: [s], attrs: { dtype, seed, seed2 } }).output(0);
    return add(mul(rnd, sub(maxT, minT)), minT, { name: scope });
  }));
}

export interface RandomNormalOptions {
  readonly mean?: TensorInput;
  readonly stddev?: TensorInput;
  readonly dtype?: DType | string;
  readonly seed?: number | null;
  readonly name?: string;
}

/** Normal values (TensorFlow's `tf.random_normal`): `RandomStandardNormal * stddev + mean`. */
export function randomNormal(shape: ShapeInput, options: RandomNormalOptions = {}): Tensor {
  return normal('RandomStandardNormal', 'random_normal', shape, options);
}

/**
 * Normal values redrawn when more than two standard deviations from the mean (TensorFlow's
 * `tf.truncated_normal`): `TruncatedNormal * stddev + mean`.
 */
export function truncatedNormal(shape: ShapeInput, options: RandomNormalOptions = {}): Tensor {
  return normal('TruncatedNormal', 'truncated_normal', shape, options);
}

function normal(type: 'RandomStandardNormal' | 'TruncatedNormal', scopeName: string, shape: ShapeInput, options: RandomNormalOptions): Tensor {
  const dtype = floatDType(options.dtype, scopeName);
  const g = getDefaultGraph();
  return g.atomically(() => g.nameScope(options.name || scopeName, (scope) => {
    const s = shapeTensor(shape);
    const meanT = convertToTensor(options.mean ?? 0, { dtype, name: 'mean' });
    const stddevT = convertToTensor(options.stddev ?? 1, { dtype, name: 'stddev' });
    const [seed, seed2] = getSeed(options.seed, g);
    const rnd = g.createOp({ type, inputs: [s], attrs: { dtype, seed, seed2 } }).output(0);
    return add(mul(rnd, stddevT), meanT, { name: scope });
  }));
}
