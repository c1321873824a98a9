import type { DType, TensorData } from '@varscope/kernel-api';

/** A kernel's view of one tensor: its dtype, shape and the live storage it reads or writes. */
export interface TensorView {
  readonly dtype: DType;
  readonly shape: readonly number[];
  /** Element count (`shapeSize(shape)`); storage length is `size × lanes`. */
  readonly size: number;
  readonly data: TensorData;
}
