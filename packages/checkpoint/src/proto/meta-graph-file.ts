import { readFile } from 'node:fs/promises';
import { DataLossError, NotFoundError } from '../errors/checkpoint-error.js';
import { writeFileAtomic } from '../io/atomic-write.js';
import { MetaGraphDef, SavedModel } from './generated/messages.js';

async function readBytes(path: string): Promise<Uint8Array> {
  try {
    return await readFile(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new NotFoundError(`File ${path} does not exist.`, { file: path, cause: e });
    throw new DataLossError(`Cannot read ${path}: ${(e as Error).message}`, { file: path, cause: e });
  }
}

/** Reads a binary `.meta` file; garbage is a `DataLossError` ("Cannot parse file …"). */
export async function readMetaGraph(path: string): Promise<MetaGraphDef> {
  return MetaGraphDef.decode(await readBytes(path), { file: path });
}

/** Writes a `.meta` file atomically. */
export async function writeMetaGraph(path: string, metaGraph: MetaGraphDef): Promise<void> {
  await writeFileAtomic(path, MetaGraphDef.encode(metaGraph));
}

/** Reads a `saved_model.pb`. */
export async function readSavedModel(path: string): Promise<SavedModel> {
  return SavedModel.decode(await readBytes(path), { file: path });
}
