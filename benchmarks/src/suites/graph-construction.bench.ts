// Graph construction: getVariable in nested variable scopes, with reuse mixed in, then one
// globalVariablesInitializer over everything. Reported per getVariable call at three sizes so
// that a cost growing with the graph (a linear scan, a quadratic name check) shows as a slope;
// the target is ≤ 10 µs per variable, flat from 1k to 100k.
import {
  AUTO_REUSE, Graph, constantInitializer, getVariable, globalVariablesInitializer, variableScope, zerosInitializer,
} from '@varscope/core';
import type { BenchResult, BenchSuite } from '../suite.js';

const RUNNER = 'varscope';
const DEPTH = 10;
const BLOCK = 100;

/**
 * Builds a graph with `calls` getVariable calls: blocks of 100 calls, each block in its own
 * chain of 10 nested variable scopes (`block_k/l1/…/l9`); per block, 75 calls create variables,
 * 6 go through `AUTO_REUSE` (the first creates), and 19 re-enter the innermost scope by its full
 * name with `reuse: true` and fetch existing ones. Returns the time spent in getVariable and in the initializer.
 */
function build(calls: number): { getVariableMs: number; initializerMs: number; variables: number } {
  const g = new Graph();
  return g.asDefault(() => {
    let created = 0;
    const t0 = performance.now();
    for (let block = 0; block * BLOCK < calls; block++) {
      const n = Math.min(BLOCK, calls - block * BLOCK);
      const create = Math.ceil(n * 0.75);
      const autoReuse = Math.floor((n - create) / 4);
      const strictReuse = n - create - autoReuse;
      const names = Array.from({ length: DEPTH }, (_v, level) => (level === 0 ? `block_${block}` : `l${level}`));
      const nested = (level: number, fn: () => void): void => {
        if (level === DEPTH) fn();
        else variableScope(names[level] as string, () => nested(level + 1, fn));
      };
      nested(0, () => {
        for (let i = 0; i < create; i++) {
          getVariable(`w${i}`, [4, 4], { initializer: i % 2 === 0 ? zerosInitializer() : constantInitializer(0.5) });
        }
        variableScope('shared', { reuse: AUTO_REUSE }, () => {
          for (let i = 0; i < autoReuse; i++) getVariable('counter', [], { initializer: zerosInitializer() });
        });
      });
      created += create + (autoReuse > 0 ? 1 : 0);
      variableScope(names.join('/'), { reuse: true }, () => {
        for (let i = 0; i < strictReuse; i++) getVariable(`w${i % create}`, [4, 4]);
      });
    }
    const t1 = performance.now();
    globalVariablesInitializer();
    const t2 = performance.now();
    return { getVariableMs: t1 - t0, initializerMs: t2 - t1, variables: created };
  });
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

const suite: BenchSuite = {
  name: 'graph-construction',
  async run({ quick }) {
    const sizes = quick ? [1_000] : [1_000, 10_000, 100_000];
    const results: BenchResult[] = [];
    build(quick ? 200 : 10_000); // warm-up: let the JIT settle on the scope and store paths before the 1k figure
    for (const calls of sizes) {
      const runs = quick ? 1 : calls >= 100_000 ? 3 : 5;
      const samples = Array.from({ length: runs }, () => build(calls));
      const getMs = median(samples.map((s) => s.getVariableMs));
      const initMs = median(samples.map((s) => s.initializerMs));
      const variables = samples[0]?.variables ?? 0;
      const size = calls >= 1000 ? `${calls / 1000}k` : String(calls);
      results.push({ group: 'graph-construction', case: `getVariable ×${size}`, runner: RUNNER, medianMs: getMs, value: (getMs * 1000) / calls, unit: 'µs/var',
        notes: `${DEPTH}-deep scopes; ${variables} variables created, the other calls reuse` });
      results.push({ group: 'graph-construction', case: `globalVariablesInitializer ×${size}`, runner: RUNNER, medianMs: initMs, value: (initMs * 1000) / variables, unit: 'µs/var',
        notes: `one initializer over ${variables} variables` });
    }
    return results;
  },
};

export default suite;
