export { describeKernelBackend, unsupportedReason } from './suite.js';
export type { DescribeKernelBackendOptions } from './suite.js';
export { runKernelCase, inputArgs, toData } from './run-case.js';
export type { CaseResult } from './run-case.js';
export { compareTensors } from './compare.js';
export { kernelCases } from './cases/index.js';
export type { CaseTensor, KernelCase, ToleranceKind } from './cases/index.js';
