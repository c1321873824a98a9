// Throws garbage at every binding of the addon. Runs on a dry-run context (host memory,
// kernels validated but not launched), so it needs the addon but no GPU: every argument must
// be rejected with a TypeError or RangeError naming it, and nothing may crash the process.
import { DTYPES, TRUNCATED_NORMAL_MAX_ROUNDS } from '@varscope/kernel-api';
import { describe, expect, it } from 'vitest';
import type { CudaAddon, NativeBuffer, NativeContext } from '../src/index.js';
import { findAddon } from './addon-harness.js';

const { addon, reason } = findAddon();
const F32 = 1, I32 = 3, I64 = 9, BOOL = 10;

/** Valid arguments for every binding, built fresh per call (release consumes its buffer). */
function validCalls(ctx: NativeContext): Record<string, () => unknown[]> {
  const f = (shape: number[]) => ctx.allocate(F32, shape);
  const i = (shape: number[]) => ctx.allocate(I32, shape);
  return {
    allocate: () => [F32, [2, 3]],
    release: () => [f([2])],
    upload: () => [f([2, 3]), new Float32Array(6)],
    download: () => [f([2, 3])],
    sync: () => [],
    copyBuffer: () => [f([2, 3]), f([6])],
    fillZero: () => [f([4])],
    emptyCache: () => [],
    unary: () => [0, f([6]), f([6]), 0.5],
    binary: () => [0, f([2, 3]), [2, 3], f([3]), [3], f([2, 3]), [2, 3]],
    ternary: () => [0, ctx.allocate(BOOL, [2, 3]), [2, 3], f([2, 3]), [2, 3], f([1]), [], f([2, 3]), [2, 3]],
    cast: () => [f([6]), i([6])],
    stridedCopy: () => [f([6]), 0, [2, 1], f([6]), 0, [1, 3], [3, 2]],  // a transpose
    stridedSlice: () => [f([4, 5]), [4, 5], [3, 1], [-2, 2], f([2, 2]), [2, 2]],  // x[3::-2, 1::2]
    gather: () => [f([2, 3]), i([2]), f([2, 3]), 1, 1, 2, 3],
    oneHot: () => [i([2]), f([1]), f([1]), f([2, 3]), 2, 3, 1],
    matMul: () => [f([2, 3]), [2, 3], f([3, 4]), [3, 4], f([2, 4]), [2, 4], false, false, false],
    conv2d: () => [0, f([1, 3, 3, 1]), [1, 3, 3, 1], f([2, 2, 1, 2]), [2, 2, 1, 2], f([1, 2, 2, 2]), [1, 2, 2, 2],
      [1, 1], [1, 1], [0, 0], false],
    pool: () => [true, f([1, 3, 3, 1]), [1, 3, 3, 1], f([1, 2, 2, 1]), [1, 2, 2, 1], [2, 2], [1, 1], [0, 0], false],
    poolGrad: () => [true, f([1, 3, 3, 1]), f([1, 2, 2, 1]), f([1, 3, 3, 1]), [1, 3, 3, 1], [1, 2, 2, 1], [2, 2], [1, 1],
      [0, 0], false],
    reduce: () => [0, f([2, 3]), [2, 3], [1], f([2])],
    argReduce: () => [true, f([2, 3]), [2, 3], 1, ctx.allocate(I64, [2])],
    softmax: () => [false, f([2, 3]), [2, 3], f([2, 3])],
    softmaxCrossEntropy: () => [f([2, 3]), f([2, 3]), f([2]), f([2, 3]), 2, 3],
    sparseSoftmaxCrossEntropy: () => [f([2, 3]), i([2]), f([2]), f([2, 3]), 2, 3],
    random: () => [3, i([5]), -7, 2 ** 40, 12, i([1]), i([1])],
    applyOptimizer: () => [2, [f([4]), f([4]), f([4])], [f([1]), f([1]), f([1]), f([1]), f([1]), f([1])], f([4]), true],
  };
}

function garbage(a: CudaAddon, ctx: NativeContext, other: NativeContext): unknown[] {
  const released = ctx.allocate(F32, [6]);
  ctx.release(released);
  return [
    undefined, null, true, 'float32', '', 1.5, -1, NaN, Infinity, -0.5, 2 ** 53, 2 ** 64, Number.MAX_VALUE,
    10n, Symbol('s'), () => 0, {}, [], [NaN], [-1, 2], [1.5], ['1'], [2 ** 60, 2 ** 60], new Array(40).fill(1),
    new Float64Array(6), new Int32Array(6), new Uint8Array(6), new ArrayBuffer(24), new Float32Array(7),
    released, other.allocate(F32, [6]), ctx.allocate(BOOL, [6]), ctx.allocate(I64, [0]),
    Object.create(a.DeviceBuffer.prototype), { byteLength: 24, dtype: 'float32' }, new Proxy({}, {}),
    new Proxy([1, 2], { get: () => { throw new RangeError('trap'); } }),
    new Float32Array(new SharedArrayBuffer(24)), new Float32Array(new ArrayBuffer(32), 8, 6),
  ];
}

function safeLabel(v: unknown): string {
  try {
    return typeof v === 'symbol' ? 'a symbol' : String(v);
  } catch {
    return 'an object that throws on conversion';
  }
}

function callNative(ctx: NativeContext, method: string, args: unknown[]): unknown {
  return (ctx as unknown as Record<string, (...a: unknown[]) => unknown>)[method]!.apply(ctx, args);
}

describe.skipIf(addon === undefined)(`CUDA addon argument validation${addon === undefined ? ` (skipped: ${reason})` : ''}`, () => {
  const a = addon!;

  it('exposes its ABI: Node-API 8, op tables, and kernel-api\'s truncated-normal rounds', () => {
    expect(a.napiVersion).toBe(8);
    expect(a.maxRank).toBe(8);
    expect(a.truncatedNormalRounds).toBe(TRUNCATED_NORMAL_MAX_ROUNDS);
    expect(a.ops.binary.Add).toBe(0);
    expect(Object.isFrozen(a.ops.unary)).toBe(true);
    // The addon's dtype codes are TensorFlow's DataType numbers, as in kernel-api's table.
    const ctx = new a.Context({ dryRun: true });
    for (const d of ['float32', 'int32', 'int64', 'bool'] as const) {
      const buf = ctx.allocate(DTYPES[d].enum, [3]);
      expect(buf.dtype).toBe(d);
      expect(buf.byteLength).toBe(3 * DTYPES[d].byteSize);
    }
    ctx.dispose();
  });

  it('accepts the valid call of every binding (dry run)', async () => {
    const ctx = new a.Context({ dryRun: true });
    for (const [method, args] of Object.entries(validCalls(ctx))) {
      const result = callNative(ctx, method, args());
      if (result instanceof Promise) await result;
    }
    ctx.dispose();
  });

  it('rejects garbage in every argument of every binding with a TypeError or RangeError', async () => {
    const ctx = new a.Context({ dryRun: true });
    const other = new a.Context({ dryRun: true });
    const junk = garbage(a, ctx, other);
    let rejected = 0;
    for (const [method, make] of Object.entries(validCalls(ctx))) {
      const arity = make().length;
      for (let position = 0; position < arity; position++) {
        for (const g of junk) {
          const args = make();
          args[position] = g;
          let result: unknown;
          try {
            result = callNative(ctx, method, args);
          } catch (e) {
            // Garbage is refused with a typed error that names the method and the argument; an
            // exception thrown by the garbage itself (a Proxy trap) propagates unchanged.
            const label = `${method} arg ${position} ← ${safeLabel(g)}`;
            expect(e, label).toSatisfy((err: unknown) => err instanceof TypeError || err instanceof RangeError);
            if ((e as Error).message !== 'trap') expect((e as Error).message.startsWith(`${method}: `), label).toBe(true);
            rejected++;
            continue;
          }
          if (result instanceof Promise) await result;  // some garbage is acceptable (e.g. -1 as a seed)
        }
        // Too few arguments: the missing one is named.
        const short = make().slice(0, position);
        expect(() => callNative(ctx, method, short), `${method} with ${position} args`).toThrow(/is missing/);
      }
    }
    expect(rejected).toBeGreaterThan(1000);
    ctx.dispose();
    other.dispose();
  });

  it('explains each kind of invalid argument', () => {
    const ctx = new a.Context({ dryRun: true });
    const other = new a.Context({ dryRun: true });
    const f = (shape: number[]) => ctx.allocate(F32, shape);
    const x = f([2, 3]);
    expect(() => ctx.allocate(2, [1])).toThrow(/allocate: argument 0 'dtype' DataType 2 is not supported/);
    expect(() => ctx.allocate(F32, [2 ** 30, 2 ** 30, 2 ** 30])).toThrow(/has more than 2\^53 elements/);
    expect(() => ctx.allocate(F32, new Array(9).fill(1))).toThrow(/must have 0 to 8 elements, got 9/);
    expect(() => ctx.upload(x, new Int32Array(6))).toThrow(/must be a Float32Array for a float32 buffer, got Int32Array/);
    expect(() => ctx.upload(x, new Float32Array(5))).toThrow(/has 5 elements; the buffer holds 6/);
    expect(() => ctx.upload(x, new Float32Array(new SharedArrayBuffer(24)))).not.toThrow();
    expect(() => new a.Context({ get dryRun(): boolean { throw new Error('getter'); } })).toThrow(/getter/);
    expect(() => ctx.unary(0, x, other.allocate(F32, [6]), 0)).toThrow(/'y' belongs to another context/);
    expect(() => ctx.binary(0, x, [2, 3], f([2]), [2], f([2, 3]), [2, 3])).toThrow(/Incompatible shapes: 'y' \[2\] does not broadcast to \[2,3\]/);
    expect(() => ctx.binary(0, x, [3, 2], x, [2, 3], f([6]), [2, 3])).toThrow(/Incompatible shapes/);
    expect(() => ctx.binary(0, x, [2, 3], x, [2, 3], ctx.allocate(BOOL, [6]), [2, 3])).toThrow(/'z' must hold float32, got bool/);
    expect(() => ctx.stridedCopy(f([6]), 0, [3, 1], x, 1, [3, 1], [2, 3])).toThrow(/'inStrides' reach outside 'in' \(6 elements\)/);
    expect(() => ctx.stridedCopy(f([6]), 0, [3, 1], x, 5, [-3, -1], [2, 3])).not.toThrow();
    expect(() => ctx.stridedCopy(f([6]), 0, [3, 1], x, 4, [-3, -1], [2, 3])).toThrow(/reach outside 'in'/);
    const x45 = f([4, 5]);
    expect(() => ctx.stridedSlice(x45, [4, 5], [3, 1], [-2, 2], f([2, 2]), [2, 2])).not.toThrow();
    expect(() => ctx.stridedSlice(x45, [4, 5], [3, 1], [-2, 2], f([6]), [3, 2]))
      .toThrow(/'sizes' \[0\] = 3 steps of -2 from 3 leave dimension 0 of size 4/);
    expect(() => ctx.stridedSlice(x45, [4, 5], [4, 1], [1, 2], f([2]), [1, 2])).toThrow(/'begin' \[0\] = 4 is outside dimension 0 of size 4/);
    expect(() => ctx.stridedSlice(x45, [4, 5], [0, 0], [1, 0], f([4]), [2, 2])).toThrow(/'strides' \[1\] must be non-zero/);
    expect(() => ctx.stridedSlice(x45, [4, 5], [0, 0], [1, 1], f([4]), [2, 2, 1])).toThrow(/'sizes' must have one entry per input dimension \(2\), got 3/);
    expect(() => ctx.stridedSlice(x45, [4, 5], [0], [1, 1], f([4]), [2, 2])).toThrow(/'begin' must have 2 elements, got 1/);
    expect(() => ctx.stridedSlice(x45, [5, 5], [0, 0], [1, 1], f([4]), [2, 2])).toThrow(/'x' holds 20 elements but the shape given needs 25/);
    expect(() => ctx.stridedSlice(x45, [4, 5], [0, 0], [1, 1], f([5]), [2, 2])).toThrow(/'y' holds 5 elements but the shape given needs 4/);
    expect(() => ctx.stridedSlice(x45, [4, 5], [9, 0], [1, 1], f([0]), [0, 2])).not.toThrow();  // empty: nothing is read
    expect(() => ctx.matMul(ctx.allocate(I32, [6]), [2, 3], f([12]), [3, 4], f([8]), [2, 4], false, false, false))
      .toThrow(/'b' must hold int32, got float32/);
    expect(() => ctx.matMul(ctx.allocate(I32, [6]), [2, 3], ctx.allocate(I32, [12]), [3, 4], ctx.allocate(I32, [8]), [2, 4], false, false, true))
      .toThrow(/'tf32' applies to float32 only/);
    expect(() => ctx.matMul(ctx.allocate(BOOL, [6]), [2, 3], f([12]), [3, 4], f([8]), [2, 4], false, false, false))
      .toThrow(/'a' must hold float32 or int32, got bool/);
    expect(() => ctx.matMul(x, [2, 3], f([2, 4]), [2, 4], f([2, 4]), [2, 4], false, false, false))
      .toThrow(/Matrix size-incompatible: In\[0\]: \[2,3\], In\[1\]: \[2,4\]/);
    expect(() => ctx.matMul(x, [2, 3], f([3, 4]), [3, 4], f([8]), [4, 2], false, false, false)).toThrow(/must end in \[2,4\]/);
    expect(() => ctx.matMul(f([12]), [2, 2, 3], f([36]), [3, 3, 4], f([24]), [3, 2, 4], false, false, false))
      .toThrow(/Incompatible shapes/);
    expect(() => ctx.conv2d(0, f([9]), [1, 3, 3, 1], f([8]), [2, 2, 2, 1], f([4]), [1, 2, 2, 1], [1, 1], [1, 1], [0, 0], false))
      .toThrow(/input depth must equal filter depth: 1 vs 2/);
    expect(() => ctx.conv2d(0, f([9]), [1, 3, 3, 1], f([4]), [2, 2, 1, 1], f([4]), [1, 2, 2, 1], [0, 1], [1, 1], [0, 0], false))
      .toThrow(/'strides\[0\]' must be in \[1, 1073741824\], got 0/);
    expect(() => ctx.reduce(0, x, [2, 3], [1, 1], f([2]))).toThrow(/lists dimension 1 twice/);
    expect(() => ctx.reduce(0, x, [2, 3], [2], f([2]))).toThrow(/Invalid reduction dimension 2 for input with 2 dimensions/);
    expect(() => ctx.argReduce(true, f([0]), [2, 0], 1, ctx.allocate(I32, [2]))).toThrow(/Reduction axis 1 is empty in shape \[2,0\]/);
    expect(() => ctx.random(0, x, 2 ** 53, 0, 0)).toThrow(/'seed' must be in/);
    expect(() => ctx.random(0, x, 1, 1, -1)).toThrow(/'offset' must be in \[0,/);
    expect(() => ctx.random(3, x, 1, 1, 0)).toThrow(/'out' must hold int32, got float32/);
    expect(() => ctx.applyOptimizer(0, [x, x], [f([1])], x, false)).toThrow(/'refs' must hold 1 buffers/);
    expect(() => ctx.applyOptimizer(0, [x], [x], x, false)).toThrow(/'scalars\[0\]' holds 6 elements but the shape given needs 1/);
    expect(() => ctx.unary(99, x, x, 0)).toThrow(/'op' must be in \[0, 23\], got 99/);
    expect(() => ctx.poolGrad(false, x, x, x, [1, 2, 3, 1], [1, 2, 3, 1], [1, 1], [1, 1], [0, 0], false))
      .toThrow(/must be null for average pooling/);
    expect(() => new a.Context({ device: -1 })).toThrow(RangeError);
    expect(() => new a.Context({ dryRun: 'yes' } as never)).toThrow(/'dryRun' must be a boolean/);
    expect(() => new (a.DeviceBuffer as unknown as new () => NativeBuffer)()).toThrow(/buffers are created by Context.allocate/);
    // Methods and accessors called on foreign receivers throw instead of dereferencing them.
    const proto = a.Context.prototype as unknown as Record<string, (...args: unknown[]) => unknown>;
    expect(() => proto.allocate!.call({}, F32, [1])).toThrow(TypeError);
    expect(() => proto.stats!.call(Object.create(a.Context.prototype))).toThrow(TypeError);
    const byteLength = Object.getOwnPropertyDescriptor(a.DeviceBuffer.prototype, 'byteLength')!.get!;
    expect(() => byteLength.call({})).toThrow();
    expect(() => (a.Context as unknown as () => unknown)()).toThrow(TypeError);
    ctx.dispose();
    other.dispose();
  });
});
