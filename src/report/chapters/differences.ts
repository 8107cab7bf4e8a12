/**
 * Chapter 5, "Na tle innych JST": the differences between this segment and the others, and between its
 * management and operational staff, that hold after Holm's correction — design-based tests only (JSTs as
 * clusters within the weighting strata, the analysis's weights; results.json tests with basis "design"):
 * area scores (svyttest, d), questionnaire items (svyranktest, design-based rank-biserial r) and choice
 * questions (Rao–Scott svychisq, Cramér's V of the weighted table), each with its effect size in words. The
 * shares and means it prints are the design-based estimates the tests compare. Comparisons that could not
 * be tested because a group's answers come from one JST (or one per stratum) are named, with the reason.
 * The unweighted tests are in the annex, as a sensitivity analysis.
 */
import { plural as kitPlural, type CellValue } from '../kit/index.ts';
import type { TestResultT } from '../../analysis/results-schema.ts';
import { areaLabel, significantFor, type ReportContext } from '../context.ts';
import { groupForms } from '../words.ts';
import type { Chapter } from './types.ts';
import { choicesSection, groupBy } from './differences-choices.ts';
import { capitalise, ci, ciWord, describeVariable, effectPhrase, fromSeg, int, joinList, magnitudeWord, measureWord, num, orient, pct, quote, segForms, segWith, sourceLine, t } from './wording.ts';
import { keptTable } from './kept-table.ts';
import type { Report } from '../kit/index.ts';

export const differencesChapter: Chapter = (report, ctx) => {
  const seg = ctx.segment.code;
  const me = segForms(ctx, seg);
  const others = ctx.others.map((o) => segForms(ctx, o.code));
  report.h1(t(ctx, 'Na tle innych JST', 'Compared with other JSTs'));

  const areas = significantFor(ctx, 'areas_segments_svyttest');
  const items = significantFor(ctx, 'items_segment_pairs_svyrank').filter((x) => x.effect.magnitude && x.effect.magnitude !== 'negligible');
  const groupAreas = significantFor(ctx, 'areas_groups_svyttest');
  const groupItems = significantFor(ctx, 'items_groups_svyrank').filter((x) => x.effect.magnitude && x.effect.magnitude !== 'negligible');
  // Questions that describe the sample rather than the JSTs' situation (the population class, the respondent's
  // profile: roles.respondentProfile): differences there are by design.
  const structural = new Set([ctx.questionnaire.roles.populationClass, ...(ctx.questionnaire.roles.respondentProfile ?? [])]);
  const choices = significantFor(ctx, 'choices_segments_svychisq').filter((x) => {
    const v = describeVariable(ctx, x.variable);
    return v.kind === 'choice' && !structural.has(v.question);
  });

  const weighted = ctx.results.tests.design.weights === 'frame';
  report.paragraph(t(ctx,
    `Ten rozdział porównuje ${me.nom} z ${joinList(ctx, ctx.others.map((o) => segWith(ctx, o.code)))} oraz kadrę zarządzającą z pracownikami operacyjnymi ${me.inLoc}. Testy uwzględniają schemat badania: urzędnicy jednej JST odpowiadają podobnie, więc jednostką losową jest JST, ${weighted ? 'a wyniki są ważone do populacji JST' : 'a każda odpowiedź waży tyle samo'}. Rozdział pokazuje wyłącznie różnice, które utrzymują się po poprawce Holma na wielokrotne porównania.`,
    `This chapter compares ${me.nom} with ${joinList(ctx, others.map((o) => o.nom))}, and management with operational staff ${me.inLoc}. The tests follow the survey design: officials of one JST answer alike, so the JST is the random unit, ${weighted ? 'and results are weighted to the population of JSTs' : 'and every answer weighs the same'}. Only differences that hold after Holm's correction for multiple comparisons are shown.`,
  ));
  report.box(t(ctx, 'Co znaczy „utrzymuje się po poprawce”?', 'What does "holds after correction" mean?'), [
    t(ctx,
      `Gdy porównuje się naraz dziesiątki obszarów i pytań, część „różnic” pojawiłaby się przypadkiem. Poprawka Holma podnosi poprzeczkę tak, aby w każdej grupie porównań ryzyko choćby jednego fałszywego alarmu nie przekraczało ${pct(ctx, ctx.results.tests.alpha)}; różnica, która ją przechodzi, jest istotna statystycznie. Wielkość efektu (znikomy, mały, średni, duży) mówi, czy różnica jest też duża w praktyce.`,
      `When dozens of areas and questions are compared at once, some "differences" would appear by chance. Holm's correction raises the bar so that in each family of comparisons the risk of even one false alarm stays below ${pct(ctx, ctx.results.tests.alpha)}; a difference that passes it is statistically significant. The effect size (negligible, small, medium, large) says whether it is also large in practice.`),
  ]);
  const untestable = untestableSentence(ctx);
  const total = areas.length + items.length + groupAreas.length + groupItems.length + choices.length;
  if (total === 0) {
    if (untestable) report.paragraph(untestable);
    report.paragraph(t(ctx,
      `Po poprawce nie utrzymała się żadna różnica: odpowiedzi badanych ${fromSeg(ctx, seg)} nie różnią się istotnie ani od odpowiedzi z pozostałych JST, ani między grupami stanowisk. Potrzeby szkoleniowe opisane w poprzednich rozdziałach są więc podobne do potrzeb innych samorządów.`,
      `No difference holds after the correction: respondents ${fromSeg(ctx, seg)} do not differ significantly from other JSTs, nor between staff groups. The training needs described in the previous chapters are therefore similar to those of other local governments.`));
    return;
  }

  // --- 5.1 area scores between segments --------------------------------------------------------------
  report.h2(t(ctx, 'Obszary kompetencji', 'Competence areas'));
  if (!areas.length) {
    report.paragraph(t(ctx,
      `W ocenach obszarów kompetencji (ważność, poziom, luka) ${me.nom} nie różnią się istotnie od pozostałych JST.`,
      `In the area scores (importance, level, gap) ${me.nom} do not differ significantly from other JSTs.`));
  } else {
    const byVar = groupBy(areas, (x) => x.variable);
    const ranked = [...byVar.values()].sort((a, b2) => maxAbs(b2) - maxAbs(a));
    const sentences = ranked.slice(0, 4).map((tests) => areaSentence(ctx, tests));
    const no = report.nextTableNumber();
    report.paragraph([
      t(ctx,
        `Po poprawce utrzymuje się ${plural(ctx, areas.length, 'różnica', 'różnice', 'różnic')} w ocenach obszarów (tabela ${no}). `,
        `${capitalise(plural(ctx, areas.length, 'difference', 'differences', 'differences'))} in area scores hold after the correction (table ${no}). `),
      ...sentences.flatMap((s) => [s, ' ']),
    ], { keepWithNext: false });
    const rows = [...areas].sort((a, b2) => Math.abs(b2.effect.value ?? 0) - Math.abs(a.effect.value ?? 0)).map((x): CellValue[] => {
      const v = describeVariable(ctx, x.variable);
      const { sign, other } = orient(x, seg);
      const d = x.difference;
      const lo = d ? (sign === 1 ? d.ciLow : neg(d.ciHigh)) : null;
      const hi = d ? (sign === 1 ? d.ciHigh : neg(d.ciLow)) : null;
      const [nMe, nOther] = sign === 1 ? [x.n[0], x.n[1]] : [x.n[1], x.n[0]];
      return [
        v.kind === 'area' ? areaLabel(ctx, v.area, true) : '–',
        v.kind === 'area' ? measureWord(ctx, v.measure) : '–',
        segForms(ctx, other).nom,
        num(ctx, d?.estimate == null ? null : sign * d.estimate, 2, true),
        ci(ctx, lo, hi),
        num(ctx, x.effect.value == null ? null : sign * x.effect.value),
        magnitudeWord(ctx, x.effect.magnitude),
        `${int(ctx, nMe)} / ${int(ctx, nOther)}`,
      ];
    });
    keptTable(report, {
      title: t(ctx, `Czym ${me.nom} różnią się od innych JST w ocenach obszarów kompetencji?`, `How do ${me.nom} differ from other JSTs in area scores?`),
      columns: [
        { header: t(ctx, 'Obszar kompetencji', 'Competence area'), width: 0.22 },
        { header: t(ctx, 'Miara', 'Measure'), width: 0.1 },
        { header: t(ctx, 'Porównanie z', 'Compared with'), width: 0.14 },
        { header: t(ctx, 'Różnica (pkt)', 'Difference (points)'), align: 'right', width: 0.1 },
        { header: ciWord(ctx), align: 'right', width: 0.15 },
        { header: 'd', align: 'right', width: 0.07 },
        { header: t(ctx, 'Efekt', 'Effect'), width: 0.09 },
        { header: t(ctx, 'n (ten / inny)', 'n (this / other)'), align: 'right', width: 0.13 },
      ],
      rows,
      notes: [t(ctx,
        `Różnica = średnia ${weighted ? 'ważona ' : ''}${me.gen} − średnia porównywanej grupy JST, na skali 1–5; luka = ważność − poziom. Test t uwzględniający schemat badania (JST jako skupienia${weighted ? ' w warstwach, wagi' : ''}; svyttest), poprawka Holma; d – różnica w odchyleniach standardowych populacji (mały efekt od 0,2, średni od 0,5, duży od 0,8). n – liczba badanych ${fromSeg(ctx, seg)} i z porównywanej grupy.`,
        `Difference = ${weighted ? 'weighted ' : ''}mean of ${me.gen} − mean of the other group, on the 1–5 scale; gap = importance − level. Design-based t test (JSTs as clusters${weighted ? ' within strata, weights' : ''}; svyttest), Holm's correction; d – the difference in population standard deviations (small effect from 0.2, medium from 0.5, large from 0.8). n – respondents ${fromSeg(ctx, seg)} and from the other group.`)],
      source: sourceLine(ctx),
    });
  }

  // --- 5.2 items between segments ------------------------------------------------------------------
  report.h2(t(ctx, 'Pojedyncze zadania', 'Individual tasks'));
  if (!items.length) {
    report.paragraph(t(ctx,
      `W ocenach pojedynczych zadań (pozycji kwestionariusza) nie ma istotnych różnic o co najmniej małym efekcie.`,
      `In the ratings of individual tasks (questionnaire items) there is no significant difference of at least a small effect.`));
  } else {
    const itemCount = new Set(items.map((x) => x.variable.replace(/_[^_]+$/, ''))).size;
    const byArea = groupBy(items, (x) => { const v = describeVariable(ctx, x.variable); return v.kind === 'item' ? v.areaLabel : ''; });
    const areaList = [...byArea.entries()].sort((a, b2) => b2[1].length - a[1].length).map(([a]) => quote(ctx, a));
    const top = [...items].sort((a, b2) => Math.abs(b2.effect.value ?? 0) - Math.abs(a.effect.value ?? 0))[0]!;
    const tv = describeVariable(ctx, top.variable);
    const { sign, other } = orient(top, seg);
    const dir = sign * (top.effect.value ?? 0) > 0;
    const no = report.nextTableNumber();
    report.paragraph([
      t(ctx,
        `Różnice o co najmniej małym efekcie dotyczą ${plural(ctx, itemCount, 'zadania', 'zadań', 'zadań')} (${plural(ctx, items.length, 'porównanie', 'porównania', 'porównań')}; tabela ${no}), głównie w ${areaList.length === 1 ? 'obszarze' : 'obszarach'} ${joinList(ctx, areaList.slice(0, 3))}. `,
        `Differences of at least a small effect concern ${plural(ctx, itemCount, 'task', 'tasks', 'tasks')} (${plural(ctx, items.length, 'comparison', 'comparisons', 'comparisons')}; table ${no}), mainly in ${joinList(ctx, areaList.slice(0, 3))}. `),
      tv.kind === 'item' ? t(ctx,
        `Największa dotyczy zadania ${quote(ctx, tv.label)}: badani ${fromSeg(ctx, seg)} oceniają ${tv.measure === 'importance' ? 'jego ważność' : 'swój poziom'} ${dir ? 'wyżej' : 'niżej'} niż badani ${fromSeg(ctx, other)} (r = ${num(ctx, sign * (top.effect.value ?? 0), 2, true)}; ${effectPhrase(ctx, top.effect.magnitude)}).`,
        `The largest concerns ${quote(ctx, tv.label)}: respondents ${fromSeg(ctx, seg)} rate ${tv.measure === 'importance' ? 'its importance' : 'their level'} ${dir ? 'higher' : 'lower'} than respondents ${fromSeg(ctx, other)} (r = ${num(ctx, sign * (top.effect.value ?? 0), 2, true)}; ${effectPhrase(ctx, top.effect.magnitude)}).`) : '',
    ]);
    itemTable(report, ctx, items, 'segment',
      t(ctx, `W których zadaniach ${me.nom} najwyraźniej różnią się od innych JST?`, `In which tasks do ${me.nom} differ most from other JSTs?`));
  }

  // --- 5.3 management vs operational --------------------------------------------------------------
  const mg = groupForms('management', ctx.lang);
  const op = groupForms('operational', ctx.lang);
  report.h2(t(ctx, 'Kadra zarządzająca a pracownicy operacyjni', 'Management and operational staff'));
  if (!groupAreas.length && !groupItems.length) {
    report.paragraph(untestable ?? t(ctx,
      `${capitalise(mg.nom)} i ${op.nom} ${me.inLoc} oceniają obszary i zadania podobnie: żadna różnica nie utrzymała się po poprawce.`,
      `${capitalise(mg.nom)} and ${op.nom} ${me.inLoc} rate areas and tasks alike: no difference holds after the correction.`));
  } else {
    const sentences = [...groupBy(groupAreas, (x) => x.variable).values()].sort((a, b2) => maxAbs(b2) - maxAbs(a)).slice(0, 3).map((x) => groupSentence(ctx, x[0]!));
    const noA = report.nextTableNumber();
    report.paragraph([
      groupAreas.length
        ? t(ctx, `Między grupami stanowisk ${me.inLoc} utrzymuje się ${plural(ctx, groupAreas.length, 'różnica', 'różnice', 'różnic')} w ocenach obszarów (tabela ${noA}). `, `Between staff groups ${me.inLoc}, ${plural(ctx, groupAreas.length, 'difference', 'differences', 'differences')} in area scores hold (table ${noA}). `)
        : t(ctx, `W ocenach całych obszarów grupy stanowisk ${me.inLoc} nie różnią się istotnie. `, `In area scores the staff groups ${me.inLoc} do not differ significantly. `),
      ...sentences.flatMap((s) => [s, ' ']),
      untestable ? `${untestable} ` : '',
      t(ctx,
        'Różnice między grupami uzasadniają odrębne programy dla obu grup (rozdział „Rekomendacje”).',
        'Differences between the groups justify separate programmes for each (chapter "Recommendations").'),
    ]);
    if (groupAreas.length) {
      const rows = [...groupAreas].sort((a, b2) => Math.abs(b2.effect.value ?? 0) - Math.abs(a.effect.value ?? 0)).map((x): CellValue[] => {
        const v = describeVariable(ctx, x.variable);
        const d = x.difference;
        return [
          v.kind === 'area' ? areaLabel(ctx, v.area, true) : '–',
          v.kind === 'area' ? measureWord(ctx, v.measure) : '–',
          num(ctx, d?.estimate, 2, true),
          ci(ctx, d?.ciLow, d?.ciHigh),
          num(ctx, x.effect.value),
          magnitudeWord(ctx, x.effect.magnitude),
          `${int(ctx, x.n[0])} / ${int(ctx, x.n[1])}`,
        ];
      });
      keptTable(report, {
        title: t(ctx, `Jak kadra zarządzająca i pracownicy operacyjni ${me.gen} różnią się w ocenach obszarów?`, `How do management and operational staff of ${me.gen} differ in area scores?`),
        columns: [
          { header: t(ctx, 'Obszar kompetencji', 'Competence area'), width: 0.26 },
          { header: t(ctx, 'Miara', 'Measure'), width: 0.1 },
          { header: t(ctx, 'Różnica (pkt)', 'Difference (points)'), align: 'right', width: 0.11 },
          { header: ciWord(ctx), align: 'right', width: 0.16 },
          { header: 'd', align: 'right', width: 0.08 },
          { header: t(ctx, 'Efekt', 'Effect') },
          { header: t(ctx, 'n (kadra / operacyjni)', 'n (mgmt / operational)'), align: 'right' },
        ],
        rows,
        notes: [t(ctx,
          `Różnica = średnia ${weighted ? 'ważona ' : ''}kadry zarządzającej − średnia pracowników operacyjnych, skala 1–5; luka = ważność − poziom. Test t uwzględniający schemat badania (svyttest), poprawka Holma; d – różnica w odchyleniach standardowych populacji.`,
          `Difference = ${weighted ? 'weighted ' : ''}mean of management − mean of operational staff, 1–5 scale; gap = importance − level. Design-based t test (svyttest), Holm's correction; d – the difference in population standard deviations.`)],
        source: sourceLine(ctx),
      });
    }
    if (groupItems.length) {
      const noI = report.nextTableNumber();
      report.paragraph(t(ctx,
        `W ocenach pojedynczych zadań różnice o co najmniej małym efekcie dotyczą ${plural(ctx, groupItems.length, 'porównania', 'porównań', 'porównań')} (tabela ${noI}).`,
        `In individual tasks, ${plural(ctx, groupItems.length, 'comparison', 'comparisons', 'comparisons')} show a significant difference of at least a small effect (table ${noI}).`), { keepWithNext: true });
      itemTable(report, ctx, groupItems, 'group',
        t(ctx, `W których zadaniach kadra zarządzająca i pracownicy operacyjni ${me.gen} oceniają się inaczej?`, `In which tasks do management and operational staff of ${me.gen} rate themselves differently?`), 45);
    }
  }

  // --- 5.4 choices --------------------------------------------------------------------------------
  report.h2(t(ctx, 'Sytuacja JST i rozwiązania wspierające uczniów', 'The JSTs\' situation and solutions for pupils'));
  if (!choices.length) {
    report.paragraph(t(ctx,
      `W odpowiedziach na pytania o sytuację JST, potrzeby szkoleniowe i rozwiązania wspierające kompetencje kluczowe ${me.nom} nie różnią się istotnie od pozostałych JST.`,
      `In the questions on the JST's situation, training needs and key-competence solutions, ${me.nom} do not differ significantly from other JSTs.`));
  } else {
    choicesSection(report, ctx, choices);
  }
};

function itemTable(report: Report, ctx: ReportContext, tests: TestResultT[], by: 'segment' | 'group', title: string, pending = 0): void {
  const seg = ctx.segment.code;
  const sorted = [...tests].sort((a, b2) => Math.abs(b2.effect.value ?? 0) - Math.abs(a.effect.value ?? 0));
  const rows = sorted.map((x): CellValue[] => {
    const v = describeVariable(ctx, x.variable);
    const label = v.kind === 'item' ? v.label : '–';
    const measure = v.kind === 'item' ? measureWord(ctx, v.measure) : '–';
    if (by === 'segment') {
      const { sign, other } = orient(x, seg);
      const [nMe, nOther] = sign === 1 ? [x.n[0], x.n[1]] : [x.n[1], x.n[0]];
      return [label, measure, segForms(ctx, other).nom, num(ctx, x.effect.value == null ? null : sign * x.effect.value, 2, true), magnitudeWord(ctx, x.effect.magnitude), `${int(ctx, nMe)} / ${int(ctx, nOther)}`];
    }
    return [label, measure, num(ctx, x.effect.value, 2, true), magnitudeWord(ctx, x.effect.magnitude), `${int(ctx, x.n[0])} / ${int(ctx, x.n[1])}`];
  });
  const me = segForms(ctx, seg);
  keptTable(report, {
    title,
    columns: by === 'segment'
      ? [
        { header: t(ctx, 'Zadanie (pozycja kwestionariusza)', 'Task (questionnaire item)'), width: 0.46 },
        { header: t(ctx, 'Miara', 'Measure') },
        { header: t(ctx, 'Porównanie z', 'Compared with') },
        { header: 'r', align: 'right' },
        { header: t(ctx, 'Efekt', 'Effect') },
        { header: t(ctx, 'n (ten / inny)', 'n (this / other)'), align: 'right' },
      ]
      : [
        { header: t(ctx, 'Zadanie (pozycja kwestionariusza)', 'Task (questionnaire item)'), width: 0.52 },
        { header: t(ctx, 'Miara', 'Measure') },
        { header: 'r', align: 'right' },
        { header: t(ctx, 'Efekt', 'Effect') },
        { header: t(ctx, 'n (kadra / operacyjni)', 'n (mgmt / operational)'), align: 'right' },
      ],
    rows,
    notes: [by === 'segment'
      ? t(ctx,
        `r – korelacja rangowo-dwuseryjna z testu rangowego uwzględniającego schemat badania (svyranktest; r = 2 × różnica średnich rang populacyjnych): dodatnia, gdy badani ${fromSeg(ctx, seg)} oceniają wyżej, ujemna – gdy niżej (mały efekt od 0,1, średni od 0,3, duży od 0,5). Tylko różnice istotne po poprawce Holma i o co najmniej małym efekcie; uporządkowano od największego efektu.`,
        `r – rank-biserial correlation from the design-based rank test (svyranktest; r = 2 × the difference in mean population ranks): positive when respondents ${fromSeg(ctx, seg)} rate higher, negative when lower (small from 0.1, medium from 0.3, large from 0.5). Only differences significant after Holm's correction with at least a small effect; largest effect first.`)
      : t(ctx,
        `r – korelacja rangowo-dwuseryjna z testu rangowego uwzględniającego schemat badania (svyranktest): dodatnia, gdy kadra zarządzająca ${me.gen} ocenia wyżej niż pracownicy operacyjni. Tylko różnice istotne po poprawce Holma i o co najmniej małym efekcie.`,
        `r – rank-biserial correlation from the design-based rank test (svyranktest): positive when management of ${me.gen} rate higher than operational staff. Only differences significant after Holm's correction with at least a small effect.`)],
    source: sourceLine(ctx),
  }, pending);
}

/** One sentence on one area variable compared with one or more other segments. */
function areaSentence(ctx: ReportContext, tests: TestResultT[]): string {
  const seg = ctx.segment.code;
  const v = describeVariable(ctx, tests[0]!.variable);
  if (v.kind !== 'area') return '';
  const parts = tests.map((x) => {
    const { sign, other } = orient(x, seg);
    return { other, d: sign * (x.difference?.estimate ?? 0), x };
  });
  const up = parts.filter((p) => p.d > 0);
  const down = parts.filter((p) => p.d <= 0);
  const detail = (p: (typeof parts)[number]) => `${num(ctx, p.d, 2, true)}${ctx.lang === 'pl' ? '\u00A0pkt' : ''}; ${effectPhrase(ctx, p.x.effect.magnitude)}`;
  const clause = (list: typeof parts, higher: boolean): string => {
    if (!list.length) return '';
    const whom = joinList(ctx, list.map((p) => `${fromSeg(ctx, p.other)} (${detail(p)})`));
    const a = quote(ctx, v.label);
    if (ctx.lang === 'pl') {
      if (v.measure === 'importance') return `Badani ${fromSeg(ctx, seg)} przypisują obszarowi ${a} ${higher ? 'większą' : 'mniejszą'} wagę niż badani ${whom}.`;
      if (v.measure === 'level') return `Badani ${fromSeg(ctx, seg)} oceniają swój poziom w obszarze ${a} ${higher ? 'wyżej' : 'niżej'} niż badani ${whom}.`;
      return `Luka między ważnością a poziomem w obszarze ${a} jest u badanych ${fromSeg(ctx, seg)} ${higher ? 'większa' : 'mniejsza'} niż u badanych ${whom}.`;
    }
    if (v.measure === 'importance') return `Respondents ${fromSeg(ctx, seg)} attach ${higher ? 'more' : 'less'} importance to ${a} than respondents ${whom}.`;
    if (v.measure === 'level') return `Respondents ${fromSeg(ctx, seg)} rate their level in ${a} ${higher ? 'higher' : 'lower'} than respondents ${whom}.`;
    return `The gap between importance and level in ${a} is ${higher ? 'larger' : 'smaller'} for respondents ${fromSeg(ctx, seg)} than for respondents ${whom}.`;
  };
  return [clause(up, true), clause(down, false)].filter(Boolean).join(' ');
}

/** One sentence on management vs operational staff for an area variable. */
function groupSentence(ctx: ReportContext, x: TestResultT): string {
  const v = describeVariable(ctx, x.variable);
  if (v.kind !== 'area') return '';
  const d = x.difference?.estimate ?? 0;
  const higher = d > 0;
  const a = quote(ctx, v.label);
  const detail = `${num(ctx, d, 2, true)}${ctx.lang === 'pl' ? '\u00A0pkt' : ' points'}; ${effectPhrase(ctx, x.effect.magnitude)}`;
  if (ctx.lang === 'pl') {
    if (v.measure === 'importance') return `Kadra zarządzająca przypisuje obszarowi ${a} ${higher ? 'większą' : 'mniejszą'} wagę niż pracownicy operacyjni (${detail}).`;
    if (v.measure === 'level') return `Kadra zarządzająca ocenia swój poziom w obszarze ${a} ${higher ? 'wyżej' : 'niżej'} niż pracownicy operacyjni (${detail}).`;
    return `Luka w obszarze ${a} jest u kadry zarządzającej ${higher ? 'większa' : 'mniejsza'} niż u pracowników operacyjnych (${detail}).`;
  }
  if (v.measure === 'importance') return `Management attach ${higher ? 'more' : 'less'} importance to ${a} than operational staff (${detail}).`;
  if (v.measure === 'level') return `Management rate their level in ${a} ${higher ? 'higher' : 'lower'} than operational staff (${detail}).`;
  return `The gap in ${a} is ${higher ? 'larger' : 'smaller'} for management than for operational staff (${detail}).`;
}

/**
 * The comparisons of this segment that could not be tested because a group's answers come from one JST (or
 * one JST per stratum), in words — the one rule for every output (results.json tests with `noInference`).
 */
function untestableSentence(ctx: ReportContext): string | null {
  const seg = ctx.segment.code;
  const list = ctx.results.tests.results.filter((x) => x.basis === 'design' && x.noInference && (x.by === 'segment' ? x.groups.includes(seg) : x.within.segment === seg));
  if (!list.length) return null;
  const who = new Set<string>();
  for (const x of list) {
    for (const part of x.noInference!.replace(/^no test: /, '').split('; ')) {
      const name = part.split(':')[0]!;
      who.add(x.by === 'group' ? groupForms(name, ctx.lang).gen : segForms(ctx, name).gen);
    }
  }
  return t(ctx,
    `Nie testowano ${plural(ctx, list.length, 'porównania', 'porównań', 'porównań')}, w których odpowiedzi ${joinList(ctx, [...who])} pochodzą z jednej JST (albo z jednej JST w każdej warstwie): przy jednej JST nie da się oddzielić różnicy między grupami od tego, że urzędnicy jednej JST odpowiadają podobnie.`,
    `${capitalise(plural(ctx, list.length, 'comparison was', 'comparisons were', 'comparisons were'))} not tested because the answers of ${joinList(ctx, [...who])} come from one JST (or one JST per stratum): with one JST a difference between groups cannot be told apart from officials of one JST answering alike.`);
}

function plural(ctx: ReportContext, n: number, one: string, few: string, many: string): string {
  return kitPlural(n, one, few, many, ctx.lang);
}


const maxAbs = (tests: TestResultT[]) => Math.max(...tests.map((x) => Math.abs(x.effect.value ?? 0)));
const neg = (x: number | null) => (x === null ? null : -x);
