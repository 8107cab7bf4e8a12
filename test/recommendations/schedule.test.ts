/**
 * The two-year schedule and the rollout scale, on small cases worked out by hand (the working is in the
 * comments), and the rollout plan's checks.
 */
import { describe, expect, it } from 'vitest';
import { DiagError } from '../../src/errors.ts';
import type { Catalogue, ProgrammeFormT } from '../../src/recommendations/catalogue.ts';
import { allocate, checkPlan, DEFAULT_PLAN, programmeScale } from '../../src/recommendations/rollout.ts';
import { buildSchedule, formHours, hoursAt } from '../../src/recommendations/schedule.ts';

const f = (form: ProgrammeFormT['form'], lo: number, hi: number, step: number): ProgrammeFormT => ({ form, hours: [lo, hi], step });
const THEMATIC = [f('workshops', 6, 12, 3), f('coaching', 2, 6, 2)];
const CAPSTONE = [f('workshops', 3, 6, 3), f('coaching', 6, 12, 2)];

describe('hours within a module\'s range', () => {
  it('move from the minimum to the maximum in whole steps as the need position grows', () => {
    // workshops 6 + round(t·6/3)·3, coaching 2 + round(t·4/2)·2
    expect(formHours(THEMATIC, 0)).toEqual([6, 2]);
    expect(formHours(THEMATIC, 0.24)).toEqual([6, 2]); // round(0.48) = 0, round(0.48) = 0
    expect(formHours(THEMATIC, 0.25)).toEqual([9, 4]); // round(0.5) = 1 both
    expect(formHours(THEMATIC, 0.5)).toEqual([9, 4]);
    expect(formHours(THEMATIC, 0.75)).toEqual([12, 6]); // round(1.5) = 2 both
    expect(formHours(THEMATIC, 1)).toEqual([12, 6]);
    expect(hoursAt(THEMATIC, 2)).toBe(18); // clamped to the range
  });
});

describe('the two-year schedule', () => {
  it('worked by hand: a core and a supplementary module and the local plan in 24 hours a year', () => {
    // Core A at need 1: 12 + 6 = 18 h. Supplementary B at need 0.5: 9 + 4 = 13 h (≤ 18, fits with the plan
    // at its minimum 3 + 6 = 9: 40 ≤ 48). The plan then takes what is left: at t = 0.84 coaching would be
    // 6 + round(2.52)·2 = 12 (3 + ... = 6 + 12 = 18, total 49 > 48); at t = 0.83 it is 6 + round(2.49)·2 = 10,
    // so 6 + 10 = 16 h and 47 in all. Year 1 takes sessions up to min(24, max(47 − 24, ⌈47/2⌉)) = 24 hours:
    // A's 12 + 6, then B's workshops in 3-hour sessions 3 + 3 (= 24); year 2 the rest: 3 + 4 + 16 = 23.
    const s = buildSchedule([
      { key: 'A', label: 'core', need: 1, forms: THEMATIC },
      { key: 'B', label: 'supplementary', need: 0.5, forms: THEMATIC },
    ], { key: 'PLAN', forms: CAPSTONE }, 24);
    expect(s.modules.map((m) => [m.key, m.hours, m.years])).toEqual([['A', 18, [18, 0]], ['B', 13, [6, 7]], ['PLAN', 16, [0, 16]]]);
    expect(s.modules[2]!.t).toBe(0.83);
    expect(s.years).toEqual([24, 23]);
    expect(s.compression).toBe(1);
    expect(s.deferred).toEqual([]);
  });

  it('never gives a lower-priority module more hours than a higher one, even when its need is larger', () => {
    // B comes second (e.g. supplementary) but has need 1: it is held to A's 13 hours (t = 0.5 → 9 + 4).
    const s = buildSchedule([
      { key: 'A', label: 'core', need: 0.5, forms: THEMATIC },
      { key: 'B', label: 'supplementary', need: 1, forms: THEMATIC },
    ], { key: 'PLAN', forms: CAPSTONE }, 60);
    expect(s.modules[0]!.hours).toBe(13);
    expect(s.modules[1]!.hours).toBeLessThanOrEqual(13);
    expect(s.modules[1]!.t).toBeLessThanOrEqual(s.modules[0]!.t);
  });

  it('compresses the core modules together, then defers what does not fit even at its minimum', () => {
    // 12 hours a year: three core modules at their minimum 8 h each and the plan's 9 need 33 > 24. Dropping the
    // last core module leaves 8 + 8 + 9 = 25 > 24, dropping another leaves 8 + 9 = 17: the first core module
    // stays (compressed so that both years fit 12), the other two are deferred to e-learning.
    const s = buildSchedule(['A', 'B', 'C'].map((key) => ({ key, label: 'core' as const, need: 1, forms: THEMATIC })), { key: 'PLAN', forms: CAPSTONE }, 12);
    expect(s.modules.map((m) => m.key)).toEqual(['A', 'PLAN']);
    expect(s.deferred).toEqual([{ key: 'B', label: 'core' }, { key: 'C', label: 'core' }]);
    expect(s.years[0]).toBeLessThanOrEqual(12);
    expect(s.years[1]).toBeLessThanOrEqual(12);
    expect(s.compression).toBeLessThan(1);
  });
});

describe('the rollout scale', () => {
  it('allocates by largest remainders, ties to the earlier key', () => {
    expect(allocate(10, { a: 1, b: 1, c: 1 })).toEqual({ a: 4, b: 3, c: 3 });
    expect(allocate(5, { a: 30, b: 10 })).toEqual({ a: 4, b: 1 }); // quotas 3.75 and 1.25
    expect(allocate(0, { a: 1 })).toEqual({ a: 0 });
  });

  it('worked by hand: groups in a voivodeship, too few participants join an inter-voivodeship group', () => {
    // 20 JSTs of one segment: 15 in 02 (30 of 40 in the frame), 5 in 04. One participant each. 02 has 15 ≥ 8:
    // one group of its own; 04 has 5 < 8: they join one pooled group. Module: workshops 12 h (per group),
    // advice 4 h (per JST), e-learning 4 h (tutor 25 % per group). 02: 12·1 + 4·15 + 4·1·0.25 = 73 h = 12.2
    // days; 04: advice only, 4·5 = 20 h = 3.3 days; pooled: 12·1 + 1 = 13 h = 2.2 days. Total 106 h, 17.7 days.
    const catalogue = { hoursPerDay: 6, forms: { workshops: { delivery: 'group' }, coaching: { delivery: 'jst' }, elearning: { delivery: 'self' } } } as unknown as Catalogue;
    const modules = [{ key: 'A', label: 'core' as const, t: 1, hours: 20, years: [20, 0] as [number, number], forms: [
      { form: 'workshops' as const, hours: 12, range: [0, 0] as [number, number], step: 3, years: [12, 0] as [number, number] },
      { form: 'coaching' as const, hours: 4, range: [0, 0] as [number, number], step: 2, years: [4, 0] as [number, number] },
      { form: 'elearning' as const, hours: 4, range: [0, 0] as [number, number], step: 2, years: [4, 0] as [number, number] },
    ] }];
    const stage = { jsts: 20, participantsPerJst: { management: 1, operational: 3 }, allocation: 'proportional' as const, groupsWithin: 'voivodeship' as const };
    const s = programmeScale({ stage, plan: DEFAULT_PLAN, catalogue, population: { rural: { '02': 30, '04': 10 } }, segments: ['rural'], segment: 'rural', group: 'management', modules });
    expect(s.byVoivodeship.map((r) => [r.voivodeship, r.jsts, r.participants, r.groups, r.trainerDays, r.trainingHours])).toEqual([
      ['02', 15, 15, 1, 12.2, 73], ['04', 5, 5, 0, 3.3, 20], ['pooled', 0, 0, 1, 2.2, 13],
    ]);
    expect(s.total).toMatchObject({ jsts: 20, participants: 20, groups: 2, trainerDays: 17.7, trainingHours: 106, participantHours: 400 });
  });

  it('checks a plan file field by field and keeps at least 3 officials per JST', () => {
    expect(checkPlan({ rollout: { jsts: 250 } }).rollout).toMatchObject({ jsts: 250, participantsPerJst: DEFAULT_PLAN.rollout.participantsPerJst });
    const bad = (v: unknown, re: RegExp) => {
      try {
        checkPlan(v, 'plan.json');
        throw new Error('accepted');
      } catch (e) {
        expect(e).toBeInstanceOf(DiagError);
        expect([(e as DiagError).message, ...(e as DiagError).details.map((d) => `${d.column}: ${d.message}`)].join('\n')).toMatch(re);
      }
    };
    bad({ rollout: { participantsPerJst: { management: 1, operational: 1 } } }, /sends 2 officials per JST, fewer than minPerJst \(3\)/);
    bad({ maxGroupSize: 'big' }, /\/maxGroupSize/);
    bad({ groups: 12 }, /plan\.json is not a valid rollout plan/);
    bad([], /a rollout plan is a JSON object/);
  });
});
