// The bundle's entry: only starts the action, so main.ts stays testable as a function.
import '../../../src/runner/esm-globals.js';
import { run } from './main.js';

await run();
