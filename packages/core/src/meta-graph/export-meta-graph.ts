import { writeMetaGraph } from '@varscope/checkpoint';
import type { MetaGraphDef, SaverDef } from '@varscope/checkpoint';
import type { Graph } from '../graph/graph.js';
import { getDefaultGraph } from '../graph/graph.js';
import { exportCollections } from './collections.js';
import { exportGraphDef, strippedOpList } from './graph-def.js';

/** The TensorFlow release whose meta graph format we write (informational, as in TensorFlow). */
export const TENSORFLOW_VERSION = '1.15.0';

export interface ExportMetaGraphOptions {
  /** The graph (default: the default graph). */
  readonly graph?: Graph;
  /** The saver's SaverDef (a module-level export has none, as in TensorFlow). */
  readonly saverDef?: SaverDef;
  /** Only these collections (default: all that can be stored). */
  readonly collectionList?: readonly string[];
  /** Leave out every op's device. */
  readonly clearDevices?: boolean;
  /** `meta_info_def.tags`. */
  readonly tags?: readonly string[];
}

/**
 * The graph as a `MetaGraphDef` (TensorFlow's `export_meta_graph`): its GraphDef, the OpDefs of
 * its op types, its collections and (from a saver) the SaverDef; written atomically to `path`
 * when one is given.
 */
export async function exportMetaGraph(path?: string, options: ExportMetaGraphOptions = {}): Promise<MetaGraphDef> {
  const graph = options.graph ?? getDefaultGraph();
  const meta: MetaGraphDef = {
    metaInfoDef: {
      strippedOpList: strippedOpList(graph),
      ...(options.tags !== undefined ? { tags: [...options.tags] } : {}),
      tensorflowVersion: TENSORFLOW_VERSION,
      tensorflowGitVersion: 'varscope',
    },
    graphDef: exportGraphDef(graph, { clearDevices: options.clearDevices ?? false }),
    ...(options.saverDef !== undefined ? { saverDef: options.saverDef } : {}),
    collectionDef: exportCollections(graph, options.collectionList),
  };
  if (path !== undefined) await writeMetaGraph(path, meta);
  return meta;
}
