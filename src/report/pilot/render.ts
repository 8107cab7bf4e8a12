/**
 * The pilot evaluation report (PDF, one language per file): summary and the keep / revise / drop decision table
 * with its rules, then per programme the competence change by area and the module reactions, then response
 * shift, attrition and the follow-up across programmes, and the method. It renders from pilot-results.json
 * alone; a withheld cell prints "–" (the kit's suppression footnote explains it).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PairedStats } from '../../analysis/pilot/paired.ts';
import { NO_RESPONSE, type PilotResults, type Withheld } from '../../analysis/pilot/types.ts';
import type { Localized } from '../../questionnaire/types.ts';
import { buildReport, formatCi, formatInt, formatNumber, formatP, suppressed, type CellValue, type Lang, type Report } from '../kit/index.ts';
import { PROGRAMME } from '../report.ts';
import { changesChapter, CHANGES_TITLE } from './changes-chapter.ts';
import type { CatalogueChanges } from './changes.ts';
import { writeCatalogueChanges } from './changes-files.ts';
import { moduleDecisions, RULES, type Decision, type ModuleDecision } from './decisions.ts';

export interface PilotReportOptions {
  lang: Lang;
  date: Date;
  synthetic: boolean;
  /** the catalogue change list (changes.ts): with it the report gets its chapter "Changes to the programme catalogue" */
  changes?: CatalogueChanges;
}

const DECISION: Record<Decision, Localized> = {
  keep: { pl: 'zachować', en: 'keep' },
  revise: { pl: 'poprawić', en: 'revise' },
  drop: { pl: 'usunąć', en: 'drop' },
  none: { pl: 'brak decyzji (za mało osób)', en: 'no decision (too few people)' },
};

/**
 * A programme's code as the catalogue writes it (GW-K): the pilot's questionnaires code it GW_K (a SurveyJS choice
 * value), the catalogue and its change list GW-K; the report uses one spelling throughout.
 */
export const shownCode = (code: string): string => code.replaceAll('_', '-');

export function pilotReportFileName(lang: Lang): string {
  return lang === 'pl' ? 'ewaluacja-pilotazu.pdf' : 'pilot-evaluation.pdf';
}

const isWithheld = (x: unknown): x is Withheld => typeof x === 'object' && x !== null && 'withheld' in x;

export async function renderPilotReport(results: PilotResults, opts: PilotReportOptions): Promise<Buffer> {
  const { lang } = opts;
  const t = (pl: string, en: string) => (lang === 'pl' ? pl : en);
  const L = (x: Localized | undefined, code: string) => x?.[lang] ?? code;
  const n2 = (x: number | null | undefined, signed = false) => formatNumber(x ?? null, { decimals: 2, lang, signed });
  const decisions = moduleDecisions(results);
  const { bytes } = await buildReport(
    {
      title: t('Ewaluacja pilotażu programów szkoleniowo-doradczych', 'Pilot evaluation of the training and advisory programmes'),
      lang,
      date: opts.date,
      synthetic: opts.synthetic,
      suppressionThreshold: results.config.minN,
      author: t('Zespół analityczny programu', 'Programme analysis team'),
    },
    (report) => {
      report.cover({ segment: t('Pilotaż w 30 JST', 'Pilot in 30 JSTs'), programme: PROGRAMME[lang], version: `${results.instruments.post.file} ${results.instruments.post.version} (${results.generatedAt.slice(0, 10)})` });
      report.tableOfContents();
      summary(report, results, decisions, t, L, n2, opts.changes !== undefined);
      for (const programme of Object.keys(results.labels.programmes)) programmeChapter(report, results, programme, decisions, t, L, n2);
      acrossChapter(report, results, t, L, n2, lang);
      if (opts.changes) changesChapter(report, opts.changes, t);
      methodChapter(report, results, t);
    },
  );
  return bytes;
}

type T = (pl: string, en: string) => string;
type Lbl = (x: Localized | undefined, code: string) => string;
type N2 = (x: number | null | undefined, signed?: boolean) => string;

function summary(report: Report, r: PilotResults, decisions: ModuleDecision[], t: T, L: Lbl, n2: N2, withChanges: boolean): void {
  report.h1(t('Podsumowanie i decyzje', 'Summary and decisions'));
  const all = r.participants.find((p) => p.programme === 'all')?.result;
  const att = r.attrition.find((a) => a.programme === 'all');
  const counts = { keep: 0, revise: 0, drop: 0, none: 0 };
  for (const d of decisions) counts[d.decision]++;
  const linked = all && !isWithheld(all) ? all.linked : null;
  const comp = att && !isWithheld(att.completers) ? att.completers.n : null;
  report.paragraph(t(
    `Ocena obejmuje ${linked ?? '–'} osób powiązanych kodem uczestnika z ich odpowiedziami w diagnozie; ankietę na zakończenie programu wypełniło ${comp ?? '–'} z nich. Dla każdego programu i modułu zestawiono ocenę modułu przez uczestników z przyrostem ich kompetencji w obszarze modułu i podjęto decyzję według reguł podanych niżej: zachować ${counts.keep}, poprawić ${counts.revise}, usunąć ${counts.drop}, bez decyzji ${counts.none}.`,
    `The evaluation covers ${linked ?? '–'} officials linked by participant code to their diagnosis responses; ${comp ?? '–'} of them answered the end-of-programme questionnaire. For each programme and module the participants' rating of the module is set against the rise of their competence in its area, and a decision is taken by the rules below: keep ${counts.keep}, revise ${counts.revise}, drop ${counts.drop}, no decision ${counts.none}.`));
  report.box(t('Reguły decyzji', 'Decision rules'), [
    t(`Zachować: średnia ocena modułu (średnia czterech skal 1–5) co najmniej ${n2(RULES.keepReaction)} i średni przyrost poziomu w obszarze modułu co najmniej ${n2(RULES.keepGain)} pkt, z 95-procentowym przedziałem (błąd standardowy skupiony w JST) powyżej zera.`,
      `Keep: the module's mean rating (mean of its four 1–5 scales) at least ${n2(RULES.keepReaction)}, and the mean rise of the level in its area at least ${n2(RULES.keepGain)} points, with the 95 % interval (JST-clustered standard error) above zero.`),
    t(`Usunąć: średnia ocena poniżej ${n2(RULES.dropReaction)} i brak mierzalnego przyrostu (przedział obejmuje zero lub leży poniżej).`, `Drop: mean rating below ${n2(RULES.dropReaction)} and no measurable rise (the interval reaches zero or below).`),
    t('Poprawić: pozostałe przypadki – moduł źle oceniany, choć skuteczny (poprawić sposób prowadzenia), albo dobrze oceniany bez wyraźnego przyrostu (poprawić treść). Moduł końcowy (plan lokalny) nie odpowiada jednemu obszarowi i jest oceniany tylko na podstawie ocen uczestników.',
      'Revise: everything else – poorly rated though effective (revise the delivery), or well rated without a clear rise (revise the content). The closing module (the local plan) trains no single area and is judged on its ratings alone.'),
  ]);
  report.table({
    title: t('Jaka decyzja zapada dla każdego modułu każdego programu?', 'What is decided for each module of each programme?'),
    columns: [
      { header: t('Program', 'Programme'), width: 0.1 },
      { header: t('Moduł', 'Module'), width: 0.34 },
      { header: t('Ocena (1–5)', 'Rating (1–5)'), decimals: 2 },
      { header: t('Przyrost (pkt)', 'Rise (points)'), decimals: 2 },
      { header: t('95% PU (JST)', '95% CI (JST)') },
      { header: t('Decyzja', 'Decision'), width: 0.16 },
    ],
    rows: decisions.map((d) => [
      shownCode(d.programme),
      L(r.labels.modules[d.module], d.module),
      d.reaction ? (d.reaction.pooled ? `${n2(d.reaction.mean)}*` : d.reaction.mean) : suppressed(),
      d.gain ? d.gain.mean : d.module in r.labels.areas ? suppressed() : t('nd.', 'n/a'),
      d.gain ? formatCi(d.gain.ciLow, d.gain.ciHigh, { lang: report.lang }) : d.module in r.labels.areas ? suppressed() : t('nd.', 'n/a'),
      { text: DECISION[d.decision][report.lang], bold: d.decision !== 'keep' },
    ]),
    notes: [
      `${t('Programy', 'Programmes')}: ${[...new Set(decisions.map((d) => d.programme))].map((code) => `${shownCode(code)} – ${L(r.labels.programmes[code], code)}`).join('; ')}.`,
      t('* ocena ze wszystkich programów łącznie (w tym programie za mało ocen). Przyrost: poziom na zakończenie programu minus poziom w diagnozie, średnio w obszarze modułu; nd. – moduł nie odpowiada jednemu obszarowi. Reguły porównują liczby w postaci wydrukowanej (dwa miejsca po przecinku).', '* rating over all programmes (too few ratings in this programme). Rise: level at the end of the programme minus the diagnosis level, averaged over the module\'s area; n/a – the module trains no single area. The rules compare the figures as printed (two decimals).')],
  });
  if (withChanges) report.paragraph(t(`Co te decyzje zmieniają w katalogu programów przed wdrożeniem, moduł po module, podaje rozdział „${CHANGES_TITLE.pl}”.`, `What these decisions change in the programme catalogue before the rollout, module by module, is set out in the chapter "${CHANGES_TITLE.en}".`));
}

function pairedRow(label: string, s: PairedStats | Withheld, lang: Lang): CellValue[] {
  if (isWithheld(s)) return [label, suppressed(), suppressed(), suppressed(), suppressed(), suppressed(), suppressed(), suppressed()];
  return [label, s.n, s.meanBefore, s.meanAfter, s.meanChange, formatCi(s.clustered.ciLow, s.clustered.ciHigh, { lang }), s.t.dz, formatP(s.wilcoxon.p, lang)];
}

function programmeChapter(report: Report, r: PilotResults, programme: string, decisions: ModuleDecision[], t: T, L: Lbl, n2: N2): void {
  report.h1(`${t('Program', 'Programme')} ${shownCode(programme)}: ${L(r.labels.programmes[programme], programme)}`, { newPage: false });
  const cells = r.change.filter((c) => c.programme === programme && c.staffGroup === 'all');
  report.table({
    title: t('O ile wzrósł poziom kompetencji w każdym obszarze?', 'How much did the competence level rise in each area?'),
    columns: [
      { header: t('Obszar', 'Area'), width: 0.3 },
      { header: 'n', decimals: 0 },
      { header: t('Diagnoza', 'Diagnosis') },
      { header: t('Po programie', 'After') },
      { header: t('Zmiana', 'Change') },
      { header: t('95% PU (JST)', '95% CI (JST)') },
      { header: 'd_z' },
      { header: 'Wilcoxon' },
    ],
    rows: cells.map((c) => pairedRow(L(r.labels.areas[c.area], c.area), c.stats, report.lang)),
    notes: [t('Średnie poziomu w skali 1–5 tych samych osób i tych samych zadań w diagnozie i na zakończenie programu; przedział ufności z błędem standardowym skupionym w JST; d_z – średnia zmiana podzielona przez odchylenie standardowe zmian; p testu znakowanego rang Wilcoxona.',
      'Mean levels on the 1–5 scale of the same officials and items in the diagnosis and at the end of the programme; interval with a JST-clustered standard error; d_z – mean change over the SD of the changes; p of the Wilcoxon signed-rank test.')],
  });
  const need = r.needVsElsewhere.filter((c) => c.programme === programme);
  const yes = need.find((c) => c.need)?.stats;
  const no = need.find((c) => !c.need)?.stats;
  if (yes && no && !isWithheld(yes) && !isWithheld(no)) {
    report.paragraph(t(
      `Tam, gdzie diagnoza wskazała potrzebę uczestnika (jego własna luka między znaczeniem a poziomem co najmniej ${n2(r.config.needGap)} pkt), poziom wzrósł średnio o ${n2(yes.meanChange)} pkt (95% PU ${formatCi(yes.clustered.ciLow, yes.clustered.ciHigh, { lang: 'pl' })}); w pozostałych obszarach o ${n2(no.meanChange)} pkt (${formatCi(no.clustered.ciLow, no.clustered.ciHigh, { lang: 'pl' })}).`,
      `Where the diagnosis found the official's need (their own gap between importance and level at least ${n2(r.config.needGap)} points), the level rose by ${n2(yes.meanChange)} points on average (95% CI ${formatCi(yes.clustered.ciLow, yes.clustered.ciHigh, { lang: 'en' })}); elsewhere by ${n2(no.meanChange)} points (${formatCi(no.clustered.ciLow, no.clustered.ciHigh, { lang: 'en' })}).`));
  }
  const scales = Object.keys(r.labels.scales).filter((s) => r.reactions.some((x) => !isWithheld(x.result) && x.result.scales.some((y) => y.scale === s)));
  report.table({
    title: t('Jak uczestnicy ocenili moduły?', 'How did the participants rate the modules?'),
    columns: [{ header: t('Moduł', 'Module'), width: 0.34 }, { header: 'n', decimals: 0 }, ...scales.map((s) => ({ header: L(r.labels.scales[s], s) })), { header: t('Decyzja', 'Decision') }],
    rows: r.reactions.filter((x) => x.programme === programme).map((x) => {
      const d = decisions.find((y) => y.programme === programme && y.module === x.module);
      const decision = d ? DECISION[d.decision][report.lang] : '';
      if (isWithheld(x.result)) return [L(r.labels.modules[x.module], x.module), suppressed(), ...scales.map(() => suppressed()), decision];
      const res = x.result;
      return [L(r.labels.modules[x.module], x.module), res.n, ...scales.map((s) => res.scales.find((y) => y.scale === s)?.mean ?? null), decision];
    }),
    notes: [t('Średnie ocen w skali 1–5 (1 – zdecydowanie nie, 5 – zdecydowanie tak).', 'Mean ratings on a 1–5 scale (1 – not at all, 5 – very much).')],
  });
}

function acrossChapter(report: Report, r: PilotResults, t: T, L: Lbl, n2: N2, lang: Lang): void {
  report.h1(t('Przesunięcie odpowiedzi, odpadanie i stosowanie w pracy', 'Response shift, attrition and application at work'), { newPage: false });
  const programmes = Object.keys(r.labels.programmes);
  const areas = Object.keys(r.labels.areas);
  report.paragraph(t(
    'Na zakończenie programu uczestnicy ocenili też swój poziom sprzed programu („z dzisiejszej perspektywy”). Różnica między tą oceną a oceną z diagnozy to przesunięcie odpowiedzi: wartości ujemne znaczą, że dopiero po szkoleniu uczestnicy uznali swój wyjściowy poziom za niższy, więc porównanie z diagnozą może zaniżać przyrost.',
    'At the end of the programme the participants also rated their level before it ("as I see it today"). The difference between that rating and the diagnosis rating is the response shift: negative values mean that only after the training did they judge their starting level lower, so the comparison with the diagnosis may understate the rise.'));
  report.table({
    title: t('O ile ocena „sprzed programu” różni się od oceny z diagnozy?', 'How far does the "before the programme" rating differ from the diagnosis rating?'),
    columns: [{ header: t('Obszar', 'Area'), width: 0.28 }, ...programmes.map((p) => ({ header: shownCode(p) }))],
    rows: areas.map((a) => [L(r.labels.areas[a], a), ...programmes.map((p) => {
      const c = r.responseShift.find((x) => x.programme === p && x.staffGroup === 'all' && x.area === a);
      if (!c) return '';
      return isWithheld(c.stats) ? suppressed() : c.stats.meanChange;
    })]),
    notes: [t('Średnia różnica (ocena retrospektywna minus diagnoza) w punktach skali 1–5; puste pole – obszar nieobecny w programie.', 'Mean difference (retrospective rating minus diagnosis) in points of the 1–5 scale; empty – the area is not in the programme.')],
  });
  report.table({
    title: t('Czy osoby, które nie ukończyły programu, zaczynały z niższego poziomu?', 'Did those who did not finish start from a lower level?'),
    columns: [{ header: t('Program', 'Programme'), width: 0.2 }, { header: t('Ukończyli: n', 'Completed: n'), decimals: 0 }, { header: t('średnia', 'mean') }, { header: t('Odpadli: n', 'Dropped out: n'), decimals: 0 }, { header: t('średnia', 'mean') }, { header: t('Różnica', 'Difference') }, { header: t('95% PU', '95% CI') }],
    rows: r.attrition.map((a) => [
      a.programme === 'all' ? t('wszystkie', 'all') : a.programme === NO_RESPONSE ? t('bez odpowiedzi', 'no response') : shownCode(a.programme),
      isWithheld(a.completers) ? suppressed() : a.completers.n,
      isWithheld(a.completers) ? suppressed() : a.completers.meanBaseline,
      isWithheld(a.dropouts) ? suppressed() : a.dropouts.n,
      isWithheld(a.dropouts) ? suppressed() : a.dropouts.meanBaseline,
      a.difference ? a.difference.value : suppressed(),
      a.difference ? formatCi(a.difference.ciLow, a.difference.ciHigh, { lang }) : suppressed(),
    ]),
    totalRow: true,
    notes: [t('Poziom wyjściowy: średnia wszystkich ocen poziomu w diagnozie. „Bez odpowiedzi” – osoby z rejestru, które nie odesłały żadnej ankiety pilotażu. Test Welcha.', 'Baseline: the mean of all level ratings in the diagnosis. "No response" – officials in the register who returned no pilot questionnaire. Welch\'s test.')],
  });
  const fu = r.followup.find((f) => f.programme === 'all')?.result;
  if (fu && !isWithheld(fu)) {
    // one table per tabulated question of the follow-up, titled by its wording, each answer in words
    const questions = [...new Set(fu.choices.map((c) => c.question))];
    questions.forEach((question, i) => {
      const words = r.labels.choices?.[question];
      report.table({
        title: `${t('Po trzech miesiącach', 'Three months on')}: ${words ? L(words.title, question) : question}`,
        columns: [{ header: t('Odpowiedź', 'Answer'), width: 0.6 }, { header: 'n', decimals: 0 }, { header: t('Odsetek (%)', 'Share (%)'), percent: true, decimals: 1 }],
        rows: fu.choices.filter((c) => c.question === question).map((c) => [words?.values[c.choice] ? L(words.values[c.choice]!, c.choice) : c.choice, c.count === null ? suppressed() : c.count, c.share === null ? suppressed() : 100 * c.share]),
        notes: i < questions.length - 1 ? [] : [t(`Wszystkie programy, n = ${formatInt(fu.n, 'pl')}. Przy pytaniach wielokrotnego wyboru odsetki nie sumują się do 100. Średnie skal (1–5): ${fu.scales.map((s) => `${L(r.labels.scales[s.scale], s.scale)} ${n2(s.mean)}`).join(', ')}.`, `All programmes, n = ${formatInt(fu.n, 'en')}. In multiple-choice questions the shares do not add up to 100. Scale means (1–5): ${fu.scales.map((s) => `${L(r.labels.scales[s.scale], s.scale)} ${n2(s.mean)}`).join(', ')}.`)],
      });
    });
  }
}

function methodChapter(report: Report, r: PilotResults, t: T): void {
  report.h1(t('Metoda', 'Method'), { newPage: false });
  report.paragraph(t(
    'Rekordy połączono kodem uczestnika (rejestr kodów → odpowiedź w diagnozie; kod w każdej ankiecie pilotażu); kody nie pojawiają się w wynikach. Obliczenia (w języku angielskim, jak w pliku wyników):',
    'Records were linked by participant code (the register of codes → the diagnosis response; the code in every pilot questionnaire); codes never appear in the results. The computations (as the results file states them):'));
  report.bullets(Object.entries(r.method).map(([k, v]) => [{ text: `${k}: `, bold: true }, v]));
  report.paragraph(t(`Komórki opisujące mniej niż ${r.config.minN} osób oraz komórki, z których dałoby się je odtworzyć przez odejmowanie, są pominięte („–”).`, `Cells describing fewer than ${r.config.minN} people, and cells from which they could be worked out by subtraction, are withheld ("–").`));
}

/** Writes the report into `outDir`, and with `opts.changes` the change list beside it (changes-files.ts); returns their paths, the report first. */
export async function writePilotReport(results: PilotResults, opts: PilotReportOptions, outDir: string): Promise<string[]> {
  mkdirSync(outDir, { recursive: true });
  const path = join(outDir, pilotReportFileName(opts.lang));
  writeFileSync(path, await renderPilotReport(results, opts));
  return [path, ...(opts.changes ? writeCatalogueChanges(opts.changes, outDir) : [])];
}
