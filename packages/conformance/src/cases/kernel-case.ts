import type { Attrs, DType, PhiloxState } from '@varscope/kernel-api';

/** A tensor in a case: dtype, shape and row-major values (bigint for 64-bit ints, 0/1 for bool). */
export interface CaseTensor {
  readonly dtype: DType;
  readonly shape: readonly number[];
  /** Values as plain numbers/bigints; complex values interleaved (re, im). */
  readonly values: readonly (number | bigint)[];
}

/** How close a result must be to the expected one. */
export type ToleranceKind =
  /** Bit-identical (integers, bools, data movement, Philox bits). */
  | 'exact'
  /** Elementwise float math: the backend's declared relative tolerance. */
  | 'elementwise'
  /** Sums and products over many terms (matmul, conv, reductions): 10× the declared tolerance. */
  | 'accumulation';

/** One kernel conformance case, as plain data. */
export interface KernelCase {
  /** Stable id, e.g. `Add/float32/broadcast-[2,3]x[3]`. */
  readonly id: string;
  readonly op: string;
  /** The dtype the backend must advertise for `op` (`capabilities.kernels[op]`). */
  readonly dtype: DType;
  readonly attrs: Attrs;
  readonly inputs: readonly CaseTensor[];
  /** Output dtypes and shapes, as core would pre-allocate them (aliased ref outputs omitted). */
  readonly outputs: readonly { readonly dtype: DType; readonly shape: readonly number[] }[];
  /** Expected outputs; when absent, the reference backend's results are the expectation. */
  readonly expected?: readonly CaseTensor[];
  /** For ops that mutate ref inputs: the input indices whose final contents are checked. */
  readonly mutatedInputs?: readonly number[];
  readonly philox?: PhiloxState;
  readonly tolerance: ToleranceKind;
  /** For data-dependent failures: the case expects the kernel to throw a message matching this. */
  readonly throws?: string;
  /** Free-form tags: `nan`, `empty`, `broadcast`, `scalar`… */
  readonly tags: readonly string[];
}
