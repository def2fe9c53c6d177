export const id = 295;
export const ids = [295];
export const modules = {

/***/ 59295:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  productionSeams: () => (/* binding */ productionSeams),
  runInAction: () => (/* binding */ runInAction)
});

// EXTERNAL MODULE: ./lib/src/shared/errors.js
var errors = __webpack_require__(8835);
// EXTERNAL MODULE: ./lib/src/shared/migrations/index.js + 17 modules
var migrations = __webpack_require__(87532);
// EXTERNAL MODULE: ./lib/src/shared/report/github.js
var github = __webpack_require__(77026);
// EXTERNAL MODULE: ./lib/src/shared/report/summary.js
var summary = __webpack_require__(70241);
// EXTERNAL MODULE: ./lib/src/shared/migrations/report.js
var migrations_report = __webpack_require__(2926);
;// CONCATENATED MODULE: ./lib/src/shared/migrations/pr-comment.js



/** Hidden marker that identifies our one comment per pull request. */
const COMMENT_MARKER = '<!-- gateway-ops:migration-check -->';
/** GitHub refuses bodies over 65,536 characters; stay clear of it. */
const COMMENT_LIMIT = 65_000;
const PAGE_SIZE = 100;
/** Escapes text for Markdown (and the HTML GitHub allows in it): nothing user-controlled renders as markup. */
function escapeMarkdown(text) {
    return text
        .replace(/[\\`*_{}[\]()#+\-.!|~>]/g, (c) => `\\${c}`)
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/\r?\n/g, ' ');
}
/** A code span that no backtick inside can close early. */
function codeSpan(text) {
    const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
    const fence = '`'.repeat(longest + 1);
    const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
    return `${fence}${pad}${text.replace(/\r?\n/g, ' ')}${pad}${fence}`;
}
/** A message of ours as Markdown: its `code` parts as code spans, everything else escaped. */
function markdownMessage(text) {
    const parts = text.split('`');
    // An odd number of backticks is not ours to interpret: escape it all.
    if (parts.length % 2 === 0)
        return escapeMarkdown(text);
    return parts.map((part, i) => (i % 2 === 1 ? codeSpan(part) : escapeMarkdown(part))).join('');
}
/** Which of the three a pull request is for an app whose base is not linear, or the plain status. */
function verdictWords(app, baseName) {
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
function fixParagraph(app, baseName) {
    if (app.plans.length === 0)
        return [];
    const steps = app.plans.map((p) => `rename ${codeSpan(p.oldPath)} to ${codeSpan(`${p.newName}.py`)} with ${codeSpan(`dependencies = ${p.newDependencies}`)} and write ${codeSpan(p.newName)} into ${codeSpan(p.maxMigrationPath)}`);
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
function appSection(app, baseName) {
    const lines = [`#### ${escapeMarkdown((0,migrations_report/* appTitle */.mZ)(app))}: ${escapeMarkdown(verdictWords(app, baseName))}`, ''];
    const item = (p, note) => {
        const where = p.file ? ` (${codeSpan(p.line ? `${p.file}:${p.line}` : p.file)})` : '';
        lines.push(`- ${note ? 'note: ' : ''}${codeSpan(p.code)} ${markdownMessage(p.message)}${where}`);
    };
    for (const p of app.problems)
        item(p, false);
    for (const p of app.notes)
        item(p, true);
    lines.push(...fixParagraph(app, baseName));
    return lines.join('\n');
}
/** Whether a report needs a comment when none exists yet: a problem, or a note on a base that is not linear. */
function worthComment(report) {
    return !report.ok || report.apps.some((a) => a.notes.length > 0);
}
/** The comment body for a report (marker included, under the size limit). */
function renderComment(report, options = {}) {
    const failed = report.apps.filter((a) => !a.ok);
    const noted = report.apps.filter((a) => a.ok && a.notes.length > 0);
    const baseName = report.base.name;
    const against = `${codeSpan(baseName)} (${codeSpan(report.base.commit.slice(0, 12))})`;
    const run = options.runUrl ? ` [Workflow run](${options.runUrl}).` : '';
    if (failed.length === 0 && noted.length === 0) {
        return `${COMMENT_MARKER}\n### ✅ Migration check: resolved\n\n${report.apps.length === 1 ? 'The 1 checked app is' : `All ${report.apps.length} checked apps are`} linear against ${against}.${run}\n`;
    }
    const title = failed.length > 0
        ? `### ❌ Migration check: ${(0,summary/* plural */.LS)(failed.length, 'app')} ${failed.length === 1 ? 'needs' : 'need'} attention`
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
        ...shown.map((a) => `| ${escapeMarkdown((0,migrations_report/* appTitle */.mZ)(a))} | ${escapeMarkdown(verdictWords(a, baseName))} | ${a.fix ? codeSpan(a.fix) : a.plans.length > 0 ? codeSpan('gateway-ops migration-check --fix') : a.ok ? '' : 'see below'} |`),
        '',
    ].join('\n');
    return limitBody(`${header}\n${shown.map((a) => appSection(a, baseName)).join('\n\n')}\n`);
}
/** Cuts a body at the limit on a line boundary and says so. */
function limitBody(body, limit = COMMENT_LIMIT) {
    if (body.length <= limit)
        return body;
    const note = `\n\n_(Truncated: the full report is in the job summary and the annotations.)_\n`;
    let cut = body.slice(0, limit - note.length);
    const nl = cut.lastIndexOf('\n');
    if (nl > limit / 2)
        cut = cut.slice(0, nl);
    return cut + note;
}
/** Every comment of the issue, all pages. */
async function allComments(client, issue) {
    const out = [];
    for (let page = 1;; page++) {
        const batch = await client.listComments(issue, page, PAGE_SIZE);
        out.push(...batch);
        if (batch.length < PAGE_SIZE)
            return out;
    }
}
/**
 * Creates or updates the one sticky comment. Only a comment carrying the marker AND written
 * by the token's own user counts (anyone can paste the marker). A clean result with no
 * earlier comment posts nothing: there is nothing to resolve.
 */
async function upsertStickyComment(client, issue, body, clean) {
    const me = await client.ownLogin();
    const mine = (await allComments(client, issue)).filter((c) => c.author === me && c.body.includes(COMMENT_MARKER));
    const existing = mine[0];
    if (existing) {
        if (existing.body === body)
            return { action: 'unchanged', commentId: existing.id };
        await client.updateComment(existing.id, body);
        return { action: 'updated', commentId: existing.id };
    }
    if (clean)
        return { action: 'skipped', reason: 'no problem and no earlier comment' };
    const created = await client.createComment(issue, body);
    return { action: 'created', commentId: created.id };
}
/** One line for the job summary when the token may not comment (fork pull requests). */
const READ_ONLY_NOTE = 'No pull request comment: this token cannot write to the pull request (a fork pull request gets a read-only token), so the result is in the annotations and this summary.';
/** Like upsertStickyComment, but a token that may not write (HTTP 403/404) is a note, not a failure. */
async function commentOrNote(client, issue, body, clean) {
    try {
        return await upsertStickyComment(client, issue, body, clean);
    }
    catch (error) {
        if (error instanceof github.GitHubRequestError && (error.status === 403 || error.status === 404)) {
            return { action: 'skipped', reason: READ_ONLY_NOTE };
        }
        throw error;
    }
}

// EXTERNAL MODULE: ./lib/src/shared/migrations/tree.js
var tree = __webpack_require__(2652);
// EXTERNAL MODULE: ./lib/src/commands/migration-check-common.js
var migration_check_common = __webpack_require__(96908);
;// CONCATENATED MODULE: ./lib/src/commands/migration-check-action.js






function commentLine(outcome, pr) {
    if (!outcome)
        return `#${pr}: no github-token, so no pull request comment (annotations and this summary only).`;
    if (outcome.action === 'skipped')
        return `#${pr}: ${outcome.reason}`;
    return `#${pr}: comment ${outcome.action}.`;
}
const BASE_BROKEN = new Set(['base-not-linear', 'pr-worsens-base', 'repairs-base']);
async function comment(client, pr, report, runUrl) {
    return commentOrNote(client, pr, renderComment(report, runUrl ? { runUrl } : {}), !worthComment(report));
}
/**
 * The action: on `pull_request`, check that pull request and keep its sticky comment; on a
 * `push` to the base branch, re-check every open pull request into it (GitHub runs no
 * pull_request workflow for one whose max_migration.txt now conflicts) and tell each.
 */
async function runInAction(context, seams) {
    const s = context.settings;
    const { event, client } = seams;
    const pr = event.payload.pull_request;
    const check = (base, head, baseName) => (0,migrations/* checkMigrations */.wE)((0,migration_check_common/* checkOptions */.Jr)(s, 'action', base, head, baseName));
    if (pr) {
        // The base branch as it is now (the payload's base sha may be older than the branch).
        const current = `refs/remotes/origin/${pr.base.ref}`;
        const moved = await (0,tree/* runGit */.EO)(s.repo, ['rev-parse', '--verify', '--quiet', current]).then(() => true, () => false);
        const base = s.base ?? (moved ? `origin/${pr.base.ref}` : pr.base.sha);
        const report = await check(base, pr.head.sha, s.base ?? pr.base.ref);
        (0,migration_check_common/* annotate */.fz)(context.log, report);
        const outcome = client ? await comment(client, pr.number, report, event.runUrl) : null;
        return {
            ok: report.ok,
            headline: (0,migrations/* verdictLine */.MT)(report),
            details: [commentLine(outcome, pr.number)],
            table: { header: ['app', 'verdict', 'fix'], rows: (0,migration_check_common/* table */.tp)(report) },
            outputs: (0,migration_check_common/* outputs */.V4)([report]),
        };
    }
    if (event.name === 'push') {
        const branch = event.ref.replace(/^refs\/heads\//, '');
        const base = s.base ?? event.sha;
        if (!client)
            throw new errors/* ConfigurationError */.j1("On 'push' the action re-checks open pull requests: set github-token.");
        const pulls = await client.listOpenPullRequests(branch);
        const reports = [];
        const details = [];
        const rows = [];
        for (const pull of pulls) {
            const head = await seams.fetchPullHead(pull);
            const report = await check(base, head, s.base ?? branch);
            reports.push(report);
            rows.push(...(0,migration_check_common/* table */.tp)(report, `#${pull.number} `));
            if (!report.apps.some((a) => a.status !== 'unchanged'))
                continue;
            (0,migration_check_common/* annotate */.fz)(context.log, report, `#${pull.number} `);
            details.push(commentLine(await comment(client, pull.number, report, event.runUrl), pull.number));
        }
        const baseBroken = reports.some((r) => r.apps.some((a) => BASE_BROKEN.has(a.status)));
        const needing = reports.filter((r) => !r.ok).length;
        return {
            // The push itself is at fault only when the base branch is not linear.
            ok: !baseBroken,
            headline: baseBroken
                ? `${branch} itself is not linear; ${(0,summary/* plural */.LS)(pulls.length, 'open pull request')} into it re-checked, ${needing} ${needing === 1 ? 'needs' : 'need'} attention.`
                : `${(0,summary/* plural */.LS)(pulls.length, 'open pull request')} into ${branch} re-checked; ${needing} ${needing === 1 ? 'needs' : 'need'} attention.`,
            details,
            table: { header: ['pull request: app', 'verdict', 'fix'], rows },
            outputs: (0,migration_check_common/* outputs */.V4)(reports),
        };
    }
    if (!s.base)
        throw new errors/* ConfigurationError */.j1(`On '${event.name}' set 'base' (the branch or commit to compare with).`);
    const report = await check(s.base, event.sha || 'HEAD', s.base);
    (0,migration_check_common/* annotate */.fz)(context.log, report);
    return {
        ok: report.ok,
        headline: (0,migrations/* verdictLine */.MT)(report),
        table: { header: ['app', 'verdict', 'fix'], rows: (0,migration_check_common/* table */.tp)(report) },
        outputs: (0,migration_check_common/* outputs */.V4)([report]),
    };
}
async function productionSeams(s) {
    const [{ context: ctx }, { octokitClient }] = await Promise.all([
        Promise.resolve(/* import() */).then(__webpack_require__.bind(__webpack_require__, 61351)),
        Promise.resolve(/* import() */).then(__webpack_require__.bind(__webpack_require__, 77026)),
    ]);
    const serverUrl = process.env['GITHUB_SERVER_URL'] ?? 'https://github.com';
    const event = {
        name: ctx.eventName,
        payload: ctx.payload,
        sha: ctx.sha,
        ref: ctx.ref,
        owner: ctx.repo.owner,
        repo: ctx.repo.repo,
        runUrl: `${serverUrl}/${ctx.repo.owner}/${ctx.repo.repo}/actions/runs/${ctx.runId}`,
    };
    const token = s['github-token'];
    return {
        event,
        client: token
            ? octokitClient({
                token,
                owner: event.owner,
                repo: event.repo,
                ...(process.env['GITHUB_API_URL'] ? { baseUrl: process.env['GITHUB_API_URL'] } : {}),
            })
            : null,
        fetchPullHead: async (pull) => {
            const ref = `refs/gateway-ops/pull/${pull.number}`;
            await (0,tree/* runGit */.EO)(s.repo, [
                'fetch',
                '--no-tags',
                '--quiet',
                'origin',
                `+refs/pull/${pull.number}/head:${ref}`,
            ]);
            return ref;
        },
    };
}


/***/ })

};
