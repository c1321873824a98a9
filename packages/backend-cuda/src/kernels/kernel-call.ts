import { KernelArgumentError } from '@varscope/kernel-api';
import type { AttrValue, DType, KernelInvocation, TensorRef } from '@varscope/kernel-api';
import type { NativeBuffer, NativeContext, NativeOpTables } from '../native/addon-types.js';

/** One kernel of this backend: the dtypes it takes (by the op's primary type) and how to enqueue it. */
export interface CudaKernel {
  readonly dtypes: readonly DType[];
  run(k: KernelCall): void;
}

/** Per-invocation helpers: typed access to inputs, outputs, host inputs and attrs. */
export class KernelCall {
  constructor(
    readonly ctx: NativeContext,
    readonly call: KernelInvocation,
    readonly ops: NativeOpTables,
    readonly allowTf32: boolean,
  ) {}

  get op(): string {
    return this.call.op;
  }

  input(i: number): TensorRef {
    const ref = this.call.inputs[i];
    if (ref === undefined) throw this.error(`input ${i} is missing (got ${this.call.inputs.length})`);
    return ref;
  }

  output(i: number): TensorRef {
    const ref = this.call.outputs[i];
    if (ref === undefined) throw this.error(`output ${i} is missing (got ${this.call.outputs.length})`);
    return ref;
  }

  /** The native buffer behind a ref (handles of this backend are native buffers). */
  buf(ref: TensorRef): NativeBuffer {
    return ref.handle as unknown as NativeBuffer;
  }

  /** The integer values of a host-memory input (shapes, axes, paddings). */
  hostInts(i: number): number[] {
    const host = this.call.hostInputs[i];
    if (host === undefined) throw this.error(`input ${i} must also be given in hostInputs`);
    return Array.from(host.data as ArrayLike<number | bigint>, (v) => Number(v));
  }

  /** A host-memory scalar input as a number. */
  hostScalar(i: number): number {
    const values = this.hostInts(i);
    if (values.length !== 1) throw this.error(`input ${i} must be a scalar, got ${values.length} values`);
    return values[0] as number;
  }

  attr(name: string): AttrValue {
    const v = this.call.attrs[name];
    if (v === undefined) throw this.error(`attr '${name}' is missing`);
    return v;
  }

  intAttr(name: string): number {
    const v = this.attr(name);
    if (typeof v !== 'number' || !Number.isInteger(v)) throw this.error(`attr '${name}' must be an int`);
    return v;
  }

  floatAttr(name: string): number {
    const v = this.attr(name);
    if (typeof v !== 'number') throw this.error(`attr '${name}' must be a float`);
    return v;
  }

  boolAttr(name: string): boolean {
    const v = this.attr(name);
    if (typeof v !== 'boolean') throw this.error(`attr '${name}' must be a bool`);
    return v;
  }

  stringAttr(name: string): string {
    const v = this.attr(name);
    if (typeof v !== 'string') throw this.error(`attr '${name}' must be a string`);
    return v;
  }

  intListAttr(name: string): number[] {
    const v = this.attr(name);
    if (!Array.isArray(v) || !v.every((x) => typeof x === 'number')) throw this.error(`attr '${name}' must be a list(int)`);
    return v as number[];
  }

  /** An axis in [-rank, rank) as a non-negative index. */
  axis(value: number, rank: number, what: string): number {
    if (!Number.isInteger(value) || value < -rank || value >= rank) {
      throw this.error(`${what} ${value} is out of range for rank ${rank}`);
    }
    return value < 0 ? value + rank : value;
  }

  error(message: string): KernelArgumentError {
    return new KernelArgumentError(this.call.op, `${message} (node '${this.call.nodeName}')`);
  }
}

/** Row-major strides of a shape. */
export function contiguousStrides(shape: readonly number[]): number[] {
  const strides = new Array<number>(shape.length);
  let s = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    strides[i] = s;
    s *= shape[i] as number;
  }
  return strides;
}

export const product = (dims: readonly number[]): number => dims.reduce((a, b) => a * b, 1);

export const F32: readonly DType[] = ['float32'];
export const F32_I32: readonly DType[] = ['float32', 'int32'];
/** Everything this backend stores. */
export const STORED: readonly DType[] = ['float32', 'int32', 'int64', 'bool'];
