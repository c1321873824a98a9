import { CheckpointReader } from '@varscope/checkpoint';
import { DTYPES } from '@varscope/kernel-api';
import type { DType, HostTensor } from '@varscope/kernel-api';
import { InvalidArgumentError, NotFoundError } from '../errors.js';
import type { Graph } from '../graph/graph.js';
import type { Operation } from '../graph/operation.js';
import type { Tensor } from '../graph/tensor.js';
import { parseShapeAndSlice } from '../shape/index.js';
import { checkpointOpError } from './io-kernels.js';

/** One tensor a restore op reads, and the variable it is assigned to when the graph says so. */
export interface RestoreTarget {
  readonly restoreOp: Operation;
  readonly key: string;
  readonly slice: string;
  readonly dtype: DType;
  /** The `Assign` that stores it, when it is assigned directly (no reshape in between). */
  readonly assign?: { readonly op: Operation; readonly shape: readonly number[] | null; readonly validate: boolean };
}

const constStrings = (t: Tensor | undefined): string[] | undefined => {
  if (t === undefined || t.op.type !== 'Const') return undefined;
  const v = t.op.attrs.value as HostTensor | undefined;
  return v?.dtype === 'string' ? [...(v.data as string[])] : undefined;
};

/**
 * Reads a restore op's subgraph (ours or one imported from TensorFlow, one `RestoreV2` per
 * saver or one per variable): which checkpoint keys it reads with which dtypes, and into
 * which variables of which static shapes they are assigned.
 */
export function analyzeRestore(graph: Graph, restoreOp: Operation): RestoreTarget[] {
  const targets: RestoreTarget[] = [];
  const seen = new Set<Operation>();
  const stack: Operation[] = [restoreOp];
  const restores: Operation[] = [];
  while (stack.length > 0) {
    const op = stack.pop() as Operation;
    if (seen.has(op)) continue;
    seen.add(op);
    if (op.type === 'RestoreV2') restores.push(op);
    for (const c of op.controlInputs) stack.push(c);
    for (const t of op.inputs) stack.push(t.op);
  }
  restores.sort((a, b) => a.id - b.id);
  for (const op of restores) {
    const names = constStrings(op.inputs[1]);
    const slices = constStrings(op.inputs[2]);
    const dtypes = op.attrs.dtypes as readonly DType[] | undefined;
    if (names === undefined || slices === undefined || dtypes === undefined) continue;
    op.outputs.forEach((out, i) => {
      const key = names[i];
      if (key === undefined) return;
      let assign: RestoreTarget['assign'];
      for (const consumer of graph.consumersOf(out)) {
        if (consumer.type !== 'Assign' || consumer.inputs[1] !== out) continue;
        const ref = consumer.inputs[0] as Tensor;
        assign = { op: consumer, shape: ref.shape.isFullyDefined() ? ref.shape.dims as number[] : null, validate: consumer.attrs.validate_shape !== false };
      }
      targets.push({ restoreOp: op, key, slice: slices[i] ?? '', dtype: dtypes[i] as DType, ...(assign ? { assign } : {}) });
    });
  }
  return targets;
}

const cName = (d: string): string => (DTYPES as Record<string, { cName: string } | undefined>)[d]?.cName ?? d;
const dbg = (s: readonly number[]): string => `[${s.join(',')}]`;
const nodeSuffix = (name: string): string => `\n\t [[{{node ${name}}}]]`;

const MISSING_PREAMBLE = 'Restoring from checkpoint failed. This is most likely due to a Variable name or other graph key that is missing from the checkpoint. Please ensure that you have not altered the graph expected based on the checkpoint. Original error:\n\n';
const MISMATCH_PREAMBLE = 'Restoring from checkpoint failed. This is most likely due to a mismatch between the current graph and the graph from the checkpoint. Please ensure that you have not altered the graph expected based on the checkpoint. Original error:\n\n';

/** Wraps a restore op's failure in TensorFlow's explanation (`_wrap_restore_error_with_msg`). */
export function wrapRestoreError(e: unknown): unknown {
  const err = checkpointOpError(e, '');
  if (err instanceof NotFoundError && !err.message.startsWith('Restoring from')) {
    return new NotFoundError(MISSING_PREAMBLE + err.message, err.nodeName ?? undefined, { cause: err });
  }
  if (err instanceof InvalidArgumentError && !err.message.startsWith('Restoring from')) {
    return new InvalidArgumentError(MISMATCH_PREAMBLE + err.message, err.nodeName ?? undefined, { cause: err });
  }
  return err;
}

const SLOT_SUFFIX = /\/(Adam(_\d+)?|Momentum(_\d+)?|RMSProp(_\d+)?|Adagrad(_\d+)?|Ftrl(_\d+)?|ExponentialMovingAverage)$/;
const NON_SLOT = /(^|\/)(beta1_power|beta2_power)(_\d+)?$/;

/**
 * Checkpoint keys that are probably what a missing key meant: the same name with or without
 * a `_N` suffix, a scope prefix added or dropped, singular/plural of the last component
 * (`bias`/`biases`). Beyond TensorFlow, which only says "not found".
 */
export function nearMisses(missing: string, available: readonly string[]): string[] {
  const out: string[] = [];
  const add = (k: string, why: string): void => {
    if (k !== missing && !out.some((x) => x.startsWith(`'${k}'`))) out.push(`'${k}' (${why})`);
  };
  const base = missing.replace(/_\d+$/, '');
  const last = (k: string): string => k.slice(k.lastIndexOf('/') + 1);
  const parent = (k: string): string => (k.includes('/') ? k.slice(0, k.lastIndexOf('/')) : '');
  const plural = (s: string): string[] => [s.endsWith('es') ? s.slice(0, -2) : `${s}es`, s.endsWith('s') ? s.slice(0, -1) : `${s}s`];
  for (const k of available) {
    if (k.replace(/_\d+$/, '') === base) add(k, k.length > missing.length ? `same name with a ${k.slice(base.length)} suffix` : 'same name without its numeric suffix');
  }
  for (const k of available) {
    if (k.endsWith(`/${missing}`)) add(k, `scope '${k.slice(0, -missing.length - 1)}' added`);
    else if (missing.endsWith(`/${k}`)) add(k, `scope '${missing.slice(0, -k.length - 1)}' dropped`);
    else if (missing.includes('/') && k.includes('/') && k.split('/').slice(1).join('/') === missing.split('/').slice(1).join('/')) {
      add(k, `top-level scope '${k.split('/')[0] as string}' instead of '${missing.split('/')[0] as string}'`);
    }
  }
  for (const k of available) {
    if (parent(k) === parent(missing) && plural(last(missing)).includes(last(k))) add(k, `'${last(k)}' instead of '${last(missing)}'`);
  }
  return out;
}

function slotHint(missing: readonly string[], available: readonly string[]): string | undefined {
  const slots = missing.filter((k) => SLOT_SUFFIX.test(k) || NON_SLOT.test(k));
  if (slots.length === 0) return undefined;
  const ckptHasSlots = available.some((k) => SLOT_SUFFIX.test(k) || NON_SLOT.test(k));
  if (ckptHasSlots) return undefined;
  return `${slots.length} of the missing keys are optimizer state (${slots.slice(0, 3).join(', ')}${slots.length > 3 ? ', …' : ''}) and the checkpoint has none: it was saved without the optimizer. Restore the model variables only, e.g. new train.Saver({ varList: trainableVariables() }), and initialize the optimizer's variables.`;
}

/**
 * Checks everything a restore will read against the checkpoint before anything is assigned,
 * so that a missing key, a dtype or a shape mismatch fails with no variable changed. Errors
 * carry TensorFlow's wording, all the problems found, and near-miss keys.
 */
export async function precheckRestore(targets: readonly RestoreTarget[], prefix: string): Promise<void> {
  let reader: CheckpointReader;
  try {
    reader = await CheckpointReader.open(prefix);
  } catch (e) {
    throw wrapRestoreError(e);
  }
  try {
    const available = reader.keys();
    const missing = targets.filter((t) => !reader.has(t.key));
    if (missing.length > 0) {
      const lines = missing.map((t) => {
        const near = nearMisses(t.key, available);
        return `Key ${t.key} not found in checkpoint${near.length > 0 ? `\n  (did you mean ${near.join(', or ')}?)` : ''}`;
      });
      const hint = slotHint(missing.map((t) => t.key), available);
      const first = missing[0] as RestoreTarget;
      throw new NotFoundError(`${MISSING_PREAMBLE}${lines.join('\n')}${nodeSuffix(first.restoreOp.name)}${hint ? `\n\n${hint}` : ''}`, first.restoreOp.name);
    }
    for (const t of targets) {
      const stored = reader.dtype(t.key);
      if (stored !== t.dtype) {
        throw new InvalidArgumentError(
          `${MISMATCH_PREAMBLE}tensor_name = ${t.key}; expected dtype ${cName(t.dtype)} does not equal original dtype ${cName(stored)}${nodeSuffix(t.restoreOp.name)}`,
          t.restoreOp.name);
      }
      const shape = reader.shape(t.key);
      let restored = shape;
      if (t.slice !== '') {
        const spec = parseShapeAndSlice(t.slice);
        if (dbg(spec.fullShape) !== dbg(shape)) {
          throw new InvalidArgumentError(
            `${MISMATCH_PREAMBLE}tensor_name = ${t.key}; shape in shape_and_slice spec ${dbg(spec.fullShape)} does not match the shape stored in checkpoint: ${dbg(shape)}${nodeSuffix(t.restoreOp.name)}`,
            t.restoreOp.name);
        }
        restored = [...spec.sliceShape];
      }
      const a = t.assign;
      if (a !== undefined && a.validate && a.shape !== null && dbg(a.shape) !== dbg(restored)) {
        throw new InvalidArgumentError(
          `${MISMATCH_PREAMBLE}Assign requires shapes of both tensors to match. lhs shape= ${dbg(a.shape)} rhs shape= ${dbg(restored)}${nodeSuffix(a.op.name)}`,
          a.op.name);
      }
    }
  } finally {
    await reader.close();
  }
}
