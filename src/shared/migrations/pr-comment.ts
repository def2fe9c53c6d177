import { type GitHubClient, GitHubRequestError, type IssueComment } from '../report/github.js';
import { plural } from '../report/summary.js';
import { type AppReport, appTitle, type MigrationReport } from './report.js';

/** Hidden marker that identifies our one comment per pull request. */
export const COMMENT_MARKER = '<!-- gateway-ops:migration-check -->';
/** GitHub refuses bodies over 65,536 characters; stay clear of it. */
export const COMMENT_LIMIT = 65_000;
const PAGE_SIZE = 100;

/** Escapes text for Markdown (and the HTML GitHub allows in it): nothing user-controlled renders as markup. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\`*_{}[\]()#+\-.!|~>]/g, (c) => `\\${c}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/\r?\n/g, ' ');
}

/** A code span that no backtick inside can close early. */
export function codeSpan(text: string): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text.replace(/\r?\n/g, ' ')}${pad}${fence}`;
}

/** A message of ours as Markdown: its `code` parts as code spans, everything else escaped. */
export function markdownMessage(text: string): string {
  const parts = text.split('`');
  // An odd number of backticks is not ours to interpret: escape it all.
  if (parts.length % 2 === 0) return escapeMarkdown(text);
  return parts.map((part, i) => (i % 2 === 1 ? codeSpan(part) : escapeMarkdown(part))).join('');
}

/** Which of the three a pull request is for an app whose base is not linear, or the plain status. */
export function verdictWords(app: AppReport, baseName: string): string {
  switch (app.status) {
    case 'repairs-base':
      return `passes: repairs ${baseName}, which was not linear`;
    case 'base-not-linear':
      return `warning: ${baseName} is not linear; this pull request does not make it worse`;
    case 'pr-worsens-base':
      return `fails: ${baseName} is not linear, and this pull request makes it worse`;
    default:
      return app.ok ? app.status : `fails: ${app.status}`;
  }
}

function fixParagraph(app: AppReport, baseName: string): string[] {
  if (app.plans.length === 0) return [];
  const steps = app.plans.map(
    (p) =>
      `rename ${codeSpan(p.oldPath)} to ${codeSpan(`${p.newName}.py`)} with ${codeSpan(`dependencies = ${p.newDependencies}`)} and write ${codeSpan(p.newName)} into ${codeSpan(p.maxMigrationPath)}`,
  );
  const black = `When black is installed, rebase_migration also runs ${codeSpan('black --fast')} on the new file.`;
  if (app.fix) {
    return [
      '',
      `**Fix:** merge or rebase onto ${codeSpan(baseName)}, then run ${codeSpan(app.fix)}. It will ${steps[0]}. ${black}`,
    ];
  }
  return [
    '',
    `**Fix:** merge or rebase onto ${codeSpan(baseName)}, then run ${codeSpan('gateway-ops migration-check --fix')} while git stops on the conflict. In turn, it will:`,
    ...steps.map((s, i) => `${i + 1}. ${s}`),
  ];
}

function appSection(app: AppReport, baseName: string): string {
  const lines = [`#### ${escapeMarkdown(appTitle(app))}: ${escapeMarkdown(verdictWords(app, baseName))}`, ''];
  const item = (p: AppReport['problems'][number], note: boolean) => {
    const where = p.file ? ` (${codeSpan(p.line ? `${p.file}:${p.line}` : p.file)})` : '';
    lines.push(`- ${note ? 'note: ' : ''}${codeSpan(p.code)} ${markdownMessage(p.message)}${where}`);
  };
  for (const p of app.problems) item(p, false);
  for (const p of app.notes) item(p, true);
  lines.push(...fixParagraph(app, baseName));
  return lines.join('\n');
}

export interface CommentOptions {
  /** Link to the workflow run, for the full report. */
  runUrl?: string;
}

/** Whether a report needs a comment when none exists yet: a problem, or a note on a base that is not linear. */
export function worthComment(report: MigrationReport): boolean {
  return !report.ok || report.apps.some((a) => a.notes.length > 0);
}

/** The comment body for a report (marker included, under the size limit). */
export function renderComment(report: MigrationReport, options: CommentOptions = {}): string {
  const failed = report.apps.filter((a) => !a.ok);
  const noted = report.apps.filter((a) => a.ok && a.notes.length > 0);
  const baseName = report.base.name;
  const against = `${codeSpan(baseName)} (${codeSpan(report.base.commit.slice(0, 12))})`;
  const run = options.runUrl ? ` [Workflow run](${options.runUrl}).` : '';
  if (failed.length === 0 && noted.length === 0) {
    return `${COMMENT_MARKER}\n### ✅ Migration check: resolved\n\n${report.apps.length === 1 ? 'The 1 checked app is' : `All ${report.apps.length} checked apps are`} linear against ${against}.${run}\n`;
  }
  const title =
    failed.length > 0
      ? `### ❌ Migration check: ${plural(failed.length, 'app')} ${failed.length === 1 ? 'needs' : 'need'} attention`
      : '### ✅ Migration check: passed, with notes';
  const shown = [...failed, ...noted];
  const header = [
    COMMENT_MARKER,
    title,
    '',
    `Checked ${codeSpan(report.head.commit.slice(0, 12))} against ${against}.${run}`,
    '',
    '| app | verdict | fix |',
    '| --- | --- | --- |',
    ...shown.map(
      (a) =>
        `| ${escapeMarkdown(appTitle(a))} | ${escapeMarkdown(verdictWords(a, baseName))} | ${a.fix ? codeSpan(a.fix) : a.plans.length > 0 ? codeSpan('gateway-ops migration-check --fix') : a.ok ? '' : 'see below'} |`,
    ),
    '',
  ].join('\n');
  return limitBody(`${header}\n${shown.map((a) => appSection(a, baseName)).join('\n\n')}\n`);
}

/** Cuts a body at the limit on a line boundary and says so. */
export function limitBody(body: string, limit = COMMENT_LIMIT): string {
  if (body.length <= limit) return body;
  const note = `\n\n_(Truncated: the full report is in the job summary and the annotations.)_\n`;
  let cut = body.slice(0, limit - note.length);
  const nl = cut.lastIndexOf('\n');
  if (nl > limit / 2) cut = cut.slice(0, nl);
  return cut + note;
}

export type CommentOutcome =
  | { action: 'created' | 'updated' | 'unchanged'; commentId: number }
  | { action: 'skipped'; reason: string };

/** Every comment of the issue, all pages. */
async function allComments(client: GitHubClient, issue: number): Promise<IssueComment[]> {
  const out: IssueComment[] = [];
  for (let page = 1; ; page++) {
    const batch = await client.listComments(issue, page, PAGE_SIZE);
    out.push(...batch);
    if (batch.length < PAGE_SIZE) return out;
  }
}

/**
 * Creates or updates the one sticky comment. Only a comment carrying the marker AND written
 * by the token's own user counts (anyone can paste the marker). A clean result with no
 * earlier comment posts nothing: there is nothing to resolve.
 */
export async function upsertStickyComment(
  client: GitHubClient,
  issue: number,
  body: string,
  clean: boolean,
): Promise<CommentOutcome> {
  const me = await client.ownLogin();
  const mine = (await allComments(client, issue)).filter(
    (c) => c.author === me && c.body.includes(COMMENT_MARKER),
  );
  const existing = mine[0];
  if (existing) {
    if (existing.body === body) return { action: 'unchanged', commentId: existing.id };
    await client.updateComment(existing.id, body);
    return { action: 'updated', commentId: existing.id };
  }
  if (clean) return { action: 'skipped', reason: 'no problem and no earlier comment' };
  const created = await client.createComment(issue, body);
  return { action: 'created', commentId: created.id };
}

/** One line for the job summary when the token may not comment (fork pull requests). */
export const READ_ONLY_NOTE =
  'No pull request comment: this token cannot write to the pull request (a fork pull request gets a read-only token), so the result is in the annotations and this summary.';

/** Like upsertStickyComment, but a token that may not write (HTTP 403/404) is a note, not a failure. */
export async function commentOrNote(
  client: GitHubClient,
  issue: number,
  body: string,
  clean: boolean,
): Promise<CommentOutcome> {
  try {
    return await upsertStickyComment(client, issue, body, clean);
  } catch (error) {
    if (error instanceof GitHubRequestError && (error.status === 403 || error.status === 404)) {
      return { action: 'skipped', reason: READ_ONLY_NOTE };
    }
    throw error;
  }
}
