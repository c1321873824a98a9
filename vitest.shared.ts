import { defineProject } from 'vitest/config';

/**
 * The vitest project every package uses. Workspace packages resolve to their
 * TypeScript sources through the `@varscope/source` export condition, so tests
 * never run against a stale `dist/`.
 */
export function packageProject(name: string, extra: { testTimeout?: number } = {}) {
  return defineProject({
    resolve: { conditions: ['@varscope/source', 'module', 'node', 'import', 'default'] },
    ssr: { resolve: { conditions: ['@varscope/source', 'module', 'node', 'import', 'default'] } },
    test: {
      name,
      include: ['test/**/*.test.ts'],
      environment: 'node',
      testTimeout: extra.testTimeout ?? 30_000,
    },
  });
}
