/**
 * Chapter 3, "Kompetencje: ważność a poziom": one overview dot plot of every area shown to the segment
 * (importance vs level with 95 % intervals, sorted by the gap), a paragraph on the largest and smallest
 * gaps, then one compact section per area: an items table (importance, level, gap, n), the distribution
 * of the level answers per item, and one or two sentences on what stands out.
 */
import type { CompetenceArea } from '../../questionnaire/types.ts';
import { distributionChart, dumbbellChart, suppressed, type CellValue, type DistributionItem, type DumbbellRow } from '../kit/index.ts';
import { areaLabel, cellOf, isEstimate, itemEstimates, segmentAreas, significantFor, type ReportContext } from '../context.ts';
import { groupForms, segmentForms } from '../words.ts';
import type { Chapter } from './types.ts';
import { effectPhrase, areaPrinted, areaQuoted, cap, cellWithCi, int, noInferenceNote, num, printed, sourceLine, t, useWeights, weightNote, type Printed, withheldWhy, withCiHeader } from './wording.ts';

type Report = Parameters<Chapter>[0];

const SCALE: Record<'pl' | 'en', [string, string, string, string, string]> = {
  pl: ['bardzo niski', 'niski', 'średni', 'wysoki', 'bardzo wysoki'],
  en: ['very low', 'low', 'medium', 'high', 'very high'],
};

export const competencesChapter: Chapter = (report, ctx) => {
  report.h1(t(ctx, 'Kompetencje: ważność a poziom', 'Competences: importance and level'));
  const areas = segmentAreas(ctx);
  if (!areas.length) {
    report.paragraph(t(ctx, 'Odpowiedzi w tym segmencie było za mało, by pokazać oceny kompetencji.', 'There were too few answers in this segment to show competence ratings.'));
    return;
  }
  overview(report, ctx, areas);
  for (const a of areas) areaSection(report, ctx, a);
};

interface AreaRow { area: CompetenceArea; imp: Printed; lvl: Printed; gap: Printed }

function overview(report: Report, ctx: ReportContext, areas: CompetenceArea[]): void {
  const rows: AreaRow[] = [];
  const skipped: string[] = [];
  for (const a of areas) {
    const imp = areaPrinted(ctx, a.code, 'importance', 'all');
    const lvl = areaPrinted(ctx, a.code, 'level', 'all');
    const gap = areaPrinted(ctx, a.code, 'gap', 'all');
    if (imp && lvl && gap) rows.push({ area: a, imp, lvl, gap });
    else skipped.push(areaLabel(ctx, a.code));
  }
  const forms = segmentForms(ctx.segment.code, ctx.lang, ctx.tr(ctx.segment.label));
  const byGap = [...rows].sort((x, y) => y.gap.mean! - x.gap.mean!);
  const itemCount = areas.reduce((s, a) => s + a.items.length, 0);
  const figNo = report.nextFigureNumber();
  report.paragraph(t(ctx,
    `Badani oceniali ${int(ctx, itemCount)} zadań z ${int(ctx, areas.length)} obszarów kompetencji, każde dwa razy na skali 1–5: jak ważne jest w ich pracy (ważność) i jak dobrze sami je wykonują (poziom). Różnica między tymi ocenami to luka — im większa, tym większa potrzeba wsparcia. Wykres ${figNo} zestawia obie oceny dla wszystkich obszarów ${forms.inLoc}, od największej luki.`,
    `Respondents rated ${int(ctx, itemCount)} tasks in ${int(ctx, areas.length)} competence areas, each twice on a 1–5 scale: how important it is in their work (importance) and how well they do it (level). The difference is the gap — the larger, the greater the need for support. Figure ${figNo} sets both ratings side by side for every area ${forms.inLoc}, largest gap first.`), { keepWithNext: true });

  const chartRows: DumbbellRow[] = rows.map((r) => ({
    label: areaLabel(ctx, r.area.code),
    importance: { value: r.imp.mean!, lo: r.imp.lo, hi: r.imp.hi },
    level: { value: r.lvl.mean!, lo: r.lvl.lo, hi: r.lvl.hi },
    n: r.gap.n,
  }));
  const notes = [
    t(ctx, 'Luka = ważność − poziom (punkty skali 1–5); n — osoby, które oceniły zarówno ważność, jak i poziom zadań obszaru.', 'Gap = importance − level (points on the 1–5 scale); n — respondents who rated both the importance and the level of the area\'s tasks.'),
    weightNote(ctx),
  ];
  if (skipped.length) notes.push(t(ctx, `Pominięto obszary bez wyniku (${withheldWhy(ctx)}): ${skipped.join(', ')}.`, `Areas without a result (${withheldWhy(ctx)}) are left out: ${skipped.join(', ')}.`));
  const rule = noInferenceNote(ctx, rows.flatMap((r) => [r.imp.noInference, r.lvl.noInference]));
  if (rule) notes.push(rule);
  report.figure(dumbbellChart(chartRows, { lang: ctx.lang, ciLevel: ctx.results.config.level }), {
    title: t(ctx, 'Gdzie luka między ważnością a poziomem kompetencji jest największa?', 'Where is the gap between importance and competence level largest?'),
    notes,
    source: sourceLine(ctx),
  });

  const first = byGap[0];
  const second = byGap[1];
  const last = byGap[byGap.length - 1];
  const nextToLast = byGap[byGap.length - 2];
  if (!first || !last || first === last) return;
  const gapPts = (r: AreaRow) => `${num(ctx, r.gap.mean)}${ctx.lang === 'pl' ? '\u00A0pkt' : ''}`;
  const s: string[] = [];
  const negative = byGap.filter((r) => (r.gap.mean ?? 0) < 0);
  s.push(negative.length === 0
    ? t(ctx, `We wszystkich obszarach ważność przewyższa poziom.`, `Importance exceeds level in every area.`)
    : t(ctx, `Poziom przewyższa ważność w ${negative.length === 1 ? 'jednym obszarze' : `${int(ctx, negative.length)} obszarach`}: ${negative.map((r) => areaQuoted(ctx, r.area.code)).join(', ')}.`, `Level exceeds importance in ${negative.length === 1 ? 'one area' : `${int(ctx, negative.length)} areas`}: ${negative.map((r) => areaQuoted(ctx, r.area.code)).join(', ')}.`));
  const clearFirst = second && first.gap.lo !== null && second.gap.hi !== null && first.gap.lo > second.gap.hi;
  s.push(clearFirst
    ? t(ctx, `Największa luka — wyraźnie większa niż w pozostałych obszarach — dotyczy obszaru ${areaQuoted(ctx, first.area.code)} (${gapPts(first)}: ważność ${num(ctx, first.imp.mean)}, poziom ${num(ctx, first.lvl.mean)}).`, `The largest gap — clearly larger than anywhere else — is in ${areaQuoted(ctx, first.area.code)} (${gapPts(first)}: importance ${num(ctx, first.imp.mean)}, level ${num(ctx, first.lvl.mean)}).`)
    : t(ctx, `Największe luki dotyczą obszarów ${areaQuoted(ctx, first.area.code)} (${gapPts(first)}) i ${areaQuoted(ctx, second!.area.code)} (${gapPts(second!)}); ich przedziały ufności nakładają się, więc potrzeby są porównywalne.`, `The largest gaps are in ${areaQuoted(ctx, first.area.code)} (${gapPts(first)}) and ${areaQuoted(ctx, second!.area.code)} (${gapPts(second!)}); their intervals overlap, so the needs are comparable.`));
  const small = byGap.filter((r) => r.gap.lo !== null && r.gap.lo <= 0.15 && (r.gap.mean ?? 0) >= 0);
  if (small.length >= 2) {
    s.push(t(ctx, `Najmniejsze luki, bliskie zera, mają obszary ${small.map((r) => `${areaQuoted(ctx, r.area.code)} (${gapPts(r)})`).join(', ')} — tu badani oceniają swój poziom niemal tak wysoko jak ważność zadań, więc szkolenia nie są pilne.`, `The smallest gaps, close to zero, are in ${small.map((r) => `${areaQuoted(ctx, r.area.code)} (${gapPts(r)})`).join(', ')} — here respondents rate their level almost as high as the tasks' importance, so training is not urgent.`));
  } else {
    const pair = nextToLast && nextToLast !== first ? [last, nextToLast] : [last];
    s.push(t(ctx, `Najmniejsza luka dotyczy ${pair.length > 1 ? 'obszarów' : 'obszaru'} ${pair.map((r) => `${areaQuoted(ctx, r.area.code)} (${gapPts(r)})`).join(' i ')}.`, `The smallest ${pair.length > 1 ? 'gaps are' : 'gap is'} in ${pair.map((r) => `${areaQuoted(ctx, r.area.code)} (${gapPts(r)})`).join(' and ')}.`));
  }
  report.paragraph(s.join(' '));
  report.paragraph(t(ctx,
    'Kolejne podrozdziały opisują każdy obszar: tabela podaje oceny poszczególnych zadań, a wykres — jak rozkładają się odpowiedzi o własnym poziomie.',
    'The sections that follow describe each area: a table gives the ratings of each task, and a chart how the answers about one\'s own level are spread.'));
}

function areaSection(report: Report, ctx: ReportContext, area: CompetenceArea): void {
  const seg = ctx.segment.code;
  const label = areaLabel(ctx, area.code);
  const short = ctx.tr(area.short);
  type ItemRow = { code: string; label: string; imp: Printed | null; lvl: Printed | null; gap: Printed | null; only: string | null; dist: DistributionItem | null };
  const items: ItemRow[] = [];
  for (const it of area.items) {
    const e = itemEstimates(ctx, it.code);
    if (!e) continue;
    const get = (m: 'importance' | 'level' | 'gap') => {
      const c = cellOf(e[m], seg, 'all');
      return isEstimate(c) ? printed(ctx, c) : null;
    };
    const imp = get('importance');
    const lvl = get('level');
    const gap = get('gap');
    if (!imp && !lvl) continue; // not shown to this segment
    // an item asked of one staff group only
    const shownTo = (['management', 'operational'] as const).filter((g) => isEstimate(cellOf(e.importance, seg, g)));
    const only = shownTo.length === 1 ? shownTo[0]! : null;
    const d = cellOf(e.distribution.level, seg, 'all');
    const dist = d && !('suppressed' in d) && d.n > 0 ? { label: ctx.tr(it.label), counts: d.counts as unknown as DistributionItem['counts'], n: d.n } : null;
    items.push({ code: it.code, label: ctx.tr(it.label), imp, lvl, gap, only, dist });
  }
  if (!items.length) return;

  report.h2(label, { toc: false });
  // What stands out: the item with the largest gap, and how the two staff groups differ.
  const withGap = items.filter((i) => i.gap && i.gap.mean !== null).sort((a, b) => b.gap!.mean! - a.gap!.mean!);
  const s: string[] = [];
  const topItem = withGap[0];
  const lowItem = withGap[withGap.length - 1];
  const areaGap = areaPrinted(ctx, area.code, 'gap', 'all');
  if (topItem && lowItem && topItem !== lowItem) {
    if ((topItem.gap!.mean ?? 0) < 0.3) {
      s.push(t(ctx, `We wszystkich zadaniach tego obszaru badani oceniają swój poziom niemal tak wysoko jak ważność: luka nie przekracza ${num(ctx, topItem.gap!.mean)} pkt.`, `In every task of this area respondents rate their level almost as high as its importance: no gap exceeds ${num(ctx, topItem.gap!.mean)} points.`));
    } else if ((topItem.gap!.mean ?? 0) - (lowItem.gap!.mean ?? 0) < 0.15) {
      s.push(t(ctx,
        `Luka jest podobna we wszystkich zadaniach obszaru (od ${num(ctx, lowItem.gap!.mean)} do ${num(ctx, topItem.gap!.mean)} pkt): potrzeba wsparcia dotyczy całego obszaru, a nie pojedynczego zadania.`,
        `The gap is similar in every task of the area (${num(ctx, lowItem.gap!.mean)} to ${num(ctx, topItem.gap!.mean)} points): the need concerns the whole area, not a single task.`));
    } else {
      s.push(t(ctx,
        `Największa luka (${num(ctx, topItem.gap!.mean)} pkt) dotyczy zadania „${lowerFirst(topItem.label)}”, najmniejsza (${num(ctx, lowItem.gap!.mean)} pkt) — „${lowerFirst(lowItem.label)}”.`,
        `The largest gap (${num(ctx, topItem.gap!.mean)} points) is in "${lowerFirst(topItem.label)}", the smallest (${num(ctx, lowItem.gap!.mean)} points) in "${lowerFirst(lowItem.label)}".`));
    }
  } else if (areaGap) {
    s.push(t(ctx, `Średnia luka w obszarze wynosi ${num(ctx, areaGap.mean)} pkt.`, `The area's mean gap is ${num(ctx, areaGap.mean)} points.`));
  }
  s.push(groupSentence(ctx, area.code));
  report.paragraph(s.filter(Boolean).join(' '));

  // Items table.
  const rows: CellValue[][] = items.map((i, k) => [
    `${k + 1}. ${i.label}${i.only ? t(ctx, ` (tylko ${i.only === 'management' ? 'kadra zarządzająca' : 'pracownicy operacyjni'})`, ` (${groupForms(i.only, 'en').nom} only)`) : ''}`,
    i.imp ? cellWithCi(ctx, i.imp.mean, i.imp.lo, i.imp.hi) : suppressed(),
    i.lvl ? cellWithCi(ctx, i.lvl.mean, i.lvl.lo, i.lvl.hi) : suppressed(),
    i.gap ? { text: num(ctx, i.gap.mean), bold: i === topItem && (topItem.gap!.mean ?? 0) >= 0.3 } : suppressed(),
    i.gap ? i.gap.n : i.lvl ? i.lvl.n : suppressed(),
  ]);
  const tableNo = report.table({
    title: t(ctx, `Które zadania obszaru „${short}” wymagają najwięcej wsparcia?`, `Which tasks in "${short}" need the most support?`),
    columns: [
      { header: t(ctx, 'Zadanie', 'Task'), width: 0.53 },
      { header: withCiHeader(ctx, 'Ważność', 'Importance'), width: 0.15, align: 'right' },
      { header: withCiHeader(ctx, 'Poziom', 'Level'), width: 0.15, align: 'right' },
      { header: t(ctx, 'Luka (pkt)', 'Gap (points)'), width: 0.09, align: 'right' },
      { header: 'n', width: 0.08, align: 'right' },
    ],
    rows,
    notes: [
      t(ctx, `${useWeights(ctx) ? 'Średnie ważone' : 'Średnie nieważone'} na skali 1–5; n — osoby, które oceniły i ważność, i poziom zadania.`, `${useWeights(ctx) ? 'Weighted means' : 'Unweighted means'} on the 1–5 scale; n — respondents who rated both the importance and the level of the task.`),
      ...[noInferenceNote(ctx, items.flatMap((i) => [i.imp?.noInference, i.lvl?.noInference]))].filter((x): x is string => x !== null),
    ],
    source: sourceLine(ctx),
  });

  // Distribution of the level answers.
  const dist = items.map((i, k) => (i.dist ? { ...i.dist, label: t(ctx, `Zadanie ${k + 1}`, `Task ${k + 1}`) } : null));
  const shown = dist.filter((d): d is DistributionItem => d !== null);
  if (!shown.length) return;
  const hiddenAny = shown.some((d) => d.counts.some((x) => x === null));
  const hiddenNote = hiddenAny ? t(ctx, `; szare — kategorie poniżej ${ctx.results.config.suppressionThreshold} odpowiedzi, ukryte łącznie`, `; grey — categories under ${ctx.results.config.suppressionThreshold} answers, withheld together`) : '';
  const notes: string[] = [t(ctx, `Odpowiedzi 1–5 o własnym poziomie, % (nieważone); zadania jak w tabeli ${tableNo}${hiddenNote}.`, `Answers 1–5 about one's own level, % (unweighted); tasks as in table ${tableNo}${hiddenNote}.`)];
  if (shown.length < dist.length) notes.push(t(ctx, `Pominięto zadania, których rozkład odpowiedzi jest ukryty: rozkład jest pokazany w całości albo wcale, a w tych zadaniach któraś odpowiedź ma ${withheldWhy(ctx)}.`, `Tasks whose distribution is withheld are left out: a distribution is shown whole or not at all, and in these tasks some answer has ${withheldWhy(ctx)}.`));
  report.figure(distributionChart(shown, {
    lang: ctx.lang, measure: 'level', rowHeight: 16, compact: true, scaleLabels: SCALE[ctx.lang], hiddenLabel: t(ctx, `ukryte (< ${ctx.results.config.suppressionThreshold})`, `withheld (< ${ctx.results.config.suppressionThreshold})`),
  }), {
    title: t(ctx, `Jak badani oceniają swój poziom w zadaniach obszaru „${short}”?`, `How do respondents rate their own level in the tasks of "${short}"?`),
    notes,
    source: sourceLine(ctx),
  });
}

/** How management and operational staff differ in the area, from the tests that hold after correction. */
function groupSentence(ctx: ReportContext, area: string): string {
  const tests = significantFor(ctx, 'areas_groups_svyttest').filter((x) => x.by === 'group' && x.variable.startsWith(`${area}_`) && !x.variable.endsWith('_gap'));
  const m = groupForms('management', ctx.lang);
  const o = groupForms('operational', ctx.lang);
  if (!tests.length) {
    const any = ctx.results.tests.results.some((x) => x.family === 'areas_groups_svyttest' && x.p !== null && x.within.segment === ctx.segment.code && x.variable.startsWith(`${area}_`));
    return any
      ? t(ctx, `${cap(m.nom)} i ${o.nom} oceniają ten obszar podobnie.`, `${cap(m.nom)} and ${o.nom} rate this area alike.`)
      : '';
  }
  const parts = tests.sort((a, b) => Math.abs(b.effect.value ?? 0) - Math.abs(a.effect.value ?? 0)).slice(0, 2).map((x, i) => {
    const measure = x.variable.endsWith('_imp') ? 'importance' : 'level';
    const em = areaPrinted(ctx, area, measure, 'management');
    const eo = areaPrinted(ctx, area, measure, 'operational');
    if (!em || !eo || em.mean === null || eo.mean === null) return '';
    const higher = em.mean > eo.mean;
    const size = x.effect.magnitude ? effectPhrase(ctx, x.effect.magnitude) : '';
    const than = i === 0 ? t(ctx, ` niż ${o.nom}`, ` than ${o.nom}`) : '';
    const nums = `(${num(ctx, em.mean)} ${t(ctx, 'wobec', 'against')} ${num(ctx, eo.mean)}${size ? `; ${size}` : ''})`;
    return measure === 'importance'
      ? t(ctx, `przypisuje temu obszarowi ${higher ? 'większą' : 'mniejszą'} wagę${than} ${nums}`, `gives this area ${higher ? 'more' : 'less'} weight${than} ${nums}`)
      : t(ctx, `ocenia swój poziom ${higher ? 'wyżej' : 'niżej'}${than} ${nums}`, `rates its own level ${higher ? 'higher' : 'lower'}${than} ${nums}`);
  }).filter(Boolean);
  if (!parts.length) return '';
  return `${cap(m.nom)} ${parts.join(t(ctx, ', a także ', ', and '))}.`;
}

const lowerFirst = (s: string) => s.charAt(0).toLocaleLowerCase('pl-PL') + s.slice(1);
