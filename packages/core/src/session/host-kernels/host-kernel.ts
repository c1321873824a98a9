import type { Attrs, DType, HostTensor } from '@varscope/kernel-api';
import type { Operation } from '../../graph/operation.js';
import type { ResourceStore, VariableEntry } from '../resource-store.js';

/** One input as a host kernel sees it. */
export interface HostKernelInput {
  readonly dtype: DType;
  readonly shape: readonly number[];
  /** On the untaken side of a `Switch` (only kernels with `acceptsDeadInputs` ever see this). */
  readonly dead: boolean;
  /** The variable behind a reference input, when the input is one. */
  readonly variable: VariableEntry | undefined;
  /** The value, present when the kernel reads this input (`readsInput`) and it is alive. */
  readonly value: HostTensor | undefined;
}

/** What a host kernel can produce for each output. */
export type HostKernelOutput =
  /** A new value. */
  | HostTensor
  /** Input `index`'s value, passed through unchanged (no copy, wherever it lives). */
  | { readonly forward: number }
  /** A reference to a variable (`VariableV2`, `Assign` on strings). */
  | { readonly variable: VariableEntry }
  /** Nothing: the output is dead (`Switch`'s untaken side). */
  | { readonly dead: true };

export interface HostKernelContext {
  readonly op: Operation;
  readonly nodeName: string;
  readonly attrs: Attrs;
  readonly inputs: readonly HostKernelInput[];
  /** The variable store of the session running the op. */
  readonly resources: ResourceStore;
  /** `inputs[i].value`, or an `InternalError` if the kernel did not declare that it reads input i. */
  input(index: number): HostTensor;
  /** The output shapes TensorFlow's shape functions give for these inputs (run-time inference). */
  outputShapes(): number[][];
  /** Replaces a variable's value with a host tensor (CountUpTo, string Assign). */
  writeVariable(entry: VariableEntry, value: HostTensor): void;
}

/**
 * A kernel core runs on the host: graph inputs, variables, control flow, shape queries, string
 * ops, and whatever other core modules register (checkpoint I/O, summaries).
 */
export interface HostKernel {
  /** The op type (`StringJoin`). */
  readonly op: string;
  /**
   * `any`: the op always runs on the host (the schema places it there).
   * `string`: a host version of a device op, used when the op's inputs or outputs are strings.
   */
  readonly dtypes: 'any' | 'string';
  /** Inputs whose data the kernel reads (default: every input). Others arrive with shape only. */
  readonly readsInput?: (index: number) => boolean;
  /** Run even when some inputs are dead (`Merge`); otherwise an op with a dead input is dead. */
  readonly acceptsDeadInputs?: boolean;
  /** Reference inputs the kernel accepts while the variable is still uninitialized (`IsVariableInitialized`). */
  readonly acceptsUninitialized?: (index: number) => boolean;
  /** The kernel returns a Promise (file I/O); `Session.runSync` cannot run it. */
  readonly async?: boolean;
  run(ctx: HostKernelContext): HostKernelOutput[] | Promise<HostKernelOutput[]>;
}
