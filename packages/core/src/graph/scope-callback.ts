import { ValueError } from '../errors.js';

/**
 * Runs a scope body between `enter` and `exit`. Scope bodies must be synchronous: a scope
 * stack cannot follow an `await`, so ops created after one would silently land outside it.
 */
export function runScoped<T>(what: string, enter: () => void, exit: () => void, body: () => T): T {
  enter();
  let result: T;
  try {
    result = body();
  } finally {
    exit();
  }
  return assertSyncResult(what, result);
}

/** Returns `result`, or throws if a scope body returned a Promise (see {@link runScoped}). */
export function assertSyncResult<T>(what: string, result: T): T {
  if (result !== null && typeof result === 'object' && typeof (result as { then?: unknown }).then === 'function') {
    // Keep an unhandled rejection from surfacing twice.
    (result as unknown as Promise<unknown>).then(undefined, () => undefined);
    throw new ValueError(
      `The body of ${what} returned a Promise. Scope callbacks must be synchronous: ` +
      'ops created after an `await` would not be inside the scope. Build the graph synchronously ' +
      'and await `session.run` outside the scope.',
    );
  }
  return result;
}
