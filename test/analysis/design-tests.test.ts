/**
 * The design-based tests of the analysis, made from the per-PSU sums the estimates accumulate
 * (tests-design.ts, rank-tables.ts), against the row-based functions of the stats library on the same rows
 * (svyTTest, svyRankTest, svyChisq: themselves checked against R survey in test/stats/svy-tests.test.ts) —
 * every comparison of the shipped sample, frame weights (raked) and --weights none. The priorities' two
 * MWDS variants of every cell against weightedMwds / mwds on the cell's rows, for frame weights (one per
 * JST × staff group) and weights varying within a JST (summed row by row). 1e-9 relative (the formulas are
 * exact; only the summation order differs).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildCells, cellPartition, segmentIndex } from '../../src/analysis/cells.ts';
import { DEFAULT_CONFIG } from '../../src/analysis/config.ts';
import { computeScores, itemColumn } from '../../src/analysis/scores.ts';
import { priorities, startPriorities } from '../../src/analysis/priorities.ts';
import { weightedDesign } from '../../src/analysis/series.ts';
import { RankTabulator } from '../../src/analysis/rank-tables.ts';
import type { Results, TestResultT } from '../../src/analysis/results-schema.ts';
import { buildDataset, type Dataset } from '../../src/dataset/dataset.ts';
import { frameWeights } from '../../src/dataset/weights.ts';
import { assessQuality } from '../../src/dataset/quality.ts';
import { selectRows } from '../../src/dataset/dataset.ts';
import { readResponsesCsv } from '../../src/responses/csv.ts';
import { readFrameFile } from '../../src/sampling/frame-file.ts';
import { mwds, svyChisq, svyDesign, svyRankTest, svyTTest, weightedMwds, type SurveyDesign } from '../../src/stats/index.ts';
import { shippedQuestionnaire } from '../helpers/questionnaire.ts';
import { runAnalysis } from '../helpers/analysis.ts';

const root = join(import.meta.dirname, '..', '..');
const q = shippedQuestionnaire();
const responses = readResponsesCsv(q, readFileSync(join(root, 'data-samples/responses.csv')), 'r.csv').responses;
const frame = readFrameFile(join(root, 'data-samples/frame.csv'), 'frame.csv').units;
const all = buildDataset(q, responses);
const d: Dataset = selectRows(all, (i) => assessQuality(all, DEFAULT_CONFIG.quality).keep[i] === 1, false);
const segs = DEFAULT_CONFIG.segments.map((s) => s.code);
const seg = segmentIndex(d, DEFAULT_CONFIG);
const scores = computeScores(d);

function close(actual: number | null | undefined, expected: number | null | undefined, what: string) {
  if (expected === null || expected === undefined) return expect(actual ?? null, what).toBeNull();
  expect(actual, what).not.toBeNull();
  expect(Math.abs(actual! - expected), what).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(expected)));
}

/** The domain code of each row for a test: its groups' index, NaN outside. */
function codes(t: TestResultT): Float64Array {
  return Float64Array.from({ length: d.n }, (_, i) => {
    if (seg[i]! < 0) return NaN;
    if (t.by === 'segment') {
      const k = t.groups.indexOf(segs[seg[i]!]!);
      return k < 0 ? NaN : k;
    }
    if (t.within.segment !== 'all' && segs[seg[i]!] !== t.within.segment) return NaN;
    return d.group[i]!;
  });
}

/** The column of a test's variable (an item rating, an area score, a choice) as the analysis reads it. */
function column(variable: string): { y: Float64Array; kind: 'rank' | 't' | 'chisq'; levels?: number } {
  const m = /^(.+)_(imp|lvl|gap)$/.exec(variable);
  if (m && q.areas.some((a) => a.code === m[1])) {
    const s = scores.area.get(m[1]!)!;
    return { y: m[2] === 'imp' ? s.importance : m[2] === 'lvl' ? s.level : s.gap, kind: 't' };
  }
  if (m) return { y: itemColumn(d, m[1]!, m[2] === 'imp' ? 'importance' : 'level'), kind: 'rank' };
  const v = q.variables.find((x) => x.name === variable)!;
  return { y: d.columns.get(variable)!, kind: 'chisq', levels: v.type === 'categorical' ? v.values!.length : 2 };
}

function check(results: Results, designs: { all: SurveyDesign; byGroup: SurveyDesign }) {
  const tests = results.tests.results.filter((t) => t.basis === 'design' && !t.noInference);
  expect(tests.length).toBeGreaterThan(900);
  let n = 0;
  for (const t of tests) {
    const { y, kind, levels } = column(t.variable);
    const g = codes(t);
    const design = t.by === 'group' ? designs.byGroup : designs.all;
    const where = `${t.family} ${t.variable} ${t.groups.join('/')} ${t.within.segment ?? ''}`;
    if (kind === 't') {
      const r = svyTTest(y, g, design, results.config.level);
      close(t.statistic, r.statistic, `${where} t`);
      close(t.p, r.p, `${where} p`);
      close(t.difference!.estimate, r.difference, `${where} difference`);
      close(t.difference!.ciLow, r.ciLow, `${where} ciLow`);
      close(t.effect.value, r.cohensD, `${where} d`);
      expect(t.df, where).toBe(r.df);
    } else if (kind === 'rank') {
      const r = svyRankTest(y, g, t.groups.length, design);
      close(t.statistic, r.statistic, `${where} statistic`);
      close(t.p, r.p, `${where} p`);
      expect(t.df, where).toBe(r.df);
      close(t.effect.value, t.groups.length > 2 || t.family === 'items_segments_svyrank' ? r.etaSquared : r.rankBiserial, `${where} effect`);
    } else {
      const r = svyChisq(g, y, t.groups.length, levels!, design);
      close(t.statistic, r.statistic, `${where} F`);
      close(t.df, r.df, `${where} df`);
      close(t.df2, r.df2, `${where} df2`);
      close(t.p, r.p, `${where} p`);
      close(t.effect.value, r.cramersV, `${where} V`);
    }
    n++;
  }
  return n;
}

describe('design-based tests from per-PSU sums equal the row-based tests', () => {
  it('with frame weights (raked, JSTs within strata)', () => {
    const results = runAnalysis(responses, { frame });
    const w = frameWeights(d, frame);
    const designs = { all: svyDesign({ weights: w.all, cluster: d.jst, stratum: w.stratum }), byGroup: svyDesign({ weights: w.byGroup, cluster: d.jst, stratum: w.stratum }) };
    expect(check(results, designs)).toBeGreaterThan(900);
    expect(results.tests.design.weights).toBe('frame');
  });

  it('with --weights none (JSTs as clusters, equal weights)', () => {
    const results = runAnalysis(responses);
    const design = svyDesign({ weights: new Float64Array(d.n).fill(1), cluster: d.jst });
    expect(check(results, { all: design, byGroup: design })).toBeGreaterThan(900);
    expect(results.tests.design.weights).toBe('equal');
  });
});

describe('rank tables', () => {
  it('a union of base cells not declared beforehand gets the same tie sums from a pass of its own', () => {
    const config = { ...DEFAULT_CONFIG, weights: 'frame' as const };
    const partition = cellPartition(d, config, buildCells(d, config));
    const w = frameWeights(d, frame);
    const a = svyDesign({ weights: w.all, cluster: d.jst, stratum: w.stratum });
    const b = svyDesign({ weights: w.byGroup, cluster: d.jst, stratum: w.stratum });
    const design = weightedDesign(a, b);
    const groups = [[0, 1], [4, 5]];
    const declared = new RankTabulator(partition, design, [{ bases: [0, 1, 4, 5], byGroup: false }, { bases: [2, 3], byGroup: true }]);
    const undeclared = new RankTabulator(partition, design, []);
    const y = itemColumn(d, 'DANE2', 'level');
    const counts = { lattice: { min: 1, max: 5, scale: 1 }, bins: 5, counts: new Float64Array(6 * 5) };
    for (let r = 0; r < d.n; r++) if (y[r] === y[r] && partition.base[r]! >= 0) counts.counts[partition.base[r]! * 5 + y[r]! - 1]! += 1;
    declared.accumulate(y, counts);
    undeclared.accumulate(y, counts);
    for (const [g, byGroup] of [[groups, false], [[[2], [3]], true]] as const) {
      const x = declared.scoreTotals(g, byGroup);
      const z = undeclared.scoreTotals(g, byGroup);
      x.score.forEach((v, j) => close(z.score[j], v, `score ${j}`));
      expect(Array.from(z.entries.w.subarray(0, z.entries.length))).toEqual(Array.from(x.entries.w.subarray(0, x.entries.length)));
    }
  });
});

describe('the two MWDS of every cell from per-JST sums', () => {
  const config = { ...DEFAULT_CONFIG, weights: 'frame' as const };
  const cells = buildCells(d, config);
  const partition = cellPartition(d, config, cells);
  const w = frameWeights(d, frame);
  const jitter = (x: Float64Array) => x.map((v, i) => v * (1 + (i % 4) / 8));
  const run = (wa: Float64Array, wb: Float64Array) => {
    const a = svyDesign({ weights: wa, cluster: d.jst, stratum: w.stratum });
    const b = svyDesign({ weights: wb, cluster: d.jst, stratum: w.stratum });
    const designs = { all: a, byGroup: b, weighted: weightedDesign(a, b) };
    return priorities(startPriorities(d, cells, partition, config, designs, scores, 'never'), new Map());
  };
  it.each([
    ['frame weights (one per JST × staff group)', w.all, w.byGroup],
    ['weights varying within a JST (summed row by row)', jitter(w.all), jitter(w.byGroup)],
  ] as const)('%s: weightedMwds and mwds on the cell rows', (_, wa, wb) => {
    const prio = run(wa, wb);
    let checked = 0;
    cells.forEach((cell, c) => {
      const p = prio[c]!;
      if ('suppressed' in p) return;
      const weights = cell.group === 'all' ? wa : wb;
      const pick = (x: Float64Array) => Float64Array.from(cell.rows, (r) => x[r]!);
      const wRows = pick(weights);
      for (const it of p.items) {
        const I = pick(itemColumn(d, it.item, 'importance'));
        const C = pick(itemColumn(d, it.item, 'level'));
        close(it.mwds, weightedMwds(I, C, wRows).mwds, `${cell.segment}/${cell.group} ${it.item} weighted`);
        close(it.unweighted.mwds, mwds(I, C).mwds, `${cell.segment}/${cell.group} ${it.item} classic`);
        checked++;
      }
      for (const a of p.areas) {
        const s = scores.area.get(a.area)!;
        const I = pick(s.importance);
        const C = pick(s.level);
        const ref = weightedMwds(I, C, wRows);
        close(a.mwds, ref.mwds, `${cell.segment}/${cell.group} ${a.area} weighted`);
        close(a.meanImportance, ref.meanImportance, `${a.area} mean importance`);
        close(a.meanGap, ref.meanDiscrepancy, `${a.area} mean gap`);
        close(a.unweighted.mwds, mwds(I, C).mwds, `${cell.segment}/${cell.group} ${a.area} classic`);
        checked++;
      }
    });
    expect(checked).toBeGreaterThan(500);
  });
});
