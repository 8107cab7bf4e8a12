/**
 * Tests between segments and between staff groups, each with its statistic, df, p, effect size, and the
 * p adjusted by Holm's method within its family. Families:
 * - items_segments_kw   Kruskal–Wallis across segments, every item × measure (ordinal 1–5), ε²;
 * - items_segments_mw   Mann–Whitney for every pair of segments, every item × measure, rank-biserial r;
 * - items_groups_mw     Mann–Whitney management vs operational within each segment and overall;
 * - areas_segments_welch  Welch's t for every pair of segments on area scores (importance, level, gap), Hedges' g;
 * - areas_groups_welch    Welch's t management vs operational within each segment and overall;
 * - choices_segments_chisq  chi-square of segment × answer for every single-choice question and every
 *   checkbox option, Cramér's V.
 * Variables are named as in the codebook (DANE1_imp); area scores as <area>_imp, <area>_lvl, <area>_gap.
 * A comparison is made only between groups of at least the suppression threshold; the others are
 * counted as omitted. Tests are on respondents (not design-based): they say whether respondents of two
 * segments differ, beyond chance, after the data-quality exclusions.
 */
import { chiSquareIndependence, holm, kruskalWallis, mannWhitney, welchT } from './stats/index.ts';
import type { Dataset } from '../dataset/dataset.ts';
import type { AnalysisConfig } from './config.ts';
import type { Cell } from './cells.ts';
import { choiceQuestions } from './choices.ts';
import { cramersVKind, magnitude } from './effect-size.ts';
import type { Results, TestResultT } from './results-schema.ts';
import { itemColumn, type Scores } from './scores.ts';

const FAMILIES: Record<string, string> = {
  items_segments_kw: 'Kruskal–Wallis across segments, each item and measure (all staff)',
  items_segments_mw: 'Mann–Whitney between each pair of segments, each item and measure (all staff)',
  items_groups_mw: 'Mann–Whitney management vs operational staff, each item and measure, within each segment and overall',
  areas_segments_welch: "Welch's t between each pair of segments, area scores (importance, level, gap; all staff)",
  areas_groups_welch: "Welch's t management vs operational staff, area scores, within each segment and overall",
  choices_segments_chisq: 'chi-square of segment × answer, each single-choice question and each checkbox option (all staff)',
};

type Pending = Omit<TestResultT, 'pAdjusted' | 'significant'>;

export function runTests(d: Dataset, scores: Scores, cells: Cell[], config: AnalysisConfig): Results['tests'] {
  const k = config.suppressionThreshold;
  const alpha = 1 - config.level;
  const cell = (segment: string, group: string) => cells.find((c) => c.segment === segment && c.group === group)!;
  const segs = config.segments.map((s) => s.code);
  const pending: Pending[] = [];
  const omitted: Record<string, number> = Object.fromEntries(Object.keys(FAMILIES).map((f) => [f, 0]));
  // Present values of one series in each cell, gathered once per series.
  let current: Float64Array | null = null;
  const cache = new Map<Cell, Float64Array>();
  const values = (col: Float64Array, c: Cell): Float64Array => {
    if (col !== current) {
      cache.clear();
      current = col;
    }
    let v = cache.get(c);
    if (!v) {
      const out = new Float64Array(c.rows.length);
      let m = 0;
      for (const r of c.rows) {
        const x = col[r]!;
        if (x === x) out[m++] = x;
      }
      v = out.subarray(0, m);
      cache.set(c, v);
    }
    return v;
  };
  const pairs = segs.flatMap((a, i) => segs.slice(i + 1).map((b) => [a, b] as const));
  const groupsWithin = [...segs, 'all'];

  const q = d.questionnaire;
  const suffix = (role: 'importance' | 'level') => q.measures.find((m) => m.role === role)!.column;
  const itemSeries = q.areas.flatMap((a) => a.items.flatMap((it) => (['importance', 'level'] as const).map((m) => ({ name: `${it.code}_${suffix(m)}`, col: itemColumn(d, it.code, m) }))));
  for (const { name, col } of itemSeries) {
    const bySeg = segs.map((s) => ({ s, v: values(col, cell(s, 'all')) })).filter((x) => x.v.length >= k);
    if (bySeg.length >= 2) {
      const kw = kruskalWallis(bySeg.map((x) => x.v));
      pending.push({ family: 'items_segments_kw', test: 'kruskal_wallis', variable: name, by: 'segment', groups: bySeg.map((x) => x.s), within: { group: 'all' }, n: bySeg.map((x) => x.v.length), statistic: kw.statistic, df: kw.df, p: kw.p, effect: { name: 'epsilon_squared', value: kw.epsilonSquared, magnitude: magnitude('epsilon_squared', kw.epsilonSquared) } });
    } else omitted.items_segments_kw!++;
    for (const [a, b] of pairs) {
      const va = values(col, cell(a, 'all'));
      const vb = values(col, cell(b, 'all'));
      if (va.length < k || vb.length < k) { omitted.items_segments_mw!++; continue; }
      pending.push(mw('items_segments_mw', name, 'segment', [a, b], { group: 'all' }, va, vb));
    }
    for (const s of groupsWithin) {
      const vm = values(col, cell(s, 'management'));
      const vo = values(col, cell(s, 'operational'));
      if (vm.length < k || vo.length < k) { omitted.items_groups_mw!++; continue; }
      pending.push(mw('items_groups_mw', name, 'group', ['management', 'operational'], { segment: s }, vm, vo));
    }
  }

  for (const area of q.areas) {
    const s = scores.area.get(area.code)!;
    for (const measure of ['importance', 'level', 'gap'] as const) {
      const col = s[measure];
      const name = `${area.code}_${measure === 'gap' ? 'gap' : suffix(measure)}`;
      for (const [a, b] of pairs) {
        const va = values(col, cell(a, 'all'));
        const vb = values(col, cell(b, 'all'));
        if (va.length < k || vb.length < k) { omitted.areas_segments_welch!++; continue; }
        pending.push(welch('areas_segments_welch', name, 'segment', [a, b], { group: 'all' }, va, vb, config.level));
      }
      for (const sg of groupsWithin) {
        const vm = values(col, cell(sg, 'management'));
        const vo = values(col, cell(sg, 'operational'));
        if (vm.length < k || vo.length < k) { omitted.areas_groups_welch!++; continue; }
        pending.push(welch('areas_groups_welch', name, 'group', ['management', 'operational'], { segment: sg }, vm, vo, config.level));
      }
    }
  }

  for (const { question, type } of choiceQuestions(d)) {
    const vars = type === 'single' ? [question] : q.variables.filter((v) => v.question === question).map((v) => v.name);
    for (const v of vars) {
      const col = d.columns.get(v)!;
      const levels = type === 'single' ? (q.variables.find((x) => x.name === v)?.values?.length ?? 0) : 2;
      const table: number[][] = [];
      const used: string[] = [];
      for (const sg of segs) {
        const row = new Array<number>(levels).fill(0);
        let n = 0;
        for (const r of cell(sg, 'all').rows) {
          const x = col[r]!;
          if (Number.isNaN(x)) continue;
          row[x]!++;
          n++;
        }
        if (n >= k) { table.push(row); used.push(sg); }
      }
      if (table.length < 2) { omitted.choices_segments_chisq!++; continue; }
      const res = chiSquareIndependence(table);
      const kind = cramersVKind(res.rows, res.columns);
      pending.push({
        family: 'choices_segments_chisq', test: 'chi_square', variable: v, by: 'segment', groups: used, within: { group: 'all' },
        n: table.map((r) => r.reduce((a, b) => a + b, 0)), statistic: res.statistic, df: res.df, p: res.p,
        effect: { name: 'cramers_v', value: res.cramersV, magnitude: magnitude(kind, res.cramersV) },
        ...(res.sparse ? { note: 'more than 20 % of expected counts below 5: the chi-square approximation is rough' } : {}),
      });
    }
  }

  // Holm's correction within each family.
  const results: TestResultT[] = [];
  for (const family of Object.keys(FAMILIES)) {
    const tests = pending.filter((t) => t.family === family);
    const adjusted = holm(tests.map((t) => t.p));
    tests.forEach((t, i) => results.push({ ...t, pAdjusted: adjusted[i] ?? null, significant: adjusted[i] !== null && adjusted[i] !== undefined && adjusted[i]! < alpha }));
  }
  return {
    alpha,
    families: Object.entries(FAMILIES).map(([id, description]) => ({ id, description, correction: 'holm' as const, tests: pending.filter((t) => t.family === id).length, omitted: omitted[id] ?? 0 })),
    results,
  };
}

function mw(family: string, variable: string, by: 'segment' | 'group', groups: string[], within: Pending['within'], a: Float64Array, b: Float64Array): Pending {
  const r = mannWhitney(a, b);
  return { family, test: 'mann_whitney', variable, by, groups, within, n: [r.n1, r.n2], statistic: r.u, df: null, p: r.p, effect: { name: 'rank_biserial', value: r.rankBiserial, magnitude: magnitude('rank_biserial', r.rankBiserial) } };
}

function welch(family: string, variable: string, by: 'segment' | 'group', groups: string[], within: Pending['within'], a: Float64Array, b: Float64Array, level: number): Pending {
  const r = welchT(a, b, level);
  return {
    family, test: 'welch_t', variable, by, groups, within, n: [r.n1, r.n2], statistic: r.statistic, df: r.df, p: r.p,
    effect: { name: 'hedges_g', value: r.hedgesG, magnitude: magnitude('hedges_g', r.hedgesG) },
    difference: { estimate: r.difference, ciLow: r.ciLow, ciHigh: r.ciHigh, description: `mean of ${groups[0]} − mean of ${groups[1]}` },
  };
}
