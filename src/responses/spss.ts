/**
 * SPSS syntax that reads the raw export: GET DATA for the `;`-separated UTF-8 CSV (decimal comma), then the
 * codebook as VARIABLE LABELS, VALUE LABELS, VARIABLE LEVEL and MISSING VALUES, in Polish.
 *
 * The decimal comma: `SET DECIMAL=COMMA` between PRESERVE and RESTORE, with an EXECUTE before RESTORE. SPSS and PSPP
 * read a GET DATA file lazily, at the next procedure or EXECUTE; a RESTORE right after GET DATA would put the
 * user's decimal point back before a single case is read, and `1234,5` would become missing (checked with PSPP
 * in test/responses/spss-pspp.test.ts).
 *
 * "Don't know" answers (code `dont_know`) are user-missing. SPSS keeps user-missing values of string variables
 * to 8 bytes, which `dont_know` exceeds, so each such categorical variable also gets a numeric version
 * `<name>_n` (codes 1…k in the order of the choices, don't know = 9 or 99) with its labels and MISSING VALUES.
 *
 * Strings are quoted with apostrophes (an apostrophe inside is doubled) and split into pieces joined by `+` so that
 * no syntax line is long; labels are cut to SPSS's limits (variable labels 255 bytes, value labels 120 bytes).
 */
import { plainText } from '../questionnaire/localized.ts';
import { SYSTEM_VARIABLES, type SurveyInstrument, type Variable } from '../questionnaire/types.ts';

export const MISSING_CODES = ['dont_know'];

export interface SpssOptions {
  /** the data file, as the syntax names it (relative to SPSS's working folder) */
  dataFile: string;
  /** a comment line about what was exported */
  title: string;
}

const SYSTEM_FORMATS: Record<(typeof SYSTEM_VARIABLES)[number], string> = {
  respondent_id: 'A64',
  wave: 'A64',
  source: 'A32',
  started_at: 'A32',
  submitted_at: 'A32',
  duration_sec: 'F10.1',
};

const SYSTEM_LABELS: Record<(typeof SYSTEM_VARIABLES)[number], string> = {
  respondent_id: 'identyfikator respondenta',
  wave: 'fala badania',
  source: 'źródło odpowiedzi',
  started_at: 'początek wypełniania (ISO 8601, UTC)',
  submitted_at: 'wysłanie odpowiedzi (ISO 8601, UTC)',
  duration_sec: 'czas wypełniania w sekundach',
};

/** Cuts text to at most `bytes` UTF-8 bytes at a character boundary, marking a cut with "…". */
export function cutBytes(text: string, bytes: number): string {
  if (Buffer.byteLength(text) <= bytes) return text;
  let out = '';
  for (const ch of text) {
    if (Buffer.byteLength(out + ch + '…') > bytes) break;
    out += ch;
  }
  return `${out}…`;
}

/** An SPSS string literal: apostrophes doubled, long text split into `'…' + '…'` pieces of ≤ 60 characters. */
export function spssString(text: string): string {
  const clean = text.replace(/[\r\n\t]+/g, ' ');
  const pieces: string[] = [];
  const chars = [...clean];
  for (let i = 0; i < chars.length || pieces.length === 0; i += 60) pieces.push(`'${chars.slice(i, i + 60).join('').replaceAll("'", "''")}'`);
  return pieces.join('\n    + ');
}

function format(q: SurveyInstrument, v: Variable): string {
  switch (v.type) {
    case 'categorical':
      return `A${Math.max(1, ...(v.values ?? []).map((x) => Buffer.byteLength(String(x.value))))}`;
    case 'scale':
      return `F${String(Math.max(...(v.values ?? []).map((x) => Number(x.value)), 9)).length}.0`;
    case 'dichotomy':
    case 'boolean':
      return 'F1.0';
    case 'number':
      return `F${Math.max(String(v.max ?? 99999999).length, 3) + 3}.2`;
    case 'text': {
      const maxLength = q.questions.find((x) => x.name === v.question)?.maxLength;
      return `A${maxLength ? Math.min(32767, maxLength * 3) : 1000}`;
    }
  }
}

function level(v: Variable): 'NOMINAL' | 'ORDINAL' | 'SCALE' {
  return v.type === 'scale' ? 'ORDINAL' : v.type === 'number' ? 'SCALE' : 'NOMINAL';
}

const label = (text: string) => spssString(cutBytes(plainText(text), 255));
const valueLabel = (text: string) => spssString(cutBytes(plainText(text), 120));
const spssValue = (v: Variable, value: string | number) => (v.type === 'categorical' ? spssString(String(value)) : String(value));

export function spssSyntax(q: SurveyInstrument, options: SpssOptions): string {
  const lines: string[] = [
    '* Encoding: UTF-8.',
    `* ${options.title.replace(/[\r\n]+/g, ' ')}.`,
    `* Questionnaire ${q.file.split(/[\\/]/).pop()}, version ${q.version}, SHA-256 ${q.hash.slice(0, 16)}.`,
    '* Run from the folder that holds the data file, or give its full path in /FILE below.',
    'PRESERVE.',
    'SET DECIMAL=COMMA.',
    'GET DATA',
    '  /TYPE=TXT',
    `  /FILE=${spssString(options.dataFile)}`,
    "  /ENCODING='UTF8'",
    '  /ARRANGEMENT=DELIMITED',
    '  /DELCASE=LINE',
    '  /FIRSTCASE=2',
    "  /DELIMITERS=';'",
    `  /QUALIFIER='"'`,
    '  /VARIABLES=',
    ...SYSTEM_VARIABLES.map((name) => `    ${name} ${SYSTEM_FORMATS[name]}`),
    ...q.variables.map((v) => `    ${v.name} ${format(q, v)}`),
    '.',
    // PSPP and SPSS read the data lazily, at the next procedure or EXECUTE: the decimal comma must still be set
    // then, so the data are read here and only then is the user's setting restored.
    'EXECUTE.',
    'RESTORE.',
    'DATASET NAME diag WINDOW=FRONT.',
    '',
    'VARIABLE LABELS',
    ...SYSTEM_VARIABLES.map((name, i) => `  ${i ? '/' : ''}${name} ${label(SYSTEM_LABELS[name])}`),
    ...q.variables.map((v) => `  /${v.name} ${label(v.label.pl)}`),
    '.',
    '',
    'VALUE LABELS',
  ];
  const labelled = q.variables.filter((v) => (v.values ?? []).some((x) => plainText(x.label.pl) !== String(x.value)));
  labelled.forEach((v, i) => {
    lines.push(`  ${i ? '/' : ''}${v.name}`);
    for (const x of v.values ?? []) lines.push(`    ${spssValue(v, x.value)} ${valueLabel(x.label.pl)}`);
  });
  lines.push('.', '');
  for (const kind of ['NOMINAL', 'ORDINAL', 'SCALE'] as const) {
    const names = q.variables.filter((v) => level(v) === kind).map((v) => v.name);
    if (names.length) lines.push(`VARIABLE LEVEL ${wrap(names)} (${kind}).`);
  }
  lines.push(...missingValues(q), 'EXECUTE.', '');
  return lines.join('\n').replace(/\n/g, '\r\n');
}

/** Numeric versions of the categorical variables that have a "don't know" code, with that code user-missing. */
function missingValues(q: SurveyInstrument): string[] {
  const names = new Set(q.variables.map((v) => v.name));
  const out: string[] = [];
  for (const v of q.variables) {
    const values = v.values ?? [];
    if (v.type !== 'categorical' || !values.some((x) => MISSING_CODES.includes(String(x.value)))) continue;
    const target = `${v.name}_n`;
    if (names.has(target)) continue;
    const missing = values.length < 9 ? 9 : 99;
    let code = 0;
    const codes = values.map((x) => ({ x, code: MISSING_CODES.includes(String(x.value)) ? missing : ++code }));
    out.push(
      '',
      `* ${v.name}: numeric version with "${values.find((x) => MISSING_CODES.includes(String(x.value)))?.label.pl ?? 'nie wiem'}" user-missing.`,
      `RECODE ${v.name} ${codes.map(({ x, code: c }) => `(${spssString(String(x.value))}=${c})`).join(' ')} INTO ${target}.`,
      `FORMATS ${target} (F${String(missing).length}.0).`,
      `VARIABLE LABELS ${target} ${label(v.label.pl)}.`,
      `VALUE LABELS ${target} ${codes.map(({ x, code: c }) => `${c} ${valueLabel(x.label.pl)}`).join(' ')}.`,
      `MISSING VALUES ${target} (${missing}).`,
      `VARIABLE LEVEL ${target} (NOMINAL).`,
    );
  }
  return out;
}

/** A list of names over several lines. */
function wrap(names: string[]): string {
  const lines: string[] = [];
  for (let i = 0; i < names.length; i += 8) lines.push(names.slice(i, i + 8).join(' '));
  return lines.join('\n  ');
}
