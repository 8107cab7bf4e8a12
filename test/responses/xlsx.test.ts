/**
 * The XLSX export read back with ExcelJS (a reader independent of how the file was streamed out): cell types
 * (TERYT codes text with their leading zeros, ratings and counts numbers), the frozen and filtered header, column
 * widths, the labelled variant and the sheets of variables and value labels.
 */
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { recordColumns } from '../../src/questionnaire/record.ts';
import { responsesXlsx, XLSX_SHEETS } from '../../src/responses/xlsx.ts';
import { runCli } from '../helpers/io.ts';
import { shippedQuestionnaire } from '../helpers/questionnaire.ts';
import { completeResponse } from '../helpers/responses.ts';
import { useDataDir } from '../cli/data-dir.ts';

const q = shippedQuestionnaire();
const data = useDataDir();
const columns = recordColumns(q);

function responses() {
  const rural = completeResponse(q, 'rural', 'management', 'X1');
  const county = completeResponse(q, 'county', 'operational', 'X2');
  return [
    { ...rural, data: { ...rural.data, comments: '=SUMA(A1:A9) — nie formuła', n_schools: 7 }, meta: { wave: 'w1', source: 'paper', durationSec: 1234.5 } },
    { ...county, meta: { wave: 'w1', source: 'paper' } },
  ];
}

async function read(bytes: Buffer | string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  if (typeof bytes === 'string') await wb.xlsx.readFile(bytes);
  else await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
}

const cell = (ws: ExcelJS.Worksheet, row: number, column: string) => ws.getRow(row).getCell(columns.indexOf(column) + 1);

describe('XLSX export', () => {
  it('types every cell: codes as text with leading zeros, ratings and counts as numbers, text never a formula', async () => {
    const wb = await read(await responsesXlsx(q, responses(), { date: new Date('2026-03-01T00:00:00Z') }));
    expect(wb.worksheets.map((w) => w.name)).toEqual([XLSX_SHEETS.responses, XLSX_SHEETS.variables, XLSX_SHEETS.values]);
    const ws = wb.getWorksheet(XLSX_SHEETS.responses)!;
    expect(ws.getRow(1).values).toEqual([undefined, ...columns]);
    expect(ws.rowCount).toBe(3);
    expect(cell(ws, 2, 'teryt').value).toBe('0201022');
    expect(cell(ws, 2, 'teryt').type).toBe(ExcelJS.ValueType.String);
    expect(cell(ws, 3, 'teryt').value).toBe('0201000');
    expect(cell(ws, 2, 'voivodeship').value).toBe('02');
    expect(cell(ws, 2, 'PRAWO1_imp').value).toBe(4);
    expect(cell(ws, 2, 'PRAWO1_imp').type).toBe(ExcelJS.ValueType.Number);
    expect(cell(ws, 2, 'n_schools').value).toBe(7);
    expect(cell(ws, 2, 'duration_sec').value).toBe(1234.5);
    expect(cell(ws, 2, 'jst_kind').value).toBe('rural');
    expect(cell(ws, 2, 'comments').value).toBe('=SUMA(A1:A9) — nie formuła');
    expect(cell(ws, 2, 'comments').type).toBe(ExcelJS.ValueType.String);
    expect(cell(ws, 2, 'tasks_budget').value).toBe(1);
    expect(cell(ws, 2, 'ZAWOD1_imp').value).toBeNull(); // not shown to a rural gmina: an empty cell
    // the header frozen, filtered, bold; columns sized to their content
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.autoFilter).toBeDefined();
    expect(ws.getRow(1).font?.bold).toBe(true);
    expect(ws.getColumn(columns.indexOf('jst_kind') + 1).width).toBeGreaterThanOrEqual('city_county'.length);
    expect(ws.getColumn(columns.indexOf('respondent_id') + 1).width).toBeGreaterThanOrEqual(15);
  });

  it('puts Polish labels in the cells of the labelled variant, and the codebook on its own sheets', async () => {
    const wb = await read(await responsesXlsx(q, responses(), { labels: true }));
    const ws = wb.getWorksheet(XLSX_SHEETS.responses)!;
    expect(cell(ws, 2, 'jst_kind').value).toBe('gmina wiejska');
    expect(cell(ws, 3, 'jst_kind').value).toBe('powiat');
    expect(cell(ws, 2, 'teryt').value).toBe('0201022');
    expect(cell(ws, 2, 'PRAWO1_imp').value).toBe(4);
    const vars = wb.getWorksheet(XLSX_SHEETS.variables)!;
    const teryt = vars.getRows(2, vars.rowCount - 1)!.find((r) => r.getCell(1).value === 'teryt');
    expect(teryt?.getCell(2).value).toMatch(/TERYT/);
    const values = wb.getWorksheet(XLSX_SHEETS.values)!;
    const rural = values.getRows(2, values.rowCount - 1)!.find((r) => r.getCell(1).value === 'jst_kind' && r.getCell(2).value === 'rural');
    expect(rural?.getCell(3).value).toBe('gmina wiejska');
    expect(rural?.getCell(4).value).toBe('rural gmina');
  });

  it('is written by diag export --format xlsx and xlsx-labelled beside the codebook', async () => {
    const store = await data.open();
    await store.importResponses({ fileName: 'fixture', sha256: '0'.repeat(64) }, responses());
    await store.close();
    const out = join(data.dir, 'out');
    const run = await runCli(['export', '--out', out, '--format', 'xlsx', '--wave', 'w1']);
    expect(run.code).toBe(0);
    expect(run.out).toContain('responses-w1.xlsx');
    const wb = await read(join(out, 'responses-w1.xlsx'));
    expect(cell(wb.getWorksheet(XLSX_SHEETS.responses)!, 2, 'teryt').value).toBe('0201022');
    expect((await runCli(['export', '--out', out, '--format', 'xlsx-labelled'])).out).toContain('responses-all-labelled.xlsx');
    expect((await runCli(['export', '--format', 'xlsx'])).err).toContain('--format xlsx writes a workbook: give --out DIR');
  });
});
