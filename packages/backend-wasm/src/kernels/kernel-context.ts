import {
  KernelArgumentError, KernelRuntimeError, dtypeInfo, type DType, type KernelInvocation, type TensorRef,
} from '@varscope/kernel-api';
import type { BufferTable } from '../memory/buffer-table.js';
import type { Heap } from '../memory/heap.js';
import type { KernelExports } from '../module/kernel-exports.js';

/** vs_status codes (wasm/include/vs_kernels.h). */
export const Status = {
  OK: 0, BOUNDS: -1, ARGUMENT: -2, INDEX: -3, NO_MEMORY: -4, UNSUPPORTED: -5, DIV_BY_ZERO: -6, NEGATIVE_POW: -7,
} as const;

/** Formats an index error from the kernel's detail slots [position, value, limit]. */
export type IndexErrorFormatter = (position: number, value: number, limit: number) => string;

/** What a kernel binding needs during one call: pointers, views, scratch and error mapping. */
export class KernelContext {
  private temps: number[] = [];

  constructor(readonly k: KernelExports, readonly heap: Heap, private readonly buffers: BufferTable) {}

  /** Pointer of a ref's buffer, checked against the ref and against memory. */
  ptr(call: KernelInvocation, ref: TensorRef | undefined, what: string): number {
    if (ref === undefined) throw new KernelArgumentError(call.op, `${what} is missing`);
    let buf;
    try {
      buf = this.buffers.resolve(ref, `${call.op} ${what}`);
    } catch (e) {
      throw new KernelArgumentError(call.op, (e as Error).message);
    }
    if (buf.bytes > 0) this.heap.assertInBounds(buf.ptr, buf.bytes, `${call.op} ${what}`);
    return buf.ptr;
  }

  input(call: KernelInvocation, i: number): TensorRef {
    const ref = call.inputs[i];
    if (ref === undefined) throw new KernelArgumentError(call.op, `input ${i} is missing`);
    return ref;
  }

  output(call: KernelInvocation, i: number): TensorRef {
    const ref = call.outputs[i];
    if (ref === undefined) throw new KernelArgumentError(call.op, `output ${i} is missing`);
    return ref;
  }

  /** Scratch memory released when the call ends. */
  temp(call: KernelInvocation, bytes: number): number {
    const p = this.heap.malloc(Math.max(bytes, 1));
    if (p === 0) throw new KernelRuntimeError(call.op, `${call.nodeName}: out of wasm memory for ${bytes} bytes of scratch`);
    this.temps.push(p);
    return p;
  }

  releaseTemps(): void {
    for (const p of this.temps) this.heap.free(p);
    this.temps = [];
  }

  /** Turns a vs_status into the typed error TensorFlow would raise. */
  check(call: KernelInvocation, status: number, onIndex?: IndexErrorFormatter): void {
    if (status === Status.OK) return;
    const where = call.nodeName;
    switch (status) {
      case Status.INDEX: {
        const d = [0, 1, 2].map((i) => this.k.vs_error_detail(i)) as [number, number, number];
        throw new KernelRuntimeError(call.op, onIndex ? onIndex(...d) : `${where}: index ${d[1]} at ${d[0]} is not in [0, ${d[2]})`);
      }
      case Status.DIV_BY_ZERO: throw new KernelRuntimeError(call.op, 'Integer division by zero');
      case Status.NEGATIVE_POW: throw new KernelRuntimeError(call.op, 'Integers to negative integer powers are not allowed');
      case Status.NO_MEMORY: throw new KernelRuntimeError(call.op, `${where}: out of wasm memory for kernel scratch`);
      case Status.BOUNDS: throw new KernelArgumentError(call.op, `${where}: the kernel refused a buffer outside wasm memory`);
      case Status.UNSUPPORTED:
        throw new KernelArgumentError(call.op, `${where}: no wasm kernel for this op with dtype ${describeDtypes(call)}`);
      default: throw new KernelArgumentError(call.op, `${where}: the kernel rejected its arguments (status ${status})`);
    }
  }
}

const describeDtypes = (call: KernelInvocation): string =>
  [...new Set(call.inputs.map((r) => r.dtype))].join('/') || (call.outputs[0]?.dtype ?? '?');

export const elemSize = (dtype: DType): number => dtypeInfo(dtype).byteSize;

/** A kernel binding: the dtypes it accepts (by the schema's primary type attr) and its body. */
export interface KernelDef {
  readonly dtypes: readonly DType[];
  run(ctx: KernelContext, call: KernelInvocation): void;
}

export type KernelTable = Readonly<Record<string, KernelDef>>;
