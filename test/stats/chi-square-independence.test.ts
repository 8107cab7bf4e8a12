import { describe as suite, expect, it } from 'vitest';
import { DiagError } from '../../src/errors.ts';
import { chiSquareIndependence, crossTab } from '../../src/stats/index.ts';
import { arr, expectClose, expectNoNonFinite, fixture } from './helpers.ts';

const ref = fixture('chisquare.json');
// Closed form plus the χ² survival function: 1e-9 relative against scipy.
suite('chiSquareIndependence', () => {
  it.each(ref.cases as any[])('$name matches scipy chi2_contingency(correction=False)', ({ table, expected }) => {
    const r = chiSquareIndependence(table);
    expectClose(r.statistic, expected.statistic, 1e-9, 0, 'X²');
    expect(r.df).toBe(expected.df);
    expectClose(r.p, expected.p, 1e-9, 0, 'p');
    expectClose(r.cramersV, expected.cramersV, 1e-9, 0, 'V');
    expectClose(r.minExpected, expected.minExpected, 1e-12, 0, 'min E');
    expectClose(r.fractionExpectedBelow5, expected.fractionExpectedBelow5, 1e-12, 0, 'share E<5');
    expect(r.sparse).toBe(expected.fractionExpectedBelow5 > 0.2);
    (expected.expected as number[][]).forEach((row, i) => row.forEach((e, j) => expectClose(r.expected[i]![j], e, 1e-12, 0, `E${i}${j}`)));
    expectNoNonFinite(r);
  });
  it('drops empty rows and columns before counting df', () => {
    const r = chiSquareIndependence([[5, 0, 7], [0, 0, 0], [9, 0, 4]]);
    expect([r.rows, r.columns, r.df]).toEqual([2, 2, 1]);
  });
  it('returns nulls with fewer than two non-empty rows or columns', () => {
    for (const t of [[], [[1, 2, 3]], [[4], [5]], [[0, 0], [0, 0]], [[3, 0], [2, 0]]]) {
      const r = chiSquareIndependence(t);
      expect(r).toMatchObject({ statistic: null, p: null, df: null, cramersV: null, sparse: false });
    }
  });
  it('is 0 with p = 1 for a table exactly at independence', () => {
    const r = chiSquareIndependence([[2, 4], [3, 6]]);
    expectClose(r.statistic, 0, 0, 1e-14, 'X²');
    expectClose(r.p, 1, 1e-12, 0, 'p');
  });
  it('rejects ragged tables and negative counts', () => {
    expect(() => chiSquareIndependence([[1, 2], [3]])).toThrow(DiagError);
    expect(() => chiSquareIndependence([[1, -2], [3, 4]])).toThrow(DiagError);
  });
});

suite('crossTab', () => {
  it('counts pairwise-complete rows', () => {
    expect(crossTab(arr([0, 1, 1, null, 0]), arr([2, 0, 0, 1, null]), 2, 3)).toEqual([[0, 0, 1], [2, 0, 0]]);
    expect(() => crossTab([0, 1], [0], 2, 2)).toThrow(/length/);
  });
});
