import { describe, expect, it } from 'vitest';
import { nameScope } from '../../src/graph/index.js';
import {
  add, concat, div, dropout, floorDiv, index, matMul, maximum, mod, mul, nn, ones, onesLike, placeholder, pow,
  randomNormal, randomUniform, reduceMean, reduceSum, relu, reshape, shape, split, stack, sub, transpose, truncatedNormal,
  zeros, zerosLike, clipByValue, range, cast, oneHot,
} from '../../src/ops/index.js';
import { inGraph, opSummary } from './helpers.js';

describe('Python operator naming (TF-SEMANTICS 21–23, SEED-SCENARIOS 4.8)', () => {
  it('names operator ops add/sub/mul/truediv/floordiv/mod/pow and uniquifies them', () => {
    inGraph((g) => {
      const x = placeholder('float32', [2], { name: 'x' });
      const xi = placeholder('int32', [2], { name: 'xi' });
      expect(add(x, x).op.name).toBe('add');
      expect(add(x, x).op.name).toBe('add_1');
      expect(sub(x, x).op.type).toBe('Sub');
      expect(mul(x, x).name).toBe('mul:0');
      expect(div(x, x).op.name).toBe('truediv');
      expect(div(x, x).op.type).toBe('RealDiv');
      expect(floorDiv(xi, xi).op.name).toBe('floordiv');
      expect(floorDiv(xi, xi).op.type).toBe('FloorDiv');
      expect(mod(xi, xi).op.name).toBe('mod');
      expect(mod(xi, xi).op.type).toBe('FloorMod');
      expect(pow(x, x).op.name).toBe('pow');
      expect(g.getOperationByName('sub').type).toBe('Sub');
    });
  });

  it('converts a plain right operand inside the op scope as add/y, a left one as add/x, with the tensor dtype', () => {
    inGraph((g) => {
      const x = placeholder('float32', [2], { name: 'x' });
      const y = add(x, 2);
      expect(opSummary(g)).toEqual(['x:Placeholder', 'add/y:Const', 'add:Add']);
      expect(g.getOperationByName('add/y').outputs[0]?.dtype).toBe('float32');
      const z = add(2, x);
      expect(z.op.inputs.map((t) => t.name)).toEqual(['add_1/x:0', 'x:0']);
      expect(y.dtype).toBe('float32');
      const i = placeholder('int64', [], { name: 'i' });
      expect(mul(i, 3).op.inputs[1]?.dtype).toBe('int64');
    });
  });

  it('prefixes the enclosing name scopes: foo/bar/add', () => {
    inGraph(() => {
      const x = placeholder('float32', [1], { name: 'x' });
      const t = nameScope('foo', () => nameScope('bar', () => add(1.5, x)));
      expect(t.name).toBe('foo/bar/add:0');
      expect(t.op.inputs[0]?.name).toBe('foo/bar/add/x:0');
    });
  });

  it('casts integer operands of true division like TensorFlow: int32 → float64, int16 → float32', () => {
    inGraph((g) => {
      const a = placeholder('int32', [2], { name: 'a' });
      const q = div(a, 2);
      expect(q.dtype).toBe('float64');
      expect(opSummary(g)).toEqual(['a:Placeholder', 'truediv/y:Const', 'truediv/Cast:Cast', 'truediv/Cast_1:Cast', 'truediv:RealDiv']);
      expect(div(placeholder('int16', []), 3).dtype).toBe('float32');
      expect(div(placeholder('float16', []), 3).dtype).toBe('float16');
    });
  });

  it('uses the op type as the default name of op functions, converting plain inputs by argument name', () => {
    inGraph((g) => {
      const x = placeholder('float32', [2, 2], { name: 'x' });
      expect(maximum(x, 0).op.name).toBe('Maximum');
      expect(g.getOperationByName('Maximum/y').type).toBe('Const');
      expect(maximum(0, x).op.inputs[0]?.name).toBe('Maximum_1/x:0');
      expect(matMul(x, x).op.name).toBe('MatMul');
      expect(relu([[-1.5, 2.5]]).op.inputs[0]?.name).toBe('Relu/features:0');
      expect(reshape(x, [4]).op.inputs[1]?.name).toBe('Reshape/shape:0');
      expect(relu(x, { name: 'act' }).name).toBe('act:0');
    });
  });
});

describe('random ops structure (random_ops.py)', () => {
  it('builds random_uniform as RandomUniform * (max - min) + min', () => {
    inGraph((g) => {
      const r = randomUniform([2, 3], { minval: -1, maxval: 1 });
      expect(opSummary(g)).toEqual([
        'random_uniform/shape:Const', 'random_uniform/min:Const', 'random_uniform/max:Const',
        'random_uniform/RandomUniform:RandomUniform', 'random_uniform/sub:Sub', 'random_uniform/mul:Mul', 'random_uniform:Add',
      ]);
      expect(r.name).toBe('random_uniform:0');
      expect(r.dtype).toBe('float32');
      expect(r.shape.toArray()).toEqual([2, 3]);
      expect(g.getOperationByName('random_uniform/RandomUniform').attrs.dtype).toBe('float32');
    });
  });

  it('builds integer random_uniform as one RandomUniformInt', () => {
    inGraph((g) => {
      const r = randomUniform([4], { minval: 0, maxval: 10, dtype: 'int32' });
      expect(r.op.type).toBe('RandomUniformInt');
      expect(r.op.name).toBe('random_uniform');
      expect(opSummary(g)).toEqual(['random_uniform/shape:Const', 'random_uniform/min:Const', 'random_uniform/max:Const', 'random_uniform:RandomUniformInt']);
    });
  });

  it('builds random_normal and truncated_normal as op * stddev + mean', () => {
    inGraph((g) => {
      randomNormal([3], { mean: 1, stddev: 2 });
      truncatedNormal([3], { dtype: 'float64' });
      expect(opSummary(g)).toEqual([
        'random_normal/shape:Const', 'random_normal/mean:Const', 'random_normal/stddev:Const',
        'random_normal/RandomStandardNormal:RandomStandardNormal', 'random_normal/mul:Mul', 'random_normal:Add',
        'truncated_normal/shape:Const', 'truncated_normal/mean:Const', 'truncated_normal/stddev:Const',
        'truncated_normal/TruncatedNormal:TruncatedNormal', 'truncated_normal/mul:Mul', 'truncated_normal:Add',
      ]);
      expect(g.getOperationByName('truncated_normal').outputs[0]?.dtype).toBe('float64');
    });
  });
});

describe('array op structure (array_ops.py)', () => {
  it('makes small zeros/ones a constant named zeros, large ones a Fill', () => {
    inGraph((g) => {
      const z = zeros([2, 3]);
      expect(z.op.type).toBe('Const');
      expect(z.name).toBe('zeros:0');
      expect(ones([3], 'int32').dtype).toBe('int32');
      const big = zeros([1000, 2]);
      expect(big.op.type).toBe('Fill');
      expect(big.shape.toArray()).toEqual([1000, 2]);
      expect(opSummary(g).slice(2)).toEqual(['zeros_1/shape_as_tensor:Const', 'zeros_1/Const:Const', 'zeros_1:Fill']);
    });
  });

  it('zerosLike/onesLike of a fully defined tensor need no op on the input', () => {
    inGraph((g) => {
      const x = placeholder('float32', [2, 2], { name: 'x' });
      expect(zerosLike(x).op.type).toBe('Const');
      const o = onesLike(x);
      expect(o.op.name).toBe('ones_like');
      expect(o.op.type).toBe('Fill');
      const y = placeholder('float32', [null, 2], { name: 'y' });
      expect(zerosLike(y).op.type).toBe('ZerosLike');
      expect(zerosLike(y).shape.toString()).toBe('(?, 2)');
      expect(g.getOperationByName('ones_like/Shape').type).toBe('Const');
    });
  });

  it('answers shape() with a constant named Shape when static, the Shape op otherwise', () => {
    inGraph(() => {
      expect(shape(placeholder('float32', [2, 3])).op.type).toBe('Const');
      const dyn = shape(placeholder('float32', [null, 3]));
      expect(dyn.op.type).toBe('Shape');
      expect(dyn.op.name).toBe('Shape_1');
    });
  });

  it('reverses dimensions in transpose with a constant perm, or Rank/Range/Sub when the rank is unknown', () => {
    inGraph((g) => {
      const t = transpose(placeholder('float32', [2, 3, 4], { name: 'a' }));
      expect(t.shape.toArray()).toEqual([4, 3, 2]);
      expect(opSummary(g)).toEqual(['a:Placeholder', 'transpose/perm:Const', 'transpose:Transpose']);
      transpose(placeholder('float32', null, { name: 'b' }));
      expect(opSummary(g).slice(4)).toEqual([
        'transpose_1/Rank:Rank', 'transpose_1/sub/y:Const', 'transpose_1/sub:Sub', 'transpose_1/Range/start:Const',
        'transpose_1/Range/delta:Const', 'transpose_1/Range:Range', 'transpose_1/sub_1:Sub', 'transpose_1:Transpose',
      ]);
    });
  });

  it('names concat inputs values_N and passes a single tensor through an Identity', () => {
    inGraph(() => {
      const a = placeholder('float32', [2], { name: 'a' });
      const c = concat([a, [1.5, 2.5]], 0);
      expect(c.op.type).toBe('ConcatV2');
      expect(c.op.inputs.map((t) => t.name)).toEqual(['a:0', 'concat/values_1:0', 'concat/axis:0']);
      expect(c.shape.toArray()).toEqual([4]);
      const one = concat([a], 0);
      expect(one.op.type).toBe('Identity');
      expect(one.op.name).toBe('concat_1');
    });
  });

  it('splits with Split for a count and SplitV for sizes', () => {
    inGraph((g) => {
      const x = placeholder('float32', [6, 2], { name: 'x' });
      const parts = split(x, 3);
      expect(parts.map((t) => t.name)).toEqual(['split:0', 'split:1', 'split:2']);
      expect(parts[0]?.shape.toArray()).toEqual([2, 2]);
      const sized = split(x, [1, 5], { axis: 0 });
      expect(sized[0]?.op.type).toBe('SplitV');
      expect(sized.map((t) => t.shape.toArray())).toEqual([[1, 2], [5, 2]]);
      expect(g.getOperationByName('split_1').inputs[1]?.name).toBe('Const:0');
    });
  });

  it('stacks plain values into one constant and tensors into Pack', () => {
    inGraph(() => {
      expect(stack([1, 2, 3]).op.type).toBe('Const');
      const a = placeholder('float32', [2], { name: 'a' });
      const s = stack([a, [1.5, 2.5]]);
      expect(s.op.type).toBe('Pack');
      expect(s.op.name).toBe('stack_1');
      expect(s.op.inputs[1]?.name).toBe('stack_1/1:0');
      expect(stack([a, a], { axis: 1 }).shape.toArray()).toEqual([2, 2]);
    });
  });

  it('indexes like Python with one strided_slice', () => {
    inGraph((g) => {
      const x = placeholder('float32', [4, 5, 6], { name: 'x' });
      const y = index(x, [1, '1:3', '...']);
      expect(y.op.type).toBe('StridedSlice');
      expect(y.op.name).toBe('strided_slice');
      expect(y.shape.toArray()).toEqual([2, 6]);
      expect(opSummary(g).slice(1)).toEqual([
        'strided_slice/stack:Const', 'strided_slice/stack_1:Const', 'strided_slice/stack_2:Const', 'strided_slice:StridedSlice',
      ]);
      expect(index(x, [null, '::2']).shape.toArray()).toEqual([1, 2, 5, 6]);
    });
  });

  it('builds range with range/start, range/limit, range/delta', () => {
    inGraph((g) => {
      const r = range(5);
      expect(r.op.name).toBe('range');
      expect(opSummary(g)).toEqual(['range/start:Const', 'range/limit:Const', 'range/delta:Const', 'range:Range']);
      expect(range(0, 1.5, 0.5).dtype).toBe('float32');
      expect(range(0, 3, 1, { dtype: 'int64' }).dtype).toBe('int64');
    });
  });

  it('builds one_hot with on_value/off_value constants of the requested dtype', () => {
    inGraph(() => {
      const h = oneHot([0, 2], 3);
      expect(h.op.name).toBe('one_hot');
      expect(h.dtype).toBe('float32');
      expect(h.shape.toArray()).toEqual([2, 3]);
      expect(h.op.inputs.map((t) => t.name)).toEqual(['one_hot/indices:0', 'one_hot/depth:0', 'one_hot/on_value:0', 'one_hot/off_value:0']);
      expect(oneHot([1], 2, { onValue: 5, offValue: -1 }).dtype).toBe('int32');
    });
  });

  it('returns a tensor unchanged from cast to its own dtype', () => {
    inGraph((g) => {
      const x = placeholder('float32', [2], { name: 'x' });
      expect(cast(x, 'float32')).toBe(x);
      expect(cast(x, 'int32').op.name).toBe('Cast');
      expect(g.size).toBe(2);
    });
  });
});

describe('reduction, loss and dropout structure', () => {
  it('reduces every axis through a Const of axes made before the op', () => {
    inGraph((g) => {
      const x = placeholder('float32', [2, 3], { name: 'x' });
      const s = reduceSum(x);
      expect(opSummary(g)).toEqual(['x:Placeholder', 'Const:Const', 'Sum:Sum']);
      expect(s.shape.rank).toBe(0);
      const m = reduceMean(x, { axis: 1, keepDims: true });
      expect(m.shape.toArray()).toEqual([2, 1]);
      expect(m.op.inputs[1]?.name).toBe('Mean/reduction_indices:0');
      const u = reduceSum(placeholder('float32', null, { name: 'u' }));
      expect(u.shape.rank).toBe(0);
      expect(g.getOperationByName('range').type).toBe('Range');
    });
  });

  it('builds sigmoid cross-entropy under logistic_loss with Select, as TensorFlow does', () => {
    inGraph((g) => {
      const logits = placeholder('float32', [2], { name: 'logits' });
      const loss = nn.sigmoidCrossEntropyWithLogits({ labels: [0, 1], logits });
      expect(loss.op.name).toBe('logistic_loss');
      expect(loss.op.type).toBe('Add');
      expect(opSummary(g).slice(1)).toEqual([
        'logistic_loss/labels:Const', 'logistic_loss/zeros_like:Const', 'logistic_loss/GreaterEqual:GreaterEqual',
        'logistic_loss/Select:Select', 'logistic_loss/Neg:Neg', 'logistic_loss/Select_1:Select', 'logistic_loss/mul:Mul',
        'logistic_loss/sub:Sub', 'logistic_loss/Exp:Exp', 'logistic_loss/Log1p:Log1p', 'logistic_loss:Add',
      ]);
    });
  });

  it('names the rank-2 sparse cross-entropy op inside its scope', () => {
    inGraph(() => {
      const logits = placeholder('float32', [4, 3], { name: 'logits' });
      const labels = placeholder('int32', [4], { name: 'labels' });
      const loss = nn.sparseSoftmaxCrossEntropyWithLogits({ labels, logits });
      expect(loss.op.name).toBe('SparseSoftmaxCrossEntropyWithLogits/SparseSoftmaxCrossEntropyWithLogits');
      expect(loss.shape.toArray()).toEqual([4]);
    });
  });

  it('builds softmax cross-entropy with the stop-gradient on labels and the result of the logits shape minus the class dim', () => {
    inGraph((g) => {
      const logits = placeholder('float32', [4, 3], { name: 'logits' });
      const labels = placeholder('float32', [4, 3], { name: 'labels' });
      const loss = nn.softmaxCrossEntropyWithLogits({ labels, logits });
      expect(g.getOperationByName('labels_stop_gradient').type).toBe('StopGradient');
      expect(g.getOperationByName('softmax_cross_entropy_with_logits').type).toBe('SoftmaxCrossEntropyWithLogits');
      expect(loss.op.name).toBe('softmax_cross_entropy_with_logits/Reshape_2');
      expect(loss.shape.toArray()).toEqual([4]);
    });
  });

  it('builds dropout as x / keep_prob * floor(keep_prob + U[0, 1))', () => {
    inGraph((g) => {
      const x = placeholder('float32', [2, 2], { name: 'x' });
      const y = dropout(x, { keepProb: 0.5 });
      expect(y.op.name).toBe('dropout/mul');
      expect(opSummary(g).slice(1)).toEqual([
        'dropout/keep_prob:Const', 'dropout/Shape:Const',
        'dropout/random_uniform/min:Const', 'dropout/random_uniform/max:Const',
        'dropout/random_uniform/RandomUniform:RandomUniform', 'dropout/random_uniform/sub:Sub',
        'dropout/random_uniform/mul:Mul', 'dropout/random_uniform:Add', 'dropout/add:Add', 'dropout/Floor:Floor',
        'dropout/div:RealDiv', 'dropout/mul:Mul',
      ]);
      expect(dropout(x, { keepProb: 1 })).toBe(x);
      expect(y.shape.toArray()).toEqual([2, 2]);
    });
  });

  it('builds clip_by_value from Minimum then Maximum', () => {
    inGraph((g) => {
      const x = placeholder('float32', [3], { name: 'x' });
      const c = clipByValue(x, 0, 1);
      expect(c.op.name).toBe('clip_by_value');
      expect(opSummary(g).slice(1)).toEqual([
        'clip_by_value/Minimum/y:Const', 'clip_by_value/Minimum:Minimum', 'clip_by_value/y:Const', 'clip_by_value:Maximum',
      ]);
    });
  });
});
