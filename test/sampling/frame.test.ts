import { describe, expect, it } from 'vitest';
import { countsByStratum, readFrameCsv, writeFrameCsv, type FrameUnit } from '../../src/sampling/frame.ts';
import { syntheticFrame } from '../../src/sampling/synthetic-frame.ts';
import { frameFromTerc } from '../../src/sampling/frame.ts';
import { parseTerc } from '../../src/sampling/terc.ts';
import { catchDiag, detailAt, TERC_2022_PATH, terc2022Bytes } from './fixtures.ts';

const HEADER = 'teryt;name;kind;voivodeship;county;population;schools;pupils;synthetic';
const GOOD_ROWS = [
  '0201011;Bolesławiec;urban;02;0201;38000;9;3500;false', // line 2
  '0201022;Bolesławiec;rural;02;0201;15000;12;1400;false', // line 3
  '1465011;Warszawa;city_county;14;1465;1860000;;;false', // line 4
  '0201000;powiat bolesławiecki;county;02;0201;;;;false', // line 5
];
const csv = (rows: readonly string[], header = HEADER): string => [header, ...rows].join('\n') + '\n';
const withRow = (line: number, text: string): string[] => GOOD_ROWS.map((r, i) => (i + 2 === line ? text : r));

describe('frame CSV', () => {
  it('round-trips a synthetic frame with every field', () => {
    const frame = syntheticFrame({ seed: 1 });
    expect(readFrameCsv(writeFrameCsv(frame), 'frame.csv')).toEqual(frame);
  });

  it('round-trips the real frame, whose sizes are unknown', () => {
    const frame = frameFromTerc(parseTerc(terc2022Bytes(), TERC_2022_PATH));
    const text = writeFrameCsv(frame);
    expect(text.split('\n')[1]).toBe('0201000;powiat bolesławiecki;county;02;0201;;;;false');
    expect(readFrameCsv(text, 'frame.csv')).toEqual(frame);
  });

  it('quotes names holding the delimiter, a quote or outer spaces, and reads them back', () => {
    const units: FrameUnit[] = [
      { teryt: '0201011', name: 'Miasto; "Bolesławiec"', kind: 'urban', voivodeship: '02', county: '0201', synthetic: false },
      { teryt: '0201022', name: ' z odstępem ', kind: 'rural', voivodeship: '02', county: '0201', population: 5000, synthetic: true },
    ];
    const text = writeFrameCsv(units);
    expect(text).toContain('0201011;"Miasto; ""Bolesławiec""";urban');
    expect(readFrameCsv(text, 'q.csv').map((u) => u.name)).toEqual(['Miasto; "Bolesławiec"', 'z odstępem']);
  });

  it('writes the documented header and nine columns', () => {
    const text = writeFrameCsv(readFrameCsv(csv(GOOD_ROWS), 'f.csv'));
    expect(text).toBe(csv(GOOD_ROWS));
  });

  it('accepts a BOM, CRLF, blank lines, columns in any order and only the required columns', () => {
    const text = '\uFEFFkind;name;teryt\r\nurban;Bolesławiec;0201011\r\n\r\ncity_county;Warszawa;1465011\r\n';
    expect(readFrameCsv(text, 'min.csv')).toEqual([
      { teryt: '0201011', name: 'Bolesławiec', kind: 'urban', voivodeship: '02', county: '0201', synthetic: false },
      { teryt: '1465011', name: 'Warszawa', kind: 'city_county', voivodeship: '14', county: '1465', synthetic: false },
    ]);
  });

  it.each([
    ['an invalid TERYT code', withRow(3, '0201024;X;rural;02;0201;;;;false'), 3, 'teryt', /gmina kind digit 1, 2 or 3/],
    ['a TERYT of an unknown voivodeship', withRow(3, '0301022;X;rural;03;0301;;;;false'), 3, 'teryt', /voivodeship code/],
    ['an unknown kind', withRow(3, '0201022;X;village;02;0201;;;;false'), 3, 'kind', /expected one of rural/],
    ['a kind the code does not encode', withRow(3, '0201022;X;urban;02;0201;;;;false'), 3, 'kind', /expected "rural"/],
    ['a voivodeship that disagrees with the code', withRow(3, '0201022;X;rural;04;0201;;;;false'), 3, 'voivodeship', /expected 02/],
    ['a county that disagrees with the code', withRow(3, '0201022;X;rural;02;0202;;;;false'), 3, 'county', /expected 0201/],
    ['an empty name', withRow(2, '0201011;;urban;02;0201;;;;false'), 2, 'name', /not empty/],
    ['a population with a thousands separator', withRow(2, '0201011;X;urban;02;0201;38 000;;;false'), 2, 'population', /plain digits/],
    ['a population of 0', withRow(2, '0201011;X;urban;02;0201;0;;;false'), 2, 'population', /≥ 1/],
    ['a decimal number of pupils', withRow(2, '0201011;X;urban;02;0201;;;3.5;false'), 2, 'pupils', /whole number/],
    ['a negative number of schools', withRow(2, '0201011;X;urban;02;0201;;-1;;false'), 2, 'schools', /whole number/],
    ['a synthetic flag that is not true/false', withRow(2, '0201011;X;urban;02;0201;;;;yes'), 2, 'synthetic', /true, false/],
    ['too few fields', withRow(4, '1465011;Warszawa;city_county;14;1465;1860000;;'), 4, 'synthetic', /9 fields .* got 8/],
    ['too many fields', withRow(4, '1465011;Warszawa;city_county;14;1465;1860000;;;false;x'), 4, 'field 10', /got 10/],
    ['a repeated unit', withRow(5, '0201011;Bolesławiec;urban;02;0201;;;;false'), 5, 'teryt', /already on line 2/],
    ['an unclosed quote', withRow(2, '0201011;"X;urban;02;0201;;;;false'), 2, 'field 2', /closing quote/],
  ])('reports %s with its line and column', (_name, rows, row, column, message) => {
    const error = catchDiag(() => readFrameCsv(csv(rows), 'frame.csv'));
    expect(error.code).toBe('FRAME_INVALID');
    const detail = detailAt(error, row, column);
    expect(detail, error.describe()).toBeDefined();
    expect(detail).toMatchObject({ file: 'frame.csv', message: expect.stringMatching(message) });
  });

  it.each([
    ['an unknown column', `${HEADER};populaton`, 'populaton', /expected a column among/],
    ['a missing required column', 'teryt;name', 'kind', /expected a column "kind"/],
    ['a repeated column', 'teryt;name;kind;name', 'name', /once/],
  ])('reports %s in the header on line 1', (_name, header, column, message) => {
    const error = catchDiag(() => readFrameCsv(csv([], header), 'frame.csv'));
    expect(detailAt(error, 1, column)?.message).toMatch(message);
  });

  it('is all-or-nothing: one error per bad row, no units returned', () => {
    const rows = withRow(2, '0201011;X;rural;02;0201;;;;false').map((r, i) => (i === 2 ? '1465011;Warszawa;county;14;1465;;;;false' : r));
    const error = catchDiag(() => readFrameCsv(csv(rows), 'frame.csv'));
    expect(error.details.map((d) => [d.row, d.column])).toEqual([
      [2, 'kind'],
      [4, 'kind'],
    ]);
    expect(error.describe()).toContain('frame.csv, row 4, kind: expected "city_county"');
  });

  it('refuses an empty file and a header without units', () => {
    expect(catchDiag(() => readFrameCsv('', 'e.csv')).details[0]).toMatchObject({ row: 1 });
    expect(catchDiag(() => readFrameCsv(`${HEADER}\n`, 'e.csv')).details[0]).toMatchObject({ row: 2, message: expect.stringMatching(/at least one unit/) });
  });

  it('refuses to write a unit that would not read back', () => {
    const bad: FrameUnit = { teryt: '0201011', name: 'two\nlines', kind: 'rural', voivodeship: '02', county: '0201', synthetic: false };
    const error = catchDiag(() => writeFrameCsv([bad]));
    expect(error.details.map((d) => d.column)).toEqual(['name', 'kind']);
  });
});

describe('countsByStratum', () => {
  const units = readFrameCsv(csv(GOOD_ROWS), 'f.csv');

  it('counts units by kind and voivodeship, kinds in their catalogue order', () => {
    expect(countsByStratum(units, ['kind', 'voivodeship'])).toEqual([
      { key: 'rural/02', values: { kind: 'rural', voivodeship: '02' }, count: 1 },
      { key: 'urban/02', values: { kind: 'urban', voivodeship: '02' }, count: 1 },
      { key: 'city_county/14', values: { kind: 'city_county', voivodeship: '14' }, count: 1 },
      { key: 'county/02', values: { kind: 'county', voivodeship: '02' }, count: 1 },
    ]);
  });

  it.each([
    [['voivodeship'] as const, [['02', 3], ['14', 1]]],
    [[] as const, [['all', 4]]],
  ])('counts by %j', (strata, expected) => {
    expect(countsByStratum(units, strata).map((s) => [s.key, s.count])).toEqual(expected);
  });
});
