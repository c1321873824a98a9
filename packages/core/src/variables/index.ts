export {
  GraphKeys, addToCollection, addToCollections, getCollection, getCollectionRef,
  globalVariables, trainableVariables, localVariables, modelVariables,
} from './collections.js';
export { Variable, saveSliceSpec } from './variable.js';
export type { InitialValue, VariableOptions, AssignMethodOptions, SaveSliceInfo, VariableDef, SessionLike } from './variable.js';
export { PartitionedVariable } from './partitioned-variable.js';
export type { PartitionValue, PartitionAssignOptions } from './partitioned-variable.js';
export { container } from './container.js';
export { AUTO_REUSE, VariableScope, variableScope, getVariableScope } from './variable-scope.js';
export type {
  Reuse, Regularizer, Partitioner, CachingDevice, CustomGetter, Getter, GetterOptions, VariableScopeOptions,
} from './variable-scope.js';
export { getVariable, getLocalVariable } from './get-variable.js';
export type { GetVariableOptions } from './get-variable.js';
export { fixedSizePartitioner } from './partitioners.js';
export { Initializer } from './initializer.js';
export type { PartitionInfo, InitializerFunction, InitializerClass, VariableInitializer } from './initializer.js';
export {
  zerosInitializer, onesInitializer, constantInitializer, randomUniformInitializer, randomNormalInitializer,
  truncatedNormalInitializer, varianceScalingInitializer, glorotUniformInitializer, glorotNormalInitializer,
  uniformUnitScalingInitializer, orthogonalInitializer, identityInitializer, computeFans,
} from './initializers.js';
export type {
  RandomUniformInitializerOptions, NormalInitializerOptions, VarianceScalingOptions, FanMode, VarianceScalingDistribution,
} from './initializers.js';
export {
  globalVariablesInitializer, localVariablesInitializer, variablesInitializer, reportUninitializedVariables,
  isVariableInitialized, assertVariablesInitialized,
} from './initialization.js';
