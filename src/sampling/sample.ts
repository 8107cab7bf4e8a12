/**
 * Stratified simple random sampling of JSTs from a frame.
 *
 * 1. Strata: the non-empty cells of the chosen variables (kind, voivodeship, or both; none = one stratum).
 * 2. Allocation of n to the strata (see allocation.ts for the exact rule):
 *    - `proportional`: n_h ∝ N_h;
 *    - `equal`: the same n_h in every stratum;
 *    - `neyman`: n_h ∝ N_h·S_h, S_h the standard deviation of an auxiliary variable within the stratum
 *      (`neymanVariable`, default `population`), with Cochran's divisor N_h − 1 since the frame is the whole
 *      population: S_h² = Σ (y − ȳ_h)² / (N_h − 1). S_h is computed from the units whose value is known and is
 *      unknown when fewer than two are; a stratum with unknown S_h is allocated proportionally, i.e. it gets
 *      S_h := S̄, the N_h-weighted mean of the known S_h (if no stratum has a known S_h, the whole allocation is
 *      proportional).
 *    In every method: at least one unit per stratum when n ≥ the number of strata, never more than N_h (a stratum
 *    that would get more is taken whole and the excess goes to the others), whole numbers by the largest remainder.
 * 3. Within each stratum, simple random sampling without replacement: the stratum's units in TERYT order are
 *    shuffled (Fisher–Yates) by an Rng seeded with `${seed}:${stratum key}` and the first n_h taken, so the draw in
 *    one stratum does not depend on the others or on the order of the frame.
 *
 * Each sampled unit carries its inclusion probability π = n_h / N_h and base (design) weight 1/π = N_h / n_h; the
 * base weights of a stratum sum to N_h.
 */
import { DiagError, type ErrorDetail } from '../errors.ts';
import { Rng } from '../util/rng.ts';
import { boundedShares, largestRemainder } from './allocation.ts';
import { compareStrata, compareText, STRATUM_VARIABLES, stratumKey, type FrameUnit, type StratumVariable } from './frame.ts';

export const ALLOCATION_METHODS = ['proportional', 'equal', 'neyman'] as const;
export type AllocationMethod = (typeof ALLOCATION_METHODS)[number];
export const NEYMAN_VARIABLES = ['population', 'schools', 'pupils'] as const;
export type NeymanVariable = (typeof NEYMAN_VARIABLES)[number];

export interface SampleOptions {
  /** total sample size n, 1 ≤ n ≤ the frame's size */
  size: number;
  strata: readonly StratumVariable[];
  allocation: AllocationMethod;
  seed: number | string;
  /** the auxiliary variable for Neyman allocation; default population; ignored by the other methods */
  neymanVariable?: NeymanVariable;
}

export interface StratumAllocation {
  key: string;
  values: Partial<Pick<FrameUnit, StratumVariable>>;
  /** N_h, units in the frame */
  frameSize: number;
  /** Neyman only: S_h as used (after imputing S̄ where unknown); null for other methods or if nothing is known */
  sd: number | null;
  /** Neyman only: S_h was unknown and S̄ was used */
  sdImputed: boolean;
  /** the real-valued target before rounding */
  target: number;
  /** n_h after rounding */
  allocated: number;
  /** units actually drawn */
  achieved: number;
  /** achieved / N_h */
  inclusionProbability: number;
  /** N_h / achieved; null when nothing was drawn from the stratum */
  baseWeight: number | null;
}

/** A frame unit as drawn: a copy of the unit with its stratum and design quantities. */
export interface SampledUnit extends FrameUnit {
  stratum: string;
  inclusionProbability: number;
  baseWeight: number;
}

export interface StratifiedSample {
  size: number;
  frameSize: number;
  allocation: AllocationMethod;
  strata: StratumAllocation[];
  /** ordered by TERYT code */
  units: SampledUnit[];
  seed: number | string;
  neymanVariable: NeymanVariable | null;
}

export function drawStratifiedSample(units: readonly FrameUnit[], options: SampleOptions): StratifiedSample {
  checkOptions(units, options);
  const { size, allocation, seed } = options;
  const variables = options.strata;
  const neymanVariable = allocation === 'neyman' ? (options.neymanVariable ?? 'population') : null;

  const groups = new Map<string, FrameUnit[]>();
  for (const u of units) {
    const key = stratumKey(u, variables);
    const list = groups.get(key);
    if (list) list.push(u);
    else groups.set(key, [u]);
  }
  const strata = [...groups.entries()]
    .map(([key, members]) => ({
      key,
      members: members.slice().sort((a, b) => compareText(a.teryt, b.teryt)),
      values: Object.fromEntries(variables.map((v) => [v, members[0]?.[v]])) as Partial<Pick<FrameUnit, StratumVariable>>,
    }))
    .sort((a, b) => compareStrata(a.values, b.values, variables));

  const N = strata.map((s) => s.members.length);
  let sds: (number | null)[] = strata.map(() => null);
  let imputed = strata.map(() => false);
  let weights = N.slice();
  if (allocation === 'equal') weights = N.map(() => 1);
  if (neymanVariable) {
    const known = strata.map((s) => stratumSd(s.members.map((u) => u[neymanVariable]).filter((v): v is number => v !== undefined)));
    const knownN = N.filter((_, h) => known[h] !== null).reduce((a, b) => a + b, 0);
    const meanSd = knownN === 0 ? null : known.reduce<number>((s, sd, h) => s + (sd ?? 0) * (N[h] ?? 0), 0) / knownN;
    if (meanSd !== null) {
      imputed = known.map((sd) => sd === null);
      sds = known.map((sd) => sd ?? meanSd);
      weights = N.map((n, h) => n * (sds[h] ?? 0));
    }
  }

  const minimum = size >= strata.length ? 1 : 0;
  const targets = boundedShares({ n: size, weights, lower: N.map(() => minimum), upper: N, fallbackWeights: N });
  const allocated = largestRemainder(targets, size, N);

  const sampled: SampledUnit[] = [];
  const table: StratumAllocation[] = strata.map((s, h) => {
    const Nh = N[h] ?? 0;
    const nh = allocated[h] ?? 0;
    const drawn = new Rng(`${seed}:${s.key}`).shuffle(s.members).slice(0, nh);
    const inclusionProbability = drawn.length / Nh;
    const baseWeight = drawn.length === 0 ? null : Nh / drawn.length;
    for (const unit of drawn) sampled.push({ ...unit, stratum: s.key, inclusionProbability, baseWeight: baseWeight ?? 0 });
    return {
      key: s.key,
      values: s.values,
      frameSize: Nh,
      sd: sds[h] ?? null,
      sdImputed: imputed[h] ?? false,
      target: targets[h] ?? 0,
      allocated: nh,
      achieved: drawn.length,
      inclusionProbability,
      baseWeight,
    };
  });
  sampled.sort((a, b) => compareText(a.teryt, b.teryt));
  return { size, frameSize: units.length, allocation, strata: table, units: sampled, seed, neymanVariable };
}

/**
 * The standard deviation of a stratum's values with divisor N − 1 (Cochran's S_h for a finite population);
 * null with fewer than two values.
 */
export function stratumSd(values: readonly number[]): number | null {
  if (values.length < 2) return null;
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const ss = values.reduce((a, v) => a + (v - mean) ** 2, 0);
  return Math.sqrt(ss / (values.length - 1));
}

function checkOptions(units: readonly FrameUnit[], o: SampleOptions): void {
  const details: ErrorDetail[] = [];
  const bad = (column: string, message: string): void => void details.push({ column, message });
  if (units.length === 0) bad('frame', 'expected a frame with at least one unit, got none');
  if (!Number.isInteger(o.size) || o.size < 1 || o.size > units.length) {
    bad('size', `expected a whole number from 1 to the frame's ${units.length} units, got ${o.size}`);
  }
  if (!ALLOCATION_METHODS.includes(o.allocation)) bad('allocation', `expected one of ${ALLOCATION_METHODS.join(', ')}, got "${o.allocation}"`);
  for (const v of o.strata) if (!STRATUM_VARIABLES.includes(v)) bad('strata', `expected variables among ${STRATUM_VARIABLES.join(', ')}, got "${v}"`);
  if (new Set(o.strata).size !== o.strata.length) bad('strata', `expected each variable once, got ${o.strata.join(', ')}`);
  if (o.neymanVariable !== undefined && !NEYMAN_VARIABLES.includes(o.neymanVariable)) {
    bad('neymanVariable', `expected one of ${NEYMAN_VARIABLES.join(', ')}, got "${o.neymanVariable}"`);
  }
  if (details.length > 0) throw new DiagError('CONFIG_INVALID', 'invalid sample options', details);
}
