import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DiagError } from '../../src/errors.ts';
import { readResponsesCsv, writeResponsesCsv } from '../../src/responses/csv.ts';
import { recordColumns, toRecord } from '../../src/questionnaire/record.ts';
import { validateResponse } from '../../src/questionnaire/validate.ts';
import { JST_KINDS } from '../../src/domain/jst.ts';
import { shippedQuestionnaire } from '../helpers/questionnaire.ts';
import { completeResponse } from '../helpers/responses.ts';
import { runCli } from '../helpers/io.ts';

const q = shippedQuestionnaire();
const responses = JST_KINDS.flatMap((kind) => [completeResponse(q, kind, 'management', `${kind}-m`), completeResponse(q, kind, 'operational', `${kind}-o`)]);
responses[0]!.meta = { wave: 'w1', source: 'web', startedAt: '2026-03-02T08:00:00Z', submittedAt: '2026-03-02T08:20:00Z', durationSec: 1200 };

function readError(text: string | Uint8Array): DiagError {
  try {
    readResponsesCsv(q, typeof text === 'string' ? new TextEncoder().encode(text) : text, 'answers.csv');
  } catch (e) {
    expect(e).toBeInstanceOf(DiagError);
    return e as DiagError;
  }
  throw new Error('expected the CSV to be rejected');
}

describe('responses CSV', () => {
  it('round-trips every kind of answer: written, read back, identical and valid', () => {
    const csv = writeResponsesCsv(q, responses);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const back = readResponsesCsv(q, new TextEncoder().encode(csv), 'x.csv');
    expect(back.delimiter).toBe(';');
    expect(back.responses).toEqual(responses);
    for (const r of back.responses) expect(validateResponse(q, r).issues).toEqual([]);
  });

  it('codes a checkbox as 1 for chosen, 0 for shown but not chosen, empty for not shown', () => {
    const rec = toRecord(q, completeResponse(q, 'rural', 'operational'));
    expect(rec.tasks_budget).toBe(1);
    expect(rec.tasks_network).toBe(0);
    expect(rec.tasks_vocational).toBeNull();
    expect(rec.ZAWOD1_imp).toBeNull();
  });

  it('reads Windows-1250 files separated by commas, as older Excel saves them', () => {
    const r = completeResponse(q, 'rural', 'management', 'W1');
    r.data.comments = 'Zażółć gęślą jaźń; "cytat", przecinek';
    const rec = toRecord(q, r);
    const cols = recordColumns(q);
    const quote = (v: unknown) => (v === null ? '' : /[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));
    const text = `${cols.join(',')}\r\n${cols.map((c) => quote(rec[c])).join(',')}\r\n`;
    // Encode as Windows-1250 by hand for the Polish letters used.
    const cp1250: Record<string, number> = { ż: 0xbf, ó: 0xf3, ł: 0xb3, ć: 0xe6, ę: 0xea, ś: 0x9c, ą: 0xb9, ź: 0x9f, ń: 0xf1, Z: 0x5a };
    const bytes = Uint8Array.from([...text].map((ch) => cp1250[ch] ?? ch.charCodeAt(0)));
    const back = readResponsesCsv(q, bytes, 'win.csv');
    expect(back.encoding).toBe('windows-1250');
    expect(back.delimiter).toBe(',');
    expect(back.responses[0]?.data.comments).toBe('Zażółć gęślą jaźń; "cytat", przecinek');
  });

  it('names the row and column of a cell that cannot be read', () => {
    const csv = writeResponsesCsv(q, responses.slice(0, 2)).replace(/^\uFEFF/, '');
    const [header, row1, row2] = csv.split('\n');
    const cols = header!.split(';');
    const cells = row2!.split(';');
    cells[cols.indexOf('DANE1_imp')] = 'cztery';
    cells[cols.indexOf('tasks_budget')] = 'tak';
    const e = readError([header, row1, cells.join(';')].join('\n'));
    expect(e.code).toBe('INPUT_INVALID');
    expect(e.details).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ file: 'answers.csv', row: 3, column: 'DANE1_imp', message: '"cztery" is not a whole number' }),
        expect.objectContaining({ row: 3, column: 'tasks_budget', message: '"tak" is not 0 or 1' }),
      ]),
    );
  });

  it('rejects a header with unknown or duplicate columns, naming them', () => {
    const e = readError('respondent_id;jst_kind;jst_knd;jst_kind\nA;rural;x;rural\n');
    expect(e.details.map((d) => `${d.column}: ${d.message}`)).toEqual(['jst_knd: unknown column: not a codebook variable (see `diag codebook`)', 'jst_kind: duplicate column']);
  });

  it('rejects a row with the wrong number of cells', () => {
    const e = readError('respondent_id;jst_kind\nA;rural;extra\n');
    expect(e.details[0]).toMatchObject({ row: 2, message: 'has 3 cells, the header has 2' });
  });
});

describe('diag validate', () => {
  const dir = mkdtempSync(join(tmpdir(), 'diag-validate-'));

  it('accepts a valid file with exit status 0', async () => {
    const file = join(dir, 'ok.csv');
    writeFileSync(file, writeResponsesCsv(q, responses));
    const r = await runCli(['validate', file]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('10 responses, 10 valid, 0 with issues');
  });

  it('lists every issue with its row, variable, value and expectation, as diag import does, exit status 1', async () => {
    const bad = structuredClone(responses.slice(0, 3));
    (bad[1]!.data.DANE as any).DANE1.imp = 7;
    bad[2]!.id = bad[0]!.id;
    const file = join(dir, 'bad.csv');
    writeFileSync(file, writeResponsesCsv(q, bad));
    const r = await runCli(['validate', file]);
    expect(r.code).toBe(1);
    expect(r.out).toContain(`bad.csv, row 3, DANE1_imp: value "7": expected a rating 1, 2, 3, 4, 5 [invalid_value]`);
    expect(r.out).toContain(`bad.csv, row 4, respondent_id: value "${bad[0]!.id}": expected a respondent id not used before in the file (also on row 2)`);
    expect(r.out).toContain('3 responses, 1 valid, 2 with issues');
  });

  it('validates a JSON file of SurveyJS answers', async () => {
    const file = join(dir, 'answers.json');
    const r0 = structuredClone(responses[3]!);
    r0.data.voivodeship = '99';
    writeFileSync(file, JSON.stringify([responses[0], r0]));
    const r = await runCli(['validate', file, '--format', 'json']);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.out);
    expect(report).toMatchObject({ responses: 2, valid: 1, invalid: 1 });
    expect(report.issues[0]).toMatchObject({ location: 'item 2', variable: 'voivodeship', value: '99', code: 'invalid_value' });
  });

  it('names a missing file', async () => {
    const r = await runCli(['validate', join(dir, 'nope.csv')]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('nope.csv');
  });
});
