/**
 * Words for the tests and their reproduction, shared by the methodology chapter (design-based families and
 * the R calls that reproduce every number) and the annex (the unweighted sensitivity analysis). The R calls
 * come from results.json (tests.design.rSetup, each family's rCall), so they always describe the run.
 */
import type { CellValue, Report } from '../kit/index.ts';
import type { ReportContext } from '../context.ts';
import { t } from './wording.ts';
import { keptTable } from './kept-table.ts';

export const FAMILY_WORDS: Record<string, { pl: string; en: string }> = {
  items_segments_svyrank: { pl: 'test rangowy (svyranktest): wszystkie segmenty, każda pozycja i miara', en: 'rank test (svyranktest): all segments, each item and measure' },
  items_segment_pairs_svyrank: { pl: 'test rangowy (svyranktest): pary segmentów, każda pozycja i miara', en: 'rank test (svyranktest): pairs of segments, each item and measure' },
  items_groups_svyrank: { pl: 'test rangowy (svyranktest): kadra a pracownicy operacyjni, każda pozycja', en: 'rank test (svyranktest): management vs operational, each item' },
  areas_segments_svyttest: { pl: 'test t (svyttest): pary segmentów, wyniki obszarów', en: 't test (svyttest): pairs of segments, area scores' },
  areas_groups_svyttest: { pl: 'test t (svyttest): kadra a pracownicy operacyjni, wyniki obszarów', en: 't test (svyttest): management vs operational, area scores' },
  choices_segments_svychisq: { pl: 'chi-kwadrat Rao–Scotta (svychisq): segment × odpowiedź w pytaniach wyboru', en: 'Rao–Scott chi-square (svychisq): segment × answer in choice questions' },
  items_segments_kw: { pl: 'Kruskal–Wallis: wszystkie segmenty, każda pozycja i miara', en: 'Kruskal–Wallis: all segments, each item and measure' },
  items_segments_mw: { pl: 'Mann–Whitney: pary segmentów, każda pozycja i miara', en: 'Mann–Whitney: pairs of segments, each item and measure' },
  items_groups_mw: { pl: 'Mann–Whitney: kadra a pracownicy operacyjni, każda pozycja', en: 'Mann–Whitney: management vs operational, each item' },
  areas_segments_welch: { pl: 't Welcha: pary segmentów, wyniki obszarów', en: "Welch's t: pairs of segments, area scores" },
  areas_groups_welch: { pl: 't Welcha: kadra a pracownicy operacyjni, wyniki obszarów', en: "Welch's t: management vs operational, area scores" },
  choices_segments_chisq: { pl: 'chi-kwadrat Pearsona: segment × odpowiedź w pytaniach wyboru', en: 'Pearson chi-square: segment × answer in choice questions' },
};

export const EFFECT_WORDS: Record<string, { pl: string; en: string }> = {
  cohens_d: { pl: 'd (różnice średnich ważonych, w odchyleniach standardowych populacji, |d|)', en: 'd (differences of weighted means, in population SDs, |d|)' },
  rank_biserial: { pl: 'r rangowo-dwuseryjne (testy rangowe, |r|)', en: 'rank-biserial r (rank tests, |r|)' },
  eta_squared: { pl: 'η² rang populacyjnych (test rangowy wszystkich segmentów)', en: 'η² of the population ranks (rank test across segments)' },
  hedges_g: { pl: 'g Hedgesa (aneks: t Welcha, |g|)', en: "Hedges' g (annex: Welch's t, |g|)" },
  epsilon_squared: { pl: 'ε² (aneks: Kruskal–Wallis)', en: 'ε² (annex: Kruskal–Wallis)' },
  cramers_v_df1: { pl: 'V Craméra, tabela 2 kolumn (df* = 1)', en: "Cramér's V, df* = 1" },
  cramers_v_df2: { pl: 'V Craméra, df* = 2', en: "Cramér's V, df* = 2" },
  cramers_v_df3: { pl: 'V Craméra, df* = 3', en: "Cramér's V, df* = 3" },
  cramers_v_df4plus: { pl: 'V Craméra, df* ≥ 4', en: "Cramér's V, df* ≥ 4" },
};

/** The family words of a family id (its own description when unknown). */
export function familyWords(ctx: ReportContext, id: string, fallback: string): string {
  return FAMILY_WORDS[id] ? ctx.tr(FAMILY_WORDS[id]!) : fallback;
}

/**
 * The table of R calls (package survey) that reproduce every number of the differences chapter and the
 * findings: the designs, each family's test, the effect sizes, the estimates and the MWDS.
 */
export function rCallsTable(report: Report, ctx: ReportContext): number {
  const r = ctx.results;
  const design = r.tests.design;
  const fam = (id: string) => r.tests.families.find((f) => f.id === id)?.rCall ?? '–';
  const code = (text: string): CellValue => text;
  const rows: CellValue[][] = [
    [t(ctx, 'Schemat badania (des, desg)', 'The designs (des, desg)'), code(design.rSetup.join('; '))],
    [t(ctx, 'Średnia obszaru lub pozycji z PU', 'Mean of an area or item with CI'), code(`confint(svymean(~y, subset(des, segment == S), na.rm = TRUE))  # ${t(ctx, 'grupa stanowisk: desg', 'a staff group: desg')}`)],
    [t(ctx, 'Różnica średnich obszaru (test t)', 'Difference in area means (t test)'), code(fam('areas_segments_svyttest'))],
    [t(ctx, 'd dla różnicy średnich', 'd of a difference in means'), code('(mA - mB) / sqrt((svyvar(~y, subset(des, segment == A & !is.na(y))) + svyvar(~y, subset(des, segment == B & !is.na(y)))) / 2)')],
    [t(ctx, 'Pozycje: test rangowy dla dwóch grup; r', 'Items: two-group rank test; r'), code(`${fam('items_segment_pairs_svyrank')}  # r = 2 * $estimate`)],
    [t(ctx, 'Pozycje: test rangowy wszystkich segmentów', 'Items: rank test across segments'), code(`${fam('items_segments_svyrank')}  # F = $parameter / $statistic`)],
    [t(ctx, 'Kadra a pracownicy operacyjni', 'Management vs operational staff'), code(`${fam('areas_groups_svyttest')}; ${fam('items_groups_svyrank')}`)],
    [t(ctx, 'Pytania wyboru: chi-kwadrat Rao–Scotta; V Craméra', 'Choice questions: Rao–Scott chi-square; Cramér\'s V'), code('d2 <- subset(des, segment %in% <segments> & !is.na(y)); svychisq(~segment + y, d2, statistic = "F"); tab <- svytable(~segment + y, d2, Ntotal = nrow(d2)); sqrt(chisq.test(tab)$statistic / (sum(tab) * (min(dim(tab)) - 1)))')],
    [t(ctx, 'Poprawka Holma w rodzinie', 'Holm within a family'), code('p.adjust(p, method = "holm")')],
    [t(ctx, 'MWDS ważony pozycji lub obszaru', 'Weighted MWDS of an item or area'), code('m <- svymean(~I(imp - lvl) + imp, subset(des, segment == S & !is.na(imp) & !is.na(lvl))); coef(m)[1] * coef(m)[2]')],
    [t(ctx, 'Przedział MWDS (bootstrap Rao–Wu)', 'MWDS interval (Rao–Wu bootstrap)'), code(`rep <- as.svrepdesign(des, type = "subbootstrap", replicates = ${r.config.bootstrap.replicates})  # ${t(ctx, 'percentyle MWDS z replikacji; zgodne z dokładnością do błędu Monte Carlo', 'percentiles of the replicates\' MWDS; equal up to Monte Carlo error')}`)],
  ];
  return keptTable(report, {
    title: t(ctx, 'Jakimi wywołaniami pakietu survey w R można odtworzyć liczby tego raportu?', 'Which calls of R\'s survey package reproduce the numbers of this report?'),
    columns: [{ header: t(ctx, 'Wynik', 'Result'), width: 0.28 }, { header: t(ctx, 'Wywołanie w R', 'R call'), width: 0.72 }],
    rows,
    notes: [t(ctx,
      `respondents – jeden wiersz na analizowaną ankietę: jst, stratum, weight i weight_within_group (jak w pliku wag z diag analyze --weights-out), segment, group i zmienne (wyniki obszarów: średnia pozycji, gdy oceniono co najmniej połowę pokazanych). y – zmienna; A, B, S – kody segmentów; dla grup stanowisk I(group == "management") na desg. Testy rangowe: przy wagach różnych w obrębie wartości R uśrednia rangi remisów w kolejności danych – tej samej co w pliku wyników.`,
      `respondents – one row per analysed submission: jst, stratum, weight and weight_within_group (as in the weights file of diag analyze --weights-out), segment, group and the variables (area scores: the mean of the items, when at least half of those shown were rated). y – the variable; A, B, S – segment codes; for staff groups I(group == "management") on desg. Rank tests: with unequal weights within a value R averages tied ranks in data order – the order of the results file.`)],
    source: t(ctx, 'T. Lumley, survey: analysis of complex survey samples, pakiet R (wersja 4)', 'T. Lumley, survey: analysis of complex survey samples, R package (version 4)'),
  }, 60);
}

