import { describe, expect, it } from 'vitest';
import { worstStatus } from '../../../src/shared/health/findings.js';
import {
  judgePostgres,
  quoteIdentifier,
  refreshCollationStatement,
} from '../../../src/shared/health/postgres.js';

describe('refreshCollationStatement', () => {
  it('quotes every name as one identifier, embedded quotes doubled', () => {
    expect(refreshCollationStatement('spectrumx')).toBe(
      'ALTER DATABASE "spectrumx" REFRESH COLLATION VERSION;',
    );
    expect(refreshCollationStatement('we"ird; DROP DATABASE x; --')).toBe(
      'ALTER DATABASE "we""ird; DROP DATABASE x; --" REFRESH COLLATION VERSION;',
    );
    expect(quoteIdentifier('MixedCase db')).toBe('"MixedCase db"');
    expect(() => quoteIdentifier('a\0b')).toThrow(/NUL/);
  });
});

describe('judgePostgres', () => {
  const base = { serverVersion: '15.8', serverVersionNum: 150008 };
  it('warns per mismatched database, with the exact statement', () => {
    const findings = judgePostgres({
      ...base,
      databases: [
        { database: 'postgres', recorded: null, actual: null },
        { database: 'spectrumx', recorded: '2.31', actual: '2.36' },
      ],
    });
    expect(worstStatus(findings)).toBe('warn');
    const mismatch = findings.find((f) => f.check === 'collation spectrumx')!;
    expect(mismatch.summary).toContain('records 2.31, the system provides 2.36');
    expect(mismatch.fix).toContain('ALTER DATABASE "spectrumx" REFRESH COLLATION VERSION;');
  });
  it('passes when every version matches, and reports what was refreshed', () => {
    expect(
      worstStatus(judgePostgres({ ...base, databases: [{ database: 'a', recorded: '1', actual: '1' }] })),
    ).toBe('ok');
    const refreshed = judgePostgres({
      ...base,
      databases: [{ database: 'a', recorded: '1', actual: '1' }],
      refreshed: ['a'],
    });
    expect(refreshed.map((f) => f.summary).join()).toContain('refreshed');
  });
  it('has nothing to check before PostgreSQL 15', () => {
    const findings = judgePostgres({ serverVersion: '14.9', serverVersionNum: 140009, databases: [] });
    expect(findings[1]!.summary).toContain('records no collation version');
  });
});
