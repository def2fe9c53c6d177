export const id = 292;
export const ids = [292];
export const modules = {

/***/ 96908:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Jr: () => (/* binding */ checkOptions),
/* harmony export */   V4: () => (/* binding */ outputs),
/* harmony export */   fz: () => (/* binding */ annotate),
/* harmony export */   tp: () => (/* binding */ table)
/* harmony export */ });
/* harmony import */ var _shared_migrations_index_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(87532);

/** The check's options from the settings; names in messages are in the surface's form. */
function checkOptions(s, surface, base, head, baseName = base) {
    return {
        repo: s.repo,
        base,
        baseName,
        head,
        apps: s.apps ?? [],
        excludeApps: s['exclude-apps'],
        allowNoApps: s['allow-no-apps'],
        manageCommand: s['manage-command'],
        settingName: surface === 'cli' ? (name) => `--${name}` : (name) => name,
    };
}
/** The fix of an app in one sentence: the command, then what it does. */
function fixSentence(app) {
    const steps = (0,_shared_migrations_index_js__WEBPACK_IMPORTED_MODULE_0__/* .planSteps */ .Dv)(app.plans);
    if (steps.length === 0)
        return '';
    if (app.fix)
        return ` Fix: run \`${app.fix}\`; it will ${steps[0]}.`;
    return ` Fix: run \`gateway-ops migration-check --fix\` during the conflict; in turn it will ${steps.map((s, i) => `(${i + 1}) ${s}`).join(', ')}.`;
}
/** One annotation per problem (the fix on the first), a warning per note. */
function annotate(log, report, prefix = '') {
    for (const app of report.apps) {
        app.problems.forEach((p, i) => {
            log.error(`${prefix}${(0,_shared_migrations_index_js__WEBPACK_IMPORTED_MODULE_0__/* .appTitle */ .mZ)(app)}: ${p.message}${i === 0 ? fixSentence(app) : ''}`, {
                ...(p.file ? { file: p.file } : {}),
                ...(p.line ? { line: p.line } : {}),
                title: `migration-check: ${p.code}`,
            });
        });
        for (const p of app.notes) {
            log.warn(`${prefix}${(0,_shared_migrations_index_js__WEBPACK_IMPORTED_MODULE_0__/* .appTitle */ .mZ)(app)}: ${p.message}`, {
                ...(p.file ? { file: p.file } : {}),
                ...(p.line ? { line: p.line } : {}),
                title: `migration-check: ${p.code}`,
            });
        }
    }
}
function outputs(reports) {
    const apps = reports.flatMap((r) => (0,_shared_migrations_index_js__WEBPACK_IMPORTED_MODULE_0__/* .toJson */ .aB)(r).apps);
    return {
        ok: String(reports.every((r) => r.ok)),
        conflicts: JSON.stringify(apps.filter((a) => !a.ok)),
        'apps-needing-rebase': [
            ...new Set(reports.flatMap((r) => r.apps.filter((a) => a.plans.length > 0).map((a) => a.app))),
        ].join(','),
    };
}
function table(report, label = '') {
    return report.apps.map((a) => [
        `${label}${(0,_shared_migrations_index_js__WEBPACK_IMPORTED_MODULE_0__/* .appTitle */ .mZ)(a)}`,
        a.ok ? (a.status === 'linear' || a.status === 'unchanged' ? 'ok' : `ok (${a.status})`) : a.status,
        a.fix ?? (a.plans.length > 0 ? 'gateway-ops migration-check --fix' : a.ok ? '' : 'see the problems'),
    ]);
}


/***/ }),

/***/ 13292:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   migrationCheckCommand: () => (/* binding */ migrationCheckCommand)
/* harmony export */ });
/* harmony import */ var _shared_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8835);
/* harmony import */ var _shared_migrations_index_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(87532);
/* harmony import */ var _migration_check_common_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(96908);



const NEXT_STEP = {
    rebase: 'git rebase --continue',
    merge: 'git commit',
    'cherry-pick': 'git cherry-pick --continue',
};
/**
 * `gateway-ops migration-check` in a terminal: the report on stdout, the verdict as the exit
 * code. While a merge, rebase or cherry-pick is stopped (or with --fix) it judges the working
 * tree, as `rebase_migration` does, and --fix edits it.
 */
async function runInTerminal(context) {
    const s = context.settings;
    const head = s.head;
    if (s.fix && head !== 'HEAD')
        throw new _shared_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(`--fix edits the working tree, so it compares no --head: expected no --head, found '${head}'.`);
    const op = head === 'HEAD' ? await (0,_shared_migrations_index_js__WEBPACK_IMPORTED_MODULE_1__/* .operationInProgress */ .yD)(s.repo) : null;
    if (!s.base && !op)
        throw new _shared_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1("Setting '--base' is required: the base branch or commit, e.g. --base origin/main.");
    const details = [];
    let report;
    const fixed = [];
    if (op || s.fix) {
        const base = s.base ?? op.onto;
        const options = (0,_migration_check_common_js__WEBPACK_IMPORTED_MODULE_2__/* .checkOptions */ .Jr)(s, 'cli', base, 'HEAD', s.base ?? op.onto.slice(0, 12));
        report = await (0,_shared_migrations_index_js__WEBPACK_IMPORTED_MODULE_1__/* .checkWorkingTree */ .Sx)(options, op);
        details.push(op
            ? `a ${op.kind} is in progress${op.stoppedAt ? ` (stopped at ${op.stoppedAt.slice(0, 12)})` : ''}: judged the working tree as it is now`
            : 'judged the working tree (no merge, rebase or cherry-pick in progress)');
        if (s.fix) {
            const result = await (0,_shared_migrations_index_js__WEBPACK_IMPORTED_MODULE_1__/* .applyFixes */ .yZ)(s.repo, report);
            for (const plan of result.applied)
                fixed.push({ app: plan.app, output: plan.output });
            for (const skipped of result.skipped)
                details.push(`not fixed ${(0,_shared_migrations_index_js__WEBPACK_IMPORTED_MODULE_1__/* .appTitle */ .mZ)(skipped.app)}: ${skipped.reason}`);
            // Judge what is on disk now: the report says what the user has after the fix.
            report = await (0,_shared_migrations_index_js__WEBPACK_IMPORTED_MODULE_1__/* .checkWorkingTree */ .Sx)(options, op);
            if (fixed.length > 0 && op)
                details.push(`next: \`git add -A\` the changed files, then \`${NEXT_STEP[op.kind]}\``);
        }
    }
    else {
        const base = s.base;
        report = await (0,_shared_migrations_index_js__WEBPACK_IMPORTED_MODULE_1__/* .checkMigrations */ .wE)((0,_migration_check_common_js__WEBPACK_IMPORTED_MODULE_2__/* .checkOptions */ .Jr)(s, 'cli', base, head));
    }
    const json = { ...(0,_shared_migrations_index_js__WEBPACK_IMPORTED_MODULE_1__/* .toJson */ .aB)(report), ...(s.fix ? { fixed } : {}) };
    return {
        ok: report.ok,
        headline: (0,_shared_migrations_index_js__WEBPACK_IMPORTED_MODULE_1__/* .verdictLine */ .MT)(report),
        details,
        outputs: (0,_migration_check_common_js__WEBPACK_IMPORTED_MODULE_2__/* .outputs */ .V4)([report]),
        // The report is the result; the verdict is the headline, said once (no table repeating the apps).
        stdout: { text: fixed.map((f) => `fixed ${f.app}: ${f.output}\n`).join('') + (0,_shared_migrations_index_js__WEBPACK_IMPORTED_MODULE_1__/* .renderText */ .S5)(report), json },
    };
}
const migrationCheckCommand = async (context) => {
    if (context.surface === 'cli')
        return runInTerminal(context);
    // The action's GitHub client is loaded only when the action runs: the CLI never needs it.
    const { runInAction, productionSeams } = await __webpack_require__.e(/* import() */ 295).then(__webpack_require__.bind(__webpack_require__, 59295));
    return runInAction(context, await productionSeams(context.settings));
};


/***/ }),

/***/ 87532:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  mZ: () => (/* reexport */ report/* appTitle */.mZ),
  yZ: () => (/* reexport */ applyFixes),
  wE: () => (/* binding */ checkMigrations),
  Sx: () => (/* reexport */ in_progress_checkWorkingTree),
  yD: () => (/* reexport */ working_tree_operationInProgress),
  Dv: () => (/* reexport */ report/* planSteps */.Dv),
  S5: () => (/* reexport */ report/* renderText */.S5),
  aB: () => (/* reexport */ report/* toJson */.aB),
  MT: () => (/* reexport */ report/* verdictLine */.MT)
});

// UNUSED EXPORTS: MigrationCheckUsageError, applyFix, checkHere, planRebase, readMigrationFile, readMigrationSource

;// CONCATENATED MODULE: ./lib/src/shared/migrations/graph.js
/**
 * Builds the project's migration graph the way Django's MigrationLoader does with no
 * database connection (every squash is used), and reports it per app. Dependencies on apps
 * that are not in the repository (django.contrib, third-party packages) cannot be checked
 * and are ignored. Nodes are array indexes: a PR check builds this for 10,000s of files.
 */
function buildProjectGraph(project) {
    const graph = new GraphBuilder(project);
    // Same-app dependencies first, so that another app's `__first__` finds the right root.
    graph.addSameAppEdges();
    graph.addOtherEdges();
    graph.applySquashes();
    graph.reportMissing();
    graph.reportListReferences();
    graph.reportCycles();
    return graph.summarize();
}
/** The steps of buildProjectGraph over one project's nodes, in the order Django's loader takes them. */
class GraphBuilder {
    nodes = [];
    /** Node ids by app, then by migration name. */
    index = new Map();
    result = new Map();
    declarations = [];
    // What the later steps look at, sorted out while adding same-app edges (most migrations have
    // none of it): declarations with another app's dependency or run_before, with replaces, with a
    // reference written as a list; and the nodes of missing migrations.
    withOtherRefs = [];
    squashes = [];
    withListRefs = [];
    missing = [];
    project;
    constructor(project) {
        this.project = project;
        for (const [label, state] of project.apps) {
            const unreadable = [];
            this.result.set(label, { label, nodes: [], leaves: [], roots: [], unreadable, errors: [] });
            // An app read for its names only has no nodes and nothing unreadable (references to it are checked by name).
            if (state.partial)
                continue;
            for (const [name, read] of state.migrations) {
                if (!read.ok) {
                    unreadable.push({
                        code: 'unreadable-migration',
                        message: `cannot read ${label}.${name}: ${read.reason}`,
                        file: state.app.migrations.get(name) ?? null,
                        line: read.line,
                    });
                }
                const id = this.add(label, name, null);
                if (read.ok)
                    this.declarations.push({ label, name, id, decl: read.declaration });
            }
        }
    }
    add(app, name, missing) {
        const id = this.nodes.length;
        this.nodes.push({ app, name, parents: [], children: [], removed: false, missing });
        let names = this.index.get(app);
        if (!names) {
            names = new Map();
            this.index.set(app, names);
        }
        names.set(name, id);
        if (missing)
            this.missing.push(id);
        return id;
    }
    idOf(app, name) {
        return this.index.get(app)?.get(name);
    }
    pathOf(app, name) {
        return this.project.apps.get(app)?.app.migrations.get(name) ?? null;
    }
    ensure(app, name, fromApp, fromName, line) {
        return this.idOf(app, name) ?? this.add(app, name, { fromApp, fromName, line });
    }
    addEdge(child, parent) {
        const nodes = this.nodes;
        if (!nodes[child].parents.includes(parent))
            nodes[child].parents.push(parent);
        if (!nodes[parent].children.includes(child))
            nodes[parent].children.push(child);
    }
    addSameAppEdges() {
        for (const declared of this.declarations) {
            const { label, name, id, decl } = declared;
            let otherApp = decl.runBefore.length > 0;
            let list = false;
            for (const dep of decl.dependencies) {
                if (dep.form === 'list')
                    list = true;
                if (dep.app !== label)
                    otherApp = true;
                else if (dep.name !== '__first__')
                    this.addEdge(id, this.ensure(dep.app, dep.name, label, name, dep.line));
            }
            if (otherApp)
                this.withOtherRefs.push(declared);
            if (decl.replaces.length > 0)
                this.squashes.push(declared);
            if (list || decl.replaces.some(isList) || decl.runBefore.some(isList))
                this.withListRefs.push(declared);
        }
    }
    /** The node a reference to another app (or `__first__`/`__latest__`) means, if it can be checked. */
    resolve(app, name, current, fromName, line) {
        const target = this.project.apps.get(app);
        if (target?.partial && (target.migrations.has(name) || name === '__first__' || name === '__latest__'))
            return null;
        if (name !== '__first__' && name !== '__latest__') {
            return target ? this.ensure(app, name, current, fromName, line) : null;
        }
        if (app === current || !target)
            return null;
        // The app's first root (or leaf) by name, looking at same-app edges only.
        const nodes = this.nodes;
        let found = null;
        for (const i of this.index.get(app)?.values() ?? []) {
            const n = nodes[i];
            if (n.missing || (found !== null && n.name >= nodes[found].name))
                continue;
            if (!sameAppEdge(nodes, app, name === '__first__' ? n.parents : n.children))
                found = i;
        }
        return found;
    }
    addOtherEdges() {
        for (const { label, name, id, decl } of this.withOtherRefs) {
            for (const dep of decl.dependencies) {
                if (dep.app === label)
                    continue;
                const parent = this.resolve(dep.app, dep.name, label, name, dep.line);
                if (parent !== null)
                    this.addEdge(id, parent);
            }
            for (const child of decl.runBefore) {
                const target = this.resolve(child.app, child.name, label, name, child.line);
                if (target !== null)
                    this.addEdge(target, id);
            }
        }
    }
    /** Squashes replace what they replace (all of it, as with an empty database). */
    applySquashes() {
        for (const { id: replacement, decl } of this.squashes) {
            const replaced = new Set();
            for (const r of decl.replaces) {
                const i = this.idOf(r.app, r.name);
                if (i !== undefined && !this.nodes[i].removed)
                    replaced.add(i);
            }
            for (const r of replaced)
                this.replace(r, replacement, replaced);
        }
    }
    replace(r, replacement, replaced) {
        const node = this.nodes[r];
        node.removed = true;
        for (const c of node.children) {
            const child = this.nodes[c];
            child.parents = child.parents.filter((x) => x !== r);
            if (!replaced.has(c))
                this.addEdge(c, replacement);
        }
        for (const p of node.parents) {
            const parent = this.nodes[p];
            parent.children = parent.children.filter((x) => x !== r);
            if (!replaced.has(p))
                this.addEdge(replacement, p);
        }
        node.parents = [];
        node.children = [];
    }
    reportMissing() {
        for (const id of this.missing) {
            const node = this.nodes[id];
            if (!node.missing || node.removed)
                continue;
            const { fromApp, fromName, line } = node.missing;
            const graph = this.result.get(fromApp);
            if (!graph)
                continue;
            const message = node.app === fromApp && node.name === '__latest__'
                ? `${fromApp}.${fromName} depends on ('${node.app}', '__latest__') in its own app, which Django cannot resolve`
                : `${fromApp}.${fromName} depends on ${node.app}.${node.name}, which does not exist`;
            graph.errors.push({ code: 'missing-dependency', message, file: this.pathOf(fromApp, fromName), line });
        }
    }
    reportListReferences() {
        for (const { label, name, decl } of this.withListRefs) {
            for (const refs of [decl.dependencies, decl.replaces, decl.runBefore]) {
                for (const ref of refs) {
                    if (ref.form !== 'list')
                        continue;
                    this.result.get(label).errors.push({
                        code: 'list-reference',
                        message: `${label}.${name} refers to ['${ref.app}', '${ref.name}'] with a list; Django needs a tuple there (its loader fails with "unhashable type: 'list'")`,
                        file: this.pathOf(label, name),
                        line: ref.line,
                    });
                }
            }
        }
    }
    reportCycles() {
        const nodes = this.nodes;
        for (const cycle of findCycles(nodes)) {
            const first = nodes[cycle[0]];
            const names = cycle.map((i) => `${nodes[i].app}.${nodes[i].name}`);
            this.result.get(first.app)?.errors.push({
                code: 'cycle',
                message: `circular dependency: ${names.join(' -> ')} -> ${names[0]}`,
                file: this.pathOf(first.app, first.name),
                line: null,
            });
        }
    }
    /** Each app's nodes, leaves and roots (per app: a child in another app does not count), sorted. */
    summarize() {
        const nodes = this.nodes;
        for (const node of nodes) {
            if (node.missing || node.removed)
                continue;
            const graph = this.result.get(node.app);
            graph.nodes.push(node.name);
            if (!sameAppEdge(nodes, node.app, node.children))
                graph.leaves.push(node.name);
            if (!sameAppEdge(nodes, node.app, node.parents))
                graph.roots.push(node.name);
        }
        for (const graph of this.result.values()) {
            graph.nodes.sort();
            graph.leaves.sort();
            graph.roots.sort();
        }
        return this.result;
    }
}
const isList = (ref) => ref.form === 'list';
/** Whether any of `ends` (a node's parents or children) is in `app`. */
function sameAppEdge(nodes, app, ends) {
    for (const i of ends)
        if (nodes[i].app === app)
            return true;
    return false;
}
/** Every cycle, reported once, starting at its smallest member (for stable messages). */
function findCycles(nodes) {
    const cycles = [];
    const label = (i) => `${nodes[i].app}\0${nodes[i].name}`;
    // 0 = unvisited, 1 = on the current path, 2 = done.
    const state = new Uint8Array(nodes.length);
    // The depth-first path, and for each node on it the index of the next child to visit.
    const path = new Int32Array(nodes.length);
    const nextChild = new Int32Array(nodes.length);
    for (let start = 0; start < nodes.length; start++) {
        if (state[start] !== 0 || nodes[start].removed)
            continue;
        let depth = 1;
        path[0] = start;
        nextChild[0] = 0;
        state[start] = 1;
        while (depth > 0) {
            const top = path[depth - 1];
            const children = nodes[top].children;
            const at = nextChild[depth - 1];
            if (at >= children.length) {
                depth--;
                state[top] = 2;
                continue;
            }
            nextChild[depth - 1] = at + 1;
            const next = children[at];
            if (state[next] === 1) {
                const onPath = path.subarray(0, depth);
                const cycle = Array.from(onPath.subarray(onPath.indexOf(next)));
                const min = cycle.reduce((a, b) => (label(b) < label(a) ? b : a));
                const i = cycle.indexOf(min);
                cycles.push([...cycle.slice(i), ...cycle.slice(0, i)]);
            }
            else if (state[next] === 0) {
                state[next] = 1;
                path[depth] = next;
                nextChild[depth] = 0;
                depth++;
            }
        }
    }
    return cycles;
}

;// CONCATENATED MODULE: ./lib/src/shared/migrations/order.js
/**
 * The order of app labels and project paths in a report: the same as `a.localeCompare(b)`, without
 * starting ICU's collator (its first call costs a check ~25 ms) for names made only of the
 * characters labels and paths use. Anything else is left to localeCompare.
 */
// The root collation's order of these characters: punctuation first (`_` before `/`), digits, letters.
const WEIGHT = new Int8Array(128).fill(-1);
WEIGHT[0x5f] = 0;
WEIGHT[0x2f] = 1;
for (let c = 0x30; c <= 0x39; c++)
    WEIGHT[c] = 2 + c - 0x30;
for (let c = 0x61; c <= 0x7a; c++)
    WEIGHT[c] = 12 + c - 0x61;
/** Negative, zero or positive as `a.localeCompare(b)` would be. */
function compareNames(a, b) {
    const n = Math.min(a.length, b.length);
    for (let i = 0; i < n; i++) {
        const x = weightAt(a, i);
        const y = weightAt(b, i);
        if (x < 0 || y < 0)
            return a.localeCompare(b);
        if (x !== y)
            return x - y;
    }
    for (const rest of [a.slice(n), b.slice(n)])
        for (let i = 0; i < rest.length; i++)
            if (weightAt(rest, i) < 0)
                return a.localeCompare(b);
    return a.length - b.length;
}
function weightAt(s, i) {
    const c = s.charCodeAt(i);
    return c < 128 ? WEIGHT[c] : -1;
}

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
// EXTERNAL MODULE: ./lib/src/shared/errors.js
var errors = __webpack_require__(8835);
// EXTERNAL MODULE: ./lib/src/shared/text.js
var shared_text = __webpack_require__(15831);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: external "node:buffer"
var external_node_buffer_ = __webpack_require__(4573);
;// CONCATENATED MODULE: ./lib/src/shared/migrations/python-tokenizer.js
/**
 * A small but real Python tokenizer: enough of the language's lexical rules to read a
 * migration module's top-level statements without executing it. It knows strings with all
 * prefixes (raw, bytes, unicode, f-strings), triple quotes, escapes, comments, brackets
 * (newlines inside them do not end a statement), backslash continuation and indentation.
 * Anything it does not understand raises `PythonSyntaxError` with a line number.
 */
class PythonSyntaxError extends Error {
    line;
    constructor(message, line) {
        super(`${message} (line ${line})`);
        this.line = line;
        this.name = 'PythonSyntaxError';
    }
}
// Python's operators and delimiters; matchOperator tries the longest (3 characters) first.
const OPERATORS = '**= //= >>= <<= ... != %= &= ** *= += -= -> // /= := << <= == >= >> @= ^= |= % & ( ) * + , - . / : ; < = > @ [ ] ^ { | } ~'.split(' ');
// By first character, longest first: one startsWith per candidate, no substring per length.
const OPERATORS_BY_FIRST = new Map();
for (const op of [...OPERATORS].sort((a, b) => b.length - a.length)) {
    const list = OPERATORS_BY_FIRST.get(op[0]) ?? [];
    list.push(op);
    OPERATORS_BY_FIRST.set(op[0], list);
}
// The same lists by character code (no Map lookup per operator).
const OPERATORS_BY_CODE = Array.from({ length: 128 }, (_, code) => OPERATORS_BY_FIRST.get(String.fromCharCode(code)));
function matchOperator(source, pos) {
    const code = source.charCodeAt(pos);
    const candidates = code < 128 ? OPERATORS_BY_CODE[code] : undefined;
    if (candidates === undefined)
        return undefined;
    for (let i = 0; i < candidates.length; i++) {
        const op = candidates[i];
        if (op.length === 1 || source.startsWith(op, pos))
            return op;
    }
    return undefined;
}
function isNameStart(c) {
    const code = c.charCodeAt(0);
    if (code < 128)
        return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || code === 95;
    return NAME_START.test(c);
}
/** Whether the character at `p` may continue a name (ASCII by code, without making a string of it). */
function isNameContinueAt(source, p) {
    const code = source.charCodeAt(p);
    if (code < 128)
        return ((code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 95);
    return NAME_CONTINUE.test(source[p]);
}
const OPENERS = { '(': ')', '[': ']', '{': '}' };
const CLOSERS = new Set([')', ']', '}']);
const NAME_START = /[\p{L}\p{Nl}_]/u;
const NAME_CONTINUE = /[\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}_]/u;
const STRING_PREFIX = /^(?:r|u|b|br|rb|f|fr|rf)$/i;
const NUMBER = /^(?:0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+|(?:\d[\d_]*\.?[\d_]*|\.\d[\d_]*)(?:[eE][+-]?\d[\d_]*)?[jJ]?)/;
/** The same pattern, matched in place (no copy of the source) with `lastIndex`. */
const NUMBER_AT = new RegExp(NUMBER.source.slice(1), 'y');
const CONFLICT_MARKER = /^(?:<{7}|>{7}|\|{7}|={7})/m;
/** Lines that git writes for a conflict; Python rejects them, and so do we, by name. */
function findConflictMarker(source) {
    if (!CONFLICT_MARKER.test(source))
        return null;
    const lines = source.split('\n');
    for (let i = 0; i < lines.length; i++) {
        const line = lines[i];
        if (/^(?:<{7}|>{7}|\|{7})(?: |\r?$)/.test(line) || /^={7}\r?$/.test(line))
            return i + 1;
    }
    return null;
}
/** Tokenizes `source` into logical lines. Comments and blank lines are dropped. */
function tokenize(source) {
    return run(new Scanner(source, false));
}
/**
 * Tokenizes `source` as `tokenize` does (every character is scanned, every syntax error raised
 * with the same message and line), but keeps only the tokens a reader of a migration's
 * `class Migration` needs, without making objects of the rest:
 * - every module-level (indent 0) line with its first token; a line starting with `class` with
 *   all of its tokens;
 * - after a module-level `class Migration` header, up to the next module-level line: the lines
 *   at the indent of the first indented line, each with the tokens of its `;`-separated
 *   statements that start with one of `statementNames` (and the `;` tokens), possibly none;
 * - no other line.
 */
function tokenizeMigrationOutline(source, statementNames) {
    const s = new Scanner(source, true);
    s.statementNames = statementNames;
    return run(s);
}
function run(s) {
    const source = s.source;
    const length = source.length;
    while (s.pos < length) {
        if (s.atLineStart && s.depth.length === 0 && !s.startLine())
            break;
        const code = source.charCodeAt(s.pos);
        // The scanner for the character's class; operators take the rest or throw.
        if (code < 128)
            SCANNER_OF[code](s, code);
        else
            scanNonAscii(s);
    }
    if (s.depth.length > 0)
        throw new PythonSyntaxError(`'${s.depth[s.depth.length - 1]}' was never closed`, s.line);
    s.endLogicalLine();
    return s.lines;
}
/** What an outline keeps of the current line (see tokenizeMigrationOutline). */
const KEEP_ALL = 0;
const KEEP_FIRST = 1;
const KEEP_FIRST_TAKEN = 2;
const KEEP_STATEMENTS = 3;
const KEEP_NONE = 4;
/** The tokenizer's state over one source: where it is, the open brackets, the logical line being built. */
class Scanner {
    source;
    lines = [];
    /** Open brackets: newlines inside them do not end a statement. */
    depth = [];
    pos;
    line = 1;
    atLineStart = true;
    indentStack = [0];
    current = [];
    currentIndent = 0;
    currentLine = 1;
    /** Outline mode: see tokenizeMigrationOutline. */
    outline;
    statementNames = [];
    keep = KEEP_ALL;
    inMigrationBody = false;
    bodyIndent = -1;
    statementStart = false;
    keepStatement = false;
    constructor(source, outline) {
        this.source = source;
        this.outline = outline;
        // A UTF-8 byte-order mark is not part of the program.
        this.pos = source.charCodeAt(0) === 0xfeff ? 1 : 0;
    }
    /** Whether the token starting now is kept; `name` is its text when it is a name (else null). */
    keeps(name) {
        switch (this.keep) {
            case KEEP_ALL:
                return true;
            case KEEP_FIRST:
                this.keep = name === 'class' ? KEEP_ALL : KEEP_FIRST_TAKEN;
                return true;
            case KEEP_STATEMENTS:
                if (this.statementStart) {
                    this.statementStart = false;
                    this.keepStatement = name !== null && this.statementNames.includes(name);
                }
                return this.keepStatement;
            default:
                return false;
        }
    }
    /** Whether a name token is kept at this point: only the outline's statement starts need its text. */
    keepsName(start, end) {
        const keep = this.keep;
        if (keep === KEEP_ALL)
            return true;
        if (keep === KEEP_FIRST || (keep === KEEP_STATEMENTS && this.statementStart))
            return this.keeps(this.source.slice(start, end));
        return keep === KEEP_STATEMENTS && this.keepStatement;
    }
    /** Whether a `;` here separates the outline's statements (it is kept, and a new statement starts). */
    separatesStatements() {
        return this.keep === KEEP_STATEMENTS && this.depth.length === 0;
    }
    startStatement() {
        this.statementStart = true;
    }
    push(token) {
        this.current.push(token);
        this.pos = token.end;
    }
    endLogicalLine() {
        const tokens = this.current;
        if (!this.outline) {
            if (tokens.length > 0) {
                this.lines.push({ indent: this.currentIndent, tokens, line: this.currentLine });
                this.current = [];
            }
        }
        else if (!this.atLineStart && this.keep !== KEEP_NONE) {
            this.lines.push({ indent: this.currentIndent, tokens, line: this.currentLine });
            this.current = [];
            if (this.currentIndent === 0 && this.keep === KEEP_ALL && tokens[1]?.text === 'Migration') {
                this.inMigrationBody = true;
                this.bodyIndent = -1;
            }
        }
        this.atLineStart = true;
    }
    /** Measures a line's indentation (blank and comment-only lines do not count); false at the end. */
    startLine() {
        const source = this.source;
        let col = 0;
        let p = this.pos;
        while (p < source.length) {
            const c = source.charCodeAt(p);
            if (c === 32)
                col++;
            else if (c === 9)
                col = (Math.floor(col / 8) + 1) * 8;
            else if (c === 12)
                col = 0;
            else
                break;
            p++;
        }
        if (p >= source.length)
            return false;
        this.pos = p;
        const c = source.charCodeAt(p);
        if (c === 35 || c === 10 || c === 13 || (c === 92 && isNewline(source, p + 1)))
            return true;
        this.indent(col);
        this.currentIndent = col;
        this.currentLine = this.line;
        this.atLineStart = false;
        if (this.outline)
            this.chooseKeep(col);
        return true;
    }
    chooseKeep(col) {
        if (col === 0) {
            this.keep = KEEP_FIRST;
            this.inMigrationBody = false;
        }
        else if (!this.inMigrationBody) {
            this.keep = KEEP_NONE;
        }
        else {
            if (this.bodyIndent < 0)
                this.bodyIndent = col;
            this.keep = col === this.bodyIndent ? KEEP_STATEMENTS : KEEP_NONE;
            this.statementStart = true;
            this.keepStatement = false;
        }
    }
    indent(col) {
        const stack = this.indentStack;
        if (col > stack[stack.length - 1])
            stack.push(col);
        else {
            while (col < stack[stack.length - 1])
                stack.pop();
            if (col !== stack[stack.length - 1])
                throw new PythonSyntaxError('unindent does not match any outer indentation level', this.line);
        }
    }
}
const scanNewline = (s, code) => {
    s.pos += code === 13 && s.source.charCodeAt(s.pos + 1) === 10 ? 2 : 1;
    s.line++;
    if (s.depth.length === 0)
        s.endLogicalLine();
};
const scanBlank = (s) => {
    const source = s.source;
    let p = s.pos + 1;
    for (let b = source.charCodeAt(p); b === 32 || b === 9 || b === 12; b = source.charCodeAt(++p))
        ;
    s.pos = p;
};
const scanComment = (s) => {
    const source = s.source;
    let p = s.pos;
    for (let c = source.charCodeAt(p); p < source.length && c !== 10 && c !== 13; c = source.charCodeAt(++p))
        ;
    s.pos = p;
};
const scanContinuation = (s) => {
    const source = s.source;
    if (!isNewline(source, s.pos + 1))
        throw new PythonSyntaxError('unexpected character after line continuation', s.line);
    s.pos += source[s.pos + 1] === '\r' && source[s.pos + 2] === '\n' ? 3 : 2;
    s.line++;
};
/** A name, which may turn out to be a string's prefix (`r'...'`, `b"..."`). */
const scanName = (s) => {
    const source = s.source;
    const start = s.pos;
    let end = start + 1;
    while (end < source.length && isNameContinueAt(source, end))
        end++;
    if (!isNameStart(source[start]))
        throw new PythonSyntaxError(`invalid character '${source[start]}'`, s.line);
    const next = source.charCodeAt(end);
    if ((next === 34 || next === 39) && end - start <= 2) {
        const word = source.slice(start, end);
        if (STRING_PREFIX.test(word)) {
            scanStringAt(s, start, end, word.toLowerCase());
            return;
        }
    }
    if (s.keepsName(start, end))
        s.push({ type: 'name', text: source.slice(start, end), start, end, line: s.line });
    else
        s.pos = end;
};
const scanString = (s) => {
    scanStringAt(s, s.pos, s.pos, '');
};
function scanStringAt(s, start, quoteAt, prefix) {
    const source = s.source;
    const end = readString(s, start, quoteAt, prefix, s.keeps(null));
    s.pos = end;
    s.line += countNewlines(source, start, end);
}
const scanNumber = (s) => {
    const source = s.source;
    const start = s.pos;
    NUMBER_AT.lastIndex = start;
    let m = NUMBER_AT.exec(source);
    // Matched within a window of 200 characters: a longer match (never seen) is taken as before.
    if (m && m[0].length >= 199)
        m = NUMBER.exec(source.slice(start, start + 200));
    const end = m ? start + m[0].length : start + 1;
    if (s.keeps(null))
        s.push({ type: 'number', text: source.slice(start, end), start, end, line: s.line });
    else
        s.pos = end;
};
const scanOperator = (s) => {
    const source = s.source;
    const op = matchOperator(source, s.pos);
    if (!op)
        throw new PythonSyntaxError(`invalid character '${source[s.pos]}'`, s.line);
    if (op === ';' && s.separatesStatements()) {
        s.push({ type: 'op', text: op, start: s.pos, end: s.pos + 1, line: s.line });
        s.startStatement();
        return;
    }
    if (OPENERS[op])
        s.depth.push(op);
    else if (CLOSERS.has(op)) {
        const open = s.depth.pop();
        if (!open || OPENERS[open] !== op)
            throw new PythonSyntaxError(`unmatched '${op}'`, s.line);
    }
    if (s.keeps(null))
        s.push({ type: 'op', text: op, start: s.pos, end: s.pos + op.length, line: s.line });
    else
        s.pos += op.length;
};
/** A '.' starts a number when a digit follows, else it is an operator. */
const scanDot = (s, code) => {
    const next = s.source.charCodeAt(s.pos + 1);
    if (next >= 48 && next <= 57)
        scanNumber(s, code);
    else
        scanOperator(s, code);
};
/** Each ASCII character's scanner. */
const SCANNER_OF = Array.from({ length: 128 }, (_, code) => {
    const c = String.fromCharCode(code);
    if (c === '.')
        return scanDot;
    if (c === '\n' || c === '\r')
        return scanNewline;
    if (c === ' ' || c === '\t' || c === '\f')
        return scanBlank;
    if (c === '#')
        return scanComment;
    if (c === '\\')
        return scanContinuation;
    if (isNameStart(c))
        return scanName;
    if (c === '"' || c === "'")
        return scanString;
    if (c >= '0' && c <= '9')
        return scanNumber;
    return scanOperator;
});
/** Non-ASCII characters can only start names (anything else is an invalid character). */
function scanNonAscii(s) {
    scanName(s, s.source.charCodeAt(s.pos));
}
function isNewline(source, p) {
    return source[p] === '\n' || source[p] === '\r' || p >= source.length;
}
/** Newlines in `source[start, end)`: `\n`, `\r\n` and a lone `\r` each count once. */
function countNewlines(source, start, end) {
    let count = 0;
    for (let i = start; i < end; i++) {
        const c = source.charCodeAt(i);
        if (c === 10)
            count++;
        else if (c === 13 && (i + 1 >= end || source.charCodeAt(i + 1) !== 10))
            count++;
    }
    return count;
}
/** Reads the string literal at `start`; pushes its token if `keep` (else only checks it); returns its end. */
function readString(s, start, quoteAt, prefix, keep) {
    const source = s.source;
    const line = s.line;
    const quote = source.charCodeAt(quoteAt);
    const triple = source.charCodeAt(quoteAt + 1) === quote && source.charCodeAt(quoteAt + 2) === quote;
    const delimiterLength = triple ? 3 : 1;
    const raw = prefix.includes('r');
    let p = quoteAt + delimiterLength;
    const bodyStart = p;
    let escaped = false;
    for (;;) {
        if (p >= source.length)
            throw new PythonSyntaxError('unterminated string literal', line);
        const c = source.charCodeAt(p);
        if (c === 92 /* \\ */) {
            escaped = true;
            p += source.charCodeAt(p + 1) === 13 && source.charCodeAt(p + 2) === 10 ? 3 : 2;
            continue;
        }
        if (!triple && (c === 10 || c === 13))
            throw new PythonSyntaxError('unterminated string literal', line);
        if (c === quote &&
            (!triple || (source.charCodeAt(p + 1) === quote && source.charCodeAt(p + 2) === quote)))
            break;
        p++;
    }
    const end = p + delimiterLength;
    const bytes = prefix.includes('b');
    // Escapes are decoded (and checked) whether or not the token is kept.
    if (!keep && (raw || !escaped))
        return end;
    let body = source.slice(bodyStart, p);
    if (body.includes('\r'))
        body = body.replace(/\r\n?/g, '\n');
    const value = raw || !escaped ? body : decodeEscapes(body, bytes, line);
    if (!keep)
        return end;
    s.push({
        type: 'string',
        text: source.slice(start, end),
        start,
        end,
        line,
        value,
        bytes,
        fstring: prefix.includes('f'),
        unicodePrefix: prefix === 'u',
    });
    return end;
}
const SIMPLE_ESCAPES = {
    '\\': '\\',
    "'": "'",
    '"': '"',
    a: '\x07',
    b: '\b',
    f: '\f',
    n: '\n',
    r: '\r',
    t: '\t',
    v: '\v',
};
function decodeEscapes(body, bytes, line) {
    let out = '';
    for (let i = 0; i < body.length; i++) {
        const c = body[i];
        if (c !== '\\') {
            out += c;
            continue;
        }
        const e = body[i + 1] ?? '';
        i++;
        if (e === '\n')
            continue;
        if (SIMPLE_ESCAPES[e] !== undefined) {
            out += SIMPLE_ESCAPES[e];
        }
        else if (/[0-7]/.test(e)) {
            const m = /^[0-7]{1,3}/.exec(body.slice(i))[0];
            out += String.fromCodePoint(Number.parseInt(m, 8));
            i += m.length - 1;
        }
        else if (e === 'x' || (!bytes && (e === 'u' || e === 'U'))) {
            const len = e === 'x' ? 2 : e === 'u' ? 4 : 8;
            const hex = body.slice(i + 1, i + 1 + len);
            if (!new RegExp(`^[0-9a-fA-F]{${len}}$`).test(hex))
                throw new PythonSyntaxError(`truncated \\${e} escape`, line);
            out += String.fromCodePoint(Number.parseInt(hex, 16));
            i += len;
        }
        else if (!bytes && e === 'N') {
            // Named escapes would need the Unicode name table; report instead of guessing.
            throw new PythonSyntaxError('\\N{...} escapes are not supported by the static reader', line);
        }
        else {
            out += `\\${e}`;
        }
    }
    return out;
}

;// CONCATENATED MODULE: ./lib/src/shared/migrations/python-expression.js

/** Parses one expression (or a bare tuple `a, b`) spanning all of `tokens`. */
function parseExpression(tokens) {
    if (tokens.length === 0)
        throw new PythonSyntaxError('expected an expression', 0);
    const parser = new ExpressionParser(tokens);
    const first = parser.parseTestList();
    if (!parser.atEnd()) {
        const t = parser.peek();
        return {
            kind: 'computed',
            reason: `uses '${t.text}'`,
            start: first.start,
            end: last(tokens).end,
            line: first.line,
        };
    }
    return first;
}
function isOpener(text) {
    return text === '(' || text === '[' || text === '{';
}
function isCloser(text) {
    return text === ')' || text === ']' || text === '}';
}
function last(items) {
    return items[items.length - 1];
}
class ExpressionParser {
    i = 0;
    tokens;
    constructor(tokens) {
        this.tokens = tokens;
    }
    atEnd() {
        return this.i >= this.tokens.length;
    }
    peek() {
        return this.tokens[this.i];
    }
    isOp(text) {
        const t = this.peek();
        return t?.type === 'op' && t.text === text;
    }
    expectOp(text) {
        const t = this.peek();
        if (t?.type !== 'op' || t.text !== text) {
            throw new PythonSyntaxError(`expected '${text}', found '${t?.text ?? 'end of statement'}'`, t?.line ?? 0);
        }
        this.i++;
        return t;
    }
    /** `a, b, c` without brackets is a tuple, as in `dependencies = ('a', 'b'),`. */
    parseTestList() {
        const first = this.parseOperand();
        if (!this.isOp(','))
            return first;
        const elts = [first];
        let end = first.end;
        while (this.isOp(',')) {
            end = this.expectOp(',').end;
            if (this.atEnd() || this.isOp(')') || this.isOp(']'))
                break;
            const e = this.parseOperand();
            elts.push(e);
            end = e.end;
        }
        return { kind: 'tuple', elts, start: first.start, end, line: first.line };
    }
    /** An operand followed by anything other than `,` or a closing bracket is computed. */
    parseOperand() {
        const start = this.peek();
        const atom = this.parseAtomWithTrailers();
        let depth = 0;
        let computed = null;
        while (!this.atEnd()) {
            const t = this.peek();
            if (t.type === 'op') {
                const text = t.text;
                if (depth === 0 && (text === ',' || text === ':' || text === '=' || isCloser(text)))
                    break;
                if (isOpener(text))
                    depth++;
                else if (isCloser(text))
                    depth--;
            }
            computed ??= `uses '${t.text}'`;
            this.i++;
        }
        if (computed !== null) {
            const endTok = this.tokens[this.i - 1];
            return { kind: 'computed', reason: computed, start: start.start, end: endTok.end, line: start.line };
        }
        return atom;
    }
    parseAtomWithTrailers() {
        let expr = this.parseAtom();
        for (;;) {
            if (this.isOp('.')) {
                this.i++;
                const name = this.peek();
                if (name?.type !== 'name')
                    throw new PythonSyntaxError('expected a name after "."', name?.line ?? expr.line);
                this.i++;
                expr = {
                    kind: 'attribute',
                    value: expr,
                    attr: name.text,
                    start: expr.start,
                    end: name.end,
                    line: expr.line,
                };
            }
            else if (this.isOp('(')) {
                this.i++;
                const args = [];
                const keywords = [];
                while (!this.isOp(')')) {
                    const t = this.peek();
                    const next = this.tokens[this.i + 1];
                    if (t?.type === 'name' && next?.type === 'op' && next.text === '=') {
                        this.i += 2;
                        keywords.push([t.text, this.parseOperand()]);
                    }
                    else {
                        args.push(this.parseOperand());
                    }
                    if (!this.isOp(','))
                        break;
                    this.i++;
                }
                const close = this.expectOp(')');
                expr = {
                    kind: 'call',
                    func: expr,
                    args,
                    keywords,
                    start: expr.start,
                    end: close.end,
                    line: expr.line,
                };
            }
            else if (this.isOp('[')) {
                const open = this.expectOp('[');
                let depth = 1;
                while (depth > 0 && !this.atEnd()) {
                    const t = this.tokens[this.i++];
                    if (t.type === 'op' && isOpener(t.text))
                        depth++;
                    if (t.type === 'op' && isCloser(t.text))
                        depth--;
                }
                const end = this.tokens[this.i - 1].end;
                expr = {
                    kind: 'computed',
                    reason: 'uses a subscript',
                    start: expr.start,
                    end: Math.max(end, open.end),
                    line: expr.line,
                };
            }
            else {
                return expr;
            }
        }
    }
    parseAtom() {
        const t = this.peek();
        if (!t)
            throw new PythonSyntaxError('expected an expression', this.tokens[this.i - 1]?.line ?? 0);
        if (t.type === 'string')
            return this.parseStrings();
        if (t.type === 'number') {
            this.i++;
            return { kind: 'number', text: t.text, start: t.start, end: t.end, line: t.line };
        }
        if (t.type === 'name') {
            this.i++;
            const id = t.text;
            if (id === 'lambda' || id === 'not' || id === 'await' || id === 'yield') {
                return this.skipComputed(t, `uses '${t.text}'`);
            }
            return { kind: 'name', id: t.text, start: t.start, end: t.end, line: t.line };
        }
        if (t.text === '(' || t.text === '[') {
            this.i++;
            const close = t.text === '(' ? ')' : ']';
            const elts = [];
            let sawComma = false;
            while (!this.isOp(close)) {
                elts.push(this.parseOperand());
                if (!this.isOp(','))
                    break;
                this.i++;
                sawComma = true;
            }
            if (!this.isOp(close)) {
                const bad = this.peek();
                throw new PythonSyntaxError(`expected '${close}', found '${bad?.text ?? 'end of statement'}'`, bad?.line ?? t.line);
            }
            const end = this.expectOp(close).end;
            // `(x)` is x itself, and its position excludes the parentheses, as in CPython's ast.
            if (t.text === '(' && elts.length === 1 && !sawComma)
                return elts[0];
            return { kind: t.text === '(' ? 'tuple' : 'list', elts, start: t.start, end, line: t.line };
        }
        if (t.text === '{') {
            this.i++;
            return this.skipComputed(t, 'uses a dict or set', 1);
        }
        if (t.text === '-' || t.text === '+' || t.text === '~' || t.text === '*' || t.text === '**') {
            this.i++;
            const operand = this.parseAtomWithTrailers();
            return { kind: 'computed', reason: `uses '${t.text}'`, start: t.start, end: operand.end, line: t.line };
        }
        throw new PythonSyntaxError(`unexpected '${t.text}'`, t.line);
    }
    skipComputed(first, reason, depth0 = 0) {
        let depth = depth0;
        let end = first.end;
        while (!this.atEnd()) {
            const t = this.peek();
            if (depth === 0 && t.type === 'op' && (t.text === ',' || isCloser(t.text)))
                break;
            if (t.type === 'op' && isOpener(t.text))
                depth++;
            if (t.type === 'op' && isCloser(t.text))
                depth--;
            end = t.end;
            this.i++;
            if (depth === 0 && depth0 > 0)
                break;
        }
        return { kind: 'computed', reason, start: first.start, end, line: first.line };
    }
    /** Adjacent string literals concatenate (`'a' 'b'`); mixing bytes and str is an error. */
    parseStrings() {
        const first = this.peek();
        let value = '';
        let end = first.end;
        let bytes;
        let fstring = false;
        while (this.peek()?.type === 'string') {
            const t = this.tokens[this.i++];
            if (bytes !== undefined && bytes !== t.bytes) {
                throw new PythonSyntaxError('cannot mix bytes and nonbytes literals', t.line);
            }
            bytes = t.bytes ?? false;
            fstring ||= t.fstring ?? false;
            value += t.value ?? '';
            end = t.end;
        }
        if (fstring)
            return { kind: 'computed', reason: 'uses an f-string', start: first.start, end, line: first.line };
        if (bytes)
            return { kind: 'bytes', value, start: first.start, end, line: first.line };
        return {
            kind: 'str',
            value,
            unicodePrefix: first.unicodePrefix ?? false,
            start: first.start,
            end,
            line: first.line,
        };
    }
}

;// CONCATENATED MODULE: ./lib/src/shared/migrations/migration-file.js



const ATTRIBUTES = ['dependencies', 'replaces', 'run_before'];
/** Decodes a file as Python source text, refusing what Python (or Django's import) would choke on. */
const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
function decodeSource(bytes) {
    const binary = { ok: false, reason: 'is a binary file (contains NUL bytes)' };
    // Decoded first: in valid UTF-8 only a NUL byte decodes to U+0000, and a string search is cheaper.
    // Most migration files are ASCII: checked and decoded natively, without the fatal decoder's cost
    // per call (a check decodes 1,000s of small files).
    if ((0,external_node_buffer_.isAscii)(bytes)) {
        const text = external_node_buffer_.Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
        return text.includes('\0') ? binary : { ok: true, text };
    }
    try {
        const text = UTF8.decode(bytes);
        return text.includes('\0') ? binary : { ok: true, text };
    }
    catch {
        return bytes.includes(0) ? binary : { ok: false, reason: 'is not valid UTF-8' };
    }
}
/** Reads the module-level `class Migration` of a migration file. */
function readMigrationFile(bytes) {
    const decoded = decodeSource(bytes);
    if (!decoded.ok)
        return { ok: false, reason: decoded.reason, line: null };
    return readMigrationSource(decoded.text);
}
function readMigrationSource(source) {
    const marker = findConflictMarker(source);
    if (marker !== null)
        return { ok: false, reason: 'contains git conflict markers', line: marker };
    let lines;
    try {
        // Only the module-level lines and the class body's attribute statements become tokens.
        lines = tokenizeMigrationOutline(source, ATTRIBUTES);
    }
    catch (error) {
        if (error instanceof PythonSyntaxError)
            return { ok: false, reason: `is not valid Python: ${error.message}`, line: error.line };
        throw error;
    }
    return readMigrationLines(source, lines);
}
/**
 * The declaration in a source's logical lines: those of `tokenize`, or of
 * `tokenizeMigrationOutline` with ATTRIBUTES, which keeps all that this reads.
 */
function readMigrationLines(source, lines) {
    let headerIndex = -1;
    let headers = 0;
    let secondHeaderLine = 0;
    for (let i = 0; i < lines.length; i++) {
        const l = lines[i];
        if (l.indent !== 0 || !isClassHeader(l.tokens, 'Migration'))
            continue;
        headers++;
        if (headers === 1)
            headerIndex = i;
        else if (headers === 2)
            secondHeaderLine = l.line;
    }
    if (headers === 0) {
        for (const l of lines) {
            if (l.indent === 0 && l.tokens[0]?.text === 'Migration')
                return { ok: false, reason: 'defines Migration other than with a class statement', line: l.line };
        }
        return { ok: false, reason: 'has no module-level class Migration', line: null };
    }
    if (headers > 1) {
        return { ok: false, reason: `defines class Migration ${headers} times`, line: secondHeaderLine };
    }
    const header = lines[headerIndex];
    const body = classBody(lines, headerIndex);
    const assignments = {
        dependencies: [],
        replaces: [],
        run_before: [],
    };
    try {
        for (const statement of body) {
            const first = statement[0];
            if (first?.type !== 'name' || !isAttribute(first.text))
                continue;
            const found = readAssignment(statement);
            if (found && isAttribute(found.target))
                assignments[found.target].push(found.assignment);
        }
    }
    catch (error) {
        if (error instanceof PythonSyntaxError)
            return { ok: false, reason: `is not valid Python: ${error.message}`, line: error.line };
        throw error;
    }
    const declaration = {
        classLine: header.line,
        dependencies: [],
        replaces: [],
        runBefore: [],
        dependencyAssignments: assignments.dependencies,
    };
    for (const attribute of ATTRIBUTES) {
        // Python keeps the last assignment; that is the value Django sees.
        const assignment = assignments[attribute][assignments[attribute].length - 1];
        if (!assignment)
            continue;
        const refs = readRefList(attribute, assignment);
        if (!refs.ok)
            return { ok: false, reason: refs.reason, line: refs.line };
        if (attribute === 'dependencies')
            declaration.dependencies = refs.refs;
        else if (attribute === 'replaces')
            declaration.replaces = refs.refs;
        else
            declaration.runBefore = refs.refs;
    }
    return { ok: true, declaration, source };
}
function isAttribute(name) {
    return name === 'dependencies' || name === 'replaces' || name === 'run_before';
}
function isClassHeader(tokens, name) {
    return tokens[0]?.type === 'name' && tokens[0].text === 'class' && tokens[1]?.text === name;
}
/** The simple statements directly in the class body (nested blocks are skipped). */
function classBody(lines, headerIndex) {
    const statements = [];
    const header = lines[headerIndex];
    // `class Migration(...): x = 1` puts the body on the header line.
    const colon = headerColon(header.tokens);
    if (colon >= 0 && colon < header.tokens.length - 1) {
        splitStatements(header.tokens, colon + 1, statements);
        return statements;
    }
    const start = headerIndex + 1;
    const first = lines[start];
    if (!first || first.indent === 0)
        return statements;
    for (let i = start; i < lines.length; i++) {
        const line = lines[i];
        if (line.indent === 0)
            break;
        if (line.indent !== first.indent)
            continue;
        splitStatements(line.tokens, 0, statements);
    }
    return statements;
}
function headerColon(tokens) {
    let depth = 0;
    for (let i = 0; i < tokens.length; i++) {
        const t = tokens[i];
        if (t.type !== 'op')
            continue;
        const text = t.text;
        if (text === '(' || text === '[' || text === '{')
            depth++;
        else if (text === ')' || text === ']' || text === '}')
            depth--;
        else if (text === ':' && depth === 0)
            return i;
    }
    return -1;
}
/** Appends to `out` the `;`-separated statements of `tokens` from `from` (a line with one statement is not copied). */
function splitStatements(tokens, from, out) {
    let depth = 0;
    let start = from;
    for (let i = from; i < tokens.length; i++) {
        const t = tokens[i];
        if (t.type !== 'op')
            continue;
        const text = t.text;
        if (text === '(' || text === '[' || text === '{')
            depth++;
        else if (text === ')' || text === ']' || text === '}')
            depth--;
        else if (text === ';' && depth === 0) {
            if (i > start)
                out.push(tokens.slice(start, i));
            start = i + 1;
        }
    }
    if (start === 0) {
        if (tokens.length > 0)
            out.push(tokens);
    }
    else if (start < tokens.length)
        out.push(tokens.slice(start));
}
function readAssignment(tokens) {
    const [name, op] = tokens;
    if (name?.type !== 'name' || op?.type !== 'op')
        return null;
    if (op.text === '=') {
        const rest = tokens.slice(2);
        const second = topLevelEquals(rest);
        if (second >= 0) {
            return {
                target: name.text,
                assignment: { form: 'chained', value: parseExpression(rest.slice(second + 1)), line: name.line },
            };
        }
        return {
            target: name.text,
            assignment: { form: 'assign', value: parseExpression(rest), line: name.line },
        };
    }
    if (op.text === ':') {
        const eq = topLevelEquals(tokens);
        if (eq < 0)
            return null;
        return {
            target: name.text,
            assignment: { form: 'annotated', value: parseExpression(tokens.slice(eq + 1)), line: name.line },
        };
    }
    const o = op.text;
    if (o.length >= 2 && o.endsWith('=') && o !== '==' && o !== '<=' && o !== '>=' && o !== '!=') {
        const value = {
            kind: 'computed',
            reason: `uses '${op.text}'`,
            start: op.start,
            end: tokens[tokens.length - 1].end,
            line: name.line,
        };
        return { target: name.text, assignment: { form: 'augmented', value, line: name.line } };
    }
    return null;
}
/** Index of the first `=` outside brackets (keyword arguments are inside them), or -1. */
function topLevelEquals(tokens) {
    let depth = 0;
    for (let i = 0; i < tokens.length; i++) {
        const t = tokens[i];
        if (t.type !== 'op')
            continue;
        if (t.text === '(' || t.text === '[' || t.text === '{')
            depth++;
        else if (t.text === ')' || t.text === ']' || t.text === '}')
            depth--;
        else if (t.text === '=' && depth === 0)
            return i;
    }
    return -1;
}
/** `migrations.swappable_dependency(...)` names the user model's app; it never orders one app's migrations. */
function isSwappableDependency(expr) {
    if (expr.kind !== 'call')
        return false;
    const f = expr.func;
    return ((f.kind === 'name' && f.id === 'swappable_dependency') ||
        (f.kind === 'attribute' && f.attr === 'swappable_dependency'));
}
/** A `("app", "name")` pair (tuple or list) of two plain strings, or null. */
function asRefPair(expr) {
    if ((expr.kind !== 'tuple' && expr.kind !== 'list') || expr.elts.length !== 2)
        return null;
    const [a, b] = expr.elts;
    if (a?.kind !== 'str' || b?.kind !== 'str')
        return null;
    return { app: a.value, name: b.value };
}
function readRefList(attribute, assignment) {
    const value = assignment.value;
    if (value.kind !== 'list' && value.kind !== 'tuple') {
        const why = value.kind === 'computed' ? ` (${value.reason})` : '';
        return {
            ok: false,
            reason: `cannot read ${attribute}: it is computed, not a literal list or tuple${why}`,
            line: value.line,
        };
    }
    const refs = [];
    for (const element of value.elts) {
        if (attribute === 'dependencies' && isSwappableDependency(element))
            continue;
        const pair = asRefPair(element);
        if (!pair) {
            return {
                ok: false,
                reason: `cannot read ${attribute}: an entry is not an ("app", "migration") pair of strings`,
                line: element.line,
            };
        }
        refs.push({
            app: pair.app,
            name: pair.name,
            line: element.line,
            form: element.kind === 'list' ? 'list' : 'tuple',
        });
    }
    return { ok: true, refs };
}

;// CONCATENATED MODULE: ./lib/src/shared/migrations/python-unparse.js
/**
 * Re-emits an expression the way Python's `ast.unparse` does (rebase_migration writes the
 * new dependency list with it): `repr()` for strings, `, ` between items, `(x,)` for a
 * one-element tuple. Returns null for what we only know as `computed`.
 */
function unparse(expr) {
    switch (expr.kind) {
        case 'str':
            return (expr.unicodePrefix ? 'u' : '') + pyStrRepr(expr.value);
        case 'bytes':
            return pyBytesRepr(expr.value);
        case 'number':
            return pyNumberRepr(expr.text);
        case 'name':
            return expr.id;
        case 'attribute': {
            const value = unparse(expr.value);
            if (value === null)
                return null;
            // `1 .real` needs the space; nothing in a migration does, but keep Python's rule.
            return `${expr.value.kind === 'number' && /^\d+$/.test(value) ? `${value} ` : value}.${expr.attr}`;
        }
        case 'call': {
            const func = unparse(expr.func);
            const args = expr.args.map(unparse);
            const keywords = expr.keywords.map(([k, v]) => {
                const u = unparse(v);
                return u === null ? null : `${k}=${u}`;
            });
            if (func === null || args.includes(null) || keywords.includes(null))
                return null;
            return `${func}(${[...args, ...keywords].join(', ')})`;
        }
        case 'tuple':
        case 'list': {
            const items = expr.elts.map(unparse);
            if (items.includes(null))
                return null;
            if (expr.kind === 'list')
                return `[${items.join(', ')}]`;
            return items.length === 1 ? `(${items[0]},)` : `(${items.join(', ')})`;
        }
        case 'computed':
            return null;
    }
}
// Python's str.isprintable(): false for control, format, surrogate, private-use,
// unassigned and separator characters, except the ASCII space.
const NON_PRINTABLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]/u;
/** Python's `repr(str)`. */
function pyStrRepr(value) {
    const quote = value.includes("'") && !value.includes('"') ? '"' : "'";
    let out = quote;
    for (const ch of value) {
        const cp = ch.codePointAt(0);
        if (ch === quote || ch === '\\')
            out += `\\${ch}`;
        else if (ch === '\t')
            out += '\\t';
        else if (ch === '\n')
            out += '\\n';
        else if (ch === '\r')
            out += '\\r';
        else if (cp < 0x20 || cp === 0x7f)
            out += `\\x${hex(cp, 2)}`;
        else if (cp < 0x7f || ch === ' ')
            out += ch;
        else if (NON_PRINTABLE.test(ch))
            out += cp <= 0xff ? `\\x${hex(cp, 2)}` : cp <= 0xffff ? `\\u${hex(cp, 4)}` : `\\U${hex(cp, 8)}`;
        else
            out += ch;
    }
    return out + quote;
}
/** Python's `repr(bytes)`, for a value holding one char per byte. */
function pyBytesRepr(value) {
    const quote = value.includes("'") && !value.includes('"') ? '"' : "'";
    let out = `b${quote}`;
    for (const ch of value) {
        const cp = ch.codePointAt(0);
        if (ch === quote || ch === '\\')
            out += `\\${ch}`;
        else if (ch === '\t')
            out += '\\t';
        else if (ch === '\n')
            out += '\\n';
        else if (ch === '\r')
            out += '\\r';
        else if (cp < 0x20 || cp >= 0x7f)
            out += `\\x${hex(cp & 0xff, 2)}`;
        else
            out += ch;
    }
    return out + quote;
}
function hex(n, width) {
    return n.toString(16).padStart(width, '0');
}
/** `repr()` of the number a literal denotes: `0x10` -> `16`, `1_000` -> `1000`. */
function pyNumberRepr(text) {
    const t = text.replace(/_/g, '');
    if (/^0[xX]/.test(t) || /^0[oO]/.test(t) || /^0[bB]/.test(t))
        return BigInt(t.toLowerCase()).toString();
    if (/^\d+$/.test(t))
        return BigInt(t).toString();
    // Floats and complex numbers: Python's float repr differs from JavaScript's in places.
    return null;
}

;// CONCATENATED MODULE: ./lib/src/shared/migrations/rebase-plan.js




/** Computes rebase_migration's result, or the reason it refuses (or would do harm). */
function planRebase(input) {
    const fileName = `${input.rebasedName}.py`;
    // read_text() turns \r\n and \r into \n; write_text() writes \n.
    const content = input.rebasedSource.replace(/\r\n?/g, '\n');
    const list = dependencyList(content, fileName);
    if (!list.ok)
        return list;
    const rewritten = rewriteDependencies(list.value, input, fileName);
    if (!rewritten.ok)
        return rewritten;
    const renamed = newNameOf(input, fileName);
    if (!renamed.ok)
        return renamed;
    const newName = renamed.value;
    const newDependencies = rewritten.value;
    const [before, after] = dlmSplit(content, list.value.start, list.value.end);
    const dir = input.rebasedPath.slice(0, input.rebasedPath.lastIndexOf('/') + 1);
    return {
        ok: true,
        plan: {
            project: input.project,
            app: input.app,
            mergedName: input.mergedName,
            rebasedName: input.rebasedName,
            newName,
            oldPath: input.rebasedPath,
            newPath: `${dir}${newName}.py`,
            newContent: before + newDependencies + after,
            newDependencies,
            maxMigrationPath: input.maxMigrationPath,
            maxMigrationContent: `${newName}\n`,
            output: `Renamed ${fileName} to ${newName}.py, updated its dependencies, and updated max_migration.txt.`,
        },
    };
}
/** The one plain `dependencies = [...]` (or `(...)`) rebase_migration edits. */
function dependencyList(content, fileName) {
    const read = readMigrationSource(content);
    if (!read.ok) {
        return { ok: false, reason: `rebase_migration cannot parse ${fileName}: it ${read.reason}` };
    }
    const plain = read.declaration.dependencyAssignments.filter((a) => a.form === 'assign' && (a.value.kind === 'list' || a.value.kind === 'tuple'));
    if (plain.length === 0) {
        const annotated = read.declaration.dependencyAssignments.some((a) => a.form === 'annotated');
        return {
            ok: false,
            reason: annotated
                ? `rebase_migration refuses ${fileName}: its dependencies are annotated (\`dependencies: list = [...]\`) and it only edits a plain \`dependencies = [...]\``
                : `rebase_migration refuses ${fileName}: it has no plain \`dependencies = [...]\` assignment`,
        };
    }
    if (plain.length > 1) {
        return {
            ok: false,
            reason: `rebase_migration refuses ${fileName}: it assigns dependencies = [...] ${plain.length} times`,
        };
    }
    return { ok: true, value: plain[0].value };
}
/** The list as rebase_migration writes it: the one same-app entry now names the merged migration. */
function rewriteDependencies(list, input, fileName) {
    let sameApp = 0;
    const items = [];
    for (const element of list.elts) {
        const pair = asRefPair(element);
        if (pair?.app === input.app) {
            sameApp++;
            items.push(`(${pyStrRepr(input.app)}, ${pyStrRepr(input.mergedName)})`);
            continue;
        }
        const text = unparse(element);
        if (text === null)
            return {
                ok: false,
                reason: `cannot predict how rebase_migration re-emits a dependency of ${fileName}`,
            };
        items.push(text);
    }
    if (sameApp !== 1) {
        return {
            ok: false,
            reason: `rebase_migration refuses ${fileName}: it has ${sameApp} dependencies within ${input.app} (it needs exactly one)`,
        };
    }
    const value = list.kind === 'list'
        ? `[${items.join(', ')}]`
        : items.length === 1
            ? `(${items[0]},)`
            : `(${items.join(', ')})`;
    return { ok: true, value };
}
/** The merged migration's number plus one, then the rebased name's rest (9999 -> 10000). */
function newNameOf(input, fileName) {
    const merged = splitName(input.mergedName);
    const rebased = splitName(input.rebasedName);
    if (!merged || !/^\d+$/.test(merged.number)) {
        return {
            ok: false,
            reason: `rebase_migration cannot number after '${input.mergedName}': the name does not start with a number and '_'`,
        };
    }
    if (!rebased) {
        return {
            ok: false,
            reason: `rebase_migration cannot rename '${input.rebasedName}': the name has no '_' after its number`,
        };
    }
    const newName = `${(BigInt(merged.number) + 1n).toString().padStart(4, '0')}_${rebased.rest}`;
    if (newName !== input.rebasedName && input.existingNames.has(newName)) {
        return {
            ok: false,
            reason: `rebase_migration would rename ${fileName} to ${newName}.py, which already exists, and overwrite it`,
        };
    }
    return { ok: true, value: newName };
}
function splitName(name) {
    const i = name.indexOf('_');
    return i < 0 ? null : { number: name.slice(0, i), rest: name.slice(i + 1) };
}
/**
 * Splits the content around the list exactly as DLM does: it sums Python's splitlines()
 * line lengths up to the node's line and adds ast's col_offset, which counts UTF-8 bytes.
 */
function dlmSplit(content, start, end) {
    const codePoints = Array.from(content);
    const lines = splitPythonLinesKeepEnds(content).map((l) => Array.from(l).length);
    const offset = (at) => {
        const lineStart = content.lastIndexOf('\n', at - 1) + 1;
        const lineNo = content.slice(0, lineStart).split('\n').length;
        const colBytes = Buffer.byteLength(content.slice(lineStart, at), 'utf8');
        return lines.slice(0, lineNo - 1).reduce((a, b) => a + b, 0) + colBytes;
    };
    return [codePoints.slice(0, offset(start)).join(''), codePoints.slice(offset(end)).join('')];
}
function splitPythonLinesKeepEnds(text) {
    const out = [];
    const re = /\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]/g;
    let last = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
        out.push(text.slice(last, m.index + m[0].length));
        last = m.index + m[0].length;
    }
    if (last < text.length)
        out.push(text.slice(last));
    return out;
}
/**
 * Applies a plan to a working tree (`--fix`): the same three changes rebase_migration
 * makes. Refuses when the file to move is not the one the plan was computed from.
 */
async function applyFix(repoDir, plan, expectedSource) {
    const oldFile = external_node_path_.join(repoDir, plan.oldPath);
    let current;
    try {
        current = await (0,promises_.readFile)(oldFile, 'utf8');
    }
    catch {
        throw new Error(`cannot apply the rebase of ${plan.app}: ${plan.oldPath} does not exist in ${repoDir}`);
    }
    if (expectedSource !== undefined && current !== expectedSource) {
        throw new Error(`cannot apply the rebase of ${plan.app}: ${plan.oldPath} differs from the pull request's version; commit or discard local changes first`);
    }
    await (0,promises_.rename)(oldFile, external_node_path_.join(repoDir, plan.newPath));
    await (0,promises_.writeFile)(external_node_path_.join(repoDir, plan.newPath), plan.newContent);
    await (0,promises_.writeFile)(external_node_path_.join(repoDir, plan.maxMigrationPath), plan.maxMigrationContent);
}

// EXTERNAL MODULE: ./lib/src/shared/migrations/report.js
var report = __webpack_require__(2926);
;// CONCATENATED MODULE: ./lib/src/shared/migrations/rules.js

// Python's str.splitlines() separators.
const PY_LINE_BREAK = /\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]/;
function splitPythonLines(text) {
    if (text === '')
        return [];
    const lines = text.split(PY_LINE_BREAK);
    if (PY_LINE_BREAK.test(text.slice(-1)) || text.endsWith('\r\n'))
        lines.pop();
    return lines;
}
// Strips a leading BOM. A decode without `stream` keeps no state, so one decoder serves every file.
const rules_UTF8 = new TextDecoder('utf-8', { fatal: true });
/** DLM reads `read_text().strip().splitlines()`: CRLF and surrounding blanks are forgiven. */
function readMaxMigration(bytes) {
    if (bytes === null)
        return { kind: 'missing' };
    let text;
    if ((0,external_node_buffer_.isAscii)(bytes)) {
        // The usual file: decoded natively, without starting the fatal decoder (and ASCII has no BOM).
        text = external_node_buffer_.Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
    }
    else {
        try {
            text = rules_UTF8.decode(bytes);
        }
        catch {
            return { kind: 'unreadable', reason: 'is not valid UTF-8' };
        }
    }
    // Python's open() in text mode turns \r\n and \r into \n before strip().
    const lines = splitPythonLines(text.replace(/\r\n?/g, '\n').trim());
    if (lines.length === 0)
        return { kind: 'empty' };
    if (lines.length > 1)
        return { kind: 'several-lines', lines, conflict: conflictNames(text) };
    return { kind: 'name', name: lines[0] };
}
/**
 * The names `rebase_migration` would take from a conflicted max_migration.txt: the first
 * line must start with `<<<<<<<` and the last with `>>>>>>>` (not stripped, so a blank line
 * after the markers defeats it); line 2 and the second-to-last line are the names.
 */
function conflictNames(text) {
    const lines = splitPythonLines(text.replace(/\r\n?/g, '\n'));
    if (lines.length <= 1)
        return null;
    if (!lines[0].startsWith('<<<<<<<') || !lines[lines.length - 1].startsWith('>>>>>>>'))
        return null;
    return { first: lines[1].trim(), last: lines[lines.length - 2].trim() };
}
/**
 * One app's state in one tree: Django's graph rules, then DLM's E001-E005 on
 * max_migration.txt. `checkMaxMigration` is false for apps the configuration does not check.
 */
function checkAppState(state, graph, checkMaxMigration) {
    const label = state.app.label;
    const maxPath = state.app.maxMigrationPath;
    if (graph.unreadable.length > 0)
        return [...graph.unreadable, ...graph.errors];
    // Django's loader raises on these before any leaf is looked at.
    if (graph.errors.length > 0)
        return [...graph.errors];
    const problems = [];
    if (graph.leaves.length > 1) {
        // DLM checks E005 first, and when it fires it is the only error.
        const files = graph.leaves.map((l) => state.app.migrations.get(l));
        return [
            {
                code: 'dlm.E005',
                message: `Conflicting migrations detected - multiple leaf nodes in ${label}: ${graph.leaves.join(', ')}`,
                file: files[files.length - 1] ?? null,
                line: null,
            },
            ...problems,
        ];
    }
    if (!checkMaxMigration || state.app.migrations.size === 0)
        return problems;
    const content = readMaxMigration(state.maxMigration);
    switch (content.kind) {
        case 'missing':
            problems.push({
                code: 'dlm.E001',
                message: `${label}'s max_migration.txt does not exist`,
                file: maxPath,
                line: null,
            });
            break;
        case 'unreadable':
            problems.push({
                code: 'max-migration-unreadable',
                message: `${label}'s max_migration.txt ${content.reason}`,
                file: maxPath,
                line: null,
            });
            break;
        case 'empty':
            // DLM itself crashes here (IndexError); say what to write instead.
            problems.push({
                code: 'max-migration-empty',
                message: `${label}'s max_migration.txt is empty; it must contain the latest migration's name${graph.leaves.length === 1 ? ` ('${graph.leaves[0]}')` : ''}`,
                file: maxPath,
                line: 1,
            });
            break;
        case 'several-lines': {
            const markers = content.lines.some((l) => /^(<{7}|={7}|>{7}|\|{7})/.test(l));
            problems.push({
                code: 'dlm.E002',
                message: markers
                    ? `${label}'s max_migration.txt contains git conflict markers`
                    : `${label}'s max_migration.txt contains multiple lines`,
                file: maxPath,
                line: 2,
            });
            break;
        }
        case 'name': {
            if (!state.app.migrations.has(content.name)) {
                problems.push({
                    code: 'dlm.E003',
                    message: `${label}'s max_migration.txt points to non-existent migration '${content.name}'`,
                    file: maxPath,
                    line: 1,
                });
            }
            else if (graph.leaves.length === 1 && graph.leaves[0] !== content.name) {
                problems.push({
                    code: 'dlm.E004',
                    message: `${label}'s max_migration.txt contains '${content.name}', but the latest migration is '${graph.leaves[0]}'`,
                    file: maxPath,
                    line: 1,
                });
            }
        }
    }
    return problems;
}

;// CONCATENATED MODULE: ./lib/src/shared/migrations/rebase-advice.js



/** Quotes a path for a POSIX shell when it needs it (directory names come from the repository). */
function shellQuote(text) {
    return /^[A-Za-z0-9_./-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}
/** The hand-made version of a chain rebase: the new names, in order. */
function renumberingSteps(names, mergedName, label) {
    const number = Number.parseInt(mergedName, 10);
    if (Number.isNaN(number))
        return `make ${names[0]} depend on ('${label}', '${mergedName}') and write the last name into max_migration.txt.`;
    const steps = names.map((n, i) => {
        const rest = n.includes('_') ? n.slice(n.indexOf('_') + 1) : n;
        return `${n} -> ${String(number + 1 + i).padStart(4, '0')}_${rest}`;
    });
    return `make ${names[0]} depend on ('${label}', '${mergedName}'), rename ${steps.join(', ')} (updating the dependencies that name them), and write the last name into max_migration.txt.`;
}
/**
 * The pull request's new migrations in dependency order, when they form one chain (each
 * depends on the one before it, the first on a migration the base has); null otherwise.
 */
function chainOrder(newNames, app) {
    const label = app.state.app.label;
    const fresh = new Set(newNames);
    const parentOf = new Map();
    for (const name of newNames) {
        const read = app.state.migrations.get(name);
        if (!read?.ok)
            return null;
        parentOf.set(name, read.declaration.dependencies.filter((d) => d.app === label && fresh.has(d.name)).map((d) => d.name));
    }
    const firsts = newNames.filter((n) => parentOf.get(n).length === 0);
    if (firsts.length !== 1)
        return null;
    const order = [firsts[0]];
    while (order.length < newNames.length) {
        const last = order[order.length - 1];
        const next = newNames.filter((n) => parentOf.get(n).includes(last));
        if (next.length !== 1 || parentOf.get(next[0]).length !== 1)
            return null;
        order.push(next[0]);
    }
    return order;
}
/**
 * The rebase of each migration of a chain onto `mergedName`, in order: what running
 * rebase_migration once per migration does (each step re-parents one migration on the one
 * renamed before it). A single migration is rebase_migration's own case.
 */
function planChain(project, label, mergedName, chain, existingNames, maxMigrationPath) {
    const names = new Set(existingNames);
    const plans = [];
    let parent = mergedName;
    for (const step of chain) {
        const outcome = planRebase({
            project,
            app: label,
            mergedName: parent,
            rebasedName: step.name,
            rebasedPath: step.path,
            rebasedSource: step.source,
            existingNames: names,
            maxMigrationPath,
        });
        if (!outcome.ok)
            return outcome;
        plans.push(outcome.plan);
        names.delete(step.name);
        names.add(outcome.plan.newName);
        parent = outcome.plan.newName;
    }
    return { ok: true, plans };
}
/** The merged result has several leaves or a conflicted max_migration.txt: say how to rebase. */
function needsRebase(ctx, project, label, sides) {
    const { head: h, base: b, merged: mg, added } = sides;
    const baseMax = b ? readMaxMigration(b.state.maxMigration) : null;
    const mergedName = baseMax?.kind === 'name' ? baseMax.name : (b?.graph.leaves[0] ?? '?');
    const cd = project ? `cd ${shellQuote(project)} && ` : '';
    const command = `${cd}${ctx.manage} rebase_migration ${label}`;
    const newInPr = added.filter((n) => mg.graph.nodes.includes(n));
    const chain = chainOrder(newInPr, h);
    const first = chain?.[0] ?? newInPr[0];
    const firstPath = first ? h.state.app.migrations.get(first) : h.state.app.maxMigrationPath;
    const firstRead = first ? h.state.migrations.get(first) : undefined;
    const sameAppDep = firstRead?.ok
        ? firstRead.declaration.dependencies.find((d) => d.app === label)
        : undefined;
    const depLine = sameAppDep?.line ?? null;
    const moved = `${ctx.baseName} has moved on to ${label}.${mergedName}`;
    const problem = (code, message) => ({ code, message, file: firstPath, line: depLine });
    if (newInPr.length === 0) {
        return (0,report/* appReport */.G$)(project, label, 'pr-problems', [
            {
                code: 'max-migration-conflict',
                message: `this pull request and ${ctx.baseName} both change ${label}'s max_migration.txt, but the pull request adds no migration to ${label}; after merging, keep ${ctx.baseName}'s '${mergedName}'`,
                file: h.state.app.maxMigrationPath,
                line: 1,
            },
        ]);
    }
    const manual = (reason) => (0,report/* appReport */.G$)(project, label, 'needs-rebase', [
        problem('needs-rebase-manual', `this pull request adds ${newInPr.join(', ')} to ${label} and ${moved}. ${reason}. Instead, merge ${ctx.baseName}, then by hand: ${renumberingSteps(chain ?? newInPr, mergedName, label)}`),
    ]);
    if (!chain)
        return manual('Its new migrations do not form one chain, so no rebase can be predicted');
    const planned = planChain(project, label, mergedName, chain.map((name) => {
        const read = h.state.migrations.get(name);
        return { name, path: h.state.app.migrations.get(name), source: read?.ok ? read.source : '' };
    }), mg.state.app.migrations.keys(), mg.state.app.maxMigrationPath);
    if (!planned.ok)
        return manual(planned.reason);
    if (chain.length === 1) {
        return (0,report/* appReport */.G$)(project, label, 'needs-rebase', [
            problem('needs-rebase', `this pull request's ${label}.${first} depends on ${label}.${sameAppDep?.name ?? '?'}, but ${moved}. Merge or rebase onto ${ctx.baseName} (max_migration.txt will conflict), then run the fix.`),
        ], { fix: command, plans: planned.plans });
    }
    return (0,report/* appReport */.G$)(project, label, 'needs-rebase', [
        problem('needs-rebase-chain', `this pull request adds a chain of ${chain.length} migrations to ${label} (${chain.join(', ')}) and ${moved}. rebase_migration moves only the last one and would leave ${label} with two leaves. Merge or rebase onto ${ctx.baseName}, then run \`gateway-ops migration-check --fix\`, which renames and re-parents each in turn, as running rebase_migration once per migration would.`),
    ], { plans: planned.plans });
}

;// CONCATENATED MODULE: ./lib/src/shared/migrations/sides.js

function side(tree, state) {
    return { state, graphs: new Map(), tree };
}
/** An app of one side; its project's graph is built on first use (the merge-base never needs one). */
function appOf(s, project, label) {
    const p = s.state.projects.find((x) => x.project === project);
    const state = p?.apps.get(label);
    if (!p || !state)
        return null;
    return {
        state,
        get graph() {
            let graphs = s.graphs.get(project);
            if (!graphs) {
                graphs = buildProjectGraph(p);
                s.graphs.set(project, graphs);
            }
            return graphs.get(label);
        },
    };
}

;// CONCATENATED MODULE: ./lib/src/shared/migrations/app-check.js




const idIn = (entries, p) => p ? entries.get(p)?.id : undefined;
/** The text after a migration's number (`0003_add_email` -> `add_email`), or null for a non-numbered name. */
function nameAfterNumber(name) {
    const m = /^\d+_(.+)$/.exec(name);
    return m ? m[1] : null;
}
/** A migration's source without its dependency list, whitespace folded: what stays the same when it is renumbered. */
function bodyWithoutDependencies(read) {
    if (!read?.ok || !read.source)
        return null;
    const deps = read.declaration.dependencyAssignments[0]?.value;
    const text = deps ? read.source.slice(0, deps.start) + read.source.slice(deps.end) : read.source;
    return text.replace(/\s+/g, ' ').trim();
}
/**
 * Migrations the base already has that the pull request deletes, renames or edits: a
 * database may have applied them. A deleted file is a rename when an added one has the same
 * content, the same name after its number, or the same body under a new number.
 */
function baseMigrationChanges(ctx, label, h, b, m, added) {
    const headEntries = ctx.head.tree.entries;
    const mbEntries = ctx.mb.tree.entries;
    const changed = [];
    let squashed = null;
    const base = ctx.baseName;
    for (const [name, mbPath] of m?.state.app.migrations ?? []) {
        if (!b?.state.app.migrations.has(name))
            continue;
        const headPath = h.state.app.migrations.get(name);
        const mbId = idIn(mbEntries, mbPath);
        if (headPath === undefined) {
            squashed ??= squashedBy(h, label);
            if (squashed.has(name))
                continue;
            const oldBody = bodyWithoutDependencies(m?.state.migrations.get(name));
            const renamedTo = added.find((a) => {
                if (idIn(headEntries, h.state.app.migrations.get(a)) === mbId)
                    return true;
                const suffix = nameAfterNumber(name);
                if (suffix !== null && suffix === nameAfterNumber(a))
                    return true;
                return oldBody !== null && oldBody === bodyWithoutDependencies(h.state.migrations.get(a));
            });
            changed.push({
                code: renamedTo ? 'pr-renames-base-migration' : 'pr-deletes-base-migration',
                message: renamedTo
                    ? `this pull request renames ${label}.${name} (already on ${base}) to ${renamedTo}; databases that applied it would run it again. Keep the name.`
                    : `this pull request deletes ${label}.${name}, which ${base} already has; databases may have applied it. Restore it and add a new migration instead.`,
                file: mbPath,
                line: null,
            });
        }
        else if (idIn(headEntries, headPath) !== mbId) {
            changed.push({
                code: 'pr-edits-base-migration',
                message: `this pull request edits ${label}.${name}, which ${base} already has; databases that applied it will not see the change. Revert it and add a new migration instead.`,
                file: headPath,
                line: null,
            });
        }
    }
    return changed;
}
/** The app's migrations that a squash of the side replaces. */
function squashedBy(app, label) {
    const names = new Set();
    for (const read of app.state.migrations.values()) {
        if (!read.ok)
            continue;
        for (const r of read.declaration.replaces)
            if (r.app === label)
                names.add(r.name);
    }
    return names;
}
/** Why a branch has several leaves, and what to do instead of a merge migration (which is not linear). */
function severalLeaves(ctx, label, h, b) {
    const leaves = h.graph.leaves;
    const fromBase = leaves.filter((l) => b?.state.app.migrations.has(l));
    const own = leaves.filter((l) => !b?.state.app.migrations.has(l));
    const prefix = `this pull request's branch itself has several leaf migrations in ${label} (${leaves.join(', ')}), which Django's migrate refuses`;
    if (fromBase.length === 1 && own.length === 1) {
        return `${prefix}: ${ctx.baseName}'s ${fromBase[0]} and this branch's ${own[0]} (as after a merge whose max_migration.txt conflict was resolved by hand). Put this branch's migration after ${fromBase[0]}: ${renumberingSteps([own[0]], fromBase[0], label)}`;
    }
    return `${prefix}. Make each depend on the one before it, so the app has one chain: rename the later ones after their new parent and write the last name into max_migration.txt`;
}
/** Whether `differs` holds for any migration (name, path) of `migrations`. */
function changesAny(migrations, differs) {
    for (const [name, p] of migrations ?? [])
        if (differs(name, p))
            return true;
    return false;
}
/** One app's verdict: what the pull request changes, its own state, and the merged result. */
function checkApp(ctx, project, label, dlm) {
    const h = appOf(ctx.head, project, label);
    const b = appOf(ctx.base, project, label);
    const m = appOf(ctx.mb, project, label);
    const headEntries = ctx.head.tree.entries;
    const mbEntries = ctx.mb.tree.entries;
    const added = [];
    for (const n of h.state.app.migrations.keys())
        if (!m?.state.app.migrations.has(n))
            added.push(n);
    added.sort();
    const touched = added.length > 0 ||
        changesAny(m?.state.app.migrations, (n, p) => idIn(headEntries, h.state.app.migrations.get(n)) !== idIn(mbEntries, p)) ||
        idIn(headEntries, h.state.app.maxMigrationPath) !== idIn(mbEntries, m?.state.app.maxMigrationPath);
    const baseProblems = b ? checkAppState(b.state, b.graph, dlm) : [];
    if (baseProblems.length > 0)
        return againstBrokenBase(ctx, project, label, dlm, baseProblems, touched, added);
    if (!touched)
        return (0,report/* appReport */.G$)(project, label, 'unchanged', []);
    const changed = baseMigrationChanges(ctx, label, h, b, m, added);
    const headProblems = checkAppState(h.state, h.graph, dlm);
    if (headProblems.some((p) => p.code === 'dlm.E005')) {
        return (0,report/* appReport */.G$)(project, label, 'pr-several-leaves', [
            ...changed,
            ...headProblems.map((p) => p.code === 'dlm.E005' ? { ...p, message: severalLeaves(ctx, label, h, b) } : p),
        ]);
    }
    if (headProblems.length > 0) {
        const status = headProblems.some((p) => p.code === 'unreadable-migration') ? 'unreadable' : 'pr-problems';
        return (0,report/* appReport */.G$)(project, label, status, [...changed, ...headProblems]);
    }
    if (changed.length > 0)
        return (0,report/* appReport */.G$)(project, label, 'pr-changes-base-migration', changed);
    const mg = appOf(ctx.merged, project, label);
    const mergedConflict = ctx.isConflicted(mg.state.app.maxMigrationPath);
    if (mg.graph.leaves.length <= 1 && !mergedConflict && mg.graph.errors.length === 0) {
        const after = checkAppState(mg.state, mg.graph, dlm);
        return after.length === 0
            ? (0,report/* appReport */.G$)(project, label, 'linear', [])
            : (0,report/* appReport */.G$)(project, label, 'pr-problems', after);
    }
    if (mg.graph.errors.length > 0 || mg.graph.unreadable.length > 0) {
        return (0,report/* appReport */.G$)(project, label, 'pr-problems', [...mg.graph.errors, ...mg.graph.unreadable]);
    }
    return needsRebase(ctx, project, label, { head: h, base: b, merged: mg, added });
}
/** Problems that are the same problem in two states: by code for max_migration.txt, by message for the graph. */
function problemKey(p) {
    return p.code === 'dlm.E005' || /^(dlm\.E00[1-4]|max-migration-)/.test(p.code) ? p.code : p.message;
}
/**
 * The base is already not linear for the app: judge what the pull request does to it. A PR
 * whose head and merge result are linear repairs it (passes, with a note); one that leaves
 * it as broken passes with a warning; one that adds a leaf or a new problem fails.
 */
function againstBrokenBase(ctx, project, label, dlm, baseProblems, touched, added) {
    const h = appOf(ctx.head, project, label);
    const b = appOf(ctx.base, project, label);
    const m = appOf(ctx.mb, project, label);
    const mg = appOf(ctx.merged, project, label);
    const onBase = baseProblems.map((p) => p.message).join('; ');
    const state = `${ctx.baseName} is already not linear for ${label} (${onBase})`;
    const notes = baseProblems.map((p) => ({
        ...p,
        code: 'base-not-linear',
        message: `${ctx.baseName} itself is not linear (not caused by this pull request): ${p.message}`,
    }));
    if (!touched)
        return (0,report/* appReport */.G$)(project, label, 'base-not-linear', [], { notes });
    const changed = baseMigrationChanges(ctx, label, h, b, m, added);
    const headProblems = checkAppState(h.state, h.graph, dlm);
    const mergedConflict = ctx.isConflicted(mg.state.app.maxMigrationPath);
    const mergedProblems = mergedConflict
        ? [
            {
                code: 'max-migration-conflict',
                message: `this pull request and ${ctx.baseName} both change ${label}'s max_migration.txt; merge ${ctx.baseName} into this branch and resolve it, then check again`,
                file: h.state.app.maxMigrationPath,
                line: 1,
            },
        ]
        : checkAppState(mg.state, mg.graph, dlm);
    if (headProblems.length === 0 && mergedProblems.length === 0) {
        // Rewriting migrations is how a broken app is usually repaired: say so, without failing it.
        return (0,report/* appReport */.G$)(project, label, 'repairs-base', [], {
            notes: [
                {
                    code: 'repairs-base',
                    message: `${state}; this pull request makes it linear again`,
                    file: b.state.app.maxMigrationPath,
                    line: null,
                },
                ...changed,
            ],
        });
    }
    const known = new Set(baseProblems.map(problemKey));
    const introduced = mergedProblems.filter((p) => !known.has(problemKey(p)));
    const moreLeaves = mg.graph.leaves.length > Math.max(1, b.graph.leaves.length);
    if (introduced.length > 0 || moreLeaves || changed.length > 0) {
        const why = [...changed, ...introduced];
        if (moreLeaves) {
            why.push({
                code: 'dlm.E005',
                message: `${state}, and this pull request adds a leaf: after merging, ${label} has ${mg.graph.leaves.length} leaf migrations (${mg.graph.leaves.join(', ')}) instead of ${b.graph.leaves.length}. Make this pull request's migrations depend on ${b.graph.leaves.join(' or ')}, or repair ${label} in this pull request`,
                file: h.state.app.maxMigrationPath,
                line: null,
            });
        }
        if (why.length === changed.length && introduced.length === 0 && !moreLeaves) {
            // Only rewritten history, and the result still not linear: the rewrite did not repair it.
            why.push(...mergedProblems);
        }
        return (0,report/* appReport */.G$)(project, label, 'pr-worsens-base', why, { notes });
    }
    return (0,report/* appReport */.G$)(project, label, 'base-not-linear', [], { notes });
}

// EXTERNAL MODULE: ./lib/src/shared/migrations/tree.js
var migrations_tree = __webpack_require__(2652);
;// CONCATENATED MODULE: ./lib/src/shared/migrations/apps.js



function dirname(p) {
    const i = p.lastIndexOf('/');
    return i < 0 ? '' : p.slice(0, i);
}
function basename(p) {
    return p.slice(p.lastIndexOf('/') + 1);
}
/**
 * A migration module name as Django's loader sees it (pkgutil.iter_modules on the package):
 * a `.py` file directly in the package, not starting with `_` or `~`, without a dot in its stem.
 */
function migrationNameOf(fileName) {
    if (!fileName.endsWith('.py'))
        return null;
    const stem = fileName.slice(0, -3);
    if (stem.length === 0 || stem.includes('.') || stem.startsWith('_') || stem.startsWith('~'))
        return null;
    return stem;
}
/** Finds every app with a `migrations/__init__.py`, outside vendored and virtualenv directories. */
async function discoverApps(tree) {
    const layout = layoutOf(tree);
    const { notes, packages, projects } = layout;
    const appsPy = packages.map((m) => `${dirname(m)}/apps.py`).filter((p) => tree.entries.has(p));
    const appsPyContent = await tree.read(appsPy);
    const apps = [];
    for (const migrationsDir of packages.sort()) {
        const app = appAt(migrationsDir, layout, appsPyContent);
        if (app)
            apps.push(app);
    }
    notes.push(...duplicateLabels(apps));
    for (const note of notes) {
        if (note.code === 'migrations-symlink')
            note.project = projectOf(dirname(note.file), projects);
    }
    return { apps, notes };
}
function layoutOf(tree) {
    const layout = { projects: new Set(), packages: [], filesByDir: new Map(), notes: [] };
    for (const [dir, entries] of tree.directories ?? byDirectory(tree)) {
        if ((0,migrations_tree/* isSkippedPath */.cT)(dir))
            continue;
        const facts = factsOf(dir, entries);
        if (facts.project)
            layout.projects.add(dir);
        if (facts.package)
            layout.packages.push(dir);
        for (const link of facts.symlinks) {
            layout.notes.push({
                project: '',
                label: null,
                code: 'migrations-symlink',
                message: `${link} is a symbolic link; its migrations are not read (git stores only the link). Check the directory it points to instead.`,
                file: link,
            });
        }
        layout.filesByDir.set(dir, facts.paths);
    }
    return layout;
}
/** By directory first: a tree has 10,000s of files in a few dozen directories. */
function byDirectory(tree) {
    const entriesByDir = new Map();
    for (const entry of tree.entries.values()) {
        const dir = dirname(entry.path);
        const list = entriesByDir.get(dir);
        if (list)
            list.push(entry);
        else
            entriesByDir.set(dir, [entry]);
    }
    return entriesByDir;
}
// By the directory's list of entries: the trees of one check share the list of an unchanged directory.
const FACTS = new WeakMap();
function factsOf(dir, entries) {
    const known = FACTS.get(entries);
    if (known)
        return known;
    const isMigrations = basename(dir) === 'migrations' && dirname(dir) !== '';
    const facts = { project: false, package: false, symlinks: [], paths: [] };
    for (const entry of entries) {
        const name = basename(entry.path);
        // A file named like a skipped directory is skipped too, as its path would be.
        if ((0,migrations_tree/* isSkippedName */.CG)(name))
            continue;
        if (name === 'manage.py' && entry.kind === 'file')
            facts.project = true;
        if (name === '__init__.py' && isMigrations)
            facts.package = true;
        if (entry.kind === 'symlink' && name === 'migrations')
            facts.symlinks.push(entry.path);
        facts.paths.push(entry.path);
    }
    FACTS.set(entries, facts);
    return facts;
}
/** The app of one migrations package, its label from apps.py; null (with a note) for an invalid label. */
function appAt(migrationsDir, layout, appsPyContent) {
    const appDir = dirname(migrationsDir);
    const project = projectOf(appDir, layout.projects);
    let label = basename(appDir);
    const appsPyPath = `${appDir}/apps.py`;
    const content = appsPyContent.get(appsPyPath);
    if (content) {
        const found = labelOf(content);
        if (found.ok)
            label = found.label ?? label;
        else {
            layout.notes.push({
                project,
                label,
                code: 'unreadable-apps-py',
                message: `cannot read the app label from ${appsPyPath} (${found.reason}); using the directory name '${label}'`,
                file: appsPyPath,
            });
        }
    }
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(label)) {
        // Django refuses such a label at startup; it would also end up in a suggested command.
        layout.notes.push({
            project,
            label,
            code: 'invalid-label',
            message: `the app in ${appDir} has the label '${label}', which is not a Python identifier; Django refuses to start with it`,
            file: content ? appsPyPath : appDir,
        });
        return null;
    }
    const migrations = migrationsOf(layout.filesByDir.get(migrationsDir) ?? []);
    return {
        project,
        label,
        appDir,
        migrationsDir,
        migrations,
        maxMigrationPath: `${migrationsDir}/max_migration.txt`,
    };
}
// By the file's bytes: a check's trees get the same bytes for the same blob, so each apps.py is read once.
const LABELS = new WeakMap();
function labelOf(content) {
    let found = LABELS.get(content);
    if (!found) {
        found = labelFromAppsPy(content);
        LABELS.set(content, found);
    }
    return found;
}
// By the package's list of paths (shared by trees where it is unchanged); never changed once built.
const MIGRATIONS = new WeakMap();
/** Migration name -> path of a package's files. */
function migrationsOf(paths) {
    let migrations = MIGRATIONS.get(paths);
    if (migrations)
        return migrations;
    migrations = new Map();
    for (const p of paths) {
        const name = migrationNameOf(basename(p));
        if (name !== null)
            migrations.set(name, p);
    }
    MIGRATIONS.set(paths, migrations);
    return migrations;
}
/** A second app with a project's label (Django refuses to start). */
function duplicateLabels(apps) {
    const notes = [];
    const seen = new Map();
    for (const app of apps) {
        const key = `${app.project}\0${app.label}`;
        const other = seen.get(key);
        if (other) {
            notes.push({
                project: app.project,
                label: app.label,
                code: 'duplicate-label',
                message: `two apps share the label '${app.label}': ${other.appDir} and ${app.appDir} (Django refuses to start); set a distinct AppConfig.label`,
                file: `${app.appDir}/apps.py`,
            });
        }
        else
            seen.set(key, app);
    }
    return notes;
}
function projectOf(appDir, projects) {
    for (let dir = appDir;; dir = dirname(dir)) {
        if (projects.has(dir))
            return dir;
        if (dir === '')
            return '';
    }
}
/**
 * The label of the AppConfig in apps.py: `label = "..."`, else the last part of `name = "..."`.
 * With several configs, the one marked `default = True` wins, as in Django.
 */
function labelFromAppsPy(bytes) {
    const decoded = decodeSource(bytes);
    if (!decoded.ok)
        return { ok: false, reason: decoded.reason };
    let lines;
    try {
        lines = tokenize(decoded.text);
    }
    catch (error) {
        return { ok: false, reason: error.message };
    }
    const configs = [];
    for (let i = 0; i < lines.length; i++) {
        const header = lines[i];
        if (header.indent !== 0 || header.tokens[0]?.text !== 'class')
            continue;
        const config = { isDefault: false };
        const bodyIndent = lines[i + 1]?.indent ?? 0;
        for (let j = i + 1; j < lines.length && lines[j].indent > 0; j++) {
            const line = lines[j];
            const [target, eq, value, end] = line.tokens;
            if (line.indent !== bodyIndent || eq?.text !== '=' || end !== undefined)
                continue;
            if (target?.text === 'label' && value?.type === 'string')
                config.label = value.value;
            if (target?.text === 'name' && value?.type === 'string')
                config.name = value.value;
            if (target?.text === 'default' && value?.text === 'True')
                config.isDefault = true;
        }
        if (config.label !== undefined || config.name !== undefined)
            configs.push(config);
    }
    const chosen = configs.length === 1 ? configs[0] : (configs.find((c) => c.isDefault) ?? configs[0]);
    if (!chosen)
        return { ok: true, label: null };
    if (chosen.label !== undefined)
        return { ok: true, label: chosen.label };
    return { ok: true, label: chosen.name.slice(chosen.name.lastIndexOf('.') + 1) };
}

// EXTERNAL MODULE: ./lib/src/shared/migrations/tree-entries.js
var tree_entries = __webpack_require__(62889);
;// CONCATENATED MODULE: ./lib/src/shared/migrations/merged-tree.js

/**
 * The tree a merge of head into base would have (no checkout, no merge): each path takes the
 * side that changed it; both sides rewriting max_migration.txt is a conflict, as in git.
 */
class MergedTree {
    entries;
    directories;
    synthetic = new Map();
    blobs;
    constructor(blobs, base, head, mergeBase) {
        this.blobs = blobs;
        // What the merge changes against the base: path -> its entry, null for a deleted one.
        const merged = new Map();
        // Only directories whose list differs between head and merge-base hold a path head changed.
        const changed = differingDirectories(head.directories, mergeBase.directories);
        for (const dir of changed) {
            const paths = new Set();
            for (const e of head.directories.get(dir) ?? [])
                paths.add(e.path);
            for (const e of mergeBase.directories.get(dir) ?? [])
                paths.add(e.path);
            for (const p of paths)
                this.merge(p, base, head, mergeBase, merged);
        }
        const entryOf = (p) => (merged.has(p) ? (merged.get(p) ?? undefined) : base.entries.get(p));
        this.directories = mergedDirectories(entryOf, [base, head, mergeBase], changed);
        this.entries = new tree_entries/* EntriesByDirectory */.l(this.directories);
    }
    merge(p, base, head, mergeBase, merged) {
        const h = head.entries.get(p);
        const m = mergeBase.entries.get(p);
        if (h?.id === m?.id)
            return;
        const b = base.entries.get(p);
        const bothChanged = b?.id !== m?.id && b?.id !== h?.id;
        if (bothChanged && p.endsWith('/max_migration.txt') && b && h) {
            // Both sides rewrote the one line: git stops here with conflict markers.
            this.synthetic.set(p, new Uint8Array());
            merged.set(p, { path: p, kind: 'file', id: `conflict:${b.id}:${h.id}` });
        }
        else if (bothChanged) {
            // Another file both sides changed: the base's version stands in (git may merge it).
        }
        else
            merged.set(p, h ?? null);
    }
    async read(paths) {
        const out = new Map();
        const real = paths.filter((p) => !this.synthetic.has(p) && this.entries.get(p)?.kind === 'file');
        const blobs = await this.blobs.get(real.map((p) => this.entries.get(p).id));
        for (const p of real)
            out.set(p, blobs.get(this.entries.get(p).id));
        for (const p of paths)
            if (this.synthetic.has(p))
                out.set(p, this.synthetic.get(p));
        return out;
    }
    isConflicted(p) {
        return this.synthetic.has(p);
    }
}
/** Directories whose lists of files are not the same list in the two trees (listed once per check). */
function differingDirectories(a, b) {
    const out = [];
    for (const [dir, list] of a)
        if (b.get(dir) !== list)
            out.push(dir);
    for (const dir of b.keys())
        if (!a.has(dir))
            out.push(dir);
    return out;
}
/** The merged tree by directory: the base's lists, each directory head changed rebuilt from the entries. */
function mergedDirectories(entryOf, trees, changed) {
    const directories = new Map(trees[0].directories);
    for (const dir of changed) {
        const files = [];
        const seen = new Set();
        for (const tree of trees) {
            for (const e of tree.directories.get(dir) ?? []) {
                const merged = seen.has(e.path) ? undefined : entryOf(e.path);
                seen.add(e.path);
                if (merged)
                    files.push(merged);
            }
        }
        if (files.length > 0)
            directories.set(dir, files);
        else
            directories.delete(dir);
    }
    return directories;
}
/** Directories holding a file that differs between the two trees. */
function changedDirectories(a, b) {
    const dirs = new Set();
    for (const dir of differingDirectories(a.directories, b.directories)) {
        const other = b.directories.get(dir) ?? [];
        const mine = a.directories.get(dir) ?? [];
        const differs = mine.some((e) => b.entries.get(e.path)?.id !== e.id) || other.some((e) => !a.entries.has(e.path));
        if (differs)
            dirs.add(dir);
    }
    return dirs;
}

;// CONCATENATED MODULE: ./lib/src/shared/migrations/repository-migrations.js



/** Stands in for the files of an app that is not read: its names are known, its edges are not. */
const NOT_READ = {
    ok: true,
    source: '',
    declaration: { classLine: 0, dependencies: [], replaces: [], runBefore: [], dependencyAssignments: [] },
};
// An unread app's stand-ins by its (shared, never changed) name -> path map: built once per check.
const UNREAD = new WeakMap();
function notRead(names) {
    let migrations = UNREAD.get(names);
    if (!migrations) {
        migrations = new Map();
        for (const name of names.keys())
            migrations.set(name, NOT_READ);
        UNREAD.set(names, migrations);
    }
    return migrations;
}
/**
 * Discovers the apps of a tree and reads the migration files and max_migration.txt of the
 * apps `select` accepts (default all). The others keep their migration names only (so
 * dependencies on them can be checked) and are marked `partial`: never judge them.
 */
async function readRepositoryMigrations(tree, cache = new Map(), select = () => true) {
    const { apps, notes } = await discoverApps(tree);
    const toRead = [];
    for (const app of apps) {
        if (!select(app))
            continue;
        for (const p of app.migrations.values()) {
            const entry = tree.entries.get(p);
            if (entry?.kind === 'file' && !cache.has(entry.id))
                toRead.push(p);
        }
        if (tree.entries.has(app.maxMigrationPath))
            toRead.push(app.maxMigrationPath);
    }
    const contents = await tree.read(toRead);
    const projects = new Map();
    for (const app of apps) {
        const project = projects.get(app.project) ?? { project: app.project, apps: new Map() };
        projects.set(app.project, project);
        // A second app with the same label is reported by discovery; Django would refuse to start.
        if (project.apps.has(app.label))
            continue;
        const hasMaxMigration = tree.entries.get(app.maxMigrationPath)?.kind === 'file';
        if (!select(app)) {
            const migrations = notRead(app.migrations);
            project.apps.set(app.label, { app, migrations, maxMigration: null, hasMaxMigration, partial: true });
            continue;
        }
        const migrations = new Map();
        for (const [name, p] of app.migrations) {
            const entry = tree.entries.get(p);
            if (entry.kind !== 'file') {
                migrations.set(name, { ok: false, reason: `is a ${entry.kind}, which is not read`, line: null });
                continue;
            }
            let read = cache.get(entry.id);
            if (!read) {
                read = readMigrationFile(contents.get(p));
                cache.set(entry.id, read);
            }
            migrations.set(name, read);
        }
        const state = {
            app,
            migrations,
            maxMigration: contents.get(app.maxMigrationPath) ?? null,
            hasMaxMigration,
            partial: false,
        };
        project.apps.set(app.label, state);
    }
    return { projects: [...projects.values()].sort((a, b) => compareNames(a.project, b.project)), notes };
}

;// CONCATENATED MODULE: ./lib/src/shared/migrations/pull-request.js











/** A mistake in how the check was called (exit code 2): wrong directory, unknown ref or app, shallow clone. */
class MigrationCheckUsageError extends errors/* ConfigurationError */.j1 {
    name = 'MigrationCheckUsageError';
}
async function git(repo, args) {
    return (await (0,migrations_tree/* runGit */.EO)(repo, args)).toString('utf8').trim();
}
/** `git fetch` arguments for a ref: `origin/main` is branch `main` of remote `origin`, never `git fetch origin origin/main`. */
async function fetchHint(repo, ref) {
    const remotes = (await git(repo, ['remote']).catch(() => '')).split('\n').filter(Boolean);
    const slash = ref.indexOf('/');
    const remote = slash > 0 ? ref.slice(0, slash) : '';
    if (remote && (remotes.includes(remote) || remotes.length === 0 || remote === 'origin'))
        return `git fetch ${remote} ${ref.slice(slash + 1)}`;
    return `git fetch ${remotes[0] ?? 'origin'} ${ref}`;
}
async function resolveCommit(repo, ref) {
    try {
        return await git(repo, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`]);
    }
    catch {
        throw new MigrationCheckUsageError(`unknown ref '${ref}' in ${repo}: expected a branch, tag or commit that exists locally (fetch it first, e.g. \`${await fetchHint(repo, ref)}\`)`);
    }
}
/** Resolves refs and the merge-base, with the errors a user can act on. */
async function resolveRevisions(repo, baseRef, headRef) {
    const dir = await (0,promises_.stat)(repo).catch(() => null);
    if (!dir?.isDirectory())
        throw new MigrationCheckUsageError(`not a git repository: ${repo} (no such directory)`);
    let base;
    let head;
    try {
        // One git call for both refs; only when it fails, ask again to say which ref and why.
        for (const ref of [baseRef, headRef]) {
            if (ref.startsWith('-'))
                throw new MigrationCheckUsageError(`unknown ref '${ref}': a ref cannot start with '-'`);
        }
        const out = await git(repo, ['rev-parse', `${baseRef}^{commit}`, `${headRef}^{commit}`]);
        [base, head] = out.split('\n').slice(-2);
    }
    catch (error) {
        if (error instanceof MigrationCheckUsageError)
            throw error;
        if (error instanceof migrations_tree/* GitError */.XS && error.exitCode === null)
            throw new MigrationCheckUsageError(error.message);
        if (!(error instanceof migrations_tree/* GitError */.XS) ||
            /not a git repository|cannot change to|No such file/i.test(error.stderr)) {
            throw new MigrationCheckUsageError(`not a git repository: ${repo}`);
        }
        base = await resolveCommit(repo, baseRef);
        head = await resolveCommit(repo, headRef);
    }
    let mergeBase;
    try {
        mergeBase = await git(repo, ['merge-base', base, head]);
    }
    catch {
        const shallow = await git(repo, ['rev-parse', '--is-shallow-repository']).catch(() => 'false');
        if (shallow === 'true') {
            throw new MigrationCheckUsageError(`cannot find the merge-base of ${baseRef} and ${headRef}: this is a shallow clone. Check out with \`fetch-depth: 0\` (actions/checkout) or run \`git fetch --unshallow\`.`);
        }
        throw new MigrationCheckUsageError(`${baseRef} and ${headRef} have no common history`);
    }
    return { base, head, mergeBase };
}
/** Checks a pull request (head) against its base branch, from git objects only. */
async function pull_request_checkPullRequest(options) {
    const headRef = options.head ?? 'HEAD';
    const fast = await loadFast(options.repo, options.base, headRef);
    if (fast) {
        try {
            return await checkRevisions(options, headRef, fast.rev, fast.trees);
        }
        finally {
            fast.blobs.close();
        }
    }
    // Something is wrong: one step at a time, for the error a user can act on.
    const rev = await resolveRevisions(options.repo, options.base, headRef);
    const blobs = new migrations_tree/* BlobStore */.lb(options.repo);
    try {
        const listings = (0,migrations_tree/* newListings */.kX)();
        const trees = await Promise.all([rev.base, rev.head, rev.mergeBase].map((c) => migrations_tree/* GitTree */.xn.load(options.repo, c, blobs, listings)));
        return await checkRevisions(options, headRef, rev, trees);
    }
    finally {
        blobs.close();
    }
}
/**
 * The usual case in two git processes started together: merge-base, and the cat-file that
 * resolves both refs and lists their trees meanwhile (process start-up is most of a git call's
 * cost). Null on any failure, for `resolveRevisions` to explain.
 */
async function loadFast(repo, baseRef, headRef) {
    // A ref cat-file would read as two requests, or merge-base as an option: the careful path refuses it.
    if ([baseRef, headRef].some((r) => r.startsWith('-') || /[\n\r\0]/.test(r)))
        return null;
    if (!(await (0,promises_.stat)(repo).catch(() => null))?.isDirectory())
        return null;
    const blobs = new migrations_tree/* BlobStore */.lb(repo);
    const listings = (0,migrations_tree/* newListings */.kX)();
    const loaded = await Promise.all([
        git(repo, ['merge-base', baseRef, headRef]),
        migrations_tree/* GitTree */.xn.load(repo, `${baseRef}^{commit}`, blobs, listings),
        migrations_tree/* GitTree */.xn.load(repo, `${headRef}^{commit}`, blobs, listings),
    ])
        .then(async ([mergeBase, base, head]) => {
        const trees = [base, head, await migrations_tree/* GitTree */.xn.load(repo, mergeBase, blobs, listings)];
        return { rev: { base: base.commit, head: head.commit, mergeBase }, trees, blobs };
    })
        .catch(() => null);
    if (!loaded)
        blobs.close();
    return loaded;
}
async function checkRevisions(options, headRef, rev, [baseTree, headTree, mbTree]) {
    const cache = new Map();
    // Only apps whose directory the pull request changes are read; the rest keep their names.
    const changedDirs = changedDirectories(headTree, mbTree);
    const touched = (app) => changedDirs.has(app.migrationsDir) || changedDirs.has(app.appDir);
    const mergedTree = new MergedTree(baseTree.blobs, baseTree, headTree, mbTree);
    prefetchTouched(baseTree.blobs, changedDirs, [baseTree, headTree, mbTree, mergedTree]);
    const [baseState, headState, mbState, mergedState] = await Promise.all([
        readRepositoryMigrations(baseTree, cache, touched),
        readRepositoryMigrations(headTree, cache, touched),
        readRepositoryMigrations(mbTree, cache, touched),
        readRepositoryMigrations(mergedTree, cache, touched),
    ]);
    const ctx = {
        base: side(baseTree, baseState),
        head: side(headTree, headState),
        mb: side(mbTree, mbState),
        merged: side(mergedTree, mergedState),
        isConflicted: (p) => mergedTree.isConflicted(p),
        manage: options.manageCommand?.trim() || 'python manage.py',
        baseName: options.baseName ?? options.base,
    };
    const selection = selectApps(options, headState, baseState);
    const apps = [];
    for (const project of headState.projects) {
        for (const [label, state] of project.apps) {
            if (selection.excluded.has(label) || state.app.migrations.size === 0)
                continue;
            const dlm = selection.dlm(project.project, label);
            apps.push(state.partial
                ? (0,report/* appReport */.G$)(project.project, label, 'unchanged', [])
                : checkApp(ctx, project.project, label, dlm));
        }
    }
    apps.push(...discoveryReports(headState, selection.excluded));
    apps.sort((a, b) => compareNames(a.project, b.project) || compareNames(a.app, b.app));
    return {
        ok: apps.every((a) => a.ok),
        base: { ref: options.base, commit: rev.base, name: ctx.baseName },
        head: { ref: headRef, commit: rev.head },
        mergeBase: rev.mergeBase,
        apps,
        nothingChecked: selection.nothingChecked,
    };
}
/**
 * Asks git now for the files the touched apps' migrations will be read from (migration modules and
 * max_migration.txt in a changed `migrations` directory, or in the `migrations` directory of a
 * changed app directory): git reads them while the apps are discovered, instead of after.
 * The reads that need them find them in the store (or its failure, reported there).
 */
function prefetchTouched(blobs, changed, trees) {
    const ids = new Set();
    for (const dir of changed) {
        const migrationsDir = dir.endsWith('/migrations') ? dir : dir === '' ? null : `${dir}/migrations`;
        if (migrationsDir === null)
            continue;
        for (const tree of trees) {
            for (const entry of tree.directories?.get(migrationsDir) ?? []) {
                const name = entry.path.slice(migrationsDir.length + 1);
                if (entry.kind !== 'file' || entry.id.includes(':'))
                    continue;
                if (name === 'max_migration.txt' || migrationNameOf(name) !== null)
                    ids.add(entry.id);
            }
        }
    }
    if (ids.size > 0)
        blobs.get([...ids]).catch(() => { });
}
/** Discovery problems (a symlinked migrations directory, a duplicate or invalid label) as failing apps. */
function discoveryReports(state, excluded) {
    const out = [];
    for (const note of state.notes) {
        if (note.code === 'unreadable-apps-py')
            continue;
        const label = note.label ?? note.file.split('/').slice(-2, -1)[0] ?? note.file;
        if (excluded.has(label))
            continue;
        out.push((0,report/* appReport */.G$)(note.project, label, 'unreadable', [
            { code: note.code, message: note.message, file: note.file, line: null },
        ]));
    }
    return out;
}
/**
 * Which apps get DLM's rules: the `apps` setting, else every app of a project where any app
 * has max_migration.txt (DLM gives the others E001). Unknown labels are settings errors.
 */
function selectApps(options, ...states) {
    const name = options.settingName ?? ((s) => s);
    const configured = new Set(options.apps ?? []);
    const excluded = new Set(options.excludeApps ?? []);
    const known = new Set();
    const usesDlm = new Set();
    for (const state of states) {
        for (const project of state.projects) {
            for (const [label, app] of project.apps) {
                if (app.app.migrations.size === 0)
                    continue;
                known.add(label);
                if (app.hasMaxMigration)
                    usesDlm.add(project.project);
            }
        }
    }
    for (const [setting, labels] of [
        ['apps', configured],
        ['exclude-apps', excluded],
    ]) {
        for (const label of labels) {
            if (known.has(label))
                continue;
            const hint = (0,shared_text/* closest */.kp)(label, [...known]);
            throw new MigrationCheckUsageError(`${name(setting)}: no app with migrations has the label '${label}'${hint ? ` (did you mean '${hint}'?)` : ''}. Expected app labels (AppConfig.label) of this repository: ${[...known].sort().join(', ') || 'none found'}.`);
        }
    }
    let nothingChecked = null;
    if (configured.size === 0 && usesDlm.size === 0) {
        const why = known.size === 0
            ? `no Django app with migrations was found in ${options.repo}`
            : `no app has migrations/max_migration.txt (django-linear-migrations' file) and ${name('apps')} is not set`;
        const what = `set ${name('apps')} to the app labels to check, or run \`python manage.py create_max_migration_files\` and commit the files`;
        if (!options.allowNoApps)
            throw new MigrationCheckUsageError(`nothing to check: ${why}. To check, ${what}; to accept a repository without them, set ${name('allow-no-apps')}${name('allow-no-apps').startsWith('--') ? '' : ': true'}.`);
        nothingChecked =
            known.size === 0
                ? `Nothing checked: ${why} (${name('allow-no-apps')} is set).`
                : `Nothing checked by django-linear-migrations' rules: ${why} (${name('allow-no-apps')} is set). Only Django's own rule, one leaf migration per app, was checked.`;
    }
    return {
        excluded,
        dlm: (project, label) => (configured.size > 0 ? configured.has(label) : usesDlm.has(project)),
        nothingChecked,
    };
}

;// CONCATENATED MODULE: ./lib/src/shared/migrations/working-tree.js



/**
 * The working tree as it is on disk: what the user has in front of them mid-merge, mid-rebase
 * or mid-cherry-pick, uncommitted edits included. Tracked and untracked (not ignored) files.
 */
class WorkingTree {
    entries;
    root;
    constructor(root, entries) {
        this.root = root;
        this.entries = entries;
    }
    static async load(repo) {
        const root = (await (0,migrations_tree/* runGit */.EO)(repo, ['rev-parse', '--show-toplevel'])).toString('utf8').trim();
        const listed = (await (0,migrations_tree/* runGit */.EO)(root, ['ls-files', '-z', '--cached', '--others', '--exclude-standard']))
            .toString('utf8')
            .split('\0')
            .filter(Boolean);
        const entries = new Map();
        await Promise.all([...new Set(listed)].map(async (p) => {
            // A file deleted in the working tree (or by the conflict) is not there for the user either.
            const s = await (0,promises_.lstat)(external_node_path_.join(root, p)).catch(() => null);
            if (!s)
                return;
            const kind = s.isSymbolicLink() ? 'symlink' : s.isDirectory() ? 'submodule' : 'file';
            entries.set(p, { path: p, kind, id: `worktree:${p}:${s.size}:${s.mtimeMs}` });
        }));
        return new WorkingTree(root, entries);
    }
    /** The repository's top directory, where the tree's paths start. */
    get directory() {
        return this.root;
    }
    async read(paths) {
        const out = new Map();
        await Promise.all(paths
            .filter((p) => this.entries.get(p)?.kind === 'file')
            .map(async (p) => {
            const bytes = await (0,promises_.readFile)(external_node_path_.join(this.root, p)).catch(() => null);
            if (bytes)
                out.set(p, bytes);
        }));
        return out;
    }
}
async function gitPath(repo, name) {
    const p = (await (0,migrations_tree/* runGit */.EO)(repo, ['rev-parse', '--git-path', name]).catch(() => null))
        ?.toString('utf8')
        .trim();
    return p ? external_node_path_.resolve(repo, p) : null;
}
async function revParse(repo, ref) {
    return ((await (0,migrations_tree/* runGit */.EO)(repo, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]).catch(() => null))
        ?.toString('utf8')
        .trim() || null);
}
/** The merge, rebase or cherry-pick that stopped in this working tree, if any. */
async function working_tree_operationInProgress(repo) {
    for (const dir of ['rebase-merge', 'rebase-apply']) {
        const p = await gitPath(repo, dir);
        if (!p || !(await (0,promises_.lstat)(p).catch(() => null))?.isDirectory())
            continue;
        const onto = (await (0,promises_.readFile)(external_node_path_.join(p, 'onto'), 'utf8').catch(() => '')).trim();
        return {
            kind: 'rebase',
            onto: onto || ((await revParse(repo, 'HEAD')) ?? ''),
            stoppedAt: await revParse(repo, 'REBASE_HEAD'),
        };
    }
    const mergeHead = await revParse(repo, 'MERGE_HEAD');
    if (mergeHead)
        return { kind: 'merge', onto: mergeHead, stoppedAt: await revParse(repo, 'HEAD') };
    const picked = await revParse(repo, 'CHERRY_PICK_HEAD');
    if (picked)
        return { kind: 'cherry-pick', onto: (await revParse(repo, 'HEAD')) ?? '', stoppedAt: picked };
    return null;
}

;// CONCATENATED MODULE: ./lib/src/shared/migrations/in-progress.js









const decoder = new TextDecoder();
function sameAppParents(state, name) {
    const read = state.migrations.get(name);
    if (!read?.ok)
        return null;
    const label = state.app.label;
    return read.declaration.dependencies.filter((d) => d.app === label).map((d) => d.name);
}
/** `name` and every migration it depends on within its app. */
function withAncestors(state, name) {
    const seen = new Set();
    const todo = [name];
    while (todo.length > 0) {
        const n = todo.pop();
        if (seen.has(n))
            continue;
        seen.add(n);
        todo.push(...(sameAppParents(state, n) ?? []));
    }
    return seen;
}
/**
 * The branch's migrations that are not below `merged`, oldest first, walking down from
 * `rebased` through its one same-app parent each; or why they are not one chain.
 */
function chainBelow(state, rebased, merged) {
    const done = withAncestors(state, merged);
    const chain = [];
    for (let n = rebased; !done.has(n);) {
        if (!state.app.migrations.has(n))
            return `${n} has no file`;
        chain.unshift(n);
        const parents = sameAppParents(state, n);
        if (parents === null)
            return `${n} cannot be read`;
        if (parents.length !== 1)
            return `rebase_migration refuses ${n}.py: it has ${parents.length} dependencies within ${state.app.label} (it needs exactly one)`;
        n = parents[0];
    }
    return chain;
}
/** One app whose max_migration.txt holds a conflict: the plan rebase_migration (run once per migration) would carry out. */
function conflictedApp(state, names, manage) {
    const { project, label, maxMigrationPath } = state.app;
    const fail = (code, message) => (0,report/* appReport */.G$)(project, label, 'needs-rebase', [{ code, message, file: maxMigrationPath, line: 1 }]);
    for (const n of [names.merged, names.rebased]) {
        if (!state.app.migrations.has(n))
            return fail('needs-rebase-manual', `${label}'s max_migration.txt names ${n}, which has no file (rebase_migration refuses it too)`);
    }
    const chain = chainBelow(state, names.rebased, names.merged);
    if (typeof chain === 'string')
        return fail('needs-rebase-manual', `${label} cannot be rebased automatically: ${chain}`);
    if (chain.length === 0)
        return fail('max-migration-conflict', `${label}'s max_migration.txt conflicts, but ${names.rebased} is already below ${names.merged}: keep '${names.merged}'`);
    const planned = planChain(project, label, names.merged, chain.map((name) => {
        const read = state.migrations.get(name);
        return { name, path: state.app.migrations.get(name), source: read.ok ? read.source : '' };
    }), state.app.migrations.keys(), maxMigrationPath);
    if (!planned.ok)
        return fail('needs-rebase-manual', `${label} cannot be rebased automatically: ${planned.reason}`);
    const cd = project ? `cd ${shellQuote(project)} && ` : '';
    const message = chain.length === 1
        ? `${label}'s max_migration.txt holds a conflict between ${names.merged} and this branch's ${names.rebased}: ${names.rebased} must move after ${names.merged}`
        : `${label}'s max_migration.txt holds a conflict between ${names.merged} and this branch's chain ${chain.join(', ')}; rebase_migration moves only ${names.rebased}, so each is moved in turn (run --fix)`;
    return (0,report/* appReport */.G$)(project, label, 'needs-rebase', [
        {
            code: chain.length === 1 ? 'needs-rebase' : 'needs-rebase-chain',
            message,
            file: maxMigrationPath,
            line: 1,
        },
    ], {
        fix: chain.length === 1 ? `${cd}${manage} rebase_migration ${label}` : null,
        plans: planned.plans,
    });
}
/**
 * Judges the working tree of a merge, rebase or cherry-pick that stopped (or of a conflict
 * left in it): what `--fix`, like `rebase_migration`, works on. An app whose
 * max_migration.txt holds conflict markers gets the plan; the others are checked as they are.
 */
async function in_progress_checkWorkingTree(options, op) {
    const tree = await WorkingTree.load(options.repo);
    const state = await readRepositoryMigrations(tree);
    const selection = selectApps(options, state);
    const manage = options.manageCommand?.trim() || 'python manage.py';
    const apps = [];
    for (const project of state.projects) {
        const graphs = buildProjectGraph(project);
        for (const [label, app] of project.apps) {
            if (selection.excluded.has(label) || app.app.migrations.size === 0)
                continue;
            const text = app.maxMigration ? decoder.decode(app.maxMigration) : '';
            const conflict = conflictNames(text);
            if (conflict) {
                // During a merge git puts this branch first; rebase_migration swaps the names then.
                const [merged, rebased] = op?.kind === 'merge' ? [conflict.last, conflict.first] : [conflict.first, conflict.last];
                apps.push(conflictedApp(app, { merged, rebased }, manage));
                continue;
            }
            const problems = checkAppState(app, graphs.get(label), selection.dlm(project.project, label));
            const status = problems.length === 0
                ? 'linear'
                : problems.some((p) => p.code === 'dlm.E005')
                    ? 'pr-several-leaves'
                    : 'pr-problems';
            apps.push((0,report/* appReport */.G$)(project.project, label, status, problems));
        }
    }
    apps.push(...discoveryReports(state, selection.excluded));
    apps.sort((a, b) => compareNames(a.project, b.project) || compareNames(a.app, b.app));
    const onto = op?.onto ?? '';
    return {
        ok: apps.every((a) => a.ok),
        base: { ref: options.base, commit: onto, name: options.baseName ?? options.base },
        head: {
            ref: op ? `the working tree (${op.kind} in progress)` : 'the working tree',
            commit: op?.stoppedAt ?? '',
        },
        mergeBase: '',
        apps,
        nothingChecked: selection.nothingChecked,
    };
}
/**
 * `--fix`: carries out the plans of a working-tree report, editing the files as they are on
 * disk (uncommitted edits are the input, never overwritten). Like rebase_migration, refuses
 * when no max_migration.txt holds a conflict.
 */
async function applyFixes(repo, report) {
    const planned = report.apps.filter((a) => a.plans.length > 0);
    if (planned.length === 0) {
        const conflicted = report.apps.some((a) => a.problems.some((p) => p.code.startsWith('needs-rebase') || p.code === 'max-migration-conflict'));
        if (!conflicted)
            throw new MigrationCheckUsageError(`--fix: no max_migration.txt in the working tree holds a merge conflict, so there is nothing to rebase (rebase_migration refuses the same way). Merge or rebase onto ${report.base.name} first; run --fix while git stops on the conflict.`);
    }
    const tree = await WorkingTree.load(repo);
    const result = { applied: [], skipped: [] };
    for (const app of report.apps) {
        if (app.ok)
            continue;
        if (app.plans.length === 0) {
            result.skipped.push({ app, reason: app.problems[0]?.message ?? 'no automatic fix' });
            continue;
        }
        for (const plan of app.plans) {
            await applyFix(tree.directory, plan);
            result.applied.push(plan);
        }
    }
    return result;
}

;// CONCATENATED MODULE: ./lib/src/shared/migrations/index.js









/**
 * Checks that the head's migrations stay linear against the base, per app, from git objects
 * only (rev-parse, merge-base and one cat-file --batch; nothing is checked out). Throws
 * `MigrationCheckUsageError` for a wrong directory, an unknown ref or app, a shallow clone.
 */
async function checkMigrations(options) {
    return pull_request_checkPullRequest(options);
}
/** The check a terminal user means: the working tree while a merge, rebase or cherry-pick is stopped, else the head. */
async function checkHere(options, useWorkingTree) {
    const op = await operationInProgress(options.repo);
    if (op || useWorkingTree)
        return checkWorkingTree(options, op);
    return checkPullRequest(options);
}


/***/ }),

/***/ 2926:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Dv: () => (/* binding */ planSteps),
/* harmony export */   G$: () => (/* binding */ appReport),
/* harmony export */   MT: () => (/* binding */ verdictLine),
/* harmony export */   S5: () => (/* binding */ renderText),
/* harmony export */   aB: () => (/* binding */ toJson),
/* harmony export */   mZ: () => (/* binding */ appTitle)
/* harmony export */ });
/* harmony import */ var _report_summary_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(70241);

/** An app's report; ok when nothing fails it. */
function appReport(project, app, status, problems, extra = {}) {
    return {
        project,
        app,
        ok: problems.length === 0,
        status,
        problems,
        notes: extra.notes ?? [],
        fix: extra.fix ?? null,
        plans: extra.plans ?? [],
    };
}
const plain = (p) => ({ code: p.code, message: p.message, file: p.file, line: p.line });
function toJson(report) {
    return {
        ok: report.ok,
        apps: report.apps.map((a) => ({
            app: a.app,
            project: a.project,
            ok: a.ok,
            status: a.status,
            problems: a.problems.map(plain),
            notes: a.notes.map(plain),
            fix: a.fix,
        })),
        nothingChecked: report.nothingChecked,
    };
}
function where(file, line) {
    if (!file)
        return '';
    return line ? ` (${file}:${line})` : ` (${file})`;
}
function appTitle(app) {
    return app.project ? `${app.project}: ${app.app}` : app.app;
}
/** The one-line verdict: the CLI's and the action's headline. */
function verdictLine(report) {
    if (report.nothingChecked)
        return report.nothingChecked;
    const failed = report.apps.filter((a) => !a.ok).length;
    const warned = report.apps.filter((a) => a.ok && a.status === 'base-not-linear').length;
    if (!report.ok)
        return `${failed} of ${(0,_report_summary_js__WEBPACK_IMPORTED_MODULE_0__/* .plural */ .LS)(report.apps.length, 'app')} ${failed === 1 ? 'has' : 'have'} migration problems.`;
    return warned > 0
        ? `${(0,_report_summary_js__WEBPACK_IMPORTED_MODULE_0__/* .plural */ .LS)(report.apps.length, 'app')} checked: this branch adds no migration problem; ${(0,_report_summary_js__WEBPACK_IMPORTED_MODULE_0__/* .plural */ .LS)(warned, 'app')} ${warned === 1 ? 'is' : 'are'} already not linear on ${report.base.name}.`
        : `${(0,_report_summary_js__WEBPACK_IMPORTED_MODULE_0__/* .plural */ .LS)(report.apps.length, 'app')} checked: migrations are linear.`;
}
/** What a plan does, in one sentence per step (the CLI, the annotations and the comment say the same). */
function planSteps(plans) {
    return plans.map((p) => `rename ${p.oldPath} to ${p.newName}.py and set its dependencies = ${p.newDependencies}, then write ${p.newName} into max_migration.txt`);
}
/**
 * Plain text for a terminal: one line per app, the problems and notes under it. The verdict
 * is the headline the CLI prints after it, so it is not repeated here.
 */
function renderText(report) {
    const lines = [];
    const short = (sha) => sha.slice(0, 12);
    lines.push(`migration-check: ${report.head.ref} (${short(report.head.commit)}) against ${report.base.name} (${short(report.base.commit)}), merge-base ${short(report.mergeBase)}`);
    for (const app of report.apps) {
        const word = !app.ok ? 'FAIL' : app.status === 'base-not-linear' ? 'WARN' : 'ok';
        const suffix = app.status === 'unchanged'
            ? ' (not changed by this branch)'
            : app.status === 'linear'
                ? ''
                : `: ${app.status}`;
        lines.push(`  ${word.padEnd(5)} ${appTitle(app)}${suffix}`);
        for (const p of app.problems)
            lines.push(`        [${p.code}] ${p.message}${where(p.file, p.line)}`);
        for (const p of app.notes)
            lines.push(`        note [${p.code}] ${p.message}${where(p.file, p.line)}`);
        if (app.fix)
            lines.push(`        fix: ${app.fix}`);
        const steps = planSteps(app.plans);
        steps.forEach((step, i) => {
            lines.push(`        ${steps.length > 1 ? `step ${i + 1}: ` : 'it will '}${step}`);
        });
        if (app.plans.length > 0)
            lines.push(`        (when black is installed, rebase_migration then also runs \`black --fast\` on the new file)`);
    }
    if (report.nothingChecked)
        lines.push(`  ${report.nothingChecked}`);
    return `${lines.join('\n')}\n`;
}


/***/ }),

/***/ 62889:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   l: () => (/* binding */ EntriesByDirectory)
/* harmony export */ });
/* unused harmony export MemoryTree */
// A directory's files by path, by its (shared, never changed) list: built once per check, and only
// for a directory asked for often (most are asked for one file, their max_migration.txt).
const BY_PATH = new WeakMap();
const LOOKUPS = new WeakMap();
const SCANS_BEFORE_MAP = 8;
function lookUp(list, p) {
    let files = BY_PATH.get(list);
    if (!files) {
        const asked = LOOKUPS.get(list) ?? 0;
        if (asked < SCANS_BEFORE_MAP) {
            LOOKUPS.set(list, asked + 1);
            // From the end: of two entries with one path the map keeps the last.
            for (let i = list.length - 1; i >= 0; i--)
                if (list[i].path === p)
                    return list[i];
            return undefined;
        }
        files = new Map(list.map((e) => [e.path, e]));
        BY_PATH.set(list, files);
    }
    return files.get(p);
}
/**
 * A tree's files by path, looked up through its directories: a check asks for a few hundred
 * paths of trees with 10,000s of files, so no map of every path is built (that was a large part
 * of a check's time). Iteration goes directory by directory.
 */
class EntriesByDirectory {
    directories;
    constructor(directories) {
        this.directories = directories;
    }
    get(p) {
        const slash = p.lastIndexOf('/');
        const list = this.directories.get(slash < 0 ? '' : p.slice(0, slash));
        return list && lookUp(list, p);
    }
    has(p) {
        return this.get(p) !== undefined;
    }
    get size() {
        let n = 0;
        for (const list of this.directories.values())
            n += list.length;
        return n;
    }
    *entries() {
        for (const list of this.directories.values())
            for (const e of list)
                yield [e.path, e];
    }
    *keys() {
        for (const list of this.directories.values())
            for (const e of list)
                yield e.path;
    }
    *values() {
        for (const list of this.directories.values())
            yield* list;
    }
    [Symbol.iterator]() {
        return this.entries();
    }
    forEach(fn) {
        for (const [p, e] of this)
            fn(e, p, this);
    }
}
/** An in-memory tree, for tests and for the merged view of a pull request. */
class MemoryTree {
    entries = new Map();
    contents = new Map();
    constructor(files = {}) {
        for (const [p, content] of Object.entries(files))
            this.set(p, content);
    }
    set(p, content, id) {
        const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
        this.entries.set(p, { path: p, kind: 'file', id: id ?? `mem:${p}:${bytes.length}:${hash(bytes)}` });
        this.contents.set(p, bytes);
    }
    delete(p) {
        this.entries.delete(p);
        this.contents.delete(p);
    }
    async read(paths) {
        const out = new Map();
        for (const p of paths) {
            const c = this.contents.get(p);
            if (c)
                out.set(p, c);
        }
        return out;
    }
}
function hash(bytes) {
    let h = 2166136261;
    for (const b of bytes)
        h = Math.imul(h ^ b, 16777619);
    return h >>> 0;
}


/***/ }),

/***/ 2652:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   CG: () => (/* binding */ isSkippedName),
/* harmony export */   EO: () => (/* binding */ runGit),
/* harmony export */   XS: () => (/* binding */ GitError),
/* harmony export */   cT: () => (/* binding */ isSkippedPath),
/* harmony export */   kX: () => (/* binding */ newListings),
/* harmony export */   lb: () => (/* binding */ BlobStore),
/* harmony export */   xn: () => (/* binding */ GitTree)
/* harmony export */ });
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(31421);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8835);
/* harmony import */ var _tree_entries_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(62889);




// Vendored and virtualenv code is never first-party (DLM looks for site-packages the same way).
const SKIPPED_NAMES = ['.git', 'node_modules', '.venv', 'site-packages', 'dist-packages', '__pycache__'];
const SKIPPED_NAME = new Set(SKIPPED_NAMES);
const SKIPPED_PATH = new RegExp(`(?:^|/)(?:${SKIPPED_NAMES.join('|').replaceAll('.', '\\.')})(?:/|$)`);
/** True when a path lies under a directory we never treat as first-party code. */
function isSkippedPath(p) {
    return SKIPPED_PATH.test(p);
}
/** True when a path's last part is one of those directories' names. */
function isSkippedName(name) {
    return SKIPPED_NAME.has(name);
}
/** git failed: an operation failure; git not runnable at all (no exit code) is the user's to fix. */
class GitError extends _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .GatewayOpsError */ .f8 {
    name = 'GitError';
    kind;
    stderr;
    exitCode;
    constructor(message, stderr, exitCode) {
        super(message);
        this.stderr = stderr;
        this.exitCode = exitCode;
        this.kind = exitCode === null ? 'user' : 'operation';
    }
}
/** Runs git in `repo`; resolves stdout, rejects with the command and stderr on a non-zero exit. */
function runGit(repo, args, input) {
    return new Promise((resolve, reject) => {
        const child = (0,node_child_process__WEBPACK_IMPORTED_MODULE_0__.spawn)('git', args, {
            cwd: repo,
            stdio: ['pipe', 'pipe', 'pipe'],
            env: { ...process.env, LC_ALL: 'C' },
        });
        const out = [];
        const err = [];
        child.stdout.on('data', (d) => out.push(d));
        child.stderr.on('data', (d) => err.push(d));
        child.on('error', (e) => reject(new GitError(`cannot run git: ${e.message}`, '', null)));
        child.on('close', (code) => {
            const stderr = Buffer.concat(err).toString('utf8').trim();
            if (code === 0)
                resolve(Buffer.concat(out));
            else
                reject(new GitError(`git ${args[0]} failed (exit ${code}): ${stderr}`, stderr, code));
        });
        child.stdin.on('error', () => { });
        child.stdin.end(input ?? '');
    });
}
/**
 * One long-lived `git cat-file --batch` for a whole check: commits, trees and blobs are
 * requested through it, pipelined, instead of a git process per tree (process start-up is
 * most of the cost on a busy machine).
 */
class ObjectReader {
    child;
    buffer = Buffer.alloc(0);
    // A queue with a moving head: Array.shift() is linear, and a check asks for 10,000s of objects.
    // One waiter per object asked for, each pointing at its batch (a promise per batch, not per object).
    pending = [];
    head = 0;
    failure = null;
    constructor(repo) {
        this.child = (0,node_child_process__WEBPACK_IMPORTED_MODULE_0__.spawn)('git', ['cat-file', '--batch'], { cwd: repo, env: { ...process.env, LC_ALL: 'C' } });
        let stderr = '';
        this.child.stderr.on('data', (d) => {
            stderr += d.toString('utf8');
        });
        this.child.stdout.on('data', (d) => {
            this.buffer = this.buffer.length === 0 ? d : Buffer.concat([this.buffer, d]);
            this.drain();
        });
        const fail = (message) => {
            this.failure = new GitError(message, stderr, null);
            for (const batch of new Set(this.pending.slice(this.head).map((p) => p.batch)))
                batch.reject(this.failure);
            this.pending = [];
            this.head = 0;
        };
        this.child.on('error', (e) => fail(`cannot run git: ${e.message}`));
        this.child.on('close', (code) => {
            if (this.head < this.pending.length)
                fail(`git cat-file stopped (exit ${code}): ${stderr.trim()}`);
        });
        this.child.stdin.on('error', () => { });
    }
    drain() {
        for (;;) {
            const nl = newlineIn(this.buffer);
            if (nl < 0 || this.head >= this.pending.length)
                return;
            const header = this.buffer.subarray(0, nl).toString('utf8');
            if (header.endsWith(' missing') || header.endsWith(' ambiguous')) {
                this.buffer = this.buffer.subarray(nl + 1);
                this.answer(null);
                continue;
            }
            const [id, type, size] = header.split(' ');
            const length = Number(size);
            if (this.buffer.length < nl + 1 + length + 1)
                return;
            const content = Buffer.from(this.buffer.subarray(nl + 1, nl + 1 + length));
            this.buffer = this.buffer.subarray(nl + 1 + length + 1);
            this.answer({ id: id, type: type, content });
        }
    }
    answer(object) {
        const { batch, index } = this.pending[this.head++];
        if (this.head === this.pending.length) {
            this.pending = [];
            this.head = 0;
        }
        batch.objects[index] = object;
        if (--batch.remaining === 0)
            batch.resolve(batch.objects);
    }
    /** Objects by id or revision expression, in order; null for a missing one. */
    read(specs) {
        if (this.failure)
            return Promise.reject(this.failure);
        if (specs.length === 0)
            return Promise.resolve([]);
        return new Promise((resolve, reject) => {
            const batch = { objects: new Array(specs.length), remaining: specs.length, resolve, reject };
            for (let index = 0; index < specs.length; index++)
                this.pending.push({ batch, index });
            this.child.stdin.write(specs.map((spec) => `${spec}\n`).join(''));
        });
    }
    close() {
        this.child.stdin.end();
    }
}
/** The first newline of a reply: its header is short, and Buffer.indexOf costs more per call than this loop. */
function newlineIn(buffer) {
    for (let i = 0; i < buffer.length; i++)
        if (buffer[i] === 10)
            return i;
    return -1;
}
/**
 * Reads git objects for one check, caching blobs by id across trees. A blob already asked for
 * is awaited, not asked for again: the trees of a check read the same files at the same time.
 */
class BlobStore {
    /** A blob's request: the batch it was asked for in and its place there (one promise per batch, not per blob). */
    cache = new Map();
    repo;
    reader = null;
    constructor(repo) {
        this.repo = repo;
    }
    objects() {
        this.reader ??= new ObjectReader(this.repo);
        return this.reader;
    }
    async get(ids) {
        const missing = [...new Set(ids.filter((id) => !this.cache.has(id)))];
        if (missing.length > 0) {
            const batch = this.objects().read(missing);
            // Whoever awaits it sees the failure; an unawaited copy must not be an unhandled rejection.
            batch.catch(() => { });
            missing.forEach((id, index) => {
                this.cache.set(id, { batch, index });
            });
        }
        const asked = ids.map((id) => this.cache.get(id));
        const batches = [...new Set(asked.map((a) => a.batch))];
        const answers = new Map(batches.map((b, i) => [b, i]));
        const all = await Promise.all(batches);
        const result = new Map();
        ids.forEach((id, i) => {
            const { batch, index } = asked[i];
            const o = all[answers.get(batch)][index];
            if (o?.type !== 'blob')
                throw new GitError(`git cat-file: expected blob ${id}, got ${o?.type ?? 'nothing'}`, '', 0);
            result.set(id, o.content);
        });
        return result;
    }
    /** Ends the cat-file process. */
    close() {
        this.reader?.close();
    }
}
function newListings() {
    return { trees: new Map(), loading: new Map(), own: new Map() };
}
const NON_ASCII = /[^\x00-\x7f]/;
/**
 * Parses git's binary tree format: `<mode> <name>\0<raw id>` entries. The content is turned into
 * two strings once (latin1, for the separators and names; hex, for the ids) and each field is a
 * slice of them: a check parses 10,000s of entries, and a conversion per field (two native calls
 * per entry) or a byte loop per separator was most of their cost. The two modes every tree is
 * made of are constants, not a new string per entry; a name with non-ASCII bytes is decoded as
 * UTF-8 (git stores names as bytes; UTF-8 in practice).
 */
function parseTree(content, idLength) {
    const out = [];
    const text = content.toString('latin1');
    const hex = content.toString('hex');
    const n = text.length;
    let pos = 0;
    while (pos < n) {
        const space = text.indexOf(' ', pos);
        const nul = space < 0 ? -1 : text.indexOf('\0', space + 1);
        if (nul < 0)
            throw new GitError('git cat-file: a tree object ends inside an entry', '', 0);
        const mode = space - pos === 6 && text.startsWith('100644', pos)
            ? '100644'
            : space - pos === 5 && text.startsWith('40000', pos)
                ? '40000'
                : text.slice(pos, space);
        let name = text.slice(space + 1, nul);
        if (NON_ASCII.test(name))
            name = content.toString('utf8', space + 1, nul);
        const idStart = nul + 1;
        out.push({ mode, name, id: hex.slice(2 * idStart, 2 * (idStart + idLength)) });
        pos = idStart + idLength;
    }
    return out;
}
/** A commit's tree, listed and read through `git cat-file`; nothing is checked out. */
class GitTree {
    commit;
    entries;
    directories;
    blobs;
    constructor(commit, entries, directories, blobs) {
        this.commit = commit;
        this.entries = entries;
        this.directories = directories;
        this.blobs = blobs;
    }
    static async load(_repo, 
    /** A commit id, or a revision expression (`main^{commit}`) that cat-file resolves. */
    commit, blobs, listings = newListings()) {
        const reader = blobs.objects();
        const [commitObject] = await reader.read([commit]);
        if (commitObject?.type !== 'commit')
            throw new GitError(`git cat-file: ${commit} is not a commit`, '', 0);
        const rootTree = /^tree ([0-9a-f]+)$/m.exec(commitObject.content.toString('utf8'))[1];
        await readTrees(reader, rootTree, listings);
        const directories = new Map();
        directoriesUnder('', rootTree, listings, directories);
        const entries = new _tree_entries_js__WEBPACK_IMPORTED_MODULE_2__/* .EntriesByDirectory */ .l(directories);
        return new GitTree(commitObject.id, entries, directories, blobs);
    }
    async read(paths) {
        const wanted = paths.map((p) => this.entries.get(p)).filter((e) => e?.kind === 'file');
        const blobs = await this.blobs.get(wanted.map((e) => e.id));
        const out = new Map();
        for (const e of wanted)
            out.set(e.path, blobs.get(e.id));
        return out;
    }
}
/**
 * Lists the trees under `root` not listed yet: breadth-first, one pipelined request per level.
 * A tree another load of the check has asked for is awaited, not asked for again.
 */
async function readTrees(reader, root, listings) {
    const idLength = root.length / 2;
    let level = [root];
    while (level.length > 0) {
        const fresh = level.filter((id) => !listings.loading.has(id));
        if (fresh.length > 0) {
            const objects = reader.read(fresh);
            fresh.forEach((id, i) => {
                const listed = objects.then((all) => {
                    const o = all[i];
                    if (o?.type !== 'tree')
                        throw new GitError(`git cat-file: expected tree ${id}, got ${o?.type ?? 'nothing'}`, '', 0);
                    const children = parseTree(o.content, idLength);
                    listings.trees.set(id, children);
                    return children;
                });
                listed.catch(() => { });
                listings.loading.set(id, listed);
            });
        }
        const next = new Set();
        for (const children of await Promise.all(level.map((id) => listings.loading.get(id)))) {
            for (const c of children)
                if (c.mode === '40000')
                    next.add(c.id);
        }
        // Every level, even of trees listed already: another load may still be listing their subtrees.
        level = [...next];
    }
}
const KIND_OF_MODE = { '160000': 'submodule', '120000': 'symlink' };
/** The own files of tree `id` at `prefix` ('' or ending in '/'), built once per path and tree. */
function ownFiles(prefix, id, listings) {
    const key = `${prefix}\0${id}`;
    let own = listings.own.get(key);
    if (!own) {
        own = [];
        for (const c of listings.trees.get(id)) {
            if (c.mode !== '40000')
                own.push({ path: prefix + c.name, kind: KIND_OF_MODE[c.mode] ?? 'file', id: c.id });
        }
        listings.own.set(key, own);
    }
    return own;
}
/** Each directory's own files under tree `id` at `prefix` (only directories that hold a file). */
function directoriesUnder(prefix, id, listings, out) {
    const own = ownFiles(prefix, id, listings);
    if (own.length > 0)
        out.set(prefix.slice(0, -1), own);
    for (const c of listings.trees.get(id)) {
        if (c.mode === '40000')
            directoriesUnder(`${prefix}${c.name}/`, c.id, listings, out);
    }
}


/***/ })

};
