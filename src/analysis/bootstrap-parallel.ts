/**
 * The MWDS bootstrap on the second core. At 100,000 respondents the bootstrap of the twelve cells is the
 * largest single piece of the analysis (about as long as all estimates, choices and tests together), and
 * it needs only the per-JST sums. So `startBootstrap` hands those, in shared memory, to a worker thread
 * and returns at once; the main thread computes the other results and collects the intervals when the
 * priorities are assembled, blocking (Atomics.wait) only if the worker is not done yet. The analysis stays
 * synchronous for its callers.
 *
 * The worker computes exactly what the main thread would (the same pure function, the same seeds), so the
 * results do not depend on where they were computed (test/analysis/bootstrap-parallel.test.ts). If the
 * worker cannot start or fails, the intervals are computed in the main thread. Small jobs, where starting
 * a thread costs more than it saves, stay in the main thread.
 */
import { Worker } from 'node:worker_threads';
import { bootstrapIntervals, isExact, type BootstrapCell, type BootstrapSpec } from './bootstrap.ts';

export type Parallelism = 'auto' | 'never' | 'always';

/**
 * A job goes to a worker when it is large (this many multiply-adds, about 0.1 s) and the rest of the
 * analysis, which grows with the respondents, is long enough to hide it. Measured from the prebuilt
 * bundle: 10,000 respondents 1.31 → 1.23 s with the worker; the shipped sample (1,500 respondents, 500
 * JSTs) gains nothing, its main thread being done about when a worker would have started.
 */
const PARALLEL_FROM = 1e8;
const PARALLEL_FROM_ROWS = 5_000;
const STARTED = 0;
const DONE = 1;
/** How long the worker may take to start (loading the TypeScript modules on a cold cache) before the main thread gives up on it. */
const START_TIMEOUT_MS = 30_000;

export interface BootstrapJob {
  cells: BootstrapCell[];
  spec: BootstrapSpec;
  /** [started, done]: done 1 = results written, 2 = failed */
  control: Int32Array;
  /** per cell 2 × statistics × variants interval bounds */
  out: Float64Array;
}

export interface BootstrapRun {
  /** the intervals of cell c (see bootstrapIntervals); blocks until the worker has them */
  intervals(c: number): Float64Array;
  readonly where: 'worker' | 'main';
}

/** Multiply-adds of the bootstrap of these cells, roughly. */
export function bootstrapCost(cells: readonly BootstrapCell[], spec: BootstrapSpec): number {
  const blocks = spec.stats * spec.variants;
  return cells.reduce((sum, c) => sum + (isExact(c, spec) ? 0.63 * spec.replicates * c.J * 3 * blocks : (c.J + 2 * spec.replicates) * 9 * blocks), 0);
}

/** `rows`: respondents analysed, for the 'auto' decision. */
export function startBootstrap(cells: BootstrapCell[], spec: BootstrapSpec, parallel: Parallelism = 'auto', rows = Infinity): BootstrapRun {
  const inMain = (): BootstrapRun => {
    const done = new Map<number, Float64Array>();
    return { where: 'main', intervals: (c) => done.get(c) ?? done.set(c, bootstrapIntervals(cells[c]!, spec)).get(c)! };
  };
  if (parallel === 'never' || (parallel === 'auto' && (bootstrapCost(cells, spec) < PARALLEL_FROM || rows < PARALLEL_FROM_ROWS))) return inMain();

  const stride = 2 * spec.stats * spec.variants;
  const job: BootstrapJob = {
    cells: cells.map((c) => ({ ...c, sums: shared(c.sums) })),
    spec,
    control: new Int32Array(new SharedArrayBuffer(8)),
    out: new Float64Array(new SharedArrayBuffer(8 * stride * cells.length)),
  };
  let worker: Worker;
  try {
    worker = new Worker(new URL('./bootstrap-worker.js', import.meta.url), { workerData: job });
  } catch {
    return inMain();
  }
  worker.unref();
  // Errors are recorded in job.control by the job itself; the event only keeps an unhandled one from crashing the process.
  worker.on('error', () => {});
  let fallback: BootstrapRun | null = null;
  let collected = false;
  const collect = (): BootstrapRun | null => {
    if (fallback) return fallback;
    if (collected) return null;
    if (!waitFor(job.control, STARTED, START_TIMEOUT_MS) || !waitFor(job.control, DONE, Infinity) || Atomics.load(job.control, DONE) !== 1) {
      void worker.terminate();
      return (fallback = inMain());
    }
    void worker.terminate();
    collected = true;
    return null;
  };
  return {
    where: 'worker',
    intervals(c) {
      const other = collect();
      return other ? other.intervals(c) : job.out.subarray(c * stride, (c + 1) * stride);
    },
  };
}

/** Runs a job in the worker thread (called by bootstrap-worker.js). */
export function runBootstrapJob(job: BootstrapJob): void {
  Atomics.store(job.control, STARTED, 1);
  Atomics.notify(job.control, STARTED);
  try {
    const stride = 2 * job.spec.stats * job.spec.variants;
    job.cells.forEach((cell, c) => job.out.set(bootstrapIntervals(cell, job.spec), c * stride));
    Atomics.store(job.control, DONE, 1);
  } catch {
    Atomics.store(job.control, DONE, 2);
  }
  Atomics.notify(job.control, DONE);
}

function shared(a: Float64Array): Float64Array {
  if (a.buffer instanceof SharedArrayBuffer) return a;
  const s = new Float64Array(new SharedArrayBuffer(a.byteLength));
  s.set(a);
  return s;
}

/** Blocks until control[index] is set or the time is up; true when it was set. */
function waitFor(control: Int32Array, index: number, timeoutMs: number): boolean {
  const until = Date.now() + timeoutMs;
  while (Atomics.load(control, index) === 0) {
    const left = until - Date.now();
    if (left <= 0) return false;
    Atomics.wait(control, index, 0, Math.min(left, 1000));
  }
  return true;
}
