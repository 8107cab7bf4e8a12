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
import { sha256Hex } from '../responses/store/tokens.ts';
import type { Store } from '../responses/store/types.ts';

/** Renders one segment's PDF report from the results (src/report's renderSegmentReport, wired by `diag serve`). */
export type ReportRenderer = (results: Results, segment: string, lang: Lang) => Promise<Buffer>;

export interface ServerContext {
  store: Store;
  questionnaire: Questionnaire;
  config: AnalysisConfig;
  now: () => Date;
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
    this.current = this.compute(key, frame?.id ?? null);
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

  private async compute(key: string, frameId: number | null): Promise<CachedResults> {
    const { store, questionnaire, config } = this.ctx;
    const responses = await store.listResponses();
    if (responses.length === 0) throw new DiagError('INPUT_NOT_FOUND', 'the store holds no responses yet: nothing to analyse');
    const frame = frameId === null ? undefined : await store.frameUnits(frameId);
    const frameInfo = frameId === null ? null : (await store.listFrames()).find((f) => f.id === frameId);
    const job: AnalysisJob = {
      questionnaireFile: questionnaire.file,
      responses: responses.map((r) => ({ id: r.id, data: r.data, meta: r.meta })),
      config: { ...config, weights: frame ? config.weights : 'none' },
      ...(frame ? { frame } : {}),
      source: {
        dataFile: `store (${store.backend}), ${responses.length} responses`,
        dataSha256: sha256Hex(responses.map((r) => `${r.id}:${r.contentHash}`).join('\n')),
        ...(frameInfo ? { frameFile: `frame ${frameInfo.name} ${frameInfo.version}`, frameSha256: sha256Hex(`${frameInfo.name}\0${frameInfo.version}\0${frameInfo.units}`) } : {}),
      },
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
