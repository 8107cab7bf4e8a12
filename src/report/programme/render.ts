/**
 * A programme as a PDF: cover, one page for decision makers, then goal and participants, the modules, the
 * two-year schedule, the e-learning courses, the evidence, quality standards and the pilot, the scale of the
 * rollout, and how the programme was made. Every number goes through the ledger (ledger.ts).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ProgrammeDoc } from '../../recommendations/programme.ts';
import { buildReport, type Lang } from '../kit/index.ts';
import { Ledger, type LedgerEntry } from '../ledger.ts';
import { PROGRAMME } from '../report.ts';
import { programmeContext, t, tr } from './context.ts';
import { elearningChapter, scheduleChapter } from './plan.ts';
import { evidenceChapter } from './evidence.ts';
import { summaryPage } from './summary.ts';
import { modulesChapter } from './modules.ts';
import { methodChapter, qualityChapter, scaleChapter } from './quality.ts';

export interface ProgrammeRenderOptions {
  lang: Lang;
  date: Date;
  synthetic: boolean;
  suppressionThreshold: number;
}

const SEGMENT_SLUG: Record<string, Record<Lang, string>> = {
  rural: { pl: 'gminy-wiejskie', en: 'rural-gminas' },
  urban: { pl: 'gminy-miejskie', en: 'urban-gminas' },
  county: { pl: 'powiaty', en: 'counties' },
};
const GROUP_SLUG: Record<string, Record<Lang, string>> = {
  management: { pl: 'kadra-zarzadzajaca', en: 'management' },
  operational: { pl: 'pracownicy-operacyjni', en: 'operational-staff' },
};

/** "program-gminy-wiejskie-kadra-zarzadzajaca" / "programme-rural-gminas-management" (add .pdf or .json). */
export function programmeFileBase(doc: Pick<ProgrammeDoc, 'segment' | 'staffGroup'>, lang: Lang): string {
  const seg = SEGMENT_SLUG[doc.segment.code]?.[lang] ?? doc.segment.code;
  return `${lang === 'pl' ? 'program' : 'programme'}-${seg}-${GROUP_SLUG[doc.staffGroup]![lang]}`;
}

/** One programme as PDF bytes, and the ledger of every number it prints. */
export async function renderProgramme(doc: ProgrammeDoc, opts: ProgrammeRenderOptions): Promise<{ bytes: Buffer; ledger: LedgerEntry[] }> {
  let ledger = new Ledger(opts.lang);
  const { bytes } = await buildReport(
    {
      title: tr(programmeContext(doc, opts.lang, opts.synthetic), doc.title),
      lang: opts.lang,
      date: opts.date,
      synthetic: opts.synthetic,
      suppressionThreshold: opts.suppressionThreshold,
      author: opts.lang === 'pl' ? 'Zespół analityczny programu' : 'Programme analysis team',
    },
    (report) => {
      // buildReport may build twice (table of contents); the ledger is the last build's
      ledger = new Ledger(opts.lang);
      const ctx = programmeContext(doc, opts.lang, opts.synthetic, ledger);
      report.cover({
        segment: `${ctx.seg.title} – ${ctx.grp.nom}`,
        programme: tr(ctx, PROGRAMME),
        version: `${doc.code}, ${t(ctx, 'katalog', 'catalogue')} ${doc.provenance.catalogue} (${doc.provenance.results.generatedAt.slice(0, 10)})`,
      });
      summaryPage(report, ctx);
      report.tableOfContents();
      modulesChapter(report, ctx);
      scheduleChapter(report, ctx);
      elearningChapter(report, ctx);
      evidenceChapter(report, ctx);
      qualityChapter(report, ctx);
      scaleChapter(report, ctx);
      methodChapter(report, ctx);
    },
  );
  return { bytes, ledger: ledger.entries };
}

/** Writes each programme as PDF and JSON into `outDir`; returns the paths written. */
export async function writeProgrammes(docs: readonly ProgrammeDoc[], opts: ProgrammeRenderOptions, outDir: string, onProgress?: (message: string) => void): Promise<string[]> {
  mkdirSync(outDir, { recursive: true });
  const out: string[] = [];
  for (const doc of docs) {
    const base = join(outDir, programmeFileBase(doc, opts.lang));
    const { bytes } = await renderProgramme(doc, opts);
    writeFileSync(`${base}.pdf`, bytes);
    writeFileSync(`${base}.json`, JSON.stringify(doc, null, 1) + '\n');
    onProgress?.(`${base}.pdf (${(bytes.length / 1024).toFixed(0)} kB) and .json`);
    out.push(`${base}.pdf`, `${base}.json`);
  }
  return out;
}
