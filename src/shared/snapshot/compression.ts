/** How a snapshot file's bytes are compressed; decides its extension and its integrity test. */
export type Compression = 'zstd' | 'gzip' | 'none';

export const COMPRESSIONS: readonly Compression[] = ['zstd', 'gzip', 'none'];

export const DEFAULT_LEVEL: Record<Compression, number | null> = { zstd: 3, gzip: 6, none: null };
const LEVELS: Record<Compression, [number, number] | null> = { zstd: [1, 19], gzip: [1, 9], none: null };

export function compressionExtension(compression: Compression): string {
  return compression === 'zstd' ? '.zst' : compression === 'gzip' ? '.gz' : '';
}

/** The level to use, or an error message naming the allowed range. */
export function compressionLevel(compression: Compression, level: number | undefined): number | null {
  const range = LEVELS[compression];
  if (range === null) return null;
  if (level === undefined) return DEFAULT_LEVEL[compression];
  if (!Number.isInteger(level) || level < range[0] || level > range[1]) {
    throw new RangeError(
      `Invalid compression-level ${level} for ${compression}. Expected an integer from ${range[0]} to ${range[1]}.`,
    );
  }
  return level;
}

/** argv of the compressor stage (stdin to stdout), or null when the bytes pass through as they are. */
export function compressorArgv(compression: Compression, level: number | null): string[] | null {
  switch (compression) {
    case 'zstd':
      // -T0: one worker per core; the dump is the slow side, so this keeps the pipe drained.
      return ['zstd', '-q', '-T0', `-${level ?? 3}`, '-c'];
    case 'gzip':
      return ['gzip', `-${level ?? 6}`, '-c'];
    case 'none':
      return null;
  }
}

/** argv that exits 0 only when the compressed file decodes completely (checksums included). */
export function integrityTestArgv(compression: Compression, file: string): string[] | null {
  switch (compression) {
    case 'zstd':
      return ['zstd', '-q', '-t', '--', file];
    case 'gzip':
      return ['gzip', '-t', '--', file];
    case 'none':
      return null;
  }
}

/** The host tool a compression needs. */
export function compressorTool(compression: Compression): string | null {
  return compression === 'none' ? null : compression;
}
