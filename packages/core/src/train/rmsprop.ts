import type { Operation } from '../graph/operation.js';
import type { Tensor } from '../graph/tensor.js';
import { convertToTensor, onesLike } from '../ops/index.js';
import { onesInitializer } from '../variables/index.js';
import type { Variable } from '../variables/index.js';
import { Optimizer, callIfCallable } from './optimizer.js';
import type { Hyperparameter } from './optimizer.js';
import { createSlot } from './slot-creator.js';

export interface RMSPropOptions {
  /** Discount of the mean square (default 0.9). */
  readonly decay?: Hyperparameter;
  /** Default 0. */
  readonly momentum?: Hyperparameter;
  /** Default 1e-10. */
  readonly epsilon?: Hyperparameter;
  readonly useLocking?: boolean;
  /** Normalize by the variance estimate rather than the second moment (kernel `ApplyCenteredRMSProp`). */
  readonly centered?: boolean;
  /** Default `RMSProp`. */
  readonly name?: string;
}

/**
 * RMSProp (TensorFlow's `tf.train.RMSPropOptimizer`, kernels `ApplyRMSProp` /
 * `ApplyCenteredRMSProp`): slots `rms` (ones) → `W/RMSProp`, then `mg` when centered, then
 * `momentum` → `W/RMSProp_1` (`W/RMSProp_2` when centered).
 */
export class RMSPropOptimizer extends Optimizer {
  readonly #lr: Hyperparameter;
  readonly #decay: Hyperparameter;
  readonly #momentum: Hyperparameter;
  readonly #epsilon: Hyperparameter;
  readonly #centered: boolean;
  #lrT: Tensor | null = null;
  #decayT: Tensor | null = null;
  #momentumT: Tensor | null = null;
  #epsilonT: Tensor | null = null;

  constructor(learningRate: Hyperparameter, options: RMSPropOptions = {}) {
    super(options.useLocking ?? false, options.name ?? 'RMSProp');
    this.#lr = learningRate;
    this.#decay = options.decay ?? 0.9;
    this.#momentum = options.momentum ?? 0;
    this.#epsilon = options.epsilon ?? 1e-10;
    this.#centered = options.centered ?? false;
  }

  protected createSlots(varList: readonly Variable[]): void {
    for (const v of varList) {
      if (this.getSlot(v, 'rms') === null) {
        if (v.shape.isFullyDefined()) {
          this.getOrMakeSlotWithInitializer(v, onesInitializer({ dtype: v.dtype }), v.shape, v.dtype, 'rms', this.name);
        } else {
          this.registerSlot(v, 'rms', createSlot(v, onesLike(v.initializedValue()), this.name));
        }
      }
      if (this.#centered) this.zerosSlot(v, 'mg', this.name);
      this.zerosSlot(v, 'momentum', this.name);
    }
  }

  protected prepare(): void {
    this.#lrT = convertToTensor(callIfCallable(this.#lr), { name: 'learning_rate' });
    this.#decayT = convertToTensor(callIfCallable(this.#decay), { name: 'decay' });
    this.#momentumT = convertToTensor(callIfCallable(this.#momentum), { name: 'momentum' });
    this.#epsilonT = convertToTensor(callIfCallable(this.#epsilon), { name: 'epsilon' });
  }

  protected applyDense(grad: Tensor, v: Variable): Operation {
    const rms = this.getSlot(v, 'rms') as Variable;
    const mom = this.getSlot(v, 'momentum') as Variable;
    const scalars = [this.#lrT, this.#decayT, this.#momentumT, this.#epsilonT] as Tensor[];
    if (this.#centered) {
      const mg = this.getSlot(v, 'mg') as Variable;
      return this.applyKernel('ApplyCenteredRMSProp', [v, mg, rms, mom], [...scalars, grad]);
    }
    return this.applyKernel('ApplyRMSProp', [v, rms, mom], [...scalars, grad]);
  }
}
