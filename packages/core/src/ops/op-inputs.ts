import type { ArgDef, AttrValue, DType, OpDef } from '@varscope/kernel-api';
import { getOpDef } from '@varscope/kernel-api';
import { ValueError } from '../errors.js';
import { getDefaultGraph } from '../graph/graph.js';
import type { Operation } from '../graph/operation.js';
import { Tensor } from '../graph/tensor.js';
import { TO_TENSOR, isTensorConvertible } from '../graph/conversion.js';
import { buildOp } from './op-builder.js';
import { opLayout } from '../op-def/op-layout.js';
import { constant, convertToTensor } from './convert.js';
import type { TensorInput } from './convert.js';

/** One op argument as a caller gives it: a tensor-like, or an array of them for list arguments. */
export type OpArgInput = TensorInput | readonly TensorInput[];

/** Whether `x` is already a graph value (a tensor, or an object standing for one such as a Variable). */
export function isSymbolic(x: unknown): boolean {
  return x instanceof Tensor || isTensorConvertible(x);
}

/** The tensor behind a symbolic value, without creating anything for plain values. */
function symbolicTensor(x: unknown): Tensor | undefined {
  if (x instanceof Tensor) return x;
  if (isTensorConvertible(x)) return x[TO_TENSOR]();
  return undefined;
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}` : v));
  return String(value);
}

/** The Python type TensorFlow's messages would name for a JS value (`2.5` → `float`). */
function pythonTypeName(value: unknown): string {
  if (Array.isArray(value)) return 'list';
  switch (typeof value) {
    case 'number': return Number.isInteger(value) ? 'int' : 'float';
    case 'bigint': return 'int';
    case 'boolean': return 'bool';
    case 'string': return 'str';
    default: return value === null || value === undefined ? 'NoneType' : (value as object).constructor?.name ?? 'object';
  }
}

/**
 * Converts one value for an op argument: a symbolic value is used as is (its dtype checked), a
 * plain value becomes a constant named `name` (TensorFlow's `internal_convert_to_tensor`), and a
 * plain array holding tensors is packed into a `Pack` op named `name` (TensorFlow's autopacking).
 */
export function convertArg(value: OpArgInput, name: string, dtype: DType | undefined, preferred: DType | undefined,
  opType: string, argName: string): Tensor {
  const symbolic = symbolicTensor(value);
  if (symbolic !== undefined) return symbolic;
  if (Array.isArray(value) && value.some(isSymbolic)) return autopack(value as TensorInput[], name, dtype, preferred);
  try {
    return convertToTensor(value as TensorInput, { name, dtype, preferredDType: dtype === undefined ? preferred : undefined });
  } catch (e) {
    if (dtype === undefined || !(e instanceof TypeError || e instanceof ValueError)) throw e;
    throw new TypeError(`Expected ${dtype} passed to parameter '${argName}' of op '${opType}', got ${describe(value)} of type '${pythonTypeName(value)}' instead. Error: ${e.message}`, { cause: e });
  }
}

/** A list with tensors in it, stacked along a new first axis into a `Pack` op named `name`. */
function autopack(values: readonly TensorInput[], name: string, dtype: DType | undefined, preferred: DType | undefined): Tensor {
  const first = values.map(symbolicTensor).find((t) => t !== undefined);
  const d = dtype ?? first?.dtype ?? preferred;
  const g = getDefaultGraph();
  return g.nameScope(name, (scope) => {
    const elems = values.map((v, i) => symbolicTensor(v) ?? constant(v as never, { ...(d !== undefined ? { dtype: d } : {}), name: String(i) }));
    return g.createOp({ type: 'Pack', inputs: [elems], attrs: { N: elems.length, axis: 0 }, name: scope }).output(0);
  });
}

const TYPE_ATTR_DEFAULTS = new WeakMap<OpDef, ReadonlyMap<string, DType>>();

/** The defaults of a def's type attrs (the preferred dtypes of plain values), computed once per def. */
function typeAttrDefaults(def: OpDef): ReadonlyMap<string, DType> {
  let defaults = TYPE_ATTR_DEFAULTS.get(def);
  if (defaults === undefined) {
    const m = new Map<string, DType>();
    for (const a of def.attrs) if (a.type === 'type' && typeof a.default === 'string') m.set(a.name, a.default as DType);
    TYPE_ATTR_DEFAULTS.set(def, (defaults = m));
  }
  return defaults;
}

/** The options of {@link convertOpInputs}. */
export interface ConvertOpInputsOptions {
  /** Type attrs already fixed by the caller (e.g. `{ T: 'float32' }`). */
  readonly boundTypes?: Readonly<Record<string, DType>>;
  /**
   * Names for the constants made from plain values, by argument position, where TensorFlow's
   * OpDef argument name differs from the schema's (`Relu`'s input is `features` in TensorFlow).
   */
  readonly argNames?: readonly (string | undefined)[];
  /** Leave the schema's allowed-dtype check to the caller (which has a more specific message). */
  readonly skipAllowedTypes?: boolean;
}

/**
 * Converts an op's inputs the way TensorFlow's `op_def_library` does, in schema order: a type
 * attr is fixed by the first argument that has it, and later plain values of that attr are
 * converted to its dtype; a type attr's default is the preferred dtype for a plain value. One
 * improvement over TensorFlow: a plain value whose attr is not yet fixed takes the dtype of a
 * later symbolic argument of the same attr (so `maximum(0, x)` works for a float `x`, as
 * Python's reflected operators do). Mismatches raise TensorFlow's `TypeError`s.
 */
export function convertOpInputs(def: OpDef, values: readonly OpArgInput[],
  options: ConvertOpInputsOptions = {}): (Tensor | Tensor[])[] {
  if (values.length !== def.inputs.length) {
    throw new ValueError(`${def.name} takes ${def.inputs.length} inputs (${def.inputs.map((a) => a.name).join(', ')}), got ${values.length}.`);
  }
  const fast = options.boundTypes === undefined ? convertTensorInputs(def, values, options) : undefined;
  if (fast !== undefined) return fast;
  const bound = new Map<string, { dtype: DType; from: string }>();
  if (options.boundTypes !== undefined) for (const [k, v] of Object.entries(options.boundTypes)) bound.set(k, { dtype: v, from: k });
  const defaults = typeAttrDefaults(def);

  // The dtype a later symbolic argument gives an attr, for plain values seen before it.
  const lookAhead = (attrName: string, from: number): DType | undefined => {
    for (let j = from; j < def.inputs.length; j++) {
      const a = def.inputs[j] as ArgDef;
      if (a.typeAttr !== attrName) continue;
      const v = values[j];
      const items = a.numberAttr !== undefined && Array.isArray(v) ? (v as readonly TensorInput[]) : [v as TensorInput];
      for (const item of items) {
        const t = symbolicTensor(item);
        if (t !== undefined) return t.dtype;
      }
    }
    return undefined;
  };

  const out: (Tensor | Tensor[])[] = [];
  def.inputs.forEach((arg, i) => {
    const value = values[i];
    const baseName = options.argNames?.[i] ?? arg.name;
    const isList = arg.numberAttr !== undefined || arg.typeListAttr !== undefined;
    if (isList) {
      if (!Array.isArray(value)) {
        throw new TypeError(`Expected list for '${arg.name}' argument to '${def.name}' Op, not ${describe(value)}.`);
      }
      const list = (value as readonly TensorInput[]).map((v, k) => convertOne(arg, v, `${baseName}_${k}`, i + 1, k));
      out.push(list);
    } else {
      out.push(convertOne(arg, value as TensorInput, baseName, i + 1, -1));
    }
  });
  return out;

  function convertOne(arg: ArgDef, value: TensorInput, name: string, next: number, listIndex: number): Tensor {
    let required: DType | undefined;
    let preferred: DType | undefined;
    if (arg.type !== undefined) required = arg.type;
    else if (arg.typeAttr !== undefined) {
      const b = bound.get(arg.typeAttr);
      if (b !== undefined) required = b.dtype;
      else if (!isSymbolic(value)) {
        required = lookAhead(arg.typeAttr, listIndex >= 0 ? next - 1 : next);
        preferred = defaults.get(arg.typeAttr);
      }
    }
    const t = convertArg(value, name, required, preferred, def.name, arg.name);
    if (arg.type !== undefined && t.dtype !== arg.type) {
      throw new TypeError(`Input '${arg.name}' of '${def.name}' Op has type ${t.dtype} that does not match expected type of ${arg.type}.`);
    }
    if (arg.typeAttr !== undefined) {
      const b = bound.get(arg.typeAttr);
      if (b !== undefined && b.dtype !== t.dtype) {
        throw new TypeError(`Input '${arg.name}' of '${def.name}' Op has type ${t.dtype} that does not match type ${b.dtype} of argument '${b.from}'.`);
      }
      const allowed = def.attrs.find((a) => a.name === arg.typeAttr)?.allowedTypes;
      if (allowed !== undefined && !allowed.includes(t.dtype) && options.skipAllowedTypes !== true) {
        throw new TypeError(`Value passed to parameter '${arg.name}' has DataType ${t.dtype} not in list of allowed values: ${allowed.join(', ')}`);
      }
      if (b === undefined) bound.set(arg.typeAttr, { dtype: t.dtype, from: arg.name });
    }
    return t;
  }
}

/**
 * {@link convertOpInputs} when every input is already a tensor and no argument is a list (an
 * op wrapper applied to tensors, the usual case): the same checks and messages, without the
 * bookkeeping that plain values need. Undefined when the general path must run.
 */
function convertTensorInputs(def: OpDef, values: readonly OpArgInput[], options: ConvertOpInputsOptions): Tensor[] | undefined {
  const layout = opLayout(def);
  if (layout.hasListInput) return undefined;
  for (const v of values) if (!(v instanceof Tensor)) return undefined;
  const tensors = values as readonly Tensor[];
  const out: Tensor[] = [];
  for (let i = 0; i < def.inputs.length; i++) {
    const arg = def.inputs[i] as ArgDef;
    const t = tensors[i] as Tensor;
    if (arg.type !== undefined && t.dtype !== arg.type) {
      throw new TypeError(`Input '${arg.name}' of '${def.name}' Op has type ${t.dtype} that does not match expected type of ${arg.type}.`);
    }
    if (arg.typeAttr !== undefined) {
      // The first earlier argument of the same attr fixed its dtype.
      let from: ArgDef | undefined;
      for (let k = 0; k < i && from === undefined; k++) if ((def.inputs[k] as ArgDef).typeAttr === arg.typeAttr) from = def.inputs[k];
      const fixed = from === undefined ? undefined : (tensors[def.inputs.indexOf(from)] as Tensor).dtype;
      if (fixed !== undefined && fixed !== t.dtype) {
        throw new TypeError(`Input '${arg.name}' of '${def.name}' Op has type ${t.dtype} that does not match type ${fixed} of argument '${(from as ArgDef).name}'.`);
      }
      const allowed = def.attrs.find((a) => a.name === arg.typeAttr)?.allowedTypes;
      if (allowed !== undefined && !allowed.includes(t.dtype) && options.skipAllowedTypes !== true) {
        throw new TypeError(`Value passed to parameter '${arg.name}' has DataType ${t.dtype} not in list of allowed values: ${allowed.join(', ')}`);
      }
    }
    out.push(t);
  }
  return out;
}

/** What {@link genOp} needs: TensorFlow's generated op wrapper (`gen_math_ops.add`…) in one call. */
export interface GenOpSpec {
  readonly type: string;
  /** The user's `name`; the op type when absent (or `defaultName`). */
  readonly name?: string | undefined;
  readonly defaultName?: string;
  /** One entry per schema input, in schema order. */
  readonly inputs?: readonly OpArgInput[];
  readonly attrs?: Readonly<Record<string, AttrValue | undefined>>;
  readonly boundTypes?: Readonly<Record<string, DType>>;
  readonly argNames?: readonly (string | undefined)[];
}

/** The schema entry for `type`; TensorFlow's error for an unknown op type. */
export function requireOpDef(type: string): OpDef {
  const def = getOpDef(type);
  if (def === undefined) throw new ValueError(`Op type not registered '${type}' in binary`);
  return def;
}

/** Creates one op of a schema type with inputs converted inside its name scope. */
export function genOp(spec: GenOpSpec): Operation {
  const def = requireOpDef(spec.type);
  return buildOp({
    type: spec.type,
    name: spec.name,
    defaultName: spec.defaultName,
    inputs: () => convertOpInputs(def, spec.inputs ?? [], { boundTypes: spec.boundTypes, argNames: spec.argNames }),
    attrs: spec.attrs,
  });
}

/** `genOp(spec).output(0)`. */
export function genOp1(spec: GenOpSpec): Tensor {
  return genOp(spec).output(0);
}
