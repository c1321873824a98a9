import { defineConfig } from 'vitest/config';

// One vitest project per package: `pnpm vitest` at the root runs them all,
// `pnpm --filter <pkg> test` runs one.
export default defineConfig({
  test: {
    projects: ['packages/*/vitest.config.ts'],
  },
});
