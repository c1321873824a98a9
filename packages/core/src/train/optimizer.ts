// The optimizer base class (TensorFlow's training/optimizer.py, graph mode, reference variables).
import type { AttrValue, DType } from '@varscope/kernel-api';
import { ValueError } from '../errors.js';
import { AS_REF, TO_TENSOR, isTensorConvertible } from '../graph/conversion.js';
import { getDefaultGraph } from '../graph/graph.js';
import type { Graph } from '../graph/graph.js';
import type { Operation } from '../graph/operation.js';
import { Tensor } from '../graph/tensor.js';
import { gradients } from '../gradients/index.js';
import { gradientTuple } from '../gradients/gradient-tuple.js';
import { assign, assignAdd, cast, convertToTensor, group } from '../ops/index.js';
import type { TensorInput } from '../ops/index.js';
import { genOp } from '../ops/op-inputs.js';
import type { TensorShape } from '../shape/index.js';
import { GraphKeys, Variable, trainableVariables } from '../variables/index.js';
import type { VariableInitializer } from '../variables/index.js';
import type { GlobalStep } from './global-step.js';
import { createSlotWithInitializer, createZerosSlot } from './slot-creator.js';

/** A gradient and the variable it is for; the gradient is null where the loss does not depend on the variable. */
export type GradAndVar = readonly [Tensor | null, Variable];

/** A hyperparameter: a number, a tensor, or a function returning one (called when the update ops are built). */
export type Hyperparameter = number | Tensor | (() => number | Tensor);

/** How much gradient computation is serialized (TensorFlow's `Optimizer.GATE_*`). */
export type GateGradients = 0 | 1 | 2;

export interface ComputeGradientsOptions {
  /** Variables to differentiate; default the graph's TRAINABLE_VARIABLES. */
  readonly varList?: readonly Variable[];
  /** `Optimizer.GATE_NONE`, `GATE_OP` (default: each op's input gradients are grouped) or `GATE_GRAPH`. */
  readonly gateGradients?: GateGradients;
  readonly colocateGradientsWithOps?: boolean;
  /** The gradient of the loss itself (default ones). */
  readonly gradLoss?: TensorInput;
}

export interface ApplyGradientsOptions {
  /** Incremented by one after the updates (the returned op is then that increment, named after the optimizer). */
  readonly globalStep?: GlobalStep | null;
  /** The name of the returned op and the scope of the update ops (default: the optimizer's name). */
  readonly name?: string;
}

export type MinimizeOptions = ComputeGradientsOptions & ApplyGradientsOptions;

const VALID_DTYPES: readonly DType[] = ['float16', 'bfloat16', 'float32', 'float64'];

/** A hyperparameter resolved to a number or tensor. */
export function callIfCallable(value: Hyperparameter): number | Tensor {
  return typeof value === 'function' ? value() : value;
}

/**
 * Base class of the optimizers (TensorFlow's `tf.train.Optimizer`). `minimize` is
 * `computeGradients` then `applyGradients`; subclasses create their slots, prepare their
 * hyperparameter tensors and build one update op per variable (a fused `Apply*` kernel).
 *
 * Naming follows TensorFlow exactly: slots `W/<name>`, `W/<name>_1`…; non-slot variables
 * (`beta1_power`) in the current name scope; update ops under `<name>/update_<var>/`; the
 * returned op named `<name>` and added to TRAIN_OP.
 */
export abstract class Optimizer {
  static readonly GATE_NONE = 0 as const;
  static readonly GATE_OP = 1 as const;
  static readonly GATE_GRAPH = 2 as const;

  readonly #name: string;
  readonly #useLocking: boolean;
  /** slot name → primary variable op → slot variable. */
  readonly #slots = new Map<string, Map<Operation, Variable>>();
  /** non-slot variables by graph, then name. */
  readonly #nonSlot = new Map<Graph, Map<string, Variable>>();

  protected constructor(useLocking: boolean, name: string) {
    if (typeof name !== 'string' || name === '') throw new ValueError('Must specify the optimizer name');
    this.#useLocking = useLocking;
    this.#name = name;
  }

  /** The optimizer's name: the default scope of its ops and the suffix of its slots. */
  get name(): string {
    return this.#name;
  }

  protected get useLocking(): boolean {
    return this.#useLocking;
  }

  /**
   * Adds the ops that minimize `loss` by updating `varList` (TensorFlow's `minimize`): the
   * gradients, then their application. A ValueError when no variable has a gradient.
   */
  minimize(loss: TensorInput, options: MinimizeOptions = {}): Operation {
    const lossTensor = loss instanceof Tensor ? loss : isTensorConvertible(loss) ? loss[TO_TENSOR]() : null;
    const g = lossTensor?.graph ?? getDefaultGraph();
    // All-or-nothing: a failure leaves no gradient ops behind.
    return g.asDefault(() => g.atomically(() => {
      const gradsAndVars = this.computeGradients(loss, options);
      if (gradsAndVars.every(([grad]) => grad === null)) {
        throw new ValueError(`No gradients provided for any variable, check your graph for ops that do not support gradients, between variables ${pyList(gradsAndVars.map(([, v]) => String(v)))} and loss ${String(lossTensor ?? loss)}.`);
      }
      return this.applyGradients(gradsAndVars, options);
    }));
  }

  /**
   * The gradient of `loss` for each variable in `varList` (default: the trainable variables),
   * built under `gradients/`, as `[gradient | null, variable]` pairs in `varList` order.
   */
  computeGradients(loss: TensorInput, options: ComputeGradientsOptions = {}): GradAndVar[] {
    const gate = options.gateGradients ?? Optimizer.GATE_OP;
    if (gate !== Optimizer.GATE_NONE && gate !== Optimizer.GATE_OP && gate !== Optimizer.GATE_GRAPH) {
      throw new ValueError(`gate_gradients must be one of: Optimizer.GATE_NONE, Optimizer.GATE_OP, Optimizer.GATE_GRAPH.  Not ${String(gate)}`);
    }
    const lossTensor = convertToTensor(loss);
    const g = lossTensor.graph;
    return g.asDefault(() => g.atomically(() => {
      assertValidDTypes([lossTensor]);
      const varList = options.varList === undefined ? trainableVariables() : [...options.varList];
      for (const v of varList) {
        if (!(v instanceof Variable)) throw new TypeError(`Trying to optimize unsupported type ${String(v)}`);
      }
      if (varList.length === 0) throw new ValueError('No variables to optimize.');
      let gradLoss: Tensor | null = null;
      if (options.gradLoss !== undefined) {
        gradLoss = convertToTensor(options.gradLoss, { dtype: lossTensor.dtype });
        assertValidDTypes([gradLoss]);
      }
      let grads = gradients(lossTensor, varList.map((v) => v[AS_REF]()), gradLoss, {
        gateGradients: gate === Optimizer.GATE_OP,
        colocateGradientsWithOps: options.colocateGradientsWithOps ?? false,
      });
      if (gate === Optimizer.GATE_GRAPH) {
        grads = gradientTuple(g, grads);
      }
      const pairs: GradAndVar[] = varList.map((v, i) => [grads[i] ?? null, v] as const);
      assertValidDTypes(pairs.filter(([t]) => t !== null).map(([, v]) => v));
      return pairs;
    }));
  }

  /**
   * Adds the ops that apply `gradsAndVars` (TensorFlow's `apply_gradients`): slots are created
   * (outside any control dependencies), then under the name scope `name` one update per
   * variable with a gradient, in `update_<var>/`, colocated with the variable. Returns the op
   * that runs them all — with a `globalStep`, its increment — and adds it to TRAIN_OP.
   */
  applyGradients(gradsAndVars: Iterable<GradAndVar>, options: ApplyGradientsOptions = {}): Operation {
    const list = [...gradsAndVars];
    if (list.length === 0) throw new ValueError('No variables provided.');
    const converted = list.map(([grad, v]): [Tensor | null, Variable] => {
      if (!(v instanceof Variable)) throw new TypeError(`Trying to update unsupported type ${String(v)}`);
      if (grad === null || grad === undefined) return [null, v];
      if (!(grad instanceof Tensor) && !isTensorConvertible(grad)) {
        throw new TypeError(`Gradient must be convertible to a Tensor or IndexedSlices, or None: ${String(grad)}`);
      }
      return [convertToTensor(grad), v];
    });
    const varList = converted.filter(([g]) => g !== null).map(([, v]) => v);
    if (varList.length === 0) {
      throw new ValueError(`No gradients provided for any variable: ${pyList(converted.map(([, v]) => String(v)))}.`);
    }
    const g = (varList[0] as Variable).graph;
    return g.asDefault(() => g.atomically(() => {
      g.initScope(() => this.createSlots(varList));
      const updateOps: Operation[] = [];
      const applyUpdates = g.nameScope(options.name || this.#name, (scope) => {
        this.prepare();
        for (const [grad, v] of converted) {
          if (grad === null) continue;
          updateOps.push(g.nameScope(`update_${v.op.name}`, () => g.colocateWith(v.op, () => this.#updateOp(grad, v))));
        }
        const step = options.globalStep ?? null;
        if (step === null) return this.finish(updateOps, scope);
        return g.controlDependencies([this.finish(updateOps, 'update')], () =>
          g.colocateWith(step.op, () => assignAdd(step, 1, { name: scope }).op));
      });
      const trainOps = g.getCollectionRef<Operation>(GraphKeys.TRAIN_OP);
      if (!trainOps.includes(applyUpdates)) g.addToCollection(GraphKeys.TRAIN_OP, applyUpdates);
      return applyUpdates;
    }));
  }

  /** The update of one variable, then its constraint if it has one. */
  #updateOp(grad: Tensor, v: Variable): Operation {
    const update = this.applyDense(grad, v);
    const constraint = v.constraint;
    if (constraint === null) return update;
    return getDefaultGraph().controlDependencies([update], () => assign(v, constraint(v.value())).op);
  }

  /** The slot `name` of variable `v` (`getSlot(W, 'm')` → `W/Adam`), or null. */
  getSlot(v: Variable, name: string): Variable | null {
    return this.#slots.get(name)?.get(v.op) ?? null;
  }

  /** The names of the slots this optimizer creates, sorted (`['m', 'v']` for Adam). */
  getSlotNames(): string[] {
    return [...this.#slots.keys()].sort();
  }

  /** Every variable this optimizer created in the default graph (slots and non-slot), sorted by name. */
  variables(): Variable[] {
    const g = getDefaultGraph();
    const vars: Variable[] = [];
    for (const slots of this.#slots.values()) for (const v of slots.values()) if (v.graph === g) vars.push(v);
    for (const v of this.#nonSlot.get(g)?.values() ?? []) vars.push(v);
    return vars.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  // ---------------------------------------------------------------- for subclasses

  /** Creates the slots of every variable in `varList` (run outside control dependencies). */
  protected abstract createSlots(varList: readonly Variable[]): void;

  /** Converts the hyperparameters to tensors, inside the optimizer's name scope. */
  protected abstract prepare(): void;

  /** The update op of variable `v` given its dense gradient. */
  protected abstract applyDense(grad: Tensor, v: Variable): Operation;

  /** Groups the update ops into the op `name` (subclasses add their own final updates). */
  protected finish(updateOps: readonly Operation[], name: string): Operation {
    return group(updateOps, { name });
  }

  #slotDict(slotName: string): Map<Operation, Variable> {
    let named = this.#slots.get(slotName);
    if (named === undefined) {
      named = new Map();
      this.#slots.set(slotName, named);
    }
    return named;
  }

  /** The zeros slot `slotName` of `v`, created as `<v>/<opName>` if missing. */
  protected zerosSlot(v: Variable, slotName: string, opName: string): Variable {
    const named = this.#slotDict(slotName);
    let slot = named.get(v.op);
    if (slot === undefined) {
      slot = createZerosSlot(v, opName);
      named.set(v.op, slot);
    }
    return slot;
  }

  /** Records a slot a subclass created itself (for primaries without a static shape). */
  protected registerSlot(v: Variable, slotName: string, slot: Variable): void {
    this.#slotDict(slotName).set(v.op, slot);
  }

  /** The slot `slotName` of `v` filled by `initializer`, created as `<v>/<opName>` if missing. */
  protected getOrMakeSlotWithInitializer(v: Variable, initializer: VariableInitializer, shape: TensorShape, dtype: DType,
    slotName: string, opName: string): Variable {
    const named = this.#slotDict(slotName);
    let slot = named.get(v.op);
    if (slot === undefined) {
      slot = createSlotWithInitializer(v, initializer, shape, dtype, opName);
      named.set(v.op, slot);
    }
    return slot;
  }

  /**
   * A variable of the optimizer itself (Adam's `beta1_power`): one per graph, a plain
   * non-trainable variable in the current name scope, colocated with `colocateWith`.
   */
  protected createNonSlotVariable(initialValue: TensorInput, name: string, colocateWith: Variable): Variable {
    const g = colocateWith.graph;
    let byName = this.#nonSlot.get(g);
    if (byName === undefined) {
      byName = new Map();
      this.#nonSlot.set(g, byName);
    }
    let v = byName.get(name);
    if (v === undefined) {
      v = g.colocateWith(colocateWith.op, () => new Variable(initialValue, { name, trainable: false }));
      byName.set(name, v);
    }
    return v;
  }

  /** The non-slot variable `name` of `graph` (default: the default graph), or null. */
  protected getNonSlotVariable(name: string, graph: Graph = getDefaultGraph()): Variable | null {
    return this.#nonSlot.get(graph)?.get(name) ?? null;
  }

  /**
   * Builds a fused update kernel (`ApplyAdam`…): reference inputs for the variable and its
   * slots, then the kernel's other inputs in schema order (hyperparameters and the gradient),
   * cast to the variable's dtype (no op where they already match), as TensorFlow's optimizers do.
   */
  protected applyKernel(type: string, refs: readonly Variable[], args: readonly (Tensor | Variable)[],
    attrs: Record<string, AttrValue> = {}): Operation {
    const dtype = (refs[0] as Variable).dtype;
    return genOp({
      type,
      inputs: [...refs.map((r) => r[AS_REF]()), ...args.map((a) => cast(a, dtype))],
      attrs: { use_locking: this.#useLocking, ...attrs },
    });
  }
}

/** Float dtypes only (TensorFlow's `_assert_valid_dtypes`). */
function assertValidDTypes(items: readonly (Tensor | Variable)[]): void {
  for (const t of items) {
    if (!VALID_DTYPES.includes(t.dtype)) {
      throw new ValueError(`Invalid type ${t.dtype} for ${t.name}, expected: [${VALID_DTYPES.join(', ')}].`);
    }
  }
}

/** A list formatted as Python prints a list of strings. */
function pyList(items: readonly string[]): string {
  return `[${items.map((s) => `'${s}'`).join(', ')}]`;
}
