import { describe, expect, it } from 'vitest';
import { createReferenceBackend } from '@varscope/backend-reference';
import type { Graph } from '../../src/graph/index.js';
import { Session } from '../../src/session/index.js';
import { variableScenarios } from '../../src/testing/scenarios/index.js';

describe('seed scenarios §1–§5 on the reference backend', () => {
  const newSession = (graph: Graph) => new Session({ graph, devices: { CPU: createReferenceBackend() } });
  for (const scenario of variableScenarios) {
    it(`${scenario.id} ${scenario.title}`, () => scenario.run({ newSession, expect }));
  }

  it('lists each scenario once, in document order', () => {
    const ids = variableScenarios.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids[0]).toBe('1.1');
  });
});
