import type { DType, HostTensor, KernelBackend, TensorRef } from '@varscope/kernel-api';
import { InvalidArgumentError } from '../errors.js';

/** Where a variable's value is: a buffer on a backend, or (strings, evacuated values) on the host. */
export type VariableLocation =
  | { readonly kind: 'device'; readonly backend: KernelBackend; readonly ref: TensorRef }
  | { readonly kind: 'host'; readonly tensor: HostTensor };

/**
 * One variable's value slot, found by (container, name). It starts uninitialized; `Assign`
 * (or a restore) gives it a value. Its buffer is owned by the store that holds the entry.
 */
export class VariableEntry {
  #location: VariableLocation | undefined;

  constructor(
    readonly container: string,
    /** The variable's `shared_name`, or its op name when that is empty. */
    readonly name: string,
    readonly dtype: DType,
  ) {}

  get location(): VariableLocation | undefined {
    return this.#location;
  }

  get initialized(): boolean {
    return this.#location !== undefined;
  }

  /** The shape of the current value; undefined while uninitialized. */
  get shape(): readonly number[] | undefined {
    const loc = this.#location;
    if (loc === undefined) return undefined;
    return loc.kind === 'device' ? loc.ref.shape : loc.tensor.shape;
  }

  /** Replaces the value's location, releasing the previous device buffer (if any and different). */
  setLocation(location: VariableLocation | undefined): void {
    const old = this.#location;
    this.#location = location;
    if (old?.kind === 'device' && !(location?.kind === 'device' && location.ref.handle === old.ref.handle)) {
      old.backend.release(old.ref.handle);
    }
  }

  toString(): string {
    return this.container ? `${this.container}/${this.name}` : this.name;
  }
}

/**
 * Variable values by container and name (TensorFlow's ResourceMgr for reference variables).
 * A `Session` owns one by default, so two local sessions never share values; sessions made on
 * the same `Server` share the server's store.
 */
export class ResourceStore {
  readonly #containers = new Map<string, Map<string, VariableEntry>>();

  /** The entry for (container, name), created uninitialized on first use. */
  lookupOrCreate(container: string, name: string, dtype: DType, nodeName: string): VariableEntry {
    let byName = this.#containers.get(container);
    if (byName === undefined) this.#containers.set(container, (byName = new Map()));
    let entry = byName.get(name);
    if (entry === undefined) {
      entry = new VariableEntry(container, name, dtype);
      byName.set(name, entry);
    } else if (entry.dtype !== dtype) {
      throw new InvalidArgumentError(
        `Variable ${entry.toString()} already exists with dtype ${entry.dtype}; node ${nodeName} declares it as ${dtype}.`,
        nodeName,
      );
    }
    return entry;
  }

  /** The entry for (container, name), or undefined. */
  find(container: string, name: string): VariableEntry | undefined {
    return this.#containers.get(container)?.get(name);
  }

  *entries(): IterableIterator<VariableEntry> {
    for (const byName of this.#containers.values()) yield* byName.values();
  }

  /** Container names in use (TensorFlow's `Session.reset` takes a list of them). */
  containers(): string[] {
    return [...this.#containers.keys()];
  }

  /** Releases every value in the given containers (all when omitted) and forgets their entries. */
  reset(containers?: readonly string[]): void {
    for (const name of containers ?? [...this.#containers.keys()]) {
      const byName = this.#containers.get(name);
      if (byName === undefined) continue;
      for (const entry of byName.values()) entry.setLocation(undefined);
      this.#containers.delete(name);
    }
  }

  /**
   * Moves every value held on `backend` to the host, so that the backend can be disposed while
   * the values live on (a shared store outliving the session that created the backend).
   */
  async evacuate(backend: KernelBackend): Promise<void> {
    for (const entry of this.entries()) {
      const loc = entry.location;
      if (loc?.kind !== 'device' || loc.backend !== backend) continue;
      const data = await backend.download(loc.ref);
      entry.setLocation({ kind: 'host', tensor: { dtype: loc.ref.dtype, shape: [...loc.ref.shape], data } });
    }
  }
}
