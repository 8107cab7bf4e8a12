import { describe, expect, it } from 'vitest';
import { checkTeryt } from '../../src/domain/jst.ts';
import { frameFromTerc } from '../../src/sampling/frame.ts';
import { parseTerc, readTercFile } from '../../src/sampling/terc.ts';
import {
  catchDiag,
  CP1250_POLISH,
  detailAt,
  encodeCp1250,
  smallTerc,
  SMALL_TERC_LINES,
  TERC_2022_PATH,
  terc2022Bytes,
  withLine,
} from './fixtures.ts';

/** The small register is a few units of three voivodeships: read without the completeness check. */
const PARTIAL = { complete: false };

describe('the real TERC register, state 2022-01-01', () => {
  const register = parseTerc(terc2022Bytes(), TERC_2022_PATH);

  it('reads the same from disk with readTercFile', async () => {
    expect(await readTercFile(TERC_2022_PATH)).toEqual(register);
  });

  it.each([
    ['voivodeships', register.summary.voivodeships, 16],
    ['county-level units', register.summary.counties, 380],
    ['cities with county rights', register.summary.citiesWithCountyRights, 66],
    ['gminas', register.summary.gminas.total, 2477],
    ['urban gminas (cities with county rights included)', register.summary.gminas.urban, 302],
    ['rural gminas', register.summary.gminas.rural, 1513],
    ['urban-rural gminas', register.summary.gminas.urbanRural, 662],
    ['towns of urban-rural gminas (RODZ 4, dropped)', register.summary.ignored.townParts, 662],
    ['rural areas of urban-rural gminas (RODZ 5, dropped)', register.summary.ignored.ruralAreas, 662],
    ['Warszawa districts (RODZ 8, dropped)', register.summary.ignored.cityDistricts, 18],
    ['city delegations (RODZ 9, dropped)', register.summary.ignored.delegations, 19],
  ])('counts %s', (_what, actual, expected) => {
    expect(actual).toBe(expected);
  });

  it('reads the register date, the encoding and the gmina list', () => {
    expect(register.date).toBe('2022-01-01');
    expect(register.encoding).toBe('utf-8');
    expect(register.voivodeships).toHaveLength(16);
    expect(register.gminas).toHaveLength(2477);
    expect(register.gminas.filter((g) => g.kind === 'city_county')).toHaveLength(66);
    expect(register.gminas.filter((g) => g.kind === 'urban')).toHaveLength(302 - 66);
  });

  it('classifies Warszawa 1465011 as a city with county rights', () => {
    const warszawa = register.gminas.find((g) => g.teryt === '1465011');
    expect(warszawa).toMatchObject({ name: 'Warszawa', kind: 'city_county', rodz: 1, voivodeship: '14', county: '1465' });
    expect(register.counties.find((c) => c.code === '1465')?.cityWithCountyRights).toBe(true);
  });

  it('gives every gmina a code that checkTeryt accepts with the same kind', () => {
    for (const g of register.gminas) expect(checkTeryt(g.teryt)).toEqual({ ok: true, voivodeship: g.voivodeship, kind: g.kind });
  });

  it('makes a frame of every gmina, each city with county rights once and every county', () => {
    const frame = frameFromTerc(register);
    const byKind = (k: string): number => frame.filter((u) => u.kind === k).length;
    expect([byKind('rural'), byKind('urban_rural'), byKind('urban'), byKind('city_county'), byKind('county')]).toEqual([1513, 662, 236, 66, 314]);
    expect(frame).toHaveLength(2791);
    expect(frame.filter((u) => u.teryt.startsWith('1465'))).toEqual([
      { teryt: '1465011', name: 'Warszawa', kind: 'city_county', voivodeship: '14', county: '1465', synthetic: false },
    ]);
    expect(frame.find((u) => u.teryt === '0201000')).toMatchObject({ name: 'powiat bolesławiecki', kind: 'county' });
    expect(new Set(frame.map((u) => u.teryt)).size).toBe(frame.length);
  });

  it('reads the same register from Windows-1250 bytes', () => {
    const utf8 = new TextDecoder().decode(terc2022Bytes()).replace(/^\uFEFF/, '');
    const fromCp1250 = parseTerc(encodeCp1250(utf8), 'TERC.cp1250.csv');
    expect(fromCp1250.encoding).toBe('windows-1250');
    expect({ ...fromCp1250, encoding: 'utf-8', fileName: register.fileName }).toEqual(register);
  });
});

describe('TERC encodings and line endings', () => {
  const expected = parseTerc(smallTerc(), 'small.csv', PARTIAL);

  it('reads the small register: units, kinds and the dropped parts', () => {
    expect(expected.gminas.map((g) => [g.teryt, g.kind])).toEqual([
      ['0201011', 'urban'],
      ['0201022', 'rural'],
      ['0201033', 'urban_rural'],
      ['1261011', 'city_county'],
      ['1465011', 'city_county'],
    ]);
    expect(expected.counties.map((c) => [c.code, c.cityWithCountyRights])).toEqual([['0201', false], ['1261', true], ['1465', true]]);
    expect(expected.summary.ignored).toEqual({ townParts: 1, ruralAreas: 1, cityDistricts: 1, delegations: 1 });
    expect(expected.summary.lines).toBe(15);
  });

  it.each([
    ['UTF-8 with BOM, CRLF', '\uFEFF', '\r\n'],
    ['UTF-8 with BOM, LF', '\uFEFF', '\n'],
    ['UTF-8 without BOM, CRLF', '', '\r\n'],
    ['UTF-8 without BOM, LF', '', '\n'],
  ])('reads %s the same, from bytes and from text', (_name, bom, eol) => {
    const text = bom + smallTerc(SMALL_TERC_LINES, eol);
    const fromBytes = parseTerc(new TextEncoder().encode(text), 'small.csv', PARTIAL);
    expect(fromBytes).toEqual(expected);
    expect(parseTerc(text, 'small.csv', PARTIAL)).toEqual(expected);
  });

  it('round-trips Polish names through Windows-1250', () => {
    // The test encoder's table must agree with the platform's Windows-1250 decoder.
    for (const [ch, byte] of Object.entries(CP1250_POLISH)) expect(new TextDecoder('windows-1250').decode(Uint8Array.of(byte))).toBe(ch);
    const lines = withLine(5, '02;01;02;2;Zażółć gęślą jaźń ŻÓŁĆ;gmina wiejska;2022-01-01');
    const parsed = parseTerc(encodeCp1250(smallTerc(lines)), 'cp1250.csv', PARTIAL);
    expect(parsed.encoding).toBe('windows-1250');
    expect(parsed.gminas.find((g) => g.teryt === '0201022')?.name).toBe('Zażółć gęślą jaźń ŻÓŁĆ');
    expect(parsed.voivodeships.find((v) => v.code === '02')?.name).toBe('DOLNOŚLĄSKIE');
  });

  it('finds columns by name, in any order, ignoring extra columns', () => {
    const reordered = SMALL_TERC_LINES.map((l) => {
      const [woj, pow, gmi, rodz, nazwa, dod, stan] = l.split(';');
      return [stan, nazwa, rodz, gmi, pow, woj, dod, 'x'].join(';');
    });
    reordered[0] = 'STAN_NA;NAZWA;RODZ;GMI;POW;WOJ;NAZWA_DOD;EXTRA';
    expect(parseTerc(smallTerc(reordered), 'small.csv', PARTIAL)).toEqual(expected);
  });
});

describe('TERC errors name the file, the line and the column', () => {
  it.each([
    ['a missing header column', withLine(1, 'WOJ;POW;GMI;RODZ;NAZWA_DOD;STAN_NA'), 1, 'NAZWA', /expected a column NAZWA/],
    ['a doubled header column', withLine(1, 'WOJ;POW;GMI;RODZ;NAZWA;NAZWA_DOD;STAN_NA;WOJ'), 1, 'WOJ', /once/],
    ['too few fields', withLine(4, '02;01;01;1;Bolesławiec;gmina miejska'), 4, 'STAN_NA', /expected 7 fields .* got 6/],
    ['too many fields', withLine(4, '02;01;01;1;Bolesławiec;gmina miejska;2022-01-01;x'), 4, 'field 8', /got 8/],
    ['a non-digit voivodeship code', withLine(3, '0x;01;;;bolesławiecki;powiat;2022-01-01'), 3, 'WOJ', /2-digit voivodeship code, got "0x"/],
    ['an unknown voivodeship code', withLine(2, '03;;;;X;województwo;2022-01-01'), 2, 'WOJ', /02, 04, …, 32, got "03"/],
    ['a non-digit county number', withLine(5, '02;1a;02;2;Bolesławiec;gmina wiejska;2022-01-01'), 5, 'POW', /got "1a"/],
    ['a one-digit gmina number', withLine(5, '02;01;2;2;Bolesławiec;gmina wiejska;2022-01-01'), 5, 'GMI', /2-digit gmina number/],
    ['an unknown RODZ', withLine(5, '02;01;02;7;Bolesławiec;gmina wiejska;2022-01-01'), 5, 'RODZ', /1, 2, 3, 4, 5, 8 or 9, got "7"/],
    ['a gmina row without RODZ', withLine(5, '02;01;02;;Bolesławiec;gmina wiejska;2022-01-01'), 5, 'RODZ', /on a gmina row/],
    ['a rural gmina in a city with county rights', withLine(15, '12;61;01;2;Kraków;gmina wiejska;2022-01-01'), 15, 'GMI', /WWPP011/],
    ['a gmina whose county is missing', withLine(5, '02;02;02;2;Gdzieś;gmina wiejska;2022-01-01'), 5, 'POW', /county row for 0202/],
    ['a gmina whose voivodeship is missing', withLine(9, null), 10, 'WOJ', /voivodeship row for 14/],
    ['a town part whose urban-rural gmina is missing', withLine(6, null), 6, 'GMI', /urban-rural gmina 0201033/],
    ['a city with county rights without its gmina', withLine(15, null), 14, 'POW', /gmina row 1261011/],
    ['a duplicate gmina code', withLine(5, '02;01;01;1;Bolesławiec bis;gmina miejska;2022-01-01'), 5, 'GMI', /already on line 4/],
    ['a duplicate county code', withLine(4, '02;01;;;bolesławiecki;powiat;2022-01-01'), 4, 'POW', /already on line 3/],
    ['a duplicate voivodeship code', withLine(9, '02;;;;DOLNOŚLĄSKIE;województwo;2022-01-01'), 9, 'WOJ', /already on line 2/],
    ['an empty name', withLine(4, '02;01;01;1;;gmina miejska;2022-01-01'), 4, 'NAZWA', /expected a name/],
    ['a malformed date', withLine(4, '02;01;01;1;Bolesławiec;gmina miejska;2022-13-01'), 4, 'STAN_NA', /YYYY-MM-DD/],
    ['a second register date', withLine(4, '02;01;01;1;Bolesławiec;gmina miejska;2023-01-01'), 4, 'STAN_NA', /2022-01-01 as on line 2/],
    ['an unclosed quote', withLine(4, '02;01;01;1;"Bolesławiec;gmina miejska;2022-01-01'), 4, 'field 5', /closing quote/],
  ])('reports %s', (_name, lines, row, column, message) => {
    const error = catchDiag(() => parseTerc(smallTerc(lines), 'bad.csv', PARTIAL));
    expect(error.code).toBe('FRAME_INVALID');
    const detail = detailAt(error, row, column);
    expect(detail, error.describe()).toBeDefined();
    expect(detail?.file).toBe('bad.csv');
    expect(detail?.message).toMatch(message);
  });

  it('reports every problem at once', () => {
    const lines = withLine(5, '02;01;02;7;Bolesławiec;gmina wiejska;2022-01-01', withLine(3, '0x;01;;;bolesławiecki;powiat;2022-01-01'));
    const error = catchDiag(() => parseTerc(smallTerc(lines), 'bad.csv', PARTIAL));
    expect(error.details.map((d) => [d.row, d.column])).toEqual(expect.arrayContaining([[3, 'WOJ'], [5, 'RODZ']]));
  });

  it('refuses UTF-16 and an empty file on line 1', () => {
    const utf16 = catchDiag(() => parseTerc(Uint8Array.of(0xff, 0xfe, 0x57, 0x00), 'utf16.csv'));
    expect(utf16.details[0]).toMatchObject({ file: 'utf16.csv', row: 1, message: expect.stringMatching(/UTF-16/) });
    const empty = catchDiag(() => parseTerc('', 'empty.csv'));
    expect(empty.details[0]).toMatchObject({ file: 'empty.csv', row: 1, message: expect.stringMatching(/header/) });
  });

  it('reports a missing file as INPUT_NOT_FOUND', async () => {
    await expect(readTercFile('/nonexistent/TERC.csv')).rejects.toMatchObject({ code: 'INPUT_NOT_FOUND' });
  });
});
