import { createReferenceBackend } from '@varscope/backend-reference';
import { Graph } from '../../src/graph/index.js';
import type { Operation } from '../../src/graph/index.js';
import { Session } from '../../src/session/index.js';

/** Runs `fn` with a fresh default graph. */
export function inGraph<T>(fn: (g: Graph) => T): T {
  const g = new Graph();
  return g.asDefault(() => fn(g));
}

/** `name:Type` of every op in creation order. */
export function opSummary(g: Graph): string[] {
  return g.getOperations().map((op: Operation) => `${op.name}:${op.type}`);
}

/** A session on `graph` with the reference backend as the CPU. */
export function referenceSession(graph: Graph): Session {
  return new Session({ graph, devices: { CPU: createReferenceBackend() } });
}

/** Runs `fetches` once in a fresh reference session on `graph` and returns plain JS values (`toArray()`). */
export async function evaluate(graph: Graph, fetches: readonly unknown[], feeds: Record<string, unknown> = {}): Promise<unknown[]> {
  const session = referenceSession(graph);
  try {
    const results = await session.run(fetches as never, feeds as never) as unknown as { toArray(): unknown }[];
    return results.map((r) => r.toArray());
  } finally {
    await session.close();
  }
}

/** Asserts `actual` matches the nested numbers of `expected` to `digits` decimal places. */
export function closeTo(actual: unknown, expected: unknown, digits = 5): boolean {
  if (Array.isArray(expected)) {
    return Array.isArray(actual) && actual.length === expected.length && expected.every((e, i) => closeTo(actual[i], e, digits));
  }
  if (typeof expected === 'number' && typeof actual === 'number') {
    if (Number.isNaN(expected)) return Number.isNaN(actual);
    return Math.abs(actual - expected) < 10 ** -digits * Math.max(1, Math.abs(expected));
  }
  return actual === expected;
}
