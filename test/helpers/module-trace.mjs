// Preloaded with `node --import`: writes every module URL the process loads, one a line, to the
// file named by GWOPS_MODULE_TRACE when the process exits (what a start-up path costs).
import { writeFileSync } from 'node:fs';
import { registerHooks } from 'node:module';

const loaded = [];
registerHooks({
  load(url, context, nextLoad) {
    loaded.push(url);
    return nextLoad(url, context);
  },
});
process.on('exit', () => writeFileSync(process.env.GWOPS_MODULE_TRACE, `${loaded.join('\n')}\n`));
