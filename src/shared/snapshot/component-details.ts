import { z } from 'zod';
import { COMPRESSIONS } from './compression.js';
import type { ComponentRecord } from './manifest.js';

/**
 * The typed `details` each component records in the manifest, and one parser that reads them
 * back: readers (verify, reuse, restore, status) never cast `details[...]` themselves. Each schema
 * names what readers rely on and lets the rest through, so older and newer manifests both parse.
 */
export const postgresDetailsSchema = z.looseObject({
  exec: z.enum(['docker', 'host']),
  container: z.string().nullable(),
  user: z.string(),
  serverVersion: z.string(),
  pgDumpallVersion: z.string(),
  compression: z.enum(COMPRESSIONS as ['zstd', 'gzip', 'none']),
  file: z.string().min(1),
  bytes: z.number().int().nonnegative(),
  rowCounts: z.record(z.string(), z.record(z.string(), z.number().int().nonnegative())),
  databases: z.array(z.string()),
});

const indexRecord = z.looseObject({
  docs: z.number().int().nonnegative().nullable(),
  health: z.string().optional(),
  status: z.string().optional(),
});

export const opensearchDetailsSchema = z.looseObject({
  snapshot: z.string().min(1),
  repository: z.string().min(1),
  state: z.string(),
  reused: z.boolean().optional(),
  shards: z.looseObject({ total: z.number(), successful: z.number(), failed: z.number() }).optional(),
  indices: z.record(z.string(), indexRecord),
});

export type PostgresRecordDetails = z.infer<typeof postgresDetailsSchema>;
export type OpenSearchRecordDetails = z.infer<typeof opensearchDetailsSchema>;

/** Component name → the schema of its details; secrets and git add theirs here. */
export const COMPONENT_DETAILS = {
  postgres: postgresDetailsSchema,
  opensearch: opensearchDetailsSchema,
} as const;

export type DetailedComponent = keyof typeof COMPONENT_DETAILS;
export type ComponentDetails<C extends DetailedComponent> = z.infer<(typeof COMPONENT_DETAILS)[C]>;

export type ParsedDetails<C extends DetailedComponent> =
  | { ok: true; details: ComponentDetails<C> }
  | { ok: false; problem: string };

/** Reads a component's recorded details back; never throws: a bad record is a finding. */
export function parseComponentDetails<C extends DetailedComponent>(
  component: C,
  record: ComponentRecord,
): ParsedDetails<C> {
  if (record.verdict !== 'passed') {
    return { ok: false, problem: `the ${component} component ${record.verdict}: it has no details` };
  }
  const result = COMPONENT_DETAILS[component].safeParse(record.details);
  if (!result.success) {
    const where = result.error.issues
      .slice(0, 3)
      .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
      .join('; ');
    return { ok: false, problem: `the manifest's ${component} details are not valid (${where})` };
  }
  return { ok: true, details: result.data as ComponentDetails<C> };
}
