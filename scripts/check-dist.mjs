// Fails when a committed bundle or action.yml differs from a fresh build (run after `npm run build`).
import { execFileSync } from 'node:child_process';

const diff = execFileSync('git', ['status', '--porcelain', '--', 'actions/'], { encoding: 'utf8' });
if (diff.trim() !== '') {
  console.error('dist/ or action.yml is stale: a fresh build differs from what is committed:');
  console.error(diff);
  console.error("Run 'npm run build' and commit actions/*/dist and actions/*/action.yml.");
  process.exit(1);
}
console.log('dist/ and action.yml are current.');
