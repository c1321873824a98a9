import type { DType } from '@varscope/kernel-api';
import type { KernelCase } from './kernel-case.js';
import { tensor } from './values.js';

/** MatMul with every transpose combination, degenerate and odd sizes; BatchMatMulV2 with broadcast batches. */
export function matmulCases(): KernelCase[] {
  const cases: KernelCase[] = [];
  let seed = 7000;
  const sizes: [number, number, number][] = [[1, 1, 1], [2, 3, 4], [7, 5, 9], [16, 16, 16], [33, 17, 65], [0, 3, 4], [3, 0, 4], [64, 128, 48]];
  for (const dtype of ['float32', 'float64', 'int32'] as DType[]) {
    for (const [m, k, n] of sizes) {
      for (const ta of [false, true]) {
        for (const tb of [false, true]) {
          if (dtype !== 'float32' && (ta || tb) && m > 16) continue;
          const a = tensor(dtype, ta ? [k, m] : [m, k], seed++, { min: -2, max: 2 });
          const b = tensor(dtype, tb ? [n, k] : [k, n], seed++, { min: -2, max: 2 });
          cases.push({ id: `MatMul/${dtype}/${m}x${k}x${n}${ta ? '/ta' : ''}${tb ? '/tb' : ''}`, op: 'MatMul', dtype,
            attrs: { transpose_a: ta, transpose_b: tb, T: dtype }, inputs: [a, b], outputs: [{ dtype, shape: [m, n] }],
            tolerance: dtype === 'int32' ? 'exact' : 'accumulation', tags: m === 0 || k === 0 ? ['empty'] : [] });
        }
      }
    }
  }
  const batched: [number[], number[], number[], boolean, boolean][] = [
    [[4, 3, 5], [4, 5, 2], [4, 3, 2], false, false],
    [[2, 1, 3, 5], [4, 5, 2], [2, 4, 3, 2], false, false],
    [[3, 5, 3], [3, 2, 5], [3, 3, 2], true, true],
    [[32, 8, 8], [32, 8, 8], [32, 8, 8], false, true],
  ];
  for (const [sa, sb, so, ax, ay] of batched) {
    cases.push({ id: `BatchMatMulV2/float32/${sa.join('x')}@${sb.join('x')}${ax ? '/adj_x' : ''}${ay ? '/adj_y' : ''}`, op: 'BatchMatMulV2',
      dtype: 'float32', attrs: { T: 'float32', adj_x: ax, adj_y: ay },
      inputs: [tensor('float32', sa, seed++), tensor('float32', sb, seed++)], outputs: [{ dtype: 'float32', shape: so }],
      tolerance: 'accumulation', tags: ['broadcast'] });
  }
  return cases;
}

/** Reductions over every axis subset of a rank-3 tensor, keep_dims both ways, negative axes, empty inputs. */
export function reductionCases(): KernelCase[] {
  const cases: KernelCase[] = [];
  let seed = 8000;
  const shape = [3, 4, 5];
  const axesSets = [[], [0], [1], [2], [-1], [0, 2], [1, 2], [0, 1, 2]];
  const ops: [string, DType[]][] = [['Sum', ['float32', 'float64', 'int32', 'int64']], ['Mean', ['float32', 'int32']],
    ['Max', ['float32', 'int32']], ['Min', ['float32', 'int64']], ['Prod', ['float32', 'int32']]];
  for (const [op, dtypes] of ops) {
    for (const dtype of dtypes) {
      for (const axes of axesSets) {
        for (const keep of [false, true]) {
          const norm = axes.map((a) => (a < 0 ? a + 3 : a));
          const out = keep ? shape.map((d, i) => (norm.includes(i) ? 1 : d)) : shape.filter((_, i) => !norm.includes(i));
          cases.push({ id: `${op}/${dtype}/axes[${axes.join(',')}]${keep ? '/keep' : ''}`, op, dtype,
            attrs: { keep_dims: keep, T: dtype, Tidx: 'int32' },
            inputs: [tensor(dtype, shape, seed++, { min: -2, max: 2 }), { dtype: 'int32', shape: [axes.length], values: axes }],
            outputs: [{ dtype, shape: out }], tolerance: dtype.startsWith('float') ? 'accumulation' : 'exact', tags: [] });
        }
      }
    }
  }
  cases.push({ id: 'Sum/float32/empty-input', op: 'Sum', dtype: 'float32', attrs: { keep_dims: false, T: 'float32', Tidx: 'int32' },
    inputs: [tensor('float32', [0, 3], seed++), { dtype: 'int32', shape: [1], values: [0] }],
    outputs: [{ dtype: 'float32', shape: [3] }], tolerance: 'exact', tags: ['empty'] });
  cases.push({ id: 'Max/float32/nan', op: 'Max', dtype: 'float32', attrs: { keep_dims: false, T: 'float32', Tidx: 'int32' },
    inputs: [tensor('float32', [2, 8], seed++, { specials: true }), { dtype: 'int32', shape: [1], values: [1] }],
    outputs: [{ dtype: 'float32', shape: [2] }], tolerance: 'exact', tags: ['nan'] });
  for (const op of ['ArgMax', 'ArgMin']) {
    for (const axis of [0, 1, -1]) {
      const out = axis === 0 ? [5] : [4];
      cases.push({ id: `${op}/float32/axis${axis}`, op, dtype: 'float32', attrs: { T: 'float32', Tidx: 'int32', output_type: 'int64' },
        inputs: [tensor('float32', [4, 5], seed++, { min: -2, max: 2 }), { dtype: 'int32', shape: [], values: [axis] }],
        outputs: [{ dtype: 'int64', shape: out }], tolerance: 'exact', tags: [] });
    }
    cases.push({ id: `${op}/int32/ties`, op, dtype: 'int32', attrs: { T: 'int32', Tidx: 'int32', output_type: 'int32' },
      inputs: [{ dtype: 'int32', shape: [2, 4], values: [1, 3, 3, 0, 2, 2, 2, 2] }, { dtype: 'int32', shape: [], values: [1] }],
      outputs: [{ dtype: 'int32', shape: [2] }], tolerance: 'exact', tags: [] });
  }
  for (const op of ['All', 'Any']) {
    cases.push({ id: `${op}/bool/axis1`, op, dtype: 'bool', attrs: { keep_dims: false, Tidx: 'int32' },
      inputs: [tensor('bool', [3, 4], seed++), { dtype: 'int32', shape: [1], values: [1] }],
      outputs: [{ dtype: 'bool', shape: [3] }], tolerance: 'exact', tags: [] });
  }
  return cases;
}
