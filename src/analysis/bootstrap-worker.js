// Entry of the bootstrap worker thread (see bootstrap-parallel.ts): plain JavaScript so that it can load the
// TypeScript itself (bundle or sources, src/runtime/load.js), whichever way the parent process was started
// (the diag bin, tsx, vitest).
import { workerData } from 'node:worker_threads';
import { loadModule } from '../runtime/load.js';

const { runBootstrapJob } = await loadModule('src/analysis/bootstrap-parallel.ts');
runBootstrapJob(workerData);
