import { variableScenarios } from '@varscope/core/testing';
import type { SeedScenario } from './seed-scenario.js';

/**
 * Core's seed scenarios §1–§5 (creating, initializing and using variables, collections, scopes,
 * devices), written by core against its own scenario context, of which ours is a superset.
 */
export const coreScenarios: readonly SeedScenario[] = variableScenarios;
