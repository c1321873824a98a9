// The public op functions of @varscope/core (TensorFlow's Python op API in camelCase).
export { constant, convertToTensor, convertToRef } from './convert.js';
export type { TensorInput, ConvertOptions, ConstantOptions } from './convert.js';
export { placeholder, placeholderWithDefault } from './placeholder.js';
export type { PartialShape } from './placeholder.js';
export { noOp, group, tuple, identity, stopGradient } from './control.js';
export { assign, assignAdd, assignSub, isVariableInitialized, countUpTo } from './state.js';
export type { AssignOptions } from './state.js';
export {
  add, sub, mul, div, truediv, realDiv, divPython2, floorDiv, mod, pow, maximum, minimum, squaredDifference, truncateMod,
  neg, abs, square, sqrt, rsqrt, exp, log, log1p, sin, cos, sign, reciprocal, floor, ceil, round, sigmoid, tanh,
  cast, toFloat, toInt32, addN, matMul,
} from './math.js';
export type { NameOptions, MatMulOptions } from './math.js';
export {
  zeros, ones, fill, zerosLike, onesLike, shape, size, rank, reshape, squeeze, expandDims, transpose, tile, pad,
  concat, split, stack, unstack, slice, stridedSlice, index, gather, oneHot, range,
} from './array.js';
export type {
  ShapeArg, FilledOptions, LikeOptions, ShapeQueryOptions, SqueezeOptions, TransposeOptions, PadOptions, SplitOptions,
  StackOptions, UnstackOptions, StridedSliceOptions, SliceSpec, IndexEntry, GatherOptions, OneHotOptions, RangeOptions,
} from './array.js';
export { getSeed, DEFAULT_GRAPH_SEED, randomUniform, randomNormal, truncatedNormal } from './random.js';
export type { ShapeInput, RandomUniformOptions, RandomNormalOptions } from './random.js';
export { cond } from './control-flow.js';
export type { CondOptions, CondBranchResult, CondLeaf, CondOutput } from './control-flow.js';
export { reduceSum, reduceMean, reduceMax, reduceMin, reduceProd, reduceAll, reduceAny, argMax, argMin } from './reduction.js';
export type { ReduceOptions, ArgReduceOptions } from './reduction.js';
export {
  equal, notEqual, less, lessEqual, greater, greaterEqual, logicalAnd, logicalOr, logicalNot, logicalXor,
  select, where, clipByValue,
} from './comparison.js';
export { relu, relu6, softplus, elu, leakyRelu, softmax, logSoftmax, conv2d, maxPool, avgPool, biasAdd } from './nn.js';
export type { LeakyReluOptions, SoftmaxOptions, DataFormat, Padding, Conv2DOptions, PoolOptions, BiasAddOptions } from './nn.js';
export {
  l2Loss, dropout, softmaxCrossEntropyWithLogits, softmaxCrossEntropyWithLogitsV2, sparseSoftmaxCrossEntropyWithLogits,
  sigmoidCrossEntropyWithLogits,
} from './nn-losses.js';
export type {
  SoftmaxCrossEntropyOptions, SparseSoftmaxCrossEntropyOptions, SigmoidCrossEntropyOptions, DropoutOptions,
} from './nn-losses.js';
export { nn } from './nn-namespace.js';
export { tensorMethods } from './tensor-methods.js';
export type { TensorMethods, TensorMethodImpls } from './tensor-methods.js';
