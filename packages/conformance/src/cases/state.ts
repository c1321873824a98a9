import type { DType } from '@varscope/kernel-api';
import type { KernelCase } from './kernel-case.js';
import { literal, tensor } from './values.js';

const scalar = (dtype: DType, v: number) => literal(dtype, [], [v]);

/** Assignment and the fused optimizer updates: each mutates its ref inputs in place. */
export function stateCases(): KernelCase[] {
  const cases: KernelCase[] = [];
  let seed = 12000;
  for (const dtype of ['float32', 'float64', 'int32', 'int64'] as DType[]) {
    for (const op of ['Assign', 'AssignAdd', 'AssignSub']) {
      const attrs: Record<string, string | boolean> = op === 'Assign' ? { T: dtype, validate_shape: true, use_locking: true } : { T: dtype, use_locking: false };
      cases.push({ id: `${op}/${dtype}`, op, dtype, attrs, inputs: [tensor(dtype, [3, 4], seed++), tensor(dtype, [3, 4], seed++)],
        outputs: [], mutatedInputs: [0], tolerance: 'exact', tags: [] });
    }
  }
  cases.push({ id: 'Assign/bool', op: 'Assign', dtype: 'bool', attrs: { T: 'bool', validate_shape: true, use_locking: true },
    inputs: [tensor('bool', [5], seed++), tensor('bool', [5], seed++)], outputs: [], mutatedInputs: [0], tolerance: 'exact', tags: [] });
  const shape = [4, 5];
  const v = () => tensor('float32', shape, seed++);
  const pos = () => tensor('float32', shape, seed++, { min: 0.01, max: 2 });
  const f = (x: number) => scalar('float32', x);
  const apply = (op: string, inputs: KernelCase['inputs'], mutated: number[], extra: Record<string, boolean> = {}) =>
    cases.push({ id: `${op}/float32${Object.entries(extra).filter(([, b]) => b).map(([k]) => `/${k}`).join('')}`, op, dtype: 'float32',
      attrs: { T: 'float32', use_locking: false, ...extra }, inputs, outputs: [], mutatedInputs: mutated, tolerance: 'elementwise', tags: [] });
  apply('ApplyGradientDescent', [v(), f(0.1), v()], [0]);
  apply('ApplyMomentum', [v(), v(), f(0.1), v(), f(0.9)], [0, 1], { use_nesterov: false });
  apply('ApplyMomentum', [v(), v(), f(0.1), v(), f(0.9)], [0, 1], { use_nesterov: true });
  apply('ApplyAdam', [v(), v(), pos(), f(0.9 ** 3), f(0.999 ** 3), f(0.001), f(0.9), f(0.999), f(1e-8), v()], [0, 1, 2], { use_nesterov: false });
  apply('ApplyAdam', [v(), v(), pos(), f(0.9 ** 3), f(0.999 ** 3), f(0.001), f(0.9), f(0.999), f(1e-8), v()], [0, 1, 2], { use_nesterov: true });
  apply('ApplyRMSProp', [v(), pos(), v(), f(0.01), f(0.9), f(0.5), f(1e-10), v()], [0, 1, 2]);
  apply('ApplyCenteredRMSProp', [v(), v(), pos(), v(), f(0.01), f(0.9), f(0.5), f(1e-10), v()], [0, 1, 2, 3]);
  apply('ApplyAdagrad', [v(), pos(), f(0.1), v()], [0, 1], { update_slots: true });
  return cases;
}

/** Random ops: Philox numbers must match the reference backend bit for bit. */
export function randomCases(): KernelCase[] {
  const cases: KernelCase[] = [];
  const shapes = [[1], [7], [3, 5], [33, 17]];
  for (const op of ['RandomUniform', 'RandomStandardNormal', 'TruncatedNormal']) {
    for (const dtype of ['float32', 'float64'] as DType[]) {
      for (const shape of shapes) {
        for (const offset of [0, 5]) {
          cases.push({ id: `${op}/${dtype}/[${shape.join(',')}]/offset${offset}`, op, dtype,
            attrs: { seed: 87654321, seed2: 42, dtype, T: 'int32' },
            inputs: [literal('int32', [shape.length], shape)], outputs: [{ dtype, shape }],
            philox: { seed: 87654321, seed2: 42, offset }, tolerance: 'elementwise', tags: ['random'] });
        }
      }
    }
  }
  for (const dtype of ['int32', 'int64'] as DType[]) {
    cases.push({ id: `RandomUniformInt/${dtype}`, op: 'RandomUniformInt', dtype,
      attrs: { seed: 1, seed2: 2, Tout: dtype, T: 'int32' },
      inputs: [literal('int32', [2], [4, 6]), literal(dtype, [], [-5]), literal(dtype, [], [17])], outputs: [{ dtype, shape: [4, 6] }],
      philox: { seed: 1, seed2: 2, offset: 3 }, tolerance: 'exact', tags: ['random'] });
  }
  return cases;
}
