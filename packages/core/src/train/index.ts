// The `train` namespace: TensorFlow's `tf.train` in camelCase.
import { ClusterSpec, STANDARD_PS_OPS, replicaDeviceSetter } from './device-setter.js';

export type { JobTasks, PsStrategy, ReplicaDeviceSetterOptions } from './device-setter.js';

/** TensorFlow's `tf.train`: device setters now; savers, checkpoint management and optimizers as they land. */
export const train = Object.freeze({
  ClusterSpec,
  STANDARD_PS_OPS,
  replicaDeviceSetter,
});

export { ClusterSpec, STANDARD_PS_OPS, replicaDeviceSetter };
