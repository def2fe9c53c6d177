// Build: compile TypeScript to lib/ (the CLI runs from there), generate each action.yml from the
// settings schema, and bundle each action with ncc into actions/<name>/dist/index.js (minified,
// without ssh2's optional native parts, which the pure-JS fallbacks replace).
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const only = process.argv.includes('--no-bundle') ? 'lib' : 'all';

rmSync(join(root, 'lib'), { recursive: true, force: true });
execFileSync(join(root, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.build.json'], {
  cwd: root,
  stdio: 'inherit',
});

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
