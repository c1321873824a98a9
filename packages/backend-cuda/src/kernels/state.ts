import type { CudaKernel, KernelCall } from './kernel-call.js';
import { F32, F32_I32, STORED } from './kernel-call.js';

/** Input positions of an Apply* op: variable and slots (refs), hyper-parameters, gradient. */
interface ApplyLayout {
  readonly refs: readonly number[];
  readonly scalars: readonly number[];
  readonly grad: number;
  /** The bool attr that selects the variant (use_nesterov, update_slots). */
  readonly flag?: string;
}

const APPLY: Readonly<Record<string, ApplyLayout>> = {
  ApplyGradientDescent: { refs: [0], scalars: [1], grad: 2 },
  ApplyMomentum: { refs: [0, 1], scalars: [2, 4], grad: 3, flag: 'use_nesterov' },
  ApplyAdam: { refs: [0, 1, 2], scalars: [3, 4, 5, 6, 7, 8], grad: 9, flag: 'use_nesterov' },
  ApplyRMSProp: { refs: [0, 1, 2], scalars: [3, 4, 5, 6], grad: 7 },
  ApplyCenteredRMSProp: { refs: [0, 1, 2, 3], scalars: [4, 5, 6, 7], grad: 8 },
  ApplyAdagrad: { refs: [0, 1], scalars: [2], grad: 3, flag: 'update_slots' },
};

function apply(name: string, layout: ApplyLayout): CudaKernel {
  return {
    dtypes: F32,
    run(k: KernelCall) {
      const code = k.ops.optimizer[name];
      if (code === undefined) throw k.error(`the addon has no optimizer kernel '${name}'`);
      k.ctx.applyOptimizer(code,
        layout.refs.map((i) => k.buf(k.input(i))),
        layout.scalars.map((i) => k.buf(k.input(i))),
        k.buf(k.input(layout.grad)),
        layout.flag === undefined ? false : k.boolAttr(layout.flag));
    },
  };
}

function assignArithmetic(name: 'Add' | 'Sub'): CudaKernel {
  return {
    dtypes: F32_I32,
    run(k) {
      const ref = k.input(0), value = k.input(1);
      k.ctx.binary(k.ops.binary[name] as number, k.buf(ref), ref.shape, k.buf(value), value.shape, k.buf(ref), ref.shape);
    },
  };
}

/** Variable updates in place: Assign*, and the fused optimizer Apply* ops. */
export const STATE_KERNELS: Readonly<Record<string, CudaKernel>> = {
  Assign: { dtypes: STORED, run: (k) => k.ctx.copyBuffer(k.buf(k.input(0)), k.buf(k.input(1))) },
  AssignAdd: assignArithmetic('Add'),
  AssignSub: assignArithmetic('Sub'),
  ...Object.fromEntries(Object.entries(APPLY).map(([name, layout]) => [name, apply(name, layout)])),
};
