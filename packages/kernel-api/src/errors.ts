/** A backend cannot run here (no GPU, driver too old, no WebAssembly…). `reason` says which. */
export class BackendUnavailableError extends Error {
  override readonly name = 'BackendUnavailableError';
  constructor(
    readonly backend: string,
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(`Backend '${backend}' is unavailable: ${reason}`, options);
  }
}

/** A kernel was called with arguments that break the contract (core validates first, so this is a bug). */
export class KernelArgumentError extends Error {
  override readonly name = 'KernelArgumentError';
  constructor(readonly op: string, message: string) {
    super(`${op}: ${message}`);
  }
}

/** A kernel failed at run time for a reason TensorFlow reports as an op error (e.g. an index out of range). */
export class KernelRuntimeError extends Error {
  override readonly name = 'KernelRuntimeError';
  constructor(readonly op: string, message: string) {
    super(message);
  }
}
