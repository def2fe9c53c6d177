import { describe, expect, it } from 'vitest';
import { chooseRetained, dayNumber, isoWeek } from '../../../src/shared/snapshot/retention.js';

/** Every day from `from` to `to` inclusive, as 'YYYY-MM-DD'. */
function days(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = dayNumber(from)!; d <= dayNumber(to)!; d++)
    out.push(new Date(d * 86_400_000).toISOString().slice(0, 10));
  return out;
}

const verified = (dates: string[]) => dates.map((date) => ({ date, verified: true }));
const kept = (plan: { keep: { date: string }[] }) => plan.keep.map((s) => s.date).sort();

describe('isoWeek', () => {
  it.each([
    ['2026-11-25', '2026-W48'],
    ['2026-01-01', '2026-W01'], // Thursday
    ['2027-01-01', '2026-W53'], // Friday: 2026 has 53 ISO weeks
    ['2027-01-03', '2026-W53'], // Sunday
    ['2027-01-04', '2027-W01'], // Monday
    ['2024-12-30', '2025-W01'], // Monday of the first week of 2025
    ['2021-01-03', '2020-W53'],
    ['2024-02-29', '2024-W09'],
  ])('%s is %s', (date, week) => {
    expect(isoWeek(date)).toBe(week);
  });

  it('rejects impossible dates', () => {
    expect(() => isoWeek('2026-02-30')).toThrow(/not a date/);
    expect(dayNumber('2026-13-01')).toBeUndefined();
    expect(dayNumber('2026-1-01')).toBeUndefined();
  });
});

describe('chooseRetained', () => {
  it('keeps 7 daily, 4 weekly, 6 monthly on a full calendar and deletes the rest', () => {
    const all = days('2026-01-01', '2026-11-25');
    const plan = chooseRetained(verified(all));
    expect(kept(plan)).toEqual(
      [
        // daily
        ...days('2026-11-19', '2026-11-25'),
        // weekly: newest of W48 (11-25), W47 (11-22 Sun), W46 (11-15), W45 (11-08)
        '2026-11-15',
        '2026-11-08',
        // monthly: newest of 2026-11 (11-25), 10, 09, 08, 07, 06
        '2026-10-31',
        '2026-09-30',
        '2026-08-31',
        '2026-07-31',
        '2026-06-30',
      ].sort(),
    );
    expect(plan.keep.length + plan.delete.length).toBe(all.length);
    const reason = plan.reasons.find((r) => r.snapshot.date === '2026-11-25')!;
    expect(reason.why).toEqual(['daily 2026-11-25', 'weekly 2026-W48', 'monthly 2026-11']);
    expect(plan.reasons.find((r) => r.snapshot.date === '2026-11-01')!.why).toEqual(['outside every slot']);
  });

  it('failed days do not take a slot: the daily slots reach further back', () => {
    const snaps = days('2026-11-10', '2026-11-25').map((date) => ({
      date,
      verified: !['2026-11-25', '2026-11-23', '2026-11-20'].includes(date),
    }));
    const plan = chooseRetained(snaps, { keepDaily: 7, keepWeekly: 0, keepMonthly: 0 });
    expect(kept(plan)).toEqual([
      '2026-11-16',
      '2026-11-17',
      '2026-11-18',
      '2026-11-19',
      '2026-11-21',
      '2026-11-22',
      '2026-11-24',
      '2026-11-25',
    ]);
    // today's failed snapshot is newer than every verified one: kept for inspection
    const today = plan.reasons.find((r) => r.snapshot.date === '2026-11-25')!;
    expect(today.keep).toBe(true);
    expect(today.why[0]).toMatch(/unverified, newer/);
    // older failed ones go
    expect(plan.delete.map((s) => s.date)).toContain('2026-11-23');
    expect(plan.delete.map((s) => s.date)).toContain('2026-11-20');
  });

  it('a failed day is not the representative of its week or month', () => {
    const snaps = [
      { date: '2026-10-31', verified: false },
      { date: '2026-10-30', verified: true },
      { date: '2026-11-25', verified: true },
    ];
    const plan = chooseRetained(snaps, { keepDaily: 1, keepWeekly: 0, keepMonthly: 2 });
    expect(kept(plan)).toEqual(['2026-10-30', '2026-11-25']);
    expect(plan.reasons.find((r) => r.snapshot.date === '2026-10-30')!.why).toEqual(['monthly 2026-10']);
  });

  it('gaps in the calendar: slots count days that have a snapshot, not calendar days', () => {
    const snaps = verified(['2026-01-02', '2026-03-15', '2026-03-16', '2026-06-01', '2026-11-25']);
    const plan = chooseRetained(snaps, { keepDaily: 3, keepWeekly: 0, keepMonthly: 0 });
    expect(kept(plan)).toEqual(['2026-03-16', '2026-06-01', '2026-11-25']);
    const monthly = chooseRetained(snaps, { keepDaily: 1, keepWeekly: 0, keepMonthly: 3 });
    expect(kept(monthly)).toEqual(['2026-03-16', '2026-06-01', '2026-11-25']);
  });

  it('weeks across a year boundary are ISO weeks (2026-W53 spans into January 2027)', () => {
    const snaps = verified(['2026-12-27', '2026-12-28', '2027-01-03', '2027-01-04', '2027-01-05']);
    const plan = chooseRetained(snaps, { keepDaily: 1, keepWeekly: 3, keepMonthly: 0 });
    // W01-2027: 01-05 (also daily); W53-2026: 01-03 (newest of 12-28..01-03); W52-2026: 12-27
    expect(kept(plan)).toEqual(['2026-12-27', '2027-01-03', '2027-01-05']);
    expect(plan.reasons.find((r) => r.snapshot.date === '2027-01-03')!.why).toEqual(['weekly 2026-W53']);
  });

  it('months across a year boundary', () => {
    const snaps = verified(['2025-11-30', '2025-12-15', '2025-12-31', '2026-01-01', '2026-01-20']);
    const plan = chooseRetained(snaps, { keepDaily: 1, keepWeekly: 0, keepMonthly: 3 });
    expect(kept(plan)).toEqual(['2025-11-30', '2025-12-31', '2026-01-20']);
  });

  it('never deletes the newest verified snapshot, even with a zero policy', () => {
    const snaps = [
      { date: '2026-11-20', verified: true },
      { date: '2026-11-21', verified: false },
    ];
    const plan = chooseRetained(snaps, { keepDaily: 0, keepWeekly: 0, keepMonthly: 0 });
    expect(kept(plan)).toEqual(['2026-11-20', '2026-11-21']);
    expect(plan.reasons.find((r) => r.snapshot.date === '2026-11-20')!.why).toEqual([
      'newest verified snapshot (always kept)',
    ]);
  });

  it('when nothing is verified, deletes nothing', () => {
    const snaps = days('2026-11-01', '2026-11-25').map((date) => ({ date, verified: false }));
    const plan = chooseRetained(snaps);
    expect(plan.delete).toEqual([]);
  });

  it('two snapshots of one day: only the newer (later in the input) fills the slot', () => {
    const a = { date: '2026-11-25', verified: true, name: 'a' };
    const b = { date: '2026-11-25', verified: true, name: 'b' };
    const plan = chooseRetained([a, b, { date: '2026-11-24', verified: true, name: 'c' }], {
      keepDaily: 2,
      keepWeekly: 0,
      keepMonthly: 0,
    });
    expect(plan.keep.map((s) => s.name).sort()).toEqual(['b', 'c']);
    expect(plan.delete.map((s) => s.name)).toEqual(['a']);
    expect(plan.reasons.find((r) => r.snapshot === a)!.why).toEqual([
      'an older snapshot of a day already kept',
    ]);
  });

  it('keeps the input objects (generic) and accounts for every snapshot once', () => {
    const snaps = days('2025-06-01', '2026-11-25').map((date, i) => ({ date, verified: i % 5 !== 0, id: i }));
    const plan = chooseRetained(snaps);
    const ids = [...plan.keep, ...plan.delete].map((s) => s.id).sort((x, y) => x - y);
    expect(ids).toEqual(snaps.map((s) => s.id));
    expect(plan.keep.every((s) => snaps.includes(s))).toBe(true);
    // 7 daily + at most 4 weekly + at most 6 monthly, overlapping
    expect(plan.keep.length).toBeGreaterThanOrEqual(7);
    expect(plan.keep.length).toBeLessThanOrEqual(17);
  });

  it('rejects bad dates and bad policies', () => {
    expect(() => chooseRetained([{ date: '2026-02-29', verified: true }])).toThrow(/not a date/);
    expect(() => chooseRetained([], { keepDaily: -1, keepWeekly: 0, keepMonthly: 0 })).toThrow(/keepDaily/);
    expect(() => chooseRetained([], { keepDaily: 1.5, keepWeekly: 0, keepMonthly: 0 })).toThrow(/keepDaily/);
  });
});
