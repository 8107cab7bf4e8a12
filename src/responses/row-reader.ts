/**
 * One row of a responses CSV read and checked for `diag validate` and `diag import` (intake.ts): either the row to
 * store (its answers already as canonical JSON with their content hash) or every problem of the row.
 *
 * The reference: each cell is restored (`restoreCell`, the export's formula escape undone), `fromRecord` reads the
 * row into a response (a cell that cannot be read is a problem), `validateResponse` validates it (each issue a
 * problem, unless its cell was already reported), then a repeated respondent id and a wave other than `--wave` are
 * problems. This is what import has always done; every problem comes from here, in this order.
 *
 * The fast check spares that work for rows that are certainly valid, most rows of most files: validity depends
 * only on each answer and on what the respondent was shown, and that only on the answers the visibility
 * conditions read (JST kind and staff group), so a plan is made per tuple of those answers (`validator.shown`),
 * each distinct single-column answer is checked once per plan by the validator's own `checkQuestion` (and the
 * programme rule once per TERYT code, kind and voivodeship), checkbox choices once per set of choices, and
 * ratings against the plan's shown items and allowed values. The row's canonical JSON is put together from
 * fragments (an answer's, a set of choices', a rated item's), each made once by `canonicalJson`. Any cell it does
 * not read at a glance (spaces, signs, a decimal comma, an apostrophe, a rating of two digits …), any answer not
 * valid, anything it does not model (requiredIf, expression validators, validators on a matrix, conditions
 * reading a checkbox or matrix) sends the row to the reference, which gives the exact problems, or the row.
 * test/responses/row-reader.test.ts checks that both give the same rows and problems on mutated files.
 */
import { fromRecord, readNumberText, readScalarCell } from '../questionnaire/record.ts';
import type { SurveyResponse } from '../questionnaire/response.ts';
import { SYSTEM_VARIABLES, type Questionnaire, type QuestionSpec } from '../questionnaire/types.ts';
import { validateResponse, validatorFor } from '../questionnaire/validate.ts';
import type { CsvRow } from './csv-stream.ts';
import { restoreCell } from './csv-safe.ts';
import { importRow } from './store/rows.ts';
import { canonicalJson, sha256Hex } from './store/tokens.ts';
import type { ImportRow } from './store/types.ts';

export const IMPORT_SOURCES = ['paper', 'phone', 'other'] as const;
export type ImportSource = (typeof IMPORT_SOURCES)[number];

export interface ImportOptions {
  /** the wave of rows whose `wave` cell is empty; a row naming another wave is an error */
  wave?: string;
  /** the source of rows whose `source` cell is empty (default "import") */
  source?: ImportSource;
}

/** What is wrong with one cell (or row: column ''), as import and validate report it. */
export interface ImportProblem {
  file: string;
  row: number;
  column: string;
  value: string;
  expected: string;
  /** the validation issue code, or: unreadable, csv, duplicate_id, wave */
  code: string;
}

/** Records an id as seen on a row; gives the row it was first seen on, if any. */
export type SeenId = (id: string, line: number) => number | undefined;

/** What `read` gives for a valid row when the reader only checks (`build` false): no row is put together. */
export const CHECKED: ImportRow = Object.freeze({ respondentId: '', wave: null, source: '', dataJson: '', metaJson: '', submittedAt: null, contentHash: '', line: 0 });

// column kinds
const SYSTEM = 0;
const SCALAR = 1;
const CHECKBOX = 2;
const MATRIX = 3;
const APOSTROPHE = 0x27;

interface ScalarEntry {
  /** what readScalarCell reads (undefined: blank) */
  value: unknown;
  bad: boolean;
  /** `"name":<canonical JSON>` as UTF-8, empty when blank */
  fragment: Buffer;
  /** validity per plan id (undefined: not asked yet) */
  verdicts: (boolean | undefined)[];
}

interface Scalar {
  spec: QuestionSpec;
  name: string;
  /** entries by the cell's text; cells of up to 8 bytes by their bytes (no string made) */
  cache: Map<string, ScalarEntry>;
  short: ShortKeys<ScalarEntry>;
  blank: ScalarEntry;
}

interface Checkbox {
  spec: QuestionSpec;
  all: string[];
  /** fragment (UTF-8) by mask of chosen choices */
  fragments: Map<number, Buffer>;
  /** per plan id: validity by mask of chosen choices (-1: not answered) */
  verdicts: Map<number, boolean>[];
}

interface MatrixRow {
  key: string;
  /** slots of this item in the order of its sorted column names */
  slots: number[];
  columns: string[];
  /** `"item":{…}` (UTF-8) by the item's ratings (see matrixFragment) */
  fragments: (Buffer | undefined)[];
}

interface Matrix {
  spec: QuestionSpec;
  slots: number[];
  /** items sorted by code, for the canonical JSON */
  rows: MatrixRow[];
  /** `"name":{` (UTF-8) */
  open: Buffer;
}

interface Plan {
  id: number;
  data: Record<string, unknown>;
  /** per slot: 0 not shown, 1 shown, 2 shown and required */
  slotState: Uint8Array;
  /** per matrix: 1 where shown and required */
  mustAnswer: Uint8Array;
}

/** Entries kept per question (bounds memory: a column of free text or counts has a new value on most rows). */
const SCALAR_CACHE_LIMIT = 2_000;
/** Cells longer than this are read afresh each time, never kept. */
const CACHED_TEXT_BYTES = 64;
const PLAN_LIMIT = 4096;

export class RowReader {
  private readonly ncols: number;
  private readonly kind: Uint8Array;
  private readonly arg: Int32Array;
  private readonly system: (string | null)[];
  private modelled = true;
  private readonly scalars: Scalar[] = [];
  private readonly checkboxes: Checkbox[] = [];
  private readonly matrices: Matrix[] = [];
  private readonly slotMatrix: number[] = [];
  private readonly slotRow: string[] = [];
  private readonly slotColumn: string[] = [];
  private readonly slotRequired: boolean[] = [];
  /** per slot × digit 0–9: 1 where the rating is one of the column's values */
  private readonly allowed: Uint8Array;
  /** top-level answers in canonical (sorted) order: [kind, index] */
  private readonly order: [number, number][] = [];
  private readonly orderKind: Uint8Array;
  private readonly orderIndex: Int32Array;
  /** where a row's JSON is put together */
  private out: Buffer = Buffer.allocUnsafe(1 << 17);
  /** the system cells `fast` read */
  private readonly sys: { id: string; wave: string; source: string; started: string; submitted: string; duration: number | undefined } = { id: '', wave: '', source: '', started: '', submitted: '', duration: undefined };
  private readonly conditionScalars: number[];
  private readonly roleScalars: { teryt: number; kind: number; voivodeship: number };
  private readonly plans = new Map<string, Plan>();
  private readonly programme = new Map<string, boolean>();
  // per row
  private readonly entries: ScalarEntry[];
  private readonly boxMask: Int32Array;
  private readonly boxAnswered: Uint8Array;
  private readonly slotValue: Int8Array;

  constructor(
    private readonly q: Questionnaire,
    private readonly names: readonly string[],
    private readonly file: string,
    private readonly options: ImportOptions,
    private readonly seen: SeenId,
    /** put together the row to store (import); false: only check it (validate), the same checks */
    private readonly build = true,
  ) {
    this.ncols = names.length;
    this.kind = new Uint8Array(this.ncols);
    this.arg = new Int32Array(this.ncols);
    this.system = names.map((n) => ((SYSTEM_VARIABLES as readonly string[]).includes(n) ? n : null));
    const column = new Map(names.map((n, j) => [n, j]));
    const claimed = new Uint8Array(this.ncols);
    const claim = (name: string, kind: number, arg: number): void => {
      const j = column.get(name);
      if (j === undefined) return;
      if (claimed[j]) this.modelled = false;
      claimed[j] = 1;
      this.kind[j] = kind;
      this.arg[j] = arg;
    };
    for (const s of SYSTEM_VARIABLES) claim(s, SYSTEM, 0);
    const scalarOf = new Map<string, number>();
    for (const spec of q.questions) {
      if (spec.requiredIf || spec.validators.some((v) => v.type === 'expression')) this.modelled = false;
      if (spec.type === 'checkbox') {
        const all = [...(spec.choices ?? []).map((c) => c.value), ...(spec.noneValue ? [spec.noneValue] : [])];
        if (all.length > 30) this.modelled = false;
        const bi = this.checkboxes.length;
        this.checkboxes.push({ spec, all, fragments: new Map(), verdicts: [] });
        all.forEach((c, b) => claim(`${spec.name}_${c}`, CHECKBOX, bi * 32 + (b & 31)));
        this.order.push([CHECKBOX, bi]);
      } else if (spec.type === 'matrixdropdown') {
        if (spec.validators.length) this.modelled = false;
        const mi = this.matrices.length;
        const slots: number[] = [];
        const rows: MatrixRow[] = [];
        for (const r of spec.rows ?? []) {
          const mine: { slot: number; column: string }[] = [];
          for (const c of spec.columns ?? []) {
            const slot = this.slotMatrix.length;
            this.slotMatrix.push(mi);
            this.slotRow.push(r.value);
            this.slotColumn.push(c.name);
            this.slotRequired.push(c.required);
            claim(`${r.value}_${c.name}`, MATRIX, slot);
            slots.push(slot);
            mine.push({ slot, column: c.name });
          }
          mine.sort((a, b) => compare(a.column, b.column));
          rows.push({ key: r.value, slots: mine.map((m) => m.slot), columns: mine.map((m) => m.column), fragments: [] });
        }
        rows.sort((a, b) => compare(a.key, b.key));
        this.matrices.push({ spec, slots, rows, open: Buffer.from(`${JSON.stringify(spec.name)}:{`) });
        this.order.push([MATRIX, mi]);
      } else {
        const si = this.scalars.length;
        scalarOf.set(spec.name, si);
        const scalar: Scalar = { spec, name: spec.name, cache: new Map(), short: new ShortKeys(), blank: null as unknown as ScalarEntry };
        this.scalars.push(scalar);
        scalar.blank = this.entry(scalar, '');
        claim(spec.name, SCALAR, si);
        this.order.push([SCALAR, si]);
      }
    }
    this.order.sort((a, b) => compare(this.nameOf(a), this.nameOf(b)));
    this.orderKind = Uint8Array.from(this.order, ([k]) => k);
    this.orderIndex = Int32Array.from(this.order, ([, i]) => i);
    this.allowed = new Uint8Array(this.slotMatrix.length * 10);
    this.matrices.forEach((m) => {
      for (const slot of m.slots) {
        const column = (m.spec.columns ?? []).find((c) => c.name === this.slotColumn[slot]);
        for (const v of column?.values ?? []) if (Number.isInteger(v) && v >= 0 && v <= 9) this.allowed[slot * 10 + v] = 1;
      }
    });
    const validator = validatorFor(q);
    const scalarIndex = (name: string): number => {
      const si = scalarOf.get(name);
      if (si === undefined) this.modelled = false;
      return si ?? -1;
    };
    this.conditionScalars = validator.conditionVariables.map(scalarIndex);
    this.roleScalars = { teryt: scalarIndex(q.roles.teryt), kind: scalarIndex(q.roles.jstKind), voivodeship: scalarIndex(q.roles.voivodeship) };
    this.entries = this.scalars.map((s) => s.blank);
    this.boxMask = new Int32Array(this.checkboxes.length);
    this.boxAnswered = new Uint8Array(this.checkboxes.length);
    this.slotValue = new Int8Array(this.slotMatrix.length);
  }

  /** The row to store, or its problems (a non-empty list). */
  read(row: CsvRow): ImportRow | ImportProblem[] {
    const line = row.line;
    if (row.problem) return [{ file: this.file, row: line, column: '', value: '', expected: `well-formed CSV: ${row.problem}`, code: 'csv' }];
    if (row.count !== this.ncols) {
      return [{ file: this.file, row: line, column: '', value: '', expected: `as many cells as the header: has ${row.count} cells, the header has ${this.ncols}`, code: 'csv' }];
    }
    const id = this.modelled ? this.fast(row) : null;
    if (id !== null) {
      const first = this.seen(id, line);
      if (first !== undefined) return this.reference(row, first);
      return this.build ? this.assemble(row) : CHECKED;
    }
    return this.reference(row);
  }

  /** The reference (see the module comment). `first`: the row an id was already found first on. */
  reference(row: CsvRow, first?: number): ImportRow | ImportProblem[] {
    const { file, q, options } = this;
    const line = row.line;
    const cells: Record<string, string> = {};
    for (let j = 0; j < this.ncols; j++) cells[this.names[j]!] = restoreCell(row.text(j));
    const problems: ImportProblem[] = [];
    const add = (column: string, value: string, expected: string, code: string) => problems.push({ file, row: line, column, value, expected, code });
    const { response, problems: unreadable } = fromRecord(q, cells, { file, row: line });
    const reported = new Set<string>();
    for (const p of unreadable) {
      const column = p.column ?? '';
      reported.add(column);
      add(column, cells[column] ?? '', p.message.replace(/^".*?" is not /s, ''), 'unreadable');
    }
    for (const issue of validateResponse(q, response).issues) {
      if (reported.has(issue.variable)) continue;
      const value = issue.variable in cells ? (cells[issue.variable] ?? '') : issue.value === undefined ? '' : JSON.stringify(issue.value);
      add(issue.variable, value, `${issue.expected} [${issue.code}]`, issue.code);
    }
    if (response.id !== '') {
      const earlier = first ?? this.seen(response.id, line);
      if (earlier !== undefined) add('respondent_id', response.id, `a respondent id not used before in the file (also on row ${earlier})`, 'duplicate_id');
    }
    if (options.wave !== undefined) {
      if (response.meta.wave === undefined) response.meta.wave = options.wave;
      else if (response.meta.wave !== options.wave) add('wave', response.meta.wave, `empty or "${options.wave}" (--wave)`, 'wave');
    }
    response.meta.source ??= options.source ?? 'import';
    return problems.length ? problems : this.build ? importRow(response, line) : CHECKED;
  }

  /** The response of a row, as the reference reads it (for tests). */
  response(row: CsvRow): SurveyResponse {
    const cells: Record<string, string> = {};
    for (let j = 0; j < this.ncols; j++) cells[this.names[j]!] = restoreCell(row.text(j));
    return fromRecord(this.q, cells, { file: this.file, row: row.line }).response;
  }

  /** Whether rows are checked the fast way at all (false: the questionnaire uses what it does not model). */
  get fastCheck(): boolean {
    return this.modelled;
  }

  private nameOf([kind, i]: [number, number]): string {
    return kind === SCALAR ? this.scalars[i]!.name : kind === CHECKBOX ? this.checkboxes[i]!.spec.name : this.matrices[i]!.spec.name;
  }

  private entry(scalar: Scalar, raw: string): ScalarEntry {
    const read = readScalarCell(scalar.spec, restoreCell(raw));
    if ('bad' in read) return { value: undefined, bad: true, fragment: EMPTY, verdicts: [] };
    const fragment = read.value === undefined ? EMPTY : Buffer.from(`${JSON.stringify(scalar.name)}:${canonicalJson(read.value)}`);
    return { value: read.value, bad: false, fragment, verdicts: [] };
  }

  private scalarEntry(scalar: Scalar, raw: string): ScalarEntry {
    let e = scalar.cache.get(raw);
    if (e) return e;
    e = this.entry(scalar, raw);
    if (scalar.cache.size < SCALAR_CACHE_LIMIT && raw.length <= CACHED_TEXT_BYTES) scalar.cache.set(raw, e);
    return e;
  }

  private planFor(): Plan | null {
    let key = '';
    for (const si of this.conditionScalars) {
      const v = this.entries[si]!.value;
      key += (v === undefined ? '~' : typeof v === 'string' ? v : JSON.stringify(v)) + '\u0001';
    }
    let plan = this.plans.get(key);
    if (plan) return plan;
    if (this.plans.size >= PLAN_LIMIT) return null;
    const data: Record<string, unknown> = {};
    for (const si of this.conditionScalars) {
      const v = this.entries[si]!.value;
      if (v !== undefined) data[this.scalars[si]!.name] = v;
    }
    const shown = validatorFor(this.q).shown(data);
    const slotState = new Uint8Array(this.slotMatrix.length);
    const mustAnswer = new Uint8Array(this.matrices.length);
    this.matrices.forEach((m, mi) => {
      const visible = shown.questions.has(m.spec.name);
      const options = shown.options.get(m.spec.name);
      for (const slot of m.slots) slotState[slot] = visible && options?.has(this.slotRow[slot]!) ? (this.slotRequired[slot] ? 2 : 1) : 0;
      mustAnswer[mi] = visible && m.spec.required ? 1 : 0;
    });
    plan = { id: this.plans.size, data, slotState, mustAnswer };
    this.plans.set(key, plan);
    return plan;
  }

  /**
   * The respondent id when the fast check is sure the row is valid, else null. It leaves what it read (scalar
   * entries, checkbox masks, ratings, system cells) for `assemble`.
   */
  private fast(row: CsvRow): string | null {
    const buf = row.buf;
    const { kind, arg, entries, boxMask, boxAnswered, slotValue } = this;
    boxMask.fill(0);
    boxAnswered.fill(0);
    slotValue.fill(-1);
    for (let si = 0; si < entries.length; si++) entries[si] = this.scalars[si]!.blank;
    let id = '';
    let wave = '';
    let source = '';
    let started = '';
    let submitted = '';
    let duration: number | undefined;
    const sys = this.sys;
    for (let j = 0; j < this.ncols; j++) {
      const s = row.start[j]!;
      const e = row.end[j]!;
      if (e > s && buf[s] === APOSTROPHE) return null;
      switch (kind[j]) {
        case MATRIX: {
          if (e === s) break;
          const d = buf[s]! - 0x30;
          if (e - s !== 1 || d < 0 || d > 9) return null;
          slotValue[arg[j]!] = d;
          break;
        }
        case CHECKBOX: {
          if (e === s) break;
          const b = buf[s]!;
          if (e - s !== 1 || (b !== 0x30 && b !== 0x31)) return null;
          const bi = arg[j]! >> 5;
          boxAnswered[bi] = 1;
          if (b === 0x31) boxMask[bi]! |= 1 << (arg[j]! & 31);
          break;
        }
        case SCALAR: {
          if (e === s) break;
          const scalar = this.scalars[arg[j]!]!;
          let entry: ScalarEntry | undefined;
          if (e - s <= 8 && row.flags[j]! === 0) {
            entry = scalar.short.get(buf, s, e);
            if (entry === undefined) {
              entry = this.entry(scalar, row.text(j));
              if (scalar.short.size < SCALAR_CACHE_LIMIT) scalar.short.set(entry);
            }
          } else entry = this.scalarEntry(scalar, row.text(j));
          if (entry.bad) return null;
          entries[arg[j]!] = entry;
          break;
        }
        default: {
          if (e === s) break;
          const t = row.text(j).trim();
          switch (this.system[j]) {
            case 'respondent_id': id = t; break;
            case 'wave': wave = t; break;
            case 'source': source = t; break;
            case 'started_at': started = t; break;
            case 'submitted_at': submitted = t; break;
            case 'duration_sec': {
              const n = readNumberText(t, false);
              if (n !== n) return null;
              duration = n;
              break;
            }
          }
        }
      }
    }
    if (id === '') return null;
    if (this.options.wave !== undefined && wave !== '' && wave !== this.options.wave) return null;
    const plan = this.planFor();
    if (!plan) return null;
    const validator = validatorFor(this.q);

    for (let si = 0; si < entries.length; si++) {
      const entry = entries[si]!;
      let ok = entry.verdicts[plan.id];
      if (ok === undefined) {
        const scalar = this.scalars[si]!;
        ok = validator.checkQuestion(scalar.name, entry.value === undefined ? plan.data : { ...plan.data, [scalar.name]: entry.value }).length === 0;
        entry.verdicts[plan.id] = ok;
      }
      if (!ok) return null;
    }
    for (let bi = 0; bi < this.checkboxes.length; bi++) {
      const box = this.checkboxes[bi]!;
      const answered = boxAnswered[bi] === 1;
      const mask = boxMask[bi]!;
      if (answered && mask === 0) return null;
      const key = answered ? mask : -1;
      const verdicts = (box.verdicts[plan.id] ??= new Map());
      let ok = verdicts.get(key);
      if (ok === undefined) {
        const value = answered ? box.all.filter((_, b) => mask & (1 << b)) : undefined;
        ok = validator.checkQuestion(box.spec.name, value === undefined ? plan.data : { ...plan.data, [box.spec.name]: value }).length === 0;
        verdicts.set(key, ok);
      }
      if (!ok) return null;
    }
    const { slotState, mustAnswer } = plan;
    const allowed = this.allowed;
    for (let mi = 0; mi < this.matrices.length; mi++) {
      const slots = this.matrices[mi]!.slots;
      let any = false;
      for (let k = 0; k < slots.length; k++) {
        const slot = slots[k]!;
        const v = slotValue[slot]!;
        if (v < 0) continue;
        any = true;
        if (slotState[slot] === 0 || allowed[slot * 10 + v] === 0) return null;
      }
      if (any) {
        for (let k = 0; k < slots.length; k++) if (slotState[slots[k]!] === 2 && slotValue[slots[k]!]! < 0) return null;
      } else if (mustAnswer[mi]) return null;
    }
    const roles = this.roleScalars;
    const teryt = roles.teryt >= 0 ? entries[roles.teryt]!.value : undefined;
    if (typeof teryt === 'string' && teryt !== '') {
      const jst = roles.kind >= 0 ? entries[roles.kind]!.value : undefined;
      const voiv = roles.voivodeship >= 0 ? entries[roles.voivodeship]!.value : undefined;
      const key = `${teryt}\u0001${typeof jst === 'string' ? jst : '~'}\u0001${typeof voiv === 'string' ? voiv : '~'}`;
      let ok = this.programme.get(key);
      if (ok === undefined) {
        const data: Record<string, unknown> = { [this.q.roles.teryt]: teryt };
        if (jst !== undefined) data[this.q.roles.jstKind] = jst;
        if (voiv !== undefined) data[this.q.roles.voivodeship] = voiv;
        ok = validator.checkProgramme(data).length === 0;
        if (this.programme.size < SCALAR_CACHE_LIMIT) this.programme.set(key, ok);
      }
      if (!ok) return null;
    }

    sys.wave = wave;
    sys.source = source;
    sys.started = started;
    sys.submitted = submitted;
    sys.duration = duration;
    sys.id = id;
    return id;
  }

  /** The row to store of a row `fast` found valid: the canonical JSON of its answers put together as bytes from fragments, hashed as bytes. */
  private assemble(row: CsvRow): ImportRow {
    const entries = this.entries;
    const { id, wave, source, started, submitted, duration } = this.sys;
    let out = this.out;
    let p = 0;
    out[p++] = 0x7b; // {
    for (let o = 0; o < this.order.length; o++) {
      const k = this.orderKind[o]!;
      const i = this.orderIndex[o]!;
      if (k === MATRIX) {
        if (out.length - p < 1 << 16) out = this.grow(p);
        p = this.matrixFragment(i, out, p);
        continue;
      }
      const f = k === SCALAR ? entries[i]!.fragment : this.boxFragment(i);
      if (f.length === 0) continue;
      if (out.length - p < f.length + 2) out = this.grow(p + f.length);
      if (p > 1) out[p++] = 0x2c; // ,
      out.set(f, p);
      p += f.length;
    }
    out[p++] = 0x7d; // }
    const bytes = out.subarray(0, p);
    const meta: Record<string, unknown> = {};
    if (started) meta.startedAt = started;
    if (submitted) meta.submittedAt = submitted;
    if (duration !== undefined) meta.durationSec = duration;
    const when = submitted ? new Date(submitted) : null;
    return {
      respondentId: id,
      wave: wave !== '' ? wave : (this.options.wave ?? null),
      source: source !== '' ? source : (this.options.source ?? 'import'),
      dataJson: out.toString('utf8', 0, p),
      metaJson: JSON.stringify(meta),
      submittedAt: when && !Number.isNaN(when.getTime()) ? when.toISOString() : null,
      contentHash: sha256Hex(bytes),
      line: row.line,
    };
  }

  private grow(need: number): Buffer {
    const bigger = Buffer.allocUnsafe(Math.max(this.out.length * 2, need + (1 << 16)));
    this.out.copy(bigger);
    return (this.out = bigger);
  }

  private boxFragment(bi: number): Buffer {
    if (!this.boxAnswered[bi]) return EMPTY;
    const box = this.checkboxes[bi]!;
    const mask = this.boxMask[bi]!;
    let f = box.fragments.get(mask);
    if (f === undefined) {
      f = Buffer.from(`${JSON.stringify(box.spec.name)}:${canonicalJson(box.all.filter((_, b) => mask & (1 << b)))}`);
      box.fragments.set(mask, f);
    }
    return f;
  }

  /** Writes `"name":{"item":{…},…}` of matrix mi at p (nothing when no item is rated); returns the new end. */
  private matrixFragment(mi: number, out: Buffer, p: number): number {
    const m = this.matrices[mi]!;
    const v = this.slotValue;
    const start = p;
    let items = 0;
    for (const r of m.rows) {
      let key = 0;
      let any = false;
      for (const slot of r.slots) {
        key = key * 11 + v[slot]! + 1;
        if (v[slot]! >= 0) any = true;
      }
      if (!any) continue;
      let f = r.fragments[key];
      if (f === undefined) {
        const cells: Record<string, number> = {};
        r.slots.forEach((slot, k) => {
          if (v[slot]! >= 0) cells[r.columns[k]!] = v[slot]!;
        });
        f = Buffer.from(`${JSON.stringify(r.key)}:${canonicalJson(cells)}`);
        r.fragments[key] = f;
      }
      if (items++ === 0) {
        if (start > 1) out[p++] = 0x2c;
        out.set(m.open, p);
        p += m.open.length;
      } else out[p++] = 0x2c;
      out.set(f, p);
      p += f.length;
    }
    if (items > 0) out[p++] = 0x7d;
    return p;
  }
}

const EMPTY = Buffer.alloc(0);

/**
 * Values keyed by byte strings of up to 8 bytes, looked up straight from a buffer: the bytes as two 32-bit words
 * and a length, in an open-addressing table. `set` stores under the key last looked up (and not found).
 */
class ShortKeys<T> {
  private lens = new Int8Array(16).fill(-1);
  private lows = new Int32Array(16);
  private highs = new Int32Array(16);
  private vals: (T | undefined)[] = new Array<T | undefined>(16);
  size = 0;
  private slot = 0;
  private n = 0;
  private low = 0;
  private high = 0;

  get(buf: Buffer, s: number, e: number): T | undefined {
    const n = e - s;
    let low = 0;
    let high = 0;
    for (let i = 0; i < n; i++) {
      const b = buf[s + i]!;
      if (i < 4) low |= b << (8 * i);
      else high |= b << (8 * (i - 4));
    }
    const mask = this.lens.length - 1;
    let slot = (Math.imul(low ^ Math.imul(high ^ n, 0x9e3779b1), 0x85ebca6b) >>> 15) & mask;
    for (;;) {
      const len = this.lens[slot]!;
      if (len < 0) break;
      if (len === n && this.lows[slot] === low && this.highs[slot] === high) return this.vals[slot];
      slot = (slot + 1) & mask;
    }
    this.slot = slot;
    this.n = n;
    this.low = low;
    this.high = high;
    return undefined;
  }

  set(value: T): void {
    this.lens[this.slot] = this.n;
    this.lows[this.slot] = this.low;
    this.highs[this.slot] = this.high;
    this.vals[this.slot] = value;
    if (++this.size * 2 > this.lens.length) this.rehash();
  }

  private rehash(): void {
    const { lens, lows, highs, vals } = this;
    const cap = lens.length * 4;
    this.lens = new Int8Array(cap).fill(-1);
    this.lows = new Int32Array(cap);
    this.highs = new Int32Array(cap);
    this.vals = new Array<T | undefined>(cap);
    const mask = cap - 1;
    for (let i = 0; i < lens.length; i++) {
      const n = lens[i]!;
      if (n < 0) continue;
      let slot = (Math.imul(lows[i]! ^ Math.imul(highs[i]! ^ n, 0x9e3779b1), 0x85ebca6b) >>> 15) & mask;
      while (this.lens[slot]! >= 0) slot = (slot + 1) & mask;
      this.lens[slot] = n;
      this.lows[slot] = lows[i]!;
      this.highs[slot] = highs[i]!;
      this.vals[slot] = vals[i];
    }
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
