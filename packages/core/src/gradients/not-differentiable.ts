// Op types gradients stop at (TensorFlow's `ops.NotDifferentiable` declarations): integer or
// boolean results, shape queries, randomness, state, and the gradient kernels themselves.
export const NOT_DIFFERENTIABLE: readonly string[] = [
  'StopGradient', 'Const', 'Placeholder', 'NoOp',
  'Shape', 'Size', 'Rank', 'ZerosLike', 'OnesLike', 'OneHot', 'Where', 'Range', 'BroadcastGradientArgs',
  'Equal', 'NotEqual', 'Less', 'LessEqual', 'Greater', 'GreaterEqual', 'LogicalAnd', 'LogicalOr', 'LogicalNot',
  'ArgMax', 'ArgMin', 'FloorDiv', 'TruncateMod', 'All', 'Any',
  'RandomUniform', 'RandomStandardNormal', 'TruncatedNormal', 'RandomUniformInt',
  'VariableV2', 'IsVariableInitialized', 'Assign', 'AssignAdd', 'AssignSub', 'CountUpTo',
  'ApplyGradientDescent', 'ApplyMomentum', 'ApplyAdam', 'ApplyRMSProp', 'ApplyCenteredRMSProp', 'ApplyAdagrad',
  'SaveV2', 'RestoreV2', 'MergeV2Checkpoints', 'ShardedFilename', 'StringJoin',
  'ScalarSummary', 'HistogramSummary', 'MergeSummary',
];
