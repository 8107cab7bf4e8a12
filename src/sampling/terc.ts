/**
 * The official GUS TERYT TERC register (territorial division: voivodeships, counties, gminas) read into typed
 * records.
 *
 * The file is `;`-separated with the header `WOJ;POW;GMI;RODZ;NAZWA;NAZWA_DOD;STAN_NA` (columns are found by name,
 * extra columns are ignored), UTF-8 with or without a BOM or Windows-1250, CRLF or LF. One row per unit:
 * - voivodeship: WOJ only;
 * - county (powiat): WOJ + POW; POW ≥ 61 is a city with county rights (miasto na prawach powiatu);
 * - gmina: WOJ + POW + GMI + RODZ with RODZ 1 urban, 2 rural, 3 urban-rural; the gmina of a POW ≥ 61 county is
 *   the city with county rights itself (kind `city_county`);
 * - RODZ 4 / 5 (town and rural area of an urban-rural gmina) and 8 / 9 (city districts of Warszawa / delegations of
 *   Kraków, Łódź, Poznań, Wrocław) are not separate JSTs: they are checked, counted in the summary, and dropped.
 * STAN_NA is the register date and must be the same on every row.
 *
 * Separator and quoting: the register's own `;`, or `,` or tab (found from the header: the one that splits it into
 * the register's columns, and named in messages when it is not `;`). Any field may be quoted (`"02";"";…`, as R's
 * `write.csv2` and LibreOffice's "quote all" write), and `NA` in an empty code or NAZWA_DOD field (R's missing) is
 * read as empty. A name holding the separator must be quoted.
 *
 * Completeness: a register is the whole country or it is refused, naming what is missing — all 16 voivodeships,
 * each with counties and at least one city with county rights, each county with gminas, each urban-rural gmina
 * with its town (RODZ 4) and rural area (RODZ 5), and from 2013 (the last change at county level) at least as
 * many county-level units per voivodeship as the register of 2022-01-01 (`TERYT_COUNTS`). A copy cut at any line
 * boundary fails one of these (test/sampling/terc-complete.test.ts cuts the real register everywhere).
 *
 * Every problem is reported, all at once, as one DiagError('FRAME_INVALID') whose details give the file, the line
 * (`row`, counted from 1 with the header on line 1), the column and what was expected.
 */
import { readFile } from 'node:fs/promises';
import { checkTeryt, VOIVODESHIPS, type JstKind } from '../domain/jst.ts';
import { DiagError, type ErrorDetail } from '../errors.ts';
import { decodeText, splitFields, splitLines, stripBom, type TextEncodingName } from './delimited.ts';
import { completeness } from './terc-complete.ts';

export const TERC_COLUMNS = ['WOJ', 'POW', 'GMI', 'RODZ', 'NAZWA', 'NAZWA_DOD', 'STAN_NA'] as const;
export type TercColumn = (typeof TERC_COLUMNS)[number];

/** County numbers from 61 up are cities with county rights. */
export const FIRST_CITY_COUNTY_NUMBER = 61;

/** The kind of a gmina; a city with county rights is a gmina too (its own county's only gmina). */
export type GminaKind = Exclude<JstKind, 'county'>;

export interface TercVoivodeship {
  /** 2 digits, e.g. "14" */
  code: string;
  /** as in the register (upper case there, e.g. "MAZOWIECKIE") */
  name: string;
}

export interface TercCounty {
  /** 4 digits WWPP, e.g. "1465" */
  code: string;
  /** as in the register: the adjective for a county ("bolesławiecki"), the city for a city with county rights */
  name: string;
  voivodeship: string;
  cityWithCountyRights: boolean;
}

export interface TercGmina {
  /** 7 digits WWPPGGR, e.g. "1465011" */
  teryt: string;
  name: string;
  kind: GminaKind;
  /** the register's RODZ digit: 1 urban, 2 rural, 3 urban-rural */
  rodz: 1 | 2 | 3;
  voivodeship: string;
  /** 4 digits WWPP */
  county: string;
}

export interface TercSummary {
  /** data lines read (after the header, blank lines not counted) */
  lines: number;
  voivodeships: number;
  /** all county-level units, cities with county rights included */
  counties: number;
  citiesWithCountyRights: number;
  /** gminas by RODZ; `urban` includes the cities with county rights */
  gminas: { total: number; urban: number; rural: number; urbanRural: number };
  /** rows that are not JSTs, counted and dropped */
  ignored: { townParts: number; ruralAreas: number; cityDistricts: number; delegations: number };
}

export interface TercRegister {
  fileName: string;
  /** STAN_NA, YYYY-MM-DD */
  date: string;
  encoding: TextEncodingName;
  /** the field separator found: ";" (the register's own), "," or tab */
  separator: string;
  voivodeships: TercVoivodeship[];
  counties: TercCounty[];
  gminas: TercGmina[];
  summary: TercSummary;
}

const GMINA_KIND_BY_RODZ: Record<'1' | '2' | '3', GminaKind> = { '1': 'urban', '2': 'rural', '3': 'urban_rural' };
const IGNORED_RODZ = { '4': 'townParts', '5': 'ruralAreas', '8': 'cityDistricts', '9': 'delegations' } as const;

export type IgnoredRodz = keyof typeof IGNORED_RODZ;

export interface Located<T> {
  line: number;
  value: T;
}

export interface TercOptions {
  /** check that the register is the whole country (default true; false for partial test registers) */
  complete?: boolean;
}

/** The separators a register may use, the register's own first. */
const SEPARATORS = [';', ',', '\t'] as const;

/** How a separator is named in messages. */
export function separatorName(separator: string): string {
  return separator === '\t' ? 'tab' : `"${separator}"`;
}

/** The separator that splits a header line into fields holding every TERC column, or null. */
export function tercSeparator(headerLine: string): string | null {
  for (const sep of SEPARATORS) {
    const split = splitFields(headerLine, sep);
    if (!split.ok) continue;
    const names = split.fields.map((f) => f.trim().toUpperCase());
    if (TERC_COLUMNS.every((c) => names.includes(c))) return sep;
  }
  return null;
}

/** The separator most used in a line (outside quotes), for a message when none gives the columns. */
function likelySeparator(line: string): string {
  let best: string = ';';
  let most = -1;
  for (const sep of SEPARATORS) {
    const n = line.replace(/"[^"]*"/g, '').split(sep).length - 1;
    if (n > most) {
      most = n;
      best = sep;
    }
  }
  return best;
}

/** Reads and parses a TERC file from disk (see `parseTerc`). */
export async function readTercFile(path: string, options: TercOptions = {}): Promise<TercRegister> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (e) {
    throw new DiagError('INPUT_NOT_FOUND', `cannot read the TERC register ${path}`, [
      { file: path, message: (e as Error).message },
    ]);
  }
  return parseTerc(bytes, path, options);
}

/** Parses a TERC register given as bytes (encoding detected) or as already decoded text. */
export function parseTerc(input: Uint8Array | string, fileName: string, options: TercOptions = {}): TercRegister {
  let text: string;
  let encoding: TextEncodingName = 'utf-8';
  if (typeof input === 'string') {
    text = stripBom(input);
  } else {
    const decoded = decodeText(input);
    if (!decoded.ok) throw invalid(fileName, [{ file: fileName, row: 1, message: `expected ${decoded.expected}` }]);
    text = decoded.decoded.text;
    encoding = decoded.decoded.encoding;
  }
  const lines = splitLines(text);
  const errors: ErrorDetail[] = [];
  const fail = (row: number, column: string | undefined, message: string): void => {
    errors.push(column === undefined ? { file: fileName, row, message } : { file: fileName, row, column, message });
  };

  // ---- header
  const headerLine = lines[0];
  const expectedHeader = TERC_COLUMNS.join(';');
  if (!headerLine || headerLine.text.trim() === '') {
    fail(1, undefined, `expected the header ${expectedHeader}, got an empty file`);
    throw invalid(fileName, errors);
  }
  const found = tercSeparator(headerLine.text);
  const sep = found ?? ';';
  const sepName = separatorName(sep);
  const header = splitFields(headerLine.text, sep);
  if (!header.ok) {
    fail(1, `field ${header.field}`, `expected ${header.expected} in the header ${expectedHeader}`);
    throw invalid(fileName, errors);
  }
  const names = header.fields.map((f) => f.trim().toUpperCase());
  const index = {} as Record<TercColumn, number>;
  const likely = found ? null : likelySeparator(headerLine.text);
  const seenAs = likely && likely !== ';' ? ` (the header seems to be separated by ${separatorName(likely)}, but does not hold the register's columns either way)` : '';
  for (const column of TERC_COLUMNS) {
    const at = names.indexOf(column);
    if (at < 0) fail(1, column, `expected a column ${column} in the header ${expectedHeader}, got ${header.fields.join(sep)}${seenAs}`);
    else if (names.indexOf(column, at + 1) >= 0) fail(1, column, `expected the column ${column} once in the header, found it twice`);
    else index[column] = at;
  }
  if (errors.length > 0) throw invalid(fileName, errors);

  // ---- rows
  const voivodeships = new Map<string, Located<TercVoivodeship>>();
  const counties = new Map<string, Located<TercCounty>>();
  const gminas = new Map<string, Located<TercGmina>>();
  const parts = new Map<string, Located<IgnoredRodz>>();
  const ignored = { townParts: 0, ruralAreas: 0, cityDistricts: 0, delegations: 0 };
  let date: Located<string> | undefined;
  let dataLines = 0;

  for (const { line, text: rowText } of lines.slice(1)) {
    if (rowText.trim() === '') continue;
    dataLines++;
    const split = splitFields(rowText, sep);
    if (!split.ok) {
      fail(line, `field ${split.field}`, `expected ${split.expected}`);
      continue;
    }
    if (split.fields.length !== names.length) {
      const n = split.fields.length;
      const column = n < names.length ? (header.fields[n] ?? `field ${n + 1}`).trim() : `field ${names.length + 1}`;
      const hint = n > names.length && sep !== ';' ? ` (a name holding ${sepName} must be quoted)` : '';
      fail(line, column, `expected ${names.length} fields separated by ${sepName} (${header.fields.join(sep)}), got ${n}${hint}`);
      continue;
    }
    // R writes a missing value as NA: in a code field or NAZWA_DOD it is an empty field
    const get = (c: TercColumn): string => {
      const v = (split.fields[index[c]] ?? '').trim();
      return v === 'NA' && c !== 'NAZWA' && c !== 'STAN_NA' && c !== 'WOJ' ? '' : v;
    };
    const [woj, pow, gmi, rodz, name, stanNa] = [get('WOJ'), get('POW'), get('GMI'), get('RODZ'), get('NAZWA'), get('STAN_NA')];
    const before = errors.length;

    const zeros = (v: string) => (/^\d$/.test(v) ? ' (a leading zero lost? the codes were read as numbers by a spreadsheet or R: keep them as text)' : '');
    if (!/^\d{2}$/.test(woj)) fail(line, 'WOJ', `expected a 2-digit voivodeship code, got "${woj}"${zeros(woj)}`);
    else if (!(woj in VOIVODESHIPS)) fail(line, 'WOJ', `expected a voivodeship code 02, 04, …, 32, got "${woj}"`);
    if (pow !== '' && !/^\d{2}$/.test(pow)) fail(line, 'POW', `expected a 2-digit county number or nothing, got "${pow}"${zeros(pow)}`);
    else if (pow === '00') fail(line, 'POW', 'expected a county number 01–99, got "00"');
    if (gmi !== '' && !/^\d{2}$/.test(gmi)) fail(line, 'GMI', `expected a 2-digit gmina number or nothing, got "${gmi}"${zeros(gmi)}`);
    else if (gmi === '00') fail(line, 'GMI', 'expected a gmina number 01–99, got "00"');
    if (rodz !== '' && !['1', '2', '3', '4', '5', '8', '9'].includes(rodz)) {
      fail(line, 'RODZ', `expected a unit kind 1, 2, 3, 4, 5, 8 or 9, got "${rodz}"`);
    }
    if (pow === '' && gmi !== '') fail(line, 'POW', `expected a county number on a gmina row (GMI "${gmi}")`);
    if (gmi === '' && rodz !== '') fail(line, 'GMI', `expected a gmina number on a row with RODZ "${rodz}"`);
    if (gmi !== '' && rodz === '') fail(line, 'RODZ', 'expected a unit kind 1, 2, 3, 4, 5, 8 or 9 on a gmina row');
    if (name === '') fail(line, 'NAZWA', 'expected a name');
    if (!isIsoDate(stanNa)) fail(line, 'STAN_NA', `expected the register date as YYYY-MM-DD, got "${stanNa}"`);
    else if (date === undefined) date = { line, value: stanNa };
    else if (date.value !== stanNa) {
      fail(line, 'STAN_NA', `expected the same register date on every row, ${date.value} as on line ${date.line}, got ${stanNa}`);
    }
    if (errors.length > before) continue;

    const cityCounty = pow !== '' && Number(pow) >= FIRST_CITY_COUNTY_NUMBER;
    if (pow === '') {
      addUnique(voivodeships, woj, { line, value: { code: woj, name } }, 'WOJ', `voivodeship ${woj}`);
    } else if (gmi === '') {
      const code = woj + pow;
      addUnique(counties, code, { line, value: { code, name, voivodeship: woj, cityWithCountyRights: cityCounty } }, 'POW', `county ${code}`);
    } else if (rodz === '1' || rodz === '2' || rodz === '3') {
      const teryt = woj + pow + gmi + rodz;
      const check = checkTeryt(teryt);
      if (!check.ok) {
        fail(line, cityCounty ? 'GMI' : 'RODZ', `expected ${check.expected} (code ${teryt})`);
        continue;
      }
      const gmina: TercGmina = {
        teryt,
        name,
        kind: cityCounty ? 'city_county' : GMINA_KIND_BY_RODZ[rodz],
        rodz: Number(rodz) as 1 | 2 | 3,
        voivodeship: woj,
        county: woj + pow,
      };
      addUnique(gminas, teryt, { line, value: gmina }, 'GMI', `gmina ${teryt}`);
    } else {
      const r = rodz as IgnoredRodz;
      ignored[IGNORED_RODZ[r]]++;
      addUnique(parts, woj + pow + gmi + rodz, { line, value: r }, 'GMI', `unit ${woj + pow + gmi + rodz}`);
    }
  }

  function addUnique<T>(map: Map<string, Located<T>>, key: string, item: Located<T>, column: string, what: string): void {
    const seen = map.get(key);
    if (seen) fail(item.line, column, `expected each code once, but ${what} is already on line ${seen.line}`);
    else map.set(key, item);
  }

  // ---- the hierarchy: every unit's parents must be in the register
  const needVoivodeship = (line: number, woj: string, what: string): void => {
    if (!voivodeships.has(woj)) fail(line, 'WOJ', `expected a voivodeship row for ${woj} (the parent of ${what}), found none`);
  };
  const needCounty = (line: number, county: string, what: string): void => {
    if (!counties.has(county)) fail(line, 'POW', `expected a county row for ${county} (the parent of ${what}), found none`);
  };
  for (const { line, value: c } of counties.values()) needVoivodeship(line, c.voivodeship, `county ${c.code}`);
  for (const { line, value: g } of gminas.values()) {
    needVoivodeship(line, g.voivodeship, `gmina ${g.teryt}`);
    needCounty(line, g.county, `gmina ${g.teryt}`);
  }
  for (const [code, { line, value: r }] of parts) {
    needCounty(line, code.slice(0, 4), `unit ${code}`);
    const parent = r === '4' || r === '5' ? `${code.slice(0, 6)}3` : `${code.slice(0, 4)}011`;
    if (!gminas.has(parent)) {
      const kind = r === '4' || r === '5' ? 'urban-rural gmina' : 'city with county rights';
      fail(line, 'GMI', `expected the ${kind} ${parent} that unit ${code} (RODZ ${r}) belongs to, found none`);
    }
  }
  for (const { line, value: c } of counties.values()) {
    if (c.cityWithCountyRights && !gminas.has(`${c.code}011`)) {
      fail(line, 'POW', `expected the gmina row ${c.code}011 of the city with county rights ${c.code}, found none`);
    }
  }
  if (dataLines === 0) fail(2, undefined, 'expected at least one data row after the header');
  const lastLine = lines[lines.length - 1]?.line ?? 1;
  const missing = options.complete === false || dataLines === 0 ? [] : completeness(voivodeships, counties, gminas, parts, date?.value ?? '');
  const missingDetails = missing.map((message) => ({ file: fileName, row: lastLine, message }));
  if (errors.length > 0) throw invalid(fileName, [...errors, ...missingDetails]);
  if (missing.length > 0) {
    throw new DiagError(
      'FRAME_INVALID',
      `${fileName} is not the whole TERYT TERC register: ${missing.length} part${missing.length === 1 ? ' is' : 's are'} missing (was the file cut short? it ends at line ${lastLine})`,
      missingDetails,
    );
  }

  const gminaList = sortedValues(gminas, (g) => g.teryt);
  const countyList = sortedValues(counties, (c) => c.code);
  return {
    fileName,
    date: date?.value ?? '',
    encoding,
    separator: sep,
    voivodeships: sortedValues(voivodeships, (v) => v.code),
    counties: countyList,
    gminas: gminaList,
    summary: {
      lines: dataLines,
      voivodeships: voivodeships.size,
      counties: countyList.length,
      citiesWithCountyRights: countyList.filter((c) => c.cityWithCountyRights).length,
      gminas: {
        total: gminaList.length,
        urban: gminaList.filter((g) => g.rodz === 1).length,
        rural: gminaList.filter((g) => g.rodz === 2).length,
        urbanRural: gminaList.filter((g) => g.rodz === 3).length,
      },
      ignored,
    },
  };
}

function sortedValues<T>(map: Map<string, Located<T>>, key: (t: T) => string): T[] {
  return [...map.values()].map((l) => l.value).sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

function isIsoDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

function invalid(fileName: string, details: ErrorDetail[]): DiagError {
  const n = details.length;
  return new DiagError('FRAME_INVALID', `${fileName} is not a valid TERYT TERC register (${n} problem${n === 1 ? '' : 's'})`, details);
}
