import type { HostKernel } from './host-kernel.js';

/**
 * The host kernels a session can run, by op type. An explicit object (no global registry):
 * core modules that add host ops (the Saver's `SaveV2`/`RestoreV2`, summaries) register their
 * kernels on the registry given to the session.
 */
export class HostKernelRegistry {
  readonly #always = new Map<string, HostKernel>();
  readonly #strings = new Map<string, HostKernel>();

  constructor(kernels: Iterable<HostKernel> = []) {
    for (const k of kernels) this.register(k);
  }

  /** Adds a kernel; registering a second kernel for the same op and dtype class is an error. */
  register(kernel: HostKernel): this {
    const table = kernel.dtypes === 'any' ? this.#always : this.#strings;
    if (table.has(kernel.op)) {
      throw new Error(`A host kernel for ${kernel.op} (${kernel.dtypes}) is already registered`);
    }
    table.set(kernel.op, kernel);
    return this;
  }

  /** The kernel for an op type; `touchesStrings` selects string versions of device ops. */
  lookup(op: string, touchesStrings: boolean): HostKernel | undefined {
    return this.#always.get(op) ?? (touchesStrings ? this.#strings.get(op) : undefined);
  }

  /** Whether a host kernel exists for `op` at all (for error messages). */
  has(op: string): boolean {
    return this.#always.has(op) || this.#strings.has(op);
  }

  /** A copy that can be extended without affecting this registry. */
  clone(): HostKernelRegistry {
    return new HostKernelRegistry([...this.#always.values(), ...this.#strings.values()]);
  }
}
