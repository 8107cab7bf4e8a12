/**
 * A demo sampling frame: as many units per voivodeship × kind as the real register has (TERYT_COUNTS, state
 * 2022-01-01), but invented names, codes and sizes, every unit marked `synthetic: true`.
 *
 * Codes pass checkTeryt and agree with the unit's kind and voivodeship:
 * - counties are numbered 01…C within each voivodeship (code WWPP000);
 * - cities with county rights 61, 62, … (code WWPP011);
 * - gminas are spread over the counties (each county gets at least one, the rest at random) and numbered from 51
 *   within their county (code WWPPGGR). The real register numbers gminas from 01 and has never needed more than
 *   19 in a county, so a synthetic gmina code never equals a real one (county and city codes may).
 * Names read "Gmina wiejska S-02-017": the kind, "S-" for synthetic, the voivodeship and a running number.
 *
 * Sizes are drawn from log-normal distributions per kind (medians from the brief, truncated to a plausible range
 * by redrawing): see POPULATION_MODEL and SCHOOL_MODEL. County and gmina populations are drawn independently (a
 * county's population is not the sum of its synthetic gminas).
 *
 * Deterministic: the same seed gives the same frame.
 */
import { VOIVODESHIP_CODES, type JstKind } from '../domain/jst.ts';
import { Rng } from '../util/rng.ts';
import { compareText, type FrameUnit } from './frame.ts';
import { TERYT_COUNTS } from './teryt-counts.ts';

export interface SyntheticFrameOptions {
  seed: number | string;
}

/** Log-normal population per kind: median, σ of the logarithm, and the range kept (draws outside are redrawn). */
export const POPULATION_MODEL: Readonly<Record<JstKind, { median: number; sigma: number; min: number; max: number }>> = {
  rural: { median: 6_000, sigma: 0.45, min: 1_200, max: 40_000 },
  urban_rural: { median: 12_000, sigma: 0.5, min: 2_500, max: 120_000 },
  urban: { median: 15_000, sigma: 0.85, min: 1_000, max: 120_000 },
  city_county: { median: 100_000, sigma: 0.7, min: 40_000, max: 1_800_000 },
  county: { median: 80_000, sigma: 0.45, min: 20_000, max: 400_000 },
};

/**
 * Schools and pupils per kind as ranges drawn uniformly: inhabitants per school run by the unit and pupils as a
 * share of the population. Gminas run preschools and primary schools, counties secondary and special schools,
 * cities with county rights both (their two parts are added).
 */
export const SCHOOL_MODEL = {
  rural: { inhabitantsPerSchool: [1_000, 1_500], pupilShare: [0.09, 0.1] },
  urban_rural: { inhabitantsPerSchool: [1_200, 1_800], pupilShare: [0.09, 0.1] },
  urban: { inhabitantsPerSchool: [1_800, 2_800], pupilShare: [0.09, 0.1] },
  county: { inhabitantsPerSchool: [5_000, 8_000], pupilShare: [0.03, 0.04] },
} as const satisfies Record<string, { inhabitantsPerSchool: readonly [number, number]; pupilShare: readonly [number, number] }>;

const NAME_PREFIX: Record<JstKind, string> = {
  rural: 'Gmina wiejska',
  urban_rural: 'Gmina miejsko-wiejska',
  urban: 'Gmina miejska',
  city_county: 'Miasto na prawach powiatu',
  county: 'Powiat',
};
const RODZ: Record<'rural' | 'urban_rural' | 'urban', string> = { urban: '1', rural: '2', urban_rural: '3' };
const FIRST_SYNTHETIC_GMINA = 51;

export function syntheticFrame(options: SyntheticFrameOptions): FrameUnit[] {
  const rng = new Rng(`synthetic-frame:${options.seed}`);
  const units: FrameUnit[] = [];
  for (const woj of [...VOIVODESHIP_CODES].sort()) {
    const counts = TERYT_COUNTS[woj];
    if (!counts) continue;
    const unit = (teryt: string, kind: JstKind): FrameUnit => ({ teryt, name: '', kind, voivodeship: woj, county: teryt.slice(0, 4), synthetic: true });
    for (let c = 1; c <= counts.county; c++) units.push(unit(`${woj}${pad2(c)}000`, 'county'));
    for (let c = 0; c < counts.city_county; c++) units.push(unit(`${woj}${61 + c}011`, 'city_county'));
    const kinds = (['rural', 'urban_rural', 'urban'] as const).flatMap((k) => Array<typeof k>(counts[k]).fill(k));
    const perCounty = Array<number>(counts.county).fill(0);
    rng.shuffle(kinds).forEach((kind, i) => {
      let county = i < counts.county ? i : rng.int(counts.county);
      // A county holds at most 49 synthetic gminas (numbers 51–99): a full county passes the gmina on to the next.
      while ((perCounty[county] ?? 0) >= 99 - FIRST_SYNTHETIC_GMINA + 1) county = (county + 1) % counts.county;
      const gmi = FIRST_SYNTHETIC_GMINA + (perCounty[county] ?? 0);
      perCounty[county] = (perCounty[county] ?? 0) + 1;
      units.push(unit(`${woj}${pad2(county + 1)}${gmi}${RODZ[kind]}`, kind));
    });
  }
  units.sort((a, b) => compareText(a.teryt, b.teryt));

  const running = new Map<string, number>();
  for (const u of units) {
    const n = (running.get(`${u.voivodeship}/${u.kind}`) ?? 0) + 1;
    running.set(`${u.voivodeship}/${u.kind}`, n);
    u.name = `${NAME_PREFIX[u.kind]} S-${u.voivodeship}-${String(n).padStart(3, '0')}`;
    const population = drawPopulation(rng, u.kind);
    u.population = population;
    const parts = u.kind === 'city_county' ? (['urban', 'county'] as const) : [u.kind];
    let schools = 0;
    let pupils = 0;
    for (const part of parts) {
      const model = SCHOOL_MODEL[part];
      schools += population / uniform(rng, model.inhabitantsPerSchool);
      pupils += population * uniform(rng, model.pupilShare);
    }
    u.schools = Math.max(1, Math.round(schools));
    u.pupils = Math.round(pupils);
  }
  return units;
}

/** A truncated log-normal draw: exp(ln(median) + σ·z), redrawn while outside [min, max] (clamped after 100 tries). */
function drawPopulation(rng: Rng, kind: JstKind): number {
  const m = POPULATION_MODEL[kind];
  let x = m.median;
  for (let tries = 0; tries < 100; tries++) {
    x = Math.exp(Math.log(m.median) + m.sigma * rng.normal());
    if (x >= m.min && x <= m.max) return Math.round(x);
  }
  return Math.round(Math.min(m.max, Math.max(m.min, x)));
}

function uniform(rng: Rng, [lo, hi]: readonly [number, number]): number {
  return lo + (hi - lo) * rng.next();
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}
