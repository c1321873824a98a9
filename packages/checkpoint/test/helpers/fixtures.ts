import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** `<repo>/../shared/testdata/tf-checkpoints`, TensorFlow-written fixtures read in place (never copied). */
export const FIXTURE_ROOT = fileURLToPath(new URL('../../../../../shared/testdata/tf-checkpoints/', import.meta.url));

export const HAVE_FIXTURES = existsSync(FIXTURE_ROOT);

/** Explains a skipped suite once, so a missing folder is visible in the log. */
export const FIXTURE_SKIP_REASON = HAVE_FIXTURES ? '' : `TensorFlow fixtures not found at ${FIXTURE_ROOT}; skipping fixture tests`;
if (!HAVE_FIXTURES) console.warn(FIXTURE_SKIP_REASON);

export interface ManifestTensor {
  name: string;
  dtype: string;
  dtype_enum: number;
  shape: number[];
  shard?: number;
  offset?: number;
  size?: number;
  crc32c?: number;
  entry_proto_hex?: string;
  sha256?: string;
  first_values?: (number | string)[];
  object_graph?: { node_count: number; checkpoint_keys: string[] };
  slices?: { start: number; length?: number }[][];
}

export interface ManifestCheckpoint {
  prefix: string;
  format: 'V1' | 'V2';
  header?: { num_shards: number; encoded_hex: string };
  sstable: { file_size: number; data_blocks: { offset: number; size: number; entries: number }[] };
  tensors: ManifestTensor[];
  slices?: { key_hex: string; name: string; first_values: number[]; value_count: number }[];
  data_order?: string[];
  meta_graph?: { graph_def: { node_count: number; nodes: string[] }; saver_def?: Record<string, unknown> };
}

export interface Manifest {
  directory: string;
  files: Record<string, { size: number; sha256: string }>;
  checkpoints: ManifestCheckpoint[];
  checkpoint_state?: {
    model_checkpoint_path: string;
    all_model_checkpoint_paths: string[];
    all_model_checkpoint_timestamps: number[];
    last_preserved_timestamp?: number;
  };
  checkpoint_state_raw?: string;
  saved_model?: { meta_graphs: { graph_def: { node_count: number; nodes: string[] } }[] };
}

export function fixtureDirs(): string[] {
  if (!HAVE_FIXTURES) return [];
  return readdirSync(FIXTURE_ROOT, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
}

export function fixturePath(dir: string, file = ''): string {
  return `${FIXTURE_ROOT}${dir}/${file}`;
}

export function loadManifest(dir: string): Manifest {
  return JSON.parse(readFileSync(fixturePath(dir, 'manifest.json'), 'utf8')) as Manifest;
}

export function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
}
