import type { DType, HostTensor, KernelBackend, TensorRef } from '@varscope/kernel-api';
import type { VariableEntry } from './resource-store.js';

/**
 * One tensor value inside a run: a host copy, device copies, or both. Copies are made on
 * demand when a consumer on another backend (or the host) needs the value, cached for the
 * other consumers, and released together when the value's last use is done. A value forwarded
 * unchanged by `Switch`/`Merge`/`PlaceholderWithDefault` is shared by several tensors, so it
 * counts the uses still pending across all of them.
 */
export class RuntimeValue {
  readonly kind = 'value' as const;
  host: HostTensor | undefined;
  /** Device buffers holding this value, one per backend; all owned by this value. */
  readonly copies = new DeviceCopies();
  /** Consumers (and fetches) that still have to read this value. */
  pending = 0;

  constructor(
    readonly dtype: DType,
    readonly shape: readonly number[],
  ) {}

  static onHost(tensor: HostTensor): RuntimeValue {
    const v = new RuntimeValue(tensor.dtype, tensor.shape);
    v.host = tensor;
    return v;
  }

  static onDevice(backend: KernelBackend, ref: TensorRef): RuntimeValue {
    const v = new RuntimeValue(ref.dtype, ref.shape);
    v.copies.set(backend, ref);
    return v;
  }

  /** Releases every device copy; the value is unusable afterwards. */
  release(): void {
    this.copies.releaseAll();
    this.host = undefined;
  }
}

/**
 * The device copies of one value: a map from backend to buffer that holds its first entry
 * inline, since almost every value lives on one backend (no `Map` per value in a run).
 */
export class DeviceCopies {
  #backend: KernelBackend | undefined;
  #ref: TensorRef | undefined;
  #more: Map<KernelBackend, TensorRef> | undefined;

  get size(): number {
    return (this.#backend === undefined ? 0 : 1) + (this.#more?.size ?? 0);
  }

  get(backend: KernelBackend): TensorRef | undefined {
    if (this.#backend === backend) return this.#ref;
    return this.#more?.get(backend);
  }

  set(backend: KernelBackend, ref: TensorRef): void {
    if (this.#backend === undefined || this.#backend === backend) {
      this.#backend = backend;
      this.#ref = ref;
    } else {
      (this.#more ??= new Map()).set(backend, ref);
    }
  }

  /** The first copy made, or undefined when there is none. */
  first(): [KernelBackend, TensorRef] | undefined {
    if (this.#backend !== undefined) return [this.#backend, this.#ref as TensorRef];
    const next = this.#more?.entries().next();
    return next === undefined || next.done === true ? undefined : next.value;
  }

  *[Symbol.iterator](): IterableIterator<[KernelBackend, TensorRef]> {
    if (this.#backend !== undefined) yield [this.#backend, this.#ref as TensorRef];
    if (this.#more !== undefined) yield* this.#more;
  }

  /** Releases every buffer on its backend and forgets them. */
  releaseAll(): void {
    if (this.#backend !== undefined) (this.#backend).release((this.#ref as TensorRef).handle);
    if (this.#more !== undefined) for (const [backend, ref] of this.#more) backend.release(ref.handle);
    this.clear();
  }

  clear(): void {
    this.#backend = undefined;
    this.#ref = undefined;
    this.#more = undefined;
  }
}

/** A reference to a variable (the output of `VariableV2`, `Assign`…): consumers read its value when they run. */
export interface RefValue {
  readonly kind: 'ref';
  readonly entry: VariableEntry;
}

/** The value of a tensor on the untaken side of a `Switch` (TensorFlow's dead tensors). */
export interface DeadValue {
  readonly kind: 'dead';
}

export const DEAD: DeadValue = Object.freeze({ kind: 'dead' });

export type SlotValue = RuntimeValue | RefValue | DeadValue;
