import type { SeedScenario } from './seed-scenario.js';

/** Where `@varscope/core` publishes its backend-independent seed scenarios (§1–§5). */
export const CORE_SCENARIOS_MODULE = '@varscope/core/testing';

const isScenarioList = (v: unknown): v is readonly SeedScenario[] =>
  Array.isArray(v) && v.every((s: Partial<SeedScenario> | null) =>
    typeof s?.id === 'string' && typeof s.title === 'string' && typeof s.run === 'function');

/**
 * Core's seed scenarios §1–§5 (creating, initializing and using variables, collections, scopes,
 * devices), which core writes against its own scenario context — a subset of ours. Loaded by
 * name at collection time because the subpath is core's to publish; resolves to the reason
 * when it is not there.
 */
export async function loadCoreScenarios(specifier: string = CORE_SCENARIOS_MODULE): Promise<readonly SeedScenario[] | string> {
  let module: Record<string, unknown>;
  try {
    module = await import(/* @vite-ignore */ specifier) as Record<string, unknown>;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ERR_PACKAGE_PATH_NOT_EXPORTED' || code === 'ERR_MODULE_NOT_FOUND' || /not exported|Cannot find|Failed to load|Missing ".\/testing"/.test(String((e as Error).message))) {
      return `${specifier} is not exported by @varscope/core (its package.json needs an exports entry for ./testing)`;
    }
    throw e;
  }
  const list = module.variableScenarios;
  if (!isScenarioList(list)) return `${specifier} has no variableScenarios list of { id, title, run }`;
  return list;
}
