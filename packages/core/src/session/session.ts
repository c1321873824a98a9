import type { HostTensor, KernelBackend, TensorData } from '@varscope/kernel-api';
import { RuntimeError, ValueError } from '../errors.js';
import type { Graph } from '../graph/graph.js';
import { getDefaultGraph } from '../graph/graph.js';
import { Operation } from '../graph/operation.js';
import { Tensor } from '../graph/tensor.js';
import { createDefaultCpuBackend } from './default-backends.js';
import type { ModuleImporter } from './default-backends.js';
import { execute } from './executor.js';
import type { Execution } from './executor.js';
import { parseFeeds } from './feeds.js';
import type { Feeds } from './feeds.js';
import { parseFetches, singleFetch } from './fetches.js';
import type { FetchResult, Fetches, ParsedFetches } from './fetches.js';
import { createDefaultHostKernelRegistry } from './default-host-kernels.js';
import type { HostKernelRegistry } from './host-kernels/host-kernel-registry.js';
import { buildPlan } from './plan.js';
import type { ExecutionPlan } from './plan.js';
import type { DeviceBackends } from './placement.js';
import { RandomState } from './random-state.js';
import { ResourceStore } from './resource-store.js';
import { Server } from './server.js';

/** TensorFlow's `ConfigProto`, the parts that apply here. */
export interface SessionConfig {
  /** Run an op on the CPU when its requested device has no backend or no kernel for it. */
  readonly allowSoftPlacement?: boolean;
  /** Log each op's device when a new fetch/feed signature is planned. */
  readonly logDevicePlacement?: boolean;
  /** Where placement lines go (default `console.error`, as TensorFlow logs to stderr). */
  readonly log?: (line: string) => void;
}

export interface SessionOptions {
  /** The graph to run (default: the default graph at construction). */
  readonly graph?: Graph;
  /** The backend for each device type. Without a CPU backend one is chosen at first run (see `devices`). */
  readonly devices?: DeviceBackends;
  readonly config?: SessionConfig;
  /** An in-process `Server` whose variable values this session shares with its other sessions. */
  readonly target?: Server;
  /** The host kernels available (default: `createDefaultHostKernelRegistry()`: the session's own and checkpoint I/O). */
  readonly hostKernels?: HostKernelRegistry;
  /** @internal How the default CPU backend package is loaded (tests substitute this). */
  readonly importModule?: ModuleImporter;
}

/** Backend `init()` calls, shared by every session using the backend, so each backend is initialized once. */
const initialized = new WeakMap<KernelBackend, Promise<void>>();
const initializedSync = new WeakSet<KernelBackend>();

function initOnce(backend: KernelBackend): Promise<void> {
  let p = initialized.get(backend);
  if (p === undefined) {
    p = backend.init().then(() => { initializedSync.add(backend); });
    initialized.set(backend, p);
    p.catch(() => initialized.delete(backend));
  }
  return p;
}

const MAX_CACHED_PLANS = 256;

/**
 * Runs a graph (TensorFlow's `tf.Session`): prunes it to the fetches, places each op on its
 * device's backend, executes, and returns host values shaped like the fetches. Variable values
 * live in the session's own store, or in its `target` server's store when it has one.
 */
export class Session {
  readonly graph: Graph;
  readonly config: Readonly<Required<Pick<SessionConfig, 'allowSoftPlacement' | 'logDevicePlacement'>>>;
  readonly #log: (line: string) => void;
  readonly #given: DeviceBackends;
  #devices: DeviceBackends | undefined;
  readonly #owned: KernelBackend[] = [];
  #ready: Promise<void> | undefined;
  readonly #resources: ResourceStore;
  readonly #server: Server | undefined;
  readonly #random = new RandomState();
  readonly #hostKernels: HostKernelRegistry;
  readonly #importModule: ModuleImporter | undefined;
  readonly #plans = new Map<string, ExecutionPlan>();
  /** Plans of runs that fetch one tensor or op with no feeds, by what they fetch: no key to build. */
  #singlePlans = new WeakMap<Tensor | Operation, ExecutionPlan>();
  readonly #inFlight = new Set<Promise<unknown>>();
  #closed = false;

  constructor(options: SessionOptions = {}) {
    this.graph = options.graph ?? getDefaultGraph();
    const config = options.config ?? {};
    this.config = Object.freeze({
      allowSoftPlacement: config.allowSoftPlacement ?? false,
      logDevicePlacement: config.logDevicePlacement ?? false,
    });
    this.#log = config.log ?? ((line) => console.error(line));
    const devices = options.devices ?? {};
    for (const [type, backend] of Object.entries(devices) as [string, KernelBackend | undefined][]) {
      if (type !== 'CPU' && type !== 'GPU') throw new ValueError(`Unknown device type '${type}' in devices: use CPU or GPU.`);
      if (backend === undefined) continue;
      if (backend.deviceType !== type) {
        throw new ValueError(`The ${backend.name} backend is a ${backend.deviceType} backend; it cannot serve as the ${type} device.`);
      }
    }
    this.#given = Object.freeze({ ...devices });
    this.#devices = this.#given.CPU !== undefined ? this.#given : undefined;
    const target = options.target;
    if (target !== undefined && !(target instanceof Server)) {
      throw new ValueError(`Session target must be an in-process Server, got ${String(target)}: remote targets are not supported.`);
    }
    if (target?.closed === true) throw new RuntimeError(`The server ${target.target} is closed.`);
    this.#server = target;
    this.#resources = target?.resources ?? new ResourceStore();
    this.#hostKernels = options.hostKernels ?? createDefaultHostKernelRegistry();
    this.#importModule = options.importModule;
  }

  /**
   * The backend for each device type. When no CPU backend was given, the default one
   * (`@varscope/backend-wasm` if installed, else `@varscope/backend-reference`) appears here
   * once the session is initialized (`init()` or the first `run`).
   */
  get devices(): DeviceBackends {
    return this.#devices ?? this.#given;
  }

  /** The server whose values this session shares, if any. */
  get target(): Server | undefined {
    return this.#server;
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** Chooses the default CPU backend if needed and initializes every backend once. `run` does this itself. */
  init(): Promise<this> {
    this.#assertOpen();
    this.#ready ??= this.#prepare().then(() => undefined, (e: unknown) => {
      this.#ready = undefined;
      throw e;
    });
    return this.#ready.then(() => this);
  }

  async #prepare(): Promise<void> {
    let devices = this.#given;
    if (devices.CPU === undefined) {
      const cpu = await createDefaultCpuBackend(this.#importModule);
      if (this.#closed) {
        cpu.dispose();
        throw closedError();
      }
      this.#owned.push(cpu);
      initialized.set(cpu, Promise.resolve());
      initializedSync.add(cpu);
      devices = Object.freeze({ ...devices, CPU: cpu });
    }
    await Promise.all(Object.values(devices).map((b) => initOnce(b as KernelBackend)));
    this.#devices = devices;
  }

  /**
   * Runs the graph to compute `fetches` (TensorFlow's `Session.run`). Fetches are tensors,
   * ops, variables, names (`'x:0'`, `'init'`), or arrays / plain objects / Maps of them; the
   * result has the same structure with `NDArray` values (and `null` for ops).
   */
  run<const F extends Fetches>(fetches: F, feeds?: Feeds): Promise<FetchResult<F>> {
    // Not `async`: awaiting a deeply generic result type makes TypeScript recurse forever.
    return this.#runAsync(fetches, feeds) as Promise<FetchResult<F>>;
  }

  async #runAsync(fetches: unknown, feeds: Feeds | undefined): Promise<unknown> {
    this.#assertOpen();
    const work = (async () => {
      await this.init();
      const { parsed, exec } = this.#start(fetches, feeds);
      return parsed.build(await driveAsync(exec));
    })();
    this.#inFlight.add(work);
    try {
      return await work;
    } finally {
      this.#inFlight.delete(work);
    }
  }

  /**
   * `run`, synchronously. Every backend the run uses must download synchronously
   * (`capabilities.syncDownload`) and every host kernel must be synchronous; the backends must
   * have been initialized (`await session.init()` once, here or on another session using them).
   */
  runSync<const F extends Fetches>(fetches: F, feeds?: Feeds): FetchResult<F> {
    this.#assertOpen();
    const devices = this.#devices;
    // Ready once every backend has been initialized, by this session or another one.
    if (devices === undefined || !Object.values(devices).every((b) => initializedSync.has(b as KernelBackend))) {
      throw new RuntimeError('runSync() needs the session\'s backends initialized: call `await session.init()` once first (or use `await session.run()`).');
    }
    const { parsed, exec, plan } = this.#start(fetches, feeds);
    if (plan.notSyncReason !== undefined) {
      exec.return([]);
      throw new RuntimeError(`runSync() cannot run this graph: ${plan.notSyncReason}. Use \`await session.run()\`.`);
    }
    const values = driveSync(exec);
    return parsed.build(values) as FetchResult<F>;
  }

  #start(fetches: unknown, feeds: Feeds | undefined): { parsed: ParsedFetches; exec: Execution; plan: ExecutionPlan } {
    if (this.graph.size === 0) {
      throw new RuntimeError('The Session graph is empty. Add operations to the graph before calling run().');
    }
    let parsed: ParsedFetches;
    let fed: ReadonlyMap<Tensor, HostTensor>;
    let plan: ExecutionPlan;
    if (feeds === undefined && (fetches instanceof Tensor || fetches instanceof Operation) && fetches.graph === this.graph) {
      // The common `run(tensor)` / `run(op)`: no fetch structure to parse, no plan key to build.
      parsed = singleFetch(fetches);
      fed = NO_FEEDS;
      const cached = this.#singlePlans.get(fetches);
      if (cached !== undefined && cached.graphVersion === this.graph.lastId) {
        plan = cached;
      } else {
        plan = this.#plan(parsed.tensors, parsed.targets, fed);
        this.#singlePlans.set(fetches, plan);
      }
    } else {
      parsed = parseFetches(fetches, this.graph);
      fed = parseFeeds(feeds, this.graph);
      plan = this.#plan(parsed.tensors, parsed.targets, fed);
    }
    const exec = execute(plan, fed, { resources: this.#resources, random: this.#random });
    return { parsed, exec, plan };
  }

  #plan(fetches: readonly Tensor[], targets: readonly Operation[], fed: ReadonlyMap<Tensor, HostTensor>): ExecutionPlan {
    const feedNames = [...fed.keys()].map((t) => t.name).sort();
    const key = `${fetches.map((t) => t.name).join(',')}|${targets.map((o) => o.name).join(',')}|${feedNames.join(',')}`;
    const version = this.graph.lastId;
    const cached = this.#plans.get(key);
    if (cached !== undefined && cached.graphVersion === version) return cached;
    const devices = this.#devices;
    if (devices === undefined) throw new RuntimeError('The session has no backends yet: call `await session.init()`.');
    const plan = buildPlan(fetches, targets, new Set(fed.keys()), {
      devices, hostKernels: this.#hostKernels, allowSoftPlacement: this.config.allowSoftPlacement,
    }, version);
    if (this.config.logDevicePlacement) {
      for (const step of plan.steps) this.#log(`${step.op.name}: (${step.op.type}): ${step.placement.device}`);
    }
    this.#plans.delete(key);
    this.#plans.set(key, plan);
    if (this.#plans.size > MAX_CACHED_PLANS) this.#plans.delete(this.#plans.keys().next().value as string);
    return plan;
  }

  /**
   * Closes the session: waits for runs in flight, releases every variable value it owns
   * (a server's values stay with the server) and disposes the backends it created.
   */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await Promise.allSettled([...this.#inFlight]);
    await this.#ready?.catch(() => undefined);
    if (this.#server === undefined) {
      this.#resources.reset();
    } else {
      // The server outlives this session: keep its values, but not on backends about to be disposed.
      for (const backend of this.#owned) await this.#resources.evacuate(backend);
    }
    for (const backend of this.#owned) backend.dispose();
    this.#owned.length = 0;
    this.#plans.clear();
    this.#singlePlans = new WeakMap();
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }

  #assertOpen(): void {
    if (this.#closed) throw closedError();
    if (this.#server?.closed === true) throw new RuntimeError(`The server ${this.#server.target} this session runs on is closed.`);
  }
}

const NO_FEEDS: ReadonlyMap<Tensor, HostTensor> = new Map();

function closedError(): RuntimeError {
  return new RuntimeError('Attempted to use a closed Session.');
}

async function driveAsync(exec: Execution): Promise<HostTensor[]> {
  let next = exec.next();
  while (!next.done) {
    const wait = next.value;
    let result: unknown;
    try {
      result = wait.kind === 'download' ? await wait.backend.download(wait.ref) : await wait.promise;
    } catch (e) {
      next = exec.throw(e);
      continue;
    }
    next = exec.next(result);
  }
  return next.value;
}

function driveSync(exec: Execution): HostTensor[] {
  let next = exec.next();
  while (!next.done) {
    const wait = next.value;
    let result: TensorData;
    try {
      if (wait.kind !== 'download') throw new RuntimeError('runSync() reached an asynchronous host kernel.');
      const download = wait.backend.downloadSync;
      if (download === undefined) throw new RuntimeError(`The ${wait.backend.name} backend cannot download synchronously.`);
      result = download.call(wait.backend, wait.ref);
    } catch (e) {
      next = exec.throw(e);
      continue;
    }
    next = exec.next(result);
  }
  return next.value;
}
