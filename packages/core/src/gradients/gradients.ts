import { ValueError } from '../errors.js';
import { AS_REF, TO_TENSOR, isRefConvertible, isTensorConvertible } from '../graph/conversion.js';
import { getDefaultGraph } from '../graph/graph.js';
import type { Graph } from '../graph/graph.js';
import type { Operation } from '../graph/operation.js';
import { Tensor } from '../graph/tensor.js';
import { addN, constant, convertToTensor, fill, shape, zerosLike } from '../ops/index.js';
import { gradientTuple } from './gradient-tuple.js';
import type { TensorInput } from '../ops/index.js';
import { isTrainableDType } from './math-grad.js';
import { getGradientFunction, LookupError } from './registry.js';

/** What `gradients` differentiates with respect to: a tensor, or a variable (its reference). */
export type GradientTarget = Tensor | { [AS_REF](): Tensor } | { [TO_TENSOR](): Tensor };

export interface GradientsOptions {
  /** The name scope of the backward ops (default `gradients`, uniquified: `gradients_1`…). */
  readonly name?: string;
  /**
   * Group each op's input gradients with a `tuple` so that none is used before all are
   * computed (TensorFlow's `gate_gradients`; optimizers turn it on). Default false.
   */
  readonly gateGradients?: boolean;
  /** Build each gradient op colocated with its forward op. Default false. */
  readonly colocateGradientsWithOps?: boolean;
  /** Tensors treated as constants: no gradient flows through them. */
  readonly stopGradients?: readonly Tensor[];
}

function asTarget(x: GradientTarget, what: string): Tensor {
  if (x instanceof Tensor) return x;
  if (isRefConvertible(x)) return x[AS_REF]();
  if (isTensorConvertible(x)) return x[TO_TENSOR]();
  throw new TypeError(`gradients: ${what} must be tensors or variables, got ${String(x)}`);
}

/** The data inputs that matter for backprop (TensorFlow's `_NonEagerInputs`). */
const inputsOf = (op: Operation): readonly Tensor[] => op.inputs;

/**
 * The symbolic partial derivatives of `sum(ys)` with respect to each of `xs` (TensorFlow's
 * `tf.gradients`): backward ops are added to the graph under the name scope `gradients/`, one
 * sub-scope per forward op (`gradients/MatMul_grad/…`), with gradients flowing into one tensor
 * summed by `gradients/AddN`. `gradYs` are the initial gradients of `ys` (default ones:
 * `gradients/Fill`). An `x` that `ys` does not depend on gets `null`. A variable in `xs` is
 * differentiated through its reference, as in TensorFlow. An op on the path whose type has no
 * registered gradient is a `LookupError`. All-or-nothing: on error the graph is unchanged.
 */
export function gradients(
  ys: GradientTarget | readonly GradientTarget[],
  xs: GradientTarget | readonly GradientTarget[],
  gradYs?: TensorInput | null | readonly (TensorInput | null | undefined)[] | null,
  options: GradientsOptions = {},
): (Tensor | null)[] {
  const yList = (Array.isArray(ys) ? ys : [ys]) as readonly GradientTarget[];
  const xList = (Array.isArray(xs) ? xs : [xs]) as readonly GradientTarget[];
  const yTensors = yList.map((y) => asTarget(y, 'ys'));
  const xTensors = xList.map((x) => asTarget(x, 'xs'));
  // With a list of ys, gradYs is a list (one per y); with a single y, a single value.
  let gradYList: readonly (TensorInput | null | undefined)[];
  if (gradYs === undefined || gradYs === null) gradYList = yTensors.map(() => null);
  else if (Array.isArray(ys)) {
    if (!Array.isArray(gradYs)) throw new TypeError('gradients: with a list of ys, gradYs must be a list (one entry per y)');
    gradYList = gradYs as readonly (TensorInput | null | undefined)[];
  } else gradYList = [gradYs as TensorInput];
  if (gradYList.length !== yTensors.length) {
    throw new ValueError(`Passed ${gradYList.length} grad_ys for ${yTensors.length} ys`);
  }
  const graph = yTensors[0]?.graph ?? getDefaultGraph();
  for (const t of [...yTensors, ...xTensors]) {
    if (t.graph !== graph) throw new ValueError(`gradients: ${t.name} is from a different graph than ${yTensors[0]?.name}`);
  }
  return graph.asDefault(() => graph.atomically(() => graph.nameScope(options.name || 'gradients', () =>
    buildGradients(graph, yTensors, xTensors, gradYList, options))));
}

function buildGradients(graph: Graph, ys: readonly Tensor[], xs: readonly Tensor[],
  gradYsIn: readonly (TensorInput | null | undefined)[], options: GradientsOptions): (Tensor | null)[] {
  const colocate = options.colocateGradientsWithOps ?? false;
  const maybeColocate = <T>(op: Operation, fn: () => T): T => (colocate ? graph.colocateWith(op, fn) : fn());
  const gradYs = defaultGradYs(ys, gradYsIn, maybeColocate);

  const toOps = ys.map((t) => t.op);
  const fromOps = xs.map((t) => t.op);
  const stopGradientOps = new Set((options.stopGradients ?? []).map((t) => t.op));
  const { reachableToOps, pendingCount } = pendingCounts(toOps, fromOps);

  // op → per-output lists of gradients still to aggregate.
  const grads = new Map<Operation, (Tensor | null)[][]>();
  const setGrad = (t: Tensor, g: Tensor): void => {
    let opGrads = grads.get(t.op);
    if (opGrads === undefined) {
      opGrads = t.op.outputs.map(() => []);
      grads.set(t.op, opGrads);
    }
    (opGrads[t.valueIndex] as (Tensor | null)[]).push(g);
  };
  ys.forEach((y, i) => setGrad(y, gradYs[i] as Tensor));

  const queue: Operation[] = [];
  const queued = new Set<Operation>();
  for (const op of toOps) {
    if ((pendingCount.get(op) ?? 0) === 0 && !queued.has(op) && reachableToOps.has(op)) {
      queued.add(op);
      queue.push(op);
    }
  }
  const stopOps = new Set<Operation>(stopGradientOps);
  for (const op of fromOps) {
    if (inputsOf(op).every((t) => (pendingCount.get(t.op) ?? 0) <= 0)) stopOps.add(op);
  }

  // The aggregated gradient of each output, once its op has been processed.
  const aggregated = new Map<Operation, (Tensor | null)[]>();
  for (let qi = 0; qi < queue.length; qi++) {
    const op = queue[qi] as Operation;
    maybeColocate(op, () => {
      const outGrads = aggregateGrads(graph, grads.get(op), op);
      aggregated.set(op, outGrads);
      const hasOutGrads = outGrads.some((g) => g !== null);
      let gradFn = null;
      if (hasOutGrads && !stopOps.has(op)) gradFn = getGradientFunction(op);
      let inGrads: readonly (Tensor | null)[];
      if (gradFn !== null && hasOutGrads) {
        op.outputs.forEach((out, i) => {
          if (outGrads[i] === null && isTrainableDType(out.dtype)) {
            // The loss does not depend on this output: its gradient is zero.
            outGrads[i] = zerosLike(out, { optimize: false });
          }
        });
        const fn = gradFn;
        inGrads = graph.nameScope(`${op.name}_grad`, () => {
          let result = fn(op, outGrads);
          if (result.length !== op.inputs.length) {
            throw new ValueError(`Num gradients ${result.length} generated for op ${op.name} do not match num inputs ${op.inputs.length}`);
          }
          if ((options.gateGradients ?? false) && result.filter((g) => g !== null).length > 1) {
            result = graph.device(null, () => graph.colocateWith(null, () => gradientTuple(graph, result), true));
          }
          return result;
        });
      } else {
        inGrads = inputsOf(op).map(() => null);
      }
      inputsOf(op).forEach((tIn, i) => {
        const g = inGrads[i] ?? null;
        if (g === null) return;
        try {
          g.setShape(tIn.shape);
        } catch (e) {
          throw new ValueError(`Incompatible shapes between op input and calculated input gradient.  Forward operation: ${op.name}.  Input index: ${i}. Original input shape: ${tIn.shape.toString()}.  Calculated input gradient shape: ${g.shape.toString()}`, { cause: e });
        }
        setGrad(tIn, g);
      });
    });
    // Ops whose consumers have all been processed are ready.
    for (const x of inputsOf(op)) {
      const n = (pendingCount.get(x.op) ?? 0) - 1;
      pendingCount.set(x.op, n);
      if (n === 0) queue.push(x.op);
    }
  }

  return xs.map((x) => {
    const outGrads = aggregated.get(x.op) ?? aggregateGrads(graph, grads.get(x.op), x.op);
    aggregated.set(x.op, outGrads);
    return outGrads[x.valueIndex] ?? null;
  });
}

/** The initial gradients: the given ones converted to each y's dtype, else `fill(shape(y), 1)`. */
function defaultGradYs(ys: readonly Tensor[], gradYs: readonly (TensorInput | null | undefined)[],
  maybeColocate: <T>(op: Operation, fn: () => T) => T): Tensor[] {
  return ys.map((y, i) => maybeColocate(y.op, () => {
    const given = gradYs[i];
    if (given === null || given === undefined) {
      if (y.dtype === 'complex64' || y.dtype === 'complex128') {
        throw new TypeError(`Gradients of complex tensors must set grad_ys (y.dtype = ${y.dtype})`);
      }
      return fill(shape(y), constant(1, { dtype: y.dtype, name: `grad_ys_${i}` }));
    }
    const g = convertToTensor(given, { dtype: y.dtype, name: `grad_ys_${i}` });
    if (!g.shape.isCompatibleWith(y.shape)) {
      throw new ValueError(`Shapes of grad_ys[${i}] ${g.shape.toString()} and ys[${i}] ${y.shape.toString()} are incompatible`);
    }
    return g;
  }));
}

/**
 * TensorFlow's `_PendingCount`: the ops on a path from `fromOps` to `toOps` along tensors
 * gradients can flow through (floating dtypes), and for each such op the number of its
 * consumers on those paths.
 */
function pendingCounts(toOps: readonly Operation[], fromOps: readonly Operation[]):
  { reachableToOps: Set<Operation>; pendingCount: Map<Operation, number> } {
  const reached = new Set<Operation>();
  const stack = [...fromOps];
  while (stack.length > 0) {
    const op = stack.pop() as Operation;
    if (reached.has(op)) continue;
    reached.add(op);
    for (const out of op.outputs) {
      if (!isTrainableDType(out.dtype)) continue;
      for (const consumer of out.consumers()) stack.push(consumer);
    }
  }
  const reachableToOps = new Set(toOps.filter((op) => reached.has(op)));
  const between = new Set<Operation>();
  const betweenList: Operation[] = [];
  const queue = [...toOps];
  for (let i = 0; i < queue.length; i++) {
    const op = queue[i] as Operation;
    if (!reached.has(op)) continue;
    between.add(op);
    betweenList.push(op);
    reached.delete(op);
    for (const t of inputsOf(op)) queue.push(t.op);
  }
  const pendingCount = new Map<Operation, number>();
  for (const op of betweenList) {
    for (const t of inputsOf(op)) {
      if (between.has(t.op)) pendingCount.set(t.op, (pendingCount.get(t.op) ?? 0) + 1);
    }
  }
  return { reachableToOps, pendingCount };
}

/**
 * One gradient per output of `op`: none → null, one → itself, several → their sum
 * (`gradients/AddN`, colocated with the first, as TensorFlow's `_MultiDeviceAddN` does for
 * gradients on one device).
 */
function aggregateGrads(graph: Graph, opGrads: readonly (Tensor | null)[][] | undefined, op: Operation): (Tensor | null)[] {
  return op.outputs.map((_out, i) => {
    const list = (opGrads?.[i] ?? []).filter((g): g is Tensor => g !== null);
    if (list.length === 0) return null;
    if (list.length === 1) return list[0] as Tensor;
    const firstOp = (list[0] as Tensor).op;
    return graph.colocateWith(firstOp, () => addN(list), true);
  });
}

export { LookupError };
