import type { CheckpointDType } from '../dtype/data-type.js';

/** What a checkpoint says about one tensor without reading its data. */
export interface TensorInfo {
  readonly name: string;
  readonly dtype: CheckpointDType;
  readonly shape: readonly number[];
}
