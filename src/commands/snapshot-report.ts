import { errorMessage } from '../shared/errors.js';
import type { Log } from '../shared/report/log.js';
import {
  type ArtifactUpload,
  defaultArtifactUpload,
  uploadManifest,
} from '../shared/report/manifest-artifact.js';
import type { Settings } from '../shared/settings/index.js';
import type { Manifest } from '../shared/snapshot/index.js';
import { formatBytes } from '../shared/text.js';
import { formatDuration } from './host.js';
import type { SummaryTable } from './types.js';

/** The job summary's table of a snapshot: one row per component (verdict, size, duration, files). */
export function componentsTable(manifest: Manifest): SummaryTable {
  return {
    header: ['component', 'verdict', 'size', 'duration', 'files'],
    rows: Object.entries(manifest.components).map(([name, record]) => {
      const files = manifest.files.filter((file) => file.component === name);
      const bytes = files.reduce((sum, file) => sum + file.size, 0);
      return [
        name,
        verdictText(record.verdict, { ...record.details, error: (record as { error?: unknown }).error }),
        files.length > 0 ? formatBytes(bytes) : '-',
        formatDuration(record.durationMs),
        files.length > 0 ? files.map((file) => file.path).join(', ') : '-',
      ];
    }),
  };
}

/** `skipped: <reason>` / `failed: <error>` when the component recorded why. */
function verdictText(verdict: string, details: Record<string, unknown>): string {
  const why = details['error'] ?? details['reason'];
  return verdict !== 'passed' && typeof why === 'string' ? `${verdict}: ${why}` : verdict;
}

/**
 * `upload-manifest: true` in the action: manifest.json as an artifact. A failed upload is warned
 * about and reported; the snapshot on the host is complete either way.
 */
export async function uploadManifestIfAsked(
  settings: Settings,
  surface: 'action' | 'cli',
  manifest: Manifest,
  label: string,
  log: Log,
  upload: () => Promise<ArtifactUpload> = defaultArtifactUpload,
): Promise<string[]> {
  if (!settings['upload-manifest'] || surface !== 'action') return [];
  try {
    const done = await uploadManifest(manifest, label, await upload());
    return [
      `Uploaded manifest.json (only it) as the artifact ${done.name}${done.id !== null ? ` (id ${done.id})` : ''}.`,
    ];
  } catch (error) {
    log.warn(`Could not upload manifest.json as an artifact: ${errorMessage(error)}`);
    return [`Manifest upload failed: ${errorMessage(error)}`];
  }
}
