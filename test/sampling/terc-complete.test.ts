/**
 * The TERC register as people hand it over: fully quoted (R's write.csv2 with its row-name column and NA,
 * LibreOffice's "quote all"), comma-separated, or cut short at a line boundary. The real register of 2022-01-01
 * is rewritten each way and must give the same frame, or be refused with a message that names what is wrong.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { frameFromTerc } from '../../src/sampling/frame.ts';
import { readFrameFile } from '../../src/sampling/frame-file.ts';
import { parseTerc } from '../../src/sampling/terc.ts';
import { catchDiag, TERC_2022_PATH, terc2022Bytes } from './fixtures.ts';

const text = new TextDecoder().decode(terc2022Bytes()).replace(/^\uFEFF/, '');
const lines = text.split('\r\n').filter((l) => l !== '');
const rows = lines.map((l) => l.split(';'));
const original = parseTerc(terc2022Bytes(), TERC_2022_PATH);
const units = frameFromTerc(original);
const dir = mkdtempSync(join(tmpdir(), 'diag-terc-'));

const quote = (f: string) => `"${f.replaceAll('"', '""')}"`;
/** As R writes it: write.csv2(read.csv2(f, colClasses = "character")): row names first, NA for empty, all quoted. */
const rWriteCsv2 = () =>
  [['', ...rows[0]!].map(quote).join(';'), ...rows.slice(1).map((r, i) => [quote(String(i + 1)), ...r.map((f) => (f === '' ? 'NA' : quote(f)))].join(';'))].join('\n') + '\n';
const quoteAll = (sep: string) => lines.map((l) => l.split(';').map(quote).join(sep)).join('\r\n') + '\r\n';

describe('a TERC register however it is quoted and separated', () => {
  it.each([
    ["R's write.csv2 (row names, NA, every text quoted)", rWriteCsv2()],
    ['LibreOffice "quote all", ";"', quoteAll(';')],
    ['comma-separated, every field quoted', quoteAll(',')],
    ['tab-separated', lines.join('\t\n').replaceAll(';', '\t').replaceAll('\t\n', '\n')],
  ])('%s gives the same frame', (_name, content) => {
    const register = parseTerc(Buffer.from(content), 'copy.csv');
    expect(register.summary).toEqual(original.summary);
    expect(frameFromTerc(register)).toEqual(units);
    const path = join(dir, 'copy.csv');
    writeFileSync(path, content);
    const file = readFrameFile(path, 'copy.csv');
    expect(file).toMatchObject({ format: 'terc', name: 'TERC', version: '2022-01-01' });
    expect(file.units).toEqual(units);
  });

  it('names the separator when a comma-separated copy leaves a name with a comma unquoted', () => {
    // NAZWA_DOD of Warszawa: "miasto stołeczne, na prawach powiatu"
    const comma = lines.map((l) => l.replaceAll(';', ',')).join('\n') + '\n';
    const error = catchDiag(() => parseTerc(Buffer.from(comma), 'comma.csv'));
    expect(error.code).toBe('FRAME_INVALID');
    const warszawa = lines.findIndex((l) => l.startsWith('14;65;;;')) + 1;
    const detail = error.details.find((d) => d.row === warszawa);
    expect(detail?.message).toBe('expected 7 fields separated by "," (WOJ,POW,GMI,RODZ,NAZWA,NAZWA_DOD,STAN_NA), got 8 (a name holding "," must be quoted)');
  });

  it('says which separator the header seems to use when it holds no register columns', () => {
    const error = catchDiag(() => parseTerc('WOJ|POW|GMI\n02|01|01\n', 'pipes.csv'));
    expect(error.details[0]?.message).toMatch(/^expected a column WOJ in the header/);
    const commas = catchDiag(() => parseTerc('WOJEWODZTWO,POW,GMI,RODZ,NAZWA\n', 'x.csv'));
    expect(commas.details[0]?.message).toMatch(/the header seems to be separated by ",", but does not hold the register's columns/);
  });

  it('points out codes that lost their leading zero', () => {
    const lost = lines.slice(0, 3).map((l, i) => (i === 2 ? l.replace(/^02;01;/, '2;1;') : l)).join('\n');
    const error = catchDiag(() => parseTerc(lost, 'numbers.csv', { complete: false }));
    expect(error.details.find((d) => d.column === 'WOJ')?.message).toMatch(/got "2" \(a leading zero lost\?/);
  });
});

describe('a register cut short at a line boundary is refused, naming what is missing', () => {
  const cut = (n: number) => [...lines.slice(0, n)].join('\r\n') + '\r\n';

  it('7 of 16 voivodeships', () => {
    const at = lines.findIndex((l) => l.startsWith('18;;;;'));
    const error = catchDiag(() => parseTerc(cut(at), 'cut.csv'));
    expect(error.code).toBe('FRAME_INVALID');
    expect(error.message).toBe(`cut.csv is not the whole TERYT TERC register: 1 part is missing (was the file cut short? it ends at line ${at})`);
    expect(error.details[0]?.message).toBe(
      'expected all 16 voivodeships, found 8: missing 18 podkarpackie, 20 podlaskie, 22 pomorskie, 24 śląskie, 26 świętokrzyskie, 28 warmińsko-mazurskie, 30 wielkopolskie, 32 zachodniopomorskie',
    );
    const seven = lines.findIndex((l) => l.startsWith('16;;;;'));
    expect(catchDiag(() => parseTerc(cut(seven), 'cut.csv')).details[0]?.message).toMatch(/found 7: missing 16 opolskie/);
  });

  it('inside the last voivodeship: its cities with county rights, a county without gminas, an urban-rural gmina without its parts', () => {
    const messages = (n: number) => catchDiag(() => parseTerc(cut(n), 'cut.csv')).details.map((d) => d.message);
    const szczecin = lines.findIndex((l) => l.startsWith('32;62;01;1;'));
    expect(messages(szczecin + 1)).toEqual(['expected at least 21 county-level units in voivodeship 32 zachodniopomorskie (the register of 2022-01-01 has 21; the county level has not changed since 2013), found 20']);
    const firstCity = lines.findIndex((l) => l.startsWith('32;61;;;'));
    expect(messages(firstCity)).toContain('expected at least one city with county rights in voivodeship 32 zachodniopomorskie (every voivodeship has one), found none');
    const countyRow = lines.findIndex((l) => l.startsWith('32;18;;;'));
    expect(messages(countyRow + 1)).toContain(`expected gminas in county 3218 (powiat ${rows[countyRow]![4]}), found none`);
    const urbanRural = lines.findIndex((l) => /^32;\d\d;\d\d;3;/.test(l));
    expect(messages(urbanRural + 1)).toEqual(expect.arrayContaining([expect.stringMatching(/^expected the town \(RODZ 4\) of the urban-rural gmina 32\d{5}/), expect.stringMatching(/^expected the rural area \(RODZ 5\)/)]));
  });

  it('at every line boundary (every 23rd line and each of the last 80)', () => {
    const ends = [...Array.from({ length: Math.floor(lines.length / 23) }, (_, i) => 2 + i * 23), ...Array.from({ length: 80 }, (_, i) => lines.length - 80 + i)];
    for (const n of ends) {
      const error = catchDiag(() => parseTerc(cut(n), 'cut.csv'));
      expect(error.code, `cut after line ${n}`).toBe('FRAME_INVALID');
      // what is missing is named: voivodeships, cities, counties, gminas or parts, or a unit's missing parent row
      expect(error.details.some((d) => /^expected (all 16|at least|counties|gminas|the (town|rural area)|the gmina row|a .* row for)/.test(d.message)), `cut after line ${n}: ${error.describe()}`).toBe(true);
    }
    expect(parseTerc(cut(lines.length), 'whole.csv').summary).toEqual(original.summary);
  });
});
