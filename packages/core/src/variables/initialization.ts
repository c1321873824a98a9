import { getDefaultGraph } from '../graph/graph.js';
import type { Operation } from '../graph/operation.js';
import type { Tensor } from '../graph/tensor.js';
import { group, noOp } from '../ops/control.js';
import { constant } from '../ops/convert.js';
import { buildOp1 } from '../ops/op-builder.js';
import { isVariableInitialized } from '../ops/state.js';
import { globalVariables, localVariables } from './collections.js';
import type { Variable } from './variable.js';

export { isVariableInitialized };

/**
 * One op that runs the initializers of `vars` (TensorFlow's `variables_initializer`): a `NoOp`
 * named `name` (default `init`, uniquified) with their `Assign` ops as control inputs; with no
 * variables, a plain `NoOp`.
 */
export function variablesInitializer(vars: readonly Variable[], name = 'init'): Operation {
  if (vars.length === 0) return noOp({ name });
  return group(vars.map((v) => v.initializer), { name });
}

/** Initializes every variable in GLOBAL_VARIABLES (TensorFlow's `global_variables_initializer`). */
export function globalVariablesInitializer(): Operation {
  return variablesInitializer(globalVariables());
}

/** Initializes every variable in LOCAL_VARIABLES (TensorFlow's `local_variables_initializer`). */
export function localVariablesInitializer(): Operation {
  return variablesInitializer(localVariables());
}

/** The VariableV2 outputs of every variable op in the graph: TensorFlow's fallback for graphs without collections. */
function variableOpOutputs(): Tensor[] {
  return getDefaultGraph().getOperations()
    .filter((op) => op.type === 'VariableV2' || op.type === 'Variable')
    .map((op) => op.output(0));
}

/**
 * A 1-D string tensor of the op names of the variables in `vars` (default: GLOBAL and LOCAL
 * variables) that are not initialized yet, in list order (TensorFlow's
 * `report_uninitialized_variables`). Empty when all are, or when there are none.
 * Ops live under the name scope `report_uninitialized_variables`; the mask runs on `/cpu:0`.
 */
export function reportUninitializedVariables(vars?: readonly (Variable | Tensor)[], options: { name?: string } = {}): Tensor {
  const g = getDefaultGraph();
  let list: readonly (Variable | Tensor)[] = vars ?? [...globalVariables(), ...localVariables()];
  if (vars === undefined && list.length === 0) list = variableOpOutputs();
  return g.atomically(() => g.nameScope(options.name ?? 'report_uninitialized_variables', () => {
    const initialized = list.map((v) => isVariableInitialized(v));
    return g.device('/cpu:0', () => {
      if (list.length === 0) return constant([], { dtype: 'string' });
      const mask = buildOp1({
        type: 'LogicalNot',
        inputs: () => [buildOp1({ type: 'Pack', name: 'stack', inputs: () => [initialized], attrs: { axis: 0 } })],
      });
      const names = constant(list.map((v) => v.op.name), { dtype: 'string' });
      return booleanMask1d(names, mask);
    });
  }));
}

/**
 * The elements of 1-D `tensor` where 1-D `mask` is true, with the ops of TensorFlow's
 * `boolean_mask` for that case: `Reshape` of the mask, `Where`, `Squeeze`, `GatherV2`.
 */
function booleanMask1d(tensor: Tensor, mask: Tensor): Tensor {
  const g = getDefaultGraph();
  return g.nameScope('boolean_mask', () => {
    const flatMask = buildOp1({ type: 'Reshape', inputs: () => [mask, constant([-1], { dtype: 'int32', name: 'shape' })] });
    const where = buildOp1({ type: 'Where', inputs: () => [flatMask] });
    const indices = buildOp1({ type: 'Squeeze', inputs: () => [where], attrs: { squeeze_dims: [1] } });
    return buildOp1({
      type: 'GatherV2',
      inputs: () => [tensor, indices, constant(0, { dtype: 'int32', name: 'axis' })],
    });
  });
}

/**
 * An op that fails with "Attempting to use uninitialized value" when run before every variable
 * in `vars` (default: GLOBAL and LOCAL variables) is initialized; null when there are none
 * (TensorFlow's `assert_variables_initialized`). Reads each variable's rank, colocated with it.
 */
export function assertVariablesInitialized(vars?: readonly Variable[]): Tensor | null {
  const g = getDefaultGraph();
  const list: readonly (Variable | Tensor)[] = vars ?? [...globalVariables(), ...localVariables()];
  const targets = list.length > 0 || vars !== undefined ? list : variableOpOutputs();
  if (targets.length === 0) return null;
  return g.atomically(() => {
    const ranks = targets.map((v) => g.colocateWith(v.op, () =>
      buildOp1({ type: 'Rank', inputs: () => [isVariable(v) ? v.value() : v] })));
    if (ranks.length === 1) return ranks[0] as Tensor;
    return buildOp1({ type: 'Pack', name: 'stack', inputs: () => [ranks], attrs: { axis: 0 } });
  });
}

function isVariable(v: Variable | Tensor): v is Variable {
  return typeof (v as Variable).value === 'function';
}
