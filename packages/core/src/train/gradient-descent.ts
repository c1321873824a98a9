import type { Operation } from '../graph/operation.js';
import type { Tensor } from '../graph/tensor.js';
import { convertToTensor } from '../ops/index.js';
import type { Variable } from '../variables/index.js';
import { Optimizer, callIfCallable } from './optimizer.js';
import type { Hyperparameter } from './optimizer.js';

export interface GradientDescentOptions {
  readonly useLocking?: boolean;
  /** Default `GradientDescent`. */
  readonly name?: string;
}

/** `var -= learningRate · grad` (TensorFlow's `tf.train.GradientDescentOptimizer`, kernel `ApplyGradientDescent`); no slots. */
export class GradientDescentOptimizer extends Optimizer {
  readonly #learningRate: Hyperparameter;
  #learningRateTensor: Tensor | null = null;

  constructor(learningRate: Hyperparameter, options: GradientDescentOptions = {}) {
    super(options.useLocking ?? false, options.name ?? 'GradientDescent');
    this.#learningRate = learningRate;
  }

  protected createSlots(): void {}

  protected prepare(): void {
    this.#learningRateTensor = convertToTensor(callIfCallable(this.#learningRate), { name: 'learning_rate' });
  }

  protected applyDense(grad: Tensor, v: Variable): Operation {
    return this.applyKernel('ApplyGradientDescent', [v], [this.#learningRateTensor as Tensor, grad]);
  }
}
