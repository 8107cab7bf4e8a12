/**
 * Survey weights from the TERYT frame, so that estimates describe the population of JSTs.
 *
 * The unit of sampling is the JST. Each responding JST gets a weight that makes the responding JSTs
 * represent all JSTs of the frame:
 * 1. post-stratification by JST kind × voivodeship, w_j = N_h / n_h, when every cell of the frame has at
 *    least `minJstPerCell` responding JSTs (default 2, which also keeps every variance stratum estimable);
 * 2. otherwise raking (iterative proportional fitting) of the responding JSTs to the two margins — JSTs
 *    per kind and JSTs per voivodeship — starting from w_j = N_kind / n_kind. A kind or voivodeship with
 *    no responding JST cannot be represented; it is left out of the margins and reported.
 * A JST's weight is then shared among its respondents, so that every JST counts once however many of its
 * officials answered: w_i = w_j / m_j over all its respondents (for estimates over both staff groups) and
 * w_i = w_j / m_jg over its respondents of the same staff group (for estimates within a staff group).
 *
 * For variance estimation the design has JSTs as clusters, within the weighting cells as strata
 * (kind × voivodeship) after post-stratification, or within JST kinds after raking.
 */
import { DiagError } from '../errors.ts';
import { JST_KINDS, VOIVODESHIP_CODES, type JstKind } from '../domain/jst.ts';
import type { FrameUnit } from '../sampling/frame.ts';
import { rake } from '../stats/rake.ts';
import { kish } from '../stats/kish.ts';
import { jstIndex, type Dataset } from './dataset.ts';

export interface WeightStratum {
  kind: JstKind;
  voivodeship: string | null;
  populationJst: number;
  respondingJst: number;
  /** the post-stratification weight N_h / n_h; null after raking (weights vary within the cell) */
  jstWeight: number | null;
}

export interface Weights {
  method: 'none' | 'poststratified' | 'raked';
  /** per respondent, sharing the JST weight among all its respondents */
  all: Float64Array;
  /** per respondent, sharing the JST weight among its respondents of the same staff group */
  byGroup: Float64Array;
  /** variance stratum of each respondent */
  stratum: string[];
  strata: WeightStratum[];
  /** what could not be represented, and how the weighting fell back */
  notes: string[];
  raking: { status: string; iterations: number; maxRelativeError: number | null } | null;
  kishEffectiveN: number | null;
  kishDesignEffect: number | null;
}

const cellKey = (kind: string, voiv: string) => `${kind}|${voiv}`;

/** Equal weights: every respondent 1, every JST a cluster, one stratum per JST kind. */
export function noWeights(d: Dataset): Weights {
  const ones = new Float64Array(d.n).fill(1);
  const k = kish(ones);
  return { method: 'none', all: ones, byGroup: ones, stratum: Array.from(d.kind, (i) => JST_KINDS[i] ?? '?'), strata: [], notes: [], raking: null, kishEffectiveN: k.nEff, kishDesignEffect: k.deff };
}

export function frameWeights(d: Dataset, frame: readonly FrameUnit[], options: { minJstPerCell?: number } = {}): Weights {
  const minPerCell = options.minJstPerCell ?? 2;
  const unitByCode = new Map(frame.map((u) => [u.teryt, u]));
  const responding = new Map<string, FrameUnit>();
  const missing: string[] = [];
  for (let i = 0; i < d.n; i++) {
    const u = unitByCode.get(d.jst[i]!);
    if (u) responding.set(u.teryt, u);
    else if (missing.length < 20) missing.push(`respondent ${d.ids[i]} (JST ${d.jst[i]})`);
  }
  if (missing.length) {
    throw new DiagError('INPUT_INVALID', 'some respondents belong to JSTs that are not in the frame, so they cannot be weighted', missing.map((m) => ({ message: `${m} is not in the frame` })));
  }

  const population = new Map<string, number>();
  for (const u of frame) population.set(cellKey(u.kind, u.voivodeship), (population.get(cellKey(u.kind, u.voivodeship)) ?? 0) + 1);
  const sampled = new Map<string, number>();
  for (const u of responding.values()) sampled.set(cellKey(u.kind, u.voivodeship), (sampled.get(cellKey(u.kind, u.voivodeship)) ?? 0) + 1);
  const thin = [...population.keys()].filter((key) => (sampled.get(key) ?? 0) < minPerCell);

  const units = [...responding.values()];
  const jstWeight = new Map<string, number>();
  const notes: string[] = [];
  let method: Weights['method'];
  let raking: Weights['raking'] = null;
  let strata: WeightStratum[];
  let stratumOf: (u: FrameUnit) => string;

  if (thin.length === 0) {
    method = 'poststratified';
    for (const u of units) jstWeight.set(u.teryt, population.get(cellKey(u.kind, u.voivodeship))! / sampled.get(cellKey(u.kind, u.voivodeship))!);
    strata = [...population.entries()].map(([key, N]) => {
      const [kind, voiv] = key.split('|') as [JstKind, string];
      const n = sampled.get(key)!;
      return { kind, voivodeship: voiv, populationJst: N, respondingJst: n, jstWeight: N / n };
    });
    stratumOf = (u) => cellKey(u.kind, u.voivodeship);
  } else {
    method = 'raked';
    notes.push(`${thin.length} of ${population.size} kind × voivodeship cells have fewer than ${minPerCell} responding JSTs: weights raked to the kind and voivodeship margins instead of post-stratified`);
    const kinds = JST_KINDS.filter((k) => units.some((u) => u.kind === k));
    const voivs = VOIVODESHIP_CODES.filter((v) => units.some((u) => u.voivodeship === v));
    for (const k of JST_KINDS) if (!kinds.includes(k) && frame.some((u) => u.kind === k)) notes.push(`no responding JST of kind ${k}: that kind is not represented`);
    for (const v of VOIVODESHIP_CODES) if (!voivs.includes(v) && frame.some((u) => u.voivodeship === v)) notes.push(`no responding JST in voivodeship ${v}: it is left out of the voivodeship margin`);
    const represented = frame.filter((u) => kinds.includes(u.kind));
    const kindTargets = kinds.map((k) => represented.filter((u) => u.kind === k).length);
    // The voivodeship margin is restricted to represented kinds and voivodeships; its total is rescaled to the kind total so that IPF can converge.
    const voivCounts = voivs.map((v) => represented.filter((u) => u.voivodeship === v).length);
    const scale = kindTargets.reduce((a, b) => a + b, 0) / voivCounts.reduce((a, b) => a + b, 0);
    const respondingPerKind = kinds.map((k) => units.filter((u) => u.kind === k).length);
    const base = units.map((u) => kindTargets[kinds.indexOf(u.kind)]! / respondingPerKind[kinds.indexOf(u.kind)]!);
    const result = rake(
      [
        { codes: units.map((u) => kinds.indexOf(u.kind)), targets: kindTargets },
        { codes: units.map((u) => voivs.indexOf(u.voivodeship)), targets: voivCounts.map((c) => c * scale) },
      ],
      { baseWeights: base, maxIterations: 200, tolerance: 1e-9 },
    );
    raking = { status: result.status, iterations: result.iterations, maxRelativeError: result.maxRelativeError };
    if (!result.weights) throw new DiagError('CONFIG_INVALID', `raking failed: ${result.status}`);
    if (result.status !== 'converged') notes.push(`raking did not converge in ${result.iterations} cycles (largest relative error ${result.maxRelativeError})`);
    units.forEach((u, i) => jstWeight.set(u.teryt, result.weights![i]!));
    strata = kinds.map((k) => ({ kind: k, voivodeship: null, populationJst: kindTargets[kinds.indexOf(k)]!, respondingJst: units.filter((u) => u.kind === k).length, jstWeight: null }));
    stratumOf = (u) => u.kind;
  }

  // Share each JST's weight among its respondents (all, and within staff group), JSTs numbered densely.
  const { jstOf, codes } = jstIndex(d);
  const perJst = new Int32Array(codes.length);
  const perJstGroup = new Int32Array(codes.length * 3);
  for (let i = 0; i < d.n; i++) {
    perJst[jstOf[i]!]!++;
    perJstGroup[jstOf[i]! * 3 + d.group[i]! + 1]!++;
  }
  const weightOf = Float64Array.from(codes, (c) => jstWeight.get(c)!);
  const stratumOfJst = codes.map((c) => stratumOf(responding.get(c)!));
  const all = new Float64Array(d.n);
  const byGroup = new Float64Array(d.n);
  const stratum = new Array<string>(d.n);
  for (let i = 0; i < d.n; i++) {
    const j = jstOf[i]!;
    all[i] = weightOf[j]! / perJst[j]!;
    byGroup[i] = weightOf[j]! / perJstGroup[j * 3 + d.group[i]! + 1]!;
    stratum[i] = stratumOfJst[j]!;
  }
  const k = kish(all);
  return { method, all, byGroup, stratum, strata, notes, raking, kishEffectiveN: k.nEff, kishDesignEffect: k.deff };
}
