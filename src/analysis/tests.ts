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
 * counted as omitted. Every test is computed from the frequency tables per segment × staff group kept
 * when the estimates and choices read each series (series.ts); nothing here reads respondents' rows
 * unless a series lies on no lattice. Tests are on respondents (not design-based): they say whether respondents of two
 * segments differ, beyond chance, after the data-quality exclusions.
 */
import { chiSquareIndependence, holm, kruskalWallisFromCounts, mannWhitneyFromCounts, welchFromMoments, type Moments } from '../stats/index.ts';
import type { Dataset } from '../dataset/dataset.ts';
import type { AnalysisConfig } from './config.ts';
import { segmentIndex } from './cells.ts';
import { choiceQuestions, optionSeries } from './choices.ts';
import type { SeriesCounts } from './estimates.ts';
import { mergeCounts, total, type BaseCounts } from './series.ts';
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

export function runTests(d: Dataset, scores: Scores, config: AnalysisConfig, counts: SeriesCounts): Results['tests'] {
  const k = config.suppressionThreshold;
  const alpha = 1 - config.level;
  const segs = config.segments.map((s) => s.code);
  const pending: Pending[] = [];
  const omitted: Record<string, number> = Object.fromEntries(Object.keys(FAMILIES).map((f) => [f, 0]));
  // One pass per series: a frequency table (ratings) or sums (area scores) per segment × staff group;
  // every test below is computed from those, with nothing allocated per respondent.
  const seg = segmentIndex(d, config);
  const S = segs.length;
  const groupCodes = ['management', 'operational'] as const;
  const cellIndex = (segment: string) => (segment === 'all' ? -1 : segs.indexOf(segment));
  const q = d.questionnaire;
  const suffix = (role: 'importance' | 'level') => q.measures.find((m) => m.role === role)!.column;
  const pairs = segs.flatMap((a, i) => segs.slice(i + 1).map((b) => [a, b] as const));
  const groupsWithin = [...segs, 'all'];

  for (const area of q.areas) {
    for (const it of area.items) {
      for (const measure of ['importance', 'level'] as const) {
        const name = `${it.code}_${suffix(measure)}`;
        const col = itemColumn(d, it.code, measure);
        const scale = q.variables.find((v) => v.name === name)?.values?.map((v) => Number(v.value)) ?? [1, 2, 3, 4, 5];
        const K = scale.length;
        const first = scale[0]!;
        const table = baseTable(counts.get(name), K, first, () => {
          const t = new Float64Array(S * 2 * K);
          for (let i = 0; i < d.n; i++) {
            const si = seg[i]!;
            if (si < 0) continue;
            const j = col[i]! - first;
            if (j >= 0 && j < K) t[(si * 2 + d.group[i]!) * K + j]! += 1;
          }
          return t;
        });
        const countsOf = (segment: string, group: 'management' | 'operational' | 'all'): number[] => {
          const out = new Array<number>(K).fill(0);
          const si = cellIndex(segment);
          for (let s2 = 0; s2 < S; s2++) {
            if (si >= 0 && s2 !== si) continue;
            for (let g = 0; g < 2; g++) {
              if (group !== 'all' && groupCodes[g] !== group) continue;
              for (let j = 0; j < K; j++) out[j]! += table[(s2 * 2 + g) * K + j]!;
            }
          }
          return out;
        };
        const bySeg = segs.map((sg) => ({ s: sg, c: countsOf(sg, 'all') })).filter((x) => total(x.c) >= k);
        if (bySeg.length >= 2) {
          const kw = kruskalWallisFromCounts(bySeg.map((x) => x.c));
          pending.push({ family: 'items_segments_kw', test: 'kruskal_wallis', variable: name, by: 'segment', groups: bySeg.map((x) => x.s), within: { group: 'all' }, n: bySeg.map((x) => total(x.c)), statistic: kw.statistic, df: kw.df, p: kw.p, effect: { name: 'epsilon_squared', value: kw.epsilonSquared, magnitude: magnitude('epsilon_squared', kw.epsilonSquared) } });
        } else omitted.items_segments_kw!++;
        for (const [a, b] of pairs) {
          const ca = countsOf(a, 'all');
          const cb = countsOf(b, 'all');
          if (total(ca) < k || total(cb) < k) { omitted.items_segments_mw!++; continue; }
          pending.push(mw('items_segments_mw', name, 'segment', [a, b], { group: 'all' }, ca, cb));
        }
        for (const sg of groupsWithin) {
          const cm = countsOf(sg, 'management');
          const co = countsOf(sg, 'operational');
          if (total(cm) < k || total(co) < k) { omitted.items_groups_mw!++; continue; }
          pending.push(mw('items_groups_mw', name, 'group', ['management', 'operational'], { segment: sg }, cm, co));
        }
      }
    }
  }

  for (const area of q.areas) {
    const sc = scores.area.get(area.code)!;
    for (const measure of ['importance', 'level', 'gap'] as const) {
      const col = sc[measure];
      const name = `${area.code}_${measure === 'gap' ? 'gap' : suffix(measure)}`;
      const sums = baseMoments(counts.get(name), S * 2, () => {
        const t = new Float64Array(S * 2 * 3); // n, Σx, Σx² per segment × group
        for (let i = 0; i < d.n; i++) {
          const si = seg[i]!;
          const v = col[i]!;
          if (si < 0 || v !== v) continue;
          const at = (si * 2 + d.group[i]!) * 3;
          t[at]! += 1;
          t[at + 1]! += v;
          t[at + 2]! += v * v;
        }
        return t;
      });
      const momentsOf = (segment: string, group: 'management' | 'operational' | 'all'): Moments => {
        let n = 0;
        let sx = 0;
        let sxx = 0;
        const si = cellIndex(segment);
        for (let s2 = 0; s2 < S; s2++) {
          if (si >= 0 && s2 !== si) continue;
          for (let g = 0; g < 2; g++) {
            if (group !== 'all' && groupCodes[g] !== group) continue;
            const at = (s2 * 2 + g) * 3;
            n += sums[at]!;
            sx += sums[at + 1]!;
            sxx += sums[at + 2]!;
          }
        }
        return n > 0 ? { n, mean: sx / n, ss: Math.max(0, sxx - (sx * sx) / n) } : { n: 0, mean: NaN, ss: NaN };
      };
      for (const [a, b] of pairs) {
        const ma = momentsOf(a, 'all');
        const mb = momentsOf(b, 'all');
        if (ma.n < k || mb.n < k) { omitted.areas_segments_welch!++; continue; }
        pending.push(welch('areas_segments_welch', name, 'segment', [a, b], { group: 'all' }, ma, mb, config.level));
      }
      for (const sg of groupsWithin) {
        const mm = momentsOf(sg, 'management');
        const mo = momentsOf(sg, 'operational');
        if (mm.n < k || mo.n < k) { omitted.areas_groups_welch!++; continue; }
        pending.push(welch('areas_groups_welch', name, 'group', ['management', 'operational'], { segment: sg }, mm, mo, config.level));
      }
    }
  }

  for (const { question, type } of choiceQuestions(d)) {
    const vars = type === 'single' ? [question] : q.variables.filter((v) => v.question === question).map((v) => v.name);
    for (const v of vars) {
      const levels = type === 'single' ? (q.variables.find((x) => x.name === v)?.values?.length ?? 0) : 2;
      const table: number[][] = [];
      const used: string[] = [];
      segs.forEach((sg, si) => {
        const bases = [si * 2, si * 2 + 1];
        const row = type === 'single'
          ? Array.from({ length: levels }, (_, j) => mergeCounts(counts.get(optionSeries(v, j))!, bases)[1]!)
          : Array.from(mergeCounts(counts.get(v)!, bases));
        if (total(row) >= k) { table.push(row); used.push(sg); }
      });
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

function mw(family: string, variable: string, by: 'segment' | 'group', groups: string[], within: Pending['within'], a: number[], b: number[]): Pending {
  const r = mannWhitneyFromCounts(a, b);
  return { family, test: 'mann_whitney', variable, by, groups, within, n: [r.n1, r.n2], statistic: r.u, df: null, p: r.p, effect: { name: 'rank_biserial', value: r.rankBiserial, magnitude: magnitude('rank_biserial', r.rankBiserial) } };
}

function welch(family: string, variable: string, by: 'segment' | 'group', groups: string[], within: Pending['within'], a: Moments, b: Moments, level: number): Pending {
  const r = welchFromMoments(a, b, level);
  return {
    family, test: 'welch_t', variable, by, groups, within, n: [r.n1, r.n2], statistic: r.statistic, df: r.df, p: r.p,
    effect: { name: 'hedges_g', value: r.hedgesG, magnitude: magnitude('hedges_g', r.hedgesG) },
    difference: { estimate: r.difference, ciLow: r.ciLow, ciHigh: r.ciHigh, description: `mean of ${groups[0]} − mean of ${groups[1]}` },
  };
}

/** The frequency table (segment × group × value) of an item measure, from the estimates' tables where they match. */
function baseTable(c: BaseCounts | undefined, K: number, first: number, compute: () => Float64Array): Float64Array {
  return c && c.bins === K && c.lattice.min === first && c.lattice.scale === 1 ? c.counts : compute();
}

/** n, Σx and Σx² per base cell from a series' frequency tables (or computed from the rows). */
function baseMoments(c: BaseCounts | undefined, nBase: number, compute: () => Float64Array): Float64Array {
  if (!c) return compute();
  const out = new Float64Array(nBase * 3);
  for (let b = 0; b < nBase; b++) {
    for (let j = 0; j < c.bins; j++) {
      const m = c.counts[b * c.bins + j]!;
      if (m === 0) continue;
      const x = c.lattice.min + j / c.lattice.scale;
      out[b * 3]! += m;
      out[b * 3 + 1]! += m * x;
      out[b * 3 + 2]! += m * x * x;
    }
  }
  return out;
}
