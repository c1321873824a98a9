import type { DType, HostTensor } from '@varscope/kernel-api';
import { InternalError, InvalidArgumentError, OutOfRangeError } from '../../errors.js';
import type { HostKernel, HostKernelContext } from './host-kernel.js';
import { copyData, debugShape, hostTensor, scalar } from './host-tensor.js';

function variableOf(ctx: HostKernelContext, index: number) {
  const entry = ctx.inputs[index]?.variable;
  if (entry === undefined) {
    throw new InvalidArgumentError(`${ctx.op.type} requires a variable reference as input ${index}, but node ${ctx.nodeName} got a plain value (was the variable fed?)`, ctx.nodeName);
  }
  return entry;
}

/** `VariableV2`: a reference to the (container, shared_name) entry of the session's store. */
export const variableV2Kernel: HostKernel = {
  op: 'VariableV2', dtypes: 'any',
  run: (ctx) => {
    const container = (ctx.attrs.container as string | undefined) ?? '';
    const sharedName = (ctx.attrs.shared_name as string | undefined) || ctx.nodeName;
    return [{ variable: ctx.resources.lookupOrCreate(container, sharedName, ctx.attrs.dtype as DType, ctx.nodeName) }];
  },
};

export const isVariableInitializedKernel: HostKernel = {
  op: 'IsVariableInitialized', dtypes: 'any', readsInput: () => false, acceptsUninitialized: () => true,
  run: (ctx) => [scalar('bool', variableOf(ctx, 0).initialized)],
};

/** `CountUpTo`: outputs the value, then increments it, until `limit` (OutOfRange "Reached limit of N"). */
export const countUpToKernel: HostKernel = {
  op: 'CountUpTo', dtypes: 'any',
  run: (ctx) => {
    const entry = variableOf(ctx, 0);
    const current = ctx.input(0);
    if (current.shape.length !== 0) {
      throw new InvalidArgumentError(`input is not a scalar: ${debugShape(current.shape)}`, ctx.nodeName);
    }
    const limit = Number(ctx.attrs.limit);
    const before = Number((current.data as Int32Array | BigInt64Array)[0]);
    if (before >= limit) throw new OutOfRangeError(`Reached limit of ${limit}\n\t [[{{node ${ctx.nodeName}}}]]`, ctx.nodeName);
    const next = hostTensor(current.dtype, []);
    if (current.dtype === 'int64') (next.data as BigInt64Array)[0] = BigInt(before + 1);
    else if (current.dtype === 'int32') (next.data as Int32Array)[0] = before + 1;
    else throw new InternalError(`CountUpTo on ${current.dtype}`, ctx.nodeName);
    ctx.writeVariable(entry, next);
    return [hostTensor(current.dtype, [], copyData(current.data) as Int32Array)];
  },
};

/** `Assign` for string variables (device backends never hold strings). */
export const stringAssignKernel: HostKernel = {
  op: 'Assign', dtypes: 'string', readsInput: (i) => i === 1, acceptsUninitialized: (i) => i === 0,
  run: (ctx) => {
    const entry = variableOf(ctx, 0);
    const value = ctx.input(1);
    const old = entry.shape;
    if (ctx.attrs.validate_shape !== false && old !== undefined
      && (old.length !== value.shape.length || old.some((d, i) => d !== value.shape[i]))) {
      throw new InvalidArgumentError(
        `Assign requires shapes of both tensors to match. lhs shape= ${debugShape(old)} rhs shape= ${debugShape(value.shape)}\n\t [[{{node ${ctx.nodeName}}}]]`,
        ctx.nodeName,
      );
    }
    const stored: HostTensor = { dtype: value.dtype, shape: [...value.shape], data: copyData(value.data) };
    ctx.writeVariable(entry, stored);
    return [{ variable: entry }];
  },
};
