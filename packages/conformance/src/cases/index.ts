import type { KernelCase } from './kernel-case.js';
import { arrayCases } from './array.js';
import { binaryCases, castCases, naryCases, unaryCases } from './elementwise.js';
import { matmulCases, reductionCases } from './linalg.js';
import { activationCases, convolutionCases } from './nn.js';
import { randomCases, stateCases } from './state.js';

export type { CaseTensor, KernelCase, ToleranceKind } from './kernel-case.js';

/** Every kernel conformance case, grouped by family, as plain data. */
export function kernelCases(): Record<string, KernelCase[]> {
  return {
    unary: unaryCases(),
    binary: binaryCases(),
    cast: castCases(),
    nary: naryCases(),
    matmul: matmulCases(),
    reduction: reductionCases(),
    activation: activationCases(),
    convolution: convolutionCases(),
    array: arrayCases(),
    state: stateCases(),
    random: randomCases(),
  };
}
