/**
 * The MWDS bootstrap's kernels (bootstrap.ts) against their plain definitions written out one JST and one
 * replicate at a time, on the same random stream: the Rao–Wu resampling within strata (n_h − 1 draws from
 * the n_h JSTs of each stratum, each counting n_h/(n_h − 1); a lonely stratum always in), the normal form's
 * per-statistic covariance and Cholesky draws, and R's type-7 percentile interval. Equal to 1e-12 relative
 * where only the order of a few additions differs. JST counts that are not multiples of four, strata of the
 * design larger than the cell's share of them, a lonely stratum and replicate counts that are not multiples
 * of four are included. And the property the design needs: the Rao–Wu replicate totals have the Taylor
 * covariance Σ_h n_h/(n_h − 1) Σ_c (s_c − s̄_h)(s_c − s̄_h)ᵀ (checked by simulation, 3 % tolerance for
 * 40,000 replicates).
 */
import { describe, expect, it } from 'vitest';
import { blockCovariance, bootstrapIntervals, cellTotals, mwdsAt, raoWuReplicates, strataMembers, type BootstrapCell, type BootstrapSpec } from '../../src/analysis/bootstrap.ts';
import { choleskySemidefinite } from '../../src/stats/internal/cholesky.ts';
import { Rng } from '../../src/util/rng.ts';

const STATS = 5;
const VARIANTS = 2;
const BLOCKS = STATS * VARIANTS;
const WIDTH = 3 * BLOCKS;

/**
 * J JSTs of per-statistic sums (weighted Σw(I − C), ΣwI, Σw; unweighted Σ(I − C), ΣI, n) as a JST of a few
 * respondents would give, in three strata of the design of sizes J, J + 4 and 1 (JST 0 alone: lonely).
 */
function cell(J: number, seed: string): BootstrapCell {
  const rng = new Rng(seed);
  const sums = new Float64Array(J * WIDTH);
  for (let j = 0; j < J; j++) {
    const w = 0.5 + rng.int(8) / 2;
    for (let s = 0; s < STATS; s++) {
      const n = 1 + rng.int(6);
      let gap = 0;
      let imp = 0;
      for (let r = 0; r < n; r++) {
        const I = 1 + rng.int(5);
        imp += I;
        gap += I - (1 + rng.int(5));
      }
      sums.set([w * gap, w * imp, w * n, gap, imp, n], j * WIDTH + 6 * s);
    }
  }
  const stratum = Int32Array.from({ length: J }, (_, j) => (j === 0 ? 2 : j % 2));
  return { key: `cell${J}`, J, sums, stratum, strataSize: Int32Array.from([J, J + 4, 1]) };
}

const spec = (replicates: number, exactUpToJsts: number): BootstrapSpec => ({ stats: STATS, variants: VARIANTS, replicates, seed: 'test', level: 0.95, exactUpToJsts });

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

/** A Rao–Wu replicate's totals, one draw and one JST at a time. */
function replicateByDefinition(c: BootstrapCell, rng: Rng): Float64Array {
  const t = new Float64Array(WIDTH);
  for (let h = 0; h < c.strataSize.length; h++) {
    const members = Array.from({ length: c.J }, (_, j) => j).filter((j) => c.stratum[j] === h);
    if (!members.length) continue;
    const nh = c.strataSize[h]!;
    const add = (j: number, f: number) => { for (let x = 0; x < WIDTH; x++) t[x]! += f * c.sums[j * WIDTH + x]!; };
    if (nh === 1) { add(members[0]!, 1); continue; }
    for (let d = 0; d < nh - 1; d++) {
      const u = rng.int(nh);
      if (u < members.length) add(members[u]!, nh / (nh - 1));
    }
  }
  return t;
}

/** Σ_h n_h/(n_h − 1) Σ_{c∈h} (s_c − s̄_h)(s_c − s̄_h)ᵀ of one block, over all n_h JSTs of each stratum (zeros outside the cell). */
function covarianceByDefinition(c: BootstrapCell, o: number): number[] {
  const cov = new Array<number>(9).fill(0);
  for (let h = 0; h < c.strataSize.length; h++) {
    const nh = c.strataSize[h]!;
    if (nh < 2) continue;
    const rows = Array.from({ length: nh }, (_, u) => {
      const members = Array.from({ length: c.J }, (_, j) => j).filter((j) => c.stratum[j] === h);
      return u < members.length ? [0, 1, 2].map((x) => c.sums[members[u]! * WIDTH + o + x]!) : [0, 0, 0];
    });
    const mean = [0, 1, 2].map((x) => rows.reduce((s, r) => s + r[x]!, 0) / nh);
    for (const r of rows) for (let x = 0; x < 3; x++) for (let y = 0; y < 3; y++) cov[x * 3 + y]! += (nh / (nh - 1)) * (r[x]! - mean[x]!) * (r[y]! - mean[y]!);
  }
  return cov;
}

function intervalsByDefinition(c: BootstrapCell, s: BootstrapSpec): (number | null)[] {
  const rng = new Rng(`${s.seed}:${c.key}`);
  const reps: number[][] = Array.from({ length: BLOCKS }, () => []);
  if (c.J <= s.exactUpToJsts) {
    for (let b = 0; b < s.replicates; b++) {
      const t = replicateByDefinition(c, rng);
      for (let k = 0; k < BLOCKS; k++) reps[k]!.push(mwdsAt(t, 3 * k));
    }
  } else {
    const total = cellTotals(c, WIDTH);
    for (let k = 0; k < BLOCKS; k++) {
      const L = choleskySemidefinite(Float64Array.from(covarianceByDefinition(c, 3 * k)), 3);
      for (let b = 0; b < s.replicates; b++) {
        const z = [rng.normal(), rng.normal(), rng.normal()];
        const t = [0, 1, 2].map((x) => total[3 * k + x]! + [0, 1, 2].reduce((acc, y) => acc + (y <= x ? L[x * 3 + y]! * z[y]! : 0), 0));
        reps[k]!.push(mwdsAt(t, 0));
      }
    }
  }
  return reps.flatMap((r) => percentile(r, s.level));
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
  it('the normal form\'s covariance per statistic, for 1 to 11 JSTs', () => {
    for (let J = 1; J <= 11; J++) {
      const c = cell(J, `cov${J}`);
      const members = strataMembers(c);
      for (let k = 0; k < BLOCKS; k++) expectClose(blockCovariance(c, members, WIDTH, 3 * k), covarianceByDefinition(c, 3 * k));
    }
  });

  it('Rao–Wu replicates, four JSTs at a time: the same totals as one draw and one JST at a time', () => {
    for (const J of [1, 5, 9]) {
      const c = cell(J, `rw${J}`);
      const a = new Rng('same');
      const b = new Rng('same');
      const draw = raoWuReplicates(c, WIDTH, a);
      for (let r = 0; r < 20; r++) expectClose(draw(), replicateByDefinition(c, b));
    }
  });

  it('exact bootstrap: the same intervals as resampling one JST at a time', () => {
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

  it('Rao–Wu replicate totals have the stratified Taylor covariance (simulation, 3 %)', () => {
    const c = cell(9, 'taylor');
    const draw = raoWuReplicates(c, WIDTH, new Rng('sim'));
    const B = 40_000;
    const o = 3; // the unweighted Σ(I − C) of statistic 0, and its ΣI
    let s0 = 0, s1 = 0, s00 = 0, s11 = 0, s01 = 0;
    for (let b = 0; b < B; b++) {
      const t = draw();
      s0 += t[o]!; s1 += t[o + 1]!; s00 += t[o]! ** 2; s11 += t[o + 1]! ** 2; s01 += t[o]! * t[o + 1]!;
    }
    const cov = covarianceByDefinition(c, o);
    const total = cellTotals(c, WIDTH);
    expect(Math.abs(s0 / B - total[o]!)).toBeLessThan(0.03 * Math.sqrt(cov[0]!));
    expect(Math.abs((s00 - s0 * s0 / B) / B / cov[0]! - 1)).toBeLessThan(0.03);
    expect(Math.abs((s11 - s1 * s1 / B) / B / cov[4]! - 1)).toBeLessThan(0.03);
    expect(Math.abs((s01 - s0 * s1 / B) / B - cov[1]!)).toBeLessThan(0.03 * Math.sqrt(cov[0]! * cov[4]!));
  });

  it('one weight per JST (frame weights): the weighted half formed from it gives the same totals and intervals', () => {
    for (const [J, exact] of [[9, 100], [30, 0]] as const) {
      const rng = new Rng(`omega${J}`);
      const part = 3 * STATS;
      const unweighted = new Float64Array(J * part).map(() => 1 + rng.int(9));
      const omega = Float64Array.from({ length: J }, () => 0.5 + rng.int(8) / 4);
      const explicit = new Float64Array(J * 2 * part);
      for (let j = 0; j < J; j++) {
        for (let x = 0; x < part; x++) {
          explicit[j * 2 * part + x] = omega[j]! * unweighted[j * part + x]!;
          explicit[j * 2 * part + part + x] = unweighted[j * part + x]!;
        }
      }
      const base = cell(J, `omega${J}`);
      const full: BootstrapCell = { ...base, sums: explicit };
      const scaled: BootstrapCell = { ...base, sums: unweighted, omega };
      const s = spec(101, exact);
      expectClose(cellTotals(scaled, WIDTH), cellTotals(full, WIDTH));
      expectClose(bootstrapIntervals(scaled, s), [...bootstrapIntervals(full, s)], 1e-9);
    }
  });

  it('a statistic with fewer than two replicates has no interval', () => {
    const c = cell(5, 'one');
    expect([...bootstrapIntervals(c, spec(1, 100))].every(Number.isNaN)).toBe(true);
  });
});
