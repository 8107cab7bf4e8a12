/**
 * The six families of tests (design-based, each with its unweighted twin), their R calls, and the fields
 * of a result from each design-based test: statistic, df, p, effect size, difference (tests.ts).
 */
import { magnitude, cramersVKind } from './effect-size.ts';
import type { AnalysisConfig } from './config.ts';
import type { Results, TestResultT } from './results-schema.ts';
import type { SvyChisqResult, SvyRankTestResult, SvyTTestResult } from '../stats/index.ts';
import type { TestFields } from './tests-unweighted.ts';

export type FamilyKey = 'items_segments' | 'items_segment_pairs' | 'items_groups' | 'areas_segment_pairs' | 'areas_groups' | 'choices_segments';
type DesignTest = 'svyranktest' | 'svyttest' | 'svychisq';

export interface FamilyDef {
  key: FamilyKey;
  design: { id: string; test: DesignTest; description: string; rCall: string };
  unweighted: { id: string; description: string };
}

/** `des`: the design with the JST-shared weights; `desg`: with the staff-group-shared weights (tests.design). */
export const TEST_FAMILIES: readonly FamilyDef[] = [
  {
    key: 'items_segments',
    design: { id: 'items_segments_svyrank', test: 'svyranktest', description: 'design-based rank test (Wilcoxon scores, Wald F) across the segments, each item and measure (all staff); η² of the rank scores', rCall: 'svyranktest(<item> ~ segment, subset(des, segment %in% <segments>))' },
    unweighted: { id: 'items_segments_kw', description: 'Kruskal–Wallis across segments, each item and measure (all staff), on respondents; ε²' },
  },
  {
    key: 'items_segment_pairs',
    design: { id: 'items_segment_pairs_svyrank', test: 'svyranktest', description: 'design-based rank test (Wilcoxon scores) between each pair of segments, each item and measure (all staff); r = 2 × the difference in mean rank score', rCall: 'svyranktest(<item> ~ I(segment == A), subset(des, segment %in% c(A, B)))' },
    unweighted: { id: 'items_segments_mw', description: 'Mann–Whitney between each pair of segments, each item and measure (all staff), on respondents; rank-biserial r' },
  },
  {
    key: 'items_groups',
    design: { id: 'items_groups_svyrank', test: 'svyranktest', description: 'design-based rank test management vs operational staff, each item and measure, within each segment and overall; r = 2 × the difference in mean rank score', rCall: 'svyranktest(<item> ~ I(group == "management"), subset(desg, segment %in% <segment, or all>))' },
    unweighted: { id: 'items_groups_mw', description: 'Mann–Whitney management vs operational staff, each item and measure, within each segment and overall, on respondents; rank-biserial r' },
  },
  {
    key: 'areas_segment_pairs',
    design: { id: 'areas_segments_svyttest', test: 'svyttest', description: 'design-based t test of the difference in mean area score (importance, level, gap) between each pair of segments (all staff); d on the design-based SDs', rCall: 'svyttest(<area score> ~ I(segment == A), subset(des, segment %in% c(A, B)))' },
    unweighted: { id: 'areas_segments_welch', description: "Welch's t between each pair of segments, area scores (importance, level, gap; all staff), on respondents; Hedges' g" },
  },
  {
    key: 'areas_groups',
    design: { id: 'areas_groups_svyttest', test: 'svyttest', description: 'design-based t test management vs operational staff, area scores, within each segment and overall; d on the design-based SDs', rCall: 'svyttest(<area score> ~ I(group == "management"), subset(desg, segment %in% <segment, or all>))' },
    unweighted: { id: 'areas_groups_welch', description: "Welch's t management vs operational staff, area scores, within each segment and overall, on respondents; Hedges' g" },
  },
  {
    key: 'choices_segments',
    design: { id: 'choices_segments_svychisq', test: 'svychisq', description: 'Rao–Scott second-order corrected chi-square (F) of segment × answer, each single-choice question and each checkbox option (all staff); Cramér\'s V of the weighted table', rCall: 'svychisq(~segment + <answer>, subset(des, segment %in% <segments> & !is.na(<answer>)), statistic = "F")' },
    unweighted: { id: 'choices_segments_chisq', description: 'Pearson chi-square of segment × answer, each single-choice question and each checkbox option (all staff), on respondents; Cramér\'s V' },
  },
];

export function unweightedTest(key: FamilyKey): TestResultT['test'] {
  return key === 'items_segments' ? 'kruskal_wallis' : key.startsWith('items') ? 'mann_whitney' : key.startsWith('areas') ? 'welch_t' : 'chi_square';
}

export function designEffect(key: FamilyKey): string {
  return key === 'items_segments' ? 'eta_squared' : key.startsWith('items') ? 'rank_biserial' : key.startsWith('areas') ? 'cohens_d' : 'cramers_v';
}

export function unweightedEffect(key: FamilyKey): string {
  return key === 'items_segments' ? 'epsilon_squared' : key.startsWith('items') ? 'rank_biserial' : key.startsWith('areas') ? 'hedges_g' : 'cramers_v';
}

/** A rank test's fields: across segments F (or t with two segments) and η²; between two groups t and r. */
export function rankFields(r: SvyRankTestResult, across: boolean, names: readonly string[]): TestFields {
  if (across) {
    return {
      statistic: r.statistic, df: r.df, df2: r.df2, p: r.p,
      effect: { name: 'eta_squared', value: r.etaSquared, magnitude: magnitude('eta_squared', r.etaSquared) },
      ...(r.groups === 2 ? { note: 'two segments compared: the two-sample test (t)' } : {}),
    };
  }
  return {
    statistic: r.statistic, df: r.df, p: r.p,
    effect: { name: 'rank_biserial', value: r.rankBiserial, magnitude: magnitude('rank_biserial', r.rankBiserial) },
    difference: { estimate: r.estimate, ciLow: null, ciHigh: null, description: `mean rank score (population ridit) of ${names[0]} − of ${names[1]}` },
  };
}

export function tFields(r: SvyTTestResult, names: readonly string[]): TestFields {
  return {
    statistic: r.statistic, df: r.df, p: r.p,
    effect: { name: 'cohens_d', value: r.cohensD, magnitude: magnitude('cohens_d', r.cohensD) },
    difference: { estimate: r.difference, ciLow: r.ciLow, ciHigh: r.ciHigh, description: `weighted mean of ${names[0]} − weighted mean of ${names[1]}` },
  };
}

export function chisqFields(r: SvyChisqResult): TestFields {
  return {
    statistic: r.statistic, df: r.df, df2: r.df2, p: r.p,
    effect: { name: 'cramers_v', value: r.cramersV, magnitude: magnitude(cramersVKind(r.rows, r.columns), r.cramersV) },
  };
}

/** The design of the tests, and the R calls that set it up (the families' rCall use `des` and `desg`). */
export function designDescription(config: AnalysisConfig): Results['tests']['design'] {
  if (config.weights === 'frame') {
    return {
      weights: 'frame',
      description: 'JSTs as clusters within the weighting strata (kind × voivodeship after post-stratification, kind after raking), with the frame weights; lonely PSUs "adjust". Between segments the JST weight shared among all its respondents (des), between staff groups shared among its respondents of the group (desg).',
      rSetup: [
        'library(survey); options(survey.lonely.psu = "adjust")',
        'des <- svydesign(ids = ~jst, strata = ~stratum, weights = ~weight, data = respondents)',
        'desg <- svydesign(ids = ~jst, strata = ~stratum, weights = ~weight_within_group, data = respondents)',
      ],
    };
  }
  return {
    weights: 'equal',
    description: 'JSTs as clusters with equal weights and no strata (no frame: --weights none), so that the tests still allow for respondents of one JST answering alike.',
    rSetup: ['library(survey)', 'des <- desg <- svydesign(ids = ~jst, weights = ~1, data = respondents)'],
  };
}
