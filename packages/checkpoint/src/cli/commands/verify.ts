import { CheckpointReader } from '../../bundle/checkpoint-reader.js';
import type { CliIo } from '../io.js';

/** `verify`: reads every tensor and checks every checksum; exit status 0 only when all match. */
export async function verify(path: string, io: CliIo): Promise<number> {
  const reader = await CheckpointReader.open(path);
  try {
    const bundle = reader.bundle;
    let total = 0;
    if (bundle !== null) for (const t of bundle.tensors.values()) total += t.entry.size;
    const bar = io.progress('verify', total);
    try {
      const report = await reader.verify({ onProgress: (done, _total, name) => bar.update(done, name) });
      bar.stop();
      const what = reader.format === 'V2' ? 'every block and tensor checksum matches' : 'every block checksum matches (V1 has no tensor checksums)';
      io.out(`OK ${reader.prefix}: ${report.tensors} tensors, ${report.bytes} bytes; ${what}\n`);
      return 0;
    } catch (e) {
      bar.stop();
      throw e;
    }
  } finally {
    await reader.close();
  }
}
