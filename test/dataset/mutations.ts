/**
 * Ways to spoil (or merely vary) a row of the flat record format, for the differential test of the fast
 * CSV reader: values not allowed, answers the respondent could not see, missing required answers, cells
 * only the reference reader's rules can read (decimal commas, blanks with spaces, signs), and quirks of
 * the CSV text itself (blank lines, rows of the wrong width, stray or unterminated quotes).
 */
import { recordColumns } from '../../src/questionnaire/record.ts';
import type { Questionnaire } from '../../src/questionnaire/types.ts';
import type { Rng } from '../../src/util/rng.ts';

export interface CellMutation {
  name: string;
  /** whether the reference always rejects a row so changed (else: it depends) */
  rejects: boolean;
  apply(rng: Rng, row: string[], at: (column: string) => number): void;
}

export function cellMutations(q: Questionnaire): CellMutation[] {
  const header = recordColumns(q);
  const variable = (name: string) => q.variables.find((v) => v.name === name)!;
  const categorical = q.variables.filter((v) => v.type === 'categorical').map((v) => v.name);
  const ratings = q.variables.filter((v) => v.type === 'scale').map((v) => v.name);
  const dichotomies = q.variables.filter((v) => v.type === 'dichotomy').map((v) => v.name);
  const checkboxes = q.questions.filter((x) => x.type === 'checkbox');
  const choicesOf = (question: string) => dichotomies.filter((d) => variable(d).question === question);
  const set = (row: string[], at: (c: string) => number, column: string, value: string) => {
    row[at(column)] = value;
  };
  const anyCell = (rng: Rng) => header[rng.int(header.length)]!;
  return [
    // values a cell of its type may not hold
    { name: 'categorical value not a choice', rejects: true, apply: (rng, row, at) => set(row, at, rng.pick(categorical), rng.pick(['foo', 'RURAL', 'Rural', '99', 'tak', 'rural_', '1'])) },
    { name: 'categorical value of another question', rejects: false, apply: (rng, row, at) => set(row, at, rng.pick(categorical), rng.pick(q.variables.filter((v) => v.type === 'categorical').flatMap((v) => v.values!.map((x) => String(x.value))))) },
    { name: 'another valid choice (changes what is shown)', rejects: false, apply: (rng, row, at) => { const c = rng.pick(categorical); set(row, at, c, String(rng.pick(variable(c).values!).value)); } },
    { name: 'position of the other staff group', rejects: false, apply: (rng, row, at) => set(row, at, 'position', rng.pick(['head', 'county_board', 'inspector', 'finance', 'other_mgmt', 'other_oper'])) },
    { name: 'rating out of the scale', rejects: true, apply: (rng, row, at) => set(row, at, rng.pick(ratings), rng.pick(['0', '6', '9', '10', '-1', '250', '251', '1000'])) },
    { name: 'rating not a whole number', rejects: true, apply: (rng, row, at) => set(row, at, rng.pick(ratings), rng.pick(['cztery', '3.5', '3,5', '4..0', '4,0,0', 'NaN', 'Infinity', '--4', '4-', '1e400'])) },
    { name: 'rating written unusually', rejects: false, apply: (rng, row, at) => set(row, at, rng.pick(ratings), rng.pick(['4.0', '4,0', ' 4', '4 ', '\t3', '+4', '-0', '0x4', '4e0', '04', '0.4e1', '\u00a05', '5\u00a0', '"3"', '  ', '\u00a0', '\u2003'])) },
    { name: 'rating of an item not shown', rejects: false, apply: (rng, row, at) => set(row, at, rng.pick(['ZAWOD1_imp', 'ZAWOD4_lvl', 'PRZED1_imp', 'PRZED3_lvl', 'STRAT4_imp', 'STRAT5_lvl', 'SIEC3_imp', 'SIEC4_lvl', 'INKL3_imp', 'INKL4_lvl', 'PARTN3_imp']), rng.pick(['1', '3', '5'])) },
    { name: 'ratings of a matrix blanked', rejects: false, apply: (rng, row, at) => { const m = rng.pick(ratings).split('_')[0]!.replace(/\d+$/, ''); for (const r of ratings) if (r.startsWith(m)) set(row, at, r, ''); } },
    { name: 'checkbox cell not 0 or 1', rejects: true, apply: (rng, row, at) => set(row, at, rng.pick(dichotomies), rng.pick(['2', 'x', 'tak', '1.5', '-1', '11', '0,5'])) },
    { name: 'checkbox cell written unusually', rejects: false, apply: (rng, row, at) => set(row, at, rng.pick(dichotomies), rng.pick([' 1', '1 ', '\t0', '  ', '\u00a0', '1.0', '01', '"1"'])) },
    { name: 'checkbox with every choice 0', rejects: true, apply: (rng, row, at) => { for (const d of choicesOf(rng.pick(checkboxes).name)) set(row, at, d, '0'); } },
    { name: 'required checkbox left blank', rejects: true, apply: (rng, row, at) => { for (const d of choicesOf(rng.pick(checkboxes).name)) set(row, at, d, ''); } },
    { name: 'checkbox choices 0 and blank mixed', rejects: false, apply: (rng, row, at) => { for (const d of choicesOf(rng.pick(checkboxes).name)) if (rng.chance(0.5)) set(row, at, d, row[at(d)] === '1' ? '1' : rng.pick(['', '0'])); } },
    { name: '"none" with another choice', rejects: true, apply: (rng, row, at) => { const c = rng.pick(['kc_now', 'kc_lack']); set(row, at, `${c}_none`, '1'); set(row, at, rng.pick(choicesOf(c).filter((d) => !d.endsWith('_none'))), '1'); } },
    { name: '"none" alone', rejects: false, apply: (rng, row, at) => { const c = rng.pick(['kc_now', 'kc_lack']); for (const d of choicesOf(c)) set(row, at, d, d.endsWith('_none') ? '1' : rng.pick(['', '0'])); } },
    { name: 'too many choices', rejects: true, apply: (rng, row, at) => { const c = rng.pick(['train_areas', 'kc_priorities']); for (const d of rng.shuffle(choicesOf(c)).slice(0, 4)) set(row, at, d, '1'); } },
    { name: 'choice not offered', rejects: false, apply: (rng, row, at) => set(row, at, rng.pick(['tasks_vocational', 'tasks_transport', 'train_areas_ZAWOD', 'train_areas_PRZED']), '1') },
    { name: 'choice not offered marked 0', rejects: false, apply: (rng, row, at) => set(row, at, rng.pick(['tasks_vocational', 'tasks_transport', 'train_areas_ZAWOD', 'train_areas_PRZED']), '0') },
    { name: 'TERYT code not valid', rejects: true, apply: (rng, row, at) => set(row, at, 'teryt', rng.pick(['123', '02010111', '0201O22', '9901011', '0200011', '0201004', '0261021', '0299000'])) },
    { name: 'TERYT code of another JST', rejects: false, apply: (rng, row, at) => set(row, at, 'teryt', rng.pick(['0201022', '0202023', '0201011', '0261011', '0201000', '3201011', '1465011', ' 0201022 '])) },
    { name: 'voivodeship changed', rejects: false, apply: (rng, row, at) => set(row, at, 'voivodeship', rng.pick(['02', '04', '32', '14', '99', ' 02'])) },
    { name: 'number written as text', rejects: false, apply: (rng, row, at) => set(row, at, rng.pick(['n_schools', 'n_pupils', 'duration_sec']), rng.pick(['12,5', '12.5', '-1', '2001', '1e3', 'abc', ' 7 ', '', '0', '400001', '3,000', 'Infinity', '0x10', '1 000', '7\u00a0'])) },
    { name: 'required answer left blank', rejects: true, apply: (rng, row, at) => set(row, at, rng.pick(['jst_kind', 'staff_group', 'cuw', 'years_admin', 'teryt', 'voivodeship', 'train_mode', 'position']), '') },
    { name: 'required answer of blanks', rejects: true, apply: (rng, row, at) => set(row, at, rng.pick(['jst_kind', 'staff_group', 'cuw', 'teryt']), rng.pick([' ', '\t', '\u00a0', '\u3000 '])) },
    { name: 'respondent id blank or spaced', rejects: false, apply: (rng, row, at) => set(row, at, 'respondent_id', rng.pick(['', '  ', 'X 1', ' padded ', '"q"', 'Zażółć', '\u00a0id'])) },
    { name: 'source, wave and times', rejects: false, apply: (rng, row, at) => set(row, at, rng.pick(['source', 'wave', 'started_at', 'submitted_at']), rng.pick(['web', '', ' import ', 'unknown', '__proto__', 'constructor', 'toString', 'fala 2', 'x;y'])) },
    { name: 'comment with delimiters, quotes, line breaks', rejects: false, apply: (rng, row, at) => set(row, at, rng.pick(['comments', 'kc_comment']), rng.pick(['a;b', 'a,b\tc', 'line1\nline2', 'line1\r\nline2', 'say "hi"', '""', '  spaced  ', '\u00a0', 'Zażółć gęślą jaźń', '"', 'x'.repeat(2001), 'y'.repeat(4001)])) },
    { name: 'any cell padded with blanks', rejects: false, apply: (rng, row, at) => { const c = anyCell(rng); set(row, at, c, rng.pick([' ', '\t', '  ', '\u00a0']) + row[at(c)] + rng.pick(['', ' ', '\t'])); } },
    { name: 'any cell emptied', rejects: false, apply: (rng, row, at) => set(row, at, anyCell(rng), '') },
  ];
}

export interface TextMutation {
  name: string;
  apply(rng: Rng, text: string, delimiter: string, newline: string): string;
}

/** Changes to the CSV text itself (after the rows are written). */
export const textMutations: TextMutation[] = [
  { name: 'blank lines', apply: (rng, text, d, nl) => insertLine(rng, text, nl, rng.pick(['', '   ', '\t', d.repeat(3), d.repeat(182), `${d}${d} ${d}`, '""', `""${d}""`, '\u00a0'])) },
  { name: 'blank line first', apply: (rng, text, d, nl) => text.replace(/^\uFEFF?/, (bom) => bom + rng.pick(['', '  ', d]) + nl) },
  { name: 'row of the wrong width', apply: (rng, text, d, nl) => { const lines = text.split(nl); const i = 1 + rng.int(Math.max(1, lines.length - 2)); lines[i] = rng.chance(0.5) ? lines[i]!.replace(d, '') : lines[i] + d; return lines.join(nl); } },
  { name: 'unterminated quote', apply: (rng, text, d) => { const at = cellStart(rng, text, d); return text.slice(0, at) + '"' + text.slice(at); } },
  { name: 'stray quote inside a cell', apply: (rng, text, d) => { const at = cellStart(rng, text, d) + 1; return text.slice(0, at) + '"' + text.slice(at); } },
  { name: 'text after a closing quote', apply: (rng, text) => text.replace(/"(?=[;,\t\n])/, rng.pick(['"x', '" ', '"\u00a0'])) },
  { name: 'no final line break', apply: (_, text, __, nl) => (text.endsWith(nl) ? text.slice(0, -nl.length) : text) },
  { name: 'old Mac line endings', apply: (_, text, __, nl) => text.split(nl).join('\r') },
  { name: 'some rows CRLF, some LF', apply: (rng, text, _, nl) => text.split(nl).map((l) => l + (rng.chance(0.3) ? '\r' : '')).join('\n') },
  { name: 'a lone CR inside a cell', apply: (rng, text, d) => { const at = cellStart(rng, text, d) + 1; return text.slice(0, at) + '\r' + text.slice(at); } },
];

function insertLine(rng: Rng, text: string, nl: string, line: string): string {
  const lines = text.split(nl);
  lines.splice(1 + rng.int(lines.length - 1), 0, line);
  return lines.join(nl);
}

/** The offset of a random cell start after the header. */
function cellStart(rng: Rng, text: string, d: string): number {
  const from = text.indexOf('\n') + 1;
  for (let tries = 0; tries < 50; tries++) {
    const at = from + rng.int(Math.max(1, text.length - from));
    const prev = text.lastIndexOf(d, at);
    if (prev >= from) return prev + 1;
  }
  return from;
}
