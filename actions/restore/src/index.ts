// The bundle's entry: says which action and version runs at once, then loads the rest (the
// runner library and this action's command load after the first log line: fast start).
import '../../../src/runner/esm-globals.js';
import { VERSION } from '../../../src/version.js';

process.stdout.write(`gateway-ops restore ${VERSION} on Node ${process.versions.node}\n`);
const { run } = await import('./main.js');
await run();
