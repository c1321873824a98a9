import type { DType } from '@varscope/kernel-api';
import { asDType } from '../dtypes/index.js';
import { RuntimeError, ValueError } from '../errors.js';
import type { DeviceSpec } from '../graph/device-spec.js';
import { getDefaultGraph } from '../graph/graph.js';
import type { DeviceFunction, Graph } from '../graph/graph.js';
import { Operation } from '../graph/operation.js';
import { runScoped } from '../graph/scope-callback.js';
import { Tensor } from '../graph/tensor.js';
import type { TensorShape } from '../shape/index.js';
import { GraphKeys } from './collections.js';
import type { VariableInitializer } from './initializer.js';
import { ScopeCounts } from './scope-counts.js';
import type { Variable } from './variable.js';

/** `reuse: AUTO_REUSE`: `getVariable` creates a variable if it does not exist, else returns it. */
export const AUTO_REUSE: unique symbol = Symbol.for('varscope.AUTO_REUSE') as never;

/** A scope's reuse mode: `false` creates (error if the variable exists), `true` reuses (error if not). */
export type Reuse = boolean | typeof AUTO_REUSE;

/** Returns a loss tensor for a new variable, or null/undefined for none. */
export type Regularizer = (variable: Variable) => Tensor | null | undefined;

/** Splits a new variable's fully defined `shape` into parts: one count per dimension, at most one > 1. */
export type Partitioner = (shape: TensorShape, dtype: DType) => readonly number[];

/** Where a variable's `read` snapshot goes: a device, or a function of the op. */
export type CachingDevice = string | DeviceSpec | DeviceFunction;

/** Everything a getter receives besides the name (TensorFlow's getter keyword arguments). */
export interface GetterOptions {
  readonly shape: readonly (number | null)[] | TensorShape | null | undefined;
  readonly dtype: DType;
  readonly initializer?: VariableInitializer | null;
  readonly regularizer?: Regularizer | null;
  readonly reuse: Reuse;
  readonly trainable?: boolean;
  readonly collections?: Iterable<string> | null;
  readonly cachingDevice?: CachingDevice | null;
  readonly partitioner?: Partitioner | null;
  readonly validateShape?: boolean;
  readonly constraint?: ((value: Tensor) => Tensor) | null;
}

/** The function that actually gets or creates a variable; a custom getter wraps it. */
export type Getter = (name: string, options: GetterOptions) => unknown;

/**
 * Intercepts `getVariable` in a scope (TensorFlow's `custom_getter`): call `getter(name, options)`
 * (possibly with a changed name or options, possibly several times) and return what
 * `getVariable` should return. Nested scopes' getters compose, the outer one running first.
 */
export type CustomGetter = (getter: Getter, name: string, options: GetterOptions) => unknown;

interface ScopeSettings {
  initializer?: VariableInitializer | null;
  regularizer?: Regularizer | null;
  cachingDevice?: CachingDevice | null;
  partitioner?: Partitioner | null;
  customGetter?: CustomGetter | null;
  dtype?: DType;
  constraint?: ((value: Tensor) => Tensor) | null;
}

/**
 * A variable scope (TensorFlow's `VariableScope`): the prefix of `getVariable` names, the
 * reuse mode, and defaults for new variables (initializer, dtype, regularizer, partitioner,
 * caching device, custom getter). `variableScope` passes one to its callback.
 */
export class VariableScope {
  #reuse: Reuse;
  readonly #name: string;
  readonly #originalNameScope: string;
  #initializer: VariableInitializer | null;
  #regularizer: Regularizer | null;
  #cachingDevice: CachingDevice | null;
  #partitioner: Partitioner | null;
  #customGetter: CustomGetter | null;
  #dtype: DType;
  #constraint: ((value: Tensor) => Tensor) | null;

  /** @internal Scopes are made by `variableScope`. */
  constructor(reuse: Reuse, name = '', nameScope = '', settings: ScopeSettings = {}) {
    this.#reuse = reuse;
    this.#name = name;
    this.#originalNameScope = nameScope;
    this.#initializer = settings.initializer ?? null;
    this.#regularizer = settings.regularizer ?? null;
    this.#cachingDevice = settings.cachingDevice ?? null;
    this.#partitioner = settings.partitioner ?? null;
    this.#customGetter = settings.customGetter ?? null;
    this.#dtype = settings.dtype ?? 'float32';
    this.#constraint = settings.constraint ?? null;
  }

  /** The scope's full name without a trailing slash (`'foo/bar'`; `''` at the root). */
  get name(): string {
    return this.#name;
  }

  /** The name scope opened when the scope was created (`'scope1/tower/'`). */
  get originalNameScope(): string {
    return this.#originalNameScope;
  }

  get reuse(): Reuse {
    return this.#reuse;
  }

  /** From now on, `getVariable` in this scope (and scopes re-entered from it) reuses. */
  reuseVariables(): void {
    this.#reuse = true;
  }

  get initializer(): VariableInitializer | null { return this.#initializer; }
  get regularizer(): Regularizer | null { return this.#regularizer; }
  get cachingDevice(): CachingDevice | null { return this.#cachingDevice; }
  get partitioner(): Partitioner | null { return this.#partitioner; }
  get customGetter(): CustomGetter | null { return this.#customGetter; }
  get dtype(): DType { return this.#dtype; }
  get constraint(): ((value: Tensor) => Tensor) | null { return this.#constraint; }

  setInitializer(initializer: VariableInitializer | null): void { this.#initializer = initializer; }
  setRegularizer(regularizer: Regularizer | null): void { this.#regularizer = regularizer; }
  setCachingDevice(cachingDevice: CachingDevice | null): void { this.#cachingDevice = cachingDevice; }
  setPartitioner(partitioner: Partitioner | null): void { this.#partitioner = partitioner; }
  setCustomGetter(customGetter: CustomGetter | null): void { this.#customGetter = customGetter; }
  setDtype(dtype: DType | string): void { this.#dtype = asDType(dtype); }
  setConstraint(constraint: ((value: Tensor) => Tensor) | null): void { this.#constraint = constraint; }

  /** Items of collection `key` in the default graph whose names start with this scope's name and a `/`. */
  getCollection<T = unknown>(key: string): T[] {
    return getDefaultGraph().getCollection<T>(key, this.#name ? `${this.#name}/` : '');
  }

  globalVariables(): Variable[] {
    return this.getCollection<Variable>(GraphKeys.GLOBAL_VARIABLES);
  }

  trainableVariables(): Variable[] {
    return this.getCollection<Variable>(GraphKeys.TRAINABLE_VARIABLES);
  }

  localVariables(): Variable[] {
    return this.getCollection<Variable>(GraphKeys.LOCAL_VARIABLES);
  }

  toString(): string {
    return `<VariableScope '${this.#name}' reuse=${String(this.#reuse === AUTO_REUSE ? 'AUTO_REUSE' : this.#reuse)}>`;
  }
}

/** Per-graph variable-scope state: the current scope and the scope-name counts. */
export interface ScopeState {
  current: VariableScope;
  readonly counts: ScopeCounts;
}

const SCOPE_STATE = Symbol('varscope.variableScopeState');

/** @internal The variable-scope state of `graph`. */
export function scopeState(graph: Graph): ScopeState {
  return graph.store(SCOPE_STATE, () => ({ current: new VariableScope(false), counts: new ScopeCounts() }));
}

/** The current variable scope of the default graph (the root scope, named `''`, outside any). */
export function getVariableScope(): VariableScope {
  return scopeState(getDefaultGraph()).current;
}

export interface VariableScopeOptions {
  /**
   * `true` or `AUTO_REUSE` for this scope and its sub-scopes; `false` (the default) inherits
   * the parent's mode: reuse cannot be switched off inside a reusing scope.
   */
  readonly reuse?: Reuse | null;
  /** Default initializer for variables in this scope. */
  readonly initializer?: VariableInitializer | null;
  /** Default dtype for variables in this scope (float32 at the root). */
  readonly dtype?: DType | string | null;
  /** Used (uniquified: `default`, `default_1`…) when `nameOrScope` is null. */
  readonly defaultName?: string | null;
  /** Open a name scope with the variable scope (default true). */
  readonly auxiliaryNameScope?: boolean;
  readonly regularizer?: Regularizer | null;
  readonly partitioner?: Partitioner | null;
  readonly customGetter?: CustomGetter | null;
  readonly cachingDevice?: CachingDevice | null;
  readonly constraint?: ((value: Tensor) => Tensor) | null;
  /** Tensors, ops or variables the scope's ops use; the scope opens in their graph. */
  readonly values?: readonly unknown[];
}

type ScopeCallback<T> = (scope: VariableScope) => T;

/**
 * Opens a variable scope for `fn` (TensorFlow's `tf.variable_scope`): `getVariable` names are
 * prefixed with the scope's name, and unless `auxiliaryNameScope: false` a name scope of the
 * same name (uniquified) is opened for the ops. `nameOrScope` is a name, a captured
 * `VariableScope` (re-entered: same variable prefix, a fresh name scope), or null with
 * `defaultName`. Returns `fn`'s result; `fn` must be synchronous.
 */
export function variableScope<T>(nameOrScope: string | VariableScope | null | undefined, fn: ScopeCallback<T>): T;
export function variableScope<T>(nameOrScope: string | VariableScope | null | undefined, options: VariableScopeOptions, fn: ScopeCallback<T>): T;
export function variableScope<T>(
  nameOrScope: string | VariableScope | null | undefined,
  optionsOrFn: VariableScopeOptions | ScopeCallback<T>,
  maybeFn?: ScopeCallback<T>,
): T {
  const options: VariableScopeOptions = typeof optionsOrFn === 'function' ? {} : (optionsOrFn ?? {});
  const fn = typeof optionsOrFn === 'function' ? optionsOrFn : maybeFn;
  if (typeof fn !== 'function') throw new TypeError('variableScope: the last argument must be the scope callback');
  const defaultName = options.defaultName ?? null;
  if (defaultName === null && (nameOrScope === null || nameOrScope === undefined)) {
    throw new TypeError('If default_name is None then name_or_scope is required');
  }
  if (nameOrScope !== null && nameOrScope !== undefined && typeof nameOrScope !== 'string' && !(nameOrScope instanceof VariableScope)) {
    throw new TypeError('VariableScope: name_or_scope must be a string or VariableScope.');
  }
  // `false` means "inherit", like None: a scope cannot switch reuse off.
  const reuse = options.reuse === false || options.reuse === null ? undefined : options.reuse;
  if (reuse !== undefined && reuse !== true && reuse !== AUTO_REUSE) {
    throw new ValueError('The reuse parameter must be True or False or None.');
  }
  const auxiliary = options.auxiliaryNameScope ?? true;
  if (typeof auxiliary !== 'boolean') {
    throw new TypeError(`The value of auxiliary_name_scope must be \`True\` or \`False\`, while get ${String(auxiliary)}`);
  }
  for (const f of ['regularizer', 'partitioner', 'customGetter', 'constraint'] as const) {
    const v = options[f];
    if (f !== 'customGetter' && v !== undefined && v !== null && typeof v !== 'function') {
      throw new TypeError(`variableScope: ${f} must be a function, got ${String(v)}`);
    }
  }
  const settings: ScopeSettings = {
    ...(options.initializer != null ? { initializer: options.initializer } : {}),
    ...(options.regularizer != null ? { regularizer: options.regularizer } : {}),
    ...(options.cachingDevice != null ? { cachingDevice: options.cachingDevice } : {}),
    ...(options.partitioner != null ? { partitioner: options.partitioner } : {}),
    ...(options.customGetter != null ? { customGetter: options.customGetter } : {}),
    ...(options.dtype != null ? { dtype: asDType(options.dtype) } : {}),
    ...(options.constraint != null ? { constraint: options.constraint } : {}),
  };
  const g = graphFromValues(options.values);
  return g === getDefaultGraph()
    ? enterVariableScope(g, nameOrScope ?? null, defaultName, reuse, auxiliary, settings, fn)
    : g.asDefault(() => enterVariableScope(g, nameOrScope ?? null, defaultName, reuse, auxiliary, settings, fn));
}

function enterVariableScope<T>(
  g: Graph, nameOrScope: string | VariableScope | null, defaultName: string | null,
  reuse: true | typeof AUTO_REUSE | undefined, auxiliary: boolean, settings: ScopeSettings, fn: ScopeCallback<T>,
): T {
  // Without an auxiliary name scope, re-enter the current one (absolute, so not uniquified).
  const current = g.nameStack;
  const reentered = current ? `${current}/` : '';
  if (nameOrScope !== null) {
    const nameScopeName = typeof nameOrScope === 'string' ? nameOrScope : (nameOrScope.name.split('/').pop() as string);
    if (nameScopeName || !auxiliary) {
      return g.nameScope(auxiliary ? nameScopeName : reentered, (entered) => {
        const oldNameScope = typeof nameOrScope === 'string' ? entered : nameOrScope.originalNameScope;
        return pureVariableScope(g, nameOrScope, reuse, settings, oldNameScope, fn);
      });
    }
    // Re-entering the root scope object: no name scope at all.
    return pureVariableScope(g, nameOrScope, reuse, settings, undefined, fn);
  }
  if (reuse !== undefined) throw new ValueError('reuse=True cannot be used without a name_or_scope');
  return g.nameScope(auxiliary ? defaultName : reentered, (entered) => {
    const state = scopeState(g);
    const unique = state.counts.uniqueChildName(state.current.name, defaultName as string);
    return pureVariableScope(g, unique, reuse, settings, entered, fn);
  });
}

/** TensorFlow's `_pure_variable_scope`: switches the variable scope without touching name scopes. */
function pureVariableScope<T>(
  g: Graph, nameOrScope: string | VariableScope, reuse: true | typeof AUTO_REUSE | undefined,
  settings: ScopeSettings, oldNameScope: string | undefined, fn: ScopeCallback<T>,
): T {
  const state = scopeState(g);
  const old = state.current;
  let scope: VariableScope;
  let mark: number | null = null;
  if (nameOrScope instanceof VariableScope) {
    // Jumping to a captured scope: a copy of it, with whatever the caller overrides.
    scope = new VariableScope(reuse ?? nameOrScope.reuse, nameOrScope.name, nameOrScope.originalNameScope, {
      initializer: nameOrScope.initializer, regularizer: nameOrScope.regularizer,
      cachingDevice: nameOrScope.cachingDevice, partitioner: nameOrScope.partitioner,
      customGetter: wrapCustomGetter(settings.customGetter ?? null, nameOrScope.customGetter),
      dtype: nameOrScope.dtype, constraint: nameOrScope.constraint,
    });
  } else {
    const name = old.name ? `${old.name}/${nameOrScope}` : nameOrScope;
    scope = new VariableScope(reuse ?? old.reuse, name, oldNameScope ?? nameOrScope, {
      initializer: old.initializer, regularizer: old.regularizer, cachingDevice: old.cachingDevice,
      partitioner: old.partitioner, customGetter: wrapCustomGetter(settings.customGetter ?? null, old.customGetter),
      dtype: old.dtype, constraint: old.constraint,
    });
  }
  if (settings.initializer !== undefined) scope.setInitializer(settings.initializer);
  if (settings.regularizer !== undefined) scope.setRegularizer(settings.regularizer);
  if (settings.cachingDevice !== undefined) scope.setCachingDevice(settings.cachingDevice);
  if (settings.partitioner !== undefined) scope.setPartitioner(settings.partitioner);
  if (settings.dtype !== undefined) scope.setDtype(settings.dtype);
  if (settings.constraint !== undefined) scope.setConstraint(settings.constraint);
  const reentry = nameOrScope instanceof VariableScope;

  return runScoped('variableScope', () => {
    state.counts.open(scope.name);
    // Leaving a re-entered scope restores the counts as they were on entry.
    if (reentry) mark = state.counts.mark();
    state.current = scope;
  }, () => {
    if (state.current !== scope) throw new RuntimeError('Improper nesting of variable_scope.');
    if (mark !== null) state.counts.restore(mark);
    else state.counts.closeSubscopes(scope.name);
    state.current = old;
  }, () => fn(scope));
}

/** A scope's custom getter calls the enclosing one, which calls the real getter. */
function wrapCustomGetter(getter: CustomGetter | null, outer: CustomGetter | null): CustomGetter | null {
  if (getter === null) return outer;
  if (outer === null) return getter;
  return (real, name, options) => getter((n, o) => outer(real, n, o), name, options);
}

/** The graph the `values` of a scope belong to (the default graph when there are none). */
function graphFromValues(values: readonly unknown[] | undefined): Graph {
  let graph: Graph | null = null;
  let first: unknown;
  for (const v of values ?? []) {
    const g = v instanceof Tensor || v instanceof Operation ? v.graph
      : v !== null && typeof v === 'object' && 'graph' in v && (v as { graph: unknown }).graph !== undefined ? (v as { graph: Graph }).graph
        : null;
    if (g === null) continue;
    if (graph === null) {
      graph = g;
      first = v;
    } else if (g !== graph) {
      throw new ValueError(`${String(v)} must be from the same graph as ${String(first)}.`);
    }
  }
  return graph ?? getDefaultGraph();
}
