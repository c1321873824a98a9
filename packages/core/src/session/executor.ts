import { KernelArgumentError, KernelRuntimeError, shapeSize } from '@varscope/kernel-api';
import type { ArgDef, Attrs, DType, HostTensor, KernelBackend, PhiloxState, TensorData, TensorRef } from '@varscope/kernel-api';
import { FailedPreconditionError, InternalError, InvalidArgumentError, OpError, ValueError } from '../errors.js';
import type { Operation } from '../graph/operation.js';
import type { Tensor } from '../graph/tensor.js';
import { TensorShape } from '../shape/tensor-shape.js';
import { inferOutputs } from '../shape/index.js';
import type { InferInput } from '../shape/index.js';
import type { HostKernelContext, HostKernelInput, HostKernelOutput } from './host-kernels/host-kernel.js';
import { copyData, debugShape } from './host-kernels/host-tensor.js';
import type { ExecutionPlan, PlanStep } from './plan.js';
import type { RandomState } from './random-state.js';
import type { ResourceStore, VariableEntry } from './resource-store.js';
import { DEAD, RuntimeValue } from './runtime-value.js';
import type { RefValue, SlotValue } from './runtime-value.js';

/**
 * What the executor waits for. The executor is a generator so that one implementation serves
 * both `Session.run` (awaits these) and `Session.runSync` (resolves them synchronously).
 */
export type ExecutorWait =
  | { readonly kind: 'download'; readonly backend: KernelBackend; readonly ref: TensorRef }
  | { readonly kind: 'promise'; readonly promise: Promise<unknown> };

export type Execution = Generator<ExecutorWait, HostTensor[], unknown>;

/** Session state a run reads and updates. */
export interface ExecutionState {
  readonly resources: ResourceStore;
  readonly random: RandomState;
}

const nodeSuffix = (name: string): string => `\n\t [[{{node ${name}}}]]`;

const sameShape = (a: readonly number[], b: readonly number[]): boolean =>
  a.length === b.length && a.every((d, i) => d === b[i]);

function uninitialized(entry: VariableEntry, nodeName: string): FailedPreconditionError {
  return new FailedPreconditionError(`Attempting to use uninitialized value ${entry.name}${nodeSuffix(nodeName)}`, nodeName);
}

/** Re-raises a kernel's failure as the OpError TensorFlow would report, naming the node. */
function asOpError(error: unknown, op: Operation): unknown {
  if (error instanceof OpError) return error;
  if (error instanceof KernelRuntimeError) {
    return new InvalidArgumentError(`${error.message}${nodeSuffix(op.name)}`, op.name, { cause: error });
  }
  if (error instanceof KernelArgumentError) {
    return new InternalError(`${op.type} kernel rejected its arguments: ${error.message}${nodeSuffix(op.name)}`, op.name, { cause: error });
  }
  // Shape functions raise ValueError; at run time that is an invalid argument of this node.
  if (error instanceof ValueError) {
    return new InvalidArgumentError(`${error.message}${nodeSuffix(op.name)}`, op.name, { cause: error });
  }
  return error;
}

/**
 * Runs one plan: every op in order on its placement, moving values between the host and
 * backends as consumers need them, and releasing each intermediate after its last use.
 * Returns the host values of `plan.fetches`, in order. Whatever happens, every buffer the run
 * allocated is released before it returns or throws.
 */
export function* execute(plan: ExecutionPlan, feeds: ReadonlyMap<Tensor, HostTensor>, state: ExecutionState): Execution {
  const run = new Run(plan, state);
  try {
    for (const [t, host] of feeds) {
      const slot = plan.slotOf.get(t);
      if (slot !== undefined) run.setOutput(slot, RuntimeValue.onHost(host), true);
    }
    for (const step of plan.steps) yield* run.step(step);
    const results: HostTensor[] = [];
    const fetchSlots = plan.fetchSlots;
    for (let i = 0; i < fetchSlots.length; i++) results.push(yield* run.fetch(fetchSlots[i] as number, plan.fetches[i] as Tensor));
    return results;
  } finally {
    run.releaseAll();
  }
}

/** `readsInput` for kernels that read every input. */
const READS_EVERY_INPUT = (): boolean => true;

class Run {
  /** Values by plan slot (see `ExecutionPlan.slotOf`). */
  readonly #values: (SlotValue | undefined)[];
  readonly #live = new Set<RuntimeValue>();
  readonly #deadOps = new Set<Operation>();

  constructor(
    readonly plan: ExecutionPlan,
    readonly state: ExecutionState,
  ) {
    this.#values = new Array<SlotValue | undefined>(plan.slotUses.length);
  }

  releaseAll(): void {
    for (const v of this.#live) v.release();
    this.#live.clear();
    this.#values.fill(undefined);
  }

  /** Records the value of `slot`; `fed` values replace what the producer would compute. */
  setOutput(slot: number, value: SlotValue, fed = false): void {
    if (!fed && this.plan.slotFed[slot] === true) {
      if (value.kind === 'value') this.#settle(value);
      return;
    }
    this.#values[slot] = value;
    if (value.kind === 'value') {
      value.pending += this.plan.slotUses[slot] ?? 0;
      this.#live.add(value);
    }
  }

  /** Releases `v` once nothing still needs it (releasing twice is harmless: its copies are gone). */
  #settle(v: RuntimeValue): void {
    if (v.pending > 0) return;
    v.release();
    this.#live.delete(v);
  }

  #consume(slot: number): void {
    const v = this.#values[slot];
    if (v?.kind !== 'value') return;
    v.pending -= 1;
    this.#settle(v);
  }

  *step(step: PlanStep): Generator<ExecutorWait, void, unknown> {
    const { op, placement } = step;
    const inputSlots = step.inputSlots;
    const inputs = new Array<SlotValue>(inputSlots.length);
    let deadData = false;
    for (let i = 0; i < inputSlots.length; i++) {
      const v = this.#values[inputSlots[i] as number];
      if (v === undefined) {
        throw new InternalError(`Input ${(op.inputs[i] as Tensor).name} of ${op.name} has no value: the plan ran them out of order.`, op.name);
      }
      if (v.kind === 'dead') deadData = true;
      inputs[i] = v;
    }
    let deadControl = false;
    if (this.#deadOps.size > 0) {
      for (const c of op.controlInputs) {
        if (this.#deadOps.has(c)) {
          deadControl = true;
          break;
        }
      }
    }
    const mergeLike = placement.kind === 'host' && placement.kernel.acceptsDeadInputs === true;
    let outputs: SlotValue[];
    if ((deadData || deadControl) && !mergeLike) {
      // An op with a dead input is dead: it does not run and its outputs are dead too.
      outputs = new Array<SlotValue>(op.outputs.length).fill(DEAD);
      this.#deadOps.add(op);
    } else if (placement.kind === 'host') {
      outputs = yield* this.#runHost(step, inputs);
      if (mergeLike && outputs.length > 0 && outputs.every((v) => v.kind === 'dead')) this.#deadOps.add(op);
    } else {
      outputs = yield* this.#runDevice(step, inputs, placement.backend);
    }
    const outputSlots = step.outputSlots;
    for (let i = 0; i < outputSlots.length; i++) this.setOutput(outputSlots[i] as number, outputs[i] ?? DEAD);
    for (let i = 0; i < inputSlots.length; i++) this.#consume(inputSlots[i] as number);
  }

  // ------------------------------------------------------------------ moving values

  /** The value on the host (downloading once and caching the copy). */
  *#toHost(v: RuntimeValue): Generator<ExecutorWait, HostTensor, unknown> {
    if (v.host !== undefined) return v.host;
    const first = v.copies.first();
    if (first === undefined) throw new InternalError(`A ${v.dtype} value has neither a host nor a device copy.`);
    const [backend, ref] = first;
    const data = (yield { kind: 'download', backend, ref }) as TensorData;
    v.host = { dtype: v.dtype, shape: v.shape, data };
    return v.host;
  }

  /** A buffer holding the value on `backend` (uploading once and caching the copy). */
  *#onBackend(v: RuntimeValue, backend: KernelBackend): Generator<ExecutorWait, TensorRef, unknown> {
    const existing = v.copies.get(backend);
    if (existing !== undefined) return existing;
    const host = yield* this.#toHost(v);
    const ref = upload(backend, host);
    v.copies.set(backend, ref);
    return ref;
  }

  /** The variable's current value on the host: a fresh download, or the stored host tensor. */
  *#readVariable(entry: VariableEntry): Generator<ExecutorWait, HostTensor, unknown> {
    const loc = entry.location;
    if (loc === undefined) throw new InternalError(`Variable ${entry.name} read while uninitialized.`);
    if (loc.kind === 'host') return loc.tensor;
    const data = (yield { kind: 'download', backend: loc.backend, ref: loc.ref }) as TensorData;
    return { dtype: loc.ref.dtype, shape: [...loc.ref.shape], data };
  }

  /** Moves the variable's buffer to `backend` if it lives elsewhere (another device, the host). */
  *#ensureOn(entry: VariableEntry, backend: KernelBackend): Generator<ExecutorWait, TensorRef, unknown> {
    const loc = entry.location;
    if (loc?.kind === 'device' && loc.backend === backend) return loc.ref;
    const host = yield* this.#readVariable(entry);
    const ref = upload(backend, host);
    entry.setLocation({ kind: 'device', backend, ref });
    return ref;
  }

  /** @internal What a host kernel's `writeVariable` does. */
  writeVariable(entry: VariableEntry, value: HostTensor): void {
    const loc = entry.location;
    if (loc?.kind === 'device' && sameShape(loc.ref.shape, value.shape)) {
      loc.backend.upload(loc.ref, value.data);
      return;
    }
    if (loc?.kind === 'device') {
      entry.setLocation({ kind: 'device', backend: loc.backend, ref: upload(loc.backend, value) });
      return;
    }
    entry.setLocation({ kind: 'host', tensor: { dtype: value.dtype, shape: [...value.shape], data: copyData(value.data) } });
  }

  // ------------------------------------------------------------------ host ops

  *#runHost(step: PlanStep, inputs: readonly SlotValue[]): Generator<ExecutorWait, SlotValue[], unknown> {
    const { op } = step;
    if (step.placement.kind !== 'host') throw new InternalError(`${op.name} is not a host op`);
    const kernel = step.placement.kernel;
    const reads = kernel.readsInput ?? READS_EVERY_INPUT;
    const hostInputs: HostKernelInput[] = [];
    for (let i = 0; i < inputs.length; i++) {
      const slot = inputs[i] as SlotValue;
      const t = op.inputs[i] as Tensor;
      if (slot.kind === 'dead') {
        hostInputs.push({ dtype: t.dtype, shape: [], dead: true, variable: undefined, value: undefined });
      } else if (slot.kind === 'ref') {
        const entry = slot.entry;
        if (!entry.initialized) {
          if (kernel.acceptsUninitialized?.(i) !== true) throw uninitialized(entry, op.name);
          hostInputs.push({ dtype: t.dtype, shape: [], dead: false, variable: entry, value: undefined });
          continue;
        }
        const value = reads(i) ? yield* this.#readVariable(entry) : undefined;
        hostInputs.push({ dtype: t.dtype, shape: entry.shape ?? [], dead: false, variable: entry, value });
      } else {
        // Fast paths skip creating a generator when no transfer is needed (the common case).
        const value = !reads(i) ? undefined : slot.host ?? (yield* this.#toHost(slot));
        hostInputs.push({ dtype: slot.dtype, shape: slot.shape, dead: false, variable: undefined, value });
      }
    }
    const ctx = new HostContext(op, hostInputs, this.state.resources, this);
    let produced: HostKernelOutput[];
    try {
      const result = kernel.run(ctx);
      produced = isPromise(result) ? ((yield { kind: 'promise', promise: result }) as HostKernelOutput[]) : result;
    } catch (e) {
      throw asOpError(e, op);
    }
    if (produced.length !== op.outputs.length) {
      throw new InternalError(`The ${op.type} host kernel produced ${produced.length} outputs; ${op.name} has ${op.outputs.length}.`, op.name);
    }
    const outputs: SlotValue[] = [];
    for (const out of produced) {
      if ('forward' in out) {
        const source = inputs[out.forward];
        if (source === undefined) throw new InternalError(`${op.type} forwarded input ${out.forward}, which does not exist.`, op.name);
        // A forwarded reference becomes a snapshot: later writes to the variable must not show through.
        outputs.push(source.kind === 'ref' ? RuntimeValue.onHost(yield* this.#readVariable(source.entry)) : source);
      } else if ('variable' in out) {
        outputs.push({ kind: 'ref', entry: out.variable } satisfies RefValue);
      } else if ('dead' in out) {
        outputs.push(DEAD);
      } else {
        outputs.push(RuntimeValue.onHost(out));
      }
    }
    return outputs;
  }

  // ------------------------------------------------------------------ device ops

  *#runDevice(step: PlanStep, inputs: readonly SlotValue[], backend: KernelBackend): Generator<ExecutorWait, SlotValue[], unknown> {
    const { op } = step;
    const def = op.def;
    const args = step.inputArgs;
    if (def === undefined || args === undefined) throw new InternalError(`${op.name} has no schema entry`, op.name);
    if (op.type === 'Assign' && op.inputs[1]?.op.type === 'RestoreV2') {
      const direct = this.#assignFromHost(op, inputs, backend);
      if (direct !== undefined) return direct;
    }
    const temps: TensorRef[] = [];
    const allocated: TensorRef[] = [];
    const refs: TensorRef[] = [];
    const hostInputs: (HostTensor | undefined)[] = [];
    // A first (or reshaping) assignment's new buffer becomes the variable's only once the kernel has run.
    let freshVariable: { entry: VariableEntry; ref: TensorRef } | undefined;
    const inputShapes: (readonly number[])[] = [];
    try {
      for (let i = 0; i < inputs.length; i++) {
        const slot = inputs[i] as SlotValue;
        const arg = args[i] as ArgDef;
        const t = op.inputs[i] as Tensor;
        let ref: TensorRef;
        let host: HostTensor | undefined;
        if (slot.kind === 'dead') throw new InternalError(`${op.name} ran with a dead input`, op.name);
        if (slot.kind === 'ref') {
          const entry = slot.entry;
          if (arg.isRef && op.type === 'Assign' && i === 0) {
            const target = this.#prepareAssign(op, entry, inputs[1], backend);
            ref = target.ref;
            if (target.fresh) {
              allocated.push(ref);
              freshVariable = { entry, ref };
            }
          } else if (!entry.initialized) {
            throw uninitialized(entry, op.name);
          } else if (arg.isRef) {
            ref = yield* this.#ensureOn(entry, backend);
          } else {
            const loc = entry.location;
            if (loc?.kind === 'device' && loc.backend === backend) {
              ref = loc.ref;
            } else {
              host = yield* this.#readVariable(entry);
              ref = upload(backend, host);
              temps.push(ref);
            }
          }
          if (arg.hostMemory && host === undefined) host = yield* this.#readVariable(entry);
        } else {
          if (arg.isRef) {
            throw new InvalidArgumentError(
              `${op.type} needs a variable reference for input '${arg.name}', but ${t.name} is a plain value (a fed tensor cannot be assigned to)${nodeSuffix(op.name)}`,
              op.name,
            );
          }
          ref = slot.copies.get(backend) ?? (yield* this.#onBackend(slot, backend));
          if (arg.hostMemory) host = slot.host ?? (yield* this.#toHost(slot));
          else host = slot.host;
        }
        refs.push(ref);
        hostInputs.push(arg.hostMemory ? host : undefined);
        inputShapes.push(ref.shape);
      }
      if ((op.type === 'AssignAdd' || op.type === 'AssignSub') && refs.length === 2
        && !sameShape((refs[0] as TensorRef).shape, (refs[1] as TensorRef).shape)) {
        throw new InvalidArgumentError(
          `Cannot update variable with shape ${debugShape((refs[0] as TensorRef).shape)} using a Tensor with shape ${debugShape((refs[1] as TensorRef).shape)}, shapes must be equal.${nodeSuffix(op.name)}`,
          op.name,
        );
      }
      let shapes = step.shapes.get(inputShapes, hostInputs);
      if (shapes === undefined) {
        shapes = runtimeShapes(op, refs.map((r, i) => ({ dtype: r.dtype, shape: r.shape, value: hostInputs[i] })));
        step.shapes.set(inputShapes, hostInputs, shapes);
      }
      const outputs: TensorRef[] = [];
      const slots: SlotValue[] = [];
      const aliases = step.aliases;
      for (let i = 0; i < op.outputs.length; i++) {
        const t = op.outputs[i] as Tensor;
        const alias = aliases.size === 0 ? undefined : aliases.get(i);
        if (alias !== undefined) {
          const source = inputs[alias];
          if (source?.kind !== 'ref') throw new InternalError(`${op.name} output ${i} aliases a non-reference input`, op.name);
          slots.push(source);
          continue;
        }
        const shape = shapes[i] as number[];
        const ref: TensorRef = { handle: backend.allocate(t.dtype, shape), dtype: t.dtype, shape };
        allocated.push(ref);
        outputs.push(ref);
        slots.push(RuntimeValue.onDevice(backend, ref));
      }
      let philox: PhiloxState | undefined;
      if (step.random) {
        const out = outputs[0];
        philox = this.state.random.take(op, out?.dtype ?? 'float32', out === undefined ? 0 : shapeSize(out.shape));
      }
      backend.doRun(philox === undefined
        ? { op: op.type, inputs: refs, outputs, hostInputs, attrs: op.attrs, nodeName: op.name }
        : { op: op.type, inputs: refs, outputs, hostInputs, attrs: op.attrs, nodeName: op.name, philox });
      if (freshVariable !== undefined) freshVariable.entry.setLocation({ kind: 'device', backend, ref: freshVariable.ref });
      allocated.length = 0; // now owned by the output values and the variable
      return slots;
    } catch (e) {
      throw asOpError(e, op);
    } finally {
      for (const ref of allocated) backend.release(ref.handle);
      for (const ref of temps) backend.release(ref.handle);
    }
  }

  /**
   * A restore's `Assign` (its value comes straight from `RestoreV2`, on the host): the value is
   * uploaded into the variable's buffer, with no temporary device copy and no device-side copy
   * kernel, so a checkpoint's bytes are copied once on their way in. Other assignments run
   * their kernel. Undefined when the general path applies (value on a device, dtypes differ).
   */
  #assignFromHost(op: Operation, inputs: readonly SlotValue[], backend: KernelBackend): SlotValue[] | undefined {
    const target = inputs[0];
    const value = inputs[1];
    if (target?.kind !== 'ref' || value?.kind !== 'value' || value.host === undefined || value.copies.size > 0) return undefined;
    const entry = target.entry;
    const host = value.host;
    if (host.dtype !== entry.dtype) return undefined;
    try {
      const { ref, fresh } = this.#prepareAssign(op, entry, value, backend);
      try {
        backend.upload(ref, host.data);
      } catch (e) {
        if (fresh) backend.release(ref.handle);
        throw e;
      }
      if (fresh) entry.setLocation({ kind: 'device', backend, ref });
    } catch (e) {
      throw asOpError(e, op);
    }
    // `output_ref` is the variable itself.
    return [target];
  }

  /**
   * `Assign`'s variable buffer: on first assignment (or a reshaping one with
   * `validate_shape=false`) a fresh buffer of the value's shape on this backend; with
   * `validate_shape` the shapes must match.
   */
  #prepareAssign(op: Operation, entry: VariableEntry, valueSlot: SlotValue | undefined, backend: KernelBackend): { ref: TensorRef; fresh: boolean } {
    if (valueSlot === undefined || valueSlot.kind === 'dead') throw new InternalError(`${op.name} has no value input`, op.name);
    const valueShape = valueSlot.kind === 'ref' ? valueSlot.entry.shape : valueSlot.shape;
    if (valueShape === undefined) throw uninitialized((valueSlot as RefValue).entry, op.name);
    const loc = entry.location;
    const old = entry.shape;
    if (old !== undefined && op.attrs.validate_shape !== false && !sameShape(old, valueShape)) {
      throw new InvalidArgumentError(
        `Assign requires shapes of both tensors to match. lhs shape= ${debugShape(old)} rhs shape= ${debugShape(valueShape)}${nodeSuffix(op.name)}`,
        op.name,
      );
    }
    if (loc?.kind === 'device' && loc.backend === backend && sameShape(loc.ref.shape, valueShape)) return { ref: loc.ref, fresh: false };
    // The whole buffer is overwritten, so the old contents need not move.
    const ref: TensorRef = { handle: backend.allocate(entry.dtype, valueShape), dtype: entry.dtype, shape: [...valueShape] };
    return { ref, fresh: true };
  }

  // ------------------------------------------------------------------ fetches

  /** A fetched tensor's value as an independent host copy; releases the fetch's hold on it. */
  *fetch(slotIndex: number, t: Tensor): Generator<ExecutorWait, HostTensor, unknown> {
    const slot = this.#values[slotIndex];
    if (slot === undefined || slot.kind === 'dead') {
      throw new InvalidArgumentError(
        `Fetched tensor ${t.name} has no value in this run: it is on the untaken side of a conditional (a dead tensor). (Retval does not have value)`,
        t.op.name,
      );
    }
    if (slot.kind === 'ref') {
      if (!slot.entry.initialized) throw uninitialized(slot.entry, t.op.name);
      const loc = slot.entry.location;
      const host = yield* this.#readVariable(slot.entry);
      return loc?.kind === 'host' ? { ...host, data: copyData(host.data) } : host;
    }
    let host: HostTensor;
    if (slot.host !== undefined) {
      host = { dtype: slot.dtype, shape: [...slot.shape], data: copyData(slot.host.data) };
    } else {
      const [backend, ref] = slot.copies.first() as [KernelBackend, TensorRef];
      const data = (yield { kind: 'download', backend, ref }) as TensorData;
      host = { dtype: slot.dtype, shape: [...slot.shape], data };
    }
    slot.pending -= 1;
    this.#settle(slot);
    return host;
  }
}

/** What a host kernel sees of its op and run (a class, so that a run makes no closures per op). */
class HostContext implements HostKernelContext {
  readonly nodeName: string;
  readonly attrs: Attrs;

  constructor(
    readonly op: Operation,
    readonly inputs: readonly HostKernelInput[],
    readonly resources: ResourceStore,
    readonly run: Run,
  ) {
    this.nodeName = op.name;
    this.attrs = op.attrs;
  }

  writeVariable(entry: VariableEntry, value: HostTensor): void {
    this.run.writeVariable(entry, value);
  }

  input(index: number): HostTensor {
    const value = this.inputs[index]?.value;
    if (value === undefined) {
      throw new InternalError(`The ${this.op.type} host kernel read input ${index} without declaring it (node ${this.op.name}).`, this.op.name);
    }
    return value;
  }

  outputShapes(): number[][] {
    return runtimeShapes(this.op, this.inputs.map((x) => ({ dtype: x.dtype, shape: x.shape, value: x.value })));
  }
}

function upload(backend: KernelBackend, host: HostTensor): TensorRef {
  const ref: TensorRef = { handle: backend.allocate(host.dtype, host.shape), dtype: host.dtype, shape: [...host.shape] };
  try {
    backend.upload(ref, host.data);
  } catch (e) {
    backend.release(ref.handle);
    throw e;
  }
  return ref;
}

/** Output shapes at run time: TensorFlow's shape functions on full input shapes and host values. */
function runtimeShapes(op: Operation, inputs: readonly { dtype: DType; shape: readonly number[] | TensorShape; value?: HostTensor | undefined }[]): number[][] {
  const def = op.def;
  if (def === undefined) throw new InternalError(`${op.name} has no schema entry`, op.name);
  const infer: InferInput[] = inputs.map((x) => {
    const shape = x.shape instanceof TensorShape ? x.shape : new TensorShape(x.shape);
    return x.value === undefined ? { dtype: x.dtype, shape } : { dtype: x.dtype, shape, value: x.value };
  });
  const outputs = inferOutputs(def, { name: op.name, type: op.type }, infer, op.attrs);
  return outputs.map((o, i) => {
    const dims = o.shape.dims;
    if (dims === null || dims.some((d) => d === null)) {
      throw new InternalError(`Could not infer the run-time shape of output ${i} of ${op.name} (${op.type}): got ${o.shape.toString()}`, op.name);
    }
    return dims as number[];
  });
}

function isPromise<T>(x: T | Promise<T>): x is Promise<T> {
  return x !== null && typeof x === 'object' && typeof (x as { then?: unknown }).then === 'function';
}
