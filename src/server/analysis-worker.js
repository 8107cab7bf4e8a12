// Entry of the analysis worker thread: plain JavaScript so that it can register the TypeScript loader itself,
// whichever way the parent process was started (tsx, the diag bin, vitest).
import { register } from 'tsx/esm/api';

register();
await import('./analysis-job.ts');
