import { getDefaultGraph } from '../graph/graph.js';
import type { Operation } from '../graph/operation.js';
import type { Tensor } from '../graph/tensor.js';
import { assign, convertToTensor, group, mul } from '../ops/index.js';
import type { Variable } from '../variables/index.js';
import { Optimizer, callIfCallable } from './optimizer.js';
import type { Hyperparameter } from './optimizer.js';

export interface AdamOptions {
  /** Default 0.001. */
  readonly learningRate?: Hyperparameter;
  /** Decay of the first moment (default 0.9). */
  readonly beta1?: Hyperparameter;
  /** Decay of the second moment (default 0.999). */
  readonly beta2?: Hyperparameter;
  /** Added to `√v̂` in the denominator (default 1e-8): TensorFlow's "epsilon hat". */
  readonly epsilon?: Hyperparameter;
  readonly useLocking?: boolean;
  /** Default `Adam`. */
  readonly name?: string;
}

/**
 * Adam (TensorFlow's `tf.train.AdamOptimizer`, kernel `ApplyAdam`), with TensorFlow's
 * arithmetic: `lr_t = lr·√(1-β₂ᵗ)/(1-β₁ᵗ)`, `m = β₁m + (1-β₁)g`, `v = β₂v + (1-β₂)g²`,
 * `var -= lr_t·m/(√v + ε)`. Slots `m` → `W/Adam`, `v` → `W/Adam_1`; the powers `βᵗ` live in the
 * non-slot variables `beta1_power` and `beta2_power`, updated after every step (`Adam/Assign`,
 * `Adam/Assign_1`).
 */
export class AdamOptimizer extends Optimizer {
  readonly #lr: Hyperparameter;
  readonly #beta1: Hyperparameter;
  readonly #beta2: Hyperparameter;
  readonly #epsilon: Hyperparameter;
  #lrT: Tensor | null = null;
  #beta1T: Tensor | null = null;
  #beta2T: Tensor | null = null;
  #epsilonT: Tensor | null = null;

  constructor(options: AdamOptions = {}) {
    super(options.useLocking ?? false, options.name ?? 'Adam');
    this.#lr = options.learningRate ?? 0.001;
    this.#beta1 = options.beta1 ?? 0.9;
    this.#beta2 = options.beta2 ?? 0.999;
    this.#epsilon = options.epsilon ?? 1e-8;
  }

  #betaAccumulators(): [Variable, Variable] {
    const g = getDefaultGraph();
    return [this.getNonSlotVariable('beta1_power', g) as Variable, this.getNonSlotVariable('beta2_power', g) as Variable];
  }

  protected createSlots(varList: readonly Variable[]): void {
    // Colocated with the variable whose name sorts first, as TensorFlow does.
    const first = [...varList].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))[0] as Variable;
    this.createNonSlotVariable(callIfCallable(this.#beta1), 'beta1_power', first);
    this.createNonSlotVariable(callIfCallable(this.#beta2), 'beta2_power', first);
    for (const v of varList) {
      this.zerosSlot(v, 'm', this.name);
      this.zerosSlot(v, 'v', this.name);
    }
  }

  protected prepare(): void {
    this.#lrT = convertToTensor(callIfCallable(this.#lr), { name: 'learning_rate' });
    this.#beta1T = convertToTensor(callIfCallable(this.#beta1), { name: 'beta1' });
    this.#beta2T = convertToTensor(callIfCallable(this.#beta2), { name: 'beta2' });
    this.#epsilonT = convertToTensor(callIfCallable(this.#epsilon), { name: 'epsilon' });
  }

  protected applyDense(grad: Tensor, v: Variable): Operation {
    const m = this.getSlot(v, 'm') as Variable;
    const vv = this.getSlot(v, 'v') as Variable;
    const [beta1Power, beta2Power] = this.#betaAccumulators();
    return this.applyKernel('ApplyAdam', [v, m, vv], [
      beta1Power, beta2Power, this.#lrT as Tensor, this.#beta1T as Tensor, this.#beta2T as Tensor, this.#epsilonT as Tensor, grad,
    ], { use_nesterov: false });
  }

  protected override finish(updateOps: readonly Operation[], name: string): Operation {
    const g = getDefaultGraph();
    const [beta1Power, beta2Power] = this.#betaAccumulators();
    const [update1, update2] = g.controlDependencies(updateOps, () => g.colocateWith(beta1Power.op, () => [
      assign(beta1Power, mul(beta1Power, this.#beta1T as Tensor), { useLocking: this.useLocking }),
      assign(beta2Power, mul(beta2Power, this.#beta2T as Tensor), { useLocking: this.useLocking }),
    ]));
    return group([...updateOps, update1 as Tensor, update2 as Tensor], { name });
  }
}
