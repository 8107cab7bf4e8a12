/**
 * Chapter 4, "Priorytety szkoleniowe": the Borich MWDS ranking with bootstrap intervals for all staff of
 * the segment, the importance–performance (IPA) scatter with its four labelled quadrants and stated
 * cross-hairs, management vs operational staff side by side, and a summary table of the areas (rank,
 * MWDS with interval, quadrant, share asking for training, n).
 */
import { groupedChart, ipaChart, plural, rankingChart, suppressed, type CellValue, type GroupedRow } from '../kit/index.ts';
import { share } from '../../recommendations/figures.ts';
import { areaLabel, priorityCell, type ReportContext } from '../context.ts';
import { groupForms, QUADRANT_LABELS, segmentForms } from '../words.ts';
import { wholeAxis } from './part1-charts.ts';
import type { Chapter } from './types.ts';
import { areaQuoted, areaWithMwds, cap, cellWithCi, int, joinList, noInferenceNote, num, overlap, pct, rankedAreas, sourceLine, t, type AreaPriority, withheldWhy, withCiHeader } from './wording.ts';

type Report = Parameters<Chapter>[0];

export const prioritiesChapter: Chapter = (report, ctx) => {
  report.h1(t(ctx, 'Priorytety szkoleniowe', 'Training priorities'));
  const cell = priorityCell(ctx, 'all');
  const forms = segmentForms(ctx.segment.code, ctx.lang, ctx.tr(ctx.segment.label));
  if (!cell) {
    report.paragraph(t(ctx, `Odpowiedzi ${forms.inLoc} było za mało, by ustalić priorytety szkoleniowe.`, `There were too few answers ${forms.inLoc} to set training priorities.`));
    return;
  }
  const ranked = rankedAreas(ctx, 'all');
  report.paragraph(t(ctx,
    'Luka sama nie wystarcza, by ustalić kolejność szkoleń: duża luka w zadaniu mało ważnym jest mniej pilna niż umiarkowana luka w zadaniu kluczowym. Dlatego priorytety ustalono dwiema metodami. Wskaźnik potrzeb szkoleniowych Boricha (MWDS) mnoży lukę przez ważność zadania: wysoki ma obszar ważny, w którym badani czują się słabo; obszar bez luki ma wartość bliską zera (dokładną definicję podaje rozdział „Metodologia”). Analiza ważność–poziom (IPA) pokazuje, które obszary są ważniejsze i słabiej opanowane od przeciętnego.',
    'A gap alone does not set the order of training: a large gap in a minor task is less urgent than a moderate gap in a key one. So the priorities are set by two methods. Borich\'s training-need score (MWDS) multiplies the gap by the task\'s importance: an important area where respondents feel weak scores high; an area without a gap scores near zero (the chapter "Methodology" gives the exact definition). Importance–performance analysis (IPA) shows which areas are more important and less mastered than average.'));
  rankingSection(report, ctx, cell.n, cell.interval, ranked);
  ipaSection(report, ctx);
  groupsSection(report, ctx, ranked);
  summaryTable(report, ctx, ranked);
};

function intervalNote(ctx: ReportContext, interval: string): string {
  const b = ctx.results.config.bootstrap;
  return interval === 'cluster_bootstrap_normal_approximation'
    ? t(ctx, `Przedziały ufności MWDS: bootstrap losujący całe JST w obrębie warstw (${int(ctx, b.replicates)} powtórzeń), w przybliżeniu normalnym — zob. rozdział „Metodologia”.`, `MWDS intervals: bootstrap resampling whole JSTs within strata (${int(ctx, b.replicates)} replicates), normal approximation — see the chapter "Methodology".`)
    : t(ctx, `Przedziały ufności MWDS: percentylowe, z bootstrapu losującego całe JST w obrębie warstw (${int(ctx, b.replicates)} powtórzeń).`, `MWDS intervals: percentile bootstrap resampling whole JSTs within strata (${int(ctx, b.replicates)} replicates).`);
}

/** Which MWDS this chapter prints (results.json priorities.mwdsPolicy), and why it is the product of the means beside it. */
const mwdsNote = (ctx: ReportContext) => ctx.results.priorities.mwdsPolicy.weights === 'frame'
  ? t(ctx, 'MWDS i średnie tego rozdziału są ważone, jak średnie z rozdziału 3, i opisują populację JST; MWDS obszaru to iloczyn średniej luki i średniej ważności jego wyników u badanych, którzy ocenili i ważność, i poziom obszaru. Klasyczny, nieważony MWDS Boricha podaje tabela zestawienia priorytetów.', 'MWDS and the means in this chapter are weighted, as in chapter 3, and describe the population of JSTs; an area\'s MWDS is the product of the mean gap and mean importance of its scores over respondents who rated both. The classic unweighted Borich MWDS is in the priorities table.')
  : t(ctx, 'MWDS obszaru to iloczyn średniej luki i średniej ważności jego wyników u badanych, którzy ocenili i ważność, i poziom obszaru.', 'An area\'s MWDS is the product of the mean gap and mean importance of its scores over respondents who rated both.');

/** The rule for values without an interval, in words, for the priority rows shown. */
const ruleNote = (ctx: ReportContext, rows: readonly { noInference?: string }[], cellReason: string | undefined) =>
  noInferenceNote(ctx, [cellReason, ...rows.map((r) => r.noInference)]);

function rankingSection(report: Report, ctx: ReportContext, n: number, interval: string, ranked: AreaPriority[]): void {
  report.h2(t(ctx, 'Które obszary wymagają szkoleń w pierwszej kolejności?', 'Which areas need training first?'));
  const figNo = report.nextFigureNumber();
  const [a1, a2, a3] = ranked;
  const s: string[] = [t(ctx, `Wykres ${figNo} porządkuje obszary według wskaźnika MWDS dla wszystkich badanych (${int(ctx, n)} osób).`, `Figure ${figNo} ranks the areas by MWDS for all respondents (${int(ctx, n)}).`)];
  if (a1 && a2) {
    const rest = ranked.slice(1, 3);
    if (!overlap(a1, a2)) {
      s.push(t(ctx, `Na pierwszym miejscu, z wyraźną przewagą, jest ${areaWithMwds(ctx, a1)}: przedział ufności tego obszaru leży w całości powyżej przedziału kolejnego. Dalej są ${joinList(ctx, rest.map((a) => areaWithMwds(ctx, a, false, false)))}.`,
        `First, by a clear margin, comes ${areaWithMwds(ctx, a1)}: its interval lies wholly above that of the next area. Then come ${joinList(ctx, rest.map((a) => areaWithMwds(ctx, a, false, false)))}.`));
    } else {
      s.push(t(ctx, `Pierwsze miejsca zajmują ${joinList(ctx, [a1, ...rest].map((a, i) => areaWithMwds(ctx, a, false, i === 0)))}; przedziały ufności dwóch pierwszych nakładają się, więc ich potrzeby są porównywalnie pilne.`,
        `The first places go to ${joinList(ctx, [a1, ...rest].map((a, i) => areaWithMwds(ctx, a, false, i === 0)))}; the intervals of the first two overlap, so their needs are about equally urgent.`));
    }
    const a4 = ranked[3];
    if (a3 && a4) {
      s.push(!overlap(a3, a4)
        ? t(ctx, 'Pierwsza trójka wyraźnie odstaje od pozostałych obszarów.', 'The top three stand clearly apart from the rest.')
        : t(ctx, `Granica pierwszej trójki nie jest jednak ostra: przedział ufności obszaru na trzecim miejscu nakłada się na przedział obszaru ${areaQuoted(ctx, a4.area)} (MWDS ${num(ctx, a4.mwds)}).`, `The border of the top three is not sharp, though: the interval of the third area overlaps that of ${areaQuoted(ctx, a4.area)} (MWDS ${num(ctx, a4.mwds)}).`));
    }
  }
  report.paragraph(s.join(' '), { keepWithNext: true });
  const ranking = rankingChart(ranked.map((a) => ({ label: areaLabel(ctx, a.area), value: a.mwds!, lo: a.ciLow, hi: a.ciHigh, n: a.n })), {
    lang: ctx.lang, ciLevel: ctx.results.config.level, valueLabel: t(ctx, 'Wskaźnik potrzeb szkoleniowych MWDS', 'Training-need score MWDS'), highlightTop: Math.min(3, ranked.length),
  });
  report.figure(wholeAxis(ranking, ranked.flatMap((a) => [a.mwds!, a.ciLow ?? a.mwds!, a.ciHigh ?? a.mwds!])), {
    title: t(ctx, 'Które obszary mają największe potrzeby szkoleniowe?', 'Which areas have the largest training needs?'),
    notes: [
      t(ctx, 'Pełnym kolorem trzy obszary o najwyższym MWDS; n — osoby, które oceniły i ważność, i poziom obszaru.', 'In full colour the three areas with the highest MWDS; n — respondents who rated both the importance and the level of the area.'),
      intervalNote(ctx, interval), mwdsNote(ctx),
      ...[ruleNote(ctx, ranked, priorityCell(ctx, 'all')?.noInference)].filter((x): x is string => x !== null),
    ],
    source: sourceLine(ctx),
  });
}

function ipaSection(report: Report, ctx: ReportContext): void {
  const cell = priorityCell(ctx, 'all')!;
  const pts = cell.areas.filter((a) => a.meanImportance !== null && a.meanLevel !== null);
  const cross = cell.crosshairs;
  if (pts.length < 2 || cross.importance === null || cross.level === null) return;
  const q = (code: string) => QUADRANT_LABELS[code]?.[ctx.lang] ?? code;
  const inQ = (quadrant: string) => pts.filter((a) => a.quadrant === quadrant).sort((a, b) => (a.rank ?? 99) - (b.rank ?? 99));
  const focus = inQ('concentrate_here');
  const overkill = inQ('possible_overkill');
  report.h2(t(ctx, 'Gdzie ważność jest wysoka, a poziom niski?', 'Where is importance high and level low?'));
  const figNo = report.nextFigureNumber();
  const s: string[] = [t(ctx,
    `Wykres ${figNo} umieszcza każdy obszar według średniego poziomu (oś pozioma) i średniej ważności (oś pionowa). Linie podziału wyznaczają średnie ze wszystkich obszarów: ważność ${num(ctx, cross.importance)} i poziom ${num(ctx, cross.level)}.`,
    `Figure ${figNo} places each area by its mean level (horizontal axis) and mean importance (vertical axis). The cross-hairs are the means over all areas: importance ${num(ctx, cross.importance)} and level ${num(ctx, cross.level)}.`)];
  if (focus.length) {
    s.push(t(ctx,
      `W ćwiartce „${q('concentrate_here')}” — ważne zadania, niski poziom — ${focus.length === 1 ? 'znalazł się obszar' : 'znalazły się obszary'} ${joinList(ctx, focus.map((a) => areaQuoted(ctx, a.area)))}.`,
      `The "${q('concentrate_here')}" quadrant — important tasks, low level — holds ${joinList(ctx, focus.map((a) => areaQuoted(ctx, a.area)))}.`));
  } else {
    s.push(t(ctx, `Żaden obszar nie trafił do ćwiartki „${q('concentrate_here')}”.`, `No area falls in the "${q('concentrate_here')}" quadrant.`));
  }
  // a top-3 MWDS area outside the focus quadrant deserves a word
  const topOutside = rankedAreas(ctx, 'all').slice(0, 3).filter((a) => a.quadrant !== 'concentrate_here' && a.quadrant !== null);
  if (topOutside.length) {
    s.push(t(ctx,
      `${topOutside.length === 1 ? 'Obszar' : 'Obszary'} ${joinList(ctx, topOutside.map((a) => `${areaQuoted(ctx, a.area)} („${q(a.quadrant!)}”)`))} ${topOutside.length === 1 ? 'jest' : 'są'} w pierwszej trójce MWDS, choć ${topOutside.length === 1 ? 'leży' : 'leżą'} poza tą ćwiartką: o ${topOutside.length === 1 ? 'jego' : 'ich'} pozycji decyduje duża luka, a nie ponadprzeciętna ważność.`,
      `${joinList(ctx, topOutside.map((a) => `${areaQuoted(ctx, a.area)} ("${q(a.quadrant!)}")`))} ${topOutside.length === 1 ? 'is' : 'are'} in the MWDS top three though outside that quadrant: a large gap, not above-average importance, puts ${topOutside.length === 1 ? 'it' : 'them'} there.`));
  }
  if (overkill.length) {
    s.push(t(ctx,
      `W ćwiartce „${q('possible_overkill')}” (poziom wyższy niż ważność względem średnich) są ${joinList(ctx, overkill.map((a) => areaQuoted(ctx, a.area)))} — tu szkolenia nie są potrzebne.`,
      `The "${q('possible_overkill')}" quadrant (level high relative to importance) holds ${joinList(ctx, overkill.map((a) => areaQuoted(ctx, a.area)))} — no training is needed there.`));
  }
  report.paragraph(s.join(' '), { keepWithNext: true });
  report.figure(ipaChart(pts.map((a) => ({ label: ctx.tr(ctx.questionnaire.areas.find((x) => x.code === a.area)?.short ?? { pl: a.area, en: a.area }), level: a.meanLevel!, importance: a.meanImportance!, n: a.n })), {
    lang: ctx.lang, cross: { level: cross.level, importance: cross.importance }, height: 270,
  }), {
    title: t(ctx, 'Na których obszarach warto skoncentrować szkolenia?', 'Which areas should training concentrate on?'),
    notes: [
      t(ctx, `Linie przerywane: średnia ważność (${num(ctx, cross.importance)}) i średni poziom (${num(ctx, cross.level)}) wszystkich obszarów. Trójkąty: obszary w ćwiartce „${q('concentrate_here')}”. Osie pokazują wycinek skali 1–5. Wszyscy badani, n = ${int(ctx, cell.n)}.`, `Dashed lines: mean importance (${num(ctx, cross.importance)}) and mean level (${num(ctx, cross.level)}) over all areas. Triangles: areas in the "${q('concentrate_here')}" quadrant. The axes show part of the 1–5 scale. All respondents, n = ${int(ctx, cell.n)}.`),
    ],
    source: sourceLine(ctx),
  });
}

function groupsSection(report: Report, ctx: ReportContext, ranked: AreaPriority[]): void {
  const mCell = priorityCell(ctx, 'management');
  const oCell = priorityCell(ctx, 'operational');
  const mName = groupForms('management', ctx.lang);
  const oName = groupForms('operational', ctx.lang);
  report.h2(t(ctx, 'Czy kadra zarządzająca i pracownicy operacyjni potrzebują tego samego?', 'Do management and operational staff need the same?'));
  if (!mCell || !oCell) {
    const missing = !mCell ? mName : oName;
    report.paragraph(t(ctx, `Wyniki ${missing.gen} nie są pokazane (${withheldWhy(ctx)}), więc obu grup nie da się tu porównać.`, `The results of ${missing.nom} are not shown (${withheldWhy(ctx)}), so the groups cannot be compared here.`));
    return;
  }
  const rows: GroupedRow[] = [];
  const skipped: string[] = [];
  const pairs: { area: string; m: AreaPriority; o: AreaPriority }[] = [];
  for (const a of ranked) {
    const m = mCell.areas.find((x) => x.area === a.area);
    const o = oCell.areas.find((x) => x.area === a.area);
    if (!m || !o || m.mwds === null || o.mwds === null) { skipped.push(areaLabel(ctx, a.area)); continue; }
    rows.push({ label: areaLabel(ctx, a.area), management: { value: m.mwds, lo: m.ciLow, hi: m.ciHigh }, operational: { value: o.mwds, lo: o.ciLow, hi: o.ciHigh } });
    pairs.push({ area: a.area, m, o });
  }
  const mTop = rankedAreas(ctx, 'management').slice(0, 3);
  const oTop = rankedAreas(ctx, 'operational').slice(0, 3);
  const common = mTop.filter((a) => oTop.some((b) => b.area === a.area));
  const figNo = report.nextFigureNumber();
  const sizes = t(ctx, ` (${plural(mCell.n, 'osoba', 'osoby', 'osób')} z kadry zarządzającej i ${plural(oCell.n, 'osoba', 'osoby', 'osób')} z grupy pracowników operacyjnych)`, ` (${plural(mCell.n, 'manager', 'managers', undefined, 'en')} and ${plural(oCell.n, 'operational official', 'operational officials', undefined, 'en')})`);
  const s: string[] = [t(ctx, `Wykres ${figNo} zestawia wskaźnik MWDS obu grup${sizes}, w kolejności rankingu dla wszystkich badanych.`, `Figure ${figNo} sets the MWDS of the two groups side by side${sizes}, in the order of the all-staff ranking.`)];
  if (common.length === 3) s.push(t(ctx, `Obie grupy mają tę samą pierwszą trójkę: ${joinList(ctx, common.map((a) => areaQuoted(ctx, a.area)))}.`, `Both groups share the same top three: ${joinList(ctx, common.map((a) => areaQuoted(ctx, a.area)))}.`));
  else if (common.length) s.push(t(ctx, `Wspólne dla pierwszych trójek obu grup ${common.length === 1 ? 'jest' : 'są'} ${joinList(ctx, common.map((a) => areaQuoted(ctx, a.area)))}; poza tym ${mName.nom} wskazuje ${joinList(ctx, mTop.filter((a) => !common.includes(a)).map((a) => areaQuoted(ctx, a.area)))}, a ${oName.nom} — ${joinList(ctx, oTop.filter((a) => !common.some((c) => c.area === a.area)).map((a) => areaQuoted(ctx, a.area)))}.`, `The two top threes share ${joinList(ctx, common.map((a) => areaQuoted(ctx, a.area)))}; beyond that, ${mName.nom} name ${joinList(ctx, mTop.filter((a) => !common.includes(a)).map((a) => areaQuoted(ctx, a.area)))} and ${oName.nom} ${joinList(ctx, oTop.filter((a) => !common.some((c) => c.area === a.area)).map((a) => areaQuoted(ctx, a.area)))}.`));
  else s.push(t(ctx, `Pierwsze trójki obu grup są zupełnie różne: ${mName.nom} — ${joinList(ctx, mTop.map((a) => areaQuoted(ctx, a.area)))}; ${oName.nom} — ${joinList(ctx, oTop.map((a) => areaQuoted(ctx, a.area)))}.`, `The two top threes differ entirely: ${mName.nom} — ${joinList(ctx, mTop.map((a) => areaQuoted(ctx, a.area)))}; ${oName.nom} — ${joinList(ctx, oTop.map((a) => areaQuoted(ctx, a.area)))}.`));
  const apart = pairs.filter((p) => !overlap(p.m, p.o)).sort((a, b) => Math.abs(b.m.mwds! - b.o.mwds!) - Math.abs(a.m.mwds! - a.o.mwds!));
  const mMore = apart.filter((p) => p.m.mwds! > p.o.mwds!);
  const oMore = apart.filter((p) => p.o.mwds! > p.m.mwds!);
  const fmtPair = (p: (typeof pairs)[number]) => `${areaQuoted(ctx, p.area)} (${num(ctx, p.m.mwds)} ${t(ctx, 'wobec', 'against')} ${num(ctx, p.o.mwds)})`;
  if (mMore.length) s.push(t(ctx, `Wyraźnie większą potrzebę ma ${mName.nom} w ${mMore.length === 1 ? 'obszarze' : 'obszarach'} ${joinList(ctx, mMore.map(fmtPair))}.`, `${cap(mName.nom)} have a clearly larger need in ${joinList(ctx, mMore.map(fmtPair))}.`));
  if (oMore.length) s.push(t(ctx, `${cap(oName.nom)} potrzebują wsparcia bardziej niż kadra zarządzająca w ${oMore.length === 1 ? 'obszarze' : 'obszarach'} ${joinList(ctx, oMore.map((p) => `${areaQuoted(ctx, p.area)} (${num(ctx, p.o.mwds)} ${t(ctx, 'wobec', 'against')} ${num(ctx, p.m.mwds)})`))}.`, `${cap(oName.nom)} need support more than management in ${joinList(ctx, oMore.map((p) => `${areaQuoted(ctx, p.area)} (${num(ctx, p.o.mwds)} against ${num(ctx, p.m.mwds)})`))}.`));
  if (!apart.length) s.push(t(ctx, 'W żadnym obszarze przedziały ufności obu grup się nie rozchodzą: różnice między grupami mieszczą się w granicach niepewności.', 'In no area do the two groups\' intervals separate: the differences stay within the uncertainty.'));
  else s.push(t(ctx, 'Programy dla obu grup powinny więc mieć wspólny rdzeń, ale różne akcenty.', 'The programmes for the two groups should therefore share a core but differ in emphasis.'));
  report.paragraph(s.join(' '), { keepWithNext: true });
  const values = rows.flatMap((r) => [r.management, r.operational].flatMap((e) => [e.value, e.lo ?? e.value, e.hi ?? e.value]));
  const notes = [t(ctx, 'Pełne słupki: kadra zarządzająca; jasne z obwódką: pracownicy operacyjni. Wartość MWDS przy słupku.', 'Solid bars: management; light outlined bars: operational staff. MWDS value beside each bar.'), intervalNote(ctx, mCell.interval)];
  const groupRule = noInferenceNote(ctx, [mCell.noInference, oCell.noInference, ...pairs.flatMap((p) => [p.m.noInference, p.o.noInference])]);
  if (groupRule) notes.push(groupRule);
  if (skipped.length) notes.push(t(ctx, `Pominięto obszary bez wyniku jednej z grup (${withheldWhy(ctx)}): ${skipped.join(', ')}.`, `Areas without a result for one group (${withheldWhy(ctx)}) are left out: ${skipped.join(', ')}.`));
  const grouped = groupedChart(rows, { lang: ctx.lang, ciLevel: ctx.results.config.level, valueLabel: t(ctx, 'Wskaźnik potrzeb szkoleniowych MWDS', 'Training-need score MWDS'), min: 0, decimals: 2 });
  report.figure(wholeAxis({ ...grouped, height: Math.round(66 + rows.length * 28) }, values), {
    title: t(ctx, 'Czy obie grupy mają te same potrzeby szkoleniowe?', 'Do both groups have the same training needs?'),
    notes,
    source: sourceLine(ctx),
  });
}

function summaryTable(report: Report, ctx: ReportContext, ranked: AreaPriority[]): void {
  const cell = priorityCell(ctx, 'all')!;
  const unranked = cell.areas.filter((a) => a.mwds === null || a.rank === null);
  // the declared demand as a population estimate (the number policy, recommendations/figures.ts): the same share the programmes print
  const demandOf = (area: string) => {
    const sh = share(ctx.results, ctx.questionnaire.roles.trainingAreas, area, ctx.segment.code, 'all');
    return sh ? 100 * sh.value.value : null;
  };
  const classic = ctx.results.priorities.mwdsPolicy.weights === 'frame';
  const rows: CellValue[][] = [...ranked, ...unranked].map((a) => [
    a.rank === null ? '–' : a.rank,
    areaLabel(ctx, a.area),
    a.mwds === null ? suppressed() : cellWithCi(ctx, a.mwds, a.ciLow, a.ciHigh),
    ...(classic ? [a.unweighted.mwds === null ? suppressed() : `${num(ctx, a.unweighted.mwds)} (${a.unweighted.rank ?? '–'})`] : []),
    a.quadrant ? QUADRANT_LABELS[a.quadrant]?.[ctx.lang] ?? a.quadrant : '–',
    demandOf(a.area) ?? suppressed(),
    a.n,
  ]);
  const demandTop = [...ranked].filter((a) => demandOf(a.area) !== null).sort((a, b) => demandOf(b.area)! - demandOf(a.area)! || a.rank! - b.rank!)[0];
  const no = report.nextTableNumber();
  const agree = demandTop && ranked[0] && demandTop.area === ranked[0].area;
  report.h2(t(ctx, 'Zestawienie priorytetów', 'Priorities at a glance'), { toc: false });
  report.paragraph(t(ctx,
    `Tabela ${no} zbiera oba spojrzenia i dodaje trzecie: odsetek badanych, którzy sami wskazali obszar wśród swoich potrzeb szkoleniowych. ${demandTop ? (agree ? `Deklaracje potwierdzają ranking — najczęściej wskazywano ten sam obszar, który ma najwyższy MWDS (${pct(ctx, demandOf(demandTop.area)! / 100)} badanych).` : `Najczęściej wskazywano obszar ${areaQuoted(ctx, demandTop.area)} (${pct(ctx, demandOf(demandTop.area)! / 100)} badanych), który w rankingu MWDS jest na ${int(ctx, demandTop.rank)}. miejscu.`) : ''}`,
    `Table ${no} brings both views together and adds a third: the share of respondents who named the area among their own training needs. ${demandTop ? (agree ? `The declarations confirm the ranking — the area named most often is the one with the highest MWDS (${pct(ctx, demandOf(demandTop.area)! / 100)} of respondents).` : `The area named most often is ${areaQuoted(ctx, demandTop.area)} (${pct(ctx, demandOf(demandTop.area)! / 100)} of respondents), ranked ${int(ctx, demandTop.rank)} by MWDS.`) : ''}`), { keepWithNext: true });
  const notes = [
    t(ctx, `Chce szkolenia — odsetek badanych, którzy wybrali obszar wśród (najwyżej trzech) obszarów, w których chcą się szkolić${ctx.results.weights.method !== 'none' ? ' (ważony do populacji JST, jak wszystkie odsetki opisujące populację)' : ''}.`, `Wants training — share of respondents who chose the area among the (up to three) areas they want training in${ctx.results.weights.method !== 'none' ? ' (weighted to the JST population, like every share describing the population)' : ''}.`),
    t(ctx, 'Ćwiartka IPA według wykresu analizy ważność–poziom.', 'IPA quadrant as in the importance–performance chart.'),
  ];
  if (classic) notes.push(t(ctx, 'MWDS — ważony (populacyjny), według niego ranga i rekomendacje; klasyczny — nieważony MWDS Boricha na badanych, w nawiasie jego ranga.', 'MWDS — weighted (population), which sets the rank and the recommendations; classic — the unweighted Borich MWDS on respondents, its rank in brackets.'));
  if (cell.interval === 'cluster_bootstrap_normal_approximation') notes.push(intervalNote(ctx, cell.interval));
  const rule = ruleNote(ctx, cell.areas, cell.noInference);
  if (rule) notes.push(rule);
  report.table({
    title: t(ctx, 'Jak obszary wypadają we wszystkich trzech miarach potrzeb?', 'How do the areas fare on all three measures of need?'),
    columns: [
      { header: t(ctx, 'Ranga', 'Rank'), width: 0.08, align: 'right', decimals: 0 },
      { header: t(ctx, 'Obszar kompetencji', 'Competence area'), width: classic ? 0.25 : 0.31 },
      { header: withCiHeader(ctx, 'MWDS', 'MWDS'), width: classic ? 0.18 : 0.2, align: 'right' },
      ...(classic ? [{ header: t(ctx, 'MWDS klasyczny (ranga)', 'Classic MWDS (rank)'), width: 0.12, align: 'right' as const }] : []),
      { header: t(ctx, 'Ćwiartka IPA', 'IPA quadrant'), width: classic ? 0.16 : 0.2 },
      { header: t(ctx, 'Chce szkolenia (%)', 'Wants training (%)'), width: classic ? 0.12 : 0.12, align: 'right', decimals: 0 },
      { header: 'n', width: classic ? 0.09 : 0.09, align: 'right' },
    ],
    rows,
    notes,
    source: sourceLine(ctx),
  });
}
