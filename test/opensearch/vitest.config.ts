import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Runs only the OpenSearch integration tests, without the shared global setup (each file then
// starts its own node through test/services/opensearch.ts `useOpenSearch()`):
//   npx vitest run --config test/opensearch/vitest.config.ts
export default defineConfig({
  test: {
    root: fileURLToPath(new URL('../..', import.meta.url)),
    include: ['test/integration/opensearch*.test.ts'],
    // Needs the whole bench (sshd, docker double): run it in the integration project.
    exclude: ['test/integration/opensearch-ssh.test.ts'],
    testTimeout: 300_000,
    hookTimeout: 600_000,
    fileParallelism: false,
  },
});
