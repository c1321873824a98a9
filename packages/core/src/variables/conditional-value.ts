import { UnimplementedError } from '../errors.js';
import type { Tensor } from '../graph/tensor.js';

/**
 * `pred ? trueFn() : falseFn()` evaluated lazily in the graph (TensorFlow's `tf.cond`), used by
 * `Variable.initializedValue()`. Needs the control-flow ops (Switch/Merge).
 */
export function conditionalValue(_pred: Tensor, _trueFn: () => Tensor, _falseFn: () => Tensor): Tensor {
  throw new UnimplementedError('initializedValue() is not yet available: it needs cond (control-flow ops), which varscope does not provide yet.');
}
