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
  readonly copies = new Map<KernelBackend, TensorRef>();
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
    for (const [backend, ref] of this.copies) backend.release(ref.handle);
    this.copies.clear();
    this.host = undefined;
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
