/**
 * Canary secrets: distinctive values for every credential a run handles, and the scans that look
 * for them (raw, base64 at every alignment, URL-encoded) in what a run leaves behind: its streams
 * and runner files, what reached the loopback GitHub and artifact services, files on disk, and
 * the process list sampled while it ran.
 */
import { execFile } from 'node:child_process';
import { type Dirent, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export interface Canary {
  /** What it is, for the failure message ("PostgreSQL password"). */
  name: string;
  value: string;
}

interface Needle {
  canary: string;
  form: string;
  text: string;
}

/** base64 of `value` wherever it starts in a larger encoded text: the characters fixed by it alone. */
function base64Forms(value: string): string[] {
  const forms: string[] = [];
  for (const pad of ['', 'x', 'xx']) {
    const encoded = Buffer.from(pad + value).toString('base64');
    // Drop the characters that mix in the padding bytes (front) or what follows (end).
    const front = pad.length === 0 ? 0 : pad.length === 1 ? 2 : 3;
    const fixed = encoded.slice(front, encoded.length - 4);
    if (fixed.length >= 12) forms.push(fixed);
  }
  return forms;
}

/**
 * Every form of every canary a leak may take. Private keys are searched line by line, leaving
 * out `commonLines` (the header line all keys of a kind share).
 */
export function needlesOf(canaries: readonly Canary[], commonLines: readonly string[] = []): Needle[] {
  const needles: Needle[] = [];
  for (const { name, value } of canaries) {
    const parts = value.includes('PRIVATE KEY-----')
      ? value.split('\n').filter((l) => l.length >= 20 && !l.startsWith('-----') && !commonLines.includes(l))
      : [value];
    for (const part of parts) {
      needles.push({ canary: name, form: 'raw', text: part });
      if (encodeURIComponent(part) !== part)
        needles.push({ canary: name, form: 'URL-encoded', text: encodeURIComponent(part) });
      for (const text of base64Forms(part)) needles.push({ canary: name, form: 'base64', text });
      const url = Buffer.from(part).toString('base64url');
      if (url.length > 16) needles.push({ canary: name, form: 'base64url', text: url.slice(4, -4) });
    }
  }
  return needles;
}

/** "where: canary (form)" for each needle found in `text`. */
export function leaksIn(needles: readonly Needle[], where: string, text: string | Buffer): string[] {
  const haystack = typeof text === 'string' ? text : text.toString('latin1');
  const found = new Set<string>();
  for (const needle of needles) {
    if (haystack.includes(needle.text)) found.add(`${where}: ${needle.canary} (${needle.form})`);
  }
  return [...found];
}

export interface WalkOptions {
  /** Only files modified at or after this time (ms since the epoch). */
  since?: number;
  /** Paths to leave out (the encrypted archive is meant to hold the secrets). */
  skip?: (path: string) => boolean;
  maxBytes?: number;
  /** Called with each file read, so a caller can check the scan reached what it must. */
  onFile?: (path: string) => void;
}

/** Leaks in every regular file below `dir`. */
export function leaksInTree(needles: readonly Needle[], dir: string, options: WalkOptions = {}): string[] {
  const leaks: string[] = [];
  const maxBytes = options.maxBytes ?? 32 * 1024 * 1024;
  const walk = (path: string) => {
    let entries: Dirent[];
    try {
      entries = readdirSync(path, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const full = join(path, entry.name);
      if (options.skip?.(full)) continue;
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) {
        try {
          const info = statSync(full);
          if (info.size > maxBytes || (options.since !== undefined && info.mtimeMs < options.since)) continue;
          options.onFile?.(full);
          leaks.push(...leaksIn(needles, `file ${full}`, readFileSync(full)));
        } catch {
          // gone or unreadable meanwhile: not left behind
        }
      }
    }
  };
  walk(dir);
  return leaks;
}

/** `ps -eo args` every ~0.1 s until stopped: every command line seen on this machine (host and runner). */
export function sampleProcessList(): { stop(): Promise<string[]> } {
  const lines = new Set<string>();
  let running = true;
  let current: Promise<void> = Promise.resolve();
  const sample = (): Promise<void> =>
    new Promise((resolve) => {
      execFile('ps', ['-eo', 'args'], { maxBuffer: 16 * 1024 * 1024 }, (_error, stdout) => {
        for (const line of String(stdout).split('\n')) if (line) lines.add(line);
        resolve();
      });
    });
  const loop = async () => {
    while (running) {
      current = sample();
      await current;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };
  void loop();
  return {
    stop: async () => {
      running = false;
      await current;
      return [...lines];
    },
  };
}

/** What a directory held at one moment: each top-level entry's modification time (ms). */
export type Listing = Map<string, number>;

/** The entries directly below each of `dirs`, with their modification times (cheap: no descent). */
export function listTopLevel(dirs: readonly string[]): Listing {
  const listing: Listing = new Map();
  for (const dir of dirs) {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      continue;
    }
    for (const name of names) {
      const full = join(dir, name);
      try {
        listing.set(full, statSync(full).mtimeMs);
      } catch {
        // gone meanwhile
      }
    }
  }
  return listing;
}

/** The entries of `after` that `before` did not have, or that changed since: what the runs wrote. */
export function newOrChanged(before: Listing, after: Listing): string[] {
  return [...after].filter(([path, mtime]) => before.get(path) !== mtime).map(([path]) => path);
}

/** Leaks in `path`, a file or a directory (walked), skipping what `options` says. */
export function leaksInPath(needles: readonly Needle[], path: string, options: WalkOptions = {}): string[] {
  let info: ReturnType<typeof statSync>;
  try {
    info = statSync(path);
  } catch {
    return [];
  }
  if (options.skip?.(path)) return [];
  if (info.isDirectory()) return leaksInTree(needles, path, options);
  if (!info.isFile() || info.size > (options.maxBytes ?? 32 * 1024 * 1024)) return [];
  if (options.since !== undefined && info.mtimeMs < options.since) return [];
  try {
    options.onFile?.(path);
    return leaksIn(needles, `file ${path}`, readFileSync(path));
  } catch {
    return [];
  }
}
