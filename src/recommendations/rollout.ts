/**
 * The rollout plan (configuration) and what it means for each programme: participants, groups, trainer-days
 * and hours, in total and by voivodeship, for the pilot and for the rollout.
 *
 * Defaults follow the programme description (seed): support for 500 JSTs with at least 3 officials each
 * (about 2,000 people), a pilot in 30 JSTs with at least 90 officials. JSTs are allocated to segments in
 * proportion to the number of JSTs of each segment in the frame (or as configured), and within a segment to
 * voivodeships in proportion to the frame (largest remainders). Groups form within a voivodeship, one
 * segment and one staff group each, of at most `maxGroupSize` participants.
 *
 * Trainer-days per form, by who a trainer works with (catalogue `forms[].delivery`): a group form (workshops,
 * study visits, peer networks) takes hours × groups; advice in the JST takes hours × JSTs; self-study
 * e-learning takes `elearningTutorShare` × hours × groups of tutoring. A trainer-day is `hoursPerDay` hours.
 */
import { readFileSync } from 'node:fs';
import { Type, type Static } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { VOIVODESHIP_CODES } from '../domain/jst.ts';
import { DiagError } from '../errors.ts';
import type { Catalogue, Form, StaffGroup } from './catalogue.ts';
import type { ScheduledModule } from './schedule.ts';

const PerJst = Type.Object({ management: Type.Integer({ minimum: 0, maximum: 50 }), operational: Type.Integer({ minimum: 0, maximum: 50 }) }, { additionalProperties: false });
const Allocation = Type.Union([Type.Literal('proportional'), Type.Literal('equal'), Type.Record(Type.String(), Type.Integer({ minimum: 0 }))]);
const Stage = Type.Object({
  jsts: Type.Integer({ minimum: 1, maximum: 100000 }),
  /** officials per JST by staff group; together at least minPerJst */
  participantsPerJst: PerJst,
  /** how JSTs are shared among segments: in proportion to the frame, equally, or a number per segment */
  allocation: Allocation,
  /** where groups form: within each voivodeship (too few participants there join inter-voivodeship groups), or across the country */
  groupsWithin: Type.Union([Type.Literal('voivodeship'), Type.Literal('country')]),
}, { additionalProperties: false });
const PlanT = Type.Object({
  rollout: Stage,
  pilot: Stage,
  /** the least officials a JST sends (the programme description: at least 3) */
  minPerJst: Type.Integer({ minimum: 1, maximum: 50 }),
  maxGroupSize: Type.Integer({ minimum: 2, maximum: 100 }),
  /** a voivodeship with fewer participants of a programme forms no group of its own: they join inter-voivodeship groups */
  minGroupSize: Type.Integer({ minimum: 1, maximum: 100 }),
  /** tutoring time per hour of e-learning per group (share of an hour) */
  elearningTutorShare: Type.Number({ minimum: 0, maximum: 1 }),
  /** days a year assumed when the respondents' answer on time available is withheld */
  fallbackDaysPerYear: Type.Number({ exclusiveMinimum: 0, maximum: 60 }),
}, { additionalProperties: false });

export type RolloutPlan = Static<typeof PlanT>;
export type StageT = Static<typeof Stage>;

export const DEFAULT_PLAN: RolloutPlan = {
  rollout: { jsts: 500, participantsPerJst: { management: 1, operational: 3 }, allocation: 'proportional', groupsWithin: 'voivodeship' },
  pilot: { jsts: 30, participantsPerJst: { management: 1, operational: 2 }, allocation: 'equal', groupsWithin: 'country' },
  minPerJst: 3,
  maxGroupSize: 16,
  minGroupSize: 8,
  elearningTutorShare: 0.25,
  fallbackDaysPerYear: 4,
};

/** The plan: the defaults, each field overridable by a JSON file (`diag programmes --plan FILE`). */
export function loadPlan(file?: string): RolloutPlan {
  if (!file) return DEFAULT_PLAN;
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new DiagError('CONFIG_INVALID', `${file} cannot be read as JSON: ${(e as Error).message}`, [{ file, message: 'expected a rollout plan (JSON object)' }]);
  }
  return checkPlan(value, file);
}

export function checkPlan(value: unknown, file = 'plan'): RolloutPlan {
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new DiagError('CONFIG_INVALID', `${file}: a rollout plan is a JSON object`, [{ file, message: 'expected an object such as {"rollout": {"jsts": 500}}' }]);
  const v = value as Record<string, unknown>;
  const merged = {
    ...DEFAULT_PLAN,
    ...v,
    rollout: { ...DEFAULT_PLAN.rollout, ...(v.rollout as object | undefined), participantsPerJst: { ...DEFAULT_PLAN.rollout.participantsPerJst, ...((v.rollout as Record<string, unknown> | undefined)?.participantsPerJst as object | undefined) } },
    pilot: { ...DEFAULT_PLAN.pilot, ...(v.pilot as object | undefined), participantsPerJst: { ...DEFAULT_PLAN.pilot.participantsPerJst, ...((v.pilot as Record<string, unknown> | undefined)?.participantsPerJst as object | undefined) } },
  };
  if (merged.minGroupSize > merged.maxGroupSize) throw new DiagError('CONFIG_INVALID', `${file}: minGroupSize (${merged.minGroupSize}) exceeds maxGroupSize (${merged.maxGroupSize})`, [{ file, column: '/minGroupSize', message: 'expected minGroupSize ≤ maxGroupSize' }]);
  if (!Value.Check(PlanT, merged)) {
    const details = [...Value.Errors(PlanT, merged)].slice(0, 20).map((e) => ({ file, column: e.path || '/', message: e.message }));
    throw new DiagError('CONFIG_INVALID', `${file} is not a valid rollout plan`, details);
  }
  for (const stage of ['rollout', 'pilot'] as const) {
    const per = merged[stage].participantsPerJst;
    if (per.management + per.operational < merged.minPerJst) {
      throw new DiagError('CONFIG_INVALID', `${file}: ${stage} sends ${per.management + per.operational} officials per JST, fewer than minPerJst (${merged.minPerJst})`, [{ file, column: `/${stage}/participantsPerJst`, message: `expected management + operational ≥ ${merged.minPerJst}` }]);
    }
  }
  return merged as RolloutPlan;
}

/** JSTs in the population by segment and voivodeship. */
export type Population = Record<string, Record<string, number>>;

/** Largest-remainder allocation of `total` in proportion to `weights` (ties to the earlier key). */
export function allocate(total: number, weights: Record<string, number>): Record<string, number> {
  const keys = Object.keys(weights);
  const sum = keys.reduce((s, k) => s + weights[k]!, 0);
  const out: Record<string, number> = Object.fromEntries(keys.map((k) => [k, 0]));
  if (sum <= 0 || total <= 0) return out;
  const quotas = keys.map((k) => ({ k, q: (total * weights[k]!) / sum }));
  let left = total;
  for (const { k, q } of quotas) { out[k] = Math.floor(q); left -= out[k]!; }
  const order = [...quotas].sort((a, b) => (b.q - Math.floor(b.q)) - (a.q - Math.floor(a.q)) || keys.indexOf(a.k) - keys.indexOf(b.k));
  for (let i = 0; left > 0 && order.length; i = (i + 1) % order.length) {
    out[order[i]!.k]!++;
    left--;
  }
  return out;
}

/** JSTs of a stage per segment (never more than the segment has). */
export function segmentJsts(stage: StageT, population: Population, segments: string[]): Record<string, number> {
  const size = (s: string) => Object.values(population[s] ?? {}).reduce((a, b) => a + b, 0);
  let out: Record<string, number>;
  if (stage.allocation === 'proportional') out = allocate(stage.jsts, Object.fromEntries(segments.map((s) => [s, size(s)])));
  else if (stage.allocation === 'equal') out = allocate(stage.jsts, Object.fromEntries(segments.map((s) => [s, size(s) > 0 ? 1 : 0])));
  else out = Object.fromEntries(segments.map((s) => [s, (stage.allocation as Record<string, number>)[s] ?? 0]));
  for (const s of segments) out[s] = Math.min(out[s] ?? 0, size(s));
  return out;
}

export interface ScaleRow {
  /** a voivodeship code; "pooled" for the inter-voivodeship groups; "total" */
  voivodeship: string;
  jsts: number;
  participants: number;
  /** groups formed here (a voivodeship whose participants join inter-voivodeship groups has none) */
  groups: number;
  trainerDays: number;
  /** hours trainers, advisers and tutors work */
  trainingHours: number;
  /** participants × the programme's hours */
  participantHours: number;
}

export interface Scale {
  jsts: number;
  participantsPerJst: number;
  total: ScaleRow;
  /** voivodeships with JSTs in this stage, then the inter-voivodeship groups if any (empty when groups form across the country) */
  byVoivodeship: ScaleRow[];
}

/** Trainer-days and hours to a tenth: advice and tutoring run in parts of a day. */
const tenth = (x: number): number => Math.round(x * 10) / 10;

/** What one stage (pilot or rollout) means for one programme. */
export function programmeScale(opts: {
  stage: StageT;
  plan: RolloutPlan;
  catalogue: Catalogue;
  population: Population;
  segments: string[];
  segment: string;
  group: StaffGroup;
  modules: readonly ScheduledModule[];
}): Scale {
  const { stage, plan, catalogue, population, segment, group, modules } = opts;
  const jsts = segmentJsts(stage, population, opts.segments)[segment] ?? 0;
  const pop = population[segment] ?? {};
  const per = stage.participantsPerJst[group];
  const hours = modules.reduce((s, m) => s + m.hours, 0);
  const forms = modules.flatMap((m) => m.forms).filter((f) => f.hours > 0);
  const delivery = (f: Form) => catalogue.forms[f]?.delivery ?? 'group';
  /** trainer hours of `groups` groups and `j` JSTs' advice */
  const groupHours = (groups: number) => forms.reduce((s, f) => s + (delivery(f.form) === 'group' ? f.hours * groups : delivery(f.form) === 'self' ? f.hours * groups * plan.elearningTutorShare : 0), 0);
  const adviceHours = (j: number) => forms.reduce((s, f) => s + (delivery(f.form) === 'jst' ? f.hours * j : 0), 0);
  const row = (voivodeship: string, j: number, participants: number, groups: number, advisedJsts: number): ScaleRow => {
    const trainingHours = groupHours(groups) + adviceHours(advisedJsts);
    return { voivodeship, jsts: j, participants, groups, trainerDays: tenth(trainingHours / catalogue.hoursPerDay), trainingHours: tenth(trainingHours), participantHours: participants * hours };
  };
  const rows: ScaleRow[] = [];
  if (stage.groupsWithin === 'voivodeship') {
    const byV = allocate(jsts, Object.fromEntries(VOIVODESHIP_CODES.map((v) => [v, pop[v] ?? 0])));
    let pooled = 0;
    for (const v of VOIVODESHIP_CODES) {
      const j = byV[v] ?? 0;
      if (!j) continue;
      const participants = j * per;
      const own = participants >= plan.minGroupSize;
      if (!own) pooled += participants;
      rows.push(row(v, j, participants, own ? Math.ceil(participants / plan.maxGroupSize) : 0, j));
    }
    if (pooled) rows.push(row('pooled', 0, 0, Math.ceil(pooled / plan.maxGroupSize), 0));
  }
  const total = stage.groupsWithin === 'voivodeship'
    ? rows.reduce<ScaleRow>((t, r) => ({
      voivodeship: 'total', jsts: t.jsts + r.jsts, participants: t.participants + r.participants, groups: t.groups + r.groups,
      trainerDays: tenth(t.trainerDays + r.trainerDays), trainingHours: tenth(t.trainingHours + r.trainingHours), participantHours: t.participantHours + r.participantHours,
    }), row('total', 0, 0, 0, 0))
    : row('total', jsts, jsts * per, Math.ceil((jsts * per) / plan.maxGroupSize), jsts);
  return { jsts, participantsPerJst: per, total, byVoivodeship: rows };
}
