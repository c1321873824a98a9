import type { ArgDef, Attrs, OpDef } from '@varscope/kernel-api';

/** Where one schema argument sits in a flattened input or output list. */
export interface ArgSlot {
  readonly arg: ArgDef;
  /** First flat index. */
  readonly start: number;
  /** Number of tensors (1 for a single-tensor argument). */
  readonly count: number;
  /** Whether the argument is a list (`numberAttr` or `typeListAttr`). */
  readonly isList: boolean;
}

export function isListArg(arg: ArgDef): boolean {
  return arg.numberAttr !== undefined || arg.typeListAttr !== undefined;
}

/** How many tensors a list argument has, from its `N`-style or `list(type)` attr. */
function argCount(arg: ArgDef, attrs: Attrs): number {
  if (arg.numberAttr !== undefined) {
    const n = attrs[arg.numberAttr];
    if (typeof n !== 'number') throw new TypeError(`Attr '${arg.numberAttr}' (the length of '${arg.name}') has no value`);
    return n;
  }
  if (arg.typeListAttr !== undefined) {
    const types = attrs[arg.typeListAttr];
    if (!Array.isArray(types)) throw new TypeError(`Attr '${arg.typeListAttr}' (the types of '${arg.name}') has no value`);
    return types.length;
  }
  return 1;
}

/** The flat layout of a list of argument definitions (inputs or outputs) under resolved attrs. */
export function argLayout(args: readonly ArgDef[], attrs: Attrs): ArgSlot[] {
  const slots: ArgSlot[] = [];
  let start = 0;
  for (const arg of args) {
    const count = argCount(arg, attrs);
    slots.push({ arg, start, count, isList: isListArg(arg) });
    start += count;
  }
  return slots;
}

/** Flattens grouped arguments (a list argument is an array) into one list, in schema order. */
export function flattenArgs<T>(def: OpDef, grouped: readonly (T | readonly T[])[]): T[] {
  if (grouped.length !== def.inputs.length) {
    throw new TypeError(`'${def.name}' takes ${def.inputs.length} inputs (${def.inputs.map((a) => a.name).join(', ')}), got ${grouped.length}`);
  }
  const flat: T[] = [];
  def.inputs.forEach((arg, i) => {
    const g = grouped[i] as T | readonly T[];
    if (isListArg(arg)) {
      if (!Array.isArray(g)) throw new TypeError(`Expected list for '${arg.name}' argument to '${def.name}' Op`);
      flat.push(...(g as readonly T[]));
    } else {
      flat.push(g as T);
    }
  });
  return flat;
}

/** Groups a flat list back by argument (the inverse of `flattenArgs`), for inputs or outputs. */
export function groupArgs<T>(args: readonly ArgDef[], flat: readonly T[], attrs: Attrs): (T | T[])[] {
  const layout = argLayout(args, attrs);
  const total = layout.reduce((n, s) => n + s.count, 0);
  if (total !== flat.length) throw new TypeError(`Expected ${total} flattened tensors, got ${flat.length}`);
  return layout.map((s) => (s.isList ? flat.slice(s.start, s.start + s.count) : (flat[s.start] as T)));
}
