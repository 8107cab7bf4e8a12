/**
 * Responses CSV straight to the analysis dataset, for `diag analyze` at 100,000 respondents.
 *
 * The reference path (responses/csv.ts → questionnaire/validate.ts → dataset.ts) makes a SurveyJS-shaped
 * response object per row, validates it and only then turns it into columns: seconds of work and a
 * gigabyte of objects for a large file. Here each row is read from the file's bytes and checked in one
 * pass, and its answers go into typed columns, with the same result and the same errors.
 *
 * What keeps the two paths equal: the fast check is conservative. It accepts a row only when it is certain
 * that the reference would read it without a problem and find no validation issue; every other row (a
 * cell it cannot read at a glance, a value not allowed, a hidden or missing answer, anything unusual) is
 * read by the reference code itself (`fromRecord`, `validateResponse`, `DatasetBuilder.fill`), which also
 * gives the exact problems, in row order. Validity depends only on an answer and on what the respondent
 * was shown, and that only on the answers the visibility conditions read (here JST kind and staff group),
 * so a plan is made per distinct tuple of those answers (from `validator.shown`), and each distinct
 * single-column answer is validated once per way its question is shown, by the validator's own
 * `checkQuestion`. Ratings and checkboxes, most of every row, are checked against the plan with typed
 * arrays and bit masks. Questionnaires using what this does not model (requiredIf, expression validators,
 * validators on a matrix, conditions reading a checkbox or matrix, a column two questions would read)
 * send every row the reference way; CSV the scanner does not cut exactly as papaparse does (see
 * csv-scan.ts) is read by the reference path as a whole.
 *
 * Where the time goes (100,000 rows, 47 MB): cutting and checking the rows, then writing ratings and
 * checkbox answers (staged as bytes and masks) into their Float64Array columns a column at a time, which
 * is several times faster than writing a hundred columns row by row, and the fingerprints.
 */
import { JST_KINDS } from '../domain/jst.ts';
import { DiagError, type ErrorDetail } from '../errors.ts';
import type { PreparedData } from './prepared.ts';
import { checkColumns, fromRecord, readNumberText, readScalarCell } from '../questionnaire/record.ts';
import { describeIssue, type SurveyResponse } from '../questionnaire/response.ts';
import { STAFF_GROUPS, SYSTEM_VARIABLES, type Questionnaire, type QuestionSpec } from '../questionnaire/types.ts';
import { validateResponse, validatorFor } from '../questionnaire/validate.ts';
import { readResponsesCsv } from '../responses/csv.ts';
import { buildDataset, datasetBuilder, fillFingerprints, type ColumnPlan, type Dataset } from './dataset.ts';
import { cellText, CsvRows, guessFormat, utf8Text, type CsvFormat } from './csv-scan.ts';

/**
 * Reads responses CSV (bytes of a file named `file`) into the analysis dataset and the count of responses
 * per source: what `readResponsesCsv`, `validateResponse` on every response and `prepareData` give
 * together, including the DiagError they throw for a file that cannot be read or holds invalid responses.
 */
export function prepareCsv(q: Questionnaire, bytes: Uint8Array, file: string): PreparedData {
  return readCsvFast(q, bytes, file)?.prepared ?? prepareCsvReference(q, bytes, file);
}

export interface FastRead {
  prepared: PreparedData;
  /** data rows of the file, and those the fast check accepted (the others were read the reference way) */
  rows: number;
  checked: number;
}

/**
 * The fast reader alone, telling how much of the file it checked itself: null where it leaves the whole
 * file to the reference path (text it does not read as papaparse does, see csv-scan.ts). Throws what the
 * reference path throws. For `prepareCsv`, and for tests and the benchmark to see which path ran.
 */
export function readCsvFast(q: Questionnaire, bytes: Uint8Array, file: string): FastRead | null {
  const buf = utf8Text(bytes);
  const format = buf ? guessFormat(buf) : null;
  return buf && format ? readFast(q, buf, format, file) : null;
}

/** The reference path, as `diag analyze` has always read a CSV: every row a response, validated, then the dataset. */
export function prepareCsvReference(q: Questionnaire, bytes: Uint8Array, file: string): PreparedData {
  const { responses, lines } = readResponsesCsv(q, bytes, file);
  const problems: ErrorDetail[] = [];
  responses.forEach((r, i) => {
    for (const issue of validateResponse(q, r).issues) problems.push({ file, column: `row ${lines[i]}`, message: describeIssue(issue) });
  });
  if (problems.length) throw validationError(file, problems);
  return { dataset: buildDataset(q, responses), sources: countSources(responses.map((r) => r.meta.source ?? 'unknown'), responses.length) };
}

function validationError(file: string, problems: ErrorDetail[]): DiagError {
  return new DiagError('INPUT_INVALID', `${file}: ${problems.length} validation issues; fix them (see \`diag validate\`) before analysing`, problems);
}

/** Responses per source, keys in order of first appearance (as analyze.ts counts them). */
function countSources(sources: readonly string[], n: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (let i = 0; i < n; i++) {
    const s = sources[i]!;
    out[s] = (out[s] ?? 0) + 1;
  }
  return out;
}

/** The answer a single-column cell holds, with what the fast check needs of it. */
interface Answer {
  /** number among its question's remembered answers (0 = blank), -1 when not remembered */
  id: number;
  /** false when `fromRecord` reports the cell (e.g. a rating that is not a whole number) */
  readable: boolean;
  /** the answer `fromRecord` reads (undefined = blank) */
  value: unknown;
  /** what the dataset holds for it (NaN = nothing) */
  code: number;
  /** `String(value ?? '')`, the dataset's JST code or voivodeship where this is their question */
  text: string;
  /** the dataset's JST kind and staff group index where this is their question (-1: none) */
  kind: number;
  group: number;
  /** the programme rule's verdict last asked for this (TERYT) answer, and for which answers */
  programmeKey: number;
  programmeOk: boolean;
  /** validation verdict per view of its question (see Plan.views): 1 valid, 2 not, undefined not yet asked */
  verdicts: (1 | 2 | undefined)[];
}

/** Masks of the first and second 4 bytes of a key of 0–8 bytes. */
const LOW_MASK = Int32Array.from({ length: 9 }, (_, n) => (n >= 4 ? -1 : (1 << (8 * n)) - 1));
const HIGH_MASK = Int32Array.from({ length: 9 }, (_, n) => (n <= 4 ? 0 : n >= 8 ? -1 : (1 << (8 * (n - 4))) - 1));

/**
 * Remembered answers of one question keyed by the cell's bytes, so that a repeated value costs a hash and
 * no string. Keys of up to 8 bytes (nearly every closed answer) are kept as two 32-bit words and compared
 * as such; longer ones as bytes.
 */
class AnswerCache {
  static readonly LIMIT = 65_535;
  readonly answers: Answer[] = [];
  private lengths = new Int32Array(8);
  private low = new Int32Array(8);
  private high = new Int32Array(8);
  private hashes = new Int32Array(8);
  private long: (Buffer | undefined)[] = [];
  private table = new Int32Array(16).fill(-1);
  private w0 = 0;
  private w1 = 0;
  private hash = 0;
  private slot = 0;
  private last: Answer | undefined;
  private lastLength = -1;
  private lastLow = 0;
  private lastHigh = 0;

  /** the bytes of a cell read as two little-endian words (`view` over `buf`); the bytes past the cell are masked off */
  find(buf: Buffer, view: DataView, s: number, e: number): Answer | undefined {
    const n = e - s;
    let w0 = 0;
    let w1 = 0;
    let h: number;
    if (n <= 8) {
      if (s + 8 <= buf.length) {
        w0 = view.getInt32(s, true) & LOW_MASK[n]!;
        w1 = view.getInt32(s + 4, true) & HIGH_MASK[n]!;
      } else {
        for (let i = 0; i < n; i++) {
          const b = buf[s + i]!;
          if (i < 4) w0 |= b << (8 * i);
          else w1 |= b << (8 * (i - 4));
        }
      }
      // the answer last found, most often the same again
      if (n === this.lastLength && w0 === this.lastLow && w1 === this.lastHigh) return this.last;
      h = Math.imul(w0 ^ Math.imul(w1 ^ n, 0x9e3779b1), 0x85ebca6b);
      h ^= h >>> 15;
    } else {
      h = 0x811c9dc5;
      for (let x = s; x < e; x++) h = Math.imul(h ^ buf[x]!, 16777619);
    }
    const mask = this.table.length - 1;
    let slot = h & mask;
    for (;;) {
      const i = this.table[slot]!;
      if (i < 0) break;
      if (this.hashes[i] === h && this.lengths[i] === n) {
        if (n <= 8) {
          if (this.low[i] === w0 && this.high[i] === w1) {
            this.lastLength = n;
            this.lastLow = w0;
            this.lastHigh = w1;
            return (this.last = this.answers[i]);
          }
        } else {
          const key = this.long[i]!;
          let same = true;
          for (let x = 0; x < n; x++) if (key[x] !== buf[s + x]) { same = false; break; }
          if (same) return this.answers[i];
        }
      }
      slot = (slot + 1) & mask;
    }
    this.w0 = w0;
    this.w1 = w1;
    this.hash = h;
    this.slot = slot;
    return undefined;
  }

  /** Remembers an answer for the bytes last looked up with `find` (which found nothing). */
  add(buf: Buffer, s: number, e: number, answer: Answer): void {
    const i = this.answers.length;
    if (i >= AnswerCache.LIMIT) return;
    if (i === this.lengths.length) {
      const grow = (a: Int32Array) => {
        const b = new Int32Array(a.length * 2);
        b.set(a);
        return b;
      };
      this.lengths = grow(this.lengths);
      this.low = grow(this.low);
      this.high = grow(this.high);
      this.hashes = grow(this.hashes);
    }
    answer.id = i + 1;
    this.answers.push(answer);
    this.lengths[i] = e - s;
    this.low[i] = this.w0;
    this.high[i] = this.w1;
    this.hashes[i] = this.hash;
    this.long.push(e - s > 8 ? Buffer.from(buf.subarray(s, e)) : undefined);
    this.table[this.slot] = i;
    if ((i + 1) * 2 > this.table.length) {
      const table = new Int32Array(this.table.length * 4).fill(-1);
      const mask = table.length - 1;
      for (let k = 0; k <= i; k++) {
        let slot = this.hashes[k]! & mask;
        while (table[slot]! >= 0) slot = (slot + 1) & mask;
        table[slot] = k;
      }
      this.table = table;
    }
  }
}

/** What a respondent with one tuple of condition answers is shown, in the form the row check reads. */
interface Plan {
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

interface Fallback {
  row: number;
  line: number;
  response: SurveyResponse;
}

// Bytes and cell flags as csv-scan.ts has them, repeated here: the row loop reads them millions of times,
// and an imported binding is not a constant to the compiler.
const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;
const QUOTED = 1;
const ESCAPED = 2;

/** Cell kinds of the header's columns, for the row loop. */
const OTHER = 0;
const SCALAR = 1;
const MATRIX = 2;
const CHECKBOX = 3;

/** Codes of a staged rating: 0–250 the rating itself, else these (UNUSUAL: read, but a value the codes cannot hold). */
const BLANK = 255;
const UNUSUAL = 254;
/** Plan number of a row read the reference way. */
const REFERENCE = 0xffff;

/**
 * The fast reader proper: null when the CSV turns out to be malformed (the caller then runs the reference
 * path, which reports it); otherwise the prepared data, or the reference path's DiagError.
 */
function readFast(q: Questionnaire, buf: Buffer, format: CsvFormat, file: string): FastRead | null {
  const rows = new CsvRows(buf, format);
  let k: number;
  for (;;) {
    k = rows.next();
    if (k <= 0) return null;
    if (!rows.blank(k)) break;
  }
  const names: string[] = [];
  for (let i = 0; i < k; i++) names.push(rows.text(i).trim());
  checkColumns(q, names, file);

  const reader = rowReader(q, names, rows, rows.rowsAfterFirst(), file);
  const countProblems: ErrorDetail[] = [];
  let line = 1;
  for (;;) {
    if (!countProblems.length) {
      // the common case: a row of plain cells read and checked in one pass
      const next = reader.fast(rows.pos, line + 1);
      if (next === -2) return null;
      if (next >= 0) {
        rows.pos = next;
        line++;
        continue;
      }
    }
    // anything else (a blank row, a row of the wrong width, a row of blanks): cut into cells first
    k = rows.next();
    if (k === 0) break;
    if (k < 0) return null;
    if (rows.blank(k)) continue;
    line++;
    if (k !== names.length) countProblems.push({ file, row: line, message: `has ${k} cells, the header has ${names.length}` });
    else if (!countProblems.length) reader.reference(line);
  }
  if (countProblems.length) throw new DiagError('INPUT_INVALID', `${file}: the CSV cannot be read`, countProblems);
  return reader.finish();
}

function rowReader(q: Questionnaire, names: string[], rows: CsvRows, capacity: number, file: string) {
  const validator = validatorFor(q);
  const builder = datasetBuilder(q, capacity);
  const d = builder.dataset;
  const buf = rows.buf;
  const len = buf.length;
  const D = rows.delim;
  const crlf = rows.crlf;
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

  interface Scalar { spec: QuestionSpec; col: number; cache: AnswerCache; blank: Answer; target: Float64Array | null; plan: ColumnPlan | undefined }
  interface Checkbox { spec: QuestionSpec; all: string[]; plan: ColumnPlan | undefined; none: number; min: number; max: number; counted: boolean; validated: boolean }
  interface Matrix { spec: QuestionSpec; slots: number[] }
  const scalars: Scalar[] = [];
  const scalarOf = new Map<string, number>();
  const checkboxes: Checkbox[] = [];
  const matrices: Matrix[] = [];
  // matrix cells ("slots"), whether or not the header has them
  const slotMatrix: number[] = [];
  const slotRow: string[] = [];
  const slotRequired: boolean[] = [];
  const slotTarget: (Float64Array | null)[] = [];
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
      scalar.blank = { ...answerFor(scalar, ''), id: 0 };
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

  function answerFor(scalar: Scalar, raw: string): Answer {
    const read = readScalarCell(scalar.spec, raw);
    return 'bad' in read ? { ...ABSENT, readable: false, verdicts: [] } : answer(read.value, codeOf(scalar.plan, read.value));
  }

  // Visibility plans, per tuple of condition answers.
  const plans: Plan[] = [];
  const viewsOf = scalars.map(() => new Map<string, number>());
  const planByValues = new Map<string, Plan>();
  const planByIds = new Map<number, Plan>();
  function planFor(values: unknown[]): Plan | null {
    const key = values.map((x) => (x === undefined ? '~' : typeof x === 'string' ? x : JSON.stringify(x))).join('\u0001');
    let plan = planByValues.get(key);
    if (plan) return plan;
    if (plans.length >= 4096) return null;
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

  // What the rows leave for the end: ratings and checkbox choices staged row by row, written into the
  // dataset's columns column by column (writing a hundred columns row by row is several times slower).
  const ratings = new Uint8Array(capacity * nSlots).fill(BLANK);
  const boxes = new Int32Array(capacity * nBoxes);
  const planOfRow = new Uint16Array(capacity).fill(REFERENCE);
  const sourceOfRow: string[] = new Array<string>(capacity);
  const fallbacks: Fallback[] = [];
  const readProblems: ErrorDetail[] = [];
  const programmeVerdicts = new Map<number, boolean>();
  const answers: Answer[] = scalars.map((s) => s.blank);
  const sourceCache = new AnswerCache();
  const cellStart = new Int32Array(ncols);
  const cellEnd = new Int32Array(ncols);
  const cellFlags = new Uint8Array(ncols);
  const mxCount = new Int32Array(matrices.length);
  const mxMissing = new Int32Array(matrices.length);
  const cbMask = new Int32Array(nBoxes);
  const cbAnswered = new Uint8Array(nBoxes);
  let n = 0;
  let overflow = false;

  /** Reads a row the reference way from `rows`' current cells: `fromRecord` now (its problems in row order), validation and filling at the end. */
  function reference(line: number): void {
    // (rowsAfterFirst bounds the rows; should it not, the whole file goes the reference way)
    if (n >= capacity) {
      overflow = true;
      return;
    }
    const row = n++;
    const cells: Record<string, string> = {};
    for (let j = 0; j < ncols; j++) cells[names[j]!] = rows.text(j);
    const { response, problems } = fromRecord(q, cells, { file, row: line });
    for (const p of problems) readProblems.push(p);
    fallbacks.push({ row, line, response });
    sourceOfRow[row] = response.meta.source ?? 'unknown';
  }

  /** Gives a row the fast check is not sure of to the reference way. */
  function giveUp(row: number, start: number, line: number): number {
    ratings.fill(BLANK, row * nSlots, (row + 1) * nSlots);
    boxes.fill(0, row * nBoxes, (row + 1) * nBoxes);
    n = row;
    rows.pos = start;
    rows.next();
    reference(line);
    return rows.pos;
  }

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
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  /** four bytes "?;?;" masked to their delimiters, and "0;0;" with the choice bits masked off */
  const twoDelims = (D << 8) | (D << 24);
  const twoChoices = 0x30 | (D << 8) | (0x30 << 16) | (D << 24);
  let unusual = false;
  /** whether a rating of the row needs checking cell by cell (read from text, or a digit its run does not allow everywhere) */
  let fullCheck = false;
  let rowBase = 0;

  /**
   * Cuts cell `j` at byte `p` as papaparse cuts it and notes it: where the next cell begins, -1 when the
   * row ends too soon or too late (not a plain data row), -2 when the CSV is malformed.
   */
  function cell(j: number, p: number): number {
    let s = p;
    let e: number;
    let f = 0;
    if (buf[p] === QUOTE) {
      s = p + 1;
      let x = s;
      f = QUOTED;
      for (;;) {
        x = buf.indexOf(QUOTE, x);
        if (x < 0) return -2;
        if (x + 1 < len && buf[x + 1] === QUOTE) {
          f |= ESCAPED;
          x += 2;
          continue;
        }
        break;
      }
      e = x;
      p = x + 1;
    } else if (crlf) {
      while (p < len) {
        const b = buf[p]!;
        if (b === D || (b === CR && buf[p + 1] === LF)) break;
        p++;
      }
      e = p;
    } else {
      while (p < len) {
        const b = buf[p]!;
        if (b === D || b === LF) break;
        p++;
      }
      e = p;
    }
    // what ends it: the delimiter before the last cell, a line break or the end of the text after it
    const last = j === ncols - 1;
    if (p < len && buf[p] === D) {
      if (last) return -1;
      p++;
    } else {
      if (p < len) {
        if (crlf ? buf[p] === CR && buf[p + 1] === LF : buf[p] === LF) p += crlf ? 2 : 1;
        else return -2;
      }
      if (!last) return -1;
    }
    cellStart[j] = s;
    cellEnd[j] = e;
    cellFlags[j] = f;
    if (e > s) {
      const k = kind[j];
      if (k === MATRIX) {
        const v = readNumberText(cellText(buf, s, e, f).trim(), true);
        if (v !== undefined) {
          ratings[rowBase + arg[j]!] = v >= 0 && v <= 250 && Number.isInteger(v) && !Object.is(v, -0) ? v : UNUSUAL;
          fullCheck = true;
        }
      } else if (k === CHECKBOX) {
        const t = cellText(buf, s, e, f).trim();
        if (t === '0' || t === '1') {
          const a = arg[j]!;
          cbAnswered[a >> 5] = 1;
          if (t === '1') cbMask[a >> 5]! |= 1 << (a & 31);
        } else if (t !== '') unusual = true;
      }
    }
    return p;
  }

  /**
   * Reads and checks the row at byte `p0` in one pass: the row's end, -1 when the row is not a plain
   * data row (blank, of another width, without respondent id: cut into cells and handled by the caller),
   * -2 when the CSV is malformed.
   */
  function fast(p0: number, line: number): number {
    if (p0 >= len || n >= capacity) return -1;
    const r = n;
    const base = r * nSlots;
    rowBase = base;
    unusual = false;
    fullCheck = false;
    for (let ci = 0; ci < nBoxes; ci++) {
      cbMask[ci] = 0;
      cbAnswered[ci] = 0;
    }
    let p = p0;
    for (let ri = 0; ri < nRuns; ri++) {
      const k = runKind[ri]!;
      const to = runTo[ri]!;
      let j = runFrom[ri]!;
      if (k === MATRIX) {
        // plain ratings: a digit or nothing; two at a time where four bytes read "d;d;"
        let seen = 0;
        for (let x = base + arg[j]!; j < to; ) {
          if (j + 1 < to && p + 4 <= len) {
            const w = view.getInt32(p, true);
            if ((w & 0xff00ff00) === twoDelims && (w & 0x00f000f0) === 0x00300030 && (((w & 0x000f000f) + 0x00060006) & 0x00f000f0) === 0) {
              const d1 = w & 15;
              const d2 = (w >>> 16) & 15;
              ratings[x] = d1;
              ratings[x + 1] = d2;
              seen |= (1 << d1) | (1 << d2);
              p += 4;
              x += 2;
              j += 2;
              continue;
            }
          }
          const b0 = buf[p]!;
          const digit = b0 - 48;
          if (b0 === D) p++;
          else if (digit >= 0 && digit <= 9 && buf[p + 1] === D) {
            ratings[x] = digit;
            seen |= 1 << digit;
            p += 2;
          } else {
            p = cell(j, p);
            if (p < 0) return p === -1 ? irregular(base) : -2;
          }
          j++;
          x++;
        }
        if (seen & ~runDigits[ri]!) fullCheck = true;
      } else if (k === CHECKBOX) {
        // plain choices: 0, 1 or nothing; two at a time where four bytes read "b;b;"
        const ci = arg[j]! >> 5;
        let mask = 0;
        let answered = 0;
        for (let bit = 1 << (arg[j]! & 31); j < to; ) {
          if (j + 1 < to && p + 4 <= len) {
            const w = view.getInt32(p, true);
            if ((w & 0xfffefffe) === twoChoices) {
              answered = 1;
              if (w & 1) mask |= bit;
              if (w & 0x10000) mask |= bit << 1;
              p += 4;
              j += 2;
              bit <<= 2;
              continue;
            }
          }
          const b0 = buf[p]!;
          if (b0 === D) p++;
          else if ((b0 === 48 || b0 === 49) && buf[p + 1] === D) {
            answered = 1;
            if (b0 === 49) mask |= bit;
            p += 2;
          } else {
            p = cell(j, p);
            if (p < 0) return p === -1 ? irregular(base) : -2;
          }
          j++;
          bit <<= 1;
        }
        cbMask[ci]! |= mask;
        if (answered) cbAnswered[ci] = 1;
      } else {
        for (; j < to; j++) {
          p = cell(j, p);
          if (p < 0) return p === -1 ? irregular(base) : -2;
        }
      }
    }
    p = cell(ncols - 1, p);
    if (p < 0) return p === -1 ? irregular(base) : -2;
    // A row is surely not blank when its respondent id has a visible character; else the caller looks closer.
    {
      let visible = false;
      for (let x = cellStart[idCol]!, e = cellEnd[idCol]!; x < e; x++) {
        const b = buf[x]!;
        if (b < 0x80 && b !== 0x20 && (b < 0x09 || b > 0x0d)) { visible = true; break; }
      }
      if (!visible) return irregular(base);
    }
    n++;
    if (!modelled || unusual) return giveUp(r, p0, line);

    // Single-column answers: read (or remembered), then validated once per plan.
    for (let si = 0; si < nScalars; si++) {
      const scalar = scalars[si]!;
      const j = scalar.col;
      let a = scalar.blank;
      if (j >= 0) {
        const s = cellStart[j]!;
        const e = cellEnd[j]!;
        if (e > s) {
          const f = cellFlags[j]!;
          if (f & ESCAPED) a = answerFor(scalar, cellText(buf, s, e, f));
          else {
            const found = scalar.cache.find(buf, view, s, e);
            if (found) a = found;
            else {
              a = answerFor(scalar, cellText(buf, s, e, f));
              scalar.cache.add(buf, s, e, a);
            }
          }
        }
      }
      if (!a.readable) return giveUp(r, p0, line);
      answers[si] = a;
    }
    let plan: Plan | null | undefined;
    if (conditions.length <= 3) {
      let key = 0;
      for (const si of conditions) {
        const id = answers[si]!.id;
        if (id < 0) { key = -1; break; }
        key = key * 65536 + id;
      }
      if (key >= 0) {
        plan = planByIds.get(key);
        if (!plan) {
          plan = planFor(conditions.map((si) => answers[si]!.value));
          if (plan) planByIds.set(key, plan);
        }
      }
    }
    if (plan === undefined) plan = planFor(conditions.map((si) => answers[si]!.value));
    if (!plan) return giveUp(r, p0, line);
    const views = plan.views;
    for (let si = 0; si < nScalars; si++) {
      const a = answers[si]!;
      const view = views[si]!;
      let v = a.verdicts[view];
      if (v === undefined) {
        const data = { ...plan.data };
        const name = scalars[si]!.spec.name;
        if (a.value === undefined) delete data[name];
        else data[name] = a.value;
        v = validator.checkQuestion(name, data).length === 0 ? 1 : 2;
        if (a.id !== -1) a.verdicts[view] = v;
      }
      if (v !== 1) return giveUp(r, p0, line);
    }
    // The programme rule on the TERYT code, JST kind and voivodeship (remembered with the code: a valid
    // code comes with one kind and voivodeship).
    {
      const ta = terytSi < 0 ? ABSENT : answers[terytSi]!;
      const k = kindSi < 0 ? 0 : answers[kindSi]!.id;
      const v = voivSi < 0 ? 0 : answers[voivSi]!.id;
      const key = ta.id >= 0 && k >= 0 && v >= 0 ? (ta.id * 65536 + k) * 65536 + v : -1;
      let ok = key >= 0 && key === ta.programmeKey ? ta.programmeOk : key >= 0 ? programmeVerdicts.get(key) : undefined;
      if (ok === undefined) {
        const data: Record<string, unknown> = {};
        for (const [name, si] of [[roles.teryt, terytSi], [roles.jstKind, kindSi], [roles.voivodeship, voivSi]] as const) {
          const value = si < 0 ? undefined : answers[si]!.value;
          if (value !== undefined) data[name] = value;
        }
        ok = validator.checkProgramme(data).length === 0;
        if (key >= 0) programmeVerdicts.set(key, ok);
      }
      if (key >= 0 && ta !== ABSENT) {
        ta.programmeKey = key;
        ta.programmeOk = ok;
      }
      if (!ok) return giveUp(r, p0, line);
    }
    let duration = NaN;
    if (durationCol >= 0) {
      const s = cellStart[durationCol]!;
      const e = cellEnd[durationCol]!;
      if (e > s) {
        // 1 to 15 digits: the number Number reads from them
        let v = e - s <= 15 ? 0 : -1;
        for (let x = s; x < e && v >= 0; x++) {
          const c = buf[x]! - 48;
          v = c >= 0 && c <= 9 ? v * 10 + c : -1;
        }
        if (v >= 0) duration = v;
        else {
          const x = readNumberText(cellText(buf, s, e, cellFlags[durationCol]!).trim(), false);
          if (x !== undefined) {
            if (x !== x) return giveUp(r, p0, line);
            duration = x;
          }
        }
      }
    }
    let source = 'unknown';
    if (sourceCol >= 0 && cellEnd[sourceCol]! > cellStart[sourceCol]!) {
      const s = cellStart[sourceCol]!;
      const e = cellEnd[sourceCol]!;
      const f = cellFlags[sourceCol]!;
      let a = f & ESCAPED ? undefined : sourceCache.find(buf, view, s, e);
      if (!a) {
        const t = cellText(buf, s, e, f).trim();
        a = answer(t === '' ? 'unknown' : t, NaN);
        if (!(f & ESCAPED)) sourceCache.add(buf, s, e, a);
      }
      source = a.value as string;
    }

    // Ratings: shown items only, values of the scale, required ones present once the matrix is answered.
    if (fullCheck || plan.counts) {
      const slotState = plan.slotState;
      const plainOk = plan.plainRatingOk;
      if (plan.counts) {
        mxCount.fill(0);
        mxMissing.fill(0);
      }
      for (let slot = 0, x = base; slot < nSlots; slot++, x++) {
        const code = ratings[x]!;
        if (code === BLANK) {
          if (plan.counts && slotState[slot] === 2) mxMissing[slotMatrixArr[slot]!]!++;
          continue;
        }
        if (code < 16 ? plainOk[slot * 16 + code] === 0 : slotState[slot] === 0 || allowed[slot * 256 + code] === 0) return giveUp(r, p0, line);
        if (plan.counts) mxCount[slotMatrixArr[slot]!]!++;
      }
      if (plan.counts) {
        for (let mi = 0; mi < matrices.length; mi++) {
          // A required rating is only asked for once the matrix holds an answer (validate's checkMatrix).
          if (mxCount[mi] === 0 ? plan.mustAnswer[mi] === 1 : mxMissing[mi]! > 0) return giveUp(r, p0, line);
        }
      }
    } else {
      // every rating is a digit its cell allows: only the items not shown must be blank
      const hidden = plan.hiddenSlots;
      for (let i = 0; i < hidden.length; i++) if (ratings[base + hidden[i]!] !== BLANK) return giveUp(r, p0, line);
    }

    // Checkboxes: the chosen ones a bit mask checked against the plan.
    for (let ci = 0; ci < nBoxes; ci++) {
      const mask = cbMask[ci]!;
      if (mask === 0) {
        if (cbAnswered[ci] || !plan.checkboxBlankOk[ci]) return giveUp(r, p0, line);
        continue;
      }
      const c = checkboxes[ci]!;
      if (c.validated) {
        const verdicts = plan.checkboxVerdicts[ci]!;
        let ok = verdicts.get(mask);
        if (ok === undefined) {
          const data = { ...plan.data, [c.spec.name]: c.all.filter((_, b) => mask & (1 << b)) };
          ok = validator.checkQuestion(c.spec.name, data).length === 0;
          verdicts.set(mask, ok);
        }
        if (!ok) return giveUp(r, p0, line);
      } else {
        // validate's checkbox rules: shown choices only (the question shown), "none" alone, the number of choices
        if ((mask & ~plan.checkboxAllowed[ci]!) !== 0 || (mask & c.none && mask !== c.none)) return giveUp(r, p0, line);
        if (c.counted) {
          let x = mask - ((mask >>> 1) & 0x55555555);
          x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
          const count = Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
          if (count > c.max || count < c.min) return giveUp(r, p0, line);
        }
      }
      boxes[r * nBoxes + ci] = mask;
    }

    // The row is valid.
    for (let si = 0; si < nScalars; si++) {
      const target = scalars[si]!.target;
      if (target) target[r] = answers[si]!.code;
    }
    d.ids[r] = cellText(buf, cellStart[idCol]!, cellEnd[idCol]!, cellFlags[idCol]!).trim();
    d.jst[r] = (terytSi < 0 ? ABSENT : answers[terytSi]!).text;
    d.kind[r] = (kindSi < 0 ? ABSENT : answers[kindSi]!).kind;
    d.group[r] = (groupSi < 0 ? ABSENT : answers[groupSi]!).group;
    d.voivodeship[r] = (voivSi < 0 ? ABSENT : answers[voivSi]!).text;
    d.duration[r] = duration;
    d.itemsShown[r] = plan.itemsShown;
    planOfRow[r] = plan.id;
    sourceOfRow[r] = source;
    return p;
  }

  function irregular(base: number): number {
    ratings.fill(BLANK, base, base + nSlots);
    return -1;
  }

  /**
   * Writes the staged ratings, checkbox answers and shown items into the dataset's columns, a column at a
   * time. Rows read the reference way have blank ratings and no checkbox mask here (giveUp clears them)
   * and are filled afterwards.
   */
  function writeColumns(): void {
    const value = new Float64Array(256).fill(NaN);
    for (let v = 0; v <= 250; v++) value[v] = v;
    for (let r0 = 0; r0 < n; r0 += 1024) writeRatings(ratings, nSlots, slotTarget, value, r0, Math.min(n, r0 + 1024));
    // plan number per row, those read the reference way last
    const nPlans = plans.length;
    const planIndex = new Uint16Array(n);
    for (let r = 0; r < n; r++) planIndex[r] = planOfRow[r] === REFERENCE ? nPlans : planOfRow[r]!;
    const masks = new Int32Array(n);
    boxColumns.forEach((list, ci) => {
      for (let r = 0, x = ci; r < n; r++, x += nBoxes) masks[r] = boxes[x]!;
      list.forEach(({ col, bit }, c) => {
        const zero = Uint8Array.from({ length: nPlans + 1 }, (_, pid) => (pid < nPlans ? plans[pid]!.checkboxZero[ci]![c]! : 0));
        writeChoice(col, masks, bit >= 0 ? 1 << bit : 0, zero, planIndex);
      });
    });
    itemColumns.forEach(([, s], i) => {
      const shown = Uint8Array.from({ length: nPlans + 1 }, (_, pid) => (pid < nPlans ? plans[pid]!.items[i]! : 0));
      for (let r = 0; r < n; r++) s[r] = shown[planIndex[r]!]!;
    });
  }

  function finish(): FastRead | null {
    if (overflow) return null;
    if (readProblems.length) throw new DiagError('INPUT_INVALID', `${file}: ${readProblems.length} cell${readProblems.length === 1 ? '' : 's'} cannot be read`, readProblems);
    const problems: ErrorDetail[] = [];
    for (const f of fallbacks) {
      for (const issue of validateResponse(q, f.response).issues) problems.push({ file, column: `row ${f.line}`, message: describeIssue(issue) });
    }
    if (problems.length) throw validationError(file, problems);
    writeColumns();
    for (const f of fallbacks) builder.fill(f.row, f.response);
    const dataset = n === capacity ? d : truncate(d, n);
    fillFingerprints(dataset);
    return { prepared: { dataset, sources: countSources(sourceOfRow, n) }, rows: n, checked: n - fallbacks.length };
  }

  return { fast, reference, finish };
}

// The column writers, each loop a function of its own so that V8 optimises it once (see fillFingerprints).

/** Rows r0–r1 of the staged ratings (row-major, `nSlots` a row) into their columns, a column at a time. */
function writeRatings(ratings: Uint8Array, nSlots: number, targets: readonly (Float64Array | null)[], value: Float64Array, r0: number, r1: number): void {
  for (let slot = 0; slot < nSlots; slot++) {
    const col = targets[slot];
    if (col) writeRatingColumn(col, ratings, nSlots, slot, value, r0, r1);
  }
}

function writeRatingColumn(col: Float64Array, ratings: Uint8Array, nSlots: number, slot: number, value: Float64Array, r0: number, r1: number): void {
  for (let r = r0, x = r0 * nSlots + slot; r < r1; r++, x += nSlots) col[r] = value[ratings[x]!]!;
}

/** One checkbox choice's column: 1 where chosen, 0 where offered (`zero` by plan) and not chosen, else left NaN. */
function writeChoice(col: Float64Array, masks: Int32Array, chosen: number, zero: Uint8Array, planIndex: Uint16Array): void {
  for (let r = 0; r < masks.length; r++) {
    const mask = masks[r]!;
    if (mask === 0) continue;
    if (mask & chosen) col[r] = 1;
    else if (zero[planIndex[r]!]) col[r] = 0;
  }
}

/** An answer (undefined: blank) with what the dataset makes of it, not yet remembered. */
function answer(value: unknown, code: number): Answer {
  return {
    id: -1,
    readable: true,
    value,
    code,
    text: String(value ?? ''),
    kind: JST_KINDS.indexOf(String(value) as never),
    group: STAFF_GROUPS.indexOf(String(value) as never),
    programmeKey: -1,
    programmeOk: false,
    verdicts: [],
  };
}

/** The answer of a question the header does not have, or of a role that is no question. */
const ABSENT: Answer = answer(undefined, NaN);

/** The dataset's code for a single-column answer, as `DatasetBuilder.fill` writes it. */
function codeOf(plan: ColumnPlan | undefined, value: unknown): number {
  if (!plan || value === undefined || value === null || value === '') return NaN;
  switch (plan.kind) {
    case 'code':
      return plan.codes.get(String(value)) ?? NaN;
    case 'number':
      return typeof value === 'number' ? value : NaN;
    case 'boolean':
      return value === true ? 1 : 0;
    default:
      return NaN;
  }
}

/** The first `n` rows of a dataset made for more (blank lines and quoted line breaks make fewer rows than lines). */
function truncate(d: Dataset, n: number): Dataset {
  return {
    ...d,
    n,
    ids: d.ids.slice(0, n),
    jst: d.jst.slice(0, n),
    kind: d.kind.slice(0, n),
    group: d.group.slice(0, n),
    voivodeship: d.voivodeship.slice(0, n),
    duration: d.duration.slice(0, n),
    columns: new Map([...d.columns].map(([k, v]) => [k, v.slice(0, n)])),
    itemsShown: d.itemsShown.slice(0, n),
    shown: new Map([...d.shown].map(([k, v]) => [k, v.slice(0, n)])),
    fingerprint: d.fingerprint.slice(0, n),
  };
}
