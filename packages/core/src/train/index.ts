// The `train` namespace: TensorFlow's `tf.train` in camelCase.
import { checkpointing } from './checkpointing.js';
import { ClusterSpec, STANDARD_PS_OPS, replicaDeviceSetter } from './device-setter.js';
import { training } from './optimizers.js';

export type { JobTasks, PsStrategy, ReplicaDeviceSetterOptions } from './device-setter.js';
export type { SaverOptions, SaveOptions, SaverDefInfo, ImportMetaGraphOptions, CheckpointState } from './checkpointing.js';
export { Saver } from './saver.js';

/** TensorFlow's `tf.train`: device setters, the Saver, checkpoint management, meta graphs, optimizers. */
export const train = Object.freeze({
  ClusterSpec,
  STANDARD_PS_OPS,
  replicaDeviceSetter,
  ...checkpointing,
  ...training,
});

export { ClusterSpec, STANDARD_PS_OPS, replicaDeviceSetter };
export * from './optimizers.js';
