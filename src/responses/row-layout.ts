/**
 * How a responses CSV's columns map onto the questionnaire, for the row reader (row-reader.ts): each header column's
 * kind (system cell, single-column answer, checkbox choice, matrix rating) and index, the matrices' rating slots with
 * their allowed values, the answers in canonical (sorted) order for the JSON, and whether the fast check can model
 * the questionnaire at all.
 */
import { readScalarCell } from '../questionnaire/record.ts';
import { SYSTEM_VARIABLES, type SurveyInstrument, type QuestionSpec } from '../questionnaire/types.ts';
import { validatorFor } from '../questionnaire/validate.ts';
import { restoreCell } from './csv-safe.ts';
import { ShortKeys } from './short-keys.ts';
import { canonicalJson } from './store/tokens.ts';

// column kinds
export const SYSTEM = 0;
export const SCALAR = 1;
export const CHECKBOX = 2;
export const MATRIX = 3;
export const APOSTROPHE = 0x27;

export interface ScalarEntry {
  /** what readScalarCell reads (undefined: blank) */
  value: unknown;
  bad: boolean;
  /** `"name":<canonical JSON>` as UTF-8, empty when blank */
  fragment: Buffer;
  /** validity per plan id (undefined: not asked yet) */
  verdicts: (boolean | undefined)[];
}

export interface Scalar {
  spec: QuestionSpec;
  name: string;
  /** entries by the cell's text; cells of up to 8 bytes by their bytes (no string made) */
  cache: Map<string, ScalarEntry>;
  short: ShortKeys<ScalarEntry>;
  blank: ScalarEntry;
}

export interface Checkbox {
  spec: QuestionSpec;
  all: string[];
  /** fragment (UTF-8) by mask of chosen choices */
  fragments: Map<number, Buffer>;
  /** per plan id: validity by mask of chosen choices (-1: not answered) */
  verdicts: Map<number, boolean>[];
}

export interface MatrixRow {
  key: string;
  /** slots of this item in the order of its sorted column names */
  slots: number[];
  columns: string[];
  /** `"item":{…}` (UTF-8) by the item's ratings (see matrixFragment) */
  fragments: (Buffer | undefined)[];
}

export interface Matrix {
  spec: QuestionSpec;
  slots: number[];
  /** items sorted by code, for the canonical JSON */
  rows: MatrixRow[];
  /** `"name":{` (UTF-8) */
  open: Buffer;
}

export interface Plan {
  id: number;
  data: Record<string, unknown>;
  /** per slot: 0 not shown, 1 shown, 2 shown and required */
  slotState: Uint8Array;
  /** per matrix: 1 where shown and required */
  mustAnswer: Uint8Array;
}

/** Entries kept per question (bounds memory: a column of free text or counts has a new value on most rows). */
export class RowLayout {
  readonly ncols: number;
  readonly kind: Uint8Array;
  readonly arg: Int32Array;
  /** the system variable of each column, null for others */
  readonly system: (string | null)[];
  /** false when the questionnaire uses what the fast check does not model: every row goes the reference way */
  modelled = true;
  readonly scalars: Scalar[] = [];
  readonly checkboxes: Checkbox[] = [];
  readonly matrices: Matrix[] = [];
  readonly slotMatrix: number[] = [];
  readonly slotRow: string[] = [];
  readonly slotColumn: string[] = [];
  readonly slotRequired: boolean[] = [];
  /** per slot × digit 0–9: 1 where the rating is one of the column's values */
  readonly allowed: Uint8Array;
  /** top-level answers in canonical (sorted) order: [kind, index] */
  readonly order: [number, number][] = [];
  readonly orderKind: Uint8Array;
  readonly orderIndex: Int32Array;
  /** the scalars the visibility conditions read, and those of the programme rule */
  readonly conditionScalars: number[];
  readonly roleScalars: { teryt: number; kind: number; voivodeship: number };

  constructor(q: SurveyInstrument, names: readonly string[]) {
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
    // an instrument without the JST roles (the pilot's) has no TERYT rule to check
    this.roleScalars = q.roles
      ? { teryt: scalarIndex(q.roles.teryt), kind: scalarIndex(q.roles.jstKind), voivodeship: scalarIndex(q.roles.voivodeship) }
      : { teryt: -1, kind: -1, voivodeship: -1 };
  }

  /** What a cell reads as for a scalar question (its text restored from the export's formula escape). */
  entry(scalar: Scalar, raw: string): ScalarEntry {
    const read = readScalarCell(scalar.spec, restoreCell(raw));
    if ('bad' in read) return { value: undefined, bad: true, fragment: EMPTY, verdicts: [] };
    const fragment = read.value === undefined ? EMPTY : Buffer.from(`${JSON.stringify(scalar.name)}:${canonicalJson(read.value)}`);
    return { value: read.value, bad: false, fragment, verdicts: [] };
  }

  private nameOf([kind, i]: [number, number]): string {
    return kind === SCALAR ? this.scalars[i]!.name : kind === CHECKBOX ? this.checkboxes[i]!.spec.name : this.matrices[i]!.spec.name;
  }

}

export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export const EMPTY = Buffer.alloc(0);
