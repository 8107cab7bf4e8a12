/**
 * The one-pass, all-cells path (series.ts) against the reference functions of the stats library on the
 * rows of each cell: describe() for n, mean, SD, median and t-interval; svyMean() (checked against R
 * survey in test/stats) for the design-based mean, SE, CI, design effect and n_eff;
 * cronbachAlpha() for reliability. Shipped sample, frame weights (raked; one lonely stratum added), every cell.
 * Tolerance 1e-9 relative (the formulas are exact; only summation order differs).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe as suite, expect, it } from 'vitest';
import { buildCells, cellPartition, gather } from '../../src/analysis/cells.ts';
import { DEFAULT_CONFIG } from '../../src/analysis/config.ts';
import { Estimator } from '../../src/analysis/estimates.ts';
import { reliability } from '../../src/analysis/reliability.ts';
import { computeScores, itemColumn, scoreLattice } from '../../src/analysis/scores.ts';
import { SeriesAccumulator, weightedDesign, type Lattice } from '../../src/analysis/series.ts';
import { cronbachAlpha, describe, svyDesign, svyMean } from '../../src/stats/index.ts';
import { buildDataset } from '../../src/dataset/dataset.ts';
import { frameWeights } from '../../src/dataset/weights.ts';
import { readResponsesCsv } from '../../src/responses/csv.ts';
import { readFrameFile } from '../../src/sampling/frame-file.ts';
import { shippedQuestionnaire } from '../helpers/questionnaire.ts';

const root = join(import.meta.dirname, '..', '..');
const q = shippedQuestionnaire();
const d = buildDataset(q, readResponsesCsv(q, readFileSync(join(root, 'data-samples/responses.csv')), 'r.csv').responses);
const frame = readFrameFile(join(root, 'data-samples/frame.csv'), 'frame.csv').units;
const config = { ...DEFAULT_CONFIG, suppressionThreshold: 1, weights: 'frame' as const };
const w = frameWeights(d, frame);
// The raked weights' strata (JST kinds), plus one JST in a stratum of its own: a lonely PSU, so that both
// variance branches of the estimator are exercised.
const stratum = d.jst.map((j, i) => (j === d.jst[0] ? 'solo' : w.stratum[i]!));
const all = svyDesign({ weights: w.all, cluster: d.jst, stratum });
const byGroup = svyDesign({ weights: w.byGroup, cluster: d.jst, stratum });
const designs = { all, byGroup, weighted: weightedDesign(all, byGroup) };
const cells = buildCells(d, config);
const partition = cellPartition(d, config, cells);
const scores = computeScores(d);
const est = new Estimator(d, config, designs, partition, cells.map((c) => c.rows));

function close(actual: number | null | undefined, expected: number | null | undefined, what: string) {
  if (expected === null || expected === undefined) return expect(actual ?? null, what).toBeNull();
  expect(actual, what).not.toBeNull();
  expect(Math.abs(actual! - expected), what).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(expected)));
}

// The same with weights that vary within a JST (not frame weights): the weighted sums are then formed row by row.
const jitter = (x: Float64Array) => x.map((v, i) => v * (1 + (i % 4) / 8));
const allVarying = svyDesign({ weights: jitter(w.all), cluster: d.jst, stratum });
const byGroupVarying = svyDesign({ weights: jitter(w.byGroup), cluster: d.jst, stratum });
const designsVarying = { all: allVarying, byGroup: byGroupVarying, weighted: weightedDesign(allVarying, byGroupVarying) };
const estVarying = new Estimator(d, config, designsVarying, partition, cells.map((c) => c.rows));

function checkSeries(name: string, y: Float64Array, lattice: Lattice | null, expectTables: boolean, varying = false, read?: (e: Estimator) => ReturnType<Estimator['series']>) {
  const { estimates, counts } = read ? read(varying ? estVarying : est) : (varying ? estVarying : est).series(y, lattice);
  const [svyAll, svyByGroup] = varying ? [allVarying, byGroupVarying] : [all, byGroup];
  expect(counts !== null, `${name}: frequency tables`).toBe(expectTables);
  cells.forEach((cell, c) => {
    const e = estimates[c]!;
    const where = `${name} ${cell.segment}/${cell.group}`;
    const ref = describe(gather(y, cell.rows, new Float64Array(cell.rows.length)));
    expect('suppressed' in e ? 0 : e.n, where).toBe(ref.n);
    if ('suppressed' in e) return;
    for (const key of ['mean', 'sd', 'median', 'ciLow', 'ciHigh'] as const) close(e[key], ref[key], `${where} ${key}`);
    const sv = svyMean(y, cell.group === 'all' ? svyAll : svyByGroup, config.level, cell.rows);
    close(e.weighted!.mean, sv.mean, `${where} weighted mean`);
    close(e.weighted!.se, sv.se, `${where} se`);
    close(e.weighted!.ciLow, sv.ciLow, `${where} ciLow`);
    close(e.weighted!.deff, sv.deffReplace, `${where} deff`);
    close(e.weighted!.nEff, sv.nEff, `${where} nEff`);
  });
}

suite('every cell from one pass per series', () => {
  it('the design has lonely strata and several strata, so both variance branches are exercised', () => {
    expect(all.lonelyStrata).toBeGreaterThan(0);
    expect(all.nStrata).toBeGreaterThan(3);
  });

  it.each(['DANE1', 'SIEC3', 'ZAWOD2', 'PRZED1', 'STRAT4'])('item %s: importance, level and gap equal describe() and svyMean()', (item) => {
    checkSeries(`${item} imp`, itemColumn(d, item, 'importance'), { min: 1, max: 5, scale: 1 }, true);
    checkSeries(`${item} lvl`, itemColumn(d, item, 'level'), { min: 1, max: 5, scale: 1 }, true);
    checkSeries(`${item} gap`, scores.itemGap(item), { min: -4, max: 4, scale: 1 }, true);
  });

  it.each(['DANE', 'KADRY', 'ZAWOD', 'PRZED'])('area %s: scores on the 1/lcm lattice equal describe() and svyMean()', (area) => {
    const lattice = scoreLattice(q, area)!;
    expect(lattice.rating.scale).toBeGreaterThan(1);
    const s = scores.area.get(area)!;
    checkSeries(`${area} imp`, s.importance, lattice.rating, true);
    checkSeries(`${area} gap`, s.gap, lattice.gap, true);
  });

  it('frame weights are one per JST (× staff group): sums per JST; weights varying within a JST: row by row, the same estimates', () => {
    expect(new SeriesAccumulator(partition, designs.weighted, config).oneWeightPerCell).toBe(true);
    expect(new SeriesAccumulator(partition, designsVarying.weighted, config).oneWeightPerCell).toBe(false);
    for (const item of ['DANE1', 'STRAT4']) {
      checkSeries(`${item} imp, varying weights`, itemColumn(d, item, 'importance'), { min: 1, max: 5, scale: 1 }, true, true);
      checkSeries(`${item} gap, varying weights`, scores.itemGap(item), { min: -4, max: 4, scale: 1 }, true, true);
    }
    const lattice = scoreLattice(q, 'KADRY')!;
    checkSeries('KADRY imp, varying weights', scores.area.get('KADRY')!.importance, lattice.rating, true, true);
  });

  it('a series off the lattice is described from its rows, with the same results', () => {
    const y = itemColumn(d, 'DANE1', 'importance').map((v, i) => (v === v ? v + (i % 3) * 0.37 : v));
    checkSeries('off-lattice', y, { min: 1, max: 6, scale: 1 }, false);
    checkSeries('no lattice', y, null, false);
  });

  it('a 0/1 indicator gives the proportions of svyMean', () => {
    const col = d.columns.get(`${q.roles.trainingAreas}_DANE`)!;
    checkSeries('training DANE', col, { min: 0, max: 1, scale: 1 }, true);
  });

  it('an option of a single-choice question, read from the categorical column, gives the proportions of svyMean', () => {
    const col = d.columns.get('position')!;
    for (const value of [0, 1, 2]) {
      const y = col.map((v) => (v !== v ? NaN : v === value ? 1 : 0));
      expect(y.some((v) => v === 1)).toBe(true);
      for (const varying of [false, true]) checkSeries(`position = ${value}`, y, null, true, varying, (e) => e.indicator(col, value));
    }
  });

  it('reliability from merged cross-products equals cronbachAlpha on the cell rows', () => {
    const rel = reliability(d, partition, config);
    let checked = 0;
    for (const r of rel) {
      if ('suppressed' in r) continue;
      const cell = cells.find((c) => c.segment === r.segment && c.group === r.group)!;
      const cols = r.items.map((it) => gather(itemColumn(d, it.item, r.measure as 'importance'), cell.rows, new Float64Array(cell.rows.length)));
      const ref = cronbachAlpha(cols);
      expect(r.n).toBe(ref.n);
      close(r.alpha, ref.alpha, `${r.area} ${r.measure} ${r.segment}/${r.group} alpha`);
      r.items.forEach((it, j) => {
        close(it.itemRestCorrelation, ref.items[j]!.itemRestCorrelation, `${it.item} r`);
        close(it.alphaIfDeleted, ref.items[j]!.alphaIfDeleted, `${it.item} alpha if deleted`);
      });
      checked++;
    }
    expect(checked).toBeGreaterThan(200);
  });
});
