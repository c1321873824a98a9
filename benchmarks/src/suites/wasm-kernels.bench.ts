// @varscope/backend-wasm against @tensorflow/tfjs-backend-wasm (XNNPACK, SIMD, one thread: what
// Node users get by default) and @tensorflow/tfjs-backend-cpu, in one run, plus the machine's
// WebAssembly memory.copy bandwidth as the ceiling for elementwise ops. Ratios are computed
// only between figures of this run. Our backend runs single-threaded (it has no threads yet).
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { createWasmBackend } from '@varscope/backend-wasm';
import type { DType, KernelBackend, KernelInvocation, TensorRef } from '@varscope/kernel-api';
import type { BenchResult, BenchSuite } from '../suite.js';
import { medianTime } from '../suite.js';

const OURS = 'varscope-wasm';

function filled(backend: KernelBackend, shape: number[], dtype: DType = 'float32'): TensorRef {
  const ref = { handle: backend.allocate(dtype, shape), dtype, shape };
  const n = shape.reduce((a, b) => a * b, 1);
  backend.upload(ref, Float32Array.from({ length: n }, (_v, i) => ((i * 7919) % 1013) / 1013 - 0.5));
  return ref;
}

const data = (shape: number[]): Float32Array =>
  Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, (_v, i) => ((i * 7919) % 1013) / 1013 - 0.5);

/** A WebAssembly module of one function, `copy(dst, src, n)`: memory.copy on an imported memory. */
function memoryCopyModule(pages: number): { copy: (dst: number, src: number, n: number) => void } {
  const bytes = new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    0x01, 0x07, 0x01, 0x60, 0x03, 0x7f, 0x7f, 0x7f, 0x00, // type: (i32, i32, i32) -> ()
    0x02, 0x0c, 0x01, 0x03, 0x65, 0x6e, 0x76, 0x03, 0x6d, 0x65, 0x6d, 0x02, 0x00, 0x01, // import env.mem
    0x03, 0x02, 0x01, 0x00, // one function of type 0
    0x07, 0x08, 0x01, 0x04, 0x63, 0x6f, 0x70, 0x79, 0x00, 0x00, // export "copy"
    0x0a, 0x0e, 0x01, 0x0c, 0x00, 0x20, 0x00, 0x20, 0x01, 0x20, 0x02, 0xfc, 0x0a, 0x00, 0x00, 0x0b, // memory.copy
  ]);
  const wasmApi = (globalThis as unknown as { WebAssembly: {
    Memory: new (d: { initial: number }) => object;
    Instance: new (m: object, i: object) => { exports: { copy: (d: number, s: number, n: number) => void } };
    Module: new (b: Uint8Array) => object;
  } }).WebAssembly;
  const mem = new wasmApi.Memory({ initial: pages });
  return new wasmApi.Instance(new wasmApi.Module(bytes), { env: { mem } }).exports;
}

interface Runner {
  name: string;
  time(runs: number): Promise<number>;
  dispose(): void;
}

// Warm-up before timing, for every runner alike. V8 runs a wasm function in its baseline tier
// until it is hot and its optimised code, compiled in the background, is ready; measured here,
// that takes up to about 0.7 s of calls to a kernel's first float32 path, so a fixed couple of
// warm-up calls would time the baseline tier of short kernels and of whichever case happens to
// run first. Steady state is what this suite measures: at least two calls, then calls for 1 s.
async function warmUp(fn: () => unknown, quick: boolean): Promise<void> {
  const start = performance.now();
  for (let i = 0; i < 2 || (!quick && performance.now() - start < 1000); i++) await fn();
}

const suite: BenchSuite = {
  name: 'wasm-kernels',
  async run({ quick }) {
    const results: BenchResult[] = [];
    const ours = createWasmBackend();
    await ours.init();
    const wasmDist = dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm'));
    setWasmPaths(`${wasmDist}/`);
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    await tf.setBackend('wasm');
    await tf.ready();
    const runs = quick ? 1 : 15;

    const oursRunner = (call: Omit<KernelInvocation, 'nodeName' | 'hostInputs'> & { hostInputs?: KernelInvocation['hostInputs'] },
      refs: TensorRef[]): Runner => {
      const full: KernelInvocation = { hostInputs: [], nodeName: 'bench', ...call };
      return {
        name: OURS,
        async time(n) {
          const fn = (): void => ours.doRun(full);
          await warmUp(fn, quick);
          return medianTime(fn, n, 0);
        },
        dispose: () => { for (const r of refs) ours.release(r.handle); },
      };
    };
    const tfRunner = (backend: 'wasm' | 'cpu', make: () => tf.Tensor[], op: (inputs: tf.Tensor[]) => tf.Tensor): Runner => {
      let inputs: tf.Tensor[] = [];
      return {
        name: `tfjs-${backend}`,
        async time(n) {
          await tf.setBackend(backend);
          inputs = make();
          const fn = (): void => { op(inputs).dispose(); };
          await warmUp(fn, quick);
          return medianTime(fn, n, 0);
        },
        dispose: () => { for (const t of inputs) t.dispose(); },
      };
    };

    /** Times every runner of one case and records value (work / time) and ratios to tfjs-wasm. */
    const measure = async (group: string, label: string, unit: 'GFLOP/s' | 'GB/s' | 'µs/op', work: number,
      runners: Runner[], n = runs): Promise<void> => {
      const rows: BenchResult[] = [];
      for (const r of runners) {
        const ms = await r.time(n);
        r.dispose();
        const value = unit === 'µs/op' ? ms * 1000 / work : work / ms / 1e6;
        rows.push({ group, case: label, runner: r.name, medianMs: ms, value, unit });
      }
      const peer = rows.find((r) => r.runner === 'tfjs-wasm');
      for (const row of rows) {
        if (peer === undefined || row === peer || row.value === undefined || peer.value === undefined) { results.push(row); continue; }
        const ratio = unit === 'µs/op' ? peer.value / row.value : row.value / peer.value;
        results.push({ ...row, notes: `${ratio.toFixed(2)}x tfjs-wasm` });
      }
    };

    // memory.copy ceiling for bandwidth-bound ops
    const copyBandwidth = new Map<number, number>();
    for (const n of quick ? [1 << 16] : [1 << 20, 1 << 24]) {
      const bytes = n * 4;
      const { copy } = memoryCopyModule(Math.ceil((2 * bytes) / 65536) + 1);
      const ms = await medianTime(() => copy(bytes, 0, bytes), runs, 2);
      copyBandwidth.set(n, (2 * bytes) / ms / 1e6);
      results.push({ group: 'bandwidth', case: `memory.copy ${n / (1 << 20)}M f32`, runner: 'wasm', medianMs: ms, value: (2 * bytes) / ms / 1e6, unit: 'GB/s' });
    }

    // matmul
    for (const n of quick ? [64] : [256, 512, 1024, 2048]) {
      const a = filled(ours, [n, n]), b = filled(ours, [n, n]), c = ours.allocate('float32', [n, n]);
      const runners = [
        oursRunner({ op: 'MatMul', inputs: [a, b], outputs: [{ ...a, handle: c }], attrs: { T: 'float32', transpose_a: false, transpose_b: false } }, [a, b, { ...a, handle: c }]),
        tfRunner('wasm', () => [tf.tensor2d(data([n, n]), [n, n]), tf.tensor2d(data([n, n]), [n, n])], ([x, y]) => tf.matMul(x as tf.Tensor2D, y as tf.Tensor2D)),
      ];
      if (n <= 512) runners.push(tfRunner('cpu', () => [tf.tensor2d(data([n, n]), [n, n]), tf.tensor2d(data([n, n]), [n, n])], ([x, y]) => tf.matMul(x as tf.Tensor2D, y as tf.Tensor2D)));
      await measure('matmul', `n=${n}`, 'GFLOP/s', 2 * n ** 3, runners, n >= 1024 ? Math.min(runs, 5) : runs);
    }
    {
      const [bt, m] = quick ? [4, 32] : [32, 128];
      const shape = [bt, m, m];
      const a = filled(ours, shape), b = filled(ours, shape), c = ours.allocate('float32', shape);
      await measure('batched-matmul', `[${shape}]`, 'GFLOP/s', 2 * bt * m ** 3, [
        oursRunner({ op: 'BatchMatMulV2', inputs: [a, b], outputs: [{ ...a, handle: c }], attrs: { T: 'float32', adj_x: false, adj_y: false } }, [a, b, { ...a, handle: c }]),
        tfRunner('wasm', () => [tf.tensor3d(data(shape), shape as [number, number, number]), tf.tensor3d(data(shape), shape as [number, number, number])], ([x, y]) => tf.matMul(x as tf.Tensor3D, y as tf.Tensor3D)),
      ]);
    }

    // conv2d
    const convs: [number[], number[]][] = quick ? [[[1, 8, 8, 4], [3, 3, 4, 4]]] : [[[1, 56, 56, 64], [3, 3, 64, 64]], [[32, 28, 28, 32], [5, 5, 32, 64]]];
    for (const [xs, ws] of convs) {
      const out = [xs[0]!, xs[1]!, xs[2]!, ws[3]!];
      const flops = 2 * out.reduce((p, q) => p * q, 1) * ws[0]! * ws[1]! * ws[2]!;
      const x = filled(ours, xs), w = filled(ours, ws), y = ours.allocate('float32', out);
      await measure('conv2d', `[${xs}]x[${ws}] SAME`, 'GFLOP/s', flops, [
        oursRunner({ op: 'Conv2D', inputs: [x, w], outputs: [{ ...x, shape: out, handle: y }], attrs: { T: 'float32', strides: [1, 1, 1, 1], padding: 'SAME', data_format: 'NHWC', dilations: [1, 1, 1, 1] } }, [x, w, { ...x, shape: out, handle: y }]),
        tfRunner('wasm', () => [tf.tensor4d(data(xs), xs as [number, number, number, number]), tf.tensor4d(data(ws), ws as [number, number, number, number])], ([a, b]) => tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, 1, 'same')),
      ], Math.min(runs, 7));
    }

    // elementwise, bytes moved = reads + writes
    for (const n of quick ? [1 << 16] : [1 << 20, 1 << 24]) {
      const label = `${n / (1 << 20)}M f32`;
      for (const [op, tfop, arity] of [['Add', tf.add, 2], ['Mul', tf.mul, 2], ['Relu', tf.relu, 1], ['Sigmoid', tf.sigmoid, 1], ['Tanh', tf.tanh, 1]] as const) {
        if (n > 1 << 20 && (op === 'Sigmoid' || op === 'Tanh')) continue;
        const ins = Array.from({ length: arity }, () => filled(ours, [n]));
        const out = ours.allocate('float32', [n]);
        const bytes = (arity + 1) * 4 * n;
        await measure('elementwise', `${op} ${label}`, 'GB/s', bytes, [
          oursRunner({ op, inputs: ins, outputs: [{ ...ins[0]!, handle: out }], attrs: { T: 'float32' } }, [...ins, { ...ins[0]!, handle: out }]),
          tfRunner('wasm', () => Array.from({ length: arity }, () => tf.tensor1d(data([n]))), (xs) => (tfop as (...a: tf.Tensor[]) => tf.Tensor)(...xs)),
        ]);
        const copy = copyBandwidth.get(n);
        const mine = results[results.length - 2];
        if (copy !== undefined && mine?.value !== undefined) {
          results[results.length - 2] = { ...mine, notes: `${mine.notes ?? ''}, ${(100 * mine.value / copy).toFixed(0)}% of memory.copy` };
        }
      }
    }

    // reductions and softmax
    {
      const n = quick ? 1 << 16 : 1 << 24;
      for (const [op, tfop] of [['Sum', tf.sum], ['Mean', tf.mean]] as const) {
        const x = filled(ours, [n]), y = ours.allocate('float32', []);
        await measure('reduce', `${op} ${n / (1 << 20)}M f32`, 'GB/s', 4 * n, [
          oursRunner({ op, inputs: [x, filled(ours, [1], 'int32')], outputs: [{ ...x, shape: [], handle: y }], attrs: { T: 'float32', keep_dims: false }, hostInputs: [undefined, { dtype: 'int32', shape: [1], data: new Int32Array([0]) }] }, [x, { ...x, shape: [], handle: y }]),
          tfRunner('wasm', () => [tf.tensor1d(data([n]))], ([v]) => tfop(v as tf.Tensor)),
        ]);
      }
      const shape = quick ? [64, 100] : [1024, 1000];
      const x = filled(ours, shape), y = ours.allocate('float32', shape);
      await measure('softmax', `[${shape}]`, 'GB/s', 8 * shape[0]! * shape[1]!, [
        oursRunner({ op: 'Softmax', inputs: [x], outputs: [{ ...x, handle: y }], attrs: { T: 'float32' } }, [x, { ...x, handle: y }]),
        tfRunner('wasm', () => [tf.tensor2d(data(shape), shape as [number, number])], ([v]) => tf.softmax(v as tf.Tensor2D)),
      ]);
    }

    // per-op dispatch cost: three tiny ops in a row, many times
    {
      const reps = quick ? 1000 : 100_000;
      const a = filled(ours, [4]), b = filled(ours, [4]), c = ours.allocate('float32', [4]);
      const cr = { ...a, handle: c };
      const calls: KernelInvocation[] = [
        { op: 'Add', inputs: [a, b], outputs: [cr], hostInputs: [], attrs: { T: 'float32' }, nodeName: 'add' },
        { op: 'Mul', inputs: [cr, b], outputs: [cr], hostInputs: [], attrs: { T: 'float32' }, nodeName: 'mul' },
        { op: 'Relu', inputs: [cr], outputs: [cr], hostInputs: [], attrs: { T: 'float32' }, nodeName: 'relu' },
      ];
      await measure('overhead', '3 tiny ops (backend dispatch)', 'µs/op', 3 * reps, [
        { name: OURS, time: (n) => medianTime(() => { for (let i = 0; i < reps; i++) for (const call of calls) ours.doRun(call); }, n, 1), dispose: () => { for (const r of [a, b, cr]) ours.release(r.handle); } },
        tfRunner('wasm', () => [tf.tensor1d([1, 2, 3, 4]), tf.tensor1d([1, 2, 3, 4])], ([x, y]) => {
          for (let i = 0; i < reps - 1; i++) tf.tidy(() => tf.relu(tf.mul(tf.add(x!, y!), y!)));
          return tf.tidy(() => tf.relu(tf.mul(tf.add(x!, y!), y!)));
        }),
      ], quick ? 1 : 3);
    }

    ours.dispose();
    return results;
  },
};

export default suite;
