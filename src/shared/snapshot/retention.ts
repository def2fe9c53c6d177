/**
 * Retention of dated snapshots (OpenSearch snapshots and the on-disk day directories alike).
 *
 * Pure: given the snapshots and a policy, say which to keep and which to delete, and why.
 * The rules, newest first:
 * - only verified snapshots fill a slot: a failed day neither counts as a day nor as the
 *   representative of its week or month;
 * - daily: the newest verified snapshot of each of the `keepDaily` most recent days that have one;
 * - weekly: the newest verified snapshot of each of the `keepWeekly` most recent ISO weeks
 *   (Monday to Sunday, ISO week-numbering year) that have one;
 * - monthly: the newest verified snapshot of each of the `keepMonthly` most recent calendar months;
 * - the newest verified snapshot is always kept, whatever the policy says;
 * - for each component, the newest snapshot holding a good copy of it is kept, as pgBackRest never
 *   expires the only backup a restore could use: a day whose OpenSearch part failed still holds the
 *   newest PostgreSQL dump until a later snapshot holds a newer one;
 * - an unverified snapshot newer than the newest verified one is kept (it may still be running or
 *   be investigated); an unverified one older than it is deleted (superseded);
 * - while a bad snapshot (unverified, `components: []`) is kept, no verified one is deleted: a
 *   good snapshot never goes while a bad one stays;
 * - a second snapshot of the same day (only the newest of a day fills a slot) is deleted.
 * The slots overlap: one snapshot may be a day's, a week's and a month's at once.
 */

export interface RetentionPolicy {
  keepDaily: number;
  keepWeekly: number;
  keepMonthly: number;
}

export const DEFAULT_RETENTION_POLICY: RetentionPolicy = { keepDaily: 7, keepWeekly: 4, keepMonthly: 6 };

export interface DatedSnapshot {
  /** 'YYYY-MM-DD' */
  date: string;
  /** Complete and verified: every component passed and every file matches the manifest. */
  verified: boolean;
  /** The components it holds a good copy of (a verified one: all of its components); absent: unknown. */
  components?: readonly string[];
}

export interface RetentionDecision<T extends DatedSnapshot> {
  snapshot: T;
  keep: boolean;
  /** Why it is kept ('daily 2026-11-25', 'weekly 2026-W48', ...) or why it goes. */
  why: string[];
}

export interface RetentionPlan<T extends DatedSnapshot> {
  keep: T[];
  delete: T[];
  /** One decision per input snapshot, newest first. */
  reasons: RetentionDecision<T>[];
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 of a valid 'YYYY-MM-DD', or undefined when it is not a real date. */
export function dayNumber(date: string): number | undefined {
  const m = DATE.exec(date);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = Date.UTC(y, mo - 1, d);
  const back = new Date(t);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d)
    return undefined;
  return t / 86_400_000;
}

/** ISO 8601 week of a date: '2026-W48'; the year is the ISO week-numbering year. */
export function isoWeek(date: string): string {
  const day = dayNumber(date);
  if (day === undefined) throw new Error(`not a date YYYY-MM-DD: ${JSON.stringify(date)}`);
  const t = new Date(day * 86_400_000);
  const weekday = (t.getUTCDay() + 6) % 7; // Monday = 0
  // The Thursday of this week decides the year.
  const thursday = new Date((day - weekday + 3) * 86_400_000);
  const year = thursday.getUTCFullYear();
  const firstThursdayDay = dayNumber(`${year}-01-04`)!;
  const firstWeekday = (new Date(firstThursdayDay * 86_400_000).getUTCDay() + 6) % 7;
  const week1Monday = firstThursdayDay - firstWeekday;
  const week = Math.floor((day - weekday - week1Monday) / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

function checkPolicy(policy: RetentionPolicy): void {
  for (const [key, value] of Object.entries(policy)) {
    if (!Number.isInteger(value) || value < 0) {
      throw new Error(`retention: ${key} must be a non-negative integer, got ${String(value)}`);
    }
  }
}

interface Entry<T extends DatedSnapshot> {
  snapshot: T;
  day: number;
  why: string[];
  keep: boolean;
}

/** For each component, the newest entry holding a good copy of it (entries newest first). */
function newestCopies<T extends DatedSnapshot>(entries: readonly Entry<T>[]): Set<Entry<T>> {
  const newest = new Set<Entry<T>>();
  const copied = new Set<string>();
  for (const entry of entries) {
    for (const component of entry.snapshot.components ?? []) {
      if (copied.has(component)) continue;
      copied.add(component);
      newest.add(entry);
      if (!entry.keep) entry.why.push(`newest good copy of ${component} (always kept)`);
    }
  }
  return newest;
}

/** While a bad snapshot (unverified, `components: []`) is kept, every verified one is kept too. */
function keepGoodWhileBadIsKept<T extends DatedSnapshot>(entries: Entry<T>[]): void {
  if (!entries.some((e) => e.keep && !e.snapshot.verified && e.snapshot.components?.length === 0)) return;
  for (const entry of entries) {
    if (entry.keep || !entry.snapshot.verified) continue;
    entry.keep = true;
    entry.why = ['verified, and a bad snapshot is kept: no good snapshot is deleted while a bad one stays'];
  }
}

export function chooseRetained<T extends DatedSnapshot>(
  snapshots: readonly T[],
  policy: RetentionPolicy = DEFAULT_RETENTION_POLICY,
): RetentionPlan<T> {
  checkPolicy(policy);
  const entries = snapshots.map((snapshot, position) => {
    const day = dayNumber(snapshot.date);
    if (day === undefined)
      throw new Error(`retention: not a date YYYY-MM-DD: ${JSON.stringify(snapshot.date)}`);
    return { snapshot, position, day, why: [] as string[], keep: false };
  });
  // Newest first; for the same day the later entry in the input counts as the newer one.
  entries.sort((a, b) => b.day - a.day || b.position - a.position);

  const newestVerified = entries.find((e) => e.snapshot.verified);
  const rules: { name: string; count: number; bucket: (date: string) => string }[] = [
    { name: 'daily', count: policy.keepDaily, bucket: (d) => d },
    { name: 'weekly', count: policy.keepWeekly, bucket: isoWeek },
    { name: 'monthly', count: policy.keepMonthly, bucket: (d) => d.slice(0, 7) },
  ];
  for (const rule of rules) {
    const seen = new Set<string>();
    for (const entry of entries) {
      if (seen.size >= rule.count) break;
      if (!entry.snapshot.verified) continue;
      const bucket = rule.bucket(entry.snapshot.date);
      if (seen.has(bucket)) continue;
      seen.add(bucket);
      entry.keep = true;
      entry.why.push(`${rule.name} ${bucket}`);
    }
  }

  const newestCopy = newestCopies(entries);

  const keptDays = new Set<number>();
  for (const entry of entries) {
    if (entry === newestVerified) {
      if (!entry.keep) entry.why.push('newest verified snapshot (always kept)');
      entry.keep = true;
    }
    if (newestCopy.has(entry)) entry.keep = true;
    if (entry.keep) {
      keptDays.add(entry.day);
      continue;
    }
    if (!entry.snapshot.verified) {
      if (!newestVerified || entry.day > newestVerified.day) {
        entry.keep = true;
        entry.why.push('unverified, newer than every verified snapshot (kept for inspection)');
      } else {
        entry.why.push('unverified (failed or partial), superseded by a newer verified snapshot');
      }
      continue;
    }
    entry.why.push(
      keptDays.has(entry.day) ? 'an older snapshot of a day already kept' : 'outside every slot',
    );
  }

  keepGoodWhileBadIsKept(entries);

  const reasons = entries.map((e) => ({ snapshot: e.snapshot, keep: e.keep, why: e.why }));
  return {
    keep: reasons.filter((r) => r.keep).map((r) => r.snapshot),
    delete: reasons.filter((r) => !r.keep).map((r) => r.snapshot),
    reasons,
  };
}
