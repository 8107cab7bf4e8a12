/**
 * From findings to recommendations, per segment and staff group. Deterministic rules, stated once here
 * and in the reports' methodology chapter:
 *
 * 1. Core modules: the areas ranked 1–3 by Borich MWDS in the cell, plus any area in the IPA "concentrate
 *    here" quadrant whose MWDS interval overlaps the third-ranked area's (statistically as high), at most 5.
 * 2. Supplementary modules: other areas that respondents ask for (at least 30 % chose the area among their
 *    training needs) or that address a key-competence solution at least 40 % of the segment's JST staff
 *    say is lacking — unless the area lies in the "possible overkill" quadrant.
 * 3. The capstone module (the local plan) closes every programme.
 * 4. Evidence: "strong" when n ≥ 30 and the area's MWDS interval lies wholly above the best area left
 *    out of the core; "thin" when n < 30 or the interval overlaps that area's; otherwise "moderate".
 * 5. Forms follow the module's design, ordered by the share of the cell's respondents preferring each.
 * 6. Time: the median of the days respondents can give (at `hoursPerDay` hours) is the yearly budget; core
 *    modules in rank order, then the capstone, fill year 1 and what does not fit moves to year 2;
 *    supplementary modules are optional.
 */
import type { Results, PriorityAreaT, ChoiceT } from '../analysis/results-schema.ts';
import type { Catalogue, Form, ModuleT } from './catalogue.ts';

export interface AreaEvidence {
  area: string;
  n: number;
  mwds: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  rank: number | null;
  quadrant: PriorityAreaT['quadrant'];
  demandShare: number | null;
  strength: 'strong' | 'moderate' | 'thin';
  notes: ('low_n' | 'overlaps_next')[];
}

export interface RecommendedModule {
  code: string;
  title: { pl: string; en: string };
  role: 'core' | 'supplementary' | 'capstone';
  order: number;
  year: 1 | 2 | null;
  forms: { form: Form; hours: number; preferredShare: number | null }[];
  hours: number;
  evidence: AreaEvidence[];
  reasons: ('top_rank' | 'concentrate_here' | 'declared_demand' | 'lacking_solution')[];
  addressesLacks: { lack: string; share: number }[];
}

export interface Recommendation {
  programme: string;
  title: { pl: string; en: string };
  segment: string;
  group: 'management' | 'operational';
  n: number | null;
  jsts: number | null;
  insufficient: string | null;
  preferredForms: { form: Form; share: number }[];
  daysAvailable: { category: string; days: number } | null;
  hoursBudget: number | null;
  modules: RecommendedModule[];
  thinEvidence: boolean;
}

const DAYS: Record<string, number> = { le2: 2, '3_5': 4, '6_10': 8, gt10: 10 };
const CORE_RANKS = 3;
const MAX_CORE = 5;
const DEMAND_SHARE = 0.3;
const LACK_SHARE = 0.4;

export function recommend(results: Results, catalogue: Catalogue): Recommendation[] {
  return catalogue.programmes.map((p) => recommendFor(results, catalogue, p));
}

function choiceCell(results: Results, question: string, segment: string, group: string) {
  const c = results.choices.find((x) => x.question === question)?.cells.find((x) => x.segment === segment && x.group === group);
  return c && !('suppressed' in c) ? (c as Exclude<ChoiceT['cells'][number], { suppressed: true }>) : null;
}

function recommendFor(results: Results, catalogue: Catalogue, p: Catalogue['programmes'][number]): Recommendation {
  const base: Recommendation = {
    programme: p.code, title: p.title, segment: p.segment, group: p.staffGroup, n: null, jsts: null, insufficient: null,
    preferredForms: [], daysAvailable: null, hoursBudget: null, modules: [], thinEvidence: false,
  };
  const cell = results.priorities.cells.find((c) => c.segment === p.segment && c.group === p.staffGroup);
  if (!cell || 'suppressed' in cell) return { ...base, insufficient: cell && 'reason' in cell ? cell.reason : 'no data' };
  const lowN = results.config.lowPrecisionBelow;

  const forms = choiceCell(results, 'train_forms', p.segment, p.staffGroup);
  const preferredForms = (forms?.options ?? []).filter((o) => o.proportion !== null).map((o) => ({ form: o.value as Form, share: o.proportion! })).sort((a, b) => b.share - a.share);
  const days = choiceCell(results, 'train_days', p.segment, p.staffGroup);
  let daysAvailable: Recommendation['daysAvailable'] = null;
  if (days) {
    let cum = 0;
    for (const o of days.options) {
      cum += o.proportion ?? 0;
      if (cum >= 0.5) { daysAvailable = { category: o.value, days: DAYS[o.value] ?? 0 }; break; }
    }
  }
  const lackCell = choiceCell(results, 'kc_lack', p.segment, 'all');
  const lacks = (lackCell?.options ?? []).filter((o) => (o.proportion ?? 0) >= LACK_SHARE).map((o) => ({ lack: o.value, share: o.proportion! }));

  // 1. Core areas.
  const ranked = [...cell.areas].filter((a) => a.rank !== null).sort((a, b) => a.rank! - b.rank! || a.area.localeCompare(b.area));
  const third = ranked.filter((a) => a.rank! <= CORE_RANKS).at(-1);
  const core = ranked.filter((a) => a.rank! <= CORE_RANKS || (a.quadrant === 'concentrate_here' && third && a.ciHigh !== null && third.ciLow !== null && a.ciHigh >= third.ciLow)).slice(0, MAX_CORE);
  const coreSet = new Set(core.map((a) => a.area));
  const bestLeftOut = ranked.find((a) => !coreSet.has(a.area));
  const evidenceOf = (a: PriorityAreaT): AreaEvidence => {
    const notes: AreaEvidence['notes'] = [];
    if (a.n < lowN) notes.push('low_n');
    const overlaps = coreSet.has(a.area) && bestLeftOut && a.ciLow !== null && bestLeftOut.ciHigh !== null && a.ciLow <= bestLeftOut.ciHigh;
    if (overlaps) notes.push('overlaps_next');
    const strength = notes.length ? 'thin' : coreSet.has(a.area) && a.n >= lowN ? 'strong' : 'moderate';
    return { area: a.area, n: a.n, mwds: a.mwds, ciLow: a.ciLow, ciHigh: a.ciHigh, rank: a.rank, quadrant: a.quadrant, demandShare: a.trainingDemand.proportion, strength, notes };
  };

  const moduleFor = (area: string) => p.modules.find((m) => m.areas.includes(area));
  const formsOf = (m: ModuleT) =>
    [...m.forms].map((f) => ({ form: f.form as Form, hours: f.hours, preferredShare: preferredForms.find((x) => x.form === f.form)?.share ?? null })).sort((a, b) => (b.preferredShare ?? -1) - (a.preferredShare ?? -1));
  const lacksFor = (m: ModuleT) => lacks.filter((l) => (catalogue.lackToAreas[l.lack] ?? []).some((a) => m.areas.includes(a)));
  const modules: RecommendedModule[] = [];
  const add = (m: ModuleT, role: RecommendedModule['role'], evidence: AreaEvidence[], reasons: RecommendedModule['reasons']) => {
    const fs = formsOf(m);
    modules.push({ code: m.code, title: m.title, role, order: 0, year: null, forms: fs, hours: fs.reduce((s, f) => s + f.hours, 0), evidence, reasons, addressesLacks: lacksFor(m) });
  };
  for (const a of core) {
    const m = moduleFor(a.area);
    if (!m || modules.some((x) => x.code === m.code)) continue;
    const reasons: RecommendedModule['reasons'] = [];
    if (a.rank! <= CORE_RANKS) reasons.push('top_rank');
    if (a.quadrant === 'concentrate_here') reasons.push('concentrate_here');
    if ((a.trainingDemand.proportion ?? 0) >= DEMAND_SHARE) reasons.push('declared_demand');
    if (lacksFor(m).length) reasons.push('lacking_solution');
    add(m, 'core', [evidenceOf(a)], reasons);
  }
  const capstone = p.modules.find((m) => m.capstone);
  // 2. Supplementary areas.
  for (const a of ranked) {
    if (coreSet.has(a.area) || a.quadrant === 'possible_overkill') continue;
    const m = moduleFor(a.area);
    if (!m || modules.some((x) => x.code === m.code)) continue;
    const demand = (a.trainingDemand.proportion ?? 0) >= DEMAND_SHARE;
    const lacking = lacksFor(m).length > 0;
    if (!demand && !lacking) continue;
    add(m, 'supplementary', [evidenceOf(a)], [...(demand ? (['declared_demand'] as const) : []), ...(lacking ? (['lacking_solution'] as const) : [])]);
  }
  // 3. Capstone, then order and years.
  if (capstone) add(capstone, 'capstone', [], []);
  const hoursBudget = daysAvailable ? daysAvailable.days * catalogue.hoursPerDay : null;
  const sequence = [...modules.filter((m) => m.role === 'core'), ...modules.filter((m) => m.role === 'capstone'), ...modules.filter((m) => m.role === 'supplementary')];
  let used = 0;
  sequence.forEach((m, i) => {
    m.order = i + 1;
    if (m.role === 'supplementary') return;
    used += m.hours;
    m.year = hoursBudget === null || used <= hoursBudget || m === sequence[0] ? 1 : 2;
  });
  return {
    ...base,
    n: cell.n,
    jsts: cell.jsts,
    preferredForms,
    daysAvailable,
    hoursBudget,
    modules: sequence,
    thinEvidence: sequence.some((m) => m.evidence.some((e) => e.strength === 'thin')),
  };
}
