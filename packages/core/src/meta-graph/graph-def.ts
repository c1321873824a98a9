import type {
  AttrValue as AttrProto, GraphDef, NodeDef, OpDef as OpDefProto, OpDef_ArgDef, OpList,
} from '@varscope/checkpoint';
import { DTYPES, dtypeFromEnum, getOpDef } from '@varscope/kernel-api';
import type { ArgDef, AttrValue, DType, OpDef } from '@varscope/kernel-api';
import { ValueError } from '../errors.js';
import { DeviceSpec } from '../graph/device-spec.js';
import type { Graph } from '../graph/graph.js';
import type { Operation } from '../graph/operation.js';
import type { Tensor } from '../graph/tensor.js';
import { TensorShape } from '../shape/index.js';
import { attrFromProto, attrToProto, looseAttrFromProto, untypedAttrToProto } from './attr-convert.js';
import { importedNode, recordImportedNode } from './imported-nodes.js';
import { shapeFromProto } from './tensor-proto.js';

/** TensorFlow 1.x's GraphDef version numbers (TF 1.10's `GRAPH_DEF_VERSION`). */
export const GRAPH_DEF_VERSIONS = Object.freeze({ producer: 26, minConsumer: 0 });

const tensorRef = (t: Tensor): string => (t.valueIndex === 0 ? t.op.name : `${t.op.name}:${t.valueIndex}`);

/** One op as a `NodeDef`: inputs `name:k`, control inputs `^name`, device, attrs by the schema's types. */
export function nodeDefOf(op: Operation, options: { clearDevices?: boolean } = {}): NodeDef {
  const raw = importedNode(op);
  const attr: Record<string, AttrProto> = {};
  const declared = new Map((op.def?.attrs ?? []).map((a) => [a.name, a]));
  if (op.def === undefined && raw !== undefined) {
    Object.assign(attr, raw.attrs);
  } else {
    for (const [name, value] of Object.entries(op.attrs)) {
      const a = declared.get(name);
      attr[name] = a !== undefined ? attrToProto(a.type, value) : untypedAttrToProto(value);
    }
    // Attrs of an imported node that our schema does not declare travel back unchanged.
    for (const [name, value] of Object.entries(raw?.attrs ?? {})) if (!(name in attr)) attr[name] = value;
  }
  return {
    name: op.name,
    op: op.type,
    input: [...op.inputs.map(tensorRef), ...op.controlInputs.map((c) => `^${c.name}`)],
    device: options.clearDevices === true ? '' : op.device,
    attr,
  };
}

/** The graph as a `GraphDef` (TensorFlow's `as_graph_def`), ops in creation order. */
export function exportGraphDef(graph: Graph, options: { clearDevices?: boolean } = {}): GraphDef {
  return {
    node: graph.getOperations().map((op) => nodeDefOf(op, options)),
    versions: { producer: GRAPH_DEF_VERSIONS.producer, minConsumer: GRAPH_DEF_VERSIONS.minConsumer },
  };
}

function argToProto(a: ArgDef): OpDef_ArgDef {
  return {
    name: a.name,
    ...(a.type !== undefined ? { type: DTYPES[a.type].enum } : {}),
    ...(a.typeAttr !== undefined ? { typeAttr: a.typeAttr } : {}),
    ...(a.numberAttr !== undefined ? { numberAttr: a.numberAttr } : {}),
    ...(a.typeListAttr !== undefined ? { typeListAttr: a.typeListAttr } : {}),
    ...(a.isRef === true ? { isRef: true } : {}),
  };
}

/** Our schema entry as TensorFlow's `OpDef` (for a meta graph's `stripped_op_list`). */
export function opDefToProto(def: OpDef): OpDefProto {
  return {
    name: def.name,
    inputArg: def.inputs.map(argToProto),
    outputArg: def.outputs.map(argToProto),
    attr: def.attrs.map((a) => ({
      name: a.name,
      type: a.type,
      ...(a.default !== undefined ? { defaultValue: attrToProto(a.type, a.default) } : {}),
      ...(a.allowedTypes !== undefined ? { allowedValues: { list: { type: a.allowedTypes.map((d) => DTYPES[d].enum) } } } : {}),
      ...(a.minimum !== undefined ? { hasMinimum: true, minimum: BigInt(a.minimum) } : {}),
    })),
    ...(def.stateful ? { isStateful: true } : {}),
    summary: def.summary,
  };
}

/** The OpDefs of every op type in the graph (TensorFlow's `stripped_op_list_for_graph`), sorted by name. */
export function strippedOpList(graph: Graph): OpList {
  const byType = new Map<string, OpDefProto>();
  for (const op of graph.getOperations()) {
    if (byType.has(op.type)) continue;
    const own = op.def ?? getOpDef(op.type);
    const opDef = own !== undefined ? opDefToProto(own) : importedNode(op)?.opDef;
    if (opDef !== undefined) byType.set(op.type, opDef);
  }
  return { op: [...byType.keys()].sort().map((k) => byType.get(k) as OpDefProto) };
}

// ------------------------------------------------------------------ import

export interface ImportGraphDefOptions {
  /** The name scope string the names go under (`'new_model/'`), `''` for the root. */
  readonly prefix: string;
  readonly clearDevices?: boolean;
  /** OpDefs of op types we may not have (the meta graph's `stripped_op_list`). */
  readonly opDefs?: ReadonlyMap<string, OpDefProto>;
}

export interface ImportedGraph {
  /** The new ops, in the order they were created. */
  readonly operations: readonly Operation[];
  /** Ops kept opaque (in the graph and exported again, but not runnable), with the reason. */
  readonly opaque: readonly { readonly name: string; readonly type: string; readonly reason: string }[];
}

interface InputRef {
  readonly node: string;
  readonly index: number;
}

function parseInput(s: string): { control: boolean; ref: InputRef } {
  if (s.startsWith('^')) return { control: true, ref: { node: s.slice(1), index: 0 } };
  const m = /^(.*):(\d+)$/.exec(s);
  return { control: false, ref: m === null ? { node: s, index: 0 } : { node: m[1] as string, index: Number(m[2]) } };
}

/** Nodes in an order where every input comes first (depth-first, keeping file order where it can). */
function topologicalOrder(nodes: readonly NodeDef[]): NodeDef[] {
  const byName = new Map<string, NodeDef>();
  for (const n of nodes) {
    const name = n.name ?? '';
    if (byName.has(name)) throw new ValueError(`Duplicate node name in graph: '${name}'`);
    byName.set(name, n);
  }
  const state = new Map<string, 1 | 2>();
  const out: NodeDef[] = [];
  for (const root of nodes) {
    if (state.has(root.name ?? '')) continue;
    const stack: { node: NodeDef; next: number }[] = [{ node: root, next: 0 }];
    state.set(root.name ?? '', 1);
    while (stack.length > 0) {
      const top = stack[stack.length - 1] as { node: NodeDef; next: number };
      const inputs = top.node.input ?? [];
      if (top.next < inputs.length) {
        const dep = parseInput(inputs[top.next++] as string).ref.node;
        const node = byName.get(dep);
        if (node === undefined) throw new ValueError(`Node '${top.node.name ?? ''}': input '${dep}' is not in the graph`);
        const s = state.get(dep);
        if (s === 1) {
          throw new ValueError(`The graph has a cycle through '${dep}' (a while loop?); graphs with loops cannot be imported`);
        }
        if (s === undefined) {
          state.set(dep, 1);
          stack.push({ node, next: 0 });
        }
      } else {
        stack.pop();
        state.set(top.node.name ?? '', 2);
        out.push(top.node);
      }
    }
  }
  return out;
}

/** The outputs of an op we cannot run, from its OpDef and the node's attrs. */
function opaqueOutputs(node: NodeDef, opDef: OpDefProto): { dtype: DType; shape: TensorShape; isRef: boolean }[] {
  const attrs = node.attr ?? {};
  const shapes = attrs._output_shapes?.list?.shape ?? [];
  const out: { dtype: DType; shape: TensorShape; isRef: boolean }[] = [];
  const typeOf = (n: number): DType => {
    try {
      return dtypeFromEnum(n >= 100 ? n - 100 : n);
    } catch {
      throw new ValueError(`Node '${node.name ?? ''}' (${node.op ?? ''}) has an output of unsupported DataType ${n}`);
    }
  };
  for (const arg of opDef.outputArg ?? []) {
    let dtypes: number[];
    if (arg.typeListAttr) dtypes = [...(attrs[arg.typeListAttr]?.list?.type ?? [])];
    else {
      const one = arg.type ?? (arg.typeAttr ? attrs[arg.typeAttr]?.type : undefined);
      if (one === undefined) throw new ValueError(`Node '${node.name ?? ''}' (${node.op ?? ''}): cannot tell the dtype of output '${arg.name ?? ''}'`);
      const n = arg.numberAttr ? Number(attrs[arg.numberAttr]?.i ?? 0n) : 1;
      dtypes = new Array<number>(n).fill(one);
    }
    for (const d of dtypes) {
      const s = shapes[out.length];
      const dims = s === undefined ? null : shapeFromProto(s);
      out.push({ dtype: typeOf(d), shape: dims === null ? TensorShape.unknown() : new TensorShape(dims.map((x) => (x < 0 ? null : x))), isRef: arg.isRef === true });
    }
  }
  return out;
}

/** Groups a node's flat inputs by our schema's arguments (list arguments take N or len(types) tensors). */
function groupInputs(def: OpDef, flat: readonly Tensor[], attrs: Readonly<Record<string, AttrValue>>): (Tensor | Tensor[])[] {
  const groups: (Tensor | Tensor[])[] = [];
  let k = 0;
  for (const arg of def.inputs) {
    if (arg.numberAttr !== undefined || arg.typeListAttr !== undefined) {
      const n = arg.numberAttr !== undefined ? Number(attrs[arg.numberAttr]) : (attrs[arg.typeListAttr as string] as readonly string[] | undefined)?.length;
      if (n === undefined || !Number.isInteger(n)) throw new ValueError(`cannot tell how many tensors '${arg.name}' takes`);
      groups.push(flat.slice(k, k + n));
      k += n;
    } else {
      const t = flat[k++];
      if (t === undefined) throw new ValueError(`missing input '${arg.name}'`);
      groups.push(t);
    }
  }
  if (k !== flat.length) throw new ValueError(`${flat.length} inputs where the schema takes ${k}`);
  return groups;
}

const rescope = (prefix: string, name: string): string => `${prefix}${name}`;

/**
 * Adds a GraphDef's nodes to `graph` under `prefix` (TensorFlow's `import_graph_def`). Ops we
 * have are rebuilt through `createOp` (attrs checked, shapes inferred); ops we do not have, or
 * that our schema cannot take as written, become opaque nodes from the file's OpDefs: they
 * export again unchanged, and running one fails naming its type. Call inside `graph.atomically`.
 */
export function importGraphDef(graph: Graph, graphDef: GraphDef, options: ImportGraphDefOptions): ImportedGraph {
  const prefix = options.prefix;
  const created = new Map<string, Operation>();
  const operations: Operation[] = [];
  const opaque: { name: string; type: string; reason: string }[] = [];
  const nodes = topologicalOrder(graphDef.node ?? []);
  const legacyShapes = (graphDef.versions?.producer ?? 0) < 22;
  graph.nameScope(null, () => graph.controlDependencies(null, () => graph.colocateWith(null, () => {
    for (const node of nodes) {
      const name = rescope(prefix, node.name ?? '');
      const type = node.op ?? '';
      if (graph.findOperation(name) !== undefined) throw new ValueError(`Duplicate node name in graph: '${name}'`);
      const data: Tensor[] = [];
      const control: Operation[] = [];
      for (const s of node.input ?? []) {
        const { control: isControl, ref } = parseInput(s);
        const src = created.get(ref.node) as Operation;
        if (isControl) control.push(src);
        else {
          const t = src.outputs[ref.index];
          if (t === undefined) throw new ValueError(`Node '${node.name ?? ''}' takes output ${ref.index} of '${ref.node}', which has ${src.outputs.length} outputs`);
          data.push(t);
        }
      }
      const device = options.clearDevices === true ? '' : (node.device ?? '');
      const rawAttrs = node.attr ?? {};
      const where = `Node '${node.name ?? ''}' (${type})`;
      let op: Operation | undefined;
      let reason: string | undefined;
      const def = getOpDef(type);
      if (def !== undefined) {
        try {
          op = graph.atomically(() => {
            const attrs: Record<string, AttrValue> = {};
            for (const a of def.attrs) {
              const p = rawAttrs[a.name];
              if (p !== undefined) attrs[a.name] = attrFromProto(a, p, where);
            }
            // GraphDefs before version 22 wrote an unknown placeholder shape as an empty shape.
            if (legacyShapes && type === 'Placeholder' && Array.isArray(attrs.shape) && attrs.shape.length === 0) attrs.shape = null;
            return graph.createOp({
              type, name: `${name}/`, inputs: groupInputs(def, data, attrs), attrs, controlInputs: control, computeDevice: false,
            });
          });
        } catch (e) {
          reason = `not importable as varscope's ${type}: ${(e as Error).message.split('\n')[0] ?? ''}`;
        }
      } else {
        reason = `varscope has no op type ${type} (kept opaque: it exports again as written)`;
      }
      let opDef: OpDefProto | undefined;
      if (op === undefined) {
        opDef = options.opDefs?.get(type);
        if (opDef === undefined) {
          throw new ValueError(`${where}: ${reason ?? 'cannot be imported'}, and the meta graph has no OpDef for ${type} to keep it as an opaque node`);
        }
        const loose: Record<string, AttrValue> = {};
        for (const [k, p] of Object.entries(rawAttrs)) {
          const v = looseAttrFromProto(p, `${where} attr ${k}`);
          if (v !== undefined) loose[k] = v;
        }
        const outputs = opaqueOutputs(node, opDef);
        // A known op type whose node our schema rejects is kept as written, like an unknown one.
        op = graph.createOp({
          type, name: `${name}/`, inputs: data, attrs: loose, controlInputs: control, opaqueOutputs: outputs,
          computeDevice: false, opaque: true,
        });
        opaque.push({ name, type, reason: reason ?? '' });
      }
      // The NodeDef's device, as written (enclosing device scopes do not apply to imported ops).
      op.setDevice(canonical(device));
      const cls = rawAttrs._class?.list?.s;
      if (cls !== undefined) {
        op.setAttr('_class', cls.map((b) => {
          const s = new TextDecoder().decode(b);
          return s.startsWith('loc:@') ? `loc:@${rescope(prefix, s.slice(5))}` : s;
        }));
      }
      recordImportedNode(op, { attrs: rawAttrs, ...(opDef !== undefined ? { opDef } : {}), ...(reason !== undefined ? { opaqueReason: reason } : {}) });
      markUsed(graph, name);
      created.set(node.name ?? '', op);
      operations.push(op);
    }
  })));
  return { operations, opaque };
}

/** The canonical form of a device string, or the string itself when it does not parse. */
function canonical(device: string): string {
  try {
    return DeviceSpec.fromString(device).toString();
  } catch {
    return device;
  }
}

/** Marks an imported name and its scope prefixes as used, so later ops and scopes do not collide. */
function markUsed(graph: Graph, name: string): void {
  const parts = name.split('/');
  for (let i = 1; i <= parts.length; i++) {
    const n = parts.slice(0, i).join('/');
    if (n !== '' && graph.uniqueName(n, false) === n) graph.uniqueName(n, true);
  }
}
