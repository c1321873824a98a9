import { DTYPES, isDType } from '@varscope/kernel-api';
import type { AttrDef, AttrValue, Attrs, DType, HostTensor, OpDef } from '@varscope/kernel-api';
import { asDType, describeForError } from '../dtypes/as-dtype.js';
import { checkHostTensor } from '../dtypes/convert-to-host-tensor.js';
import { isHostTensor } from '../dtypes/tensor-like.js';
import { ValueError } from '../errors.js';
import { isListArg } from './arg-layout.js';
import { summarizeOpDef } from './op-signature.js';

const cName = (d: DType): string => DTYPES[d].cName;

function expected(kind: string, name: string, v: unknown): TypeError {
  return new TypeError(`Expected ${kind} for argument '${name}' not ${describeForError(v)}.`);
}

function asList(a: AttrDef, v: unknown): readonly unknown[] {
  if (!Array.isArray(v)) throw new TypeError(`Expected list for attr ${a.name}, got ${describeForError(v)}.`);
  return v;
}

function checkInt(name: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isInteger(v)) throw expected('int', name, v);
  return v;
}

function checkShape(name: string, v: unknown): readonly number[] | null {
  if (v === null) return null;
  if (!Array.isArray(v) || !v.every((d) => typeof d === 'number' && Number.isInteger(d) && d >= -1)) {
    throw new TypeError(`Error converting ${describeForError(v)} to a TensorShape for attr '${name}': expected null (unknown rank) or dims that are integers >= -1.`);
  }
  return Object.freeze([...(v as number[])]);
}

const ATTR_DEFS = new WeakMap<OpDef, ReadonlyMap<string, AttrDef>>();
function attrDefsOf(def: OpDef): ReadonlyMap<string, AttrDef> {
  let m = ATTR_DEFS.get(def);
  if (m === undefined) ATTR_DEFS.set(def, (m = new Map(def.attrs.map((a) => [a.name, a]))));
  return m;
}

/** A given attr value, checked against its declared type and normalized (dtype aliases, frozen lists). */
function normalize(a: AttrDef, v: unknown): AttrValue {
  switch (a.type) {
    case 'int': return checkInt(a.name, v);
    case 'float':
      if (typeof v !== 'number') throw expected('float', a.name, v);
      return v;
    case 'bool':
      if (typeof v !== 'boolean') throw expected('bool', a.name, v);
      return v;
    case 'string':
      if (typeof v !== 'string') throw expected('string', a.name, v);
      return v;
    case 'type': return asDType(v as string);
    case 'shape': return checkShape(a.name, v);
    case 'tensor':
      if (!isHostTensor(v)) throw expected('tensor', a.name, v);
      checkHostTensor(v);
      return v as HostTensor;
    case 'list(int)': return Object.freeze(asList(a, v).map((x) => checkInt(a.name, x)));
    case 'list(float)':
      return Object.freeze(asList(a, v).map((x) => {
        if (typeof x !== 'number') throw expected('float', a.name, x);
        return x;
      }));
    case 'list(string)':
      return Object.freeze(asList(a, v).map((x) => {
        if (typeof x !== 'string') throw expected('string', a.name, x);
        return x;
      }));
    case 'list(type)': return Object.freeze(asList(a, v).map((x) => asDType(x as string)));
    case 'list(shape)': return Object.freeze(asList(a, v).map((x) => checkShape(a.name, x)));
  }
}

/**
 * TensorFlow's `op_def_library` attr resolution for one node, driven by the schema:
 * - type attrs are inferred from the inputs' dtypes (`T` from `x`), list lengths give
 *   `N`-style attrs, list(type) inputs give their `dtypes` attr;
 * - inputs must agree ("Input 'y' of 'Add' Op has type int32 that does not match type
 *   float32 of argument 'x'.") and match fixed dtypes;
 * - given attrs are type-checked, dtype names normalized (`float` → float32);
 * - allowed dtypes (C++ names in the message), allowed strings and minimums are enforced;
 * - defaults are filled; a required attr with no value is "NodeDef missing attr …".
 * `inputDTypes` is grouped by schema argument: a list argument is an array of dtypes.
 * Returns a frozen attrs object.
 */
export function resolveAttrs(
  def: OpDef,
  inputDTypes: readonly (DType | readonly DType[])[],
  given: Readonly<Record<string, AttrValue | undefined>>,
  nodeName: string,
): Attrs {
  const opLabel = `'${def.name}' Op`;
  // Built only when an error needs it: formatting the op signature on every call is costly.
  const nodeSuffix = () => `\n\t; NodeDef: {{node ${nodeName}}}; ${summarizeOpDef(def)}`;
  const attrDefs = attrDefsOf(def);
  const values: Record<string, AttrValue> = {};

  for (const [key, v] of Object.entries(given)) {
    if (v === undefined) continue;
    const a = attrDefs.get(key);
    if (a === undefined) {
      throw new ValueError(`${opLabel} has no attr named '${key}' (node '${nodeName}'); its attrs are: ${def.attrs.map((x) => x.name).join(', ') || 'none'}`);
    }
    values[key] = normalize(a, v);
  }

  if (inputDTypes.length !== def.inputs.length) {
    throw new ValueError(`${opLabel} takes ${def.inputs.length} inputs (${def.inputs.map((a) => a.name).join(', ')}), got ${inputDTypes.length} (node '${nodeName}')`);
  }

  // Which argument each inferred type attr came from, for mismatch messages.
  const inferredFrom = new Map<string, string>();
  const listLengthFrom = new Map<string, string>();
  const setType = (attr: string, dtype: DType, argName: string): void => {
    const previous = values[attr];
    const from = inferredFrom.get(attr);
    if (from !== undefined) {
      if (previous !== dtype) {
        throw new TypeError(`Input '${argName}' of ${opLabel} has type ${dtype} that does not match type ${String(previous)} of argument '${from}'.`);
      }
      return;
    }
    if (previous !== undefined && previous !== dtype) {
      throw new TypeError(`Input '${argName}' of ${opLabel} has type ${dtype} that does not match expected type of ${String(previous)}.`);
    }
    values[attr] = dtype;
    inferredFrom.set(attr, argName);
  };

  def.inputs.forEach((arg, i) => {
    const got = inputDTypes[i] as DType | readonly DType[];
    const gotList = Array.isArray(got);
    if (isListArg(arg) !== gotList) {
      throw new TypeError(isListArg(arg)
        ? `Expected list for '${arg.name}' argument to ${opLabel}, not ${String(got)}.`
        : `Expected a single tensor for '${arg.name}' argument to ${opLabel}, got a list of ${(got as readonly DType[]).length}.`);
    }
    const dtypes: readonly DType[] = gotList ? (got as readonly DType[]) : [got as DType];
    for (const d of dtypes) {
      if (!isDType(d)) throw new TypeError(`Input '${arg.name}' of ${opLabel} has an unknown dtype ${describeForError(d)}.`);
    }
    if (arg.typeListAttr !== undefined) {
      const previous = values[arg.typeListAttr] as readonly DType[] | undefined;
      if (previous !== undefined && (previous.length !== dtypes.length || previous.some((d, k) => d !== dtypes[k]))) {
        throw new TypeError(`Input '${arg.name}' of ${opLabel} has types [${dtypes.join(', ')}] that do not match the '${arg.typeListAttr}' attr [${previous.join(', ')}].`);
      }
      values[arg.typeListAttr] = Object.freeze([...dtypes]);
      return;
    }
    if (arg.numberAttr !== undefined) {
      const given = values[arg.numberAttr];
      if (given !== undefined && given !== dtypes.length) {
        throw new ValueError(`Attr '${arg.numberAttr}' of ${opLabel} is ${String(given)}, but input '${arg.name}' has ${dtypes.length} tensors.`);
      }
      values[arg.numberAttr] = dtypes.length;
      listLengthFrom.set(arg.numberAttr, arg.name);
      if (dtypes.length > 1 && dtypes.some((d) => d !== dtypes[0])) {
        throw new TypeError(`Tensors in list passed to '${arg.name}' of ${opLabel} have types [${dtypes.join(', ')}] that don't all match.`);
      }
    }
    for (const d of dtypes) {
      if (arg.type !== undefined) {
        if (d !== arg.type) throw new TypeError(`Input '${arg.name}' of ${opLabel} has type ${d} that does not match expected type of ${arg.type}.`);
      } else if (arg.typeAttr !== undefined) {
        setType(arg.typeAttr, d, arg.name);
      }
    }
  });

  for (const a of def.attrs) {
    if (values[a.name] === undefined) {
      if (a.default === undefined) throw new ValueError(`NodeDef missing attr '${a.name}' from ${summarizeOpDef(def)}; NodeDef: {{node ${nodeName}}}`);
      values[a.name] = a.default;
    }
    const v = values[a.name] as AttrValue;
    if (a.allowedTypes !== undefined) {
      const list = a.type === 'list(type)' ? (v as readonly DType[]) : [v as DType];
      for (const d of list) {
        if (!a.allowedTypes.includes(d)) {
          throw new TypeError(`Value for attr '${a.name}' of ${cName(d)} is not in the list of allowed values: ${a.allowedTypes.map(cName).join(', ')}${nodeSuffix()}`);
        }
      }
    }
    if (a.allowedValues !== undefined && !a.allowedValues.includes(v as string)) {
      throw new ValueError(`Attr '${a.name}' of ${opLabel} passed string '${String(v)}' not in: ${a.allowedValues.map((x) => `"${x}"`).join(', ')}.`);
    }
    if (a.minimum !== undefined && (v as number) < a.minimum) {
      const listArg = listLengthFrom.get(a.name);
      throw new ValueError(listArg !== undefined
        ? `List argument '${listArg}' to ${opLabel} with length ${String(v)} shorter than minimum length ${a.minimum}.`
        : `Attr '${a.name}' of ${opLabel} passed ${String(v)} less than minimum ${a.minimum}.`);
    }
  }

  // Schema order, then nothing else: given attrs were all checked to be declared.
  const ordered: Record<string, AttrValue> = {};
  for (const a of def.attrs) ordered[a.name] = values[a.name] as AttrValue;
  return Object.freeze(ordered);
}
