// Symbolic differentiation: `gradients(ys, xs)` and the gradient registry keyed by op type.
export { gradients } from './gradients.js';
export type { GradientsOptions, GradientTarget } from './gradients.js';
export {
  LookupError, registerGradient, notDifferentiable, getGradientFunction, registeredGradientTypes, notDifferentiableTypes,
} from './registry.js';
export type { GradientFunction } from './registry.js';
