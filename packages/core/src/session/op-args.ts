import type { ArgDef, Attrs, OpDef } from '@varscope/kernel-api';
import { argLayout } from '../op-def/index.js';

/** The schema argument behind each flattened input of an op (a list argument repeats its ArgDef). */
export function flatInputArgs(def: OpDef, attrs: Attrs): ArgDef[] {
  return argLayout(def.inputs, attrs).flatMap((slot) => new Array<ArgDef>(slot.count).fill(slot.arg));
}

/**
 * Flat output index → flat input index for outputs that alias a ref input (`Assign`'s
 * `output_ref` is the variable itself). The schema states aliases by argument position.
 */
export function flatAliases(def: OpDef, attrs: Attrs): ReadonlyMap<number, number> {
  const map = new Map<number, number>();
  if (def.aliases === undefined) return map;
  const inputs = argLayout(def.inputs, attrs);
  const outputs = argLayout(def.outputs, attrs);
  for (const [out, input] of Object.entries(def.aliases)) {
    const o = outputs[Number(out)];
    const i = inputs[input];
    if (o !== undefined && i !== undefined) map.set(o.start, i.start);
  }
  return map;
}
