import { isDType } from '@varscope/kernel-api';
import type { ArgDef, Attrs, DType, OpDef } from '@varscope/kernel-api';

/** The dtypes of one argument (one per tensor for lists) under resolved attrs. */
export function argDTypes(arg: ArgDef, attrs: Attrs, opName: string): DType[] {
  const typeOf = (attrName: string): DType => {
    const v = attrs[attrName];
    if (!isDType(v)) throw new TypeError(`Attr '${attrName}' of '${opName}' Op has no dtype value (argument '${arg.name}')`);
    return v;
  };
  if (arg.typeListAttr !== undefined) {
    const list = attrs[arg.typeListAttr];
    if (!Array.isArray(list) || !list.every(isDType)) {
      throw new TypeError(`Attr '${arg.typeListAttr}' of '${opName}' Op has no list(type) value (argument '${arg.name}')`);
    }
    return [...(list as DType[])];
  }
  const one = arg.type ?? typeOf(arg.typeAttr as string);
  if (arg.numberAttr !== undefined) {
    const n = attrs[arg.numberAttr];
    if (typeof n !== 'number') throw new TypeError(`Attr '${arg.numberAttr}' of '${opName}' Op has no value (argument '${arg.name}')`);
    return new Array<DType>(n).fill(one);
  }
  return [one];
}

/** The output dtypes of an op under resolved attrs, list outputs flattened. */
export function expectedOutputDTypes(def: OpDef, attrs: Attrs): DType[] {
  const outputs = def.outputs;
  // The common case, one plain output, without the per-argument arrays.
  if (outputs.length === 1) {
    const arg = outputs[0] as ArgDef;
    if (arg.numberAttr === undefined && arg.typeListAttr === undefined) {
      const d = arg.type ?? attrs[arg.typeAttr as string];
      if (isDType(d)) return [d];
    }
  }
  return outputs.flatMap((arg) => argDTypes(arg, attrs, def.name));
}
