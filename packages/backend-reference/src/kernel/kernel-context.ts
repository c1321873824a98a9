import { KernelArgumentError, KernelRuntimeError, shapeSize } from '@varscope/kernel-api';
import type { AttrValue, Attrs, DType, HostTensor, PhiloxState } from '@varscope/kernel-api';
import type { TensorView } from './tensor-view.js';

const fmtShape = (s: readonly number[]): string => `[${s.join(',')}]`;

/**
 * Everything one kernel invocation may touch, with checked accessors: a kernel that asks for a
 * missing input, a mistyped attr or a wrongly sized output gets a `KernelArgumentError` naming it
 * instead of reading past a buffer.
 */
export class KernelContext {
  constructor(
    readonly op: string,
    readonly nodeName: string,
    readonly attrs: Attrs,
    private readonly inputViews: readonly TensorView[],
    private readonly outputViews: readonly TensorView[],
    private readonly hostInputViews: readonly (HostTensor | undefined)[],
    readonly philox: PhiloxState | undefined,
  ) {}

  get numInputs(): number {
    return this.inputViews.length;
  }

  get numOutputs(): number {
    return this.outputViews.length;
  }

  input(i: number): TensorView {
    const v = this.inputViews[i];
    if (v === undefined) throw this.argumentError(`expected an input #${i}, got ${this.inputViews.length} inputs`);
    return v;
  }

  output(i: number): TensorView {
    const v = this.outputViews[i];
    if (v === undefined) throw this.argumentError(`expected an output #${i}, got ${this.outputViews.length} outputs`);
    return v;
  }

  /** Asserts the exact input/output counts a kernel works with. */
  expectArity(inputs: number, outputs: number): void {
    if (this.inputViews.length !== inputs || this.outputViews.length !== outputs) {
      throw this.argumentError(`expected ${inputs} inputs and ${outputs} outputs, got ${this.inputViews.length} and ${this.outputViews.length}`);
    }
  }

  /** The integer values of a host-memory input (shapes, axes, begin/size…), as safe JS numbers. */
  hostInts(i: number, what: string): number[] {
    const t = this.hostInputViews[i];
    if (t === undefined) throw this.argumentError(`host-memory input #${i} (${what}) was not provided in hostInputs`);
    if (t.dtype !== 'int32' && t.dtype !== 'int64') throw this.argumentError(`${what} must be int32 or int64, got ${t.dtype}`);
    if (t.data.length !== shapeSize(t.shape)) throw this.argumentError(`${what} holds ${t.data.length} values for shape ${fmtShape(t.shape)}`);
    const out: number[] = [];
    for (const v of t.data as Int32Array | BigInt64Array) {
      const n = Number(v);
      if (!Number.isSafeInteger(n)) throw this.argumentError(`${what} value ${String(v)} is beyond 2^53`);
      out.push(n);
    }
    return out;
  }

  /** A host-memory input as the HostTensor core passed (for Range's typed start/limit/delta). */
  hostTensor(i: number, what: string): HostTensor {
    const t = this.hostInputViews[i];
    if (t === undefined) throw this.argumentError(`host-memory input #${i} (${what}) was not provided in hostInputs`);
    return t;
  }

  /** A scalar host-memory integer input (an axis, a depth). */
  hostScalarInt(i: number, what: string): number {
    const v = this.hostInts(i, what);
    if (v.length !== 1) throw this.argumentError(`${what} must be a scalar, got ${v.length} values`);
    return v[0] as number;
  }

  private attr(name: string): AttrValue {
    const v = this.attrs[name];
    if (v === undefined) throw this.argumentError(`missing attr '${name}'`);
    return v;
  }

  attrInt(name: string): number {
    const v = this.attr(name);
    if (typeof v !== 'number' || !Number.isSafeInteger(v)) throw this.argumentError(`attr '${name}' must be an int`);
    return v;
  }

  attrFloat(name: string): number {
    const v = this.attr(name);
    if (typeof v !== 'number') throw this.argumentError(`attr '${name}' must be a float`);
    return v;
  }

  attrBool(name: string): boolean {
    const v = this.attr(name);
    if (typeof v !== 'boolean') throw this.argumentError(`attr '${name}' must be a bool`);
    return v;
  }

  attrString<S extends string = string>(name: string, allowed?: readonly S[]): S {
    const v = this.attr(name);
    if (typeof v !== 'string') throw this.argumentError(`attr '${name}' must be a string`);
    if (allowed !== undefined && !allowed.includes(v as S)) {
      throw this.argumentError(`attr '${name}' is '${v}', expected one of ${allowed.join(', ')}`);
    }
    return v as S;
  }

  attrInts(name: string, length?: number): number[] {
    const v = this.attr(name);
    if (!Array.isArray(v) || !v.every((x) => typeof x === 'number' && Number.isSafeInteger(x))) {
      throw this.argumentError(`attr '${name}' must be a list of ints`);
    }
    if (length !== undefined && v.length !== length) {
      throw this.argumentError(`attr '${name}' must have ${length} entries, got ${v.length}`);
    }
    return [...(v as number[])];
  }

  attrType(name: string): DType {
    const v = this.attr(name);
    if (typeof v !== 'string') throw this.argumentError(`attr '${name}' must be a type`);
    return v as DType;
  }

  /** Asserts a tensor has the shape the kernel computed for it (outputs are pre-allocated by core). */
  expectShape(view: TensorView, shape: readonly number[], what: string): void {
    if (view.shape.length !== shape.length || view.shape.some((d, i) => d !== shape[i])) {
      throw this.argumentError(`${what} has shape ${fmtShape(view.shape)}, expected ${fmtShape(shape)}`);
    }
  }

  expectDtype(view: TensorView, dtype: DType, what: string): void {
    if (view.dtype !== dtype) throw this.argumentError(`${what} has dtype ${view.dtype}, expected ${dtype}`);
  }

  argumentError(message: string): KernelArgumentError {
    return new KernelArgumentError(this.op, `${message} (node '${this.nodeName}')`);
  }

  /** A data-dependent failure, worded as TensorFlow words it. */
  runtimeError(message: string): KernelRuntimeError {
    return new KernelRuntimeError(this.op, message);
  }
}
