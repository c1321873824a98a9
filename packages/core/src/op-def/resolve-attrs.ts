import { DTYPES, isDType } from '@varscope/kernel-api';
import type { ArgDef, AttrDef, AttrValue, Attrs, DType, HostTensor, OpDef } from '@varscope/kernel-api';
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
  return Object.freeze(resolveAttrsMutable(def, inputDTypes, given, nodeName));
}

/**
 * {@link resolveAttrs} returning a fresh, unfrozen object the caller owns (op creation adds
 * `_class` and attr-scope entries to it). Written for the op-creation hot path: no per-call
 * maps or closures, messages built only when they are thrown.
 */
export function resolveAttrsMutable(
  def: OpDef,
  inputDTypes: readonly (DType | readonly DType[])[],
  given: Readonly<Record<string, AttrValue | undefined>> | undefined,
  nodeName: string,
): Record<string, AttrValue> {
  const opLabel = `'${def.name}' Op`;
  const values: Record<string, AttrValue> = {};

  if (given !== undefined) {
    const attrDefs = attrDefsOf(def);
    for (const key in given) {
      if (!Object.hasOwn(given, key)) continue;
      const v = given[key];
      if (v === undefined) continue;
      const a = attrDefs.get(key);
      if (a === undefined) {
        throw new ValueError(`${opLabel} has no attr named '${key}' (node '${nodeName}'); its attrs are: ${def.attrs.map((x) => x.name).join(', ') || 'none'}`);
      }
      values[key] = normalize(a, v);
    }
  }

  if (inputDTypes.length !== def.inputs.length) {
    throw new ValueError(`${opLabel} takes ${def.inputs.length} inputs (${def.inputs.map((a) => a.name).join(', ')}), got ${inputDTypes.length} (node '${nodeName}')`);
  }

  // Type attrs inferred from inputs so far (as opposed to given); their source argument is the
  // first input argument of that attr, looked up only for a message.
  let inferred: string[] | undefined;
  const inputs = def.inputs;
  for (let i = 0; i < inputs.length; i++) {
    const arg = inputs[i] as ArgDef;
    const got = inputDTypes[i] as DType | readonly DType[];
    const gotList = Array.isArray(got);
    const isList = isListArg(arg);
    if (isList !== gotList) {
      throw new TypeError(isList
        ? `Expected list for '${arg.name}' argument to ${opLabel}, not ${String(got)}.`
        : `Expected a single tensor for '${arg.name}' argument to ${opLabel}, got a list of ${(got as readonly DType[]).length}.`);
    }
    if (!gotList) {
      const d = got as DType;
      if (!isDType(d)) throw new TypeError(`Input '${arg.name}' of ${opLabel} has an unknown dtype ${describeForError(d)}.`);
      if (arg.type !== undefined) {
        if (d !== arg.type) throw new TypeError(`Input '${arg.name}' of ${opLabel} has type ${d} that does not match expected type of ${arg.type}.`);
      } else if (arg.typeAttr !== undefined) {
        inferred = setType(values, inferred, arg.typeAttr, d, arg.name, opLabel);
      }
      continue;
    }
    const dtypes = got as readonly DType[];
    for (const d of dtypes) {
      if (!isDType(d)) throw new TypeError(`Input '${arg.name}' of ${opLabel} has an unknown dtype ${describeForError(d)}.`);
    }
    if (arg.typeListAttr !== undefined) {
      const previous = values[arg.typeListAttr] as readonly DType[] | undefined;
      if (previous !== undefined && (previous.length !== dtypes.length || previous.some((d, k) => d !== dtypes[k]))) {
        throw new TypeError(`Input '${arg.name}' of ${opLabel} has types [${dtypes.join(', ')}] that do not match the '${arg.typeListAttr}' attr [${previous.join(', ')}].`);
      }
      values[arg.typeListAttr] = Object.freeze([...dtypes]);
      continue;
    }
    if (arg.numberAttr !== undefined) {
      const givenN = values[arg.numberAttr];
      if (givenN !== undefined && givenN !== dtypes.length) {
        throw new ValueError(`Attr '${arg.numberAttr}' of ${opLabel} is ${String(givenN)}, but input '${arg.name}' has ${dtypes.length} tensors.`);
      }
      values[arg.numberAttr] = dtypes.length;
      if (dtypes.length > 1 && dtypes.some((d) => d !== dtypes[0])) {
        throw new TypeError(`Tensors in list passed to '${arg.name}' of ${opLabel} have types [${dtypes.join(', ')}] that don't all match.`);
      }
    }
    for (const d of dtypes) {
      if (arg.type !== undefined) {
        if (d !== arg.type) throw new TypeError(`Input '${arg.name}' of ${opLabel} has type ${d} that does not match expected type of ${arg.type}.`);
      } else if (arg.typeAttr !== undefined) {
        inferred = setType(values, inferred, arg.typeAttr, d, arg.name, opLabel);
      }
    }
  }

  // Schema order, then nothing else: given attrs were all checked to be declared.
  const ordered: Record<string, AttrValue> = {};
  for (const a of def.attrs) {
    let v = values[a.name];
    if (v === undefined) {
      if (a.default === undefined) throw new ValueError(`NodeDef missing attr '${a.name}' from ${summarizeOpDef(def)}; NodeDef: {{node ${nodeName}}}`);
      v = a.default;
    }
    if (a.allowedTypes !== undefined) {
      if (a.type === 'list(type)') {
        for (const d of v as readonly DType[]) checkAllowedType(def, a, d, nodeName);
      } else {
        checkAllowedType(def, a, v as DType, nodeName);
      }
    }
    if (a.allowedValues !== undefined && !a.allowedValues.includes(v as string)) {
      throw new ValueError(`Attr '${a.name}' of ${opLabel} passed string '${String(v)}' not in: ${a.allowedValues.map((x) => `"${x}"`).join(', ')}.`);
    }
    if (a.minimum !== undefined && (v as number) < a.minimum) {
      const listArg = def.inputs.find((arg) => arg.numberAttr === a.name && isListArg(arg));
      throw new ValueError(listArg !== undefined
        ? `List argument '${listArg.name}' to ${opLabel} with length ${String(v)} shorter than minimum length ${a.minimum}.`
        : `Attr '${a.name}' of ${opLabel} passed ${String(v)} less than minimum ${a.minimum}.`);
    }
    ordered[a.name] = v;
  }
  return ordered;
}

/**
 * Sets type attr `attr` from an input's dtype, or checks it against what is already there.
 * `inferred` lists the attrs inferred so far, each followed by the argument it came from.
 */
function setType(values: Record<string, AttrValue>, inferred: string[] | undefined, attr: string, dtype: DType,
  argName: string, opLabel: string): string[] | undefined {
  const previous = values[attr];
  if (inferred !== undefined) {
    for (let k = 0; k < inferred.length; k += 2) {
      if (inferred[k] !== attr) continue;
      if (previous !== dtype) {
        throw new TypeError(`Input '${argName}' of ${opLabel} has type ${dtype} that does not match type ${String(previous)} of argument '${String(inferred[k + 1])}'.`);
      }
      return inferred;
    }
  }
  if (previous !== undefined && previous !== dtype) {
    throw new TypeError(`Input '${argName}' of ${opLabel} has type ${dtype} that does not match expected type of ${String(previous)}.`);
  }
  values[attr] = dtype;
  if (inferred === undefined) return [attr, argName];
  inferred.push(attr, argName);
  return inferred;
}

function checkAllowedType(def: OpDef, a: AttrDef, d: DType, nodeName: string): void {
  if (a.allowedTypes !== undefined && !a.allowedTypes.includes(d)) {
    throw new TypeError(`Value for attr '${a.name}' of ${cName(d)} is not in the list of allowed values: ${a.allowedTypes.map(cName).join(', ')}` +
      `\n\t; NodeDef: {{node ${nodeName}}}; ${summarizeOpDef(def)}`);
  }
}
