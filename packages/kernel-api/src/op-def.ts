import type { DType } from './dtype.js';
import type { AttrValue } from './attr-value.js';

/** The type of an op attr, spelled as in TensorFlow's OpDef. */
export type AttrType =
  | 'int' | 'float' | 'bool' | 'string' | 'type' | 'shape' | 'tensor'
  | 'list(int)' | 'list(float)' | 'list(string)' | 'list(type)' | 'list(shape)';

/** One attr of an op. */
export interface AttrDef {
  readonly name: string;
  readonly type: AttrType;
  /** The default; an attr without one must be given. */
  readonly default?: AttrValue;
  /** For `type` / `list(type)` attrs: the dtypes allowed. */
  readonly allowedTypes?: readonly DType[];
  /** For `string` attrs: the values allowed (e.g. `SAME`, `VALID`). */
  readonly allowedValues?: readonly string[];
  /** For `int` attrs: the minimum (e.g. `N >= 1`). */
  readonly minimum?: number;
}

/** One input or output of an op. Exactly one of `type`, `typeAttr`, `typeListAttr` says its dtype. */
export interface ArgDef {
  readonly name: string;
  /** A fixed dtype (e.g. `Shape`'s `int32` default is via `typeAttr: 'out_type'`, `Cast`'s is `SrcT`). */
  readonly type?: DType;
  /** The name of the `type` attr that gives this arg's dtype. */
  readonly typeAttr?: string;
  /** The name of a `list(type)` attr: the arg is a list of tensors with those dtypes. */
  readonly typeListAttr?: string;
  /** The name of an `int` attr: the arg is a list of that many tensors of one dtype. */
  readonly numberAttr?: string;
  /**
   * A reference to a variable's buffer (TensorFlow's `Ref(T)`): the kernel receives the
   * variable's own handle and may write it in place.
   */
  readonly isRef?: boolean;
  /**
   * Small integer inputs (shapes, axes, begin/size) whose values core reads on the host to
   * infer output shapes. Backends get them in `KernelInvocation.hostInputs` as well.
   */
  readonly hostMemory?: boolean;
}

/** Where an op's kernel runs. */
export type OpPlacement =
  /** A backend kernel: the session places it on the op's device. */
  | 'device'
  /** Run by core itself on the host (variables, control flow, strings, checkpoints, summaries). */
  | 'host';

/** One op, as declared once for every backend and for core. */
export interface OpDef {
  /** The op type as TensorFlow spells it: `Add`, `MatMul`, `VariableV2`. */
  readonly name: string;
  readonly inputs: readonly ArgDef[];
  readonly outputs: readonly ArgDef[];
  readonly attrs: readonly AttrDef[];
  /** Has side effects or randomness: never pruned as a duplicate, never constant-folded. */
  readonly stateful: boolean;
  readonly placement: OpPlacement;
  /**
   * For outputs that alias a ref input (`Assign`'s `output_ref`): output index → input index.
   * The session does not allocate these outputs; they are the input's buffer.
   */
  readonly aliases?: Readonly<Record<number, number>>;
  /** One line on what the op computes, for docs and the support matrix. */
  readonly summary: string;
}
