/**
 * The six programmes as documents a programme director can adopt: each is built from the results (the
 * evidence, the respondents' time, forms and mode), the catalogue (modules, hours, quality standards), the
 * rollout plan and the JST population, and is both the PDF's content and the machine-readable JSON.
 */
import type { Results } from '../analysis/results-schema.ts';
import { DAYS_PER_YEAR as DAYS, MODES, type Mode } from '../domain/training.ts';
import type { JstCondition, Questionnaire } from '../questionnaire/types.ts';
import type { FrameUnit } from '../sampling/frame.ts';
import { forSegment, moduleCode, moduleTitle, type Catalogue, type Form, type LibraryModuleT, type ProgrammeT, type StaffGroup } from './catalogue.ts';
import { areaMean, meansBesideMwds, mwdsDefinition, populationWeighted, prioritiesWeighted, segmentCount, share, type Figure, type Interval, type ShareFigure } from './figures.ts';
import { programmeScale, type Population, type RolloutPlan, type Scale } from './rollout.ts';
import { assess, DEMAND_SHARE, LACK_SHARE, type AreaAssessment, type Label, type LackShare, type Strength } from './rules.ts';
import { buildSchedule, type ScheduledModule } from './schedule.ts';

export type Localized = { pl: string; en: string };
export { MODES, type Mode } from '../domain/training.ts';

export interface AreaDoc {
  area: string;
  label: Localized;
  module: string | null;
  decision: Label;
  /** in the two-year schedule */
  scheduled: boolean;
  strength: Strength;
  aboveTypical: AreaAssessment['aboveTypical'];
  lowN: boolean;
  quadrant: AreaAssessment['quadrant'];
  mwds: Figure;
  ciLow: Figure | null;
  ciHigh: Figure | null;
  rank: Figure | null;
  n: Figure;
  /** population estimates of the evidence cell (weighted as the number policy says) */
  importance: Interval | null;
  level: Interval | null;
  gap: Interval | null;
  demand: ShareFigure | null;
  lacks: { lack: string; share: ShareFigure }[];
  reasons: AreaAssessment['reasons'];
}

export interface FormDoc {
  form: Form;
  label: Localized;
  hours: number;
  range: [number, number];
  mode: Mode;
  years: [number, number];
}

export interface ModuleDoc {
  order: number;
  code: string;
  key: string;
  area: string | null;
  label: 'core' | 'supplementary' | 'capstone';
  title: Localized;
  goal: Localized;
  outcomes: Localized[];
  topics: Localized[];
  methods: Localized[];
  prerequisites: { key: string; title: Localized; via: 'module' | 'elearning'; code: string }[];
  hours: number;
  range: [number, number];
  /** need position that set the hours within the range (0 = minimum, 1 = maximum) */
  need: number;
  years: [number, number];
  mode: Mode;
  forms: FormDoc[];
  evidence: AreaDoc | null;
}

export interface ElearningDoc {
  key: string;
  code: string;
  title: Localized;
  hours: number;
  units: Localized[];
  /** why it is offered: a supplementary module not scheduled, a core module deferred, a prerequisite */
  why: ('supplementary' | 'deferred' | 'prerequisite')[];
  /** codes of the modules it prepares for */
  before: string[];
}

export interface LackDoc {
  lack: string;
  label: Localized;
  share: ShareFigure;
  modules: string[];
  reason: Localized;
}

export interface MeasureDoc {
  module: string;
  area: string;
  items: { code: string; label: Localized }[];
  baseline: Interval | null;
  gap: Interval | null;
  target: number | null;
}

export interface ProgrammeDoc {
  format: 'diag-programme/1';
  code: string;
  title: Localized;
  segment: { code: string; label: Localized; kinds: string[] };
  staffGroup: StaffGroup;
  goal: Localized;
  participants: Localized;
  basis: {
    evidenceFrom: 'group' | 'segment' | null;
    respondents: Figure | null;
    jsts: Figure | null;
    typicalNeed: number | null;
    weighted: boolean;
    prioritiesWeighted: boolean;
    meansBesideMwds: boolean;
    mwdsDefinition: 'product' | 'mean_of_items' | 'other';
    lowPrecisionBelow: number;
    /** the confidence level of every interval (results.config.level), which the documents name */
    ciLevel: number;
    /** the rule's thresholds (rules.ts) */
    demandShare: number;
    lackShare: number;
  };
  time: { category: string | null; label: Localized | null; days: number; source: 'group' | 'segment' | 'plan'; hoursPerDay: number; hoursPerYear: number };
  mode: { preferred: Mode; source: 'group' | 'segment' | 'plan'; shares: { mode: Mode; label: Localized; share: ShareFigure }[] };
  preferredForms: { form: Form; label: Localized; share: ShareFigure }[];
  /** the segment's conditions for change: shares of officials whose JST has a strategy, a coalition, a shared-service centre */
  conditions: { condition: JstCondition; question: string; option: string; share: ShareFigure }[];
  modules: ModuleDoc[];
  areas: AreaDoc[];
  schedule: { hoursPerYear: number; years: [number, number]; total: number; compression: number };
  elearning: ElearningDoc[];
  lacks: LackDoc[];
  quality: {
    standards: Localized[];
    attendance: { participants: number; hours: number };
    satisfaction: number;
    levelGain: number;
    improvedShare: number;
    plans: number;
    planCriteria: Localized[];
    planCriteriaMin: number;
    measures: MeasureDoc[];
  };
  scale: { plan: RolloutPlan; pilot: Scale; rollout: Scale };
  provenance: { results: { generatedAt: string; data: string; sha256: string; weights: string }; catalogue: string; software: string };
}

/** JSTs by segment and voivodeship, from the frame (or, without one, from the results' coverage table). */
export function populationOf(results: Results, frame?: readonly FrameUnit[]): Population {
  const out: Population = {};
  for (const s of results.config.segments) out[s.code] = {};
  if (frame && frame.length) {
    for (const u of frame) {
      const s = results.config.segments.find((x) => x.kinds.includes(u.kind));
      if (s) out[s.code]![u.voivodeship] = (out[s.code]![u.voivodeship] ?? 0) + 1;
    }
    return out;
  }
  for (const c of results.coverage) if (out[c.segment] && c.populationJst !== null) out[c.segment]![c.voivodeship] = c.populationJst;
  return out;
}

/** The conditions a programme page states, in this order, where the questionnaire asks about them (roles.jstConditions). */
const CONDITIONS: readonly JstCondition[] = ['educationStrategy', 'localCoalition', 'sharedServiceCentre'];

export interface ProgrammeInputs {
  results: Results;
  questionnaire: Questionnaire;
  catalogue: Catalogue;
  plan: RolloutPlan;
  population: Population;
}

export function buildProgrammes(inputs: ProgrammeInputs): ProgrammeDoc[] {
  return inputs.catalogue.programmes.map((p) => buildProgramme(inputs, p));
}

/** The cell a programme reads preferences from: its staff group, else (withheld) the whole segment. */
function choiceSource<T>(read: (group: string) => T | null, group: string): { value: T; source: 'group' | 'segment' } | null {
  const own = read(group);
  if (own !== null) return { value: own, source: 'group' };
  const all = read('all');
  return all !== null ? { value: all, source: 'segment' } : null;
}

export function buildProgramme(inputs: ProgrammeInputs, p: ProgrammeT): ProgrammeDoc {
  const { results: r, questionnaire: q, catalogue: c, plan } = inputs;
  const seg = r.config.segments.find((s) => s.code === p.segment)!;
  const a = assess(r, c, p, q.roles);
  const evidenceGroup = a.evidenceFrom === 'segment' ? 'all' : p.staffGroup;
  const areaLabel = (code: string) => q.areas.find((x) => x.code === code)?.label ?? { pl: code, en: code };
  const lib = (key: string) => c.modules[key] as LibraryModuleT;

  // Time: the weighted median of the days respondents can give.
  const days = choiceSource((g) => medianDays(r, q.roles.trainingDays, p.segment, g), p.staffGroup);
  const time = days
    ? { category: days.value.category, label: days.value.label, days: days.value.days, source: days.source, hoursPerDay: c.hoursPerDay, hoursPerYear: days.value.days * c.hoursPerDay }
    : { category: null, label: null, days: plan.fallbackDaysPerYear, source: 'plan' as const, hoursPerDay: c.hoursPerDay, hoursPerYear: plan.fallbackDaysPerYear * c.hoursPerDay };

  // Mode: the option most respondents prefer; flexible forms follow it.
  const modeQ = q.roles.trainingMode;
  const modes = choiceSource((g) => {
    if (modeQ === undefined) return null;
    const list = MODES.map((m) => ({ mode: m, label: optionLabel(r, modeQ, m), share: share(r, modeQ, m, p.segment, g) })).filter((x): x is { mode: Mode; label: Localized; share: ShareFigure } => x.share !== null);
    return list.length ? list.sort((x, y) => y.share.value.value - x.share.value.value) : null;
  }, p.staffGroup);
  const preferred: Mode = modes?.value[0]?.mode ?? 'hybrid';
  const formMode = (f: Form): Mode => (c.forms[f]?.mode === 'onsite' ? 'onsite' : c.forms[f]?.mode === 'online' ? 'online' : preferred);
  const formsQ = q.roles.trainingForms;
  const preferredForms = choiceSource((g) => {
    if (formsQ === undefined) return null;
    const list = Object.keys(c.forms).map((f) => ({ form: f as Form, label: { pl: c.forms[f]!.pl, en: c.forms[f]!.en }, share: share(r, formsQ, f, p.segment, g) })).filter((x): x is { form: Form; label: Localized; share: ShareFigure } => x.share !== null);
    return list.length ? list.sort((x, y) => y.share.value.value - x.share.value.value) : null;
  }, p.staffGroup)?.value ?? [];

  // Schedule.
  const top = a.top ?? 0;
  const formsOf = (key: string) => p.modules.find((m) => m.module === key)!.forms;
  const items = a.areas.filter((x) => x.module && x.label !== 'not_recommended').map((x) => ({
    key: x.module!, label: x.label as 'core' | 'supplementary', need: top > 0 ? Math.min(1, Math.max(0, x.priority.mwds.value / top)) : 0, forms: formsOf(x.module!),
  }));
  const capKey = p.modules.find((m) => lib(m.module).capstone)!.module;
  const schedule = buildSchedule(items, { key: capKey, forms: formsOf(capKey) }, time.hoursPerYear);

  // Areas with their evidence (the cell's population estimates beside the priority figures).
  const areas: AreaDoc[] = a.areas.map((x) => ({
    area: x.area, label: areaLabel(x.area), module: x.module ? moduleCode(p.code, x.module) : null, decision: x.label,
    scheduled: schedule.modules.some((m) => m.key === x.module), strength: x.strength, aboveTypical: x.aboveTypical, lowN: x.lowN, quadrant: x.quadrant,
    mwds: x.priority.mwds, ciLow: x.priority.low, ciHigh: x.priority.high, rank: x.priority.rank, n: x.priority.n,
    importance: areaMean(r, x.area, 'importance', p.segment, evidenceGroup),
    level: areaMean(r, x.area, 'level', p.segment, evidenceGroup),
    gap: areaMean(r, x.area, 'gap', p.segment, evidenceGroup),
    demand: x.demand, lacks: x.lacks, reasons: x.reasons,
  }));

  // Modules in schedule order, with prerequisites met by an earlier module or by its e-learning.
  const elearning = new Map<string, ElearningDoc>();
  const addElearning = (key: string, why: ElearningDoc['why'][number], before?: string) => {
    const m = lib(key);
    if (!m.elearning) return;
    const e = elearning.get(key) ?? { key, code: `${moduleCode(p.code, key)}-E`, title: m.elearning.title, hours: m.elearning.hours, units: m.elearning.units, why: [], before: [] };
    if (!e.why.includes(why)) e.why.push(why);
    if (before && !e.before.includes(before)) e.before.push(before);
    elearning.set(key, e);
  };
  const modules: ModuleDoc[] = schedule.modules.map((sm, i) => moduleDoc(inputs, p, sm, i, schedule.modules, areas, formMode));
  for (const m of modules) for (const pre of m.prerequisites) if (pre.via === 'elearning') addElearning(pre.key, 'prerequisite', m.code);
  for (const d of schedule.deferred) addElearning(d.key, d.label === 'core' ? 'deferred' : 'supplementary');

  // Lacks reported by at least LACK_SHARE, with the modules that answer them (or none, and why).
  const lacks: LackDoc[] = a.lacks.map((l: LackShare) => ({
    lack: l.lack, label: optionLabel(r, q.roles.keyCompetences?.lack ?? '', l.lack), share: l.share,
    modules: (c.lacks[l.lack]?.areas ?? []).map((ar) => modules.find((m) => m.area === ar)?.code ?? elearning.get(p.modules.find((pm) => lib(pm.module).area === ar)?.module ?? '')?.code).filter((x): x is string => !!x),
    reason: c.lacks[l.lack]!.reason,
  }));

  // What the pilot measures per module: the area's tasks, the level now and the bar.
  const measures: MeasureDoc[] = modules.filter((m) => m.area).map((m) => {
    const baseline = areaMean(r, m.area!, 'level', p.segment, evidenceGroup);
    return {
      module: m.code, area: m.area!, items: visibleItems(q, m.area!, seg.kinds, p.staffGroup),
      baseline, gap: areaMean(r, m.area!, 'gap', p.segment, evidenceGroup),
      target: baseline ? Math.min(5, baseline.value.value + c.quality.levelGain) : null,
    };
  });

  const scaleOf = (stage: RolloutPlan['rollout']) => programmeScale({ stage, plan, catalogue: c, population: inputs.population, segments: r.config.segments.map((s) => s.code), segment: p.segment, group: p.staffGroup, modules: schedule.modules });
  const respondents = a.evidenceFrom ? segmentCount(r, p.segment, a.evidenceFrom === 'group' ? p.staffGroup : 'respondents') : null;
  const cell = r.priorities.cells.find((x) => x.segment === p.segment && x.group === evidenceGroup);
  return {
    format: 'diag-programme/1',
    code: p.code, title: p.title, segment: { code: seg.code, label: seg.label, kinds: seg.kinds }, staffGroup: p.staffGroup,
    goal: p.goal, participants: p.participants,
    basis: {
      evidenceFrom: a.evidenceFrom,
      respondents,
      jsts: cell && !('suppressed' in cell) ? { value: cell.jsts, key: `priorities.cells[segment=${p.segment},group=${evidenceGroup}].jsts`, kind: 'count', variant: 'unweighted' } : null,
      typicalNeed: a.typical, weighted: populationWeighted(r), prioritiesWeighted: prioritiesWeighted(r), meansBesideMwds: meansBesideMwds(r), mwdsDefinition: mwdsDefinition(r),
      lowPrecisionBelow: r.config.lowPrecisionBelow,
      ciLevel: r.config.level,
      demandShare: DEMAND_SHARE,
      lackShare: LACK_SHARE,
    },
    time,
    mode: { preferred, source: modes?.source ?? 'plan', shares: modes?.value ?? [] },
    preferredForms,
    conditions: CONDITIONS.flatMap((condition) => {
      const role = q.roles.jstConditions?.[condition];
      const s = role ? share(r, role.question, role.value, p.segment, 'all') : null;
      return role && s ? [{ condition, question: role.question, option: role.value, share: s }] : [];
    }),
    modules, areas,
    schedule: { hoursPerYear: schedule.hoursPerYear, years: schedule.years, total: schedule.years[0] + schedule.years[1], compression: schedule.compression },
    elearning: [...elearning.values()],
    lacks,
    quality: { ...c.quality, measures },
    scale: { plan, pilot: scaleOf(plan.pilot), rollout: scaleOf(plan.rollout) },
    provenance: {
      results: { generatedAt: r.generatedAt, data: r.input.data.file, sha256: r.input.data.sha256, weights: r.weights.method },
      catalogue: c.version, software: `${r.software.name} ${r.software.version}`,
    },
  };
}

function moduleDoc(inputs: ProgrammeInputs, p: ProgrammeT, sm: ScheduledModule, i: number, all: readonly ScheduledModule[], areas: AreaDoc[], formMode: (f: Form) => Mode): ModuleDoc {
  const c = inputs.catalogue;
  const m = c.modules[sm.key]!;
  const forms: FormDoc[] = sm.forms.filter((f) => f.hours > 0).map((f) => ({ form: f.form, label: { pl: c.forms[f.form]!.pl, en: c.forms[f.form]!.en }, hours: f.hours, range: f.range, mode: formMode(f.form), years: f.years }));
  const modes = new Set(forms.map((f) => f.mode));
  const mode: Mode = modes.size === 1 ? [...modes][0]! : 'hybrid';
  const pre = m.capstone
    ? all.filter((x) => x.key !== sm.key).map((x) => ({ key: x.key, title: moduleTitle(c.modules[x.key]!, p.segment), via: 'module' as const, code: moduleCode(p.code, x.key) }))
    : m.prerequisites.map((k) => {
      const earlier = all.slice(0, i).some((x) => x.key === k);
      return { key: k, title: earlier ? moduleTitle(c.modules[k]!, p.segment) : c.modules[k]!.elearning?.title ?? moduleTitle(c.modules[k]!, p.segment), via: earlier ? 'module' as const : 'elearning' as const, code: earlier ? moduleCode(p.code, k) : `${moduleCode(p.code, k)}-E` };
    });
  const range = p.modules.find((x) => x.module === sm.key)!.forms.reduce<[number, number]>((acc, f) => [acc[0] + f.hours[0], acc[1] + f.hours[1]], [0, 0]);
  return {
    order: i + 1, code: moduleCode(p.code, sm.key), key: sm.key, area: m.area ?? null, label: sm.label,
    title: moduleTitle(m, p.segment), goal: m.goal,
    outcomes: forSegment(m.outcomes[p.staffGroup], p.segment).map(({ pl, en }) => ({ pl, en })),
    topics: forSegment(m.topics, p.segment).map(({ pl, en }) => ({ pl, en })),
    methods: m.methods.filter((x) => !x.form || forms.some((f) => f.form === x.form)).map(({ pl, en }) => ({ pl, en })),
    prerequisites: pre,
    hours: sm.hours, range, need: sm.t, years: sm.years, mode, forms,
    evidence: m.area ? areas.find((x) => x.area === m.area) ?? null : null,
  };
}

/** The weighted median category of the days a year respondents can give (options in their scale order). */
function medianDays(r: Results, question: string | undefined, segment: string, group: string): { category: string; label: Localized; days: number } | null {
  if (question === undefined) return null;
  const cell = r.choices.find((x) => x.question === question)?.cells.find((x) => x.segment === segment && x.group === group);
  if (!cell || !('options' in cell)) return null;
  // Options in scale order; a withheld share is fine only after the median has been reached.
  let cum = 0;
  for (const o of cell.options) {
    if (DAYS[o.value] === undefined) continue;
    const s = share(r, question, o.value, segment, group);
    if (!s) return null;
    cum += s.value.value;
    if (cum >= 0.5) return { category: o.value, label: o.label, days: DAYS[o.value]! };
  }
  return null;
}

function optionLabel(r: Results, question: string, value: string): Localized {
  for (const cell of r.choices.find((x) => x.question === question)?.cells ?? []) {
    if ('options' in cell) {
      const o = cell.options.find((x) => x.value === value);
      if (o) return o.label;
    }
  }
  return { pl: value, en: value };
}

/** The area's tasks a segment's staff group is shown. */
function visibleItems(q: Questionnaire, area: string, kinds: string[], group: StaffGroup): { code: string; label: Localized }[] {
  const a = q.areas.find((x) => x.code === area);
  if (!a) return [];
  return a.items.filter((it) => {
    const v = q.variables.find((x) => x.item === it.code);
    return !v || (v.visibility.staffGroups.includes(group) && v.visibility.jstKinds.some((k) => kinds.includes(k)));
  });
}
