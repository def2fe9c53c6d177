import { z } from 'zod';
import { COMPRESSIONS } from './compression.js';
import { isPreRestoreLabel, isSnapshotDate } from './layout.js';

/**
 * `manifest.json`: the last file written into a snapshot, so its presence means the snapshot is
 * complete. It lists every other file with size and sha256, so `verify` can re-check them.
 */
export const MANIFEST_FORMAT = 'gateway-ops-snapshot';
export const MANIFEST_FORMAT_VERSION = 1;

const SHA256 = /^[0-9a-f]{64}$/;

/** A relative path inside the snapshot: no `..`, no leading `/`, no empty segment. */
const relativePath = z
  .string()
  .min(1)
  .refine(
    (path) =>
      !path.startsWith('/') &&
      path.split('/').every((part) => part !== '' && part !== '.' && part !== '..') &&
      !/[\0\n\r]/.test(path),
    { message: 'must be a relative path inside the snapshot' },
  );

export const manifestFileSchema = z.object({
  path: relativePath,
  size: z.number().int().nonnegative(),
  sha256: z.string().regex(SHA256, 'must be 64 lowercase hex digits'),
  compression: z.enum(COMPRESSIONS as ['zstd', 'gzip', 'none']),
  component: z.string().min(1),
});

/**
 * `failed`: the component failed while another one succeeded; the snapshot was kept for the good
 * ones, this one has no files and `error` says why. Such a snapshot is never a complete day.
 */
export const COMPONENT_VERDICTS = ['passed', 'skipped', 'failed'] as const;
export type ComponentVerdict = (typeof COMPONENT_VERDICTS)[number];

export const componentRecordSchema = z.object({
  verdict: z.enum(COMPONENT_VERDICTS),
  durationMs: z.number().int().nonnegative(),
  details: z.record(z.string(), z.unknown()),
  error: z.string().optional(),
});

const isoTime = z.iso.datetime({ offset: true });

export const manifestSchema = z
  .object({
    format: z.literal(MANIFEST_FORMAT),
    formatVersion: z.literal(MANIFEST_FORMAT_VERSION),
    gatewayOpsVersion: z.string().min(1),
    runId: z.string().min(1),
    host: z.string(),
    date: z.string().refine(isSnapshotDate, { message: 'must be a date YYYY-MM-DD' }),
    timezone: z.string().min(1),
    /** The directory's name when it is not the date (a restore's safety snapshot); absent for a daily one. */
    label: z
      .string()
      .refine(isPreRestoreLabel, { message: 'must be pre-restore-YYYYMMDDTHHMMSSZ' })
      .optional(),
    /** Absent in manifests written before labels: `daily`. */
    kind: z.enum(['daily', 'pre-restore']).optional(),
    createdAt: isoTime,
    completedAt: isoTime,
    components: z.record(z.string(), componentRecordSchema),
    files: z.array(manifestFileSchema),
  })
  .superRefine((manifest, ctx) => {
    const seen = new Set<string>();
    for (const [index, file] of manifest.files.entries()) {
      if (seen.has(file.path)) {
        ctx.addIssue({
          code: 'custom',
          path: ['files', index, 'path'],
          message: `duplicate file ${file.path}`,
        });
      }
      seen.add(file.path);
      if (file.path === 'manifest.json') {
        ctx.addIssue({
          code: 'custom',
          path: ['files', index, 'path'],
          message: 'the manifest cannot list itself',
        });
      }
      if (!(file.component in manifest.components)) {
        ctx.addIssue({
          code: 'custom',
          path: ['files', index, 'component'],
          message: `file ${file.path} belongs to component '${file.component}', which the manifest does not list`,
        });
      }
    }
    for (const [name, record] of Object.entries(manifest.components)) {
      if (record.verdict === 'failed' && manifest.files.some((file) => file.component === name)) {
        ctx.addIssue({
          code: 'custom',
          path: ['components', name],
          message: `component ${name} failed, yet files of it are listed`,
        });
      }
    }
    if ((manifest.kind === 'pre-restore') !== (manifest.label !== undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: ['label'],
        message: 'a pre-restore snapshot has a label, a daily one none',
      });
    }
    if (Date.parse(manifest.completedAt) < Date.parse(manifest.createdAt)) {
      ctx.addIssue({ code: 'custom', path: ['completedAt'], message: 'completedAt is before createdAt' });
    }
  });

export type Manifest = z.infer<typeof manifestSchema>;
export type ManifestFile = z.infer<typeof manifestFileSchema>;
export type ComponentRecord = z.infer<typeof componentRecordSchema>;

/** What a component hands back: its record plus the files it wrote (none when it failed). */
export interface ComponentResult {
  readonly name: string;
  readonly verdict: ComponentVerdict;
  readonly durationMs: number;
  readonly details: Record<string, unknown>;
  readonly files: readonly ManifestFile[];
  /** Why it failed (verdict `failed` only). */
  readonly error?: string;
}

/** The components a manifest records as failed. */
export function failedComponents(manifest: Manifest): string[] {
  return Object.entries(manifest.components)
    .filter(([, record]) => record.verdict === 'failed')
    .map(([name]) => name);
}

export interface ManifestInput {
  readonly gatewayOpsVersion: string;
  readonly runId: string;
  readonly host: string;
  readonly date: string;
  readonly timezone: string;
  /** A restore's safety snapshot: its directory's name. Absent for a daily snapshot. */
  readonly label?: string;
  readonly createdAt: Date;
  readonly completedAt: Date;
  readonly components: readonly ComponentResult[];
}

/** Builds and validates a manifest; throws when the input could not produce a valid one (a bug). */
export function buildManifest(input: ManifestInput): Manifest {
  const components: Record<string, ComponentRecord> = {};
  for (const component of input.components) {
    if (component.name in components)
      throw new Error(`buildManifest: component ${component.name} given twice`);
    components[component.name] = {
      verdict: component.verdict,
      durationMs: Math.max(0, Math.round(component.durationMs)),
      details: component.details,
      ...(component.error !== undefined ? { error: component.error } : {}),
    };
  }
  const manifest = {
    format: MANIFEST_FORMAT,
    formatVersion: MANIFEST_FORMAT_VERSION,
    gatewayOpsVersion: input.gatewayOpsVersion,
    runId: input.runId,
    host: input.host,
    date: input.date,
    timezone: input.timezone,
    ...(input.label !== undefined ? { label: input.label, kind: 'pre-restore' } : {}),
    createdAt: input.createdAt.toISOString(),
    completedAt: input.completedAt.toISOString(),
    components,
    files: input.components.flatMap((component) => component.files),
  };
  const result = manifestSchema.safeParse(manifest);
  if (!result.success) throw new Error(`buildManifest: invalid manifest: ${describeIssues(result.error)}`);
  return result.data;
}

export function serializeManifest(manifest: Manifest): string {
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

export type ParsedManifest = { ok: true; manifest: Manifest } | { ok: false; problem: string };

/** Parses `manifest.json` text; never throws, because a bad manifest is a finding, not a crash. */
export function parseManifest(text: string): ParsedManifest {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, problem: `manifest.json is not JSON (${(error as Error).message})` };
  }
  if (typeof json === 'object' && json !== null && 'formatVersion' in json) {
    const version = (json as { formatVersion: unknown }).formatVersion;
    if (typeof version === 'number' && version > MANIFEST_FORMAT_VERSION) {
      return {
        ok: false,
        problem: `manifest.json has format version ${version}; this gateway-ops reads version ${MANIFEST_FORMAT_VERSION}: upgrade gateway-ops`,
      };
    }
  }
  const result = manifestSchema.safeParse(json);
  if (!result.success)
    return { ok: false, problem: `manifest.json is not valid: ${describeIssues(result.error)}` };
  return { ok: true, manifest: result.data };
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length ? issue.path.join('.') : '(root)'}: ${issue.message}`)
    .join('; ');
}

/** One file as found on the host. `integrity` is the compressed-stream test's outcome. */
export interface FoundFile {
  readonly path: string;
  readonly size: number;
  readonly sha256: string | null;
  readonly integrity: { ok: true } | { ok: false; message: string } | null;
  /** The stream it was tested as, from its first bytes or name (`zstd`, `gzip`); absent: not a compressed stream. */
  readonly testedAs?: string;
}

export type FileProblemKind = 'missing' | 'size' | 'sha256' | 'integrity' | 'compression' | 'unexpected';

export interface FileProblem {
  readonly path: string;
  readonly kind: FileProblemKind;
  readonly expected: string;
  readonly found: string;
  readonly message: string;
}

/** Compares what the manifest promises with what is on disk; every difference, not just the first. */
export function compareFiles(expected: readonly ManifestFile[], found: readonly FoundFile[]): FileProblem[] {
  const problems: FileProblem[] = [];
  const onDisk = new Map(found.map((file) => [file.path, file]));
  for (const file of expected) {
    const actual = onDisk.get(file.path);
    onDisk.delete(file.path);
    if (!actual) {
      problems.push({
        path: file.path,
        kind: 'missing',
        expected: `${file.size} bytes`,
        found: 'no such file',
        message: `${file.path}: missing (expected ${file.size} bytes)`,
      });
      continue;
    }
    if (actual.size !== file.size) {
      problems.push({
        path: file.path,
        kind: 'size',
        expected: String(file.size),
        found: String(actual.size),
        message: `${file.path}: size ${actual.size} bytes, expected ${file.size}`,
      });
    }
    if (actual.sha256 !== null && actual.sha256 !== file.sha256) {
      problems.push({
        path: file.path,
        kind: 'sha256',
        expected: file.sha256,
        found: actual.sha256,
        message: `${file.path}: sha256 ${actual.sha256}, expected ${file.sha256}`,
      });
    }
    const stream = actual.testedAs ?? file.compression;
    if (actual.testedAs !== undefined && actual.testedAs !== file.compression) {
      problems.push({
        path: file.path,
        kind: 'compression',
        expected: file.compression,
        found: actual.testedAs,
        message: `${file.path}: the manifest says compression ${file.compression}, but the file is a ${actual.testedAs} stream`,
      });
    }
    if (actual.integrity && !actual.integrity.ok) {
      problems.push({
        path: file.path,
        kind: 'integrity',
        expected: `a complete ${stream} stream`,
        found: actual.integrity.message,
        message: `${file.path}: ${stream} test failed: ${actual.integrity.message}`,
      });
    }
  }
  for (const extra of onDisk.values()) {
    problems.push({
      path: extra.path,
      kind: 'unexpected',
      expected: 'not present (the manifest does not list it)',
      found: `${extra.size} bytes`,
      message: `${extra.path}: not listed in the manifest (${extra.size} bytes)`,
    });
  }
  return problems;
}
