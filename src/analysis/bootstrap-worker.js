// Entry of the bootstrap worker thread (see bootstrap-parallel.ts): plain JavaScript so that it can register
// the TypeScript loader itself, whichever way the parent process was started (tsx, the diag bin, vitest).
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { runBootstrapJob } = await import('./bootstrap-parallel.ts');
runBootstrapJob(workerData);
