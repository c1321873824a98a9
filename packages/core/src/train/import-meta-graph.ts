import { MetaGraphDef as MetaGraphDefCodec, SaverDef as SaverDefCodec, readMetaGraph } from '@varscope/checkpoint';
import type { MetaGraphDef, OpDef as OpDefProto } from '@varscope/checkpoint';
import type { Graph } from '../graph/graph.js';
import { getDefaultGraph } from '../graph/graph.js';
import { importCollections, importGraphDef } from '../meta-graph/index.js';
import type { ImportedGraph } from '../meta-graph/index.js';
import { GraphKeys } from '../variables/index.js';
import { checkpointOpError } from './io-kernels.js';
import { Saver } from './saver.js';

export interface ImportMetaGraphOptions {
  /** Put every imported name under this name scope (uniquified like any scope); checkpoint keys are unchanged. */
  readonly importScope?: string;
  /** Drop the devices the meta graph assigns. */
  readonly clearDevices?: boolean;
  /** The graph to import into (default: the default graph). */
  readonly graph?: Graph;
  /** Receives what was imported, including the ops kept opaque and why. */
  readonly onImported?: (result: ImportedGraph) => void;
}

async function load(source: string | Uint8Array | MetaGraphDef): Promise<MetaGraphDef> {
  if (typeof source === 'string') {
    try {
      return await readMetaGraph(source);
    } catch (e) {
      throw checkpointOpError(e, '');
    }
  }
  if (source instanceof Uint8Array) {
    try {
      return MetaGraphDefCodec.decode(source);
    } catch (e) {
      throw checkpointOpError(e, '');
    }
  }
  return source;
}

/**
 * TensorFlow's `tf.train.import_meta_graph`: rebuilds the graph of a `.meta` file (ours or
 * TensorFlow's) with its variables and collections, and returns a `Saver` from its SaverDef
 * (a default Saver when it has none but has variables; `null` when it has no variables).
 * Ops varscope does not implement stay in the graph as opaque nodes. All or nothing: if the
 * import fails, the graph is unchanged.
 */
export async function importMetaGraph(source: string | Uint8Array | MetaGraphDef, options: ImportMetaGraphOptions = {}): Promise<Saver | null> {
  const meta = await load(source);
  const graph = options.graph ?? getDefaultGraph();
  const opDefs = new Map<string, OpDefProto>();
  for (const def of meta.metaInfoDef?.strippedOpList?.op ?? []) if (def.name) opDefs.set(def.name, def);
  return graph.atomically(() => {
    const run = (prefix: string): Saver | null => {
      const imported = importGraphDef(graph, meta.graphDef ?? {}, {
        prefix, opDefs, ...(options.clearDevices !== undefined ? { clearDevices: options.clearDevices } : {}),
      });
      const scope = prefix.replace(/\/$/, '');
      importCollections(graph, meta.collectionDef ?? {}, {
        prefix,
        saverFromDef: (bytes) => Saver.fromSaverDef(SaverDefCodec.decode(bytes), { graph, ...(scope ? { importScope: scope } : {}) }),
      });
      options.onImported?.(imported);
      if (meta.saverDef !== undefined && (meta.saverDef.restoreOpName ?? '') !== '') {
        return Saver.fromSaverDef(meta.saverDef, { graph, ...(scope ? { importScope: scope } : {}) });
      }
      const vars = graph.getCollection(GraphKeys.GLOBAL_VARIABLES, scope ? scope.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') : undefined);
      if (vars.length === 0) return null;
      return graph.asDefault(() => new Saver({ varList: vars }));
    };
    return options.importScope ? graph.nameScope(options.importScope, run) : run('');
  });
}
