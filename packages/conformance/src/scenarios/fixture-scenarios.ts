import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { dtypeFromEnum } from '@varscope/kernel-api';
import type { DType, KernelBackend, TensorData } from '@varscope/kernel-api';
import { CheckpointReader } from '@varscope/checkpoint';
import { Graph, getVariable, train, zerosInitializer } from '@varscope/core';
import type { ScenarioContext, SeedScenario } from './seed-scenario.js';

/** The parts of a fixture's `manifest.json` (written by an independent decoder) the scenario checks against. */
interface ManifestTensor {
  readonly name: string;
  readonly dtype_enum: number;
  readonly shape: readonly number[];
  /** sha256 of the tensor's raw little-endian bytes (V2 bundles only). */
  readonly sha256?: string;
  readonly first_values?: readonly unknown[];
}
interface Manifest {
  readonly checkpoints: readonly { readonly prefix: string; readonly format: 'V1' | 'V2'; readonly tensors: readonly ManifestTensor[] }[];
}

/** Whether the backend can hold a variable of `dtype`: assign it and read it back. */
function holds(backend: KernelBackend, dtype: DType): boolean {
  const k = backend.capabilities.kernels;
  return (k.Assign ?? []).includes(dtype) && (k.Identity ?? []).includes(dtype);
}

const bytesOf = (data: TensorData): Buffer => {
  const view = data as unknown as ArrayBufferView;
  return Buffer.from(view.buffer, view.byteOffset, view.byteLength);
};

/**
 * Restores one fixture checkpoint's tensors of one dtype into variables on the backend under
 * test with core's `train.Saver` (RestoreV2 on the host, Assign on the backend), keyed by the
 * checkpoint's own names; returns the values read back from the backend.
 */
async function restoreOnBackend(
  ctx: ScenarioContext, prefix: string, tensors: readonly ManifestTensor[], dtype: DType,
): Promise<TensorData[]> {
  const g = new Graph();
  const { vars, saver } = g.asDefault(() => {
    const vars = tensors.map((t, i) => getVariable(`restored_${i}`, [...t.shape], { dtype, initializer: zerosInitializer(), trainable: false }));
    return { vars, saver: new train.Saver({ varList: Object.fromEntries(tensors.map((t, i) => [t.name, vars[i]])) }) };
  });
  const s = ctx.newSession(g);
  try {
    await saver.restore(s, prefix);
    return (await s.run(vars)).map((a) => a.data);
  } finally {
    await s.close();
  }
}

/** Where the fixtures are by default: `../shared/testdata/tf-checkpoints` next to the repository. */
export const DEFAULT_CHECKPOINT_FIXTURES = new URL('../../../../../shared/testdata/tf-checkpoints/', import.meta.url);

/**
 * SEED-SCENARIOS §6.9: every TensorFlow-written fixture checkpoint, one scenario per folder and
 * dtype, restored into variables on the backend under test and read back with exactly the
 * bytes the independent manifest records (V1 tables, whose manifest records no values, against
 * what `CheckpointReader` reads). String tensors are left out: they never reach a device backend.
 * Returns the reason instead when the fixtures folder is absent.
 */
export function fixtureScenarios(dir: string): readonly SeedScenario[] | string {
  // Synchronous: it runs while vitest collects tests, and the suite must know every id then.
  if (statSync(dir, { throwIfNoEntry: false })?.isDirectory() !== true) {
    return `the TensorFlow checkpoint fixtures are not at ${dir} (a checkout without ../shared/testdata)`;
  }
  const scenarios: SeedScenario[] = [];
  const folders = readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
  for (const folder of folders) {
    const manifestFile = join(dir, folder, 'manifest.json');
    if (statSync(manifestFile, { throwIfNoEntry: false })?.isFile() !== true) continue;
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as Manifest;
    const dtypes = new Set<DType>();
    for (const c of manifest.checkpoints) for (const t of c.tensors) dtypes.add(dtypeFromEnum(t.dtype_enum));
    dtypes.delete('string');
    for (const dtype of [...dtypes].sort()) {
      scenarios.push({
        id: `6.9/${folder}/${dtype}`,
        title: `TensorFlow's ${folder} checkpoint restores its ${dtype} tensors exactly`,
        async run(ctx) {
          if (!holds(ctx.backend, dtype)) ctx.skip(`${ctx.backend.name} has no Assign and Identity kernels for ${dtype}`);
          for (const c of manifest.checkpoints) {
            const tensors = c.tensors.filter((t) => dtypeFromEnum(t.dtype_enum) === dtype);
            if (tensors.length === 0) continue;
            const prefix = join(dir, folder, c.prefix);
            const got = await restoreOnBackend(ctx, prefix, tensors, dtype);
            if (c.format === 'V2') {
              const digests = got.map((data) => createHash('sha256').update(bytesOf(data)).digest('hex'));
              ctx.expect(digests, `${folder}/${c.prefix}`).toEqual(tensors.map((t) => t.sha256));
            } else {
              const reader = await CheckpointReader.open(prefix);
              try {
                for (const [i, t] of tensors.entries()) ctx.expect(bytesOf(got[i] as TensorData).equals(bytesOf((await reader.read(t.name)).data as TensorData)), t.name).toBe(true);
              } finally {
                await reader.close();
              }
            }
          }
        },
      });
    }
  }
  return scenarios;
}
