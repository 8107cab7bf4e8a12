/**
 * The MWDS bootstrap's kernels (bootstrap.ts) work four clusters or four replicates at a time for speed. Here
 * they are checked against the plain definitions written out one cluster and one replicate at a time, on the
 * same random stream: the multinomial resampling of clusters, the normal form's covariance and Cholesky draws,
 * and R's type-7 percentile interval. Equal to 1e-12 relative where only the order of a few additions differs;
 * 1e-9 for the normal form's intervals, where that difference in the covariance passes through its Cholesky
 * factor (whose conditioning amplifies it). Cluster counts that are not multiples of four, clusters equal to the mean, and replicate counts that are not
 * multiples of four are included.
 */
import { describe, expect, it } from 'vitest';
import { areaItems, areaMwds, bootstrapIntervals, cellTotals, clusterCovariance, itemMwds, type BootstrapCell, type BootstrapSpec } from '../../src/analysis/bootstrap.ts';
import { choleskySemidefinite } from '../../src/stats/internal/cholesky.ts';
import { Rng } from '../../src/util/rng.ts';

const ITEMS = 5;
const WIDTH = 3 * ITEMS;

/** J clusters of per-item sums Σ(I − C), ΣI, n as a JST of a few respondents would give; cluster 2 repeats cluster 0. */
function cell(J: number, seed: string): BootstrapCell {
  const rng = new Rng(seed);
  const sums = new Float64Array(J * WIDTH);
  for (let j = 0; j < J; j++) {
    for (let i = 0; i < ITEMS; i++) {
      const n = 1 + rng.int(6);
      let gap = 0;
      let imp = 0;
      for (let r = 0; r < n; r++) {
        const I = 1 + rng.int(5);
        imp += I;
        gap += I - (1 + rng.int(5));
      }
      sums.set([gap, imp, n], j * WIDTH + 3 * i);
    }
  }
  if (J > 2) sums.copyWithin(2 * WIDTH, 0, WIDTH);
  return { key: `cell${J}`, J, sums };
}

const spec = (replicates: number, exactUpToJsts: number): BootstrapSpec => ({
  itemArea: Int32Array.from([0, 0, 1, 1, 1]), nAreas: 2, threshold: 1, replicates, seed: 'test', level: 0.95, exactUpToJsts,
});

/** Σ_j (s_j − s̄)(s_j − s̄)ᵀ, one cluster at a time. */
function covarianceByDefinition(c: BootstrapCell): Float64Array {
  const total = cellTotals(c, WIDTH);
  const cov = new Float64Array(WIDTH * WIDTH);
  for (let j = 0; j < c.J; j++) {
    for (let x = 0; x < WIDTH; x++) {
      for (let y = 0; y <= x; y++) cov[x * WIDTH + y]! += (c.sums[j * WIDTH + x]! - total[x]! / c.J) * (c.sums[j * WIDTH + y]! - total[y]! / c.J);
    }
  }
  return cov;
}

function percentile(values: number[], level: number): [number | null, number | null] {
  const v = values.filter((x) => !Number.isNaN(x)).sort((a, b) => a - b);
  if (v.length < 2) return [null, null];
  const q = (p: number) => {
    const h = (v.length - 1) * p;
    const lo = Math.floor(h);
    return v[lo]! + (h - lo) * (v[Math.min(lo + 1, v.length - 1)]! - v[lo]!);
  };
  return [q((1 - level) / 2), q(1 - (1 - level) / 2)];
}

/** bootstrapIntervals written out plainly: each replicate's totals, then MWDS, then percentiles. */
function intervalsByDefinition(c: BootstrapCell, s: BootstrapSpec): (number | null)[] {
  const total = cellTotals(c, WIDTH);
  const members = areaItems(total, s);
  const rng = new Rng(`${s.seed}:${c.key}`);
  const exact = c.J <= s.exactUpToJsts;
  const L = exact ? null : choleskySemidefinite(covarianceByDefinition(c), WIDTH);
  const itemReps: number[][] = Array.from({ length: ITEMS }, () => []);
  const areaReps: number[][] = Array.from({ length: s.nAreas }, () => []);
  for (let b = 0; b < s.replicates; b++) {
    const t = new Float64Array(WIDTH);
    if (exact) {
      const counts = new Array<number>(c.J).fill(0);
      for (let j = 0; j < c.J; j++) counts[rng.int(c.J)]!++;
      for (let j = 0; j < c.J; j++) for (let x = 0; x < WIDTH; x++) t[x]! += counts[j]! * c.sums[j * WIDTH + x]!;
    } else {
      const z = Array.from({ length: WIDTH }, () => rng.normal());
      for (let x = 0; x < WIDTH; x++) {
        t[x] = total[x]!;
        for (let y = 0; y <= x; y++) t[x]! += L![x * WIDTH + y]! * z[y]!;
      }
    }
    for (let i = 0; i < ITEMS; i++) itemReps[i]!.push(itemMwds(t, i));
    for (let a = 0; a < s.nAreas; a++) areaReps[a]!.push(areaMwds(t, members[a]!));
  }
  return [...itemReps, ...areaReps].flatMap((reps) => percentile(reps, s.level));
}

function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number | null>, tolerance = 1e-12) {
  expect(actual.length).toBe(expected.length);
  for (let k = 0; k < actual.length; k++) {
    const e = expected[k] ?? NaN;
    if (Number.isNaN(e)) expect(actual[k]).toBeNaN();
    else expect(Math.abs(actual[k]! - e)).toBeLessThanOrEqual(tolerance * Math.max(1, Math.abs(e)));
  }
}

describe('bootstrap kernels against their definitions', () => {
  it('cluster covariance, four clusters at a time, for 1 to 11 clusters', () => {
    for (let J = 1; J <= 11; J++) {
      const c = cell(J, `cov${J}`);
      expectClose(clusterCovariance(c.sums, cellTotals(c, WIDTH), J, WIDTH), covarianceByDefinition(c));
    }
  });

  it('exact cluster bootstrap: the same intervals as resampling one cluster at a time', () => {
    for (const [J, B] of [[7, 50], [9, 101], [4, 3]] as const) {
      const c = cell(J, `exact${J}`);
      const s = spec(B, 100);
      expectClose(bootstrapIntervals(c, s), intervalsByDefinition(c, s));
    }
  });

  it('its normal form: the same intervals as drawing one replicate at a time', () => {
    for (const [J, B] of [[30, 50], [13, 101], [6, 2]] as const) {
      const c = cell(J, `normal${J}`);
      const s = spec(B, 0);
      expectClose(bootstrapIntervals(c, s), intervalsByDefinition(c, s), 1e-9);
    }
  });

  it('a statistic with fewer than two replicates has no interval', () => {
    const c = cell(5, 'one');
    expect([...bootstrapIntervals(c, spec(1, 100))].every(Number.isNaN)).toBe(true);
  });
});
