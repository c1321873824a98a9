import { TensorShape } from '../tensor-shape.js';
import { mergeBothInputs } from './common.js';
import type { ShapeFn, ShapeFnTable } from './shape-fn.js';

/** A variable's shape comes from its `shape` attr (unknown rank when null). */
const variableV2: ShapeFn = (c) => [c.attrShape('shape')];

/** With validate_shape the value must match the variable; without, the variable takes the value's shape. */
const assign: ShapeFn = (c) => (c.attrBool('validate_shape') ? mergeBothInputs(c) : [c.input(1)]);

/**
 * The fused optimizer updates (TensorFlow's Apply*ShapeFn): every slot (`Ref` input after
 * `var`) and the gradient (`grad`/`delta`) must have the variable's shape; every other
 * input (learning rate, decay, β powers…) is a scalar. The output is the variable.
 */
const applyUpdate: ShapeFn = (c) => {
  let s = c.input(0);
  c.def.inputs.forEach((arg, i) => {
    if (i === 0) return;
    if (arg.isRef === true || arg.name === 'grad' || arg.name === 'delta') s = c.merge(s, c.input(i));
    else c.withRank(c.input(i), 0);
  });
  return [s];
};

const countUpTo: ShapeFn = (c) => [c.withRank(c.input(0), 0)];

export const STATE_SHAPE_FNS: ShapeFnTable = Object.freeze({
  VariableV2: variableV2,
  IsVariableInitialized: () => [TensorShape.scalar()],
  Assign: assign,
  AssignAdd: mergeBothInputs,
  AssignSub: mergeBothInputs,
  CountUpTo: countUpTo,
  ApplyGradientDescent: applyUpdate,
  ApplyMomentum: applyUpdate,
  ApplyAdam: applyUpdate,
  ApplyRMSProp: applyUpdate,
  ApplyCenteredRMSProp: applyUpdate,
  ApplyAdagrad: applyUpdate,
});
