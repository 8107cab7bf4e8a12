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
import { instrumentRef, type Lang, type Questionnaire, type SurveyInstrument } from '../questionnaire/types.ts';
import { readStored } from '../pipeline/from-store.ts';
import { assertWaveInstrument } from '../responses/waves.ts';
import type { SmtpConfig } from '../responses/mail.ts';
import { waveNotFound } from '../responses/store/rows.ts';
import type { Store } from '../responses/store/types.ts';

/** Renders one segment's PDF report from the results (src/report's renderSegmentReport, wired by `diag serve`). */
export type ReportRenderer = (results: Results, segment: string, lang: Lang) => Promise<Buffer>;

export interface ServerContext {
  store: Store;
  questionnaire: Questionnaire;
  /** the other instruments whose waves the server collects (the pilot's questionnaires) */
  instruments?: readonly SurveyInstrument[];
  config: AnalysisConfig;
  now: () => Date;
  /** the working folder, against which the SQLite file is named in the results' provenance (as `diag analyze --store` names it) */
  cwd: string;
  reports?: ReportRenderer;
  results: ResultsCache;
  /** the data folder with the wave secrets (invitation links in e-mails and the mail-merge file) */
  dataDir?: string;
  /** the SMTP server invitations and reminders go through; null or absent: e-mail sending is off */
  smtp?: SmtpConfig | null;
}

export interface CachedResults {
  /** `<responses>:<frame id>` */
  key: string;
  results: Results;
  /** the results serialised once */
  json: string;
}

export class ResultsCache {
  /** per wave ('' for the whole store): the results of the current response count and frame */
  private readonly current = new Map<string, { key: string; results: Promise<CachedResults> }>();
  private readonly pdfs = new Map<string, Promise<Buffer>>();

  constructor(private readonly ctx: Omit<ServerContext, 'results'>) {}

  /**
   * The analysis of one wave's responses with the wave's frame (or of every response with the latest frame), cached
   * until the response count or the frame changes. An unknown wave is INPUT_NOT_FOUND.
   */
  async get(wave?: string): Promise<CachedResults> {
    const { store } = this.ctx;
    let frameId: number | null;
    if (wave !== undefined) {
      const w = await store.getWave(wave);
      if (!w) throw waveNotFound(wave);
      frameId = w.frameId;
    } else frameId = (await store.findFrame())?.id ?? null;
    const count = await store.countResponses(wave === undefined ? {} : { wave });
    const slot = wave ?? '';
    const key = `${slot}:${count}:${frameId ?? 'none'}`;
    const now = this.current.get(slot);
    if (now && now.key === key) return now.results;
    for (const k of this.pdfs.keys()) if (k.startsWith(`${slot}:`)) this.pdfs.delete(k);
    const results = this.compute(key, wave);
    this.current.set(slot, { key, results });
    // a failed analysis is not cached: the next request tries again
    results.catch(() => {
      if (this.current.get(slot)?.key === key) this.current.delete(slot);
    });
    return results;
  }

  /** One segment's report (of a wave, or of every response), rendered once per results version and language. */
  async report(segment: string, lang: Lang, wave?: string): Promise<Buffer> {
    const render = this.ctx.reports;
    if (!render) throw new DiagError('INPUT_NOT_FOUND', 'PDF reports are not available on this server', [{ message: 'start the server with `diag serve`, which renders them with src/report' }]);
    const cached = await this.get(wave);
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
   * The stored responses (of one wave, or all) and the frame (the wave's, else the latest) read through the
   * pipeline (the provenance `diag analyze --store` records for the same store); validated and analysed in the
   * worker thread.
   */
  private async compute(key: string, wave?: string): Promise<CachedResults> {
    const { store, questionnaire, config, cwd } = this.ctx;
    if (wave !== undefined) {
      const other = await waveInstrument(this.ctx, wave);
      if (other !== questionnaire) {
        const ref = instrumentRef(other);
        throw new DiagError('CONFIG_INVALID', `wave ${wave} collects ${ref.file}, not the diagnosis: the dashboard's analysis is the diagnosis'`, [{ column: 'wave', message: `the pilot's answers are analysed by \`diag pilot analyze\`: export them with \`diag export --wave ${wave} --questionnaire surveys/${ref.file}\`` }]);
      }
    }
    const { responses, shown, source, frame } = await readStored(store, { wave, frame: true, cwd, instrument: questionnaire.hash });
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

/**
 * The instrument a wave collects, among those the server serves: the questionnaire for a wave bound to it or to none,
 * else the served instrument it is bound to; CONFIG_INVALID (via assertWaveInstrument) for one bound to an
 * instrument the server does not serve, INPUT_NOT_FOUND for an unknown wave.
 */
export async function waveInstrument(ctx: Pick<ServerContext, 'store' | 'questionnaire' | 'instruments'>, name: string): Promise<SurveyInstrument> {
  const w = await ctx.store.getWave(name);
  if (!w) throw waveNotFound(name);
  const other = ctx.instruments?.find((i) => i.hash === w.instrument?.sha256 && i.hash !== ctx.questionnaire.hash);
  if (other) return other;
  await assertWaveInstrument(ctx.store, name, ctx.questionnaire, 'read its answers on this server', 'start the server with --questionnaire (or --instrument) set to the file the wave was created for');
  return ctx.questionnaire;
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
