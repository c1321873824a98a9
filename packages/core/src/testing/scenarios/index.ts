export { variableScenarios } from './variable-scenarios.js';
export type { ScenarioContext, SeedScenario } from './variable-scenarios.js';
