import { expect } from 'vitest';
import { Graph } from '../../src/graph/index.js';

/** Runs `fn` with a fresh graph as the default graph. */
export function inGraph<T>(fn: (g: Graph) => T): T {
  const g = new Graph();
  return g.asDefault(() => fn(g));
}

/**
 * `actual` holds exactly the objects of `expected`, in order (compared with `===`: variables
 * refuse iteration, so they cannot go through vitest's deep equality).
 */
export function expectSame(actual: readonly unknown[], expected: readonly unknown[]): void {
  expect(actual.length).toBe(expected.length);
  actual.forEach((x, i) => expect(x === expected[i], `item ${i}`).toBe(true));
}

/** The `name` of each item. */
export const names = (items: readonly { name: string }[]): string[] => items.map((x) => x.name);
