import { InvalidArgumentError } from '../../errors.js';
import type { HostKernel } from './host-kernel.js';
import { debugShape, scalar } from './host-tensor.js';

const DEAD = { dead: true } as const;

/** `Switch`: forwards `data` to output_true or output_false by `pred`; the other output is dead. */
export const switchKernel: HostKernel = {
  op: 'Switch', dtypes: 'any', readsInput: (i) => i === 1,
  run: (ctx) => {
    const pred = ctx.input(1);
    if (pred.shape.length !== 0) {
      throw new InvalidArgumentError(`The second input must be a scalar, but it has shape ${debugShape(pred.shape)}`, ctx.nodeName);
    }
    const taken = (pred.data as Uint8Array)[0] !== 0;
    return taken ? [DEAD, { forward: 0 }] : [{ forward: 0 }, DEAD];
  },
};

/**
 * `Merge`: forwards its first live input and that input's index; dead only when every data
 * input is dead (TensorFlow's executor rule: control inputs do not make a Merge dead).
 */
export const mergeKernel: HostKernel = {
  op: 'Merge', dtypes: 'any', readsInput: () => false, acceptsDeadInputs: true,
  run: (ctx) => {
    const index = ctx.inputs.findIndex((input) => !input.dead);
    if (index < 0) return [DEAD, DEAD];
    return [{ forward: index }, scalar('int32', index)];
  },
};
