// Preloaded by test/cli/lazy-loading.test.ts (`node --import ./test/cli/module-log.mjs bin/diag.js …`): appends the
// URL of every module the process loads to the file named by DIAG_MODULE_LOG.
import { register } from 'node:module';

const hooks = `
import { appendFileSync } from 'node:fs';
export async function load(url, context, next) {
  appendFileSync(${JSON.stringify(process.env.DIAG_MODULE_LOG ?? '/dev/null')}, url + '\\n');
  return next(url, context);
}
`;
register(`data:text/javascript,${encodeURIComponent(hooks)}`);
