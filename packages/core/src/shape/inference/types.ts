import type { DType, HostTensor } from '@varscope/kernel-api';
import type { TensorShape } from '../tensor-shape.js';

/**
 * One input of a node being inferred. `value` is present when the input's value is known:
 * at graph build for a `Const` producer; at run time core passes every `hostMemory`
 * input's value (and, for host ops such as `Where`, their data inputs).
 */
export interface InferInput {
  readonly dtype: DType;
  readonly shape: TensorShape;
  readonly value?: HostTensor;
}

/** One output of a node: its dtype and static shape (fully defined at run time). */
export interface InferOutput {
  readonly dtype: DType;
  readonly shape: TensorShape;
}

/** The node being inferred, for error messages. */
export interface InferNode {
  readonly name: string;
  readonly type: string;
}
