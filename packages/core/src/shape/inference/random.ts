import type { ShapeFn, ShapeFnTable } from './shape-fn.js';

/** The output shape is the value of the `shape` input (a -1 there can never succeed). */
const randomShape: ShapeFn = (c) => [c.shapeFromShapeTensor(0, { allowUnknown: false })];

const randomUniformInt: ShapeFn = (c) => {
  c.withRank(c.input(1), 0);
  c.withRank(c.input(2), 0);
  const lo = c.inputInts(1)?.[0];
  const hi = c.inputInts(2)?.[0];
  if (lo !== undefined && hi !== undefined && lo >= hi) c.fail(`Need minval < maxval: ${lo} >= ${hi}`);
  return randomShape(c);
};

export const RANDOM_SHAPE_FNS: ShapeFnTable = Object.freeze({
  RandomUniform: randomShape,
  RandomStandardNormal: randomShape,
  TruncatedNormal: randomShape,
  RandomUniformInt: randomUniformInt,
});
