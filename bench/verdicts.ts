/**
 * The rows of docs/benchmarks.md, computed from the benchmarks' JSON: what was measured, the
 * target, the figure, and the verdict, which comes from the numbers (never written by hand).
 */

export type Verdict = 'met' | 'not met' | 'not shown' | 'failed';

export interface Row {
  what: string;
  /** The plot's label. */
  short: string;
  target: string;
  measured: string;
  verdict: Verdict;
  /** Why the verdict is what it is, when the numbers alone do not say it. */
  note?: string;
  /** Share of the target used: measured / limit for "at most", limit / measured for "at least" (< 1 is met). */
  budget?: number;
  bench: string;
}

export interface PostgresJson {
  runs: number;
  datasets: {
    dataset: string;
    dbBytes: number;
    plainBytes: number;
    ratioMedian: number;
    ratioMin: number;
    ratioMax: number;
    referenceMedianMs: number;
    oursMedianMs: number;
    peakRssBytes: number;
  }[];
}
export interface OpenSearchJson {
  docs: number;
  runs: number;
  maxVerdictMs: number;
  maxPollMs: number;
  repositoryDay1Bytes: number;
  repositoryDay2Bytes: number;
}
export interface MigrationsJson {
  apps: number;
  perApp: number;
  runs: number;
  bare: { medianMs: number; cpuMs: number };
  ours: { medianMs: number; cpuMs: number };
  django: { medianMs: number; cpuMs: number };
  /** The same shape at the size of a real project. */
  real: { apps: number; perApp: number; medianMs: number; cpuMs: number };
}
export interface StartupJson {
  runs: number;
  rows: { process: string; firstLineMs: number; bareFirstLineMs: number }[];
}
export interface RestoreJson {
  pairs: number;
  sizes: {
    plainMiB: number;
    bareMedianS?: number;
    oursMedianS?: number;
    ratio?: number;
    peakRssMB: number;
  }[];
}

const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
const atMost = (value: number, limit: number): Pick<Row, 'verdict' | 'budget'> => ({
  verdict: value <= limit ? 'met' : 'not met',
  budget: value / limit,
});
const atLeast = (value: number, limit: number): Pick<Row, 'verdict' | 'budget'> => ({
  verdict: value >= limit ? 'met' : 'not met',
  budget: limit / value,
});
/** Peak memory is "flat" when the largest size's peak is within 15 % of the smallest's. */
const FLAT = 1.15;
const RSS_LIMIT_MB = 150;
/** "Several times faster" than the reference method, as a number. */
const SEVERAL = 2.5;

export function postgresRows(j: PostgresJson): Row[] {
  const bench = 'postgres';
  const rows: Row[] = j.datasets.map((d) => ({
    what: `PostgreSQL snapshot vs the bare \`ssh host 'pg_dumpall | zstd > f'\`, ${d.dataset} (${mib(d.dbBytes)} database)`,
    short: `backup / bare pipeline, ${d.dataset}`,
    target: 'ratio ≤ 1.10',
    measured: `${d.ratioMedian.toFixed(2)} (median of ${j.runs} pairs; ${d.ratioMin.toFixed(2)}–${d.ratioMax.toFixed(2)})`,
    ...atMost(d.ratioMedian, 1.1),
    bench,
  }));
  for (const d of j.datasets) {
    const speedup = d.referenceMedianMs / d.oursMedianMs;
    rows.push({
      what: `vs the reference method (dump to a file, copy, gzip), ${d.dataset}`,
      short: `backup vs the reference method, ${d.dataset}`,
      target: `several times faster (≥ ${SEVERAL}x)`,
      measured: `${speedup.toFixed(1)}x (medians)`,
      ...atLeast(speedup, SEVERAL),
      bench,
    });
  }
  const peaks = j.datasets.map((d) => d.peakRssBytes / 1e6);
  const flat = Math.max(...peaks) / Math.min(...peaks);
  rows.push({
    what: `peak RSS of the whole backup process, ${j.datasets.length} sizes`,
    short: 'backup: peak RSS (largest)',
    target: `≤ ${RSS_LIMIT_MB} MB, flat (largest ≤ ${FLAT}x smallest)`,
    measured: j.datasets.map((d, i) => `${peaks[i]!.toFixed(0)} MB (${d.dataset})`).join(', '),
    verdict: Math.max(...peaks) <= RSS_LIMIT_MB && flat <= FLAT ? 'met' : 'not met',
    budget: Math.max(...peaks) / RSS_LIMIT_MB,
    bench,
  });
  return rows;
}

export function openSearchRows(j: OpenSearchJson): Row[] {
  const growth = (j.repositoryDay2Bytes - j.repositoryDay1Bytes) / j.repositoryDay1Bytes;
  return [
    {
      what: `OpenSearch: the node's SUCCESS to our verdict (${j.docs} documents, ${j.runs * 3} snapshots)`,
      short: 'OpenSearch: SUCCESS to verdict (worst)',
      target: '≤ 1 s',
      measured: `worst ${j.maxVerdictMs} ms (polling part ≤ ${j.maxPollMs} ms)`,
      ...atMost(j.maxVerdictMs, 1000),
      bench: 'opensearch',
    },
    {
      what: 'OpenSearch: second snapshot of an unchanged cluster',
      short: 'OpenSearch: day-2 repository growth',
      target: 'incremental (repository grows ≤ 1 %)',
      measured: `repository grew ${(growth * 100).toFixed(2)} % (${j.repositoryDay2Bytes - j.repositoryDay1Bytes} bytes)`,
      ...atMost(growth, 0.01),
      bench: 'opensearch',
    },
  ];
}

export function migrationRows(j: MigrationsJson): Row[] {
  const size = `${j.apps} apps x ${j.perApp} migrations, PR touching 3 apps`;
  const ratio = j.django.medianMs / j.ours.medianMs;
  return [
    {
      what: `migration-check as a whole process (Node start and settings included), ${size}`,
      short: 'migration-check: whole process',
      target: '≤ 300 ms',
      measured: `${j.ours.medianMs.toFixed(0)} ms median (bare \`node -e 0\`: ${j.bare.medianMs.toFixed(0)} ms)`,
      ...atMost(j.ours.medianMs, 300),
      bench: 'migrations',
    },
    {
      what: `migration-check as a whole process, a project of ${j.real.apps} apps x ${j.real.perApp} migrations, PR touching 3 apps`,
      short: 'migration-check: whole process, real project size',
      target: '≤ 150 ms',
      measured: `${j.real.medianMs.toFixed(0)} ms median (bare \`node -e 0\`: ${j.bare.medianMs.toFixed(0)} ms)`,
      ...atMost(j.real.medianMs, 150),
      bench: 'migrations',
    },
    {
      what: 'migration-check vs `python manage.py check` with django-linear-migrations, whole processes (hyperfine)',
      short: 'migration-check vs manage.py check',
      target: '≥ 20x faster',
      measured: `${ratio.toFixed(1)}x (medians ${j.ours.medianMs.toFixed(0)} ms vs ${j.django.medianMs.toFixed(0)} ms); CPU ${(j.django.cpuMs / j.ours.cpuMs).toFixed(1)}x`,
      ...atLeast(ratio, 20),
      bench: 'migrations',
    },
  ];
}

/** Bare Node above this to its first line means a loaded machine: the wall-time verdicts say so. */
const LOADED_BARE_MS = 100;
const loadNote = (bareMs: number) =>
  bareMs > LOADED_BARE_MS ? { note: `loaded machine: bare node took ${bareMs} ms` } : {};

export function startupRows(j: StartupJson): Row[] {
  const cli = j.rows.filter((r) => r.process.startsWith('gateway-ops'));
  const actions = j.rows.filter((r) => r.process.startsWith('actions/'));
  const worst = actions.reduce((a, b) => (b.firstLineMs > a.firstLineMs ? b : a));
  return [
    ...cli.map((r) => ({
      what: `\`${r.process}\`, whole process, to its first line`,
      short: r.process,
      target: '≤ 150 ms',
      measured: `${r.firstLineMs} ms median of ${j.runs} (bare node: ${r.bareFirstLineMs} ms)`,
      ...atMost(r.firstLineMs, 150),
      ...loadNote(r.bareFirstLineMs),
      bench: 'startup',
    })),
    {
      what: `an action's bundle, load to its first log line (worst of ${actions.length}: ${worst.process})`,
      short: 'action bundle: first log line (worst)',
      target: '≤ 200 ms',
      measured: `${worst.firstLineMs} ms median of ${j.runs} (bare node: ${worst.bareFirstLineMs} ms)`,
      ...atMost(worst.firstLineMs, 200),
      ...loadNote(worst.bareFirstLineMs),
      bench: 'startup',
    },
  ];
}

export function restoreRows(j: RestoreJson): Row[] {
  const [first] = j.sizes;
  const rows: Row[] = [];
  if (first?.ratio !== undefined) {
    const big = first.plainMiB >= 1024;
    rows.push({
      what: `PostgreSQL restore (\`gateway-ops restore\`, postgres, no safety snapshot) vs the bare \`zstd -dc dump | psql\`, ${first.plainMiB} MiB of plain SQL`,
      short: `restore / bare psql, ${first.plainMiB} MiB`,
      target: 'ratio ≤ 1.10 at ≥ 1 GiB',
      measured: `${first.ratio.toFixed(3)} (medians ${first.bareMedianS} s vs ${first.oursMedianS} s, ${j.pairs} pairs)`,
      ...(big ? atMost(first.ratio, 1.1) : { verdict: 'not shown', budget: first.ratio / 1.1 }),
      ...(big ? {} : { note: 'measured below 1 GiB' }),
      bench: 'restore',
    });
  }
  const peaks = j.sizes.map((s) => s.peakRssMB);
  rows.push({
    what: `peak RSS of the whole restore process, ${j.sizes.length} sizes`,
    short: 'restore: peak RSS (largest)',
    target: `≤ ${RSS_LIMIT_MB} MB, flat`,
    measured: j.sizes.map((s) => `${s.peakRssMB} MB (${s.plainMiB} MiB)`).join(', '),
    verdict:
      Math.max(...peaks) <= RSS_LIMIT_MB && Math.max(...peaks) / Math.min(...peaks) <= FLAT
        ? 'met'
        : 'not met',
    budget: Math.max(...peaks) / RSS_LIMIT_MB,
    bench: 'restore',
  });
  return rows;
}

/**
 * bench/restore.ts prints Markdown tables (it has no `--json` yet): its ratio row
 * `| 99 MiB | 3 | 10.6 s | 17.0 s | 1.61 |` and its memory rows `| 99 MiB plain SQL | 131 MB |`.
 */
export function restoreFromStdout(stdout: string, pairs: number): RestoreJson {
  const sizes: RestoreJson['sizes'] = [];
  const ratio = /^\| (\d+) MiB \| \d+ \| ([\d.]+) s \| ([\d.]+) s \| ([\d.]+) \|$/m.exec(stdout);
  for (const m of stdout.matchAll(/^\| (\d+) MiB plain SQL \| (\d+) MB \|$/gm)) {
    sizes.push({ plainMiB: Number(m[1]), peakRssMB: Number(m[2]) });
  }
  if (!ratio || sizes.length === 0) {
    throw new Error(
      "bench/restore.ts's output has no ratio row ('| N MiB | pairs | bare s | ours s | ratio |') or no memory row ('| N MiB plain SQL | N MB |'): did its format change?",
    );
  }
  const first = sizes.find((s) => s.plainMiB === Number(ratio[1])) ?? sizes[0]!;
  Object.assign(first, {
    bareMedianS: Number(ratio[2]),
    oursMedianS: Number(ratio[3]),
    ratio: Number(ratio[4]),
  });
  sizes.sort((a, b) => (a === first ? -1 : b === first ? 1 : 0));
  return { pairs, sizes };
}
