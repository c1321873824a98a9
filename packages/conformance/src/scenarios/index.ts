export type { ScenarioContext, SeedScenario } from './seed-scenario.js';
export { coreScenarios } from './core-scenarios.js';
export { placementScenarios } from './placement-scenarios.js';
export { saverScenarios } from './saver-scenarios.js';
export { fixtureScenarios, DEFAULT_CHECKPOINT_FIXTURES } from './fixture-scenarios.js';
export { trainingScenarios } from './training-scenarios.js';
export { sessionOn, missingKernel } from './session-factory.js';
