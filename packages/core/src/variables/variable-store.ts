import type { DType } from '@varscope/kernel-api';
import { DTYPES } from '@varscope/kernel-api';
import { ValueError } from '../errors.js';
import type { Graph } from '../graph/graph.js';
import { Tensor } from '../graph/tensor.js';
import { isTensorConvertible } from '../graph/conversion.js';
import { convertToTensor } from '../ops/convert.js';
import type { TensorInput } from '../ops/convert.js';
import { buildOp1 } from '../ops/op-builder.js';
import { constant } from '../ops/convert.js';
import { TensorShape, asShape } from '../shape/index.js';
import { GraphKeys } from './collections.js';
import { Initializer, isCallableInitializer, isInitializerClass, isShapeInitializer } from './initializer.js';
import type { InitializerFunction, PartitionInfo, VariableInitializer } from './initializer.js';
import { glorotUniformInitializer, zerosInitializer } from './initializers.js';
import { PartitionedVariable, formatList } from './partitioned-variable.js';
import { Variable } from './variable.js';
import type { InitialValue } from './variable.js';
import type { GetterOptions, Partitioner } from './variable-scope.js';

/**
 * The variables `getVariable` made in one graph, by full name (TensorFlow's `_VariableStore`).
 * Variables made with `new Variable` are not in it.
 */
export class VariableStore {
  readonly #vars = new Map<string, Variable>();
  readonly #partitioned = new Map<string, PartitionedVariable>();
  /** Names `n` with a variable `n/part_0`, to detect partitioned variables without building strings. */
  readonly #partitionPrefixes = new Set<string>();

  constructor(readonly graph: Graph) {}

  /** The variable `getVariable` made under `name`, if any. */
  lookup(name: string): Variable | undefined {
    return this.#vars.get(name);
  }

  lookupPartitioned(name: string): PartitionedVariable | undefined {
    return this.#partitioned.get(name);
  }

  /**
   * TensorFlow's `_true_getter`: gets or creates the variable `name` (a full name) by the
   * reuse rules. Must run at the root name scope inside `graph.atomically`.
   */
  get(name: string, o: GetterOptions): Variable | PartitionedVariable {
    const shape = o.shape;
    const isScalar = shape !== undefined && shape !== null && (shape instanceof TensorShape ? shape.rank === 0 : shape.length === 0);
    const partitioner = o.partitioner ?? null;
    if (partitioner !== null && !isScalar) {
      if (typeof partitioner !== 'function') {
        throw new ValueError(`Partitioner must be callable, but received: ${String(partitioner)}`);
      }
      return this.#getPartitioned(name, partitioner, o);
    }
    // Reusing a partitioned variable does not need its partitioner.
    if (o.reuse === true && partitioner === null && this.#partitioned.has(name)) {
      return this.#getPartitioned(name, null, o);
    }
    if (this.#partitionPrefixes.has(name)) {
      throw new ValueError(
        `No partitioner was provided, but a partitioned version of the variable was found: ${name}/part_0. ` +
        'Perhaps a variable of the same name was already created with partitioning?');
    }
    return this.#getSingle(name, o, shape, o.initializer ?? null, undefined);
  }

  #getSingle(name: string, o: GetterOptions, shapeArg: GetterOptions['shape'], initializer: VariableInitializer | null,
    partitionInfo: PartitionInfo | undefined): Variable {
    const fromValue = initializer !== null && !isCallableInitializer(initializer);
    if (shapeArg !== undefined && shapeArg !== null && fromValue) {
      throw new ValueError('If initializer is a constant, do not specify shape.');
    }
    const shape = asShape(shapeArg);
    const dtype = o.dtype;
    const found = this.#vars.get(name);
    if (found !== undefined) {
      if (o.reuse === false) {
        // TensorFlow appends the creating traceback; capturing a stack per variable would cost
        // more than the rest of getVariable, so the message stops at the advice.
        throw new ValueError(
          `Variable ${name} already exists, disallowed. Did you mean to set reuse=True or reuse=tf.AUTO_REUSE in VarScope?`);
      }
      if (!shape.isCompatibleWith(found.shape)) {
        throw new ValueError(`Trying to share variable ${name}, but specified shape ${shape.toString()} and found shape ${found.shape.toString()}.`);
      }
      if (dtype !== found.dtype) {
        throw new ValueError(`Trying to share variable ${name}, but specified dtype ${dtype} and found dtype ${found.dtype}.`);
      }
      return found;
    }
    if (o.reuse === true) {
      throw new ValueError(
        `Variable ${name} does not exist, or was not created with tf.get_variable(). Did you mean to set reuse=tf.AUTO_REUSE in VarScope?`);
    }

    let init: VariableInitializer = initializer ?? defaultInitializer(name, dtype);
    let initialValue: InitialValue;
    let variableDtype: DType | undefined;
    if (fromValue) {
      initialValue = init as TensorInput;
    } else {
      if (isInitializerClass(init)) init = new (init as new () => Initializer)();
      if (isShapeInitializer(init)) {
        if (!shape.isFullyDefined()) throw invalidInitializer();
        const dims = shape.toArray();
        const shapeInit = init;
        initialValue = () => callInitializer(shapeInit, dims, dtype, partitionInfo);
        variableDtype = dtype;
      } else if (typeof init === 'function') {
        // A function of no arguments produces the value itself; a shape would be ignored.
        if (shapeArg !== undefined && shapeArg !== null) {
          throw new ValueError(
            `The initializer of variable ${name} takes no arguments, so it cannot build a value of shape ${shape.toString()}: ` +
            'pass no shape (the value decides it) or an initializer that takes (shape, dtype).');
        }
        initialValue = init as () => TensorInput;
      } else {
        throw invalidInitializer();
      }
    }

    const v = new Variable(initialValue, {
      name,
      dtype: variableDtype,
      trainable: o.trainable ?? true,
      collections: o.collections,
      cachingDevice: o.cachingDevice,
      validateShape: o.validateShape ?? true,
      constraint: o.constraint ?? undefined,
    });
    this.#vars.set(name, v);
    const prefix = name.endsWith('/part_0') ? name.slice(0, -'/part_0'.length) : null;
    if (prefix !== null) this.#partitionPrefixes.add(prefix);
    this.graph.recordUndo(() => {
      this.#vars.delete(name);
      if (prefix !== null) this.#partitionPrefixes.delete(prefix);
    });

    const regularizer = o.regularizer;
    if (regularizer) {
      const g = this.graph;
      const loss = g.colocateWith(v.op, () => g.nameScope(`${name}/Regularizer/`, () => g.initScope(() => regularizer(v))));
      if (loss !== null && loss !== undefined) g.addToCollection(GraphKeys.REGULARIZATION_LOSSES, loss);
    }
    return v;
  }

  /** TensorFlow's `_get_partitioned_variable`. */
  #getPartitioned(name: string, partitioner: Partitioner | null, o: GetterOptions): PartitionedVariable {
    const initializer = o.initializer ?? null;
    const tensorInit = initializer instanceof Tensor || isTensorConvertible(initializer) ? convertToTensor(initializer as TensorInput) : null;
    if (this.#vars.has(name)) {
      throw new ValueError(
        `A partitioner was provided, but an unpartitioned version of the variable was found: ${name}.  ` +
        'Perhaps a variable of the same name was already created without partitioning?');
    }
    let shape = asShape(o.shape);
    if (tensorInit !== null) shape = shape.mergeWith(tensorInit.shape);
    let dtype = o.dtype;
    const partitions = o.reuse !== true || partitioner !== null ? callPartitioner(partitioner as Partitioner, shape, dtype) : null;

    const existing = this.#partitioned.get(name);
    if (existing !== undefined) {
      if (o.reuse === false) {
        throw new ValueError(`Partitioned variable with name ${name} already exists. Did you mean to set reuse=True or reuse=tf.AUTO_REUSE in VarScope?`);
      }
      if (!shape.isCompatibleWith(existing.shape)) {
        throw new ValueError(`Trying to reuse partitioned variable ${name}, but specified shape ${shape.toString()} and found shape ${existing.shape.toString()}.`);
      }
      if (dtype !== existing.dtype) {
        throw new ValueError(`Trying to reuse partitioned variable ${name}, but specified dtype ${dtype} and found dtype ${existing.dtype}.`);
      }
      if (partitions !== null && formatList(partitions) !== formatList(existing.partitions)) {
        throw new ValueError(
          `Trying to reuse partitioned variable ${name}, but specified partitions ${formatList(partitions)} and found partitions ${formatList(existing.partitions)}.`);
      }
      return existing;
    }
    if (o.reuse === true) {
      throw new ValueError(
        `PartitionedVariable ${name} does not exist, or was not created with tf.get_variable(). Did you mean to set reuse=False or reuse=tf.AUTO_REUSE in VarScope?`);
    }
    const parts = partitions as number[];
    let sliceDim = parts.findIndex((p) => p > 1);
    const numSlices = sliceDim < 0 ? 1 : parts[sliceDim] as number;
    if (sliceDim < 0) sliceDim = 0;
    if (this.#vars.has(`${name}/part_0`)) {
      if (!this.#vars.has(`${name}/part_${numSlices - 1}`)) {
        throw new ValueError(
          `Partitioner returned a different partitioning than what was already found.  Partitioner returned ${numSlices} shards, ` +
          `and shard ${name}/part_0 was found, but ${name}/part_${numSlices - 1} was not.`);
      }
      if (this.#vars.has(`${name}/part_${numSlices}`)) {
        throw new ValueError(
          `Partitioner returned a different partitioning than what was already found.  Partitioner returned ${numSlices} shards, ` +
          `and shard ${name}/part_0 was found, but so was the extra shard ${name}/part_${numSlices}.`);
      }
    }

    const g = this.graph;
    const fullShape = shape.toArray();
    const vs: Variable[] = [];
    for (const [i, { offset, sliceShape }] of iterSlices(fullShape, numSlices, sliceDim).entries()) {
      const partName = `${name}/part_${i}`;
      const partitionInfo: PartitionInfo = { fullShape, varOffset: offset };
      let init: VariableInitializer;
      let initShape: readonly number[] | null;
      // Value initializers are sliced per part; shape initializers get the part's shape.
      g.nameScope(`${partName}/PartitionedInitializer`, () => {
        if (initializer === null) {
          init = defaultInitializer(name, dtype);
          initShape = sliceShape;
        } else if (tensorInit !== null) {
          init = sliceOp(tensorInit, offset, sliceShape);
          dtype = tensorInit.dtype;
          initShape = null;
        } else if (isCallableInitializer(initializer)) {
          init = initializer;
          initShape = sliceShape;
        } else {
          init = sliceOp(convertToTensor(initializer as TensorInput, { dtype }), offset, sliceShape);
          initShape = null;
        }
      });
      const v = g.nameScope(null, () => this.#getSingle(partName, { ...o, dtype }, initShape, init, partitionInfo));
      v.setSaveSliceInfo({ fullName: name, fullShape, varOffset: offset, varShape: sliceShape });
      vs.push(v);
    }
    const pv = new PartitionedVariable(name, shape, dtype, vs, parts);
    this.#partitioned.set(name, pv);
    g.recordUndo(() => { this.#partitioned.delete(name); });
    return pv;
  }
}

const STORE = Symbol('varscope.variableStore');

/** @internal The `getVariable` store of `graph`. */
export function variableStore(graph: Graph): VariableStore {
  return graph.store(STORE, () => new VariableStore(graph));
}

/** The initializer `getVariable` uses when none is given: glorot uniform for floats, zeros for the rest. */
function defaultInitializer(name: string, dtype: DType): Initializer {
  const kind = DTYPES[dtype].kind;
  if (kind === 'float') return glorotUniformInitializer();
  if (kind === 'int' || kind === 'uint' || kind === 'bool' || kind === 'string') return zerosInitializer();
  throw new ValueError(`An initializer for variable ${name} of <dtype: '${dtype}'> is required`);
}

function invalidInitializer(): ValueError {
  return new ValueError(
    'The initializer passed is not valid. It should be a callable with no arguments and the shape should not be provided ' +
    "or an instance of `tf.keras.initializers.*' and `shape` should be fully defined.");
}

function callInitializer(init: Initializer | InitializerFunction, shape: readonly number[], dtype: DType,
  partitionInfo: PartitionInfo | undefined): TensorInput {
  return init instanceof Initializer ? init.call(shape, dtype, partitionInfo) : init(shape, dtype, partitionInfo);
}

/** TensorFlow's `_call_partitioner`: the partition counts for a new variable, validated. */
function callPartitioner(partitioner: Partitioner, shape: TensorShape, dtype: DType): number[] {
  if (!shape.isFullyDefined()) {
    throw new ValueError(`Shape of a new partitioned variable must be fully defined, but instead was ${shape.toString()}.`);
  }
  if ((shape.rank as number) < 1) {
    throw new ValueError(`A partitioned Variable must have rank at least 1, shape: ${shape.toString()}`);
  }
  const slicing: unknown = partitioner(shape, dtype);
  if (!Array.isArray(slicing)) throw new ValueError(`Partitioner must return a sequence, but saw: ${String(slicing)}`);
  if (slicing.length !== shape.rank) {
    throw new ValueError(
      `Partitioner returned a partition list that does not match the Variable's rank: ${formatList(slicing)} vs. ${shape.toString()}`);
  }
  if (slicing.some((p) => typeof p !== 'number' || !Number.isInteger(p))) {
    throw new ValueError(`Partitioner must return integer partition counts, but saw: ${formatList(slicing)}`);
  }
  const counts = slicing as number[];
  if (counts.some((p) => p < 1)) throw new ValueError(`Partitioner returned zero partitions for some axes: ${formatList(counts)}`);
  if (counts.filter((p) => p > 1).length > 1) {
    throw new ValueError(`Can only slice a variable along one dimension: shape: ${shape.toString()}, partitioning: ${formatList(counts)}`);
  }
  return counts;
}

/** TensorFlow's `_iter_slices`: the extra rows of an uneven split go to the first parts. */
function iterSlices(fullShape: readonly number[], numSlices: number, sliceDim: number): { offset: number[]; sliceShape: number[] }[] {
  const total = fullShape[sliceDim] as number;
  const withExcess = total % numSlices;
  const minLen = Math.floor(total / numSlices);
  const offset = fullShape.map(() => 0);
  const out: { offset: number[]; sliceShape: number[] }[] = [];
  for (let i = 0; i < numSlices; i++) {
    const sliceShape = [...fullShape];
    sliceShape[sliceDim] = minLen + (i < withExcess ? 1 : 0);
    out.push({ offset: [...offset], sliceShape });
    offset[sliceDim] = (offset[sliceDim] as number) + (sliceShape[sliceDim] as number);
  }
  return out;
}

function sliceOp(t: Tensor, begin: readonly number[], size: readonly number[]): Tensor {
  return buildOp1({
    type: 'Slice',
    inputs: () => [t, constant(begin, { dtype: 'int32', name: 'begin' }), constant(size, { dtype: 'int32', name: 'size' })],
  });
}
