import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Manifest, serializeManifest } from '../snapshot/manifest.js';

/** The one call of `@actions/artifact` we make; tests and other runners can pass their own. */
export interface ArtifactUpload {
  upload(
    name: string,
    files: string[],
    rootDirectory: string,
  ): Promise<{ id?: number | undefined; size?: number | undefined }>;
}

/** The real client (loaded only when an upload is asked for); it needs the runner's ACTIONS_* variables. */
export async function defaultArtifactUpload(): Promise<ArtifactUpload> {
  const { DefaultArtifactClient } = await import('@actions/artifact');
  const client = new DefaultArtifactClient();
  return { upload: (name, files, root) => client.uploadArtifact(name, files, root) };
}

export function manifestArtifactName(label: string): string {
  return `gateway-ops-manifest-${label}`;
}

/**
 * Uploads manifest.json and nothing else: it names files and sizes, never their contents, and an
 * artifact is readable by anyone with read access to the repository. The copy on the runner lives
 * in a private temp dir only for the upload.
 */
export async function uploadManifest(
  manifest: Manifest,
  label: string,
  upload: ArtifactUpload,
): Promise<{ name: string; id: number | null; size: number | null }> {
  const dir = mkdtempSync(join(tmpdir(), 'gateway-ops-manifest-'));
  try {
    const file = join(dir, 'manifest.json');
    writeFileSync(file, serializeManifest(manifest), { mode: 0o600 });
    const name = manifestArtifactName(label);
    const result = await upload.upload(name, [file], dir);
    return { name, id: result.id ?? null, size: result.size ?? null };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
