import type { OpDef } from '../op-def.js';
import { ANY, NUMBER, arg, attr, fixed, op, ref, typeAttr } from './dsl.js';

const FLOAT_T = typeAttr('T', ['float16', 'bfloat16', 'float32', 'float64', 'complex64', 'complex128']);
const apply = (name: string, summary: string, slots: readonly string[], scalars: readonly string[],
  extra: ReturnType<typeof attr>[] = []): OpDef => op(name, summary, {
  inputs: [ref('var'), ...slots.map((s) => ref(s)), ...scalars.map((s) => arg(s))],
  outputs: [ref('out')],
  attrs: [FLOAT_T, attr('use_locking', 'bool', false), ...extra],
  stateful: true,
  aliases: { 0: 0 },
});

/** Variables, assignment and the fused optimizer updates (all mutate `ref` inputs in place). */
export const STATE_OPS: readonly OpDef[] = [
  op('VariableV2', 'A mutable tensor kept across runs in the session\'s resource container.', {
    outputs: [ref('ref', 'dtype')],
    attrs: [attr('shape', 'shape'), typeAttr('dtype', ANY), attr('container', 'string', ''), attr('shared_name', 'string', '')],
    stateful: true, placement: 'host',
  }),
  op('IsVariableInitialized', 'Whether the variable has a value.', {
    inputs: [ref('ref', 'dtype')], outputs: [fixed('is_initialized', 'bool')], attrs: [typeAttr('dtype', ANY)],
    placement: 'host',
  }),
  op('Assign', 'ref = value; outputs the variable.', {
    inputs: [ref('ref'), arg('value')], outputs: [ref('output_ref')],
    attrs: [typeAttr('T', ANY), attr('validate_shape', 'bool', true), attr('use_locking', 'bool', true)],
    stateful: true, aliases: { 0: 0 },
  }),
  op('AssignAdd', 'ref += value; outputs the variable.', {
    inputs: [ref('ref'), arg('value')], outputs: [ref('output_ref')],
    attrs: [typeAttr('T', NUMBER), attr('use_locking', 'bool', false)], stateful: true, aliases: { 0: 0 },
  }),
  op('AssignSub', 'ref -= value; outputs the variable.', {
    inputs: [ref('ref'), arg('value')], outputs: [ref('output_ref')],
    attrs: [typeAttr('T', NUMBER), attr('use_locking', 'bool', false)], stateful: true, aliases: { 0: 0 },
  }),
  op('CountUpTo', 'Increments an int variable until `limit`, outputting the value before the increment.', {
    inputs: [ref('ref')], outputs: [arg('output')],
    attrs: [attr('limit', 'int'), typeAttr('T', ['int32', 'int64'])], stateful: true, placement: 'host',
  }),
  apply('ApplyGradientDescent', 'var -= alpha · delta.', [], ['alpha', 'delta']),
  apply('ApplyMomentum', 'accum = accum·momentum + grad; var -= lr·accum (Nesterov: var -= lr·grad + lr·momentum·accum).',
    ['accum'], ['lr', 'grad', 'momentum'], [attr('use_nesterov', 'bool', false)]),
  apply('ApplyAdam', 'Adam: m, v moments; var -= lr·√(1-β₂ᵗ)/(1-β₁ᵗ) · m / (√v + ε).',
    ['m', 'v'], ['beta1_power', 'beta2_power', 'lr', 'beta1', 'beta2', 'epsilon', 'grad'], [attr('use_nesterov', 'bool', false)]),
  apply('ApplyRMSProp', 'ms = rho·ms + (1-rho)·grad²; mom = momentum·mom + lr·grad/√(ms + ε); var -= mom.',
    ['ms', 'mom'], ['lr', 'rho', 'momentum', 'epsilon', 'grad']),
  apply('ApplyCenteredRMSProp', 'Centered RMSProp: also tracks mg, the mean gradient.',
    ['mg', 'ms', 'mom'], ['lr', 'rho', 'momentum', 'epsilon', 'grad']),
  apply('ApplyAdagrad', 'accum += grad²; var -= lr · grad / √accum.', ['accum'], ['lr', 'grad'],
    [attr('update_slots', 'bool', true)]),
];
