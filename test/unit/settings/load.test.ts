import { describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../../src/shared/errors.js';
import { crossCheck } from '../../../src/shared/settings/checks.js';
import { loadSettings, SETTINGS, settingsFor } from '../../../src/shared/settings/index.js';

const BASE = {
  'ssh-host': 'prod.example.org',
  'ssh-user': 'deploy',
};

function problemsOf(fn: () => unknown): readonly string[] {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigurationError);
    return (error as ConfigurationError).problems;
  }
  throw new Error('expected a ConfigurationError');
}

describe('loadSettings', () => {
  it('applies the reference deployment defaults', () => {
    const { settings, sources } = loadSettings('backup', { surface: 'action', explicit: BASE });
    expect(settings['postgres-container']).toBe('sds-gateway-prod-postgres');
    expect(settings['opensearch-container']).toBe('sds-gateway-prod-opensearch');
    expect(settings['backups-dir']).toBe('data/backups');
    expect(settings['snapshot-repository']).toBe('my-fs-repository');
    expect(settings['snapshot-location']).toBe('/mnt/snapshots');
    expect(settings['ssh-port']).toBe(22);
    expect(settings.compression).toBe('zstd');
    expect(settings['ssh-insecure-skip-host-key-check']).toBe(false);
    expect(sources['ssh-port']).toBe('default');
    expect(sources['ssh-host']).toBe('input');
  });

  it('types values: integers, booleans, durations, lists', () => {
    const { settings } = loadSettings('backup', {
      surface: 'action',
      explicit: {
        ...BASE,
        'ssh-port': '2222',
        force: 'TRUE',
        'ssh-command-timeout': '90m',
        components: 'postgres,\n opensearch',
        'pg-dumpall-args': '--no-role-passwords',
      },
    });
    expect(settings['ssh-port']).toBe(2222);
    expect(settings.force).toBe(true);
    expect(settings['ssh-command-timeout']).toBe(90 * 60_000);
    expect(settings.components).toEqual(['postgres', 'opensearch']);
    expect(settings['pg-dumpall-args']).toEqual(['--no-role-passwords']);
  });

  it('names the setting, the expected form and what was found', () => {
    const problems = problemsOf(() =>
      loadSettings('backup', { surface: 'action', explicit: { ...BASE, 'ssh-port': 'abc', force: 'yes' } }),
    );
    expect(problems).toContain(
      "Invalid setting 'ssh-port': expected an integer from 1 to 65535, found 'abc'.",
    );
    expect(problems).toContain("Invalid setting 'force': expected 'true' or 'false', found 'yes'.");
  });

  it('reports every missing required setting at once', () => {
    const problems = problemsOf(() => loadSettings('backup', { surface: 'action', explicit: {} }));
    expect(problems.some((p) => p.startsWith("Missing setting 'ssh-host'"))).toBe(true);
    expect(problems.some((p) => p.startsWith("Missing setting 'ssh-user'"))).toBe(true);
  });

  it('treats an empty input as not given (the runner passes empty strings)', () => {
    const problems = problemsOf(() =>
      loadSettings('backup', { surface: 'action', explicit: { 'ssh-host': '  ', 'ssh-user': 'u' } }),
    );
    expect(problems).toEqual([expect.stringMatching(/^Missing setting 'ssh-host'/)]);
  });

  it.each([
    ['postgres-container', 'db; rm -rf /'],
    ['postgres-container', '$(reboot)'],
    ['opensearch-container', 'a b'],
    ['backups-dir', 'data/`id`'],
    ['deploy-dir', '/srv/app;ls'],
    ['snapshot-repository', 'repo|x'],
    ['ssh-user', 'root&'],
    ['ssh-host', 'host -oProxyCommand=x'],
    ['pg-dumpall-args', '--file=/etc/passwd;x'],
    ['indices', 'a,b c'],
  ])('refuses shell metacharacters in %s (%s)', (name, value) => {
    const problems = problemsOf(() =>
      loadSettings('backup', { surface: 'action', explicit: { ...BASE, [name]: value } }),
    );
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(`Invalid setting '${name}': expected `);
  });

  it('never shows a secret in an error', () => {
    // blockKind accepts any non-empty text; simulate a wrong type from a config file instead.
    const problems = problemsOf(() =>
      loadSettings('migration-check', {
        surface: 'action',
        explicit: { 'github-token': 'ghp_secretsecret', config: 'c.yml' },
        readFile: () => 'github-token: ghp_other\n',
      }),
    );
    expect(problems.join('\n')).not.toContain('ghp_');
    expect(problems.join('\n')).toContain("'github-token' cannot be given in a config file: it is secret");
  });

  it('rejects unknown inputs with a suggestion', () => {
    const problems = problemsOf(() =>
      loadSettings('backup', { surface: 'cli', explicit: { ...BASE, 'ssh-hots': 'x' } }),
    );
    expect(problems).toEqual(["Unknown option '--ssh-hots' (did you mean 'ssh-host'?)."]);
  });

  it('rejects a setting of another command given explicitly', () => {
    const problems = problemsOf(() =>
      loadSettings('migration-check', { surface: 'cli', explicit: { 'ssh-host': 'x' } }),
    );
    expect(problems).toEqual(["Setting 'ssh-host' does not apply to 'migration-check'."]);
  });
});

describe('config file', () => {
  const read = (text: string) => () => text;

  it('input > config file > default', () => {
    const { settings, sources } = loadSettings('backup', {
      surface: 'cli',
      explicit: { config: 'gateway-ops.yml', 'ssh-port': '2200' },
      readFile: read(
        'ssh-host: prod\nssh-user: deploy\nssh-port: 2201\ncompression: gzip\ncomponents: [postgres]\n',
      ),
    });
    expect(settings['ssh-port']).toBe(2200);
    expect(sources['ssh-port']).toBe('flag');
    expect(settings.compression).toBe('gzip');
    expect(sources.compression).toBe('config');
    expect(settings.components).toEqual(['postgres']);
    expect(settings['keep-daily']).toBe(7);
  });

  it('unknown keys are errors, not ignored', () => {
    const problems = problemsOf(() =>
      loadSettings('backup', {
        surface: 'cli',
        explicit: { ...BASE, config: 'g.yml' },
        readFile: read('postgres-containr: x\nretention: 3\n'),
      }),
    );
    expect(problems).toEqual([
      "Unknown setting 'postgres-containr' in 'g.yml' (did you mean 'postgres-container'?).",
      "Unknown setting 'retention' in 'g.yml'.",
    ]);
  });

  it('says where a bad value came from', () => {
    const problems = problemsOf(() =>
      loadSettings('backup', {
        surface: 'cli',
        explicit: { ...BASE, config: 'g.yml' },
        readFile: read('ssh-port: [1, 2]\n'),
      }),
    );
    expect(problems).toEqual([
      "Invalid setting 'ssh-port' in 'g.yml': expected an integer from 1 to 65535, found [1,2] (a list).",
    ]);
  });

  it('a file that is not a mapping, not YAML, or missing', () => {
    expect(
      problemsOf(() =>
        loadSettings('backup', {
          surface: 'cli',
          explicit: { ...BASE, config: 'g.yml' },
          readFile: read('- a\n'),
        }),
      ),
    ).toEqual([
      "Setting 'config': expected 'g.yml' to hold a mapping of setting names to values, found a list.",
    ]);
    expect(
      problemsOf(() =>
        loadSettings('backup', {
          surface: 'cli',
          explicit: { ...BASE, config: 'g.yml' },
          readFile: read('a: ['),
        }),
      )[0],
    ).toMatch(/^Setting 'config': 'g.yml' is not valid YAML/);
    expect(
      problemsOf(() =>
        loadSettings('backup', { surface: 'cli', explicit: { ...BASE, config: '/nonexistent/g.yml' } }),
      ),
    ).toEqual(["Setting 'config': cannot read the file '/nonexistent/g.yml' (ENOENT)."]);
  });

  it('settings of other commands in a shared file are allowed', () => {
    const { settings } = loadSettings('migration-check', {
      surface: 'cli',
      explicit: { config: 'g.yml' },
      readFile: read('ssh-host: prod\nmanage-command: docker exec -i app python manage.py\n'),
    });
    expect(settings['manage-command']).toBe('docker exec -i app python manage.py');
  });
});

describe('cross checks', () => {
  it('a host key is required unless skipping is explicit', () => {
    const { settings } = loadSettings('backup', {
      surface: 'action',
      explicit: { ...BASE, 'ssh-private-key': 'k' },
    });
    expect(crossCheck('backup', settings, 'action')).toEqual([
      expect.stringMatching(/^Missing host key: set 'ssh-known-hosts'/),
    ]);
    const skip = loadSettings('backup', {
      surface: 'action',
      explicit: { ...BASE, 'ssh-private-key': 'k', 'ssh-insecure-skip-host-key-check': 'true' },
    }).settings;
    expect(crossCheck('backup', skip, 'action')).toEqual([]);
  });

  it('gzip levels, unknown time zones', () => {
    const { settings } = loadSettings('backup', {
      surface: 'action',
      explicit: {
        ...BASE,
        'ssh-private-key': 'k',
        'ssh-host-fingerprint': `SHA256:${'A'.repeat(43)}`,
        compression: 'gzip',
        'compression-level': '12',
        timezone: 'Mars/Olympus',
      },
    });
    expect(crossCheck('backup', settings, 'action')).toEqual([
      "Invalid setting 'timezone': expected an IANA time zone such as 'UTC' or 'Europe/Berlin', found 'Mars/Olympus'.",
      "Invalid setting 'compression-level': expected 1 to 9 for gzip, found 12.",
    ]);
  });
});

describe('schema', () => {
  it('every setting has a kebab-case name, a description and at least one command', () => {
    for (const [name, def] of Object.entries(SETTINGS)) {
      expect(name).toMatch(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/);
      expect(def.description.length).toBeGreaterThan(10);
      expect(def.commands.length).toBeGreaterThan(0);
      if ('default' in def && def.default !== undefined) {
        // The default is a valid value as stored (a string, a list) or as shown (a duration's text).
        const valid = [def.default, def.defaultText].some(
          (shown) => shown !== undefined && def.kind.schema.safeParse(shown).success,
        );
        expect(valid, `default of ${name}`).toBe(true);
      }
    }
  });

  it('secrets are never CLI flags', () => {
    for (const [name, def] of Object.entries(SETTINGS)) {
      if (def.secret) expect(def.surfaces?.cli, name).toBe(false);
    }
    expect(settingsFor('backup', 'cli')).not.toContain('ssh-private-key');
  });
});
