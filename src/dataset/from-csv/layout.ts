/**
 * The header's layout, as the row check reads it: what each column holds (a single-column answer, a rating of a
 * matrix cell, a checkbox choice, other), the questions by kind, the matrix cells ("slots") with their allowed
 * ratings and dataset columns, the runs of columns read alike, and whether the fast check models the
 * questionnaire at all (`modelled`: false sends every row the reference way).
 */
import { SYSTEM_VARIABLES, type Questionnaire, type QuestionSpec } from '../../questionnaire/types.ts';
import type { Validator } from '../../questionnaire/validate.ts';
import type { StoredColumn } from '../column-store.ts';
import type { ColumnPlan, DatasetBuilder } from '../dataset.ts';
import { AnswerCache } from './answer-cache.ts';
import { answerFor, type Answer } from './answers.ts';

/** Cell kinds of the header's columns (the row loops keep copies of their own, see cut-row.ts). */
export const OTHER = 0;
export const SCALAR = 1;
export const MATRIX = 2;
export const CHECKBOX = 3;

export interface Scalar { spec: QuestionSpec; col: number; cache: AnswerCache; blank: Answer; target: StoredColumn | null; plan: ColumnPlan | undefined }
export interface Checkbox { spec: QuestionSpec; all: string[]; plan: ColumnPlan | undefined; none: number; min: number; max: number; counted: boolean; validated: boolean }
export interface Matrix { spec: QuestionSpec; slots: number[] }

export type Layout = ReturnType<typeof headerLayout>;

export function headerLayout(q: Questionnaire, names: readonly string[], builder: DatasetBuilder, validator: Validator) {
  const d = builder.dataset;
  const ncols = names.length;
  const column = new Map(names.map((name, j) => [name, j]));
  const planOf = new Map<string, ColumnPlan>(builder.plans.map((p) => [p.question, p]));

  // What each header column holds; a column two readers claim makes the fast check give up.
  let modelled = true;
  const kind = new Uint8Array(ncols);
  const arg = new Int32Array(ncols);
  const claimed = new Uint8Array(ncols);
  const claim = (name: string, k: number, a = 0): number => {
    const j = column.get(name);
    if (j === undefined) return -1;
    if (claimed[j]) modelled = false;
    claimed[j] = 1;
    kind[j] = k;
    arg[j] = a;
    return j;
  };
  const idCol = claim('respondent_id', OTHER);
  const durationCol = claim('duration_sec', OTHER);
  const sourceCol = claim('source', OTHER);
  for (const s of SYSTEM_VARIABLES) if (s !== 'respondent_id' && s !== 'duration_sec' && s !== 'source') claim(s, OTHER);

  const scalars: Scalar[] = [];
  const scalarOf = new Map<string, number>();
  const checkboxes: Checkbox[] = [];
  const matrices: Matrix[] = [];
  // matrix cells ("slots"), whether or not the header has them
  const slotMatrix: number[] = [];
  const slotRow: string[] = [];
  const slotRequired: boolean[] = [];
  const slotTarget: (StoredColumn | null)[] = [];
  const slotAllowed: number[][] = [];
  const slotInHeader: boolean[] = [];

  for (const spec of q.questions) {
    const plan = planOf.get(spec.name);
    if (spec.requiredIf || spec.validators.some((v) => v.type === 'expression')) modelled = false;
    if (spec.type === 'checkbox') {
      const all = [...(spec.choices ?? []).map((c) => c.value), ...(spec.noneValue ? [spec.noneValue] : [])];
      if (all.length > 30) modelled = false;
      const ci = checkboxes.length;
      const none = spec.noneValue ? 1 << (all.length - 1) : 0;
      const min = spec.minSelected ?? 0;
      const max = spec.maxSelected ?? Infinity;
      checkboxes.push({ spec, all, plan, none, min, max, counted: min > 0 || max < Infinity, validated: spec.validators.length > 0 });
      all.forEach((c, b) => claim(`${spec.name}_${c}`, CHECKBOX, ci * 32 + (b & 31)));
    } else if (spec.type === 'matrixdropdown') {
      if (spec.validators.length) modelled = false;
      const mi = matrices.length;
      const slots: number[] = [];
      for (const r of spec.rows ?? []) {
        for (const c of spec.columns ?? []) {
          const slot = slotMatrix.length;
          const cells = plan?.kind === 'matrix' ? plan.cells.filter((x) => x.row === r.value && x.measure === c.name) : [];
          if (cells.length > 1) modelled = false;
          slotMatrix.push(mi);
          slotRow.push(r.value);
          slotRequired.push(c.required);
          slotTarget.push(cells[0]?.column ?? null);
          slotAllowed.push(c.values);
          slotInHeader.push(claim(`${r.value}_${c.name}`, MATRIX, slot) >= 0);
          slots.push(slot);
        }
      }
      matrices.push({ spec, slots });
    } else {
      const j = claim(spec.name, SCALAR, scalars.length);
      scalarOf.set(spec.name, scalars.length);
      const target = plan && (plan.kind === 'code' || plan.kind === 'number' || plan.kind === 'boolean') ? plan.column : null;
      const scalar: Scalar = { spec, col: j, cache: new AnswerCache(), blank: null as unknown as Answer, target, plan };
      scalar.blank = { ...answerFor(spec, plan, ''), id: 0 };
      scalars.push(scalar);
    }
  }
  const scalarIndex = (name: string): number => {
    const si = scalarOf.get(name);
    if (si !== undefined) return si;
    if (q.questions.some((x) => x.name === name)) modelled = false;
    return -1;
  };
  const conditions = validator.conditionVariables.map(scalarIndex);
  if (conditions.some((si) => si < 0)) modelled = false;
  const roles = q.roles;
  const terytSi = scalarIndex(roles.teryt);
  const kindSi = scalarIndex(roles.jstKind);
  const groupSi = scalarIndex(roles.staffGroup);
  const voivSi = scalarIndex(roles.voivodeship);

  const nScalars = scalars.length;
  const nSlots = slotMatrix.length;
  const nBoxes = checkboxes.length;
  const slotMatrixArr = Int32Array.from(slotMatrix);
  /** per slot and rating code 0–250: 1 where the rating is one of the column's values */
  const allowed = new Uint8Array(nSlots * 256);
  slotAllowed.forEach((values, slot) => {
    for (const v of values) if (Number.isInteger(v) && v >= 0 && v <= 250 && !Object.is(v, -0)) allowed[slot * 256 + v] = 1;
  });
  // the dataset columns of each checkbox, with the bit of their choice (-1: none)
  const boxColumns = checkboxes.map((c) => (c.plan?.kind === 'choices' ? [...c.plan.columns].map(([choice, col]) => ({ choice, col, bit: c.all.indexOf(choice) })) : []));
  const itemColumns = [...d.shown.entries()];

  // The header as runs of columns read alike: consecutive cells of one matrix, of one checkbox, others.
  const runKind: number[] = [];
  const runFrom: number[] = [];
  const runTo: number[] = [];
  for (let j = 0; j < ncols - 1; j++) {
    const k = kind[j]!;
    const at = runKind.length - 1;
    const next = at >= 0 && runKind[at] === k && runTo[at] === j && arg[j] === arg[j - 1]! + 1;
    const extend = (k === MATRIX && next) || (k === CHECKBOX && next && arg[j]! >> 5 === arg[j - 1]! >> 5);
    if (extend) runTo[at] = j + 1;
    else {
      runKind.push(k === MATRIX || k === CHECKBOX ? k : OTHER);
      runFrom.push(j);
      runTo.push(j + 1);
    }
  }
  const nRuns = runKind.length;
  /** per run of ratings: the digits (bit d for d = 0–9) every one of its cells allows */
  const runDigits = runKind.map((k, ri) => {
    if (k !== MATRIX) return 0;
    let bits = 0x3ff;
    for (let j = runFrom[ri]!; j < runTo[ri]!; j++) {
      let cellBits = 0;
      for (let v = 0; v <= 9; v++) if (allowed[arg[j]! * 256 + v]) cellBits |= 1 << v;
      bits &= cellBits;
    }
    return bits;
  });

  return {
    modelled, ncols, kind, arg, idCol, durationCol, sourceCol,
    scalars, checkboxes, matrices, slotRow, slotRequired, slotTarget, slotInHeader,
    conditions, terytSi, kindSi, groupSi, voivSi,
    nScalars, nSlots, nBoxes, slotMatrixArr, allowed, boxColumns, itemColumns,
    runKind, runFrom, runTo, nRuns, runDigits,
  };
}
