import type { Attrs, DType, TensorRef } from '@varscope/kernel-api';
import type { Tensor } from '@tensorflow/tfjs-core';

/** What a kernel gets: its inputs as tfjs tensors, host copies of small integer inputs, attrs and output shapes. */
export interface KernelArgs {
  readonly op: string;
  readonly nodeName: string;
  readonly inputs: readonly Tensor[];
  readonly attrs: Attrs;
  readonly outputs: readonly TensorRef[];
  /** The values of input `i` as plain numbers, read on the host (shapes, axes, begin/size, scalars). */
  host(i: number): number[];
}

/**
 * One op's kernel on tfjs. It returns new tensors: one per output, or, for ops that write ref
 * inputs (`Assign`, `Apply*`), one per ref input in schema order. It runs inside `tf.tidy`, so
 * intermediates are freed and only the returned tensors survive.
 */
export interface TfjsKernel {
  /** The dtypes of the op's primary type attr this kernel handles (see kernel-api's `kernelDType`). */
  readonly dtypes: readonly DType[];
  run(args: KernelArgs): Tensor[];
}

/** The input `i`, which the op's schema guarantees (a missing one is a contract breach by the caller). */
export function input(args: KernelArgs, i: number): Tensor {
  const t = args.inputs[i];
  if (t === undefined) throw new RangeError(`${args.op}: input ${i} missing`);
  return t;
}

/** The output shape core pre-allocated for output `i`. */
export function outShape(args: KernelArgs, i = 0): number[] {
  const o = args.outputs[i];
  if (o === undefined) throw new RangeError(`${args.op}: output ${i} missing`);
  return [...o.shape];
}

export const attrNumber = (args: KernelArgs, name: string): number => Number(args.attrs[name]);
export const attrBool = (args: KernelArgs, name: string): boolean => args.attrs[name] === true;
export const attrString = (args: KernelArgs, name: string): string => String(args.attrs[name]);
export const attrInts = (args: KernelArgs, name: string): number[] => [...(args.attrs[name] as readonly number[])];
