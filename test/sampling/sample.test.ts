import { describe, expect, it } from 'vitest';
import type { JstKind } from '../../src/domain/jst.ts';
import { boundedShares, largestRemainder } from '../../src/sampling/allocation.ts';
import type { FrameUnit } from '../../src/sampling/frame.ts';
import { drawStratifiedSample, stratumSd, type SampleOptions } from '../../src/sampling/sample.ts';
import { syntheticFrame } from '../../src/sampling/synthetic-frame.ts';
import { catchDiag } from './fixtures.ts';

/**
 * A small frame of four strata (stratified by kind), N = 10 + 6 + 3 + 4 = 23, with populations chosen so that the
 * within-stratum standard deviations (divisor N_h − 1) are round numbers:
 *   A rural (N=10):      13000, 7000, 13000, 7000, 10000 ×6 → mean 10000, Σd² = 4·3000² = 36e6, S² = 36e6/9 = 4e6, S = 2000
 *   B urban_rural (N=6): 6500, 3500, 5500, 4500, 5000 ×2    → mean 5000, Σd² = 2·1500² + 2·500² = 5e6, S² = 5e6/5 = 1e6, S = 1000
 *   C urban (N=3):       2000, 4000, 6000                  → mean 4000, Σd² = 8e6, S² = 8e6/2 = 4e6, S = 2000
 *   D county (N=4):      population unknown                → S unknown
 */
function unit(teryt: string, kind: JstKind, population?: number): FrameUnit {
  const u: FrameUnit = { teryt, name: `J ${teryt}`, kind, voivodeship: teryt.slice(0, 2), county: teryt.slice(0, 4), synthetic: true };
  if (population !== undefined) u.population = population;
  return u;
}
const pad = (n: number): string => String(n).padStart(2, '0');
const SMALL: FrameUnit[] = [
  ...[13000, 7000, 13000, 7000, 10000, 10000, 10000, 10000, 10000, 10000].map((p, i) => unit(`0201${pad(i + 1)}2`, 'rural', p)),
  ...[6500, 3500, 5500, 4500, 5000, 5000].map((p, i) => unit(`0202${pad(i + 1)}3`, 'urban_rural', p)),
  ...[2000, 4000, 6000].map((p, i) => unit(`0203${pad(i + 1)}1`, 'urban', p)),
  ...[4, 5, 6, 7].map((c) => unit(`02${pad(c)}000`, 'county')),
];
const allocationOf = (options: Omit<SampleOptions, 'seed' | 'strata'>): number[] =>
  drawStratifiedSample(SMALL, { ...options, strata: ['kind'], seed: 1 }).strata.map((s) => s.allocated);

describe('allocation of the sample to strata (worked by hand, strata in the order A, B, C, D)', () => {
  it.each([
    // proportional n = 8: x = 8·(10, 6, 3, 4)/23 = 3.478, 2.087, 1.043, 1.391; floors 3+2+1+1 = 7;
    //   the 1 left goes to the largest remainder, A (.478)
    ['proportional', 8, [4, 2, 1, 1]],
    // proportional n = 12: x = 12·(10, 6, 3, 4)/23 = 5.217, 3.130, 1.565, 2.087; floors 5+3+1+2 = 11; 1 left → C (.565)
    ['proportional', 12, [5, 3, 2, 2]],
    // proportional n = 2 < 4 strata, so no minimum of one: x = 0.870, 0.522, 0.261, 0.348; floors 0; 2 left → A, B
    ['proportional', 2, [1, 1, 0, 0]],
    // proportional n = N: everything
    ['proportional', 23, [10, 6, 3, 4]],
    // equal n = 8: 2 each
    ['equal', 8, [2, 2, 2, 2]],
    // equal n = 14: 3.5 each, but C holds 3 → C = 3; the 11 left go 11/3 = 3.667 to A, B, D;
    //   floors 3+3+3 (+3) = 12; 2 left, remainders tie at .667 → larger strata first: A (N 10), B (N 6)
    ['equal', 14, [4, 4, 3, 3]],
    // Neyman n = 8: S_D unknown → S̄ = (10·2000 + 6·1000 + 3·2000)/19 = 32000/19 = 1684.2;
    //   N·S = 20000, 6000, 6000, 4·1684.2 = 6736.8, total 38736.8;
    //   x = 8·N·S/total = 4.130, 1.239, 1.239, 1.391; floors 4+1+1+1 = 7; 1 left → D (.391)
    ['neyman', 8, [4, 1, 1, 2]],
    // Neyman n = 20: x_A = 20·20000/38736.8 = 10.33 > 10 → A = 10 whole; the 10 left over B, C, D by 6000 : 6000 : 6736.8
    //   gives C = 10·6000/18736.8 = 3.20 > 3 → C = 3 whole; the 7 left over B, D: B = 7·6000/12736.8 = 3.297,
    //   D = 3.703; floors 3 + 3 = 6; 1 left → D (.703)
    ['neyman', 20, [10, 3, 3, 4]],
  ] as const)('%s, n = %d → %j', (allocation, size, expected) => {
    expect(allocationOf({ allocation, size })).toEqual(expected);
  });

  it('reports S_h for Neyman allocation, with S̄ imputed where unknown', () => {
    const sample = drawStratifiedSample(SMALL, { size: 8, strata: ['kind'], allocation: 'neyman', seed: 1 });
    expect(sample.strata.map((s) => [s.key, s.frameSize, s.sdImputed])).toEqual([
      ['rural', 10, false],
      ['urban_rural', 6, false],
      ['urban', 3, false],
      ['county', 4, true],
    ]);
    const sds = sample.strata.map((s) => s.sd as number);
    [2000, 1000, 2000, 32000 / 19].forEach((sd, h) => expect(sds[h]).toBeCloseTo(sd, 9));
    expect(sample.strata.map((s) => s.target).reduce((a, b) => a + b)).toBeCloseTo(8, 12);
  });

  it('falls back to proportional allocation when no stratum has a known S_h', () => {
    const unknown = SMALL.map(({ population: _p, ...u }) => u);
    const neyman = drawStratifiedSample(unknown, { size: 12, strata: ['kind'], allocation: 'neyman', seed: 1 });
    expect(neyman.strata.map((s) => s.allocated)).toEqual([5, 3, 2, 2]);
    expect(neyman.strata.every((s) => s.sd === null)).toBe(true);
  });

  it('uses the chosen auxiliary variable for Neyman allocation', () => {
    // schools known only in A (S = 0: all equal) and B (S = sd of 1..6 = 1.871): A gets only its minimum of 1
    const withSchools = SMALL.map((u, i) => (u.kind === 'rural' ? { ...u, schools: 5 } : u.kind === 'urban_rural' ? { ...u, schools: i - 9 } : u));
    const s = drawStratifiedSample(withSchools, { size: 8, strata: ['kind'], allocation: 'neyman', seed: 1, neymanVariable: 'schools' });
    expect(s.neymanVariable).toBe('schools');
    expect(s.strata[0]?.sd).toBe(0);
    expect(s.strata[0]?.allocated).toBe(1);
  });

  it('gives a stratum that holds too few units all it holds and the rest to the others', () => {
    expect(boundedShares({ n: 9, weights: [1, 1, 1], lower: [0, 0, 0], upper: [1, 10, 10] })).toEqual([1, 4, 4]);
    expect(largestRemainder([1, 4.5, 4.5], 10, [1, 10, 9])).toEqual([1, 5, 4]);
  });

  it('places the rest by fallback weights when weighted strata are exhausted', () => {
    // weights 0 for the second stratum (S = 0) but n exceeds what the first can hold
    expect(boundedShares({ n: 7, weights: [5, 0], lower: [1, 1], upper: [4, 6] })).toEqual([4, 3]);
  });
});

describe('drawing the sample', () => {
  const frame = syntheticFrame({ seed: 7 });

  it.each([
    ['proportional', 50],
    ['proportional', 500],
    ['equal', 100],
    ['equal', 1500],
    ['neyman', 80],
    ['neyman', 700],
    ['neyman', 2791],
  ] as const)('%s, n = %d: never more than a stratum holds, at least one each when n allows, exactly n', (allocation, size) => {
    const sample = drawStratifiedSample(frame, { size, strata: ['kind', 'voivodeship'], allocation, seed: 3 });
    expect(sample.strata).toHaveLength(80);
    for (const s of sample.strata) {
      expect(s.allocated).toBeLessThanOrEqual(s.frameSize);
      expect(s.allocated).toBeGreaterThanOrEqual(size >= 80 ? 1 : 0);
      expect(s.achieved).toBe(s.allocated);
    }
    expect(sample.strata.reduce((a, s) => a + s.allocated, 0)).toBe(size);
    expect(sample.units).toHaveLength(size);
    expect(new Set(sample.units.map((u) => u.teryt)).size).toBe(size);
    if (size === 80) expect(sample.strata.every((s) => s.allocated === 1)).toBe(true);
  });

  it('gives inclusion probabilities n_h/N_h and base weights N_h/n_h that add up to the frame', () => {
    const sample = drawStratifiedSample(frame, { size: 300, strata: ['kind', 'voivodeship'], allocation: 'proportional', seed: 9 });
    for (const s of sample.strata) {
      expect(s.inclusionProbability).toBe(s.achieved / s.frameSize);
      expect(s.baseWeight).toBe(s.frameSize / s.achieved);
      const members = sample.units.filter((u) => u.stratum === s.key);
      expect(members).toHaveLength(s.achieved);
      for (const u of members) {
        expect(`${u.kind}/${u.voivodeship}`).toBe(s.key);
        expect(u.inclusionProbability).toBe(s.inclusionProbability);
        expect(u.baseWeight).toBe(s.baseWeight);
      }
    }
    expect(sample.units.reduce((a, u) => a + u.baseWeight, 0)).toBeCloseTo(frame.length, 9);
  });

  it('reports probability 0 and no base weight for a stratum left out when n < number of strata', () => {
    const sample = drawStratifiedSample(SMALL, { size: 2, strata: ['kind'], allocation: 'proportional', seed: 1 });
    expect(sample.strata.map((s) => [s.allocated, s.inclusionProbability, s.baseWeight])).toEqual([
      [1, 1 / 10, 10],
      [1, 1 / 6, 6],
      [0, 0, null],
      [0, 0, null],
    ]);
  });

  it('draws each unit of a stratum with probability n_h/N_h (Monte Carlo, 4000 draws)', () => {
    // A: n = 4 of 10 → π = 0.4; SE of a frequency over 4000 draws = √(.4·.6/4000) = 0.0077; we allow 4 SE ≈ 0.031
    const hits = new Map<string, number>();
    const runs = 4000;
    for (let seed = 0; seed < runs; seed++) {
      for (const u of drawStratifiedSample(SMALL, { size: 8, strata: ['kind'], allocation: 'proportional', seed }).units) {
        hits.set(u.teryt, (hits.get(u.teryt) ?? 0) + 1);
      }
    }
    const pi: Record<string, number> = { rural: 4 / 10, urban_rural: 2 / 6, urban: 1 / 3, county: 1 / 4 };
    for (const u of SMALL) expect(Math.abs((hits.get(u.teryt) ?? 0) / runs - (pi[u.kind] as number))).toBeLessThan(0.031);
  });

  it('is reproducible from its seed and independent of the order of the frame', () => {
    const options: SampleOptions = { size: 120, strata: ['kind'], allocation: 'neyman', seed: 'wave-1' };
    const a = drawStratifiedSample(frame, options);
    expect(drawStratifiedSample(frame, options)).toEqual(a);
    expect(drawStratifiedSample(frame.slice().reverse(), options)).toEqual(a);
    const b = drawStratifiedSample(frame, { ...options, seed: 'wave-2' });
    expect(b.strata.map((s) => s.allocated)).toEqual(a.strata.map((s) => s.allocated));
    expect(b.units.map((u) => u.teryt)).not.toEqual(a.units.map((u) => u.teryt));
  });

  it.each([
    ['size', { size: 0 }],
    ['size', { size: 24 }],
    ['size', { size: 2.5 }],
    ['allocation', { allocation: 'optimal' }],
    ['strata', { strata: ['county'] }],
    ['strata', { strata: ['kind', 'kind'] }],
    ['neymanVariable', { neymanVariable: 'area' }],
  ])('refuses a bad %s', (column, bad) => {
    const options = { size: 5, strata: ['kind'], allocation: 'neyman', seed: 1, ...bad } as SampleOptions;
    const error = catchDiag(() => drawStratifiedSample(SMALL, options));
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.details.map((d) => d.column)).toContain(column);
  });
});

describe('stratumSd', () => {
  it.each([
    [[2000, 4000, 6000], 2000],
    [[5, 5, 5], 0],
    [[1, 2], Math.SQRT1_2],
  ])('of %j is %d (divisor N − 1)', (values, expected) => {
    expect(stratumSd(values)).toBeCloseTo(expected, 12);
  });
  it.each([[[]], [[7]]])('is unknown for %j', (values) => {
    expect(stratumSd(values)).toBeNull();
  });
});
