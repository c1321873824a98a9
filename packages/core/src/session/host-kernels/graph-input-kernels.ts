import { DTYPES } from '@varscope/kernel-api';
import type { DType, HostTensor, ShapeAttr } from '@varscope/kernel-api';
import { InvalidArgumentError } from '../../errors.js';
import type { HostKernel } from './host-kernel.js';
import { debugShape } from './host-tensor.js';

/** The error for running a placeholder nobody fed (TensorFlow's PlaceholderOp message). */
export function unfedPlaceholderError(nodeName: string, dtype: DType, shape: ShapeAttr | undefined): InvalidArgumentError {
  const withShape = shape === null || shape === undefined ? '' : ` and shape ${debugShape(shape)}`;
  return new InvalidArgumentError(
    `You must feed a value for placeholder tensor '${nodeName}' with dtype ${DTYPES[dtype].cName}${withShape}\n\t [[{{node ${nodeName}}}]]`,
    nodeName,
  );
}

export const constKernel: HostKernel = {
  op: 'Const', dtypes: 'any',
  // Host values are never mutated in place, so the graph's own tensor can be handed out.
  run: (ctx) => [ctx.attrs.value as HostTensor],
};

export const placeholderKernel: HostKernel = {
  op: 'Placeholder', dtypes: 'any',
  run: (ctx) => {
    throw unfedPlaceholderError(ctx.nodeName, ctx.attrs.dtype as DType, ctx.attrs.shape as ShapeAttr | undefined);
  },
};

export const placeholderWithDefaultKernel: HostKernel = {
  op: 'PlaceholderWithDefault', dtypes: 'any', readsInput: () => false,
  run: () => [{ forward: 0 }],
};

export const noOpKernel: HostKernel = { op: 'NoOp', dtypes: 'any', run: () => [] };
