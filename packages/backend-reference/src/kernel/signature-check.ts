import { KernelArgumentError } from '@varscope/kernel-api';
import type { ArgDef, Attrs, DType, KernelInvocation, OpDef } from '@varscope/kernel-api';

/** The dtypes an arg list expands to: one per tensor, list args repeated by their number attr. */
function expand(def: OpDef, args: readonly ArgDef[], attrs: Attrs, skip: ReadonlySet<number>, what: string): { name: string; dtype: DType }[] {
  const out: { name: string; dtype: DType }[] = [];
  args.forEach((a, index) => {
    if (skip.has(index)) return;
    const dtype = a.type ?? (a.typeAttr !== undefined ? attrs[a.typeAttr] : undefined);
    if (typeof dtype !== 'string') {
      throw new KernelArgumentError(def.name, `${what} '${a.name}' needs its dtype attr '${a.typeAttr ?? a.typeListAttr ?? '?'}'`);
    }
    let count = 1;
    if (a.numberAttr !== undefined) {
      const n = attrs[a.numberAttr];
      if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0) {
        throw new KernelArgumentError(def.name, `${what} '${a.name}' needs the int attr '${a.numberAttr}'`);
      }
      count = n;
    }
    for (let k = 0; k < count; k++) out.push({ name: count === 1 && a.numberAttr === undefined ? a.name : `${a.name}[${k}]`, dtype: dtype as DType });
  });
  return out;
}

/**
 * Checks an invocation against the op's schema before any kernel runs: the number of inputs and
 * outputs (list args expanded, aliased outputs omitted) and each tensor's dtype against its
 * declared type or type attr. A mismatch is a bug in the caller and is named precisely.
 */
export function checkSignature(def: OpDef, call: KernelInvocation): void {
  const aliased = new Set(Object.keys(def.aliases ?? {}).map(Number));
  const inputs = expand(def, def.inputs, call.attrs, new Set(), 'input');
  const outputs = expand(def, def.outputs, call.attrs, aliased, 'output');
  const node = `(node '${call.nodeName}')`;
  if (call.inputs.length !== inputs.length) {
    throw new KernelArgumentError(def.name, `expects ${inputs.length} inputs (${inputs.map((a) => a.name).join(', ')}), got ${call.inputs.length} ${node}`);
  }
  if (call.outputs.length !== outputs.length) {
    throw new KernelArgumentError(def.name, `expects ${outputs.length} pre-allocated outputs, got ${call.outputs.length} ${node}`);
  }
  const check = (refs: KernelInvocation['inputs'], args: { name: string; dtype: DType }[], what: string): void => {
    refs.forEach((r, i) => {
      const a = args[i] as { name: string; dtype: DType };
      if (r.dtype !== a.dtype) throw new KernelArgumentError(def.name, `${what} '${a.name}' is ${r.dtype}, expected ${a.dtype} ${node}`);
    });
  };
  check(call.inputs, inputs, 'input');
  check(call.outputs, outputs, 'output');
}
