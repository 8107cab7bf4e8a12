/**
 * CSV cells that a spreadsheet must not run (OWASP "CSV injection"): a text cell starting with `=`, `+`, `-`,
 * `@`, a tab or a carriage return is written with a leading apostrophe, so Excel shows it as text instead of
 * evaluating a formula. Numbers are never touched: -1 stays -1.
 *
 * The escape is reversible, so an exported file re-imports to identical answers: a cell that already starts with
 * apostrophes followed by one of those characters gets one more apostrophe on export, and `restoreCell` removes
 * exactly one on import. (Excel itself drops the apostrophe when it saves, which re-imports the same way.)
 */
import type { Cell } from '../questionnaire/record.ts';

const DANGEROUS = /^'*[=+\-@\t\r]/;

export function neutraliseCell(cell: Cell): string | number {
  if (cell === null) return '';
  if (typeof cell === 'number') return cell;
  return DANGEROUS.test(cell) ? `'${cell}` : cell;
}

/** Undoes `neutraliseCell` on a cell read back from CSV text. */
export function restoreCell(text: string): string {
  return text.startsWith("'") && DANGEROUS.test(text) ? text.slice(1) : text;
}

/** Polish spreadsheets read a decimal comma: 1,5 (an integer needs no separator). */
export function polishNumber(n: number): string {
  return Number.isInteger(n) ? String(n) : String(n).replace('.', ',');
}
