import { describe, expect, it } from 'vitest';
import { type CliIo, commandHelp, main, parseArgs } from '../../../src/cli.js';
import { COMMANDS, definitionOf, settingsFor } from '../../../src/shared/settings/index.js';

function io(env: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const value: CliIo = { stdout: (t) => out.push(t), stderr: (l) => err.push(l), env };
  return { io: value, out, err };
}

describe('gateway-ops CLI', () => {
  it('--help lists every command; no command is a usage error', async () => {
    const a = io();
    expect(await main(['--help'], a.io)).toBe(0);
    for (const c of COMMANDS) expect(a.out.join('')).toContain(c);
    const b = io();
    expect(await main([], b.io)).toBe(2);
  });

  it('<command> --help lists exactly the settings of the schema, with defaults', async () => {
    for (const command of COMMANDS) {
      const a = io();
      expect(await main([command, '--help'], a.io)).toBe(0);
      const text = a.out.join('');
      const flags = [...text.matchAll(/^ {2}--([a-z0-9-]+)/gm)].map((m) => m[1]);
      expect(flags).toEqual(settingsFor(command, 'cli'));
      for (const name of settingsFor(command, 'cli')) {
        const def = definitionOf(name)!;
        if (def.defaultText) expect(text).toContain(`Default: ${def.defaultText}.`);
      }
    }
    expect(commandHelp('backup')).toContain('GATEWAY_OPS_SSH_PRIVATE_KEY');
  });

  it('an unknown command or option exits 2 and says why', async () => {
    const a = io();
    expect(await main(['bakup'], a.io)).toBe(2);
    expect(a.err.join('\n')).toContain("unknown command 'bakup'");
    const b = io();
    expect(await main(['backup', '--ssh-hots', 'x'], b.io)).toBe(2);
    expect(b.err.join('\n')).toContain("Unknown option '--ssh-hots' (did you mean 'ssh-host'?)");
  });

  it('bad settings exit 2 before anything runs, naming each problem', async () => {
    const a = io();
    const code = await main(
      ['backup', '--ssh-host', 'h', '--ssh-user', 'u', '--postgres-container', 'x;reboot'],
      a.io,
    );
    expect(code).toBe(2);
    const text = a.err.join('\n');
    expect(text).toContain("Invalid setting 'postgres-container'");
    expect(text).toContain("found 'x;reboot'");
    const b = io();
    expect(await main(['backup', '--ssh-host', 'h', '--ssh-user', 'u'], b.io)).toBe(2);
    expect(b.err.join('\n')).toContain('Missing SSH key');
    expect(b.err.join('\n')).toContain('Missing host key');
  });

  it('secrets come from the environment and never appear in output', async () => {
    const a = io({ GATEWAY_OPS_SSH_PRIVATE_KEY: 'PRIVATE-KEY-TEXT-123' });
    // A drill without its scratch target fails on the settings, before connecting anywhere.
    const code = await main(
      ['drill', '--ssh-host', 'h', '--ssh-user', 'u', '--ssh-host-fingerprint', `SHA256:${'B'.repeat(43)}`],
      a.io,
    );
    expect(code).toBe(2);
    const text = a.err.join('\n');
    expect(text).toContain("Missing setting 'drill-postgres-container'");
    expect(text).not.toContain('PRIVATE-KEY-TEXT-123');
  });

  it('parses --name value, --name=value and bare booleans', () => {
    expect(parseArgs(['backup', '--force', '--ssh-port=22', '--ssh-host', 'h']).values).toEqual({
      force: 'true',
      'ssh-port': '22',
      'ssh-host': 'h',
    });
    expect(parseArgs(['backup', '--force', 'false']).values).toEqual({ force: 'false' });
    expect(parseArgs(['backup', '--ssh-host']).problems).toEqual(["Option '--ssh-host' needs a value."]);
    expect(parseArgs(['backup', '--ssh-host', 'a', '--ssh-host', 'b']).problems).toEqual([
      "Option '--ssh-host' is given twice.",
    ]);
  });
});
