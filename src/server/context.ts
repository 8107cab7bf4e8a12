/**
 * What every route plugin is given: the store, the questionnaire, the analysis configuration, the clock, and the
 * analysis results cached by the number of stored responses (responses are only ever added, so the count is a
 * version: a new response makes the next request recompute, nothing else does).
 */
import { Worker } from 'node:worker_threads';
import type { AnalysisJob } from './analysis-job.ts';
import type { AnalysisConfig } from '../analysis/config.ts';
import type { Results } from '../analysis/results-schema.ts';
import { DiagError } from '../errors.ts';
import type { Lang, Questionnaire } from '../questionnaire/types.ts';
import { readStored } from '../pipeline/from-store.ts';
import type { Store } from '../responses/store/types.ts';

/** Renders one segment's PDF report from the results (src/report's renderSegmentReport, wired by `diag serve`). */
export type ReportRenderer = (results: Results, segment: string, lang: Lang) => Promise<Buffer>;

export interface ServerContext {
  store: Store;
  questionnaire: Questionnaire;
  config: AnalysisConfig;
  now: () => Date;
  /** the working folder, against which the SQLite file is named in the results' provenance (as `diag analyze --store` names it) */
  cwd: string;
  reports?: ReportRenderer;
  results: ResultsCache;
}

export interface CachedResults {
  /** `<responses>:<frame id>` */
  key: string;
  results: Results;
  /** the results serialised once */
  json: string;
}

export class ResultsCache {
  private current: Promise<CachedResults> | null = null;
  private currentKey = '';
  private readonly pdfs = new Map<string, Promise<Buffer>>();

  constructor(private readonly ctx: Omit<ServerContext, 'results'>) {}

  async get(): Promise<CachedResults> {
    const { store } = this.ctx;
    const [count, frame] = await Promise.all([store.countResponses(), store.findFrame()]);
    const key = `${count}:${frame?.id ?? 'none'}`;
    if (this.current && this.currentKey === key) return this.current;
    this.currentKey = key;
    this.pdfs.clear();
    this.current = this.compute(key);
    // a failed analysis is not cached: the next request tries again
    this.current.catch(() => {
      if (this.currentKey === key) {
        this.current = null;
        this.currentKey = '';
      }
    });
    return this.current;
  }

  /** One segment's report, rendered once per results version and language. */
  async report(segment: string, lang: Lang): Promise<Buffer> {
    const render = this.ctx.reports;
    if (!render) throw new DiagError('INPUT_NOT_FOUND', 'PDF reports are not available on this server', [{ message: 'start the server with `diag serve`, which renders them with src/report' }]);
    const cached = await this.get();
    if (!cached.results.config.segments.some((s) => s.code === segment)) {
      throw new DiagError('INPUT_NOT_FOUND', `no segment "${segment}"`, [{ message: `segments: ${cached.results.config.segments.map((s) => s.code).join(', ')}` }]);
    }
    const key = `${cached.key}:${segment}:${lang}`;
    let pdf = this.pdfs.get(key);
    if (!pdf) {
      pdf = render(cached.results, segment, lang);
      this.pdfs.set(key, pdf);
      pdf.catch(() => this.pdfs.delete(key));
    }
    return pdf;
  }

  /**
   * The stored responses and the latest frame read through the pipeline (the provenance `diag analyze --store`
   * records for the same store); validated and analysed in the worker thread.
   */
  private async compute(key: string): Promise<CachedResults> {
    const { store, questionnaire, config, cwd } = this.ctx;
    const { responses, shown, source, frame } = await readStored(store, { frame: true, cwd });
    const job: AnalysisJob = {
      questionnaireFile: questionnaire.file,
      shown,
      responses: responses.map((r) => ({ id: r.id, data: r.data, meta: r.meta })),
      config: { ...config, weights: frame ? config.weights : 'none' },
      ...(frame ? { frame } : {}),
      source,
      now: this.ctx.now().toISOString(),
    };
    const json = await runAnalysisWorker(job);
    return { key, results: JSON.parse(json) as Results, json };
  }
}

/** Runs one analysis in a worker thread and returns the results as JSON. */
function runAnalysisWorker(job: AnalysisJob): Promise<string> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./analysis-worker.js', import.meta.url), { workerData: job });
    let settled = false;
    worker.once('message', (m: { ok: boolean; json?: string; code?: string; message?: string; details?: DiagError['details'] }) => {
      settled = true;
      if (m.ok) resolve(m.json!);
      else if (m.code) reject(new DiagError(m.code as DiagError['code'], m.message ?? 'analysis failed', m.details ?? []));
      else reject(new Error(`analysis worker failed: ${m.message}`));
      void worker.terminate();
    });
    worker.once('error', (e) => {
      if (!settled) reject(e);
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`analysis worker exited with code ${code} before answering`));
    });
  });
}
