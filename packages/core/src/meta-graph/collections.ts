import { VariableDef as VariableDefCodec } from '@varscope/checkpoint';
import type { CollectionDef, VariableDef as VariableDefProto } from '@varscope/checkpoint';
import type { Graph } from '../graph/graph.js';
import { Operation } from '../graph/operation.js';
import { Tensor } from '../graph/tensor.js';
import { GraphKeys, Variable } from '../variables/index.js';
import type { VariableDef } from '../variables/index.js';

/** Collections whose items TensorFlow stores as serialized `VariableDef`s. */
export const VARIABLE_COLLECTIONS: ReadonlySet<string> = new Set([
  GraphKeys.GLOBAL_VARIABLES, GraphKeys.TRAINABLE_VARIABLES, GraphKeys.LOCAL_VARIABLES, GraphKeys.MODEL_VARIABLES,
  GraphKeys.MOVING_AVERAGE_VARIABLES, 'metric_variables', GraphKeys.GLOBAL_STEP,
]);

/** Collections of serialized protos we keep as bytes (control-flow contexts, queue runners). */
const OPAQUE_PROTO_COLLECTIONS: ReadonlySet<string> = new Set([GraphKeys.COND_CONTEXT, GraphKeys.WHILE_CONTEXT, GraphKeys.QUEUE_RUNNERS]);

const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder('utf-8');

/** A saver-like object that can serialize its SaverDef (the `savers` collection). */
export interface SaverDefSource {
  toSaverDefBytes(): Uint8Array;
}

function warn(message: string): void {
  process.emitWarning(message, { code: 'VARSCOPE_META_GRAPH' });
}

export function variableDefToProto(def: VariableDef): VariableDefProto {
  const info = def.saveSliceInfo;
  return {
    variableName: def.variableName,
    ...(def.initialValueName ? { initialValueName: def.initialValueName } : {}),
    initializerName: def.initializerName,
    snapshotName: def.snapshotName,
    ...(info !== undefined ? {
      saveSliceInfoDef: {
        fullName: info.fullName,
        fullShape: info.fullShape.map(BigInt),
        varOffset: info.varOffset.map(BigInt),
        varShape: info.varShape.map(BigInt),
      },
    } : {}),
    ...(def.trainable ? { trainable: true } : {}),
  };
}

/**
 * A collection as a `CollectionDef` (TensorFlow's `add_collection_def`), or `undefined` when
 * it cannot be stored (mixed or unsupported item types; TensorFlow skips those too).
 */
export function collectionToProto(key: string, items: readonly unknown[]): CollectionDef | undefined {
  if (items.length === 0) return undefined;
  if (VARIABLE_COLLECTIONS.has(key) && items.every((x) => x instanceof Variable)) {
    return { bytesList: { value: items.map((v) => VariableDefCodec.encode(variableDefToProto((v as Variable).toVariableDef()))) } };
  }
  if (items.every((x) => typeof (x as Partial<SaverDefSource>).toSaverDefBytes === 'function')) {
    return { bytesList: { value: items.map((s) => (s as SaverDefSource).toSaverDefBytes()) } };
  }
  if (items.every((x) => x instanceof Uint8Array)) return { bytesList: { value: [...items as Uint8Array[]] } };
  if (items.every((x) => typeof x === 'string')) return { bytesList: { value: (items as string[]).map((s) => utf8.encode(s)) } };
  if (items.every((x) => x instanceof Operation || x instanceof Tensor || x instanceof Variable)) {
    return { nodeList: { value: items.map((x) => (x as { name: string }).name) } };
  }
  if (items.every((x) => typeof x === 'bigint' || (typeof x === 'number' && Number.isInteger(x)))) {
    return { int64List: { value: items.map((x) => BigInt(x as number)) } };
  }
  if (items.every((x) => typeof x === 'number')) return { floatList: { value: [...items as number[]] } };
  return undefined;
}

/** Every storable collection of the graph, by key. */
export function exportCollections(graph: Graph, keys?: readonly string[]): Record<string, CollectionDef> {
  const out: Record<string, CollectionDef> = {};
  for (const key of keys ?? graph.getAllCollectionKeys()) {
    const def = collectionToProto(key, graph.getCollection(key));
    if (def !== undefined) out[key] = def;
    else if (graph.getCollection(key).length > 0) warn(`Collection '${key}' was not exported: its items are of mixed or unsupported types`);
  }
  return out;
}

export interface ImportCollectionsOptions {
  /** The name scope string of the imported names (`'scope/'`), `''` for none. */
  readonly prefix: string;
  /** Rebuilds a saver from SaverDef bytes (the `savers` collection). */
  readonly saverFromDef?: (bytes: Uint8Array) => unknown;
}

/**
 * Rebuilds collections from a meta graph: VariableDefs become `Variable`s over the imported
 * ops (one object per variable, shared by every collection it is in), node lists the graph's
 * ops and tensors, savers `Saver`s, numbers and strings themselves. Resource variables
 * (TF2-style `VarHandleOp`) are not supported by varscope and are left out, with a warning.
 */
export function importCollections(graph: Graph, defs: Readonly<Record<string, CollectionDef>>, options: ImportCollectionsOptions): void {
  const variables = new Map<string, Variable | null>();
  const importScope = options.prefix.replace(/\/$/, '');
  const variableFrom = (bytes: Uint8Array, key: string): Variable | null => {
    const proto = VariableDefCodec.decode(bytes);
    const name = proto.variableName ?? '';
    const known = variables.get(name);
    if (known !== undefined) return known;
    let v: Variable | null = null;
    if (proto.isResource === true) {
      warn(`Variable ${name} in collection '${key}' is a resource variable, which varscope does not support; it is left out of the collection`);
    } else {
      const info = proto.saveSliceInfoDef;
      v = Variable.fromVariableDef({
        variableName: name,
        initialValueName: proto.initialValueName ?? '',
        initializerName: proto.initializerName ?? '',
        snapshotName: proto.snapshotName ?? '',
        trainable: proto.trainable ?? false,
        isResource: false,
        ...(info !== undefined && (info.fullName ?? '') !== '' ? {
          saveSliceInfo: {
            fullName: `${options.prefix}${info.fullName ?? ''}`,
            fullShape: (info.fullShape ?? []).map(Number),
            varOffset: (info.varOffset ?? []).map(Number),
            varShape: (info.varShape ?? []).map(Number),
          },
        } : {}),
      }, { graph, ...(importScope ? { importScope } : {}) });
    }
    variables.set(name, v);
    return v;
  };
  for (const [key, def] of Object.entries(defs)) {
    const add = (item: unknown): void => graph.addToCollection(key, item);
    if (def.nodeList !== undefined) {
      for (const name of def.nodeList.value ?? []) {
        const full = `${options.prefix}${name}`;
        try {
          add(full.includes(':') ? graph.getTensorByName(full) : graph.getOperationByName(full));
        } catch (e) {
          warn(`Collection '${key}': ${(e as Error).message}; the item is left out`);
        }
      }
    } else if (def.bytesList !== undefined) {
      const values = def.bytesList.value ?? [];
      if (VARIABLE_COLLECTIONS.has(key)) {
        for (const b of values) {
          const v = variableFrom(b, key);
          if (v !== null) add(v);
        }
      } else if (key === GraphKeys.SAVERS && options.saverFromDef !== undefined) {
        for (const b of values) add(options.saverFromDef(b));
      } else if (OPAQUE_PROTO_COLLECTIONS.has(key)) {
        for (const b of values) add(b);
      } else {
        for (const b of values) add(fromUtf8.decode(b));
      }
    } else if (def.int64List !== undefined) {
      for (const x of def.int64List.value ?? []) add(x >= BigInt(Number.MIN_SAFE_INTEGER) && x <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(x) : x);
    } else if (def.floatList !== undefined) {
      for (const x of def.floatList.value ?? []) add(x);
    } else if (def.anyList !== undefined) {
      warn(`Collection '${key}' holds google.protobuf.Any values, which varscope does not read; it is left out`);
    }
  }
}
