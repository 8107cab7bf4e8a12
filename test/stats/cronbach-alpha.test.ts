import { describe as suite, expect, it } from 'vitest';
import { DiagError } from '../../src/errors.ts';
import { cronbachAlpha } from '../../src/stats/index.ts';
import { arr, expectClose, expectNoNonFinite, fixture } from './helpers.ts';

const ref = fixture('cronbach.json');
// Closed form on the covariance matrix vs numpy's recomputation from data: 1e-9 relative.
suite('cronbachAlpha', () => {
  it.each(ref.cases as any[])('$name matches numpy', ({ items, expected }) => {
    const r = cronbachAlpha(items.map(arr));
    expect([r.n, r.k]).toEqual([expected.n, expected.k]);
    expectClose(r.alpha, expected.alpha, 1e-9, 0, 'alpha');
    (expected.items as any[]).forEach((e, j) => {
      expectClose(r.items[j]!.itemRestCorrelation, e.itemRestCorrelation, 1e-9, 0, `r[${j}]`);
      expectClose(r.items[j]!.alphaIfDeleted, e.alphaIfDeleted, 1e-9, 0, `alpha-if-deleted[${j}]`);
    });
    expectNoNonFinite(r);
  });
  it('reproduces the hand-worked value 0.980769…', () => {
    expectClose(cronbachAlpha([[1, 2, 3, 4], [2, 3, 4, 5], [1, 3, 3, 5]]).alpha, 1.5 * (1 - 6 / (52 / 3)), 1e-14, 0, 'alpha');
  });
  it('uses listwise-complete rows', () => {
    const r = cronbachAlpha([arr([1, 2, null, 4, 5]), arr([2, 2, 3, null, 4]), [1, 3, 3, 3, 5]]);
    expect(r.n).toBe(3);
  });
  it('returns null for fewer than two items, fewer than two rows, or zero total variance', () => {
    expect(cronbachAlpha([[1, 2, 3]])).toMatchObject({ k: 1, alpha: null });
    expect(cronbachAlpha([])).toMatchObject({ k: 0, n: 0, alpha: null });
    expect(cronbachAlpha([[1, Number.NaN], [2, 3]])).toMatchObject({ n: 1, alpha: null });
    const flat = cronbachAlpha([[3, 3, 3], [2, 2, 2]]);
    expect(flat.alpha).toBeNull();
    expect(flat.items.every((it) => it.itemRestCorrelation === null)).toBe(true);
  });
  it('gives null item statistics where they are undefined', () => {
    // a constant item has no correlation; with two items alpha-if-deleted is undefined
    const r = cronbachAlpha([[1, 2, 3, 4], [2, 2, 2, 2], [1, 3, 2, 4]]);
    expect(r.items[1]!.itemRestCorrelation).toBeNull();
    expect(cronbachAlpha([[1, 2, 3], [1, 3, 2]]).items[0]!.alphaIfDeleted).toBeNull();
  });
  it('rejects items of different lengths', () => {
    expect(() => cronbachAlpha([[1, 2], [1, 2, 3]])).toThrow(DiagError);
  });
});
