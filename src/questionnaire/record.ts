/**
 * Conversion between a SurveyJS response (nested answers) and a flat record with one cell per codebook
 * variable: the form of CSV files, the store's exports and the analysis dataset.
 *
 * Cell coding: categorical → choice value; checkbox → one 0/1 cell per choice (empty when the question
 * was not answered or the choice was not shown); rated items → the rating; number → the number;
 * text → the text; boolean → 1/0; missing → empty.
 */
import { DiagError, type ErrorDetail } from '../errors.ts';
import { isEmptyAnswer, type SurveyResponse } from './response.ts';
import { SYSTEM_VARIABLES, type SurveyInstrument, type QuestionSpec } from './types.ts';
import { validatorFor } from './validate.ts';

export type Cell = string | number | null;
export type FlatRecord = Record<string, Cell>;

/** Column order of the flat format: system columns, then the codebook's variables. */
export function recordColumns(q: SurveyInstrument): string[] {
  return [...SYSTEM_VARIABLES, ...q.variables.map((v) => v.name)];
}

/** Flattens a response into one cell per column of `recordColumns`. */
export function toRecord(q: SurveyInstrument, response: SurveyResponse): FlatRecord {
  const data = response.data;
  const m = response.meta;
  const validator = validatorFor(q);
  const out: FlatRecord = {
    respondent_id: response.id,
    wave: m.wave ?? null,
    source: m.source ?? null,
    started_at: m.startedAt ?? null,
    submitted_at: m.submittedAt ?? null,
    duration_sec: m.durationSec ?? null,
  };
  for (const question of q.questions) {
    const value = data[question.name];
    switch (question.type) {
      case 'checkbox': {
        const chosen = Array.isArray(value) && value.length > 0 ? new Set(value.map(String)) : null;
        const shown = chosen ? new Set(validator.visibleOptions(question.name, data)) : null;
        if (question.noneValue) shown?.add(question.noneValue);
        for (const c of [...(question.choices ?? []).map((x) => x.value), ...(question.noneValue ? [question.noneValue] : [])]) {
          out[`${question.name}_${c}`] = chosen === null ? null : chosen.has(c) ? 1 : shown?.has(c) ? 0 : null;
        }
        break;
      }
      case 'matrixdropdown': {
        const rows = (value ?? {}) as Record<string, Record<string, unknown> | undefined>;
        for (const row of question.rows ?? []) {
          for (const col of question.columns ?? []) {
            const cell = rows[row.value]?.[col.name];
            out[`${row.value}_${col.name}`] = typeof cell === 'number' ? cell : null;
          }
        }
        break;
      }
      case 'boolean':
        out[question.name] = value === true ? 1 : value === false ? 0 : null;
        break;
      default:
        out[question.name] = isEmptyAnswer(value) ? null : (value as string | number);
    }
  }
  return out;
}

/**
 * Reads a flat record of text cells (one CSV row) back into a response. Cells that cannot be read as their
 * variable's type are reported with the row and column; values that are read but not allowed (a rating
 * of 9, a choice that does not exist) are left for `validateResponse` to report.
 */
export function fromRecord(q: SurveyInstrument, cells: Record<string, string | undefined>, where: { file: string; row: number }): { response: SurveyResponse; problems: ErrorDetail[] } {
  const problems: ErrorDetail[] = [];
  const bad = (column: string, value: string, expected: string) => problems.push({ file: where.file, row: where.row, column, message: `"${value}" is not ${expected}` });
  const text = (name: string) => {
    const v = cells[name];
    return v === undefined ? '' : v.trim();
  };
  const number = (name: string, integer: boolean): number | undefined => {
    const t = text(name);
    const n = readNumberText(t, integer);
    if (n !== n) {
      bad(name, t, integer ? 'a whole number' : 'a number');
      return undefined;
    }
    return n;
  };

  const id = text('respondent_id');
  if (id === '') problems.push({ file: where.file, row: where.row, column: 'respondent_id', message: 'respondent_id is empty' });
  const duration = number('duration_sec', false);
  const meta: SurveyResponse['meta'] = {};
  if (text('wave')) meta.wave = text('wave');
  if (text('source')) meta.source = text('source');
  if (text('started_at')) meta.startedAt = text('started_at');
  if (text('submitted_at')) meta.submittedAt = text('submitted_at');
  if (duration !== undefined) meta.durationSec = duration;

  const data: Record<string, unknown> = {};
  for (const question of q.questions) {
    const name = question.name;
    switch (question.type) {
      case 'checkbox': {
        const chosen: string[] = [];
        let answered = false;
        const all = [...(question.choices ?? []).map((c) => c.value), ...(question.noneValue ? [question.noneValue] : [])];
        for (const c of all) {
          const col = `${name}_${c}`;
          const t = text(col);
          if (t === '') continue;
          if (t !== '0' && t !== '1') { bad(col, t, '0 or 1'); continue; }
          answered = true;
          if (t === '1') chosen.push(c);
        }
        if (answered && chosen.length > 0) data[name] = chosen;
        else if (answered) problems.push({ file: where.file, row: where.row, column: `${name}_*`, message: `every choice of ${name} is 0: leave the cells empty for "not answered"` });
        break;
      }
      case 'matrixdropdown': {
        const rows: Record<string, Record<string, number>> = {};
        for (const row of question.rows ?? []) {
          for (const col of question.columns ?? []) {
            const v = number(`${row.value}_${col.name}`, true);
            if (v !== undefined) (rows[row.value] ??= {})[col.name] = v;
          }
        }
        if (Object.keys(rows).length) data[name] = rows;
        break;
      }
      default: {
        const read = readScalarCell(question, cells[name]);
        if ('bad' in read) bad(name, read.bad, read.expected);
        else if (read.value !== undefined) data[name] = read.value;
      }
    }
  }
  return { response: { id, data, meta }, problems };
}

/**
 * How `fromRecord` reads the trimmed text of a number cell: undefined when empty, NaN when it is not a
 * number (or not a whole one). A decimal comma is accepted, as Polish spreadsheets write it. Exported so
 * that the fast CSV reader (dataset/from-csv/) reads numbers with exactly these semantics.
 */
export function readNumberText(t: string, integer: boolean): number | undefined {
  if (t === '') return undefined;
  const n = Number(t.replace(',', '.'));
  return !Number.isFinite(n) || (integer && !Number.isInteger(n)) ? NaN : n;
}

/**
 * How `fromRecord` reads the cell of a question with a single column (every type but checkbox and
 * matrix): the answer (undefined when the cell is blank), or the trimmed text and what it is not. One
 * function for both readers, so that the fast CSV reader cannot drift from this one.
 */
export function readScalarCell(question: QuestionSpec, cell: string | undefined): { value: unknown } | { bad: string; expected: string } {
  // Every cell loses its surrounding blanks; comments keep their inner spacing.
  const t = cell === undefined ? '' : cell.trim();
  switch (question.type) {
    case 'text':
    case 'rating': {
      const integer = question.type === 'rating';
      if (question.type === 'text' && question.inputType !== 'number') return { value: t === '' ? undefined : t };
      const n = readNumberText(t, integer);
      return n !== n ? { bad: t, expected: integer ? 'a whole number' : 'a number' } : { value: n };
    }
    case 'boolean':
      if (t === '1' || t === '0') return { value: t === '1' };
      return t === '' ? { value: undefined } : { bad: t, expected: '1 or 0' };
    default:
      return { value: t === '' ? undefined : t };
  }
}

/** Header check: every column must be a system column or a codebook variable. */
export function checkColumns(q: SurveyInstrument, header: string[], file: string): void {
  const known = new Set(recordColumns(q));
  const problems: ErrorDetail[] = [];
  const seen = new Set<string>();
  for (const col of header) {
    if (seen.has(col)) problems.push({ file, row: 1, column: col, message: 'duplicate column' });
    seen.add(col);
    if (!known.has(col)) problems.push({ file, row: 1, column: col, message: 'unknown column: not a codebook variable (see `diag codebook`)' });
  }
  if (!seen.has('respondent_id')) problems.push({ file, row: 1, column: 'respondent_id', message: 'missing column respondent_id' });
  if (problems.length) throw new DiagError('INPUT_INVALID', `${file}: the header does not match the codebook`, problems);
}
