/**
 * Visibility plans: what a respondent with one tuple of condition answers (here JST kind and staff group) is
 * shown, made once per tuple from `validator.shown` and read by the row check as typed arrays and bit masks.
 */
import type { Validator } from '../../questionnaire/validate.ts';
import type { Dataset } from '../dataset.ts';
import type { Layout } from './layout.ts';

/** What a respondent with one tuple of condition answers is shown, in the form the row check reads. */
export interface Plan {
  id: number;
  /**
   * per single-column question: which view of it this plan shows (shown or not, with which choices), the
   * same number for plans that show it alike, so that an answer is validated once per view, not per plan
   */
  views: Int32Array;
  /** the condition answers (the data `validator.shown` was asked with) */
  data: Record<string, unknown>;
  /** per matrix cell: 0 not shown (an answer is a hidden answer), 1 shown, 2 shown and required */
  slotState: Uint8Array;
  /** per matrix: 1 where the question is shown and required */
  mustAnswer: Uint8Array;
  /** whether any rating or matrix is required, so that answers must be counted */
  counts: boolean;
  /** per matrix cell and rating code 0–15: 1 where the cell is shown and the rating one of its values */
  plainRatingOk: Uint8Array;
  /** the matrix cells of the header not shown (a rating there is a hidden answer) */
  hiddenSlots: Int32Array;
  /** per checkbox: whether leaving it blank is valid */
  checkboxBlankOk: Uint8Array;
  /** per checkbox: the choices that may be chosen (bit mask; 0 when the question is not shown) */
  checkboxAllowed: Int32Array;
  /** per checkbox with validators: validation verdict per set of choices (bit mask) */
  checkboxVerdicts: Map<number, boolean>[];
  /** per checkbox, per dataset column of its choices: 1 where an answer sets it to 0 (choice offered), as `DatasetBuilder.fill` does */
  checkboxZero: Uint8Array[];
  /** per `shown` column (item): 1 where the item is shown */
  items: Uint8Array;
  itemsShown: number;
}

/** At most this many plans; a row needing another is read the reference way. */
const MAX_PLANS = 4096;

export function visibilityPlans(layout: Layout, validator: Validator, d: Dataset) {
  const { nSlots, matrices, slotRow, slotRequired, checkboxes, boxColumns, scalars, allowed, slotInHeader, itemColumns } = layout;
  const plans: Plan[] = [];
  const viewsOf = scalars.map(() => new Map<string, number>());
  const planByValues = new Map<string, Plan>();
  /** plans by the remembered ids of the condition answers (filled by the row check) */
  const planByIds = new Map<number, Plan>();
  function planFor(values: unknown[]): Plan | null {
    const key = values.map((x) => (x === undefined ? '~' : typeof x === 'string' ? x : JSON.stringify(x))).join('\u0001');
    let plan = planByValues.get(key);
    if (plan) return plan;
    if (plans.length >= MAX_PLANS) return null;
    const data: Record<string, unknown> = {};
    validator.conditionVariables.forEach((name, i) => {
      if (values[i] !== undefined) data[name] = values[i];
    });
    const shown = validator.shown(data);
    const slotState = new Uint8Array(nSlots);
    const mustAnswer = new Uint8Array(matrices.length);
    const shownItems = new Set<Uint8Array>();
    let itemsShown = 0;
    matrices.forEach((m, mi) => {
      const visible = shown.questions.has(m.spec.name);
      const options = shown.options.get(m.spec.name);
      for (const slot of m.slots) slotState[slot] = visible && options?.has(slotRow[slot]!) ? (slotRequired[slot] ? 2 : 1) : 0;
      mustAnswer[mi] = visible && m.spec.required ? 1 : 0;
      if (visible) {
        for (const item of options ?? []) {
          const s = d.shown.get(item);
          if (s) { shownItems.add(s); itemsShown++; }
        }
      }
    });
    const checkboxZero = checkboxes.map((c, ci) => {
      const p = c.plan;
      if (p?.kind !== 'choices') return new Uint8Array(0);
      const offered = p.conditional ? shown.options.get(p.question) : null;
      return Uint8Array.from(boxColumns[ci]!, ({ choice }) => (offered && choice !== p.noneValue && !offered.has(choice) ? 0 : 1));
    });
    const checkboxBlankOk = Uint8Array.from(checkboxes, (c) => (validator.checkQuestion(c.spec.name, data).length === 0 ? 1 : 0));
    const checkboxAllowed = Int32Array.from(checkboxes, (c) => {
      if (!shown.questions.has(c.spec.name)) return 0;
      const options = shown.options.get(c.spec.name);
      let mask = 0;
      c.all.forEach((choice, b) => {
        if (options?.has(choice) || (b === c.all.length - 1 && c.none)) mask |= 1 << b;
      });
      return mask;
    });
    const items = Uint8Array.from(itemColumns, ([, s]) => (shownItems.has(s) ? 1 : 0));
    const views = Int32Array.from(scalars, (scalar, si) => {
      const name = scalar.spec.name;
      const options = shown.options.get(name);
      const view = shown.questions.has(name) ? (options ? `shown: ${[...options].join('\u0001')}` : 'shown') : 'hidden';
      const known = viewsOf[si]!;
      if (!known.has(view)) known.set(view, known.size);
      return known.get(view)!;
    });
    const counts = slotState.includes(2) || mustAnswer.includes(1);
    const plainRatingOk = new Uint8Array(nSlots * 16);
    for (let slot = 0; slot < nSlots; slot++) for (let v = 0; v < 16; v++) plainRatingOk[slot * 16 + v] = slotState[slot]! && allowed[slot * 256 + v]! ? 1 : 0;
    const hiddenSlots = Int32Array.from(slotInHeader.flatMap((inHeader, slot) => (inHeader && slotState[slot] === 0 ? [slot] : [])));
    plan = { id: plans.length, views, data, slotState, mustAnswer, counts, plainRatingOk, hiddenSlots, checkboxBlankOk, checkboxAllowed, checkboxVerdicts: checkboxes.map(() => new Map()), checkboxZero, items, itemsShown };
    plans.push(plan);
    planByValues.set(key, plan);
    return plan;
  }
  return { plans, planFor, planByIds };
}
