// Build: compile TypeScript to lib/src/ (tests and the action bundles start from there), bundle the
// CLI from it into lib/cli/ (bin/gateway-ops.js runs that), generate each action.yml from the
// settings schema, and bundle each action with ncc into actions/<name>/dist/index.js (minified,
// without ssh2's optional native parts, which the pure-JS fallbacks replace). `--no-bundle` stops
// before the action bundles (lib/ only: what the tests and the benchmarks need).
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { join, relative } from 'node:path';
import { rolldown } from 'rolldown';

const root = new URL('..', import.meta.url).pathname;
const only = process.argv.includes('--no-bundle') ? 'lib' : 'all';

rmSync(join(root, 'lib'), { recursive: true, force: true });
execFileSync(join(root, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.build.json'], {
  cwd: root,
  stdio: 'inherit',
});

await bundleCli();

const { ACTIONS } = await import(join(root, 'lib/src/runner/metadata.js'));
const { renderActionYml, updateReadme } = await import(join(root, 'lib/src/runner/yml.js'));
for (const action of ACTIONS) {
  const dir = join(root, 'actions', action.directory);
  writeFileSync(join(dir, 'action.yml'), renderActionYml(action));
  const readme = join(dir, 'README.md');
  if (existsSync(readme)) writeFileSync(readme, updateReadme(readFileSync(readme, 'utf8'), action));
}
if (only === 'lib') process.exit(0);

for (const action of ACTIONS) {
  const dist = join(root, 'actions', action.directory, 'dist');
  rmSync(dist, { recursive: true, force: true });
  execFileSync(
    join(root, 'node_modules/.bin/ncc'),
    [
      'build',
      join(root, 'lib/actions', action.directory, 'src/index.js'),
      '-o',
      dist,
      '-m',
      '-q',
      '--target',
      'es2023',
    ],
    { cwd: root, stdio: 'inherit' },
  );
  // Keep the entry and the chunks ncc emits for each command's dynamic import (`<id>.index.js`),
  // so a bundle loads only what its command needs; drop everything else (ssh2's native `.node`
  // parts and their directories).
  let size = 0;
  for (const entry of readdirSync(dist)) {
    const keep = entry === 'package.json' || /^(?:\d+\.)?index\.js$/.test(entry);
    if (!keep) rmSync(join(dist, entry), { recursive: true, force: true });
    else size += statSync(join(dist, entry)).size;
  }
  console.log(`actions/${action.directory}/dist/ ${(size / 1e6).toFixed(2)} MB`);
}

/**
 * The CLI as a few chunks instead of one file per module (a faster start): the entry
 * lib/cli/cli.js and, beside it, one chunk per command's dynamic import (so a command's code still
 * loads only when it runs) and the chunks they share. Packages and Node's builtins stay imports,
 * loaded from node_modules as before (ssh2, pg, zod, the OpenSearch client and age still load only
 * when a run needs them). lib/cli/modules.json names the source modules in each chunk (what
 * test/unit/cli/cli-startup.test.ts reads to tell which of ours a run loaded).
 */
async function bundleCli() {
  const outDir = join(root, 'lib/cli');
  const problems = [];
  // A builtin (`node:fs`) or one of the package's dependencies (`pg`, `@actions/github`,
  // `zod/v4`); never a path of ours (`./x.js`) nor rolldown's own `\0`-prefixed helpers.
  const { dependencies } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const packageOf = (id) => id.split('/', id.startsWith('@') ? 2 : 1).join('/');
  const isExternal = (id) => isBuiltin(id) || Object.hasOwn(dependencies, packageOf(id));
  const bundle = await rolldown({
    input: join(root, 'lib/src/cli.js'),
    platform: 'node',
    external: isExternal,
    // A warning fails the build, except a dynamic import of a module that is also imported
    // statically: that module loads with its static importer, in the bundle as in lib/src/ (the
    // chunks change nothing there), so it is shown, not fatal.
    onLog(level, log) {
      if (level === 'warn' && log.code !== 'INEFFECTIVE_DYNAMIC_IMPORT') problems.push(log.message);
      else console.log(`rolldown: ${log.message}`);
    },
  });
  let output;
  try {
    ({ output } = await bundle.write({
      dir: outDir,
      format: 'esm',
      entryFileNames: 'cli.js',
      // Fewer, larger files: each file a run loads costs more than its size. What every run
      // loads (the entry's static imports) is one chunk, the run path every command takes is
      // another; each command's own code stays in the chunk of its dynamic import.
      codeSplitting: {
        groups: [
          { name: 'start', tags: ['$initial'], priority: 2 },
          {
            name: 'run',
            test: /lib[\\/]src[\\/](?:run-command|shared[\\/]report[\\/](?:log|webhook|summary)|shared[\\/]settings[\\/](?:checks|copy-checks))\.js$/,
            priority: 1,
          },
        ],
      },
    }));
  } finally {
    await bundle.close();
  }
  if (problems.length > 0) throw new Error(`bundling the CLI warned:\n${problems.join('\n')}`);
  const chunks = output.filter((file) => file.type === 'chunk');
  const files = new Set(chunks.map((chunk) => chunk.fileName));
  const modules = {};
  for (const chunk of chunks) {
    // What a chunk imports is another chunk, a builtin or a dependency: anything else (a module
    // of ours left as an import) would point at nothing once it runs from lib/cli/.
    for (const id of [...chunk.imports, ...chunk.dynamicImports])
      if (!files.has(id) && !isExternal(id))
        throw new Error(`bundling the CLI left ${chunk.fileName} importing ${id}`);
    modules[chunk.fileName] = chunk.moduleIds.map((id) => {
      // rolldown's helpers (`\0rolldown/runtime.js`: namespace objects and the like)
      if (id.startsWith('\0')) return `(${id.slice(1)})`;
      const path = relative(root, id);
      // Only our tsc output belongs in a chunk; anything else here was bundled by mistake.
      if (!path.startsWith('lib/src/')) throw new Error(`bundling the CLI took in ${id}`);
      return path;
    });
  }
  writeFileSync(join(outDir, 'modules.json'), `${JSON.stringify(modules, null, 2)}\n`);
  const ours = Object.values(modules)
    .flat()
    .filter((path) => path.startsWith('lib/'));
  console.log(`lib/cli/ ${Object.keys(modules).length} chunks holding ${ours.length} modules of lib/src/`);
}
