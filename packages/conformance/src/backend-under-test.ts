import { BackendUnavailableError } from '@varscope/kernel-api';
import type { BackendCapabilities, KernelBackend } from '@varscope/kernel-api';

/**
 * The backend a `describeKernelBackend` block tests: created and initialized once before its
 * cases, disposed after them. A backend that cannot run here (`BackendUnavailableError`) leaves
 * `unavailable` set to the reason, and every case is skipped with it.
 */
export class BackendUnderTest {
  #backend: KernelBackend | undefined;
  #unavailable: string | undefined;
  #declared: { deviceType: 'CPU' | 'GPU'; capabilities: BackendCapabilities } | undefined;

  constructor(private readonly create: () => KernelBackend | Promise<KernelBackend>) {}

  async start(): Promise<void> {
    let backend: KernelBackend | undefined;
    try {
      backend = await this.create();
      // What it declares is known before init; the report shows it even when init fails here.
      this.#declared = { deviceType: backend.deviceType, capabilities: backend.capabilities };
      await backend.init();
      this.#backend = backend;
    } catch (e) {
      // Matched by name too: an adopter may bundle its own copy of kernel-api.
      if (e instanceof BackendUnavailableError || (e as Error | undefined)?.name === 'BackendUnavailableError') {
        this.#unavailable = (e as Error).message;
        backend?.dispose();
        return;
      }
      throw e;
    }
  }

  /** The initialized backend, or undefined when it is unavailable (see `skipReason`). */
  get backend(): KernelBackend | undefined {
    return this.#backend;
  }

  /** The device type and capabilities the backend declared, even if it then proved unavailable. */
  get declared(): { deviceType: 'CPU' | 'GPU'; capabilities: BackendCapabilities } | undefined {
    return this.#declared;
  }

  /** Why nothing can run, when the backend is unavailable. */
  get skipReason(): string {
    return this.#unavailable ?? 'the backend was not created (its beforeAll hook failed)';
  }

  stop(): void {
    this.#backend?.dispose();
    this.#backend = undefined;
  }
}
