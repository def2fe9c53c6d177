import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type OpenSearchNode, useOpenSearch } from '../services/opensearch.js';

let node: OpenSearchNode;
beforeAll(async () => {
  node = await useOpenSearch(inject('bench')?.extensions?.['opensearch']);
});
afterAll(async () => {
  await node?.stop();
});

describe('the test bench OpenSearch node', () => {
  it('is a real OpenSearch 2.19 node with path.repo set', async () => {
    const info = (await (await fetch(`${node.url}/`)).json()) as {
      version: { number: string; distribution: string };
    };
    expect(info.version.distribution).toBe('opensearch');
    expect(info.version.number).toMatch(/^2\.19\./);
    const settings = (await (await fetch(`${node.url}/_nodes/settings`)).json()) as {
      nodes: Record<string, { settings: { path: { repo: string[] | string } } }>;
    };
    const repo = Object.values(settings.nodes)[0]?.settings.path.repo;
    expect([repo].flat()).toContain(node.pathRepo);
  });
});
