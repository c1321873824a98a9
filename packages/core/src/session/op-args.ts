import type { ArgDef, Attrs, OpDef } from '@varscope/kernel-api';

/** How many tensors one schema argument stands for, given the op's attrs (list args expand). */
function argCount(arg: ArgDef, attrs: Attrs): number {
  if (arg.numberAttr !== undefined) return Number(attrs[arg.numberAttr] ?? 0);
  if (arg.typeListAttr !== undefined) return ((attrs[arg.typeListAttr] as readonly string[] | undefined) ?? []).length;
  return 1;
}

/** The schema argument behind each flattened input of an op (list arguments repeat their ArgDef). */
export function flatInputArgs(def: OpDef, attrs: Attrs): ArgDef[] {
  return def.inputs.flatMap((arg) => new Array<ArgDef>(argCount(arg, attrs)).fill(arg));
}

/** The schema argument behind each flattened output of an op. */
export function flatOutputArgs(def: OpDef, attrs: Attrs): ArgDef[] {
  return def.outputs.flatMap((arg) => new Array<ArgDef>(argCount(arg, attrs)).fill(arg));
}

/**
 * Flat output index → flat input index for outputs that alias a ref input (`Assign`'s
 * `output_ref` is the variable itself). The schema's `aliases` are in argument positions; with
 * no list arguments before them (true of every aliasing op) those are also flat positions.
 */
export function flatAliases(def: OpDef): ReadonlyMap<number, number> {
  const map = new Map<number, number>();
  for (const [out, input] of Object.entries(def.aliases ?? {})) map.set(Number(out), input);
  return map;
}
