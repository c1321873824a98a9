import type { WasmMemory } from './webassembly-api.js';

/**
 * The exports of kernels.wasm, as declared in wasm/include/vs_kernels.h. Pointers are byte
 * offsets into `memory`; every function returns a vs_status (0, or a negative error code).
 */
export interface KernelExports {
  readonly memory: WasmMemory;
  /** Runs the C runtime's constructors; call once before anything else. */
  readonly _initialize?: () => void;
  vs_malloc(bytes: number): number;
  vs_free(ptr: number): void;
  vs_memory_bytes(): number;
  vs_error_detail(i: number): number;
  vs_unary(op: number, dtype: number, x: number, y: number, n: number, alpha: number): number;
  vs_binary(op: number, dtype: number, x: number, y: number, z: number, rank: number, shape: number): number;
  vs_cast(src: number, dst: number, x: number, y: number, n: number): number;
  vs_fill(elemSize: number, y: number, n: number, value: number): number;
  vs_select(elemSize: number, cond: number, t: number, e: number, out: number, n: number, inner: number): number;
  vs_clip(dtype: number, x: number, lo: number, loN: number, hi: number, hiN: number, y: number, n: number): number;
  vs_add_n(dtype: number, ptrs: number, count: number, out: number, n: number): number;
  vs_range(dtype: number, out: number, n: number, start: number, delta: number): number;
  vs_copy_strided(elemSize: number, rank: number, layout: number, src: number, dst: number): number;
  vs_gather(elemSize: number, outer: number, axisDim: number, inner: number, params: number,
    indexDtype: number, indices: number, nIndices: number, out: number): number;
  vs_one_hot(elemSize: number, indexDtype: number, indices: number, outer: number, depth: number,
    inner: number, on: number, off: number, out: number): number;
  vs_reduce(op: number, dtype: number, x: number, y: number, outer: number, r: number, inner: number): number;
  vs_arg_reduce(op: number, dtype: number, x: number, outDtype: number, y: number, outer: number, r: number, inner: number): number;
  vs_l2_loss(dtype: number, x: number, n: number, y: number): number;
  vs_matmul(dtype: number, a: number, b: number, c: number, batch: number, m: number, n: number, k: number,
    transA: number, transB: number, aBatchStride: number, bBatchStride: number, accumulate: number): number;
  vs_bias_add(dtype: number, x: number, bias: number, y: number, outer: number, c: number, inner: number): number;
  vs_bias_add_grad(dtype: number, dy: number, db: number, outer: number, c: number, inner: number): number;
  vs_softmax(op: number, dtype: number, x: number, y: number, rows: number, cols: number): number;
  vs_softmax_xent(dtype: number, features: number, labels: number, loss: number, backprop: number, rows: number, cols: number): number;
  vs_sparse_softmax_xent(dtype: number, features: number, labelDtype: number, labels: number, loss: number,
    backprop: number, rows: number, cols: number): number;
  vs_conv2d(op: number, dtype: number, geom: number, a: number, b: number, out: number): number;
  vs_pool(op: number, dtype: number, geom: number, a: number, b: number, out: number): number;
  vs_apply_update(op: number, dtype: number, ptrs: number, count: number, n: number, flag: number): number;
  vs_random(op: number, dtype: number, out: number, n: number, seedLo: number, seedHi: number, seed2Lo: number,
    seed2Hi: number, offsetLo: number, offsetHi: number, minval: number, maxval: number): number;
}

/** The export names the loader requires (a module missing one is rejected at init). */
export const REQUIRED_EXPORTS = [
  'memory', 'vs_malloc', 'vs_free', 'vs_memory_bytes', 'vs_error_detail', 'vs_unary', 'vs_binary', 'vs_cast',
  'vs_fill', 'vs_select', 'vs_clip', 'vs_add_n', 'vs_range', 'vs_copy_strided', 'vs_gather', 'vs_one_hot',
  'vs_reduce', 'vs_arg_reduce', 'vs_l2_loss', 'vs_matmul', 'vs_bias_add', 'vs_bias_add_grad', 'vs_softmax',
  'vs_softmax_xent', 'vs_sparse_softmax_xent', 'vs_conv2d', 'vs_pool', 'vs_apply_update', 'vs_random',
] as const;
