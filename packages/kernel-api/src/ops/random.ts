import type { OpDef } from '../op-def.js';
import { FLOAT, INDEX, arg, attr, hostIndex, op, typeAttr } from './dsl.js';

const seeds = [attr('seed', 'int', 0), attr('seed2', 'int', 0)];
const floatRandom = (name: string, summary: string): OpDef => op(name, summary, {
  inputs: [hostIndex('shape', 'T')], outputs: [arg('output', 'dtype')],
  attrs: [...seeds, typeAttr('dtype', FLOAT), typeAttr('T', INDEX)], stateful: true,
});

/** Random ops: Philox-4x32-10 with the element layout in `philox.ts`. */
export const RANDOM_OPS: readonly OpDef[] = [
  floatRandom('RandomUniform', 'Uniform values in [0, 1).'),
  floatRandom('RandomStandardNormal', 'Normal values, mean 0, stddev 1.'),
  floatRandom('TruncatedNormal', 'Normal values, mean 0, stddev 1, redrawn beyond 2 stddev.'),
  op('RandomUniformInt', 'Uniform integers in [minval, maxval).', {
    inputs: [hostIndex('shape', 'T'), arg('minval', 'Tout'), arg('maxval', 'Tout')], outputs: [arg('output', 'Tout')],
    attrs: [...seeds, typeAttr('Tout', INDEX), typeAttr('T', INDEX)], stateful: true,
  }),
];
