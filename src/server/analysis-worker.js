// Entry of the analysis worker thread: plain JavaScript so that it can load the TypeScript itself (bundle or
// sources, src/runtime/load.js), whichever way the parent process was started (the diag bin, tsx, vitest).
import { loadModule } from '../runtime/load.js';

await loadModule('src/server/analysis-job.ts');
