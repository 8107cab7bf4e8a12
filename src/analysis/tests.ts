/**
 * Tests between segments and between staff groups — design-based, with the unweighted tests beside them as
 * a sensitivity analysis. Each comparison is one of six documented families, and Holm's correction runs
 * within each family:
 * - items_segments: every item × measure (ordinal 1–5) across the segments (all staff);
 * - items_segment_pairs: every item × measure between each pair of segments;
 * - items_groups: management vs operational staff, every item × measure, within each segment and overall;
 * - areas_segment_pairs: area scores (importance, level, gap) between each pair of segments;
 * - areas_groups: area scores, management vs operational, within each segment and overall;
 * - choices_segments: segment × answer of every single-choice question and of every checkbox option.
 * Design-based (the findings and the differences chapter use only these), as R survey with JSTs as
 * clusters within the weighting strata and the analysis's weights (`tests.design` in results.json gives the
 * svydesign calls; with --weights none JSTs as clusters with equal weights): svyranktest (Wilcoxon scores;
 * k-sample across segments) with the design-based rank-biserial r or η² of the rank scores; svyttest (the
 * svyglm contrast of two domain means) with d on the design-based SDs; svychisq(statistic = "F") (Rao–Scott)
 * with Cramér's V of the weighted table. Comparisons between segments use the JST weight shared among all
 * its respondents, between staff groups the weight shared within the staff group, as the estimates of those
 * cells do. Unweighted twins (Kruskal–Wallis, Mann–Whitney, Welch, Pearson chi-square: tests-unweighted.ts)
 * are computed for exactly the same comparisons, in families of their own.
 *
 * A comparison is made only between groups of at least the suppression threshold (the others are counted
 * as omitted) that can each support inference (series.ts `noInferenceReason`: data from more than one JST,
 * design df ≥ 1); a comparison with a group that cannot is listed with that reason and no statistic, in
 * both bases. Nothing here reads respondents' rows unless a series lies on no lattice: the design-based
 * tests use the per-PSU sums the estimates accumulate (tests-design.ts, rank-tables.ts), the unweighted ones
 * the frequency tables per segment × staff group.
 */
import { holm, svyChisqFromTotals, svyRankTest, svyRankTestFromScores, svyTTest, svyTTestFromTotals, type SvyRankTestResult, type SvyTTestResult } from '../stats/index.ts';
import type { AnalysisConfig } from './config.ts';
import type { Designs } from './estimates.ts';
import { RankTabulator } from './rank-tables.ts';
import type { Results, TestResultT } from './results-schema.ts';
import { mergeCounts, total, type BaseCounts, type Partition, type SeriesSums } from './series.ts';
import { ChoiceTable, DomainCounter, EntryBuffers, rowCodes, rowInference, tTotalsFromSums } from './tests-design.ts';
import { noInferenceReason } from './inference.ts';
import { chisq, kw, momentsOfCounts, mw, welch, type TestFields } from './tests-unweighted.ts';
import { chisqFields, designDescription, designEffect, rankFields, TEST_FAMILIES, tFields, unweightedEffect, unweightedTest, type FamilyKey } from './tests-families.ts';

type Pending = Omit<TestResultT, 'pAdjusted' | 'significant'>;
type Groups = number[][];

/** A comparison: its groups (names and the base cells each is the union of), and where it is made. */
interface Comparison {
  family: FamilyKey;
  by: 'segment' | 'group';
  names: string[];
  within: Pending['within'];
  bases: Groups;
  byGroup: boolean;
}

export class TestRunner {
  private readonly pending: Pending[] = [];
  private readonly omitted = new Map<FamilyKey, { small: number; noInference: number }>(TEST_FAMILIES.map((f) => [f.key, { small: 0, noInference: 0 }]));
  private readonly rank: RankTabulator;
  private readonly segs: string[];
  private readonly k: number;

  constructor(private readonly config: AnalysisConfig, private readonly partition: Partition, private readonly designs: Designs) {
    // The unions of base cells the item comparisons make, for the rank tables' tie sums.
    const unions = new Map<string, { bases: number[]; byGroup: boolean }>();
    for (const c of this.comparisonsOf('items', config.segments.map((s) => s.code))) {
      const bases = c.bases.flat().sort((a, b) => a - b);
      unions.set(`${c.byGroup}|${bases.join()}`, { bases, byGroup: c.byGroup });
    }
    this.rank = new RankTabulator(partition, designs.weighted, [...unions.values()]);
    this.counter = new DomainCounter(designs.weighted);
    this.segs = config.segments.map((s) => s.code);
    this.table = new ChoiceTable(this.segs.length, designs.weighted.nPsu);
    this.k = config.suppressionThreshold;
  }

  /** The comparisons of a measure: across segments (items only), pairs of segments, staff groups within each segment and overall. */
  private comparisons(kind: 'items' | 'areas'): Comparison[] {
    return this.comparisonsOf(kind, this.segs);
  }

  private comparisonsOf(kind: 'items' | 'areas', segs: readonly string[]): Comparison[] {
    const S = segs.length;
    const seg = (s: number) => [2 * s, 2 * s + 1];
    const out: Comparison[] = [];
    if (kind === 'items') out.push({ family: 'items_segments', by: 'segment', names: [...segs], within: { group: 'all' }, bases: segs.map((_, s) => seg(s)), byGroup: false });
    for (let a = 0; a < S; a++) {
      for (let b = a + 1; b < S; b++) {
        out.push({ family: kind === 'items' ? 'items_segment_pairs' : 'areas_segment_pairs', by: 'segment', names: [segs[a]!, segs[b]!], within: { group: 'all' }, bases: [seg(a), seg(b)], byGroup: false });
      }
    }
    const all = segs.map((_, s) => s);
    for (const sg of [...segs, 'all']) {
      const ss = sg === 'all' ? all : [segs.indexOf(sg)];
      out.push({ family: kind === 'items' ? 'items_groups' : 'areas_groups', by: 'group', names: ['management', 'operational'], within: { segment: sg }, bases: [ss.map((s) => 2 * s), ss.map((s) => 2 * s + 1)], byGroup: true });
    }
    return out;
  }

  /** The tests of an item measure (an ordinal rating), as it is read by the estimates. */
  item(variable: string, y: Float64Array, counts: BaseCounts | null): void {
    const tables = counts && counts.lattice.scale === 1 && Number.isInteger(counts.lattice.min) ? counts : null;
    if (tables) this.rank.accumulate(y, tables);
    for (const c of this.comparisons('items')) {
      const g = this.usable(c, (bases) => (tables ? total(mergeCounts(tables, bases)) : this.rowsWithData(y, bases)));
      if (!g) continue;
      let res: SvyRankTestResult;
      let inf: { jsts: number[]; df: number[] };
      if (tables) {
        const t = this.rank.scoreTotals(g.bases, c.byGroup);
        inf = this.inference(t.entries, g.bases.length);
        res = svyRankTestFromScores(t, g.bases.length, this.designs.weighted);
      } else {
        const codes = rowCodes(this.partition.base, this.partition.nBase, g.bases);
        const design = c.byGroup ? this.designs.byGroup : this.designs.all;
        inf = rowInference(y, codes, g.bases.length, design);
        res = svyRankTest(y, codes, g.bases.length, design);
      }
      const kept = this.withInference(c, variable, g, inf);
      if (!kept) continue;
      if (kept.bases.length !== g.bases.length) {
        // A segment dropped from the k-sample test for want of inference: test the others again.
        const t = tables ? this.rank.scoreTotals(kept.bases, false) : null;
        res = t ? svyRankTestFromScores(t, kept.bases.length, this.designs.weighted) : svyRankTest(y, rowCodes(this.partition.base, this.partition.nBase, kept.bases), kept.bases.length, this.designs.all);
      }
      const unweighted = tables
        ? (c.family === 'items_segments' ? kw(kept.bases.map((b) => mergeCounts(tables, b)), null) : mw(mergeCounts(tables, kept.bases[0]!), mergeCounts(tables, kept.bases[1]!), true))
        : (c.family === 'items_segments' ? kw(null, kept.bases.map((b) => this.values(y, b))) : mw(this.values(y, kept.bases[0]!), this.values(y, kept.bases[1]!), false));
      this.push(c, variable, kept, rankFields(res, c.family === 'items_segments', kept.names), unweighted);
    }
  }

  /** The tests of an area score (importance, level or gap), from the accumulator's sums of the series just read. */
  area(variable: string, y: Float64Array, counts: BaseCounts | null, sums: SeriesSums | null): void {
    for (const c of this.comparisons('areas')) {
      const g = this.usable(c, (bases) => (counts ? total(mergeCounts(counts, bases)) : this.rowsWithData(y, bases)));
      if (!g) continue;
      let res: SvyTTestResult;
      let inf: { jsts: number[]; df: number[] };
      if (counts && sums) {
        const merged = g.bases.map((b) => mergeCounts(counts, b));
        const t = tTotalsFromSums(sums, g.bases, c.byGroup, g.n, merged.map((m) => m.filter((x) => x > 0).length <= 1), this.buffers);
        inf = this.inference(t.entries, 2);
        res = svyTTestFromTotals(t, this.designs.weighted, this.config.level);
      } else {
        const codes = rowCodes(this.partition.base, this.partition.nBase, g.bases);
        const design = c.byGroup ? this.designs.byGroup : this.designs.all;
        inf = rowInference(y, codes, 2, design);
        res = svyTTest(y, codes, design, this.config.level);
      }
      const kept = this.withInference(c, variable, g, inf);
      if (!kept) continue;
      const unweighted = counts
        ? welch(momentsOfCounts(mergeCounts(counts, g.bases[0]!), counts.lattice.min, counts.lattice.scale), momentsOfCounts(mergeCounts(counts, g.bases[1]!), counts.lattice.min, counts.lattice.scale), this.config.level, g.names)
        : welch(this.values(y, g.bases[0]!), this.values(y, g.bases[1]!), this.config.level, g.names);
      this.push(c, variable, kept, tFields(res, g.names), unweighted);
    }
  }

  /** A segment × answer table to fill from the 0/1 series of a question's answers (ChoiceTable.add). */
  choiceTable(columns: number): ChoiceTable {
    return this.table.reset(columns);
  }

  private readonly table: ChoiceTable;

  /**
   * The Rao–Scott test of segment × answer, once its table is filled; `perSegment[s][j]` the respondents of
   * segment s giving answer j (the unweighted table).
   */
  choice(variable: string, table: ChoiceTable, perSegment: number[][]): void {
    const c: Comparison = { family: 'choices_segments', by: 'segment', names: this.segs, within: { group: 'all' }, bases: this.segs.map((_, s) => [2 * s, 2 * s + 1]), byGroup: false };
    const g = this.usable(c, (bases) => total(perSegment[bases[0]! / 2]!));
    if (!g) return;
    const answered = g.bases.map((b) => table.answered(b[0]! / 2, this.designs.weighted));
    const kept = this.withInference(c, variable, g, { jsts: answered.map((a) => a.jsts), df: answered.map((a) => a.df) });
    if (!kept) return;
    const rows = kept.bases.map((b) => b[0]! / 2);
    const rowOf = new Int32Array(this.segs.length).fill(-1);
    rows.forEach((s, i) => (rowOf[s] = i));
    const e = table.entries(rowOf);
    const res = svyChisqFromTotals({ R: rows.length, C: table.columns, ...e, N: rows.reduce((s, r) => s + total(perSegment[r]!), 0) }, this.designs.weighted);
    this.push(c, variable, kept, chisqFields(res), chisq(rows.map((r) => perSegment[r]!)));
  }

  /** Holm within each family; the families with their counts; the results, design-based families first. */
  result(): Results['tests'] {
    const alpha = 1 - this.config.level;
    const results: TestResultT[] = [];
    const families: Results['tests']['families'] = [];
    for (const basis of ['design', 'unweighted'] as const) {
      for (const f of TEST_FAMILIES) {
        const id = basis === 'design' ? f.design.id : f.unweighted.id;
        const tests = this.pending.filter((t) => t.family === id);
        const tested = tests.filter((t) => !t.noInference);
        const adjusted = holm(tested.map((t) => t.p));
        const adj = new Map(tested.map((t, i) => [t, adjusted[i] ?? null]));
        for (const t of tests) {
          const pAdjusted = adj.get(t) ?? null;
          results.push({ ...t, pAdjusted, significant: pAdjusted !== null && pAdjusted < alpha });
        }
        const o = this.omitted.get(f.key)!;
        families.push({
          id, basis, test: basis === 'design' ? f.design.test : unweightedTest(f.key), twin: basis === 'design' ? f.unweighted.id : f.design.id,
          description: basis === 'design' ? f.design.description : f.unweighted.description,
          rCall: basis === 'design' ? f.design.rCall : null,
          correction: 'holm', tests: tested.length, omitted: o.small + o.noInference, omittedNoInference: o.noInference,
        });
      }
    }
    return { alpha, design: designDescription(this.config), families, results };
  }

  // --- helpers --------------------------------------------------------------------------------------------

  /** The groups of a comparison with at least k respondents with data (null, counted as omitted, when fewer than two). */
  private usable(c: Comparison, nOf: (bases: number[]) => number): Usable | null {
    const n = c.bases.map(nOf);
    const keep = n.map((_, i) => i).filter((i) => n[i]! >= this.k);
    if (keep.length < 2) {
      this.omitted.get(c.family)!.small++;
      return null;
    }
    return { names: keep.map((i) => c.names[i]!), bases: keep.map((i) => c.bases[i]!), n: keep.map((i) => n[i]!) };
  }

  /**
   * The rule for comparisons: a group whose data come from one JST, or from one JST per stratum, supports no
   * test. A test across all segments leaves such a segment out and goes on with two or more others (saying
   * so in its note); any other comparison is listed with the reason and no statistic, in both bases.
   */
  private withInference(c: Comparison, variable: string, g: Usable, inf: { jsts: number[]; df: number[] }): Kept | null {
    const reason = g.names.map((_, i) => noInferenceReason(inf.jsts[i]!, inf.df[i]!));
    if (reason.every((r) => r === null)) return { ...g, jsts: inf.jsts, note: null };
    const words = g.names.map((name, i) => (reason[i] ? `${name}: ${reason[i]!.replace(/^[^:]*?(one JST[^:]*?):.*$/, 'data from $1')}` : null)).filter((x): x is string => x !== null).join('; ');
    const keep = reason.map((r, i) => (r === null ? i : -1)).filter((i) => i >= 0);
    if ((c.family === 'items_segments' || c.family === 'choices_segments') && keep.length >= 2) {
      return { names: keep.map((i) => g.names[i]!), bases: keep.map((i) => g.bases[i]!), n: keep.map((i) => g.n[i]!), jsts: keep.map((i) => inf.jsts[i]!), note: `left out, no inference possible (${words})` };
    }
    this.omitted.get(c.family)!.noInference++;
    const def = TEST_FAMILIES.find((f) => f.key === c.family)!;
    const common = { variable, by: c.by, groups: g.names, within: c.within, n: g.n, jsts: inf.jsts, statistic: null, df: null, p: null, noInference: `no test: ${words}` };
    this.pending.push({ family: def.design.id, basis: 'design', test: def.design.test, ...common, effect: { name: designEffect(c.family), value: null, magnitude: null } });
    this.pending.push({ family: def.unweighted.id, basis: 'unweighted', test: unweightedTest(c.family), ...common, effect: { name: unweightedEffect(c.family), value: null, magnitude: null } });
    return null;
  }

  private push(c: Comparison, variable: string, kept: Kept, design: TestFields, unweighted: TestFields): void {
    const def = TEST_FAMILIES.find((f) => f.key === c.family)!;
    const common = { variable, by: c.by, groups: kept.names, within: c.within, n: kept.n, jsts: kept.jsts };
    const note = (x: string | undefined) => [kept.note, x].filter(Boolean).join('; ');
    const withNote = <T extends TestFields>(f: T) => ({ ...f, ...(note(f.note) ? { note: note(f.note) } : {}) });
    this.pending.push({ family: def.design.id, basis: 'design', test: def.design.test, ...common, ...withNote(design) });
    this.pending.push({ family: def.unweighted.id, basis: 'unweighted', test: unweightedTest(c.family), ...common, ...withNote(unweighted) });
  }

  private readonly counter: DomainCounter;
  private readonly buffers = new EntryBuffers();

  /** JSTs and design df of each domain of a comparison, from its entries. */
  private inference(e: { psu: Int32Array; domain: Int32Array; w: Float64Array; length: number }, G: number): { jsts: number[]; df: number[] } {
    return this.counter.count(e.psu, e.domain, e.w, e.length, G);
  }

  private rowsWithData(y: Float64Array, bases: number[]): number {
    const inBases = new Uint8Array(this.partition.nBase);
    for (const b of bases) inBases[b] = 1;
    let n = 0;
    for (let i = 0; i < y.length; i++) {
      const b = this.partition.base[i]!;
      if (b >= 0 && inBases[b] && y[i] === y[i]) n++;
    }
    return n;
  }

  private values(y: Float64Array, bases: number[]): Float64Array {
    const inBases = new Uint8Array(this.partition.nBase);
    for (const b of bases) inBases[b] = 1;
    const out: number[] = [];
    for (let i = 0; i < y.length; i++) {
      const b = this.partition.base[i]!;
      if (b >= 0 && inBases[b] && y[i] === y[i]) out.push(y[i]!);
    }
    return Float64Array.from(out);
  }

}

interface Usable {
  names: string[];
  bases: Groups;
  n: number[];
}

interface Kept extends Usable {
  jsts: number[];
  note: string | null;
}

