/**
 * Benchmark of the OpenSearch component against the real test node (OpenSearch 2.19, 512 MiB heap):
 * 1. polling overhead: from the node's end of the snapshot (its `end_time_in_millis`, same clock)
 *    to our verdict, for fast and throttled (slow) snapshots;
 * 2. incremental size: repository bytes on disk after a first snapshot and after a second snapshot
 *    of the unchanged cluster the next day.
 *
 *   node --experimental-transform-types --import ./test/services/register.mjs bench/opensearch.ts [docs runs]
 *
 * Writes docs/benchmarks-opensearch.md (and with `--json <file>` the figures as JSON, for bench/run-all.ts).
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import {
  createOpenSearchClient,
  judgeSnapshot,
  type OpenSearchLog,
  snapshotOpenSearch,
} from '../src/shared/opensearch/index.js';
import { getSnapshot, waitForSnapshot } from '../src/shared/opensearch/snapshot.js';
import { startOpenSearch } from '../test/services/opensearch.js';
import { jsonOption, writeJson } from './json.js';

const { args, json } = jsonOption(process.argv.slice(2));
const [docs = 50_000, runs = 5] = args.map(Number);
const quiet: OpenSearchLog = { info: () => {}, warn: (m) => process.stderr.write(`warn: ${m}\n`) };
const du = (dir: string) => Number(execFileSync('du', ['-sb', dir], { encoding: 'utf8' }).split('\t')[0]);
const median = (values: number[]) => {
  const s = [...values].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const mib = (n: number) => `${(n / 1024 / 1024).toFixed(2)} MiB`;

const started = Date.now();
const node = await startOpenSearch();
const startupMs = Date.now() - started;
const os = createOpenSearchClient({ url: node.url, requestTimeoutMs: 120_000 });
const client = os.client;

// Every answer of GET _snapshot/<repo>/<snap> with its time, to split the delay between the node
// (finalising after end_time) and our polling (from the last IN_PROGRESS answer to the verdict).
const answers: { snapshot: string; state: string; at: number }[] = [];
const originalGet = client.snapshot.get.bind(client.snapshot);
(client.snapshot as unknown as { get: unknown }).get = async (...args: Parameters<typeof originalGet>) => {
  const response = await originalGet(...args);
  const snaps =
    ((response as unknown as { body: unknown }).body as { snapshots?: { snapshot: string; state: string }[] })
      .snapshots ?? [];
  for (const s of snaps) answers.push({ snapshot: s.snapshot, state: s.state, at: Date.now() });
  return response;
};

try {
  // Data: `docs` documents of ~300 bytes in 2 indices.
  for (const index of ['bench-a', 'bench-b']) {
    await client.indices.create({
      index,
      body: { settings: { number_of_shards: 1, number_of_replicas: 0 } },
    } as never);
    const per = Math.floor(docs / 2);
    for (let start = 0; start < per; start += 5000) {
      const body: unknown[] = [];
      for (let i = start; i < Math.min(per, start + 5000); i++) {
        body.push(
          { index: { _index: index } },
          { n: i, text: `${'lorem ipsum dolor sit amet '.repeat(10)}${i}` },
        );
      }
      await client.bulk({ body } as never);
    }
  }
  await client.indices.refresh({ index: 'bench-*' } as never);
  await client.indices.forcemerge({ index: 'bench-*', max_num_segments: 1 } as never);

  // 1. Polling overhead, fast and throttled snapshots, each into its own repository (full copy each time).
  const overhead: { kind: string; snapshotMs: number; verdictMs: number; pollMs: number; fullMs: number }[] =
    [];
  for (let i = 0; i < runs; i++) {
    for (const [kind, rate] of [
      ['fast', '1gb'],
      ['throttled', '1mb'],
      ['slow', '256kb'],
    ] as const) {
      const repository = `bench-${kind}-${i}`;
      const location = join(node.pathRepo, repository);
      await client.snapshot.createRepository({
        repository,
        body: { type: 'fs', settings: { location, max_snapshot_bytes_per_sec: rate } },
      } as never);
      // (a) our poll loop + verdict alone
      const name = `poll_${i}`;
      await client.snapshot.create(
        {
          repository,
          snapshot: name,
          wait_for_completion: false,
          body: { indices: 'bench-*', include_global_state: false },
        },
        { maxRetries: 0 },
      );
      answers.length = 0;
      const info = await waitForSnapshot(client, repository, name, { timeoutMs: 600_000 }, quiet);
      const verdict = judgeSnapshot(info, ['bench-a', 'bench-b']);
      const verdictAt = Date.now();
      const lastRunning = answers.filter((a) => a.snapshot === name && a.state === 'IN_PROGRESS').at(-1)?.at;
      if (!verdict.ok) throw new Error(`bench snapshot failed: ${verdict.problems.join('; ')}`);
      const final = await getSnapshot(client, repository, name);
      const end = (final as { end_time_in_millis?: number }).end_time_in_millis!;
      const start = (final as { start_time_in_millis?: number }).start_time_in_millis!;
      // (b) the whole component on a fresh repository (repository check, counts, snapshot, verdict, sizes)
      const fullRepo = `${repository}-full`;
      await client.snapshot.createRepository({
        repository: fullRepo,
        body: { type: 'fs', settings: { location: `${location}-full`, max_snapshot_bytes_per_sec: rate } },
      } as never);
      const result = await snapshotOpenSearch(
        client,
        {
          repository: fullRepo,
          location: `${location}-full`,
          date: '2026-11-25',
          indices: ['bench-*'],
          timeoutMs: 600_000,
        },
        quiet,
      );
      const fullAt = Date.now();
      const fullEnd = Date.parse(result.endTime!);
      const pollMs = verdictAt - Math.max(lastRunning ?? end, end);
      overhead.push({
        kind,
        snapshotMs: end - start,
        verdictMs: verdictAt - end,
        pollMs,
        fullMs: fullAt - fullEnd,
      });
      process.stderr.write(
        `${kind} run ${i}: snapshot ${end - start} ms, verdict +${verdictAt - end} ms (last IN_PROGRESS answer -> verdict ${pollMs} ms), component +${fullAt - fullEnd} ms\n`,
      );
    }
  }

  // 2. Incremental: the same repository, day 1 and day 2 of an unchanged cluster.
  const repository = 'bench-incremental';
  const location = join(node.pathRepo, repository);
  const day1 = await snapshotOpenSearch(
    client,
    { repository, location, date: '2026-11-24', indices: ['bench-*'], timeoutMs: 600_000 },
    quiet,
  );
  const afterDay1 = du(location);
  const day2 = await snapshotOpenSearch(
    client,
    { repository, location, date: '2026-11-25', indices: ['bench-*'], timeoutMs: 600_000 },
    quiet,
  );
  const afterDay2 = du(location);
  const dataBytes = du(join(node.pathRepo, '..', 'home', 'data'));

  const rows = (kind: string) => overhead.filter((o) => o.kind === kind);
  const line = (kind: string) => {
    const r = rows(kind);
    return `| ${kind} | ${r.length} | ${median(r.map((x) => x.snapshotMs))} | ${median(r.map((x) => x.verdictMs))} | ${Math.max(...r.map((x) => x.verdictMs))} | ${median(r.map((x) => x.pollMs))} | ${Math.max(...r.map((x) => x.pollMs))} | ${median(r.map((x) => x.fullMs))} | ${Math.max(...r.map((x) => x.fullMs))} |`;
  };
  const maxVerdict = Math.max(...overhead.map((o) => o.verdictMs));
  const maxPoll = Math.max(...overhead.map((o) => o.pollMs));
  const md = `# OpenSearch component: benchmark

Measured ${new Date().toISOString()} with \`bench/opensearch.ts\` (${docs} documents, ${runs} runs per kind) on this
machine: ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), ${Math.round(totalmem() / 1024 ** 3)} GiB RAM, shared with other work.
Node: the real OpenSearch 2.19.6 test node (in-process launcher, 512 MiB heap, single node, fs repository
on the local disk); node start-up to green: ${startupMs} ms.

Reproduce: \`node --experimental-transform-types --import ./test/services/register.mjs bench/opensearch.ts [docs runs]\`.

## 1. From the node's SUCCESS to our verdict (target: at most 1 s)

The node's clock and ours are the same machine's; "end" is the snapshot's \`end_time_in_millis\`.
"verdict" is our poll loop (GET \`_snapshot/<repo>/<snap>\` with backoff 100 ms x1.5 up to 500 ms) plus
the verdict; "component" is the whole \`snapshotOpenSearch\` (it also reads \`_status\` for the sizes
after the verdict). "throttled" and "slow" snapshots run at \`max_snapshot_bytes_per_sec\` 1mb and
256kb, so the poll interval has reached its 500 ms cap when they end: the worst case.

| kind | runs | snapshot (median) | end -> verdict (median) | end -> verdict (max) | last IN_PROGRESS answer -> verdict (median) | (max) | end -> component done (median) | (max) |
|---|---|---|---|---|---|---|---|---|
${line('fast')}
${line('throttled')}
${line('slow')}

All times in ms. Worst end -> verdict: **${maxVerdict} ms** (${maxVerdict <= 1000 ? 'meets' : 'MISSES'} the 1 s target); worst last
IN_PROGRESS answer -> verdict: **${maxPoll} ms**. After \`end_time\` the node still finalises the
snapshot (writes its metadata files into the repository, updates the cluster state) before GET
reports SUCCESS; that part is the node's. The part that is ours is bounded by one poll interval
(at most 500 ms) plus one GET: the "last IN_PROGRESS answer -> verdict" columns.

## 2. A second snapshot of an unchanged cluster is incremental

| | bytes |
|---|---|
| index data on the node (\`path.data\`) | ${dataBytes} (${mib(dataBytes)}) |
| repository after day 1 (\`du -sb\`) | ${afterDay1} (${mib(afterDay1)}) |
| repository after day 2, nothing changed | ${afterDay2} (${mib(afterDay2)}) |
| growth on day 2 | ${afterDay2 - afterDay1} (${(((afterDay2 - afterDay1) / afterDay1) * 100).toFixed(2)} %) |
| day 1 \`_status\`: total / new | ${day1.sizes?.sizeBytes} / ${day1.sizes?.incrementalSizeBytes} (${day1.sizes?.incrementalFileCount} files) |
| day 2 \`_status\`: total / new | ${day2.sizes?.sizeBytes} / ${day2.sizes?.incrementalSizeBytes} (${day2.sizes?.incrementalFileCount} files) |

The second day adds only the snapshot's own metadata files; the segment files are shared. The
reference runbook zipped the whole repository every day, i.e. about ${mib(afterDay1)} more per day for
this data set, and never deleted anything.
`;
  writeFileSync('docs/benchmarks-opensearch.md', md);
  writeJson(json, {
    docs,
    runs,
    maxVerdictMs: maxVerdict,
    maxPollMs: maxPoll,
    repositoryDay1Bytes: afterDay1,
    repositoryDay2Bytes: afterDay2,
    day2NewBytes: day2.sizes?.incrementalSizeBytes ?? null,
  });
  process.stdout.write(md);
} finally {
  await os.close();
  await node.stop();
}
