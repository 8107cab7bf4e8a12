/**
 * Chapter 6, "Rozwiązania wspierające kompetencje kluczowe uczniów": what the segment's JSTs prioritise,
 * do now, lack and want (all staff), as ranked bars of the share of respondents with 95 % CIs, and the
 * JST facts (shared-service centre, education strategy, local coalition) as a table. Weighted shares
 * (design-based CIs) when the results are weighted, else unweighted (intervals with JSTs as clusters). Options
 * chosen by fewer than the suppression threshold are never drawn; the note lists them as "–". The questions are
 * those the programme metadata's roles.keyCompetences and roles.jstConditions name.
 */
import { rankingChart, suppressed, type CellValue } from '../kit/index.ts';
import type { ChoiceCellT } from '../../analysis/results-schema.ts';
import type { ReportContext } from '../context.ts';
import type { Report } from '../kit/index.ts';
import type { Chapter } from './types.ts';
import { noInferenceNote, b, capitalise, choiceCell, countOf, fromSeg, segDat, int, joinList, nOf, pct, pctCi, quote, segForms, sourceLine, t, withheldWhy, ciWord } from './wording.ts';
import { keptTable } from './kept-table.ts';
import { LACK_SHARE } from '../../recommendations/rules.ts';
import { KEY_COMPETENCE_QUESTIONS, type JstCondition, type KeyCompetenceQuestion } from '../../questionnaire/types.ts';

type OkCell = Extract<ChoiceCellT, { options: unknown }>;
type Option = OkCell['options'][number];

interface Share {
  /** capitalised, for chart rows */
  label: string;
  /** as in the questionnaire, for sentences */
  text: string;
  value: string;
  p: number;
  lo: number | null;
  hi: number | null;
  count: number;
}

/** Shown options (weighted where available), largest first; and the labels of the withheld ones. */
function sharesOf(ctx: ReportContext, cell: OkCell): { shown: Share[]; withheld: string[] } {
  const shown: Share[] = [];
  const withheld: string[] = [];
  for (const o of cell.options) {
    // the design-based share and interval (with --weights none: the share of respondents, JSTs as clusters)
    const w = o.weighted;
    const p = w ? w.proportion : o.proportion;
    if (o.suppressed || p === null || o.count === null) {
      withheld.push(ctx.tr(o.label));
      continue;
    }
    shown.push({ label: capitalise(ctx.tr(o.label)), text: ctx.tr(o.label), value: o.value, p, lo: w ? w.ciLow : o.ciLow, hi: w ? w.ciHigh : o.ciHigh, count: o.count });
  }
  shown.sort((a, b2) => b2.p - a.p);
  return { shown, withheld };
}

const weightWords = (ctx: ReportContext) => ctx.results.config.weights !== 'none'
  ? t(ctx, 'Odsetki ważone do populacji JST; przedział ufności uwzględnia skupienie badanych w JST.', 'Shares weighted to the population of JSTs; the interval allows for the clustering of respondents in JSTs.')
  : t(ctx, 'Odsetki nieważone; przedział ufności uwzględnia skupienie badanych w JST.', 'Unweighted shares; the interval allows for the clustering of respondents in JSTs.');

/** The JST's conditions in the order the chapter states them. */
const CONDITION_ORDER: readonly JstCondition[] = ['sharedServiceCentre', 'educationStrategy', 'localCoalition'];

/**
 * The chapter reads the questions roles.keyCompetences and roles.jstConditions name; a questionnaire that declares
 * neither gets no chapter, and a part whose questions it does not declare says the questionnaire did not ask.
 */
export const keyCompetencesChapter: Chapter = (report, ctx) => {
  const roles = ctx.questionnaire.roles;
  const asked = roles.keyCompetences ?? {};
  const questions = KEY_COMPETENCE_QUESTIONS.filter((k) => asked[k] !== undefined);
  const conditions = CONDITION_ORDER.filter((k) => roles.jstConditions?.[k]);
  if (!questions.length && !conditions.length) return;
  report.h1(t(ctx, 'Rozwiązania wspierające kompetencje kluczowe uczniów', "Solutions supporting pupils' key competences"));
  if (questions.length) {
    if (!solutions(report, ctx, questions, asked as Record<KeyCompetenceQuestion, string>, conditions.length > 0)) return;
  } else {
    report.paragraph(t(ctx,
      'Kwestionariusz nie pytał o rozwiązania wspierające kompetencje kluczowe uczniów; rozdział pokazuje tylko warunki, w jakich JST mogą je wdrażać.',
      "The questionnaire did not ask about solutions supporting pupils' key competences; the chapter shows only the conditions in which the JSTs can put them in place."));
  }
  if (conditions.length) conditionsTable(report, ctx, conditions);
};

/** The key-competence questions: what stands out, then one ranked chart each. False when nothing can be shown. */
function solutions(report: Report, ctx: ReportContext, questions: readonly KeyCompetenceQuestion[], asked: Record<KeyCompetenceQuestion, string>, withTable: boolean): boolean {
  const me = segForms(ctx, ctx.segment.code);
  const spec = (k: KeyCompetenceQuestion) => ctx.questionnaire.questions.find((x) => x.name === asked[k]);
  const cells = Object.fromEntries(questions.map((k) => [k, choiceCell(ctx, asked[k])])) as Partial<Record<KeyCompetenceQuestion, OkCell | null>>;
  const data = Object.fromEntries(questions.map((k) => [k, cells[k] ? sharesOf(ctx, cells[k]!) : null])) as Partial<Record<KeyCompetenceQuestion, ReturnType<typeof sharesOf> | null>>;

  if (questions.every((k) => !data[k] || data[k]!.shown.length === 0)) {
    report.paragraph(t(ctx,
      `Na pytania o rozwiązania wspierające kompetencje kluczowe uczniów odpowiedziało ${me.inLoc} zbyt mało osób, aby pokazać wyniki bez ryzyka identyfikacji badanych.`,
      `Too few respondents ${me.inLoc} answered the questions on key-competence solutions to show results without a risk of identifying them.`));
    return false;
  }

  // What stands out, in 3–4 sentences. The "none" answer of a question is its SurveyJS none item.
  const noneOf = (k: KeyCompetenceQuestion) => spec(k)?.noneValue ?? 'none';
  const top = (k: KeyCompetenceQuestion, n: number) => (data[k]?.shown ?? []).filter((s) => s.value !== noneOf(k)).slice(0, n);
  const pr = top('priorities', 3);
  const now = top('now', 2);
  const lack = top('lack', 2);
  const sup = top('support', 2);
  const none = data.now?.shown.find((s) => s.value === noneOf('now'));
  const lackThreshold = LACK_SHARE;
  const lackStrong = (data.lack?.shown ?? []).filter((s) => s.value !== noneOf('lack') && s.p >= lackThreshold);
  const list = (xs: Share[]) => joinList(ctx, xs.map((s) => `${s.text} (${pct(ctx, s.p)})`));
  const sentences: string[] = [];
  if (pr.length) sentences.push(t(ctx,
    `Jako priorytet swojej JST badani ${fromSeg(ctx, ctx.segment.code)} najczęściej wskazują kompetencje: ${list(pr)}.`,
    `As their JST's priority, respondents ${fromSeg(ctx, ctx.segment.code)} most often name these competences: ${list(pr)}.`));
  if (now.length) sentences.push(t(ctx,
    `Obecnie JST najczęściej ${now.length > 1 ? 'stawiają na' : 'stawiają na'} ${list(now)}${none ? `, a ${pct(ctx, none.p)} badanych odpowiada, że JST nie prowadzi w tym zakresie żadnych działań` : ''}.`,
    `Today the JSTs mostly rely on ${list(now)}${none ? `, while ${pct(ctx, none.p)} say their JST does nothing in this field` : ''}.`));
  if (lack.length) sentences.push(t(ctx,
    `Najbardziej brakuje ${joinList(ctx, lack.map((s) => `${s.text} (${pct(ctx, s.p)})`))}${lackStrong.length > lack.length ? `; w sumie ${countOf(ctx, lackStrong.length, ['brak', 'braki', 'braków'], ['lack', 'lacks'])} wskazuje co najmniej ${pct(ctx, lackThreshold)} badanych` : ''}.`,
    `What they lack most is ${joinList(ctx, lack.map((s) => `${s.text} (${pct(ctx, s.p)})`))}${lackStrong.length > lack.length ? `; ${countOf(ctx, lackStrong.length, ['brak', 'braki', 'braków'], ['lack', 'lacks'])} are named by at least ${pct(ctx, lackThreshold)}` : ''}.`));
  if (sup.length) sentences.push(t(ctx,
    `Od programu JST oczekują przede wszystkim: ${list(sup)}. Braki wskazywane przez co najmniej ${pct(ctx, lackThreshold)} badanych uwzględniają rekomendowane moduły szkoleniowe (rozdział „Rekomendacje”).`,
    `From the programme they expect above all: ${list(sup)}. Lacks named by at least ${pct(ctx, lackThreshold)} are addressed by the recommended training modules (chapter "Recommendations").`));
  const first = report.nextFigureNumber();
  const last = first + questions.length - 1;
  const figures = last > first ? { pl: `wykresy ${first}–${last}`, en: `figures ${first}–${last}` } : { pl: `wykres ${first}`, en: `figure ${first}` };
  report.paragraph(t(ctx,
    `Ten rozdział opisuje, jak ${me.nom} wspierają rozwój kompetencji kluczowych uczniów i czego potrzebują, by robić to skuteczniej (${figures.pl}${withTable ? `, tabela ${report.nextTableNumber()}` : ''}). Odpowiadali wszyscy badani, niezależnie od stanowiska.`,
    `This chapter describes how ${me.nom} support pupils' key competences and what they need to do it better (${figures.en}${withTable ? `, table ${report.nextTableNumber()}` : ''}). All respondents answered, whatever their position.`));
  report.paragraph(sentences.join(' '));

  const titles: Record<KeyCompetenceQuestion, { h: [string, string]; q: [string, string] }> = {
    priorities: { h: ['Priorytety JST', 'The JSTs\' priorities'], q: [`Rozwój których kompetencji kluczowych uczniów ${me.nom} uznają za priorytet?`, `Which of pupils' key competences do ${me.nom} treat as a priority?`] },
    now: { h: ['Co JST robią obecnie', 'What the JSTs do now'], q: [`Co ${me.nom} robią obecnie, aby rozwijać kompetencje kluczowe uczniów?`, `What do ${me.nom} do now to develop pupils' key competences?`] },
    lack: { h: ['Czego brakuje', 'What is lacking'], q: [`Czego ${segDat(ctx, ctx.segment.code)} najbardziej brakuje, aby skuteczniej rozwijać kompetencje kluczowe?`, `What do ${me.nom} lack most to develop key competences better?`] },
    support: { h: ['Oczekiwane wsparcie', 'Support wanted'], q: [`Jakiego wsparcia oczekują ${me.nom}?`, `What support do ${me.nom} want?`] },
  };
  for (const k of questions) {
    const cell = cells[k];
    const d = data[k];
    report.h2(t(ctx, ...titles[k].h), { toc: false });
    if (!cell || !d || d.shown.length === 0) {
      report.paragraph(t(ctx, 'Za mało odpowiedzi, aby pokazać wyniki.', 'Too few answers to show results.'));
      continue;
    }
    shareFigure(report, ctx, cell, d, t(ctx, ...titles[k].q), choiceNote(ctx, k, spec(k)?.maxSelected));
  }
  return true;
}

/** The note under a chart of a checkbox question: at most so many answers, or several. */
function choiceNote(ctx: ReportContext, k: KeyCompetenceQuestion, max: number | undefined): string {
  if (max === undefined) return t(ctx, 'Badani mogli wskazać kilka odpowiedzi; odsetki nie sumują się do 100 %.', 'Respondents could choose several answers; shares do not add up to 100%.');
  const word = { pl: ['', 'jedną', 'dwie', 'trzy', 'cztery'][max] ?? String(max), en: ['', 'one', 'two', 'three', 'four'][max] ?? String(max) };
  const what = k === 'priorities'
    ? { pl: max === 1 ? 'kompetencję' : max <= 4 ? 'kompetencje' : 'kompetencji', en: max === 1 ? 'competence' : 'competences' }
    : { pl: max === 1 ? 'odpowiedź' : 'odpowiedzi', en: max === 1 ? 'answer' : 'answers' };
  return t(ctx, `Badani mogli wskazać najwyżej ${word.pl} ${what.pl}.`, `Respondents could choose at most ${word.en} ${what.en}.`);
}

/** The JST's conditions for change (roles.jstConditions) as a table, with one sentence. */
function conditionsTable(report: Report, ctx: ReportContext, conditions: readonly JstCondition[]): void {
  const me = segForms(ctx, ctx.segment.code);
  const roles = ctx.questionnaire.roles.jstConditions!;
  const join = (xs: string[]) => (xs.length > 1 ? `${xs.slice(0, -1).join(', ')}${t(ctx, ' i ', ' and ')}${xs.at(-1)}` : xs[0] ?? '');
  const words = (w: Record<JstCondition, string>) => join(conditions.map((k) => w[k]));
  report.h2(capitalise(t(ctx,
    words({ sharedServiceCentre: 'centrum usług wspólnych', educationStrategy: 'strategia', localCoalition: 'lokalna koalicja' }),
    words({ sharedServiceCentre: 'shared-service centre', educationStrategy: 'strategy', localCoalition: 'local coalition' }))), { toc: false });
  const facts = conditions.map((k) => roles[k]!.question).map((q) => ({ q, cell: choiceCell(ctx, q), choice: ctx.results.choices.find((c) => c.question === q) })).filter((x) => x.choice);
  const yes = (k: JstCondition) => {
    if (!conditions.includes(k)) return null;
    const c = choiceCell(ctx, roles[k]!.question);
    const o = c?.options.find((x) => x.value === roles[k]!.value);
    if (!o || o.suppressed) return null;
    return ctx.results.config.weights !== 'none' && o.weighted ? o.weighted.proportion : o.proportion;
  };
  const [cuw, strategy, coalition] = [yes('sharedServiceCentre'), yes('educationStrategy'), yes('localCoalition')];
  const tableNo = report.nextTableNumber();
  report.paragraph([
    t(ctx, `Tabela ${tableNo} pokazuje warunki, w jakich ${me.nom} mogą wdrażać rozwiązania. `, `Table ${tableNo} shows the conditions in which ${me.nom} can put solutions in place. `),
    ...factSentence(ctx, cuw, strategy, coalition),
  ].flat());
  const rows: CellValue[][] = [];
  for (const f of facts) {
    const n = f.cell?.n;
    rows.push([{ text: ctx.tr(f.choice!.label), bold: true }, '', '', n === undefined ? '' : { text: int(ctx, n), bold: true }]);
    if (!f.cell) {
      rows.push([t(ctx, '(za mało odpowiedzi)', '(too few answers)'), suppressed(), suppressed(), suppressed()]);
      continue;
    }
    for (const o of f.cell.options) rows.push(factRow(ctx, o));
  }
  keptTable(report, {
    title: t(ctx,
      `Czy ${me.nom} mają ${words({ sharedServiceCentre: 'centrum usług wspólnych', educationStrategy: 'strategię oświatową', localCoalition: 'lokalną koalicję' })}?`,
      `Do ${me.nom} have ${words({ sharedServiceCentre: 'a shared-service centre', educationStrategy: 'an education strategy', localCoalition: 'a local coalition' })}?`),
    columns: [
      { header: t(ctx, 'Pytanie i odpowiedź', 'Question and answer'), width: 0.52 },
      { header: t(ctx, 'Odsetek (%)', 'Share (%)'), align: 'right', decimals: 0 },
      { header: ciWord(ctx), align: 'right' },
      { header: t(ctx, 'n (liczba wskazań)', 'n (answers)'), align: 'right', decimals: 0 },
    ],
    rows,
    notes: [`${weightWords(ctx)} ${t(ctx, 'W wierszu pytania: n – liczba badanych, którzy na nie odpowiedzieli.', 'In the question row: n – respondents who answered it.')}`],
    source: sourceLine(ctx),
  });
}

function factSentence(ctx: ReportContext, cuw: number | null, strategy: number | null, coalition: number | null): (string | { text: string; bold: boolean })[] {
  const weighted = ctx.results.config.weights !== 'none';
  const me = segForms(ctx, ctx.segment.code);
  const where = (p: number) => (weighted ? t(ctx, `w ${pct(ctx, p)} ${me.gen}`, `in ${pct(ctx, p)} of ${me.gen}`) : t(ctx, `według ${pct(ctx, p)} badanych`, `according to ${pct(ctx, p)} of respondents`));
  const parts: string[] = [];
  if (cuw !== null) parts.push(t(ctx, `centrum usług wspólnych obsługuje szkoły ${where(cuw)}`, `a shared-service centre serves the schools ${where(cuw)}`));
  if (strategy !== null) parts.push(t(ctx, `strategia rozwoju oświaty jest ${where(strategy)}`, `an education strategy exists ${where(strategy)}`));
  const out: (string | { text: string; bold: boolean })[] = [];
  if (parts.length) out.push(t(ctx, `Według badanych ${parts.join(', ')}`, `According to respondents, ${parts.join(', ')}`));
  if (coalition !== null) {
    out.push(parts.length ? t(ctx, ', a ', ', and ') : t(ctx, 'Według badanych ', 'According to respondents, '));
    out.push(b(t(ctx, `lokalna koalicja na rzecz edukacji działa tylko ${where(coalition)}`, `a local coalition for education exists only ${where(coalition)}`)));
    out.push(t(ctx, ' – a to ona ma wspierać lokalny plan, którym kończy się program.', ' – yet it is the coalition that should back the local plan the programme ends with.'));
  } else if (parts.length) out.push('.');
  return out;
}

function factRow(ctx: ReportContext, o: Option): CellValue[] {
  const label = `${capitalise(ctx.tr(o.label))}`;
  if (o.suppressed || o.proportion === null || o.count === null) return [label, suppressed(), suppressed(), suppressed()];
  const w = o.weighted;
  const p = w ? w.proportion : o.proportion;
  return [label, p === null ? suppressed() : p * 100, pctCi(ctx, w ? w.ciLow : o.ciLow, w ? w.ciHigh : o.ciHigh), o.count];
}

function shareFigure(report: Report, ctx: ReportContext, cell: OkCell, d: { shown: Share[]; withheld: string[] }, title: string, extra: string): void {
  const items = d.shown.map((s) => ({ label: s.label, value: s.p * 100, lo: s.lo === null ? null : s.lo * 100, hi: s.hi === null ? null : s.hi * 100, n: s.count }));
  const notes: string[] = [
    `${extra} ${weightWords(ctx)} ${t(ctx, `Kolumna n – liczba badanych, którzy wybrali odpowiedź; odpowiedziało ${nOf(ctx, cell.n)}.`, `Column n – respondents who chose the answer; ${nOf(ctx, cell.n)} answered.`)}`,
  ];
  if (d.withheld.length) notes.push(t(ctx,
    `– Nie pokazano odpowiedzi, których liczba wskazań jest ukryta (${withheldWhy(ctx)}): ${joinList(ctx, d.withheld.map((w) => quote(ctx, w)))}.`,
    `– Answers whose count is withheld (${withheldWhy(ctx)}) are not shown: ${joinList(ctx, d.withheld.map((w) => quote(ctx, w)))}.`));
  if (cell.lowPrecision) notes.push(t(ctx, 'Mniej niż 30 odpowiedzi: wyniki orientacyjne.', 'Fewer than 30 answers: indicative results.'));
  const rule = noInferenceNote(ctx, [cell.noInference]);
  if (rule) notes.push(rule);
  report.figure(rankingChart(items, { lang: ctx.lang, ciLevel: ctx.results.config.level, valueLabel: t(ctx, 'Odsetek badanych (%)', 'Share of respondents (%)'), decimals: 0, highlightTop: 3 }), { title, notes, source: sourceLine(ctx) });
}
