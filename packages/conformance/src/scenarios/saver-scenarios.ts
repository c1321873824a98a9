import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Graph, Variable, add, getVariable, globalVariablesInitializer, sub, train, zerosInitializer } from '@varscope/core';
import type { ScenarioContext, SeedScenario } from './seed-scenario.js';

/** §6.1's model: v1 = zeros[3] + 1, v2 = zeros[5] - 1, saved by `makeSaver` to `<dir>/model.ckpt`. */
async function saveModel(
  ctx: ScenarioContext, dir: string, makeSaver: (vars: { v1: Variable; v2: Variable }) => InstanceType<typeof train.Saver>,
): Promise<string> {
  const g = new Graph();
  const { init, update, saver } = g.asDefault(() => {
    const v1 = getVariable('v1', [3], { initializer: zerosInitializer() });
    const v2 = getVariable('v2', [5], { initializer: zerosInitializer() });
    return { init: globalVariablesInitializer(), update: [v1.assign(add(v1, 1)), v2.assign(sub(v2, 1))], saver: makeSaver({ v1, v2 }) };
  });
  const s = ctx.newSession(g);
  try {
    await s.run(init);
    await s.run(update);
    const prefix = await saver.save(s, join(dir, 'model.ckpt'));
    if (prefix === null) throw new Error('Saver.save wrote nothing');
    return prefix;
  } finally {
    await s.close();
  }
}

/** A fresh graph with v1 [3] and v2 [5] (zeros initializers, not run). */
function freshModel(): { g: Graph; v1: Variable; v2: Variable } {
  const g = new Graph();
  const [v1, v2] = g.asDefault(() => [
    getVariable('v1', [3], { initializer: zerosInitializer() }),
    getVariable('v2', [5], { initializer: zerosInitializer() }),
  ]);
  return { g, v1: v1 as Variable, v2: v2 as Variable };
}

/** SEED-SCENARIOS §6.1–6.3 and 6.6: Saver round trips through the backend under test. */
export const saverScenarios: readonly SeedScenario[] = Object.freeze([
  {
    id: '6.1', title: 'save writes the index, data, meta and state files and returns the prefix',
    async run(ctx) {
      const dir = await ctx.tempDir();
      const prefix = await saveModel(ctx, dir, () => new train.Saver());
      ctx.expect(prefix).toBe(join(dir, 'model.ckpt'));
      ctx.expect((await readdir(dir)).sort()).toEqual(['checkpoint', 'model.ckpt.data-00000-of-00001', 'model.ckpt.index', 'model.ckpt.meta']);
    },
  },
  {
    id: '6.2', title: 'restore into a fresh graph gives the saved values without running initializers',
    async run(ctx) {
      const dir = await ctx.tempDir();
      const prefix = await saveModel(ctx, dir, () => new train.Saver());
      const { g, v1, v2 } = freshModel();
      const saver = g.asDefault(() => new train.Saver());
      const s = ctx.newSession(g);
      try {
        await saver.restore(s, prefix);
        const [a, b] = await s.run([v1, v2]);
        ctx.expect(a?.toArray()).toEqual([1, 1, 1]);
        ctx.expect(b?.toArray()).toEqual([-1, -1, -1, -1, -1]);
      } finally {
        await s.close();
      }
    },
  },
  {
    id: '6.3', title: 'a varList object saves only its variables under its keys, and restores renamed keys',
    async run(ctx) {
      const dir = await ctx.tempDir();
      const prefix = await saveModel(ctx, dir, ({ v2 }) => new train.Saver({ varList: { my_v2: v2 } }));
      const { g, v1, v2 } = freshModel();
      const saver = g.asDefault(() => new train.Saver({ varList: { my_v2: v2 } }));
      const s = ctx.newSession(g);
      try {
        await s.run(v1.initializer);
        await saver.restore(s, prefix);
        const [a, b] = await s.run([v1, v2]);
        ctx.expect(a?.toArray()).toEqual([0, 0, 0]);
        ctx.expect(b?.toArray()).toEqual([-1, -1, -1, -1, -1]);
      } finally {
        await s.close();
      }
    },
  },
  {
    id: '6.6', title: 'a missing key or a shape mismatch fails naming it, and changes no variable',
    async run(ctx) {
      const dir = await ctx.tempDir();
      const prefix = await saveModel(ctx, dir, () => new train.Saver());
      const g = new Graph();
      const { v1, v3, wide, init, missing, mismatched } = g.asDefault(() => {
        const v1 = getVariable('v1', [3], { initializer: zerosInitializer() });
        const v3 = getVariable('v3', [2], { initializer: zerosInitializer() });
        const wide = new Variable([7, 7, 7, 7], { name: 'v2', dtype: 'float32' });
        return {
          v1, v3, wide, init: globalVariablesInitializer(),
          missing: new train.Saver({ varList: [v1, v3] }),
          mismatched: new train.Saver({ varList: { v1, v2: wide } }),
        };
      });
      const s = ctx.newSession(g);
      try {
        await s.run(init);
        await ctx.expect(missing.restore(s, prefix)).rejects.toThrow(/Key v3 not found in checkpoint/);
        await ctx.expect(mismatched.restore(s, prefix)).rejects.toThrow(/\[4\][\s\S]*\[5\]|\[5\][\s\S]*\[4\]/);
        const [a, b, c] = await s.run([v1, v3, wide]);
        ctx.expect(a?.toArray()).toEqual([0, 0, 0]);
        ctx.expect(b?.toArray()).toEqual([0, 0]);
        ctx.expect(c?.toArray()).toEqual([7, 7, 7, 7]);
      } finally {
        await s.close();
      }
    },
  },
]);
