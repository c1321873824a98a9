// @varscope/core — TensorFlow 1.x's graph-mode variable system in TypeScript.
// The public API; names follow TensorFlow's Python API in camelCase.

import './method-forms.js';

export * from './errors.js';

// Values and dtypes
export {
  NDArray, asDType, inferDType, convertToHostTensor,
  float16Bits, float16FromBits, bfloat16Bits, bfloat16FromBits,
} from './dtypes/index.js';
export type { TensorLike, NestedArray, NestedValues, Complex, ScalarLike, NumericTypedArray } from './dtypes/index.js';
export type { DType, KernelBackend } from '@varscope/kernel-api';
export { BackendUnavailableError } from '@varscope/kernel-api';

// Static shapes
export { TensorShape, asShape, broadcastStaticShapes, validateStridedSlice, inferOutputs, hasShapeFn } from './shape/index.js';
export type { Dim, ShapeLike, StridedSliceSpec, InferInput, InferOutput } from './shape/index.js';
export { resolveAttrs, expectedOutputDTypes } from './op-def/index.js';

// Graphs, names, scopes, devices
export {
  Graph, getDefaultGraph, resetDefaultGraph, Operation, Tensor, DeviceSpec, canonicalDevice, mergeDevices,
  nameScope, nameScopeWithDefault, device, controlDependencies, colocateWith, setRandomSeed,
  TO_TENSOR, AS_REF,
} from './graph/index.js';
export type { CreateOpSpec, DeviceFunction, OpLike, TensorConvertible, RefConvertible, SessionRunner } from './graph/index.js';

// Ops
export {
  constant, convertToTensor, placeholder, placeholderWithDefault,
  noOp, group, tuple, identity, stopGradient,
  assign, assignAdd, assignSub, countUpTo,
  add, sub, mul, div, truediv, realDiv, floorDiv, mod, pow, maximum, minimum, squaredDifference, truncateMod,
  neg, abs, square, sqrt, rsqrt, exp, log, log1p, sin, cos, sign, reciprocal, floor, ceil, round, sigmoid, tanh,
  cast, toFloat, toInt32, addN, matMul,
  zeros, ones, fill, zerosLike, onesLike, shape, size, rank, reshape, squeeze, expandDims, transpose, tile, pad,
  concat, split, stack, unstack, slice, stridedSlice, gather, oneHot, range,
  getSeed, randomUniform, randomNormal, truncatedNormal,
  cond,
  reduceSum, reduceMean, reduceMax, reduceMin, reduceProd, reduceAll, reduceAny, argMax, argMin,
  equal, notEqual, less, lessEqual, greater, greaterEqual, logicalAnd, logicalOr, logicalNot, logicalXor,
  select, where, clipByValue,
  relu, relu6, softplus, elu, leakyRelu, softmax, logSoftmax, conv2d, maxPool, avgPool, biasAdd,
  l2Loss, dropout, nn, index, divPython2, DEFAULT_GRAPH_SEED,
  softmaxCrossEntropyWithLogits, softmaxCrossEntropyWithLogitsV2, sparseSoftmaxCrossEntropyWithLogits,
  sigmoidCrossEntropyWithLogits, tensorMethods,
} from './ops/index.js';
export type {
  TensorInput, ConstantOptions, PartialShape, AssignOptions, NameOptions, MatMulOptions, ShapeArg,
  ReduceOptions, Conv2DOptions, PoolOptions, Padding, DataFormat, TensorMethods, RandomUniformOptions,
  RandomNormalOptions, SplitOptions, CondOptions, IndexEntry, SliceSpec, StridedSliceOptions, GatherOptions,
  OneHotOptions, RangeOptions, TransposeOptions, PadOptions, StackOptions, UnstackOptions, SqueezeOptions,
  ArgReduceOptions, SoftmaxOptions, BiasAddOptions, DropoutOptions, SoftmaxCrossEntropyOptions,
  SparseSoftmaxCrossEntropyOptions, SigmoidCrossEntropyOptions,
} from './ops/index.js';

// Variables, scopes, collections, initializers
export {
  GraphKeys, addToCollection, addToCollections, getCollection, getCollectionRef,
  globalVariables, trainableVariables, localVariables, modelVariables,
  Variable, PartitionedVariable, container,
  AUTO_REUSE, VariableScope, variableScope, getVariableScope, getVariable, getLocalVariable, fixedSizePartitioner,
  Initializer, zerosInitializer, onesInitializer, constantInitializer, randomUniformInitializer, randomNormalInitializer,
  truncatedNormalInitializer, varianceScalingInitializer, glorotUniformInitializer, glorotNormalInitializer,
  uniformUnitScalingInitializer, orthogonalInitializer, identityInitializer,
  globalVariablesInitializer, localVariablesInitializer, variablesInitializer, reportUninitializedVariables,
  isVariableInitialized, assertVariablesInitialized,
} from './variables/index.js';
export type {
  InitialValue, VariableOptions, Reuse, Regularizer, Partitioner, CustomGetter, VariableScopeOptions,
  GetVariableOptions, VariableInitializer,
} from './variables/index.js';

// Sessions
export {
  Session, Server, HostKernelRegistry, createHostKernelRegistry, createDefaultHostKernelRegistry, CORE_HOST_KERNELS,
  createDefaultCpuBackend,
} from './session/index.js';
export type {
  SessionConfig, SessionOptions, Fetches, FetchResult, Feeds, DeviceBackends, HostKernel, HostKernelContext,
  HostKernelInput, HostKernelOutput, FetchElement, FeedKey, DeviceType,
} from './session/index.js';

// Gradients
export { gradients, registerGradient, notDifferentiable, LookupError } from './gradients/index.js';
export type { GradientFunction, GradientsOptions, GradientTarget } from './gradients/index.js';

// tf.train
export {
  train, Saver, Optimizer, GradientDescentOptimizer, MomentumOptimizer, AdamOptimizer, RMSPropOptimizer,
  AdagradOptimizer, getGlobalStep, getOrCreateGlobalStep,
} from './train/index.js';
export type {
  SaverOptions, SaveOptions, ImportMetaGraphOptions, CheckpointState, ReplicaDeviceSetterOptions,
} from './train/index.js';

// tf.summary
export { summary, FileWriter } from './summary/index.js';
export type { FileWriterOptions, SummaryOptions } from './summary/index.js';
