/**
 * Exports the stored responses for analysts, as files that open correctly in a Polish Excel (UTF-8 with BOM,
 * `;`, CRLF, decimal comma) and in SPSS:
 * - raw: `<base>.csv` with codes (the flat record format, re-importable with `diag import`), `codebook.csv`
 *   beside it, and `<base>.sps` that reads the CSV into SPSS with Polish labels;
 * - labelled: `<base>-labelled.csv` with Polish value labels instead of codes, and `codebook.csv`;
 * - xlsx / xlsx-labelled: `<base>.xlsx` / `<base>-labelled.xlsx`, typed cells (TERYT codes as text, ratings as
 *   numbers), the variables and value labels on sheets of their own (see xlsx.ts), and `codebook.csv`.
 * Text cells that a spreadsheet would run as a formula are neutralised in the CSV (see csv-safe.ts); numbers never
 * are. `exportTable` writes the raw or labelled CSV alone to a stream (`diag export` without --out).
 *
 * SPSS reads one case per line, so where an open answer holds a line break the syntax reads `<base>-spss.csv`,
 * a copy of the raw CSV with line breaks in text replaced by spaces (the raw CSV keeps them, quoted).
 */
import { createWriteStream, mkdirSync, writeFileSync } from 'node:fs';
import { finished } from 'node:stream/promises';
import { join } from 'node:path';
import Papa from 'papaparse';
import { formatCodebook } from '../questionnaire/codebook-format.ts';
import { plainText } from '../questionnaire/localized.ts';
import { recordColumns, toRecord, type Cell, type FlatRecord } from '../questionnaire/record.ts';
import type { SurveyResponse } from '../questionnaire/response.ts';
import type { SurveyInstrument } from '../questionnaire/types.ts';
import { neutraliseCell, polishNumber } from './csv-safe.ts';
import { spssSyntax } from './spss.ts';
import type { Store } from './store/types.ts';
import { writeResponsesXlsx } from './xlsx.ts';
import { responsesOf } from './waves.ts';

/** The CSV tables (what the dashboard downloads too). */
export type ExportFormat = 'raw' | 'labelled';
/** What `diag export --format` writes: a CSV table with its companions, or a workbook. */
export const EXPORT_FORMATS = ['raw', 'labelled', 'xlsx', 'xlsx-labelled'] as const;
export type ExportFileFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportOptions {
  format: ExportFileFormat;
  wave?: string;
  outDir: string;
}

export interface ExportResult {
  responses: number;
  /** paths of the files written */
  files: string[];
  /** text cells neutralised against formula injection */
  neutralised: number;
}

/** `responses-<wave>` or `responses-all`, safe as a file name. */
export function exportBaseName(wave?: string): string {
  return `responses-${wave === undefined ? 'all' : wave.replace(/[^\p{L}\p{N}_.-]+/gu, '_')}`;
}

export async function exportResponses(q: SurveyInstrument, store: Store, options: ExportOptions): Promise<ExportResult> {
  const responses = await responsesOf(store, q, options.wave, 'export its answers with it');
  mkdirSync(options.outDir, { recursive: true });
  const base = exportBaseName(options.wave);
  const files: string[] = [];
  const write = (name: string, text: string) => {
    const path = join(options.outDir, name);
    writeFileSync(path, text);
    files.push(path);
  };
  let table: CsvTable = { text: '', neutralised: 0 };
  if (options.format === 'xlsx' || options.format === 'xlsx-labelled') {
    const labelled = options.format === 'xlsx-labelled';
    const path = join(options.outDir, `${base}${labelled ? '-labelled' : ''}.xlsx`);
    const out = createWriteStream(path);
    await writeResponsesXlsx(q, responses, out, { labels: labelled });
    await finished(out);
    files.push(path);
  } else if (options.format === 'raw') {
    table = responsesCsv(q, responses, 'raw');
    write(`${base}.csv`, table.text);
    const breaks = responsesCsv(q, responses, 'raw', (t) => t.replace(/\r\n|\r|\n/g, ' '));
    const dataFile = breaks.text === table.text ? `${base}.csv` : `${base}-spss.csv`;
    if (dataFile !== `${base}.csv`) write(dataFile, breaks.text);
    const title = `diag export: ${responses.length} responses${options.wave === undefined ? '' : ` of wave ${options.wave}`}, data file ${dataFile}`;
    write(`${base}.sps`, `\uFEFF${spssSyntax(q, { dataFile, title })}`);
  } else {
    table = responsesCsv(q, responses, 'labelled');
    write(`${base}-labelled.csv`, table.text);
  }
  write('codebook.csv', formatCodebook(q, 'csv'));
  return { responses: responses.length, files, neutralised: table.neutralised };
}

export interface CsvTable {
  text: string;
  neutralised: number;
}

/** The raw or labelled CSV of the stored responses (one wave or all) as text for a stream, e.g. standard output. */
export async function exportTable(q: SurveyInstrument, store: Store, format: ExportFormat, wave?: string): Promise<CsvTable & { responses: number }> {
  const responses = await responsesOf(store, q, wave, 'export its answers with it');
  return { ...responsesCsv(q, responses, format), responses: responses.length };
}

/** The responses as Excel-ready CSV text: BOM, `;`, CRLF, codes or Polish labels. */
export function responsesCsv(q: SurveyInstrument, responses: readonly SurveyResponse[], format: ExportFormat, text: (t: string) => string = (t) => t): CsvTable {
  const columns = recordColumns(q);
  const labels = format === 'labelled' ? valueLabels(q) : null;
  let neutralised = 0;
  const cell = (column: string, value: Cell): string => {
    if (value === null) return '';
    const shown = labels?.get(column)?.get(String(value)) ?? value;
    if (typeof shown === 'number') return polishNumber(shown);
    const safe = neutraliseCell(text(shown));
    if (safe !== shown) neutralised++;
    return String(safe);
  };
  const rows = responses.map((r) => {
    const record: FlatRecord = toRecord(q, r);
    return columns.map((c) => cell(c, record[c] ?? null));
  });
  return { text: `\uFEFF${Papa.unparse({ fields: columns, data: rows }, { delimiter: ';', newline: '\r\n' })}\r\n`, neutralised };
}

/** Polish value labels by variable and code; scale points labelled only by their number keep the number. */
function valueLabels(q: SurveyInstrument): Map<string, Map<string, string>> {
  const out = new Map<string, Map<string, string>>();
  for (const v of q.variables) {
    const entries = (v.values ?? []).filter((x) => plainText(x.label.pl) !== String(x.value)).map((x) => [String(x.value), plainText(x.label.pl)] as const);
    if (entries.length) out.set(v.name, new Map(entries));
  }
  return out;
}
