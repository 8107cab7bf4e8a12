/**
 * The three diagnostic reports: one PDF per segment (rural gminas, urban gminas, counties), each built
 * from results.json and the six programmes, chapter by chapter, with the report kit.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Results } from '../analysis/results-schema.ts';
import type { Questionnaire } from '../questionnaire/types.ts';
import type { Catalogue } from '../recommendations/catalogue.ts';
import { buildProgrammes, populationOf, type ProgrammeDoc } from '../recommendations/programme.ts';
import type { Population, RolloutPlan } from '../recommendations/rollout.ts';
import { DEFAULT_PLAN } from '../recommendations/rollout.ts';
import { Ledger } from './ledger.ts';
import { buildReport, type Lang } from './kit/index.ts';
import type { ReportContext } from './context.ts';
import { segmentForms } from './words.ts';
import { summaryChapter } from './chapters/summary.ts';
import { sampleChapter } from './chapters/sample.ts';
import { competencesChapter } from './chapters/competences.ts';
import { prioritiesChapter } from './chapters/priorities.ts';
import { differencesChapter } from './chapters/differences.ts';
import { keyCompetencesChapter } from './chapters/key-competences.ts';
import { recommendationsChapter } from './chapters/recommendations.ts';
import { methodologyChapter } from './chapters/methodology.ts';
import { annexChapter } from './chapters/annex.ts';

export const REPORT_TITLE = { pl: 'Diagnoza kompetencji kadr JST w zarządzaniu oświatą', en: 'Diagnosis of local-government staff competences in education management' };
export const PROGRAMME = {
  pl: 'Program „Wsparcie kadry jednostek samorządu terytorialnego w zarządzaniu oświatą ukierunkowanym na rozwój szkół i kompetencji kluczowych uczniów” (PO WER 2014–2020, działanie 2.10)',
  en: 'Programme "Supporting local-government staff in managing education for school development and pupils\' key competences" (PO WER 2014–2020, measure 2.10)',
};

const FILE_NAMES: Record<string, Record<Lang, string>> = {
  rural: { pl: 'raport-gminy-wiejskie.pdf', en: 'report-rural-gminas.pdf' },
  urban: { pl: 'raport-gminy-miejskie.pdf', en: 'report-urban-gminas.pdf' },
  county: { pl: 'raport-powiaty.pdf', en: 'report-counties.pdf' },
};

export function reportFileName(segment: string, lang: Lang): string {
  return FILE_NAMES[segment]?.[lang] ?? `${lang === 'pl' ? 'raport' : 'report'}-${segment}.pdf`;
}

export interface ReportInputs {
  results: Results;
  questionnaire: Questionnaire;
  catalogue: Catalogue;
  lang: Lang;
  /** the report date (fixed for reproducible output) */
  date: Date;
  /** the rollout plan (default DEFAULT_PLAN) and the JSTs by segment and voivodeship (default: the results' coverage table) */
  plan?: RolloutPlan;
  population?: Population;
  /** the programmes, when already built from the same results, catalogue, plan and population */
  programmes?: ProgrammeDoc[];
  /** where the chapters that summarise the programmes record every number they print (tests read it) */
  ledger?: Ledger;
}

/** The six programmes the reports summarise. */
export function programmesOf(inputs: ReportInputs): ProgrammeDoc[] {
  return inputs.programmes ?? buildProgrammes({
    results: inputs.results, questionnaire: inputs.questionnaire, catalogue: inputs.catalogue,
    plan: inputs.plan ?? DEFAULT_PLAN, population: inputs.population ?? populationOf(inputs.results),
  });
}

export function contextFor(inputs: ReportInputs, segment: string): ReportContext {
  const { results, lang } = inputs;
  const segs = results.config.segments.map((s) => ({ code: s.code, label: s.label, kinds: s.kinds }));
  const me = segs.find((s) => s.code === segment);
  if (!me) throw new Error(`unknown segment ${segment}`);
  const sources = Object.keys(results.dataset.sources);
  return {
    lang,
    date: inputs.date,
    results,
    questionnaire: inputs.questionnaire,
    catalogue: inputs.catalogue,
    programmes: programmesOf(inputs),
    ledger: inputs.ledger ?? new Ledger(lang),
    segment: me,
    others: segs.filter((s) => s !== me),
    synthetic: sources.includes('synthetic'),
    tr: (t) => t[lang],
  };
}

/** One segment's report as PDF bytes. */
export async function renderSegmentReport(inputs: ReportInputs, segment: string): Promise<Buffer> {
  const ctx = contextFor(inputs, segment);
  const forms = segmentForms(segment, ctx.lang, ctx.tr(ctx.segment.label));
  const { bytes } = await buildReport(
    {
      title: ctx.tr(REPORT_TITLE),
      subtitle: ctx.lang === 'pl' ? `Raport diagnostyczny: ${forms.nom}` : `Diagnostic report: ${forms.nom}`,
      lang: ctx.lang,
      date: ctx.date,
      synthetic: ctx.synthetic,
      suppressionThreshold: ctx.results.config.suppressionThreshold,
      author: ctx.lang === 'pl' ? 'Zespół analityczny programu' : 'Programme analysis team',
    },
    (report) => {
      report.cover({ segment: forms.title, programme: ctx.tr(PROGRAMME), version: `${ctx.results.software.version} (${ctx.results.generatedAt.slice(0, 10)})` });
      report.tableOfContents();
      for (const chapter of [summaryChapter, sampleChapter, competencesChapter, prioritiesChapter, differencesChapter, keyCompetencesChapter, recommendationsChapter, methodologyChapter, annexChapter]) {
        chapter(report, ctx);
      }
    },
  );
  return bytes;
}

/** Writes the reports of every segment into `outDir`; returns the paths written. */
export async function writeReports(inputs: ReportInputs, outDir: string, onProgress?: (message: string) => void): Promise<string[]> {
  mkdirSync(outDir, { recursive: true });
  const out: string[] = [];
  const all = { ...inputs, programmes: programmesOf(inputs) };
  for (const s of inputs.results.config.segments) {
    const bytes = await renderSegmentReport(all, s.code);
    const path = join(outDir, reportFileName(s.code, inputs.lang));
    writeFileSync(path, bytes);
    onProgress?.(`${path} (${(bytes.length / 1024).toFixed(0)} kB)`);
    out.push(path);
  }
  return out;
}
