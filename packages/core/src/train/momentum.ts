import type { Operation } from '../graph/operation.js';
import type { Tensor } from '../graph/tensor.js';
import { convertToTensor } from '../ops/index.js';
import type { Variable } from '../variables/index.js';
import { Optimizer, callIfCallable } from './optimizer.js';
import type { Hyperparameter } from './optimizer.js';

export interface MomentumOptions {
  readonly useLocking?: boolean;
  /** Default `Momentum`. */
  readonly name?: string;
  /** Nesterov momentum: `var -= lr·grad + lr·momentum·accum` after the accumulation. */
  readonly useNesterov?: boolean;
}

/**
 * `accum = momentum·accum + grad; var -= lr·accum` (TensorFlow's `tf.train.MomentumOptimizer`,
 * kernel `ApplyMomentum`); slot `momentum` → `W/Momentum`.
 */
export class MomentumOptimizer extends Optimizer {
  readonly #learningRate: Hyperparameter;
  readonly #momentum: Hyperparameter;
  readonly #useNesterov: boolean;
  #learningRateTensor: Tensor | null = null;
  #momentumTensor: Tensor | null = null;

  constructor(learningRate: Hyperparameter, momentum: Hyperparameter, options: MomentumOptions = {}) {
    super(options.useLocking ?? false, options.name ?? 'Momentum');
    this.#learningRate = learningRate;
    this.#momentum = momentum;
    this.#useNesterov = options.useNesterov ?? false;
  }

  protected createSlots(varList: readonly Variable[]): void {
    for (const v of varList) this.zerosSlot(v, 'momentum', this.name);
  }

  protected prepare(): void {
    this.#learningRateTensor = convertToTensor(callIfCallable(this.#learningRate), { name: 'learning_rate' });
    this.#momentumTensor = convertToTensor(callIfCallable(this.#momentum), { name: 'momentum' });
  }

  protected applyDense(grad: Tensor, v: Variable): Operation {
    const mom = this.getSlot(v, 'momentum') as Variable;
    return this.applyKernel('ApplyMomentum', [v, mom], [this.#learningRateTensor as Tensor, grad, this.#momentumTensor as Tensor],
      { use_nesterov: this.#useNesterov });
  }
}
