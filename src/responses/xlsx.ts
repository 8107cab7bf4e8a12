/**
 * The responses as an Excel workbook (.xlsx) with typed cells, so that a spreadsheet keeps what CSV loses: TERYT
 * codes and voivodeship codes are text (`0201011` keeps its leading zero), ratings, counts and 0/1 choices are
 * numbers, open answers are text cells (never formulas, so nothing needs escaping). Written with ExcelJS's streaming
 * writer, row by row.
 *
 * Sheets:
 * - `odpowiedzi` (responses): one row per response, the columns of the flat record format (`diag codebook`),
 *   codes (`labels: false`, re-importable after saving as CSV) or Polish value labels (`labels: true`); the header
 *   row is frozen and filtered, columns are sized to their content;
 * - `zmienne` (variables): name, Polish and English label, type, competence area, measure;
 * - `etykiety` (value labels): variable, code, Polish and English label.
 *
 * `writeResponsesXlsx` writes to any stream (a file, standard output, an HTTP reply); `responsesXlsx` gives the bytes,
 * for the dashboard's download.
 */
import { PassThrough, type Writable } from 'node:stream';
import { plainText } from '../questionnaire/localized.ts';
import { recordColumns, toRecord, type Cell } from '../questionnaire/record.ts';
import type { SurveyResponse } from '../questionnaire/response.ts';
import { SYSTEM_VARIABLES, type SurveyInstrument, type Variable } from '../questionnaire/types.ts';

export interface XlsxOptions {
  /** Polish value labels instead of codes in the responses sheet */
  labels?: boolean;
  /** the workbook's creation date (default now), for reproducible files */
  date?: Date;
}

export const XLSX_SHEETS = { responses: 'odpowiedzi', variables: 'zmienne', values: 'etykiety' } as const;

const NUMERIC = new Set(['scale', 'dichotomy', 'boolean', 'number']);

/** Writes the workbook to `out` and resolves once it is all written. */
export async function writeResponsesXlsx(q: SurveyInstrument, responses: Iterable<SurveyResponse>, out: Writable, options: XlsxOptions = {}): Promise<void> {
  const ExcelJS = (await import('exceljs')).default;
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  workbook.creator = 'diag (jst-diagnoza)';
  workbook.created = options.date ?? new Date();
  workbook.modified = workbook.created;
  const byName = new Map(q.variables.map((v) => [v.name, v]));
  const columns = recordColumns(q);
  const labels = options.labels ? valueLabels(q) : null;

  const sheet = workbook.addWorksheet(XLSX_SHEETS.responses, { views: [{ state: 'frozen', ySplit: 1, xSplit: 1 }] });
  sheet.columns = columns.map((name) => ({ header: name, key: name, width: columnWidth(q, name, byName.get(name), labels) }));
  sheet.getRow(1).font = { bold: true };
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  sheet.getRow(1).commit();
  for (const r of responses) {
    const record = toRecord(q, r);
    const values = columns.map((name) => cellValue(record[name] ?? null, labels?.get(name)));
    sheet.addRow(values).commit();
  }
  sheet.commit();

  const vars = workbook.addWorksheet(XLSX_SHEETS.variables, { views: [{ state: 'frozen', ySplit: 1 }] });
  vars.columns = [
    { header: 'zmienna', key: 'name', width: 24 },
    { header: 'etykieta', key: 'pl', width: 70 },
    { header: 'label', key: 'en', width: 60 },
    { header: 'typ', key: 'type', width: 12 },
    { header: 'obszar', key: 'area', width: 10 },
    { header: 'miara', key: 'measure', width: 12 },
  ];
  vars.getRow(1).font = { bold: true };
  vars.getRow(1).commit();
  for (const name of SYSTEM_VARIABLES) vars.addRow({ name, pl: '', en: '', type: name === 'duration_sec' ? 'number' : 'text', area: '', measure: '' }).commit();
  for (const v of q.variables) vars.addRow({ name: v.name, pl: plainText(v.label.pl), en: plainText(v.label.en), type: v.type, area: v.area ?? '', measure: v.measure ?? '' }).commit();
  vars.commit();

  const vals = workbook.addWorksheet(XLSX_SHEETS.values, { views: [{ state: 'frozen', ySplit: 1 }] });
  vals.columns = [
    { header: 'zmienna', key: 'name', width: 24 },
    { header: 'kod', key: 'code', width: 16 },
    { header: 'etykieta', key: 'pl', width: 60 },
    { header: 'label', key: 'en', width: 50 },
  ];
  vals.getRow(1).font = { bold: true };
  vals.getRow(1).commit();
  for (const v of q.variables) {
    for (const x of v.values ?? []) vals.addRow({ name: v.name, code: x.value, pl: plainText(x.label.pl), en: plainText(x.label.en) }).commit();
  }
  vals.commit();
  await workbook.commit();
}

/** The workbook's bytes (for a download). */
export async function responsesXlsx(q: SurveyInstrument, responses: Iterable<SurveyResponse>, options: XlsxOptions = {}): Promise<Buffer> {
  const sink = new PassThrough();
  const parts: Buffer[] = [];
  sink.on('data', (b: Buffer) => parts.push(b));
  const done = new Promise<void>((resolve, reject) => {
    sink.on('end', resolve);
    sink.on('error', reject);
  });
  await writeResponsesXlsx(q, responses, sink, options);
  await done;
  return Buffer.concat(parts);
}

/** A cell as its type: numbers stay numbers, codes and text stay text, a label replaces its code. */
function cellValue(cell: Cell, labels: Map<string, string> | undefined): string | number | null {
  if (cell === null) return null;
  if (labels) {
    const label = labels.get(String(cell));
    if (label !== undefined) return label;
  }
  return cell;
}

/** Polish value labels by variable and code, where a label says more than the code. */
function valueLabels(q: SurveyInstrument): Map<string, Map<string, string>> {
  const out = new Map<string, Map<string, string>>();
  for (const v of q.variables) {
    const entries = (v.values ?? []).filter((x) => plainText(x.label.pl) !== String(x.value)).map((x) => [String(x.value), plainText(x.label.pl)] as const);
    if (entries.length) out.set(v.name, new Map(entries));
  }
  return out;
}

/** A column wide enough for its header and its usual content (in characters), at most 60. */
function columnWidth(q: SurveyInstrument, name: string, v: Variable | undefined, labels: Map<string, Map<string, string>> | null): number {
  const header = name.length + 2;
  if (!v) return Math.max(header, name.endsWith('_at') ? 22 : name === 'respondent_id' ? 16 : 10);
  if (NUMERIC.has(v.type)) return Math.max(header, 6);
  if (v.type === 'text') {
    const maxLength = q.questions.find((x) => x.name === v.question)?.maxLength;
    return Math.min(60, Math.max(header, maxLength ? maxLength + 2 : 40));
  }
  const shown = (v.values ?? []).map((x) => (labels?.get(v.name)?.get(String(x.value)) ?? String(x.value)).length);
  return Math.min(60, Math.max(header, ...shown.map((n) => n + 2)));
}
