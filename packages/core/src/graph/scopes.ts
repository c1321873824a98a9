import { ValueError } from '../errors.js';
import type { DeviceSpec } from './device-spec.js';
import type { DeviceFunction } from './graph.js';
import { getDefaultGraph } from './graph.js';
import { Operation } from './operation.js';
import { Tensor } from './tensor.js';

/** Anything that names an op for control dependencies and colocation: an op, a tensor, or an object with `.op` (a Variable). */
export type OpLike = Operation | Tensor | { readonly op: Operation };

/** The op behind an `OpLike`. */
export function toOperation(x: OpLike, what: string): Operation {
  if (x instanceof Operation) return x;
  if (x instanceof Tensor) return x.op;
  if (x !== null && typeof x === 'object' && 'op' in x && x.op instanceof Operation) return x.op;
  throw new TypeError(`${what}: can not convert ${String(x)} into an Operation or Tensor.`);
}

/**
 * Opens a name scope on the default graph for `fn` (TensorFlow's `tf.name_scope`).
 * `fn` receives the scope string, e.g. `'foo/bar/'`; a name ending in `/` re-enters a scope.
 */
export function nameScope<T>(name: string | null | undefined, fn: (scope: string) => T): T {
  return getDefaultGraph().nameScope(name, fn);
}

/** TensorFlow's `name_scope(name, default_name)`: uses `defaultName` (uniquified) when `name` is absent. */
export function nameScopeWithDefault<T>(name: string | null | undefined, defaultName: string | null | undefined, fn: (scope: string) => T): T {
  if (!name && !defaultName) {
    throw new ValueError('At least one of name (undefined) and default_name (undefined) must be provided.');
  }
  return getDefaultGraph().nameScope(name ? name : defaultName, fn);
}

/** Places ops created in `fn` on a device, a device function's choice, or (with `null`) nowhere in particular. */
export function device<T>(spec: string | DeviceSpec | DeviceFunction | null, fn: () => T): T {
  return getDefaultGraph().device(spec, fn);
}

/** Ops created in `fn` run after `inputs`; `null` clears enclosing control dependencies. */
export function controlDependencies<T>(inputs: readonly OpLike[] | null, fn: () => T): T {
  const ops = inputs === null ? null : inputs.map((x) => toOperation(x, 'controlDependencies'));
  return getDefaultGraph().controlDependencies(ops, fn);
}

/** Ops created in `fn` are colocated with `op` (its device and `loc:@` group). */
export function colocateWith<T>(op: OpLike | null, fn: () => T, options: { ignoreExisting?: boolean } = {}): T {
  return getDefaultGraph().colocateWith(op === null ? null : toOperation(op, 'colocateWith'), fn, options.ignoreExisting ?? false);
}

/** The graph-level random seed (TensorFlow's `set_random_seed`). */
export function setRandomSeed(seed: number | null): void {
  if (seed !== null && !Number.isInteger(seed)) throw new TypeError(`setRandomSeed: seed must be an integer, got ${seed}`);
  getDefaultGraph().seed = seed;
}
