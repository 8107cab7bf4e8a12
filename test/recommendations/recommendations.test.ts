/**
 * The catalogue, the one evidence rule and the six programmes built from the shipped sample: every schedule
 * fits its yearly budget, hours are monotone in priority within the catalogue's ranges, no label contradicts
 * the quadrant or the evidence beside it, and every lack mapping carries its reason.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DiagError } from '../../src/errors.ts';
import { checkCatalogue, DEFAULT_CATALOGUE, loadCatalogue } from '../../src/recommendations/catalogue.ts';
import { buildProgrammes, populationOf, type ProgrammeDoc } from '../../src/recommendations/programme.ts';
import { DEFAULT_PLAN } from '../../src/recommendations/rollout.ts';
import { assess, labelOf, strengthOf, type AboveTypical, type Label, type Strength } from '../../src/recommendations/rules.ts';
import { formHours } from '../../src/recommendations/schedule.ts';
import { readResponsesCsv } from '../../src/responses/csv.ts';
import { readFrameCsv } from '../../src/sampling/frame.ts';
import { shippedQuestionnaire } from '../helpers/questionnaire.ts';
import { runAnalysis } from '../helpers/analysis.ts';

const root = join(import.meta.dirname, '..', '..');
const q = shippedQuestionnaire();
const segments = ['rural', 'urban', 'county'];
const catalogue = loadCatalogue(q, segments);
const responses = readResponsesCsv(q, readFileSync(join(root, 'data-samples/responses.csv')), 'r.csv').responses;
const frame = readFrameCsv(readFileSync(join(root, 'data-samples/frame.csv'), 'utf8'), 'f.csv');
const results = runAnalysis(responses, { frame });
const docs = buildProgrammes({ results, questionnaire: q, catalogue, plan: DEFAULT_PLAN, population: populationOf(results, frame) });
const doc = (segment: string, group: string) => docs.find((d) => d.segment.code === segment && d.staffGroup === group)!;

const QUADRANTS = ['concentrate_here', 'keep_up', 'low_priority', 'possible_overkill', null] as const;
const STRENGTH_RANK: Record<Strength, number> = { strong: 2, moderate: 1, thin: 0 };

describe('the programme catalogue', () => {
  it('holds six programmes, one per segment and staff group, each ending in the local-plan module', () => {
    expect(catalogue.programmes).toHaveLength(6);
    for (const p of catalogue.programmes) expect(p.modules.filter((m) => catalogue.modules[m.module]!.capstone)).toHaveLength(1);
  });

  it('gives every thematic module a goal, outcomes for both staff groups, topics, methods and an e-learning version', () => {
    for (const [key, m] of Object.entries(catalogue.modules)) {
      expect(m.goal.pl.length, key).toBeGreaterThan(60);
      expect(m.outcomes.management.length, key).toBeGreaterThanOrEqual(3);
      expect(m.outcomes.operational.length, key).toBeGreaterThanOrEqual(3);
      expect(m.topics.length, key).toBeGreaterThanOrEqual(5);
      if (!m.capstone) expect(m.elearning?.units.length, key).toBeGreaterThanOrEqual(2);
    }
  });

  it('maps every lack the questionnaire asks about to modules, or to none, always with a reason a reader can check', () => {
    const lacks = q.questions.find((x) => x.name === 'kc_lack')!.choices!.map((c) => c.value).filter((v) => v !== 'none');
    expect(Object.keys(catalogue.lacks).sort()).toEqual([...lacks].sort());
    for (const [lack, entry] of Object.entries(catalogue.lacks)) {
      expect(entry.reason.pl.length, lack).toBeGreaterThan(80);
      expect(entry.reason.en.length, lack).toBeGreaterThan(60);
    }
    // a lack of office staff or of buildings cannot be trained away: no module pretends to answer it
    expect(catalogue.lacks.staff!.areas).toEqual([]);
    expect(catalogue.lacks.infrastructure!.areas).toEqual([]);
    expect(catalogue.lacks.staff!.reason.pl).toMatch(/szkolenie nie rozwiąże/u);
    expect(catalogue.lacks.funds!.areas).toEqual(['FIN']);
    expect(catalogue.lacks.data!.areas).toEqual(['DANE']);
    expect(catalogue.lacks.partners!.areas).toEqual(['PARTN']);
  });

  it.each([
    { case: 'an unknown competence area', edit: (c: any) => (c.modules.DANE.area = 'DANEE'), message: /modules\/DANE\/area: .*got "DANEE"/ },
    { case: 'an unknown form', edit: (c: any) => (c.programmes[0].modules[0].forms[0].form = 'lecture'), message: /forms\/0\/form/ },
    { case: 'a module offered twice', edit: (c: any) => (c.programmes[0].modules[1].module = c.programmes[0].modules[0].module), message: /appears twice/ },
    { case: 'a missing programme', edit: (c: any) => c.programmes.pop(), message: /expected exactly one programme for segment "county" and operational, found 0/ },
    { case: 'a module with no hours at its minimum', edit: (c: any) => c.programmes[0].modules[0].forms.forEach((f: any) => (f.hours = [0, 4])), message: /needs some hours at its minimum/ },
    { case: 'an hour range that is not whole steps', edit: (c: any) => (c.programmes[0].modules[0].forms[0].hours = [2, 5]), message: /not a whole number of 2-hour steps/ },
    { case: 'a lack without an entry', edit: (c: any) => delete c.lacks.staff, message: /the lack "staff" .* has no entry/ },
    { case: 'a lack without a reason', edit: (c: any) => (c.lacks.funds.reason.pl = ''), message: /lacks\/funds\/reason\/pl/ },
    { case: 'a topic for an unknown segment', edit: (c: any) => (c.modules.DANE.topics[0].segments = ['villages']), message: /unknown segment "villages"/ },
  ])('rejects $case with the place named', ({ edit, message }) => {
    const c = JSON.parse(readFileSync(DEFAULT_CATALOGUE, 'utf8'));
    edit(c);
    try {
      checkCatalogue(c, q, segments, 'cat.json');
      throw new Error('accepted');
    } catch (e) {
      expect(e).toBeInstanceOf(DiagError);
      const text = [(e as DiagError).message, ...(e as DiagError).details.map((d) => `${d.column}: ${d.message}`)].join('\n');
      expect(text).toMatch(message);
      expect((e as DiagError).details.every((d) => d.file === 'cat.json')).toBe(true);
    }
  });
});

describe('one evidence rule', () => {
  // every combination of the rule's inputs
  const cases = QUADRANTS.flatMap((quadrant) => (['clearly', 'estimate', 'no'] as AboveTypical[]).flatMap((above) => [false, true].flatMap((lowN) => [false, true].flatMap((demand) => [false, true].map((lack) => ({ quadrant, above, lowN, demand, lack }))))));

  it('never gives a label that contradicts the quadrant or the evidence beside it', () => {
    for (const c of cases) {
      const strength = strengthOf(c.quadrant, c.above, c.lowN);
      const label: Label = labelOf(c.quadrant, strength, c.demand, c.lack);
      const where = JSON.stringify({ ...c, strength, label });
      if (label === 'core') {
        expect(c.quadrant, where).toBe('concentrate_here');
        expect(strength, where).not.toBe('thin');
      }
      if (label === 'supplementary') expect(strength, where).not.toBe('strong');
      if (label === 'not_recommended') expect(strength, where).toBe('thin');
      if (c.quadrant === 'possible_overkill') expect(label, where).toBe('not_recommended');
      if (c.lowN) expect(strength, where).toBe('thin');
    }
  });

  it('grades the evidence by both signals: strong only when both point clearly to the area', () => {
    expect(strengthOf('concentrate_here', 'clearly', false)).toBe('strong');
    expect(strengthOf('concentrate_here', 'estimate', false)).toBe('moderate');
    expect(strengthOf('low_priority', 'clearly', false)).toBe('moderate');
    expect(strengthOf('keep_up', 'clearly', false)).toBe('moderate');
    expect(strengthOf('keep_up', 'estimate', false)).toBe('thin');
    expect(strengthOf('possible_overkill', 'clearly', false)).toBe('thin');
    expect(strengthOf('concentrate_here', 'clearly', true)).toBe('thin');
  });

  it('on the shipped sample: rural staff get the data module as core, with strong evidence (rank 1, "concentrate here")', () => {
    for (const group of ['management', 'operational']) {
      const d = doc('rural', group);
      expect(d.modules[0]).toMatchObject({ code: `GW-${group === 'management' ? 'K' : 'O'}-DANE`, label: 'core', order: 1 });
      expect(d.modules[0]!.evidence).toMatchObject({ area: 'DANE', strength: 'strong', quadrant: 'concentrate_here', aboveTypical: 'clearly' });
      expect(d.modules[0]!.evidence!.rank!.value).toBe(1);
    }
    expect(doc('county', 'operational').modules[0]!.code).toBe('PW-O-ZAWOD');
    expect(doc('urban', 'operational').modules[0]!.code).toBe('GM-O-PARTN');
  });

  it('is deterministic', () => {
    expect(buildProgrammes({ results, questionnaire: q, catalogue, plan: DEFAULT_PLAN, population: populationOf(results, frame) })).toEqual(docs);
  });
});

describe.each(['rural', 'urban', 'county'].flatMap((s) => ['management', 'operational'].map((g) => [s, g] as const)))('the %s / %s programme', (segment, group) => {
  const d: ProgrammeDoc = doc(segment, group);
  const range = (code: string) => catalogue.programmes.find((p) => p.code === d.code)!.modules.find((m) => `${d.code}-${m.module}` === code)!.forms;

  it('fits the yearly budget in both years, and its years add up to its modules', () => {
    expect(d.time.hoursPerYear).toBe(d.time.days * catalogue.hoursPerDay);
    expect(d.schedule.years[0]).toBeLessThanOrEqual(d.time.hoursPerYear);
    expect(d.schedule.years[1]).toBeLessThanOrEqual(d.time.hoursPerYear);
    expect(d.schedule.years[0] + d.schedule.years[1]).toBe(d.modules.reduce((s, m) => s + m.hours, 0));
    for (const m of d.modules) {
      expect(m.years[0] + m.years[1]).toBe(m.hours);
      expect(m.forms.reduce((s, f) => s + f.hours, 0)).toBe(m.hours);
    }
  });

  it('gives hours within each module\'s catalogue range, at its need position, monotone in priority', () => {
    const thematic = d.modules.filter((m) => m.label !== 'capstone');
    let prev: { need: number; hours: number } | null = null;
    for (const m of thematic) {
      const forms = range(m.code);
      const expected = formHours(forms, m.need);
      expect(m.forms.map((f) => f.hours)).toEqual(expected.filter((h) => h > 0));
      forms.forEach((f, i) => {
        expect(expected[i]).toBeGreaterThanOrEqual(f.hours[0]);
        expect(expected[i]).toBeLessThanOrEqual(f.hours[1]);
        expect((expected[i]! - f.hours[0]) % f.step).toBe(0);
      });
      if (prev) {
        expect(m.need, m.code).toBeLessThanOrEqual(prev.need);
        expect(m.hours, m.code).toBeLessThanOrEqual(prev.hours);
      }
      prev = { need: m.need, hours: m.hours };
    }
    // priority: core before supplementary, stronger evidence first
    const labels = thematic.map((m) => m.label);
    expect(labels).toEqual([...labels].sort((a, b) => (a === 'core' ? 0 : 1) - (b === 'core' ? 0 : 1)));
    const cap = d.modules.at(-1)!;
    expect(cap.label).toBe('capstone');
    expect(cap.years[0]).toBe(0);
  });

  it('never prints a label that contradicts the quadrant or evidence beside it', () => {
    for (const a of d.areas) {
      if (a.decision === 'core') {
        expect(a.quadrant, a.area).toBe('concentrate_here');
        expect(a.strength, a.area).not.toBe('thin');
      }
      if (a.decision === 'supplementary') expect(a.strength, a.area).not.toBe('strong');
      if (a.decision === 'not_recommended') expect(a.strength, a.area).toBe('thin');
    }
    const core = d.modules.filter((m) => m.label === 'core').map((m) => STRENGTH_RANK[m.evidence!.strength]);
    const supp = d.modules.filter((m) => m.label === 'supplementary').map((m) => STRENGTH_RANK[m.evidence!.strength]);
    if (core.length && supp.length) expect(Math.min(...core)).toBeGreaterThanOrEqual(Math.max(...supp));
  });

  it('offers every recommended module that did not fit as an e-learning course, and states every lack with its reason', () => {
    const scheduled = new Set(d.modules.map((m) => m.area));
    for (const a of d.areas.filter((x) => x.decision !== 'not_recommended' && !scheduled.has(x.area))) {
      expect(d.elearning.map((e) => e.key), a.area).toContain(a.area);
    }
    for (const l of d.lacks) expect(l.reason.pl.length).toBeGreaterThan(0);
  });

  it('takes the mode the group prefers and keeps study visits on site and e-learning online', () => {
    expect(d.mode.preferred).toBe(d.mode.shares[0]!.mode);
    for (const f of d.modules.flatMap((m) => m.forms)) {
      if (f.form === 'study_visits') expect(f.mode).toBe('onsite');
      else if (f.form === 'elearning') expect(f.mode).toBe('online');
      else expect(f.mode).toBe(d.mode.preferred);
    }
  });

  it('states the rollout: 500 JSTs shared among kinds by the frame, groups of at most 16, totals that add up', () => {
    const r = d.scale.rollout;
    expect(r.total.participants).toBe(r.jsts * r.participantsPerJst);
    expect(r.byVoivodeship.reduce((s, x) => s + x.jsts, 0)).toBe(r.jsts);
    expect(r.total.groups * 16).toBeGreaterThanOrEqual(r.total.participants);
    expect(r.total.participantHours).toBe(r.total.participants * (d.schedule.years[0] + d.schedule.years[1]));
  });
});

describe('the rollout as a whole', () => {
  it('spreads 500 JSTs over the three kinds in proportion to the frame, about 2,000 officials in all', () => {
    const jsts = Object.fromEntries(segments.map((s) => [s, doc(s, 'management').scale.rollout.jsts]));
    expect(jsts.rural! + jsts.urban! + jsts.county!).toBe(500);
    // frame: 2,175 rural and urban-rural gminas, 236 urban gminas, 380 counties and cities with county rights
    expect(jsts).toEqual({ rural: 390, urban: 42, county: 68 });
    expect(docs.reduce((s, d) => s + d.scale.rollout.total.participants, 0)).toBe(2000);
    expect(docs.reduce((s, d) => s + d.scale.pilot.total.participants, 0)).toBe(90);
  });

  it('falls back on the whole segment when a staff group\'s cell is withheld, and says so', () => {
    const small = runAnalysis(responses.filter((r) => r.data.jst_kind !== 'urban' || r.data.staff_group !== 'management' || Number(r.id.slice(1)) % 50 === 0), { frame });
    const p = catalogue.programmes.find((x) => x.segment === 'urban' && x.staffGroup === 'management')!;
    expect(assess(small, catalogue, p, q.roles).evidenceFrom).toBe('segment');
    const d = buildProgrammes({ results: small, questionnaire: q, catalogue, plan: DEFAULT_PLAN, population: populationOf(small, frame) }).find((x) => x.code === p.code)!;
    expect(d.basis.evidenceFrom).toBe('segment');
    expect(d.basis.respondents?.key).toBe('segments[code=urban].respondents');
    expect(d.modules.at(-1)!.label).toBe('capstone');
  });
});
