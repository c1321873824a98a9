import { KernelArgumentError, shapeSize } from '@varscope/kernel-api';
import { dtypeId, opId } from '../module/op-ids.js';
import { copyWhole } from './data-movement.js';
import { FIXED_SIZE, FLOATS, NUMERIC } from './dtype-sets.js';
import { runBinary } from './elementwise.js';
import type { KernelDef, KernelTable } from './kernel-context.js';

/** ref ∘= value in place (the output aliases the ref, so core passes no output). */
const assignArith: KernelDef = {
  dtypes: NUMERIC,
  run(ctx, call) {
    const ref = ctx.input(call, 0), value = ctx.input(call, 1);
    if (shapeSize(ref.shape) !== shapeSize(value.shape)) {
      throw new KernelArgumentError(call.op, `${call.nodeName}: Cannot update variable with shape [${ref.shape.join(',')}] using a Tensor with shape [${value.shape.join(',')}], shapes must be equal.`);
    }
    runBinary(ctx, call, call.op, 0, 1, { ptr: ctx.ptr(call, ref, 'ref'), shape: ref.shape });
  },
};

/** The fused optimizer updates: every input goes to the kernel as a pointer list. */
const applyUpdate = (flagAttr?: string): KernelDef => ({
  dtypes: FLOATS,
  run(ctx, call) {
    const v = ctx.input(call, 0);
    const n = shapeSize(v.shape);
    const ptrs = call.inputs.map((r, i) => ctx.ptr(call, r, `input ${i}`));
    // use_nesterov defaults to false, update_slots to true
    const flag = flagAttr === undefined ? 0
      : flagAttr === 'update_slots' ? (call.attrs[flagAttr] === false ? 0 : 1) : (call.attrs[flagAttr] === true ? 1 : 0);
    const args = ctx.heap.writeArgs(ptrs);
    ctx.check(call, ctx.k.vs_apply_update(opId(call.op), dtypeId(v.dtype), args, ptrs.length, n, flag));
  },
});

export const STATE_KERNELS: KernelTable = {
  Assign: {
    dtypes: FIXED_SIZE,
    run(ctx, call) {
      const ref = ctx.input(call, 0), value = ctx.input(call, 1);
      copyWhole(ctx, call, value, ref);
    },
  },
  AssignAdd: assignArith,
  AssignSub: assignArith,
  ApplyGradientDescent: applyUpdate(),
  ApplyMomentum: applyUpdate('use_nesterov'),
  ApplyAdam: applyUpdate('use_nesterov'),
  ApplyRMSProp: applyUpdate(),
  ApplyCenteredRMSProp: applyUpdate(),
  ApplyAdagrad: applyUpdate('update_slots'),
};
