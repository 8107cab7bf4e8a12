/**
 * The analysis dataset: validated responses turned into typed columns, one per codebook variable, plus
 * what the analysis needs per respondent (JST, kind, staff group, items shown, completion time).
 *
 * Coding: scale, number, dichotomy and boolean variables are numbers; categorical variables are the index
 * of the choice in the codebook's value list; a missing answer is NaN. The columns are stored compactly
 * (column-store.ts: a byte a respondent where the codebook allows only small whole numbers) and read as
 * Float64Arrays, so that every statistic runs over contiguous memory.
 */
import type { JstKind } from '../domain/jst.ts';
import { JST_KINDS } from '../domain/jst.ts';
import type { SurveyResponse } from '../questionnaire/response.ts';
import { STAFF_GROUPS, type Questionnaire, type StaffGroup, type Variable } from '../questionnaire/types.ts';
import { validatorFor } from '../questionnaire/validate.ts';
import { Columns, fitsBytes, MISSING, put, type StoredColumn } from './column-store.ts';

export interface Dataset {
  questionnaire: Questionnaire;
  /** number of respondents (rows) */
  n: number;
  ids: string[];
  /** TERYT code of each respondent's JST */
  jst: string[];
  /** index into JST_KINDS */
  kind: Int8Array;
  /** index into STAFF_GROUPS */
  group: Int8Array;
  voivodeship: string[];
  /** completion time in seconds, NaN where unknown */
  duration: Float64Array;
  /** one column per codebook variable (read as doubles with `get`; `stored` holds them compactly) */
  columns: Columns;
  /** number of rated items shown to each respondent (each item has an importance and a level cell) */
  itemsShown: Int16Array;
  /** per item code: 1 where the respondent was shown the item */
  shown: Map<string, Uint8Array>;
  /** a hash of the JST and every closed answer, for finding duplicate submissions (see sameAnswers) */
  fingerprint: Uint32Array;
}

const kindIndex = new Map<string, number>(JST_KINDS.map((k, i) => [k, i]));
const groupIndex = new Map<string, number>(STAFF_GROUPS.map((g, i) => [g, i]));

export function kindOf(d: Dataset, row: number): JstKind {
  return JST_KINDS[d.kind[row]!] as JstKind;
}
export function groupOf(d: Dataset, row: number): StaffGroup {
  return STAFF_GROUPS[d.group[row]!] as StaffGroup;
}

/** How one question's answer fills its columns. */
export type ColumnPlan =
  | { kind: 'code'; question: string; column: StoredColumn; codes: Map<string, number> }
  | { kind: 'number'; question: string; column: StoredColumn }
  | { kind: 'boolean'; question: string; column: StoredColumn }
  | { kind: 'choices'; question: string; columns: Map<string, Uint8Array>; conditional: boolean; noneValue?: string }
  | { kind: 'matrix'; question: string; cells: { row: string; measure: string; column: StoredColumn }[]; conditional: boolean };

/**
 * One plan per question that has columns, in questionnaire order; the columns are made (all missing, unless
 * `missing` is false) into `columns`: bytes where every value the codebook allows is a whole number 0–254
 * (column-store.ts), else doubles.
 */
export function planColumns(q: Questionnaire, n: number, columns: Map<string, StoredColumn>, missing = true): ColumnPlan[] {
  const make = (name: string, bytes: boolean): StoredColumn => (bytes ? makeBytes(name) : add(name, missing ? new Float64Array(n).fill(NaN) : new Float64Array(n)));
  const makeBytes = (name: string) => add(name, missing ? new Uint8Array(n).fill(MISSING) : new Uint8Array(n));
  const add = <T extends StoredColumn>(name: string, c: T): T => {
    columns.set(name, c);
    return c;
  };
  const scaleFits = (v: Variable | undefined) => v?.values !== undefined && fitsBytes(v.values.map((x) => x.value));
  const plans: ColumnPlan[] = [];
  const variables = new Map<string, Variable[]>();
  for (const v of q.variables) variables.set(v.question, [...(variables.get(v.question) ?? []), v]);
  for (const question of q.questions) {
    const vars = variables.get(question.name) ?? [];
    switch (question.type) {
      case 'radiogroup':
      case 'dropdown':
        plans.push({ kind: 'code', question: question.name, column: make(question.name, (vars[0]?.values ?? []).length < MISSING), codes: new Map((vars[0]?.values ?? []).map((x, i) => [String(x.value), i])) });
        break;
      case 'checkbox':
        plans.push({ kind: 'choices', question: question.name, columns: new Map(vars.map((v) => [v.choice!, makeBytes(v.name)])), conditional: (question.choices ?? []).some((c) => c.visibleIf), ...(question.noneValue ? { noneValue: question.noneValue } : {}) });
        break;
      case 'matrixdropdown':
        plans.push({ kind: 'matrix', question: question.name, cells: vars.map((v) => ({ row: v.item!, measure: v.name.slice(v.item!.length + 1), column: make(v.name, scaleFits(v)) })), conditional: true });
        break;
      case 'rating':
        plans.push({ kind: 'number', question: question.name, column: make(question.name, false) });
        break;
      case 'boolean':
        plans.push({ kind: 'boolean', question: question.name, column: make(question.name, true) });
        break;
      case 'text':
        if (question.inputType === 'number') plans.push({ kind: 'number', question: question.name, column: make(question.name, false) });
        break;
      default:
        break;
    }
  }
  return plans;
}

/**
 * Builds the dataset from responses that passed validation: each question's answer goes straight into
 * its columns (no intermediate records), so that 100,000 responses take well under a second.
 */
export function buildDataset(q: Questionnaire, responses: readonly SurveyResponse[]): Dataset {
  const builder = datasetBuilder(q, responses.length);
  for (let row = 0; row < responses.length; row++) builder.fill(row, responses[row]!);
  fillFingerprints(builder.dataset);
  return builder.dataset;
}

export interface DatasetBuilder {
  /** the dataset being filled: every answer column NaN, no item shown, no fingerprint yet */
  dataset: Dataset;
  /** how each question's answer fills its columns (the columns are those of `dataset`) */
  plans: ColumnPlan[];
  /** writes one validated response into a row that has not been written yet */
  fill(row: number, response: SurveyResponse): void;
}

/**
 * An empty dataset of `n` rows and the one way a response is written into it. The fast CSV reader
 * (from-csv/) writes most rows itself and hands the rest to `fill`, so that both readers give the
 * same columns in the same order. `missing` false leaves the answer columns 0 instead of NaN, for a
 * caller that writes every cell itself (and would otherwise pay for a pass over all of them).
 */
export function datasetBuilder(q: Questionnaire, n: number, missing = true): DatasetBuilder {
  const validator = validatorFor(q);
  const stored = new Map<string, StoredColumn>();
  const plans = planColumns(q, n, stored, missing);
  const shown = new Map(q.areas.flatMap((a) => a.items.map((i) => [i.code, new Uint8Array(n)] as const)));
  const d: Dataset = {
    questionnaire: q,
    n,
    ids: new Array<string>(n),
    jst: new Array<string>(n),
    kind: new Int8Array(n),
    group: new Int8Array(n),
    voivodeship: new Array<string>(n),
    duration: new Float64Array(n).fill(NaN),
    columns: new Columns(stored),
    itemsShown: new Int16Array(n),
    shown,
    fingerprint: new Uint32Array(n),
  };
  const fill = (row: number, r: SurveyResponse): void => {
    const data = r.data;
    d.ids[row] = r.id;
    d.jst[row] = String(data[q.roles.teryt] ?? '');
    d.kind[row] = kindIndex.get(String(data[q.roles.jstKind])) ?? -1;
    d.group[row] = groupIndex.get(String(data[q.roles.staffGroup])) ?? -1;
    d.voivodeship[row] = String(data[q.roles.voivodeship] ?? '');
    if (typeof r.meta.durationSec === 'number') d.duration[row] = r.meta.durationSec;
    let count = 0;
    const visible = validator.shown(data);
    for (const plan of plans) {
      const value = data[plan.question];
      if (plan.kind === 'matrix') {
        if (!visible.questions.has(plan.question)) continue;
        for (const item of visible.options.get(plan.question) ?? []) {
          const s = shown.get(item);
          if (s) { s[row] = 1; count++; }
        }
        if (value === undefined) continue;
        const rows = value as Record<string, Record<string, unknown> | undefined>;
        for (const cell of plan.cells) {
          const x = rows[cell.row]?.[cell.measure];
          if (typeof x === 'number') put(cell.column, row, x);
        }
        continue;
      }
      if (value === undefined || value === null || value === '') continue;
      switch (plan.kind) {
        case 'code': {
          const code = plan.codes.get(String(value));
          if (code !== undefined) put(plan.column, row, code);
          break;
        }
        case 'number':
          if (typeof value === 'number') put(plan.column, row, value);
          break;
        case 'boolean':
          put(plan.column, row, value === true ? 1 : 0);
          break;
        case 'choices': {
          if (!Array.isArray(value) || value.length === 0) break;
          const offered = plan.conditional ? visible.options.get(plan.question) : null;
          for (const [choice, column] of plan.columns) {
            if (offered && choice !== plan.noneValue && !offered.has(choice)) continue;
            put(column, row, 0);
          }
          for (const choice of value) {
            const column = plan.columns.get(String(choice));
            if (column) put(column, row, 1);
          }
          break;
        }
      }
    }
    d.itemsShown[row] = count;
  };
  return { dataset: d, plans, fill };
}

/**
 * FNV-1a over the JST code and the closed answers of every row; equal hashes are confirmed by sameAnswers.
 * Computed column by column (each row's hash carried along), which reads memory in order: row by row, the
 * hundred and more columns make it several times slower at 100,000 respondents. Each loop is a function
 * of its own, so that V8 optimises it once, not again each time the work reaches a loop it had not run.
 */
export function fillFingerprints(d: Dataset): void {
  const h = new Int32Array(d.n);
  hashJst(h, d.jst);
  const cols = [...d.columns.stored.values()];
  let c = 0;
  while (c < cols.length) {
    const [a, b, e, f] = [cols[c], cols[c + 1], cols[c + 2], cols[c + 3]];
    if (a instanceof Uint8Array && b instanceof Uint8Array && e instanceof Uint8Array && f instanceof Uint8Array) {
      hashFourBytes(h, a, b, e, f);
      c += 4;
    } else if (a instanceof Float64Array && b instanceof Float64Array && e instanceof Float64Array && f instanceof Float64Array) {
      hashFour(h, a, b, e, f);
      c += 4;
    } else {
      if (a instanceof Uint8Array) hashOneByte(h, a);
      else hashOne(h, a!);
      c++;
    }
  }
  for (let row = 0; row < d.n; row++) d.fingerprint[row] = h[row]! >>> 0;
}

function hashJst(h: Int32Array, jst: readonly string[]): void {
  for (let row = 0; row < h.length; row++) {
    let x = 2166136261;
    for (const ch of jst[row]!) x = Math.imul(x ^ ch.charCodeAt(0), 16777619);
    h[row] = x;
  }
}

// (No helper for a cell's share: tsx gives every named function a `name` property, which keeps V8 from
// inlining it, and these loops run once per cell.)
function hashFour(h: Int32Array, a: Float64Array, b: Float64Array, e: Float64Array, f: Float64Array): void {
  for (let row = 0; row < h.length; row++) {
    const va = a[row]!;
    const vb = b[row]!;
    const ve = e[row]!;
    const vf = f[row]!;
    let x = Math.imul(h[row]! ^ (va === va ? (va * 1000) | 0 : -1), 16777619);
    x = Math.imul(x ^ (vb === vb ? (vb * 1000) | 0 : -1), 16777619);
    x = Math.imul(x ^ (ve === ve ? (ve * 1000) | 0 : -1), 16777619);
    h[row] = Math.imul(x ^ (vf === vf ? (vf * 1000) | 0 : -1), 16777619);
  }
}

function hashOne(h: Int32Array, a: Float64Array): void {
  for (let row = 0; row < h.length; row++) {
    const v = a[row]!;
    h[row] = Math.imul(h[row]! ^ (v === v ? (v * 1000) | 0 : -1), 16777619);
  }
}

// The same share of a byte column's cell: its number × 1000, −1 where missing (as for the doubles it stands for).
function hashFourBytes(h: Int32Array, a: Uint8Array, b: Uint8Array, e: Uint8Array, f: Uint8Array): void {
  for (let row = 0; row < h.length; row++) {
    const va = a[row]!;
    const vb = b[row]!;
    const ve = e[row]!;
    const vf = f[row]!;
    let x = Math.imul(h[row]! ^ (va === 255 ? -1 : va * 1000), 16777619);
    x = Math.imul(x ^ (vb === 255 ? -1 : vb * 1000), 16777619);
    x = Math.imul(x ^ (ve === 255 ? -1 : ve * 1000), 16777619);
    h[row] = Math.imul(x ^ (vf === 255 ? -1 : vf * 1000), 16777619);
  }
}

function hashOneByte(h: Int32Array, a: Uint8Array): void {
  for (let row = 0; row < h.length; row++) {
    const v = a[row]!;
    h[row] = Math.imul(h[row]! ^ (v === 255 ? -1 : v * 1000), 16777619);
  }
}

/**
 * A dataset restricted to some rows (e.g. after data-quality exclusions): the rows `keep` accepts, in order. With `inPlace` the typed columns of `d` are compacted and
 * reused (views of their first rows) instead of copied: for a caller that owns `d` and reads only its lists
 * (ids, jst, voivodeship) and `n` afterwards. Copying the hundreds of columns of a large dataset into fresh
 * memory costs more than the copy itself.
 */
export function selectRows(d: Dataset, keep: (row: number) => boolean, inPlace = false): Dataset {
  const kept = new Int32Array(d.n);
  let m = 0;
  for (let i = 0; i < d.n; i++) if (keep(i)) kept[m++] = i;
  const rows = kept.subarray(0, m);
  const pickList = <T>(a: T[]): T[] => {
    const out = new Array<T>(m);
    for (let k = 0; k < m; k++) out[k] = a[rows[k]!]!;
    return out;
  };
  const f64 = (a: Float64Array) => pickFloat64(a, rows, inPlace ? a : new Float64Array(m)).subarray(0, m);
  const u8 = (a: Uint8Array) => pickUint8(a, rows, inPlace ? a : new Uint8Array(m)).subarray(0, m);
  const column = (a: StoredColumn) => (a instanceof Uint8Array ? u8(a) : f64(a));
  return {
    questionnaire: d.questionnaire,
    n: m,
    ids: pickList(d.ids),
    jst: pickList(d.jst),
    kind: pick(d.kind, rows, new Int8Array(m)),
    group: pick(d.group, rows, new Int8Array(m)),
    voivodeship: pickList(d.voivodeship),
    duration: f64(d.duration),
    columns: d.columns.mapRows(column, inPlace ? f64 : undefined),
    itemsShown: pick(d.itemsShown, rows, new Int16Array(m)),
    shown: new Map([...d.shown].map(([k, v]) => [k, u8(v)])),
    fingerprint: pick(d.fingerprint, rows, new Uint32Array(m)),
  };
}

// The hundreds of answer columns are copied by loops that each see one array type, so that V8 keeps them fast.
// `out` may be `a` itself: rows are increasing, so row k is read before it is overwritten.
function pickFloat64(a: Float64Array, rows: Int32Array, out: Float64Array): Float64Array {
  for (let k = 0; k < rows.length; k++) out[k] = a[rows[k]!]!;
  return out;
}

function pickUint8(a: Uint8Array, rows: Int32Array, out: Uint8Array): Uint8Array {
  for (let k = 0; k < rows.length; k++) out[k] = a[rows[k]!]!;
  return out;
}

function pick<T extends Int8Array | Int16Array | Uint32Array>(a: T, rows: Int32Array, out: T): T {
  for (let k = 0; k < rows.length; k++) out[k] = a[rows[k]!]!;
  return out;
}

/** The JSTs of a dataset numbered densely in order of their first respondent: each row's number and the codes. */
export interface JstIndex {
  jstOf: Int32Array;
  codes: string[];
}

const jstIndexes = new WeakMap<Dataset, JstIndex>();

/** The dataset's dense JST index, made once per dataset (weights and the bootstrap both need it). */
export function jstIndex(d: Dataset): JstIndex {
  let index = jstIndexes.get(d);
  if (!index) {
    const number = new Map<string, number>();
    const jstOf = new Int32Array(d.n);
    for (let r = 0; r < d.n; r++) {
      let j = number.get(d.jst[r]!);
      if (j === undefined) number.set(d.jst[r]!, (j = number.size));
      jstOf[r] = j;
    }
    index = { jstOf, codes: [...number.keys()] };
    jstIndexes.set(d, index);
  }
  return index;
}

/** Whether two respondents gave the same closed answers for the same JST. */
export function sameAnswers(d: Dataset, a: number, b: number): boolean {
  if (d.jst[a] !== d.jst[b]) return false;
  for (const c of d.columns.stored.values()) {
    const x = c[a]!;
    const y = c[b]!;
    if (x !== y && !(x !== x && y !== y)) return false;
  }
  return true;
}
