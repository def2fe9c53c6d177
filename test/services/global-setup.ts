/**
 * vitest globalSetup of the `integration` project: starts the bench once per run, provides its
 * description to tests (`inject('bench')`), and stops everything on teardown. A service that cannot
 * start fails the run (the error says which and why); nothing is skipped.
 *
 * Adding a service (e.g. OpenSearch): one import and one `await bench.extend(...)` line below;
 * the extension returns `{ name, info, stop }` and its info appears as `inject('bench').extensions[name]`.
 */
import type { TestProject } from 'vitest/node';
import { type Bench, type BenchInfo, startBench } from './bench.js';
import { copyHostExtension } from './copy-host.js';
import { opensearchExtension } from './opensearch.js';

declare module 'vitest' {
  export interface ProvidedContext {
    bench: BenchInfo;
  }
}

let bench: Bench | undefined;

export async function setup(project: TestProject): Promise<void> {
  const started = Date.now();
  bench = await startBench({ log: (m) => process.stderr.write(`${m}\n`) });
  try {
    // Extensions (keep this list; each is `await bench.extend(startX)`):
    await bench.extend(opensearchExtension);
    await bench.extend(copyHostExtension);
  } catch (error) {
    // Do not leave the core services running when an extension cannot start.
    await bench.stop().catch(() => {});
    bench = undefined;
    throw error;
  }
  project.provide('bench', bench.info);
  process.stderr.write(`bench: ready in ${Date.now() - started} ms\n`);
}

export async function teardown(): Promise<void> {
  await bench?.stop();
  bench = undefined;
}
