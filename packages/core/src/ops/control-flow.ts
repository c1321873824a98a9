import { ValueError } from '../errors.js';
import { getDefaultGraph } from '../graph/graph.js';
import type { Graph } from '../graph/graph.js';
import { Operation } from '../graph/operation.js';
import type { Tensor } from '../graph/tensor.js';
import type { TensorConvertible } from '../graph/conversion.js';
import { identity } from './control.js';
import { convertToTensor } from './convert.js';
import type { TensorInput } from './convert.js';
import { genOp } from './op-inputs.js';

/** A leaf a branch of {@link cond} may return: a tensor-like, or an op (the branch then yields its pivot, run after the op). */
export type CondLeaf = TensorInput | Operation;

/** What a branch of {@link cond} returns: a leaf, or arrays / plain objects of them (TensorFlow's nested structures). */
export type CondBranchResult = CondLeaf | readonly CondBranchResult[] | { readonly [key: string]: CondBranchResult };

/** The structure of `T` with every leaf a `Tensor`. */
export type CondOutput<T> =
  T extends Tensor | TensorConvertible | Operation ? Tensor
    : T extends readonly unknown[] ? { -readonly [K in keyof T]: CondOutput<T[K]> }
      : T extends { readonly [key: string]: unknown } ? { -readonly [K in keyof T]: CondOutput<T[K]> }
        : Tensor;

export interface CondOptions {
  readonly name?: string;
  /** Keep a one-element array result as an array (TensorFlow's `strict=True`); by default it is unpacked. */
  readonly strict?: boolean;
}

function isStructure(x: unknown): x is readonly unknown[] | Record<string, unknown> {
  if (Array.isArray(x)) return true;
  if (x === null || typeof x !== 'object') return false;
  const proto = Object.getPrototypeOf(x) as unknown;
  return proto === Object.prototype || proto === null;
}

/** The leaves of a structure in a fixed order (arrays by index, objects by sorted key, as TensorFlow's `nest`). */
function flatten(x: unknown): unknown[] {
  if (Array.isArray(x)) return x.flatMap(flatten);
  if (isStructure(x)) return Object.keys(x).sort().flatMap((k) => flatten((x as Record<string, unknown>)[k]));
  return [x];
}

/** Rebuilds `structure` with the leaves taken in order from `leaves`. */
function packAs(structure: unknown, leaves: unknown[]): unknown {
  if (Array.isArray(structure)) return structure.map((s) => packAs(s, leaves));
  if (isStructure(structure)) {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(structure)) out[k] = undefined;
    for (const k of Object.keys(structure).sort()) out[k] = packAs((structure as Record<string, unknown>)[k], leaves);
    return out;
  }
  return leaves.shift();
}

/** Describes a structure for error messages: `[_, {a: _, b: _}]`. */
function describeStructure(x: unknown): string {
  if (Array.isArray(x)) return `[${x.map(describeStructure).join(', ')}]`;
  if (isStructure(x)) return `{${Object.keys(x).sort().map((k) => `${k}: ${describeStructure((x as Record<string, unknown>)[k])}`).join(', ')}}`;
  return '_';
}

/**
 * `pred ? trueFn() : falseFn()` evaluated lazily in the graph (TensorFlow 1.x's `tf.cond`), built
 * as TensorFlow builds it under the name scope `cond`:
 * - `cond/Switch` forwards `pred` to one of its outputs; identities of those outputs,
 *   `cond/switch_t` and `cond/switch_f`, are the branches' pivots, and `cond/pred_id` is `pred`;
 * - each branch is built with a control dependency on its pivot, so on the untaken side its
 *   ops receive a dead input and do not run (a value the branch returns from outside it is
 *   routed through its own `Switch` on `pred_id` instead);
 * - one `Merge` per returned tensor forwards the live side.
 * Both branches must return the same structure of tensors with matching dtypes. Branch
 * callbacks must be synchronous.
 *
 * Unlike TensorFlow, an op inside a branch that reads a tensor from outside it reads that tensor
 * directly (with the pivot as a control input) rather than through a per-value `Switch`; the
 * executor's dead-input rule makes the two forms run the same way. (TensorFlow uses `RefSwitch`
 * for reference inputs; varscope needs no such op for the same reason.)
 */
export function cond<T extends CondBranchResult>(pred: TensorInput, trueFn: () => T, falseFn: () => T,
  options: CondOptions = {}): CondOutput<T> {
  if (typeof pred === 'boolean') throw new TypeError('pred must not be a Python bool');
  if (typeof trueFn !== 'function') throw new TypeError('true_fn must be callable.');
  if (typeof falseFn !== 'function') throw new TypeError('false_fn must be callable.');
  const g = getDefaultGraph();
  return g.atomically(() => g.nameScope(options.name || 'cond', () => {
    const p = convertToTensor(pred);
    if (p.dtype !== 'bool') throw new TypeError(`pred must be a bool tensor, got ${p.toString()}`);
    if (p.shape.rank !== null && p.shape.rank !== 0) {
      throw new ValueError(`Shape must be rank 0 but is rank ${p.shape.rank} for 'cond' (pred ${p.toString()})`);
    }
    const sw = genOp({ type: 'Switch', inputs: [p, p] });
    const pivotT = identity(sw.output(1), { name: 'switch_t' });
    const pivotF = identity(sw.output(0), { name: 'switch_f' });
    const predId = identity(p, { name: 'pred_id' });

    const origT = buildBranch(g, trueFn, pivotT, 'true_fn');
    const resT = branchOutputs(g, origT.result, origT.firstId, pivotT, predId, 1);
    const origF = buildBranch(g, falseFn, pivotF, 'false_fn');
    const resF = branchOutputs(g, origF.result, origF.firstId, pivotF, predId, 0);

    const shapeT = describeStructure(origT.result);
    const shapeF = describeStructure(origF.result);
    if (shapeT !== shapeF) {
      throw new ValueError(`Incompatible return values of true_fn and false_fn: The two structures don't have the same nested structure.\n\nFirst structure: ${shapeT}\n\nSecond structure: ${shapeF}`);
    }
    if (resT.length === 0) throw new ValueError('true_fn and false_fn must return at least one result.');
    resF.forEach((f, i) => {
      const t = resT[i] as Tensor;
      if (f.dtype !== t.dtype) {
        throw new ValueError(`Outputs of true_fn and false_fn must have the same type: ${f.dtype}, ${t.dtype}`);
      }
    });
    const merges = resF.map((f, i) => genOp({ type: 'Merge', inputs: [[f, resT[i] as Tensor]], attrs: { N: 2 } }).output(0));
    let packed = packAs(origT.result, merges);
    if (!options.strict && Array.isArray(packed) && packed.length === 1) packed = packed[0];
    return packed as CondOutput<T>;
  }));
}

/** Calls a branch function with every op it creates depending on the branch's pivot. */
function buildBranch(g: Graph, fn: () => CondBranchResult, pivot: Tensor, what: string): { result: CondBranchResult; firstId: number } {
  const firstId = g.lastId + 1;
  const result = g.controlDependencies([pivot.op], fn);
  if (result === undefined || result === null) throw new ValueError(`${what} must have a return value.`);
  return { result, firstId };
}

/**
 * Converts a branch's result to tensors inside the branch. Values created before the branch
 * (`() => x`) go through a `Switch` on `pred_id`, so they too are dead on the untaken side.
 */
function branchOutputs(g: Graph, result: CondBranchResult, firstId: number, pivot: Tensor, predId: Tensor, branch: 0 | 1): Tensor[] {
  const switched = new Map<Tensor, Tensor>();
  return g.controlDependencies([pivot.op], () => flatten(result).map((leaf) => {
    if (leaf instanceof Operation) {
      return g.nameScope('control_dependency', (scope) => g.colocateWith(pivot.op, () =>
        g.controlDependencies([leaf], () => identity(pivot, { name: scope }))));
    }
    const t = convertToTensor(leaf as TensorInput);
    if (t.op.id >= firstId) return t;
    let s = switched.get(t);
    if (s === undefined) {
      s = g.controlDependencies(null, () => genOp({ type: 'Switch', inputs: [t, predId] }).output(branch));
      switched.set(t, s);
    }
    return s;
  }));
}
