import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createReferenceBackend } from '@varscope/backend-reference';
import { Graph, add, constant, randomUniform } from '@varscope/core';
import { DEFAULT_CHECKPOINT_FIXTURES, fixtureScenarios, missingKernel, sessionOn } from '../src/scenarios/index.js';
import { variant } from './support/variant-backend.js';

describe('scenario sessions', () => {
  it('turn a kernel the backend does not declare into a skip reason naming it', async () => {
    const reference = createReferenceBackend();
    const backend = variant(reference, { without: ['RandomUniform'] });
    const g = new Graph();
    const r = g.asDefault(() => randomUniform([2], { name: 'noise' }));
    const s = sessionOn(backend, reference, g);
    const err = await s.run(r).then(() => null, (e: unknown) => e);
    await s.close();
    expect(missingKernel(err, backend)).toMatch(/reference-variant has no RandomUniform kernel for \[.*DT_FLOAT.*\] \(needed by noise\/RandomUniform\)/);
    expect(missingKernel(new Error('Attempting to use uninitialized value W'), backend)).toBeNull();
    // The same error from another device type is not this backend's missing capability.
    expect(missingKernel(err, variant(reference, { deviceType: 'GPU' }))).toBeNull();
    reference.dispose();
  });

  it('put a GPU backend on the unplaced ops, with the reference as CPU and soft placement', async () => {
    const reference = createReferenceBackend();
    const gpu = variant(createReferenceBackend(), { deviceType: 'GPU', without: ['Mul'] });
    const g = new Graph();
    const y = g.asDefault(() => add(constant([1, 2]), constant([3, 4]), { name: 'y' }));
    const lines: string[] = [];
    const s = sessionOn(gpu, reference, g, { logDevicePlacement: true, log: (l) => lines.push(l) });
    expect((await s.run(y)).toArray()).toEqual([4, 6]);
    expect(y.op.device).toBe('/device:GPU:0');
    expect(lines.find((l) => l.startsWith('y: '))).toMatch(/^y: \(Add(V2)?\): \/job:localhost\/replica:0\/task:0\/device:GPU:0$/);
    await s.close();
    gpu.dispose();
    reference.dispose();
  });
});

describe('fixture scenarios', () => {
  it('say why when the fixtures folder is absent', () => {
    expect(fixtureScenarios('/nonexistent/tf-checkpoints')).toMatch(/fixtures are not at \/nonexistent\/tf-checkpoints/);
  });
  it('are one per fixture folder and dtype, strings left out', (ctx) => {
    const found = fixtureScenarios(fileURLToPath(DEFAULT_CHECKPOINT_FIXTURES));
    if (typeof found === 'string') return ctx.skip(found);
    const ids = found.map((s) => s.id);
    expect(ids).toContain('6.9/tf1-int64-scalars/int64');
    expect(ids).toContain('6.9/tf2-checkpoint-manager-float64/float64');
    expect(ids.some((id) => id.endsWith('/string'))).toBe(false);
  });
});
