/**
 * The sampling frame: one row per JST that answers the survey.
 *
 * - every gmina of kind rural, urban_rural or urban, except the cities with county rights;
 * - every city with county rights once, kind `city_county`, under its 7-digit gmina code (WWPP011, PP ≥ 61);
 * - every county (powiat ziemski), kind `county`, under WWPP000 (PP 01–60).
 *
 * ## Frame CSV format
 * UTF-8 (a BOM is accepted on reading, none is written), `;`-separated, a header row, one unit per line, LF
 * (CRLF accepted). Columns are found by name, in any order:
 *
 * | column        | required | content                                                                    |
 * |---------------|----------|----------------------------------------------------------------------------|
 * | `teryt`       | yes      | 7-digit TERYT code (WWPPGGR; a county WWPP000), must pass `checkTeryt`      |
 * | `name`        | yes      | the unit's name, not empty                                                 |
 * | `kind`        | yes      | rural, urban_rural, urban, city_county or county; must agree with `teryt` |
 * | `voivodeship` | no       | 2 digits; if given must equal digits 1–2 of `teryt` (else derived)         |
 * | `county`      | no       | 4 digits; if given must equal digits 1–4 of `teryt` (else derived)         |
 * | `population`  | no       | whole number > 0, plain digits; empty = unknown                            |
 * | `schools`     | no       | whole number ≥ 0 of schools the unit runs; empty = unknown                 |
 * | `pupils`      | no       | whole number ≥ 0 of pupils in them; empty = unknown                        |
 * | `synthetic`   | no       | `true` or `false` (empty = false): the unit is invented demo data          |
 *
 * Other columns are refused (a misspelt `populaton` would otherwise be lost silently). A field holding `;`, `"` or
 * leading/trailing spaces is quoted with `"` (RFC 4180, `""` for a quote); a field may not hold a line break.
 * Each `teryt` appears once. Reading is all-or-nothing: every row is checked and all problems are thrown together
 * as one DiagError('FRAME_INVALID') naming the file, line (`row`, the header is line 1) and column.
 * `writeFrameCsv` writes all nine columns in the order above.
 */
import { checkTeryt, JST_KINDS, type JstKind } from '../domain/jst.ts';
import { DiagError, type ErrorDetail } from '../errors.ts';
import { joinFields, splitFields, splitLines, stripBom } from './delimited.ts';
import type { TercRegister } from './terc.ts';

export interface FrameUnit {
  /** 7-digit TERYT code (see checkTeryt) */
  teryt: string;
  name: string;
  kind: JstKind;
  /** 2 digits */
  voivodeship: string;
  /** 4 digits WWPP */
  county: string;
  population?: number;
  /** schools the unit runs */
  schools?: number;
  /** pupils in the schools the unit runs */
  pupils?: number;
  /** invented demo data, not a real JST */
  synthetic: boolean;
}

export const FRAME_COLUMNS = ['teryt', 'name', 'kind', 'voivodeship', 'county', 'population', 'schools', 'pupils', 'synthetic'] as const;
export type FrameColumn = (typeof FRAME_COLUMNS)[number];
const REQUIRED_COLUMNS: readonly FrameColumn[] = ['teryt', 'name', 'kind'];

/** The frame of a TERC register, ordered by TERYT code. */
export function frameFromTerc(register: TercRegister): FrameUnit[] {
  const units: FrameUnit[] = [];
  for (const c of register.counties) {
    if (c.cityWithCountyRights) continue; // the city enters once, as its gmina
    units.push({ teryt: `${c.code}000`, name: `powiat ${c.name}`, kind: 'county', voivodeship: c.voivodeship, county: c.code, synthetic: false });
  }
  for (const g of register.gminas) {
    units.push({ teryt: g.teryt, name: g.name, kind: g.kind, voivodeship: g.voivodeship, county: g.county, synthetic: false });
  }
  return units.sort((a, b) => compareText(a.teryt, b.teryt));
}

// ---------------------------------------------------------------- strata

export const STRATUM_VARIABLES = ['kind', 'voivodeship'] as const;
export type StratumVariable = (typeof STRATUM_VARIABLES)[number];

export interface StratumCount {
  /** the stratum's values joined by "/" in the order of the variables, e.g. "rural/02"; "all" with no variables */
  key: string;
  values: Partial<Pick<FrameUnit, StratumVariable>>;
  count: number;
}

/** The key of the stratum a unit belongs to (see StratumCount.key). */
export function stratumKey(unit: Pick<FrameUnit, StratumVariable>, strata: readonly StratumVariable[]): string {
  return strata.length === 0 ? 'all' : strata.map((v) => unit[v]).join('/');
}

/** The number of units in each non-empty stratum, ordered by the variables (kinds in JST_KINDS order). */
export function countsByStratum(units: readonly FrameUnit[], strata: readonly StratumVariable[]): StratumCount[] {
  const byKey = new Map<string, StratumCount>();
  for (const u of units) {
    const key = stratumKey(u, strata);
    const seen = byKey.get(key);
    if (seen) seen.count++;
    else byKey.set(key, { key, values: Object.fromEntries(strata.map((v) => [v, u[v]])), count: 1 });
  }
  return [...byKey.values()].sort((a, b) => compareStrata(a.values, b.values, strata));
}

export function compareStrata(
  a: Partial<Pick<FrameUnit, StratumVariable>>,
  b: Partial<Pick<FrameUnit, StratumVariable>>,
  strata: readonly StratumVariable[],
): number {
  for (const v of strata) {
    const c = v === 'kind' ? JST_KINDS.indexOf(a.kind as JstKind) - JST_KINDS.indexOf(b.kind as JstKind) : compareText(a[v] ?? '', b[v] ?? '');
    if (c !== 0) return c;
  }
  return 0;
}

export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

// ---------------------------------------------------------------- CSV

interface CellProblem {
  column: FrameColumn;
  message: string;
}

/** The problems of one unit, as the frame CSV would report them. */
export function checkFrameUnit(u: FrameUnit): CellProblem[] {
  const problems: CellProblem[] = [];
  const check = checkTeryt(u.teryt);
  if (!check.ok) problems.push({ column: 'teryt', message: `expected ${check.expected}, got "${u.teryt}"` });
  if (u.name.trim() === '' || /[\r\n]/.test(u.name)) problems.push({ column: 'name', message: 'expected a name on one line, not empty' });
  if (!JST_KINDS.includes(u.kind)) problems.push({ column: 'kind', message: `expected one of ${JST_KINDS.join(', ')}, got "${u.kind}"` });
  else if (check.ok && check.kind !== u.kind) {
    problems.push({ column: 'kind', message: `expected "${check.kind}" as the TERYT code ${u.teryt} encodes, got "${u.kind}"` });
  }
  if (check.ok && u.voivodeship !== u.teryt.slice(0, 2)) {
    problems.push({ column: 'voivodeship', message: `expected ${u.teryt.slice(0, 2)} (digits 1–2 of ${u.teryt}), got "${u.voivodeship}"` });
  }
  if (check.ok && u.county !== u.teryt.slice(0, 4)) {
    problems.push({ column: 'county', message: `expected ${u.teryt.slice(0, 4)} (digits 1–4 of ${u.teryt}), got "${u.county}"` });
  }
  const counts: [FrameColumn, number | undefined, number][] = [['population', u.population, 1], ['schools', u.schools, 0], ['pupils', u.pupils, 0]];
  for (const [column, value, min] of counts) {
    if (value !== undefined && !(Number.isSafeInteger(value) && value >= min)) {
      problems.push({ column, message: `expected a whole number ≥ ${min}, got ${value}` });
    }
  }
  return problems;
}

/** The frame as CSV text (format in the module comment). Throws FRAME_INVALID if a unit would not read back. */
export function writeFrameCsv(units: readonly FrameUnit[]): string {
  const errors: ErrorDetail[] = [];
  units.forEach((u, i) => {
    for (const p of checkFrameUnit(u)) errors.push({ row: i + 2, column: p.column, message: `unit ${u.teryt}: ${p.message}` });
  });
  if (errors.length > 0) throw new DiagError('FRAME_INVALID', `cannot write the frame: ${errors.length} invalid value(s)`, errors);
  const lines = [joinFields(FRAME_COLUMNS)];
  for (const u of units) {
    const num = (n: number | undefined): string => (n === undefined ? '' : String(n));
    lines.push(joinFields([u.teryt, u.name, u.kind, u.voivodeship, u.county, num(u.population), num(u.schools), num(u.pupils), String(u.synthetic)]));
  }
  return `${lines.join('\n')}\n`;
}

/**
 * The canonical form of a frame's content: its frame CSV (`writeFrameCsv`) with the units in TERYT order, the form
 * the store gives them back in. Two frames with the same units have the same text, whatever their name, file or
 * order; `diag analyze --store` hashes the store's frame this way too.
 */
export function canonicalFrameCsv(units: readonly FrameUnit[]): string {
  return writeFrameCsv([...units].sort((a, b) => compareText(a.teryt, b.teryt)));
}

/** Reads a frame CSV (format in the module comment); all rows valid or a FRAME_INVALID error listing every problem. */
export function readFrameCsv(text: string, fileName: string): FrameUnit[] {
  const errors: ErrorDetail[] = [];
  const fail = (row: number, column: string, message: string): void => void errors.push({ file: fileName, row, column, message });
  const invalid = (): DiagError =>
    new DiagError('FRAME_INVALID', `${fileName} is not a valid sampling frame (${errors.length} problem${errors.length === 1 ? '' : 's'})`, errors);

  const lines = splitLines(stripBom(text)).filter((l) => l.text.trim() !== '');
  const headerLine = lines[0];
  if (!headerLine) {
    fail(1, 'teryt', `expected a header row ${FRAME_COLUMNS.join(';')}, got an empty file`);
    throw invalid();
  }
  const header = splitFields(headerLine.text);
  if (!header.ok) {
    fail(headerLine.line, `field ${header.field}`, `expected ${header.expected}`);
    throw invalid();
  }
  const names = header.fields.map((f) => f.trim().toLowerCase());
  const index = new Map<FrameColumn, number>();
  names.forEach((n, i) => {
    if (!(FRAME_COLUMNS as readonly string[]).includes(n)) fail(headerLine.line, header.fields[i] ?? n, `expected a column among ${FRAME_COLUMNS.join(', ')}`);
    else if (index.has(n as FrameColumn)) fail(headerLine.line, n, 'expected each column once, found it twice');
    else index.set(n as FrameColumn, i);
  });
  for (const c of REQUIRED_COLUMNS) if (!index.has(c)) fail(headerLine.line, c, `expected a column "${c}" in the header`);
  if (errors.length > 0) throw invalid();

  const units: FrameUnit[] = [];
  const seen = new Map<string, number>();
  for (const { line, text: rowText } of lines.slice(1)) {
    const split = splitFields(rowText);
    if (!split.ok) {
      fail(line, `field ${split.field}`, `expected ${split.expected}`);
      continue;
    }
    if (split.fields.length !== names.length) {
      const n = split.fields.length;
      fail(line, n < names.length ? (names[n] ?? '') : `field ${names.length + 1}`, `expected ${names.length} fields separated by ";", got ${n}`);
      continue;
    }
    const cell = (c: FrameColumn): string | undefined => {
      const i = index.get(c);
      return i === undefined ? undefined : (split.fields[i] ?? '').trim();
    };
    const before = errors.length;
    const teryt = cell('teryt') ?? '';
    const count = (c: 'population' | 'schools' | 'pupils'): number | undefined => {
      const v = cell(c);
      if (v === undefined || v === '') return undefined;
      if (!/^\d+$/.test(v) || !Number.isSafeInteger(Number(v))) {
        fail(line, c, `expected a whole number in plain digits (no spaces or separators) or an empty cell, got "${v}"`);
        return undefined;
      }
      return Number(v);
    };
    const syntheticCell = (cell('synthetic') ?? '').toLowerCase();
    if (!['', 'true', 'false'].includes(syntheticCell)) fail(line, 'synthetic', `expected true, false or an empty cell, got "${syntheticCell}"`);
    const unit: FrameUnit = {
      teryt,
      name: cell('name') ?? '',
      kind: (cell('kind') ?? '') as JstKind,
      voivodeship: cell('voivodeship') || teryt.slice(0, 2),
      county: cell('county') || teryt.slice(0, 4),
      synthetic: syntheticCell === 'true',
    };
    const population = count('population');
    const schools = count('schools');
    const pupils = count('pupils');
    if (population !== undefined) unit.population = population;
    if (schools !== undefined) unit.schools = schools;
    if (pupils !== undefined) unit.pupils = pupils;
    for (const p of checkFrameUnit(unit)) fail(line, p.column, p.message);
    const first = seen.get(teryt);
    if (first !== undefined) fail(line, 'teryt', `expected each unit once, but ${teryt} is already on line ${first}`);
    else seen.set(teryt, line);
    if (errors.length === before) units.push(unit);
  }
  if (units.length === 0 && errors.length === 0) fail(headerLine.line + 1, 'teryt', 'expected at least one unit after the header');
  if (errors.length > 0) throw invalid();
  return units;
}
