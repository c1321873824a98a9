// The training API of this folder's optimizer files, for the `train` namespace.
export { Optimizer } from './optimizer.js';
export type {
  GradAndVar, Hyperparameter, GateGradients, ComputeGradientsOptions, ApplyGradientsOptions, MinimizeOptions,
} from './optimizer.js';
export { GradientDescentOptimizer } from './gradient-descent.js';
export type { GradientDescentOptions } from './gradient-descent.js';
export { MomentumOptimizer } from './momentum.js';
export type { MomentumOptions } from './momentum.js';
export { AdamOptimizer } from './adam.js';
export type { AdamOptions } from './adam.js';
export { RMSPropOptimizer } from './rmsprop.js';
export type { RMSPropOptions } from './rmsprop.js';
export { AdagradOptimizer } from './adagrad.js';
export type { AdagradOptions } from './adagrad.js';
export { createSlot, createSlotWithInitializer, createZerosSlot } from './slot-creator.js';
export type { SlotPrimary, SlotOptions } from './slot-creator.js';
export { getGlobalStep, createGlobalStep, getOrCreateGlobalStep, assertGlobalStep } from './global-step.js';
export type { GlobalStep } from './global-step.js';

import { AdagradOptimizer } from './adagrad.js';
import { AdamOptimizer } from './adam.js';
import { assertGlobalStep, createGlobalStep, getGlobalStep, getOrCreateGlobalStep } from './global-step.js';
import { GradientDescentOptimizer } from './gradient-descent.js';
import { MomentumOptimizer } from './momentum.js';
import { Optimizer } from './optimizer.js';
import { RMSPropOptimizer } from './rmsprop.js';
import { createSlot, createSlotWithInitializer, createZerosSlot } from './slot-creator.js';

/** The training members of TensorFlow's `tf.train`, for spreading into the `train` namespace. */
export const training = Object.freeze({
  Optimizer, GradientDescentOptimizer, MomentumOptimizer, AdamOptimizer, RMSPropOptimizer, AdagradOptimizer,
  getGlobalStep, createGlobalStep, getOrCreateGlobalStep, assertGlobalStep,
  createSlot, createSlotWithInitializer, createZerosSlot,
});
