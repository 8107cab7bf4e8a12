/**
 * The two-year schedule of a programme: how many hours each module gets, and in which year.
 *
 * Hours grow with need within each module's catalogue range. A module's need position t ∈ [0, 1] is its
 * MWDS over the largest MWDS of the cell; a form with range [min, max] in steps of `step` hours gets
 * min + round(t·(max − min)/step)·step hours. Along the priority order (rules.ts) neither t nor a module's
 * hours ever rise: a lower-priority module never gets more hours than a higher-priority one.
 *
 * The budget: each year holds at most `hoursPerYear` hours (what the respondents say they can give). Core
 * modules come first, at their need-based hours, compressed together (t × λ, λ from 1 down) only if they
 * would not fit; a core module that does not fit even at its minimum is deferred to its e-learning version.
 * Supplementary modules follow in priority order while they fit, each at no more hours than the module
 * before it. The capstone (the local plan) closes year 2, with the hours left, within its range.
 *
 * Years: the modules run in priority order as a sequence of sessions (a form's hours in `step`-hour
 * sessions); year 1 takes the first sessions up to about half of the total (never more than the budget),
 * year 2 the rest, and the capstone always falls in year 2.
 */
import type { ProgrammeFormT } from './catalogue.ts';

export interface ScheduleItem {
  /** library key of the module */
  key: string;
  label: 'core' | 'supplementary';
  /** need position before the budget: MWDS / largest MWDS of the cell, clamped to [0, 1] */
  need: number;
  forms: readonly ProgrammeFormT[];
}

export interface ScheduledForm {
  form: ProgrammeFormT['form'];
  hours: number;
  range: [number, number];
  step: number;
  /** hours in year 1 and year 2 */
  years: [number, number];
}

export interface ScheduledModule {
  key: string;
  label: 'core' | 'supplementary' | 'capstone';
  /** the need position used (after the running minimum and the budget): hours = hoursAt(forms, t) */
  t: number;
  hours: number;
  forms: ScheduledForm[];
  years: [number, number];
}

export interface Schedule {
  hoursPerYear: number;
  /** scheduled modules in order, the capstone last */
  modules: ScheduledModule[];
  /** hours in year 1 and year 2 */
  years: [number, number];
  /** the compression of the core modules' need positions (1 = none) */
  compression: number;
  /** modules that did not fit the budget, in priority order */
  deferred: { key: string; label: 'core' | 'supplementary' }[];
}

const GRID = 100;

/** Each form's hours at need position t. */
export function formHours(forms: readonly ProgrammeFormT[], t: number): number[] {
  const u = Math.min(1, Math.max(0, t));
  return forms.map((f) => {
    const [lo, hi] = f.hours;
    return lo + Math.round((u * (hi - lo)) / f.step + 1e-9) * f.step;
  });
}

export const hoursAt = (forms: readonly ProgrammeFormT[], t: number): number => formHours(forms, t).reduce((a, b) => a + b, 0);

/** The largest t ≤ `from` (on a 1/100 grid) at which the module has at most `bound` hours, or null. */
function largestT(forms: readonly ProgrammeFormT[], from: number, bound: number): number | null {
  for (let i = Math.floor(Math.min(1, Math.max(0, from)) * GRID + 1e-9); i >= 0; i--) {
    if (hoursAt(forms, i / GRID) <= bound) return i / GRID;
  }
  return null;
}

interface Placed {
  key: string;
  label: ScheduledModule['label'];
  t: number;
  forms: readonly ProgrammeFormT[];
}

/** Year 1 hours of every form of `mods` (capstone excluded) when the sequence fits two years, else null. */
function pack(mods: readonly Placed[], capstone: Placed, budget: number): { split: number[][]; years: [number, number] } | null {
  const hours = mods.map((m) => formHours(m.forms, m.t));
  const cap = hoursAt(capstone.forms, capstone.t);
  const before = hours.flat().reduce((a, b) => a + b, 0);
  const total = before + cap;
  if (cap > budget || total > 2 * budget) return null;
  const balanced = Math.min(budget, Math.max(total - budget, Math.ceil(total / 2)));
  for (const limit of [balanced, budget]) {
    let y1 = 0;
    let open = true;
    const split = mods.map((m, i) => m.forms.map((f, j) => {
      let h = hours[i]![j]!;
      let inYear1 = 0;
      while (open && h > 0) {
        const s = Math.min(f.step, h);
        if (y1 + s > limit) { open = false; break; }
        y1 += s;
        inYear1 += s;
        h -= s;
      }
      if (h > 0) open = false;
      return inYear1;
    }));
    if (total - y1 <= budget) return { split, years: [y1, total - y1] };
  }
  return null;
}

/** Need positions along the order: a running minimum, then lowered until hours never rise. Null when impossible. */
function monotone(items: readonly { forms: readonly ProgrammeFormT[]; t: number }[]): number[] | null {
  const out: number[] = [];
  let prevT = 1;
  let prevH = Infinity;
  for (const it of items) {
    const t = largestT(it.forms, Math.min(it.t, prevT), prevH);
    if (t === null) return null;
    out.push(t);
    prevT = t;
    prevH = hoursAt(it.forms, t);
  }
  return out;
}

export function buildSchedule(items: readonly ScheduleItem[], capstone: { key: string; forms: readonly ProgrammeFormT[] }, hoursPerYear: number): Schedule {
  const core = items.filter((i) => i.label === 'core');
  const supp = items.filter((i) => i.label === 'supplementary');
  const deferred: Schedule['deferred'] = [];
  const capAt = (t: number): Placed => ({ key: capstone.key, label: 'capstone', t, forms: capstone.forms });
  const capMin = capAt(0);

  // 1. Core modules at their need-based hours, compressed together only as far as the budget needs.
  let placed: Placed[] = [];
  let compression = 1;
  const coreLeft = [...core];
  for (;;) {
    let done = false;
    for (let step = 20; step >= 0; step--) {
      const lambda = step / 20;
      const ts = monotone(coreLeft.map((c) => ({ forms: c.forms, t: c.need * lambda })));
      if (!ts) continue;
      const candidate = coreLeft.map((c, i) => ({ key: c.key, label: 'core' as const, t: ts[i]!, forms: c.forms }));
      if (pack(candidate, capMin, hoursPerYear)) {
        placed = candidate;
        compression = lambda;
        done = true;
        break;
      }
    }
    if (done || !coreLeft.length) break;
    const dropped = coreLeft.pop()!;
    deferred.unshift({ key: dropped.key, label: 'core' });
  }

  // 2. Supplementary modules while they fit, never more hours than the module before.
  for (const s of supp) {
    const last = placed.at(-1);
    const bound = last ? hoursAt(last.forms, last.t) : Infinity;
    let t = largestT(s.forms, Math.min(s.need, last ? last.t : 1), bound);
    let added = false;
    while (t !== null) {
      const candidate = [...placed, { key: s.key, label: 'supplementary' as const, t, forms: s.forms }];
      if (pack(candidate, capMin, hoursPerYear)) {
        placed = candidate;
        added = true;
        break;
      }
      t = t > 0 ? largestT(s.forms, t - 1 / GRID, hoursAt(s.forms, t) - 1e-9) : null;
    }
    if (!added) deferred.push({ key: s.key, label: 'supplementary' });
  }

  // 3. The capstone with the hours left, within its range.
  let cap = capMin;
  for (let i = GRID; i >= 0; i--) {
    if (pack(placed, capAt(i / GRID), hoursPerYear)) { cap = capAt(i / GRID); break; }
  }
  const packed = pack(placed, cap, hoursPerYear);
  const modules: ScheduledModule[] = placed.map((m, i) => {
    const hs = formHours(m.forms, m.t);
    const forms = m.forms.map((f, j) => {
      const y1 = packed ? packed.split[i]![j]! : 0;
      return { form: f.form, hours: hs[j]!, range: [f.hours[0], f.hours[1]] as [number, number], step: f.step, years: [y1, hs[j]! - y1] as [number, number] };
    });
    return { key: m.key, label: m.label, t: m.t, hours: hs.reduce((a, b) => a + b, 0), forms, years: sumYears(forms) };
  });
  const capHours = formHours(cap.forms, cap.t);
  const capForms = cap.forms.map((f, j) => ({ form: f.form, hours: capHours[j]!, range: [f.hours[0], f.hours[1]] as [number, number], step: f.step, years: [0, capHours[j]!] as [number, number] }));
  modules.push({ key: cap.key, label: 'capstone', t: cap.t, hours: capHours.reduce((a, b) => a + b, 0), forms: capForms, years: sumYears(capForms) });
  const years = modules.reduce<[number, number]>((acc, m) => [acc[0] + m.years[0], acc[1] + m.years[1]], [0, 0]);
  return { hoursPerYear, modules, years, compression, deferred };
}

function sumYears(forms: readonly ScheduledForm[]): [number, number] {
  return forms.reduce<[number, number]>((acc, f) => [acc[0] + f.years[0], acc[1] + f.years[1]], [0, 0]);
}
