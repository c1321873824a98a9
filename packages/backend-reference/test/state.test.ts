import type { DType, HostTensor } from '@varscope/kernel-api';
import { describe, expect, it } from 'vitest';
import { createReferenceBackend } from '../src/index.js';
import { runOp, scalar, tensor, values, vec } from './support/run-op.js';

/** Runs a ref op and returns every input buffer after it (the refs are updated in place). */
function runRefOp(op: string, inputs: HostTensor[], attrs: Record<string, unknown>): (number | bigint)[][] {
  const backend = createReferenceBackend();
  const refs = inputs.map((t) => {
    const ref = { handle: backend.allocate(t.dtype, t.shape), dtype: t.dtype, shape: t.shape };
    backend.upload(ref, t.data);
    return ref;
  });
  backend.doRun({ op, inputs: refs, outputs: [], hostInputs: [], attrs: attrs as never, nodeName: op });
  const out = refs.map((r) => values({ ...r, data: backend.downloadSync(r) }));
  refs.forEach((r) => backend.release(r.handle));
  expect(backend.stats()).toEqual({ liveHandles: 0, bytesInUse: 0 });
  return out;
}

describe('Assign, AssignAdd, AssignSub', () => {
  it('write into the variable buffer in place', () => {
    expect(runRefOp('Assign', [vec('qint8', [1, 2]), vec('qint8', [-3, 4])], { T: 'qint8', validate_shape: true, use_locking: true })[0]).toEqual([-3, 4]);
    expect(runRefOp('Assign', [tensor('complex64', [1], [0, 0]), tensor('complex64', [1], [1, 2])], { T: 'complex64' })[0]).toEqual([1, 2]);
    expect(runRefOp('AssignAdd', [vec('int32', [2147483647, 1]), vec('int32', [1, 1])], { T: 'int32' })[0]).toEqual([-2147483648, 2]);
    expect(runRefOp('AssignSub', [vec('uint64', [0n]), vec('uint64', [1n])], { T: 'uint64' })[0]).toEqual([2n ** 64n - 1n]);
    expect(runRefOp('AssignAdd', [vec('float16', [1]), vec('float16', [2 ** -11])], { T: 'float16' })[0]).toEqual([1]);
  });

  it('refuse a value that does not fit the variable', () => {
    expect(() => runRefOp('Assign', [vec('float32', [1, 2]), vec('float32', [1, 2, 3])], { T: 'float32' })).toThrow(/must reallocate it first/);
    expect(() => runRefOp('AssignAdd', [vec('float32', [1, 2]), vec('float32', [1])], { T: 'float32' })).toThrow(/value has shape \[1\], expected \[2\]/);
  });
});

describe('fused optimizer updates', () => {
  const f64 = (v: number[]) => vec('float64', v);
  const s64 = (v: number) => scalar('float64', v);

  it('ApplyGradientDescent: var -= alpha·delta, in the dtype', () => {
    expect(runRefOp('ApplyGradientDescent', [f64([1, 2]), s64(0.5), f64([2, 4])], { T: 'float64' })[0]).toEqual([0, 0]);
    // float16: alpha 0.1 is 0.0999755859375; 1 − that is 0.9000244…, which rounds to 0.89990234375.
    expect(runRefOp('ApplyGradientDescent', [vec('float16', [1]), scalar('float16', 0.1), vec('float16', [1])], { T: 'float16' })[0]).toEqual([0.89990234375]);
    expect(runRefOp('ApplyGradientDescent', [tensor('complex64', [1], [1, 1]), tensor('complex64', [], [0.5, 0]), tensor('complex64', [1], [2, 2])], { T: 'complex64' })[0]).toEqual([0, 0]);
  });

  it('ApplyMomentum, plain and Nesterov', () => {
    const [v, accum] = runRefOp('ApplyMomentum', [f64([1]), f64([0.5]), s64(0.1), f64([2]), s64(0.9)], { T: 'float64', use_nesterov: false });
    expect(accum).toEqual([0.5 * 0.9 + 2]);
    expect(v).toEqual([1 - (0.5 * 0.9 + 2) * 0.1]);
    const [vn, an] = runRefOp('ApplyMomentum', [f64([1]), f64([0.5]), s64(0.1), f64([2]), s64(0.9)], { T: 'float64', use_nesterov: true });
    expect(an).toEqual([2.45]);
    expect(vn).toEqual([1 - (2 * 0.1 + 2.45 * 0.9 * 0.1)]);
  });

  it('ApplyAdam follows TensorFlow’s expression in float32, one rounding per operation', () => {
    const r = Math.fround;
    const [lr, b1, b2, eps, b1p, b2p] = [0.001, 0.9, 0.999, 1e-8, 0.9 ** 3, 0.999 ** 3].map(r) as number[];
    const v0 = [1, -2];
    const m0 = [0.1, 0.2];
    const s0 = [0.01, 0.02];
    const g = [0.5, -0.25];
    const expected = v0.map((_, i) => {
      const alpha = r(r(lr! * r(Math.sqrt(r(1 - b2p!)))) / r(1 - b1p!));
      const m = r(r(m0[i]!) + r(r(r(g[i]!) - r(m0[i]!)) * r(1 - b1!)));
      const v = r(r(s0[i]!) + r(r(r(r(g[i]!) * r(g[i]!)) - r(s0[i]!)) * r(1 - b2!)));
      const variable = r(r(v0[i]!) - r(r(m * alpha) / r(r(Math.sqrt(v)) + eps!)));
      return [variable, m, v];
    });
    const f32 = (v: number[]) => vec('float32', v);
    const s32 = (v: number) => scalar('float32', v);
    const [variable, m, v] = runRefOp('ApplyAdam', [f32(v0), f32(m0), f32(s0), s32(b1p!), s32(b2p!), s32(lr!), s32(b1!), s32(b2!), s32(eps!), f32(g)], { T: 'float32', use_nesterov: false });
    expect(variable).toEqual(expected.map((e) => e[0]));
    expect(m).toEqual(expected.map((e) => e[1]));
    expect(v).toEqual(expected.map((e) => e[2]));
  });

  it('ApplyAdam with Nesterov', () => {
    const [lr, b1, b2, eps, b1p, b2p, g] = [0.01, 0.9, 0.999, 1e-7, 0.9, 0.999, 0.3];
    const alpha = lr * Math.sqrt(1 - b2p) / (1 - b1p);
    const m = 0 + (g - 0) * (1 - b1);
    const v = 0 + (g * g - 0) * (1 - b2);
    const expected = 1 - ((g * (1 - b1) + b1 * m) * alpha) / (Math.sqrt(v) + eps);
    const out = runRefOp('ApplyAdam', [f64([1]), f64([0]), f64([0]), s64(b1p), s64(b2p), s64(lr), s64(b1), s64(b2), s64(eps), f64([g])], { T: 'float64', use_nesterov: true });
    expect(out[0]).toEqual([expected]);
    expect(out[1]).toEqual([m]);
  });

  it('ApplyRMSProp and ApplyCenteredRMSProp', () => {
    const [lr, rho, mom, eps, g] = [0.01, 0.9, 0.5, 1e-10, 2];
    const ms = 1 + (g * g - 1) * (1 - rho);
    const m = 0.2 * mom + (g * lr) / Math.sqrt(ms + eps);
    const out = runRefOp('ApplyRMSProp', [f64([3]), f64([1]), f64([0.2]), s64(lr), s64(rho), s64(mom), s64(eps), f64([g])], { T: 'float64' });
    expect(out.slice(0, 3)).toEqual([[3 - m], [ms], [m]]);
    const mg = 0.5 + (g - 0.5) * (1 - rho);
    const mc = 0.2 * mom + (g * lr) / Math.sqrt((ms - mg * mg) + eps);
    const outC = runRefOp('ApplyCenteredRMSProp', [f64([3]), f64([0.5]), f64([1]), f64([0.2]), s64(lr), s64(rho), s64(mom), s64(eps), f64([g])], { T: 'float64' });
    expect(outC.slice(0, 4)).toEqual([[3 - mc], [mg], [ms], [mc]]);
  });

  it('ApplyAdagrad with and without slot updates', () => {
    const out = runRefOp('ApplyAdagrad', [f64([1]), f64([0.1]), s64(0.5), f64([2])], { T: 'float64', update_slots: true });
    expect(out[1]).toEqual([0.1 + 4]);
    expect(out[0]).toEqual([1 - 2 * 0.5 * (1 / Math.sqrt(4.1))]);
    const frozen = runRefOp('ApplyAdagrad', [f64([1]), f64([4]), s64(0.5), f64([2])], { T: 'float64', update_slots: false });
    expect(frozen.slice(0, 2)).toEqual([[1 - 2 * 0.5 * 0.5], [4]]);
  });

  it('rejects a non-scalar hyper-parameter or a mis-shaped slot', () => {
    expect(() => runRefOp('ApplyGradientDescent', [f64([1, 2]), f64([0.5, 0.5]), f64([2, 4])], { T: 'float64' })).toThrow(/alpha is not a scalar/);
    expect(() => runRefOp('ApplyMomentum', [f64([1, 2]), f64([0.5]), s64(0.1), f64([2, 2]), s64(0.9)], { T: 'float64' })).toThrow(/accum has shape \[1\], expected \[2\]/);
  });
});

describe('leaks', () => {
  it('returns stats to zero after a sequence of ops', () => {
    const backend = createReferenceBackend();
    for (const dtype of ['float32', 'int64', 'complex128', 'bfloat16'] as DType[]) {
      const x = tensor(dtype, [2], dtype === 'complex128' ? [1, 2, 3, 4] : dtype === 'int64' ? [1n, 2n] : [1, 2]);
      runOp('Add', [x, x], [{ dtype, shape: [2] }], { T: dtype }, { backend });
      runOp('Sum', [x, vec('int32', [0])], [{ dtype, shape: [] }], { T: dtype }, { backend });
    }
    expect(backend.stats()).toEqual({ liveHandles: 0, bytesInUse: 0 });
  });
});
