import { describe, expect, it } from 'vitest';
import { checkTeryt, JST_KINDS, type JstKind } from '../../src/domain/jst.ts';
import { countsByStratum } from '../../src/sampling/frame.ts';
import { POPULATION_CLASS_LABELS, POPULATION_CLASSES, populationClass } from '../../src/sampling/population-class.ts';
import { POPULATION_MODEL, syntheticFrame } from '../../src/sampling/synthetic-frame.ts';
import { parseTerc } from '../../src/sampling/terc.ts';
import { TERYT_COUNTS } from '../../src/sampling/teryt-counts.ts';
import { TERC_2022_PATH, terc2022Bytes } from './fixtures.ts';

const median = (xs: number[]): number => {
  const s = xs.slice().sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};

describe('the synthetic frame', () => {
  const frame = syntheticFrame({ seed: 42 });

  it.each([1, 42, 'demo'])('has the official count of every voivodeship × kind (seed %s)', (seed) => {
    const counts: Record<string, Record<string, number>> = {};
    for (const s of countsByStratum(syntheticFrame({ seed }), ['voivodeship', 'kind'])) {
      (counts[s.values.voivodeship as string] ??= Object.fromEntries(JST_KINDS.map((k) => [k, 0])))[s.values.kind as string] = s.count;
    }
    expect(counts).toEqual(TERYT_COUNTS);
  });

  it('gives unique codes that pass checkTeryt and agree with the kind, voivodeship and county', () => {
    expect(frame).toHaveLength(2791);
    expect(new Set(frame.map((u) => u.teryt)).size).toBe(frame.length);
    for (const u of frame) {
      expect(checkTeryt(u.teryt)).toEqual({ ok: true, voivodeship: u.voivodeship, kind: u.kind });
      expect(u.county).toBe(u.teryt.slice(0, 4));
    }
  });

  it('puts every gmina in a synthetic county that exists, and leaves no county without gminas', () => {
    const counties = new Set(frame.filter((u) => u.kind === 'county').map((u) => u.county));
    const gminas = frame.filter((u) => u.kind === 'rural' || u.kind === 'urban_rural' || u.kind === 'urban');
    for (const g of gminas) expect(counties.has(g.county)).toBe(true);
    for (const c of counties) expect(gminas.some((g) => g.county === c)).toBe(true);
  });

  it('marks every unit synthetic, in its name too', () => {
    for (const u of frame) {
      expect(u.synthetic).toBe(true);
      expect(u.name).toMatch(/^(Gmina wiejska|Gmina miejsko-wiejska|Gmina miejska|Miasto na prawach powiatu|Powiat) S-\d{2}-\d{3}$/);
      expect(u.name.slice(-6, -4)).toBe(u.voivodeship);
    }
    expect(new Set(frame.map((u) => u.name)).size).toBe(frame.length);
  });

  it('never reuses the code of a real gmina', () => {
    const real = new Set(parseTerc(terc2022Bytes(), TERC_2022_PATH).gminas.map((g) => g.teryt));
    const synthetic = frame.filter((u) => u.kind !== 'county' && u.kind !== 'city_county');
    expect(synthetic.filter((u) => real.has(u.teryt))).toEqual([]);
  });

  it('is deterministic by seed', () => {
    expect(syntheticFrame({ seed: 42 })).toEqual(frame);
    const other = syntheticFrame({ seed: 43 });
    expect(other.map((u) => u.teryt)).not.toEqual(frame.map((u) => u.teryt));
    expect(other.map((u) => u.population)).not.toEqual(frame.map((u) => u.population));
  });

  // Tolerances: the sample median of ~n log-normal draws has a relative SE ≈ 1.25·σ/√n; we allow 4 SE,
  // and 25 % for the 66 cities (truncation at 40k shifts their median up a little).
  it.each([
    ['rural', 0.45 * 1.25 * 4 / Math.sqrt(1513)],
    ['urban_rural', 0.5 * 1.25 * 4 / Math.sqrt(662)],
    ['urban', 0.85 * 1.25 * 4 / Math.sqrt(236)],
    ['city_county', 0.25],
    ['county', 0.45 * 1.25 * 4 / Math.sqrt(314)],
  ] as [JstKind, number][])('draws %s populations around the target median, within the range', (kind, tolerance) => {
    const pops = frame.filter((u) => u.kind === kind).map((u) => u.population as number);
    const model = POPULATION_MODEL[kind];
    expect(Math.abs(median(pops) / model.median - 1)).toBeLessThan(tolerance);
    expect(Math.min(...pops)).toBeGreaterThanOrEqual(model.min);
    expect(Math.max(...pops)).toBeLessThanOrEqual(model.max);
  });

  it.each([
    ['rural', [0.09, 0.1], [1000, 1500]],
    ['urban_rural', [0.09, 0.1], [1200, 1800]],
    ['urban', [0.09, 0.1], [1800, 2800]],
    ['county', [0.03, 0.04], [5000, 8000]],
    ['city_county', [0.12, 0.14], [1 / (1 / 1800 + 1 / 5000), 1 / (1 / 2800 + 1 / 8000)]],
  ] as [JstKind, [number, number], [number, number]][])(
    'ties %s pupils and schools to population',
    (kind, [shareLo, shareHi], [perSchoolLo, perSchoolHi]) => {
      for (const u of frame.filter((x) => x.kind === kind)) {
        const pop = u.population as number;
        // pupils and schools are rounded to whole numbers: allow 0.5 (+1 school for the at-least-one rule)
        expect(u.pupils as number).toBeGreaterThanOrEqual(pop * shareLo - 0.5);
        expect(u.pupils as number).toBeLessThanOrEqual(pop * shareHi + 0.5);
        expect(u.schools as number).toBeGreaterThanOrEqual(Math.max(1, Math.round(pop / perSchoolHi) - 1));
        expect(u.schools as number).toBeLessThanOrEqual(Math.max(1, pop / perSchoolLo + 1));
      }
    },
  );
});

describe('populationClass', () => {
  it.each([
    [0, 'lt5k'],
    [4_999, 'lt5k'],
    [5_000, '5_10k'],
    [9_999, '5_10k'],
    [10_000, '10_20k'],
    [19_999.5, '10_20k'],
    [20_000, '20_50k'],
    [49_999, '20_50k'],
    [50_000, '50_100k'],
    [99_999, '50_100k'],
    [100_000, 'ge100k'],
    [1_800_000, 'ge100k'],
  ])('puts %d inhabitants in %s', (population, expected) => {
    expect(populationClass(population)).toBe(expected);
  });

  it('labels every class in Polish and English', () => {
    expect(POPULATION_CLASSES.map((c) => c.code)).toEqual(['lt5k', '5_10k', '10_20k', '20_50k', '50_100k', 'ge100k']);
    expect(POPULATION_CLASS_LABELS.lt5k).toEqual({ pl: 'poniżej 5 tys.', en: 'under 5,000' });
    expect(POPULATION_CLASS_LABELS.ge100k).toEqual({ pl: '100 tys. i więcej', en: '100,000 and more' });
  });

  it.each([-1, Number.NaN, Number.POSITIVE_INFINITY])('refuses %d', (bad) => {
    expect(() => populationClass(bad)).toThrow(RangeError);
  });
});
