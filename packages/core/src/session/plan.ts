import type { ArgDef, DType, ShapeAttr } from '@varscope/kernel-api';
import { InvalidArgumentError } from '../errors.js';
import type { Operation } from '../graph/operation.js';
import type { Tensor } from '../graph/tensor.js';
import { unfedPlaceholderError } from './host-kernels/graph-input-kernels.js';
import { flatAliases, flatInputArgs } from './op-args.js';
import { placeOp } from './placement.js';
import { ShapeMemo } from './shape-memo.js';
import type { Placement, PlacementOptions } from './placement.js';

/** One op of a plan, with where it runs. */
export interface PlanStep {
  readonly op: Operation;
  readonly placement: Placement;
  /** The schema argument of each flat input (undefined for ops without a schema entry). */
  readonly inputArgs: readonly ArgDef[] | undefined;
  /** Flat output index → the flat ref input it aliases (`Assign`'s `output_ref`). */
  readonly aliases: ReadonlyMap<number, number>;
  /** Run-time output shapes for the input shapes last seen (device ops). */
  readonly shapes: ShapeMemo;
  /** The run's value slot of each data input, in order. */
  readonly inputSlots: readonly number[];
  /** The run's value slot of each output, in order. */
  readonly outputSlots: readonly number[];
  /** Whether the op draws random numbers (stateful with a `seed2` attr): the session's Philox state advances. */
  readonly random: boolean;
}

/** What one `Session.run` signature executes: the pruned ops in order, and the liveness counts. */
export interface ExecutionPlan {
  readonly steps: readonly PlanStep[];
  /** Tensors whose values are returned, each once. */
  readonly fetches: readonly Tensor[];
  readonly targets: readonly Operation[];
  readonly feeds: ReadonlySet<Tensor>;
  /** How many times each tensor is read in a run: once per consuming input, plus once if fetched. */
  readonly uses: ReadonlyMap<Tensor, number>;
  /**
   * The compiled form the executor runs on: every tensor the plan touches has a value slot
   * (an index into the run's value array), so a run looks nothing up by tensor.
   */
  readonly slotOf: ReadonlyMap<Tensor, number>;
  /** Per slot: how many reads a run makes of it (as `uses`). */
  readonly slotUses: readonly number[];
  /** Per slot: whether its tensor is fed. */
  readonly slotFed: readonly boolean[];
  /** The slots of `fetches`, in order. */
  readonly fetchSlots: readonly number[];
  /** Why `runSync` cannot run this plan, or undefined when it can. */
  readonly notSyncReason: string | undefined;
  /** The graph's op count when the plan was made; a plan is rebuilt when ops were added since. */
  readonly graphVersion: number;
}

/**
 * Prunes the graph to what the fetches and targets need (data and control inputs; a fed tensor
 * cuts its producer off), orders it topologically, places every op, and counts uses so that
 * the executor can release each intermediate right after its last consumer.
 */
export function buildPlan(
  fetches: readonly Tensor[],
  targets: readonly Operation[],
  feeds: ReadonlySet<Tensor>,
  placement: PlacementOptions,
  graphVersion: number,
): ExecutionPlan {
  const order = topologicalOrder(fetches, targets, feeds);
  const uses = new Map<Tensor, number>();
  const slotOf = new Map<Tensor, number>();
  const slotUses: number[] = [];
  const slotFed: boolean[] = [];
  const slot = (t: Tensor): number => {
    let k = slotOf.get(t);
    if (k === undefined) {
      k = slotUses.length;
      slotOf.set(t, k);
      slotUses.push(0);
      slotFed.push(feeds.has(t));
    }
    return k;
  };
  const bump = (t: Tensor) => {
    uses.set(t, (uses.get(t) ?? 0) + 1);
    const k = slot(t);
    slotUses[k] = (slotUses[k] as number) + 1;
  };
  for (const t of feeds) slot(t);
  const steps: PlanStep[] = [];
  let notSyncReason: string | undefined;
  for (const op of order) {
    if (op.type === 'Placeholder') {
      throw unfedPlaceholderError(op.name, op.attrs.dtype as DType, op.attrs.shape as ShapeAttr | undefined);
    }
    const where = placeOp(op, placement);
    if (notSyncReason === undefined) {
      if (where.kind === 'device' && !where.backend.capabilities.syncDownload) {
        notSyncReason = `the ${where.backend.name} backend (${where.deviceType}, running ${op.name}) has no synchronous download`;
      } else if (where.kind === 'host' && where.kernel.async) {
        notSyncReason = `the host kernel for ${op.type} (${op.name}) is asynchronous`;
      }
    }
    for (const t of op.inputs) bump(t);
    steps.push({
      op,
      placement: where,
      inputArgs: op.def === undefined ? undefined : flatInputArgs(op.def, op.attrs),
      aliases: op.def === undefined ? new Map() : flatAliases(op.def, op.attrs),
      shapes: new ShapeMemo(),
      inputSlots: op.inputs.map(slot),
      outputSlots: op.outputs.map(slot),
      random: op.def !== undefined && op.def.stateful === true && op.def.attrs.some((a) => a.name === 'seed2'),
    });
  }
  for (const t of fetches) bump(t);
  const fetchSlots = fetches.map(slot);
  return { steps, fetches, targets, feeds, uses, slotOf, slotUses, slotFed, fetchSlots, notSyncReason, graphVersion };
}

/** Post-order DFS from the fetches and targets, iterative so that long chains cannot overflow the stack. */
function topologicalOrder(fetches: readonly Tensor[], targets: readonly Operation[], feeds: ReadonlySet<Tensor>): Operation[] {
  const order: Operation[] = [];
  const state = new Map<Operation, 'visiting' | 'done'>();
  const dependencies = (op: Operation): Operation[] => {
    const deps: Operation[] = [];
    for (const t of op.inputs) if (!feeds.has(t)) deps.push(t.op);
    deps.push(...op.controlInputs);
    return deps;
  };
  const roots = [...fetches.filter((t) => !feeds.has(t)).map((t) => t.op), ...targets];
  for (const root of roots) {
    if (state.has(root)) continue;
    const stack: { op: Operation; deps: Operation[]; next: number }[] = [{ op: root, deps: dependencies(root), next: 0 }];
    state.set(root, 'visiting');
    while (stack.length > 0) {
      const frame = stack[stack.length - 1] as (typeof stack)[number];
      const dep = frame.deps[frame.next++];
      if (dep === undefined) {
        stack.pop();
        state.set(frame.op, 'done');
        order.push(frame.op);
        continue;
      }
      const s = state.get(dep);
      if (s === 'done') continue;
      if (s === 'visiting') {
        throw new InvalidArgumentError(`Graph contains a cycle: node ${dep.name} depends on itself (through ${frame.op.name}).`, dep.name);
      }
      state.set(dep, 'visiting');
      stack.push({ op: dep, deps: dependencies(dep), next: 0 });
    }
  }
  return order;
}
