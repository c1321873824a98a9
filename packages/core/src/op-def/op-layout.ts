import type { OpDef } from '@varscope/kernel-api';
import { isListArg } from './arg-layout.js';

/**
 * What op creation needs to know about a schema entry, computed once per `OpDef`: which input
 * arguments are lists or references, and the outputs' layout when it does not depend on attrs.
 */
export interface OpLayout {
  /** Per input argument: whether it takes a list of tensors. */
  readonly inputIsList: readonly boolean[];
  /** Whether any input argument is a list (the flat input count then depends on the call). */
  readonly hasListInput: boolean;
  /** Indexes of the `Ref(...)` input arguments. */
  readonly refInputs: readonly number[];
  /** Per flat output, whether it is a reference; undefined when a list output makes it attr-dependent. */
  readonly outputRefFlags: readonly boolean[] | undefined;
  /** The argument names joined for messages (`x, y`). */
  readonly inputNames: string;
}

const LAYOUTS = new WeakMap<OpDef, OpLayout>();

/** The cached {@link OpLayout} of `def`. */
export function opLayout(def: OpDef): OpLayout {
  let layout = LAYOUTS.get(def);
  if (layout === undefined) {
    const inputIsList = def.inputs.map(isListArg);
    const refInputs: number[] = [];
    def.inputs.forEach((arg, i) => { if (arg.isRef === true) refInputs.push(i); });
    const fixedOutputs = !def.outputs.some(isListArg);
    layout = Object.freeze({
      inputIsList: Object.freeze(inputIsList),
      hasListInput: inputIsList.includes(true),
      refInputs: Object.freeze(refInputs),
      outputRefFlags: fixedOutputs ? Object.freeze(def.outputs.map((a) => a.isRef === true)) : undefined,
      inputNames: def.inputs.map((a) => a.name).join(', '),
    });
    LAYOUTS.set(def, layout);
  }
  return layout;
}
