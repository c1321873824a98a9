import { basename } from 'node:path';
import {
  CheckpointWriter, readCheckpointState, writeCheckpointState, type SaveStage, type TensorInput,
} from '../../src/index.js';

/** The tensors of "training step" `step`: every value depends on the step, so a mix of steps is detectable. */
export function expectedTensors(step: number): [string, TensorInput][] {
  const n = 1 << 16;
  return [
    ['dense/kernel', { dtype: 'float32', shape: [n], data: new Float32Array(n).fill(step + 0.5) }],
    ['dense/bias', { dtype: 'float64', shape: [3], data: new Float64Array([step, -step, step / 3]) }],
    ['global_step', { dtype: 'int64', shape: [], data: new BigInt64Array([BigInt(step)]) }],
    ['note', { dtype: 'string', shape: [1], data: [`saved at step ${step}`] }],
  ];
}

/**
 * What a Saver does for one step: the checkpoint, then the state file naming
 * it (keeping the last five). `at` is called at every stage, including
 * `before-state` and `after-state`.
 */
export async function saveStep(dir: string, step: number, at: (stage: string) => void = () => undefined): Promise<void> {
  const prefix = `${dir}/model.ckpt-${step}`;
  const writer = await CheckpointWriter.create(prefix, { numShards: 2, onStage: (s: SaveStage) => at(s) });
  for (const [name, t] of expectedTensors(step)) await writer.add(name, t);
  await writer.finish();
  at('before-state');
  const previous = await readCheckpointState(dir);
  const all = [...(previous?.raw.allModelCheckpointPaths ?? []), basename(prefix)].slice(-5);
  await writeCheckpointState(dir, { modelCheckpointPath: basename(prefix), allModelCheckpointPaths: all });
  at('after-state');
}
