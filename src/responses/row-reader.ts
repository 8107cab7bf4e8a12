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
import { fromRecord, readNumberText } from '../questionnaire/record.ts';
import type { SurveyResponse } from '../questionnaire/response.ts';
import type { SurveyInstrument } from '../questionnaire/types.ts';
import { validateResponse, validatorFor } from '../questionnaire/validate.ts';
import type { CsvRow } from './csv-stream.ts';
import { restoreCell } from './csv-safe.ts';
import { SAFE_TEXT_EXPECTED, unsafeTextReason } from '../util/safe-text.ts';
import { APOSTROPHE, CHECKBOX, MATRIX, RowLayout, SCALAR, type Checkbox, type Matrix, type Plan, type Scalar, type ScalarEntry } from './row-layout.ts';
import { RowJson } from './row-json.ts';
import { importRow } from './store/rows.ts';
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
  /** the validation issue code, or: unreadable, csv, duplicate_id, wave, text */
  code: string;
}

/** Records an id as seen on a row; gives the row it was first seen on, if any. */
export type SeenId = (id: string, line: number) => number | undefined;

/** What `read` gives for a valid row when the reader only checks (`build` false): no row is put together. */
export const CHECKED: ImportRow = Object.freeze({ respondentId: '', wave: null, source: '', dataJson: '', metaJson: '', submittedAt: null, contentHash: '', line: 0 });

const SCALAR_CACHE_LIMIT = 2_000;
/** Cells longer than this are read afresh each time, never kept. */
const CACHED_TEXT_BYTES = 64;
const PLAN_LIMIT = 4096;

export class RowReader {
  private readonly layout: RowLayout;
  private readonly json: RowJson;
  private readonly ncols: number;
  private readonly kind: Uint8Array;
  private readonly arg: Int32Array;
  private readonly system: (string | null)[];
  private readonly modelled: boolean;
  private readonly scalars: Scalar[];
  private readonly checkboxes: Checkbox[];
  private readonly matrices: Matrix[];
  private readonly slotMatrix: number[];
  private readonly slotRow: string[];
  private readonly allowed: Uint8Array;
  /** the system cells `fast` read */
  readonly sys: { id: string; wave: string; source: string; started: string; submitted: string; duration: number | undefined } = { id: '', wave: '', source: '', started: '', submitted: '', duration: undefined };
  private readonly conditionScalars: number[];
  private readonly roleScalars: { teryt: number; kind: number; voivodeship: number };
  private readonly plans = new Map<string, Plan>();
  private readonly programme = new Map<string, boolean>();
  // per row: what the fast check read (RowJson reads it too)
  readonly entries: ScalarEntry[];
  readonly boxMask: Int32Array;
  readonly boxAnswered: Uint8Array;
  readonly slotValue: Int8Array;

  constructor(
    private readonly q: SurveyInstrument,
    private readonly names: readonly string[],
    private readonly file: string,
    private readonly options: ImportOptions,
    private readonly seen: SeenId,
    /** put together the row to store (import); false: only check it (validate), the same checks */
    private readonly build = true,
  ) {
    const layout = new RowLayout(q, names);
    this.layout = layout;
    this.ncols = layout.ncols;
    this.kind = layout.kind;
    this.arg = layout.arg;
    this.system = layout.system;
    this.modelled = layout.modelled;
    this.scalars = layout.scalars;
    this.checkboxes = layout.checkboxes;
    this.matrices = layout.matrices;
    this.slotMatrix = layout.slotMatrix;
    this.slotRow = layout.slotRow;
    this.allowed = layout.allowed;
    this.conditionScalars = layout.conditionScalars;
    this.roleScalars = layout.roleScalars;
    this.entries = this.scalars.map((x) => x.blank);
    this.boxMask = new Int32Array(this.checkboxes.length);
    this.boxAnswered = new Uint8Array(this.checkboxes.length);
    this.slotValue = new Int8Array(this.slotMatrix.length);
    this.json = new RowJson(layout, options, this);
  }

  /** The row to store, or its problems (a non-empty list). */
  read(row: CsvRow): ImportRow | ImportProblem[] {
    const line = row.line;
    if (row.problem) return [{ file: this.file, row: line, column: '', value: '', expected: `well-formed CSV: ${row.problem}`, code: 'csv' }];
    if (row.count !== this.ncols) {
      return [{ file: this.file, row: line, column: '', value: '', expected: `as many cells as the header: has ${row.count} cells, the header has ${this.ncols}`, code: 'csv' }];
    }
    // a NUL anywhere goes to the reference, which names the cell (the text rule, util/safe-text.ts)
    const id = this.modelled && !row.hasNul() ? this.fast(row) : null;
    if (id !== null) {
      const first = this.seen(id, line);
      if (first !== undefined) return this.reference(row, first);
      return this.build ? this.json.assemble(row) : CHECKED;
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
    const reported = new Set<string>();
    // the text rule, for every cell: ids, wave and source as much as answers (none of it is stored otherwise)
    for (const [column, value] of Object.entries(cells)) {
      const reason = unsafeTextReason(value);
      if (reason) {
        add(column, value, `${SAFE_TEXT_EXPECTED}: the cell ${reason.replace(/^contains /, 'holds ')}`, 'text');
        reported.add(column);
      }
    }
    const { response, problems: unreadable } = fromRecord(q, cells, { file, row: line });
    for (const p of unreadable) {
      const column = p.column ?? '';
      if (reported.has(column)) continue;
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

  private scalarEntry(scalar: Scalar, raw: string): ScalarEntry {
    let e = scalar.cache.get(raw);
    if (e) return e;
    e = this.layout.entry(scalar, raw);
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
      for (const slot of m.slots) slotState[slot] = visible && options?.has(this.slotRow[slot]!) ? (this.layout.slotRequired[slot] ? 2 : 1) : 0;
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
              entry = this.layout.entry(scalar, row.text(j));
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
        const value = answered ? box.all.filter((_: string, b: number) => mask & (1 << b)) : undefined;
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
        const r = this.q.roles!; // roles.teryt >= 0 only when the instrument has roles
        const data: Record<string, unknown> = { [r.teryt]: teryt };
        if (jst !== undefined) data[r.jstKind] = jst;
        if (voiv !== undefined) data[r.voivodeship] = voiv;
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

}



