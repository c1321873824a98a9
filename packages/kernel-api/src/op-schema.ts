import type { DType } from './dtype.js';
import type { OpDef } from './op-def.js';
import { ARRAY_OPS } from './ops/array.js';
import { HOST_OPS } from './ops/host.js';
import { MATH_OPS } from './ops/math.js';
import { NN_OPS } from './ops/nn.js';
import { RANDOM_OPS } from './ops/random.js';
import { STATE_OPS } from './ops/state.js';

/** The op families, in the order docs and reports list them. */
export const OP_FAMILIES = Object.freeze({
  math: MATH_OPS,
  array: ARRAY_OPS,
  nn: NN_OPS,
  state: STATE_OPS,
  random: RANDOM_OPS,
  host: HOST_OPS,
});

/** Every op varscope knows, by TensorFlow op type. The single source of truth. */
export const OP_SCHEMA: ReadonlyMap<string, OpDef> = (() => {
  const map = new Map<string, OpDef>();
  for (const family of Object.values(OP_FAMILIES)) {
    for (const def of family) {
      if (map.has(def.name)) throw new Error(`Op ${def.name} is declared twice`);
      map.set(def.name, def);
    }
  }
  return map;
})();

/** The schema entry for an op type, or undefined for an op varscope does not know. */
export function getOpDef(type: string): OpDef | undefined {
  return OP_SCHEMA.get(type);
}

/** Ops whose kernels backends provide (everything not run by core on the host). */
export function deviceOps(): OpDef[] {
  return [...OP_SCHEMA.values()].filter((d) => d.placement === 'device');
}

/** The attr whose value gives the dtype a backend advertises kernels for: the first typed input's, else the first output's. */
export function primaryTypeAttr(def: OpDef): string | undefined {
  for (const a of [...def.inputs, ...def.outputs]) {
    if (a.typeAttr !== undefined && !a.hostMemory) return a.typeAttr;
  }
  return undefined;
}

/**
 * The dtype a kernel is keyed by in `capabilities.kernels` for one invocation: the value of the
 * op's primary type attr, else the first fixed input (or output) type (`LogicalAnd` → bool).
 */
export function kernelDType(def: OpDef, attrs: Readonly<Record<string, unknown>>): DType | undefined {
  const attr = primaryTypeAttr(def);
  if (attr !== undefined) {
    const v = attrs[attr];
    return typeof v === 'string' ? (v as DType) : undefined;
  }
  return [...def.inputs, ...def.outputs].find((a) => a.type !== undefined)?.type;
}
