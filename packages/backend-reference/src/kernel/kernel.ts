import type { DType } from '@varscope/kernel-api';
import type { KernelContext } from './kernel-context.js';

/** One op's kernel: the dtypes it serves (keyed as `capabilities.kernels` is) and its body. */
export interface Kernel {
  readonly op: string;
  /** Dtypes of the op's primary type attr (`primaryTypeAttr`) this kernel handles. */
  readonly dtypes: readonly DType[];
  run(ctx: KernelContext): void;
}

/** Declares kernels for several ops that share one body (e.g. Identity and StopGradient). */
export function kernels(ops: readonly string[], dtypes: readonly DType[], run: (ctx: KernelContext) => void): Kernel[] {
  return ops.map((op) => ({ op, dtypes, run }));
}
