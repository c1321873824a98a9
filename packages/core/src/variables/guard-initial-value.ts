import type { Graph } from '../graph/graph.js';
import type { Operation } from '../graph/operation.js';
import type { Tensor } from '../graph/tensor.js';
import { GraphKeys } from './collections.js';

/** A variable as far as this module needs one (avoids importing variable.ts, which imports this). */
interface InitializedValueSource {
  readonly name: string;
  initializedValue(): Tensor;
}

/** Ops left alone: they already cope with uninitialized variables. */
const KEEP = new Set(['IsVariableInitialized', 'VarIsInitializedOp', 'ReadVariableOp', 'If']);
const VARIABLE_OPS = new Set(['Variable', 'VariableV2', 'VarHandleOp']);

/**
 * TensorFlow's `_try_guard_against_uninitialized_dependencies`: rewrites an initial value that
 * reads other variables so it reads their `initializedValue()` instead, which makes one
 * `globalVariablesInitializer()` run correct in any order (`new Variable(add(a, 1))`).
 *
 * Each op on a path from the initial value to a variable op is copied with the new inputs, named
 * `<op>_<scope>` as TensorFlow names it (`add_b` for the value of variable `b`); the rest of
 * the expression is shared. Variables that are not in GLOBAL or LOCAL_VARIABLES are read as they
 * are. `scope` is the variable's name scope with its trailing slash.
 */
export function guardInitialValue(graph: Graph, scope: string, value: Tensor): Tensor {
  return guardTensor(graph, scope, value, new Map());
}

function guardTensor(graph: Graph, scope: string, t: Tensor, cache: Map<Operation, Operation>): Tensor {
  let op = cache.get(t.op);
  if (op === undefined) {
    op = guardOp(graph, scope, t.op, cache);
    cache.set(t.op, op);
  }
  return op.output(t.valueIndex);
}

function guardOp(graph: Graph, scope: string, op: Operation, cache: Map<Operation, Operation>): Operation {
  if (KEEP.has(op.type)) return op;
  if (VARIABLE_OPS.has(op.type)) return initializedValueOf(graph, op)?.op ?? op;
  let modified = false;
  const inputs = op.inputs.map((input) => {
    const guarded = guardTensor(graph, scope, input, cache);
    if (guarded !== input) modified = true;
    return guarded;
  });
  if (!modified) return op;
  // The copy takes the original's inputs grouped as its schema says (list arguments as arrays).
  const groups: (Tensor | Tensor[])[] = [];
  let next = 0;
  for (const arg of op.def?.inputs ?? []) {
    const isList = arg.numberAttr !== undefined || arg.typeListAttr !== undefined;
    const n = !isList ? 1 : arg.numberAttr !== undefined ? Number(op.attrs[arg.numberAttr]) : (op.attrs[arg.typeListAttr as string] as readonly unknown[]).length;
    const slice = inputs.slice(next, next + n);
    next += n;
    groups.push(isList ? slice : slice[0] as Tensor);
  }
  const attrs = Object.fromEntries(Object.entries(op.attrs).filter(([k]) => k !== '_class'));
  const copy = graph.createOp({
    type: op.type === 'RefSwitch' ? 'Switch' : op.type,
    inputs: groups,
    attrs,
    name: `${op.name}_${scope}`.replaceAll(':', '_'),
    controlInputs: op.controlInputs,
  });
  return copy;
}

/** `initializedValue()` of the variable whose op is `variableOp`, from the variable collections. */
function initializedValueOf(graph: Graph, variableOp: Operation): Tensor | undefined {
  const names = [variableOp.name, `${variableOp.name}:0`];
  for (const key of [GraphKeys.GLOBAL_VARIABLES, GraphKeys.LOCAL_VARIABLES]) {
    for (const v of graph.getCollection<Partial<InitializedValueSource>>(key)) {
      if (typeof v?.name === 'string' && names.includes(v.name) && typeof v.initializedValue === 'function') {
        return v.initializedValue();
      }
    }
  }
  return undefined;
}
