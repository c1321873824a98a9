import { ValueError } from '../errors.js';
import type { Operation } from '../graph/operation.js';
import type { Tensor } from '../graph/tensor.js';
import { convertToTensor, fill, shape } from '../ops/index.js';
import { constantInitializer } from '../variables/index.js';
import type { Variable } from '../variables/index.js';
import { Optimizer, callIfCallable } from './optimizer.js';
import type { Hyperparameter } from './optimizer.js';
import { createSlot } from './slot-creator.js';

export interface AdagradOptions {
  /** The accumulators' starting value, > 0 (default 0.1). */
  readonly initialAccumulatorValue?: number;
  readonly useLocking?: boolean;
  /** Default `Adagrad`. */
  readonly name?: string;
}

/**
 * Adagrad (TensorFlow's `tf.train.AdagradOptimizer`, kernel `ApplyAdagrad`):
 * `accum += g²; var -= lr·g/√accum`; slot `accumulator` → `W/Adagrad`.
 */
export class AdagradOptimizer extends Optimizer {
  readonly #lr: Hyperparameter;
  readonly #initialAccumulatorValue: number;
  #lrT: Tensor | null = null;

  constructor(learningRate: Hyperparameter, options: AdagradOptions = {}) {
    super(options.useLocking ?? false, options.name ?? 'Adagrad');
    const initial = options.initialAccumulatorValue ?? 0.1;
    if (!(initial > 0)) throw new ValueError(`initial_accumulator_value must be positive: ${initial}`);
    this.#lr = learningRate;
    this.#initialAccumulatorValue = initial;
  }

  protected createSlots(varList: readonly Variable[]): void {
    for (const v of varList) {
      if (this.getSlot(v, 'accumulator') !== null) continue;
      if (v.shape.isFullyDefined()) {
        this.getOrMakeSlotWithInitializer(v, constantInitializer(this.#initialAccumulatorValue, { dtype: v.dtype }), v.shape,
          v.dtype, 'accumulator', this.name);
      } else {
        const init = fill(shape(v.initializedValue()), convertToTensor(this.#initialAccumulatorValue, { dtype: v.dtype }));
        this.registerSlot(v, 'accumulator', createSlot(v, init, this.name));
      }
    }
  }

  protected prepare(): void {
    this.#lrT = convertToTensor(callIfCallable(this.#lr), { name: 'learning_rate' });
  }

  protected applyDense(grad: Tensor, v: Variable): Operation {
    const acc = this.getSlot(v, 'accumulator') as Variable;
    return this.applyKernel('ApplyAdagrad', [v, acc], [this.#lrT as Tensor, grad]);
  }
}
