export { describeKernelBackend } from './suite.js';
export type { DescribeKernelBackendOptions } from './suite.js';
export { unsupportedReason } from './kernel-suite.js';
export type { CaseFilter } from './matching.js';
export { runKernelCase, inputArgs, toData } from './run-case.js';
export type { CaseResult } from './run-case.js';
export { compareTensors } from './compare.js';
export { kernelCases } from './cases/index.js';
export type { CaseTensor, KernelCase, ToleranceKind } from './cases/index.js';
export {
  coreScenarios, placementScenarios, saverScenarios, fixtureScenarios, trainingScenarios,
  DEFAULT_CHECKPOINT_FIXTURES,
} from './scenarios/index.js';
export type { ScenarioContext, SeedScenario } from './scenarios/index.js';
export { REPORT_ENV } from './report/report-recorder.js';
export { parseReportFile, ConformanceReportError } from './report/conformance-report.js';
export type { BackendReport, CaseOutcome, CaseStatus, ConformanceReportFile } from './report/conformance-report.js';
export { renderSupportMatrix } from './report/support-matrix.js';
export type { SupportMatrixOptions } from './report/support-matrix.js';
