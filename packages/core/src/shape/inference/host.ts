import type { HostTensor } from '@varscope/kernel-api';
import { hostTensorToStrings } from '../constant-value.js';
import { parseShapeAndSlice } from '../shape-and-slice.js';
import { TensorShape } from '../tensor-shape.js';
import { noOutputs, scalarShape } from './common.js';
import type { ShapeFn, ShapeFnTable } from './shape-fn.js';

const constShape: ShapeFn = (c) => {
  const value = c.attr('value') as HostTensor;
  const dtype = c.attrString('dtype');
  if (value.dtype !== dtype) c.fail(`Const value has dtype ${value.dtype} but the dtype attr is ${dtype}`);
  return [value.shape.length === 0 ? TensorShape.scalar() : new TensorShape(value.shape)];
};

const placeholderWithDefault: ShapeFn = (c) => {
  const out = c.attrShape('shape');
  // The default must fit the declared shape; the declared (maybe less precise) shape is the output's.
  c.merge(c.input(0), out);
  return [out];
};

const switchShape: ShapeFn = (c) => {
  c.withRank(c.input(1), 0);
  return [c.input(0), c.input(0)];
};

/** Any one input may arrive: dims that differ between inputs become unknown. */
const mergeShape: ShapeFn = (c) => {
  let out = c.input(0);
  for (let i = 1; i < c.numInputs && out.dims !== null; i++) {
    const s = c.input(i);
    if (s.dims === null || s.dims.length !== out.dims.length) {
      out = TensorShape.unknown();
      break;
    }
    out = new TensorShape(out.dims.map((d, k) => (d === s.dims?.[k] ? d : null)));
  }
  return [out, TensorShape.scalar()];
};

const saveV2: ShapeFn = (c) => {
  c.withRank(c.input(0), 0);
  const n = c.numInputs - 3;
  for (const i of [1, 2]) c.withValue(c.withRank(c.input(i), 1).dim(0), n);
  return [];
};

/** Shapes are unknown unless the graph knows `shape_and_slices` (then the slices' shapes). */
const restoreV2: ShapeFn = (c) => {
  c.withRank(c.input(0), 0);
  c.merge(c.withRank(c.input(1), 1), c.withRank(c.input(2), 1));
  const value = c.inputValue(2);
  if (value === undefined) return new Array<TensorShape>(c.numOutputs).fill(TensorShape.unknown());
  const specs = hostTensorToStrings(value, "Input 'shape_and_slices'");
  if (specs.length !== c.numOutputs) c.fail("The number of shape_and_slice doesn't match tensor outputs.");
  return specs.map((spec) => (spec === '' ? TensorShape.unknown() : new TensorShape(parseShapeAndSlice(spec).sliceShape)));
};

const mergeV2Checkpoints: ShapeFn = (c) => {
  c.withRank(c.input(0), 1);
  c.withRank(c.input(1), 0);
  return [];
};

/** Elementwise over its inputs: scalars broadcast against the (merged) non-scalar inputs. */
const stringJoin: ShapeFn = (c) => {
  let out = TensorShape.unknown();
  let allScalar = true;
  for (let i = 0; i < c.numInputs; i++) {
    const s = c.input(i);
    if (s.rank !== 0) allScalar = false;
    if (s.rank !== null && s.rank !== 0) out = c.merge(out, s);
  }
  return [allScalar ? TensorShape.scalar() : out];
};

const scalarSummary: ShapeFn = (c) => {
  const [tags, values] = [c.input(0), c.input(1)];
  if (!tags.isCompatibleWith(values)) {
    c.fail(`tags and values not the same shape: ${tags.toDebugString()} != ${values.toDebugString()}`);
  }
  return [TensorShape.scalar()];
};

const histogramSummary: ShapeFn = (c) => {
  c.withRank(c.input(0), 0);
  return [TensorShape.scalar()];
};

export const HOST_SHAPE_FNS: ShapeFnTable = Object.freeze({
  Const: constShape,
  Placeholder: (c) => [c.attrShape('shape')],
  PlaceholderWithDefault: placeholderWithDefault,
  NoOp: noOutputs,
  Switch: switchShape,
  Merge: mergeShape,
  SaveV2: saveV2,
  RestoreV2: restoreV2,
  MergeV2Checkpoints: mergeV2Checkpoints,
  ShardedFilename: scalarShape,
  StringJoin: stringJoin,
  ScalarSummary: scalarSummary,
  HistogramSummary: histogramSummary,
  MergeSummary: scalarShape,
});
