import { CheckpointReader } from '../../bundle/checkpoint-reader.js';
import type { CliIo } from '../io.js';
import { formatTensor, jsonValues } from '../format-values.js';

export interface InspectOptions {
  readonly tensor?: string;
  readonly all?: boolean;
  readonly names?: boolean;
  readonly json?: boolean;
  readonly objectGraph?: boolean;
}

/**
 * `inspect`: like TensorFlow's `print_tensors_in_checkpoint_file`. With no
 * flags, the reader's debug string; `--tensor` one tensor's values; `--all`
 * every tensor's values; `--names` names only; `--json` machine-readable.
 */
export async function inspect(path: string, options: InspectOptions, io: CliIo): Promise<number> {
  const reader = await CheckpointReader.open(path);
  try {
    const names = options.tensor !== undefined ? [options.tensor] : reader.keys();
    const withValues = options.tensor !== undefined || options.all === true;
    if (options.json === true) {
      const tensors = [];
      for (const name of names) {
        const entry: Record<string, unknown> = { name, dtype: reader.dtype(name), shape: reader.shape(name) };
        if (withValues) entry['values'] = jsonValues(await reader.read(name));
        tensors.push(entry);
      }
      const out: Record<string, unknown> = { prefix: reader.prefix, format: reader.format, tensors };
      if (options.objectGraph === true) out['objectGraph'] = await reader.objectGraph();
      io.out(`${JSON.stringify(out, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v), 2)}\n`);
      return 0;
    }
    if (options.objectGraph === true) {
      const graph = await reader.objectGraph();
      if (graph === null) io.out('(no object graph: a name-based checkpoint)\n');
      else {
        (graph.nodes ?? []).forEach((node, id) => {
          const children = (node.children ?? []).map((c) => `${c.localName}=${c.nodeId}`).join(' ');
          const attrs = (node.attributes ?? []).map((a) => a.checkpointKey).join(' ');
          io.out(`${id}: ${children}${attrs === '' ? '' : `  [${attrs}]`}\n`);
        });
      }
      return 0;
    }
    if (options.names === true) {
      for (const name of names) io.out(`${name}\n`);
      return 0;
    }
    if (!withValues) {
      io.out(reader.debugString());
      return 0;
    }
    for (const name of names) {
      io.out(`tensor_name:  ${name}\n${formatTensor(await reader.read(name))}\n`);
    }
    return 0;
  } finally {
    await reader.close();
  }
}
