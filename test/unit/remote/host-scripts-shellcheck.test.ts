/**
 * Every host script passes `shellcheck -s bash` (warnings and errors), rendered with hostile names,
 * and no script in src/ escapes the list of builders (test/helpers/host-scripts.ts).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SCRIPT_PRELUDE } from '../../../src/shared/remote/script.js';
import { remoteCommandLine } from '../../../src/shared/remote/supervisor.js';
import { HOST_SCRIPTS } from '../../helpers/host-scripts.js';

const dir = mkdtempSync(join(tmpdir(), 'gwops-shellcheck-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function sourceFiles(root: string): string[] {
  return readdirSync(root, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => join(entry.parentPath, entry.name));
}

/** shellcheck's findings (warning level and above) for each file, as gcc-style lines. */
function shellcheck(files: string[]): string[] {
  const result = spawnSync('shellcheck', ['-s', 'bash', '-S', 'warning', '-f', 'gcc', ...files], {
    encoding: 'utf8',
  });
  if (result.error)
    throw new Error(`shellcheck did not run (Debian package shellcheck): ${result.error.message}`);
  return result.stdout.split('\n').filter(Boolean);
}

describe('host scripts', () => {
  it('shellcheck is installed', () => {
    expect(execFileSync('shellcheck', ['--version'], { encoding: 'utf8' })).toMatch(/version: \d/);
  });

  it('every builder, rendered with hostile names, passes shellcheck -s bash', () => {
    const files: string[] = [];
    for (const [name, render] of Object.entries(HOST_SCRIPTS)) {
      render().forEach((script, i) => {
        const prelude = name === 'SUPERVISOR' || name === 'remoteCommandLine' ? '' : SCRIPT_PRELUDE;
        const file = join(dir, `${name}-${i}.sh`);
        writeFileSync(file, `#!/usr/bin/env bash\n${prelude}${script}\n`);
        files.push(file);
      });
    }
    expect(files.length).toBeGreaterThan(50);
    const findings = shellcheck(files).map((line) => {
      const [file = '', row = '0'] = line.split(':');
      const text = readFileSync(file, 'utf8').split('\n')[Number(row) - 1];
      return `${relative(dir, line)}\n    ${text?.slice(0, 200)}`;
    });
    expect(findings).toEqual([]);
  });

  it('finds a shell mistake (the check is live)', () => {
    const file = join(dir, 'broken.sh');
    writeFileSync(
      file,
      `#!/usr/bin/env bash\n${SCRIPT_PRELUDE}rm -rf "$dir/"*\ncd $undefined_place\n[ $x == 1 ]\n`,
    );
    expect(shellcheck([file]).length).toBeGreaterThan(0);
    expect(remoteCommandLine('true')).toContain('exec bash --norc --noprofile -c');
  });

  /**
   * Files whose scripts came from branches merged after this registry, not yet rendered here: their
   * findings are printed, not failed, and an entry that has no finding left must be removed. Each
   * must get its builders into HOST_SCRIPTS (names are not unique: copy has its own prepareScript).
   */
  const PENDING = new Set<string>([]);

  it('no script in src/ escapes the list of builders', () => {
    const registered = new Set(Object.keys(HOST_SCRIPTS));
    const problems: string[] = [];
    for (const file of sourceFiles('src')) {
      const text = readFileSync(file, 'utf8');
      // A builder is a function named *Script: each one is rendered and checked.
      for (const match of text.matchAll(/function (\w+Script)\s*\(/g)) {
        if (!registered.has(match[1]!)) problems.push(`${file}: builder ${match[1]} is not in HOST_SCRIPTS`);
      }
      // A script is never written inline at the call: exec takes a builder's result.
      for (const match of text.matchAll(/\.exec\(\s*([`'"]|(\w+)\()/g)) {
        const callee = match[2];
        if (!callee) problems.push(`${file}: an inline script passed to exec: move it into a builder`);
        else if (!registered.has(callee) && callee !== 'shellJoin' && callee !== 'remoteCommandLine') {
          problems.push(`${file}: exec(${callee}(...)): ${callee} is not in HOST_SCRIPTS`);
        }
      }
      // Script-shaped constants (multi-line template literals with shell keywords) are registered too.
      for (const match of text.matchAll(/export const ([A-Z][A-Z0-9_]*) =\s*(`[^`]*`|\[)/g)) {
        const body = match[2]!;
        const shellLike = /\b(then|fi|done|exec|trap)\b/.test(body) || body === '[';
        if (
          shellLike &&
          /\n/.test(body + text.slice(match.index!, match.index! + 400)) &&
          !registered.has(match[1]!)
        ) {
          if (body === '[' && !/\.join\('\\n'\)/.test(text.slice(match.index!, match.index! + 3000)))
            continue;
          problems.push(`${file}: script constant ${match[1]} is not in HOST_SCRIPTS`);
        }
      }
      // No script repeats what the exec channel's prelude adds.
      const code = text
        .split('\n')
        .filter((line) => !/^\s*(\*|\/\/|\/\*)/.test(line))
        .join('\n');
      if (/set -euo pipefail/.test(code) && !file.endsWith('remote/script.ts')) {
        problems.push(`${file}: repeats set -euo pipefail (the exec prelude adds it)`);
      }
    }
    const pending = problems.filter((problem) => PENDING.has(problem.slice(0, problem.indexOf(':'))));
    if (pending.length > 0)
      console.log(`host scripts not yet in HOST_SCRIPTS (pending):\n${pending.join('\n')}`);
    const stale = [...PENDING].filter((file) => !pending.some((problem) => problem.startsWith(`${file}:`)));
    expect(stale, 'PENDING files with nothing left to register: remove them from PENDING').toEqual([]);
    expect(problems.filter((problem) => !pending.includes(problem))).toEqual([]);
  });
});
