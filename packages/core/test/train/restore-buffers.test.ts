import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createReferenceBackend } from '@varscope/backend-reference';
import { Session } from '../../src/session/index.js';
import { createHostKernelRegistry } from '../../src/session/host-kernels/index.js';
import { CHECKPOINT_IO_KERNELS } from '../../src/train/io-kernels.js';
import { Variable, globalVariablesInitializer } from '../../src/variables/index.js';
import { Saver } from '../../src/train/checkpointing.js';
import { InvalidArgumentError } from '../../src/errors.js';
import { build, tempDir, values } from './helpers.js';

function referenceSession(g: Session['graph']) {
  const backend = createReferenceBackend();
  const s = new Session({ graph: g, devices: { CPU: backend }, hostKernels: createHostKernelRegistry([...CHECKPOINT_IO_KERNELS]) });
  return { s, backend };
}

describe('restoring into variable buffers', () => {
  it('writes each restored value into its variable, holding one buffer per variable', async () => {
    const dir = tempDir();
    const a = build(() => ({
      v: new Variable([1, 2, 3], { name: 'v' }), w: new Variable([[4.5]], { name: 'w' }),
      init: globalVariablesInitializer(), saver: new Saver(),
    }));
    const sa = referenceSession(a.g);
    await sa.s.run(a.init);
    const prefix = await a.saver.save(sa.s, join(dir, 'model.ckpt'), { writeMetaGraph: false }) as string;
    await sa.s.close();

    const b = build(() => ({
      v: new Variable([0, 0, 0], { name: 'v' }), w: new Variable([[0.5]], { name: 'w' }),
      init: globalVariablesInitializer(), saver: new Saver(),
    }));
    const sb = referenceSession(b.g);
    // Into uninitialized variables (fresh buffers), then into initialized ones (the same buffers).
    await b.saver.restore(sb.s, prefix);
    expect(sb.backend.stats().liveHandles).toBe(2);
    expect(values(await sb.s.run(b.v))).toEqual([1, 2, 3]);
    await sb.s.run(b.init);
    await b.saver.restore(sb.s, prefix);
    expect(sb.backend.stats().liveHandles).toBe(2);
    expect(values(await sb.s.run(b.w))).toEqual([[4.5]]);
    await sb.s.close();
  });

  it('keeps the shape check of Assign for restored values', async () => {
    const dir = tempDir();
    const a = build(() => ({ v: new Variable([1, 2, 3], { name: 'v' }), init: globalVariablesInitializer(), saver: new Saver() }));
    const sa = referenceSession(a.g);
    await sa.s.run(a.init);
    const prefix = await a.saver.save(sa.s, join(dir, 'model.ckpt'), { writeMetaGraph: false }) as string;
    await sa.s.close();
    // A variable of another shape under the same key: the restore fails and leaves no buffer behind.
    const b = build(() => ({ v: new Variable([0, 0], { name: 'v' }), saver: new Saver() }));
    const sb = referenceSession(b.g);
    await expect(b.saver.restore(sb.s, prefix)).rejects.toThrow(InvalidArgumentError);
    expect(sb.backend.stats().liveHandles).toBe(0);
    await sb.s.close();
  });
});
