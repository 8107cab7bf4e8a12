import { describe as suite, expect, it } from 'vitest';
import { DiagError } from '../../src/errors.ts';
import { categoryProportions, checkboxProportions, wilsonInterval } from '../../src/stats/index.ts';
import { arr, expectClose, fixture } from './helpers.ts';

const ref = fixture('proportions.json');
// Closed-form interval: 1e-12 relative against scipy (plus 1e-15 absolute for bounds at 0).
suite('Wilson interval', () => {
  it.each(ref.wilson95 as any[])('$count of $n matches scipy', ({ count, n, proportion, ciLow, ciHigh }) => {
    const r = wilsonInterval(count, n);
    expectClose(r.proportion, proportion, 1e-15, 0, 'p');
    expectClose(r.ciLow, ciLow, 1e-12, 1e-15, 'low');
    expectClose(r.ciHigh, ciHigh, 1e-12, 1e-15, 'high');
  });
  it('honours the confidence level', () => {
    const r = wilsonInterval(13, 40, 0.9);
    expectClose(r.ciLow, ref.wilson90.ciLow, 1e-12, 0, 'low');
    expectClose(r.ciHigh, ref.wilson90.ciHigh, 1e-12, 0, 'high');
  });
  it('is null without observations and rejects impossible counts', () => {
    expect(wilsonInterval(0, 0)).toMatchObject({ n: 0, proportion: null, ciLow: null, ciHigh: null });
    expect(() => wilsonInterval(3, 2)).toThrow(DiagError);
    expect(() => wilsonInterval(1.5, 2)).toThrow(DiagError);
  });
});

suite('category and checkbox proportions', () => {
  it('counts categories over non-missing answers', () => {
    const r = categoryProportions(arr([0, 2, 2, null, 1, 2]), 4);
    expect(r.map((p) => p.count)).toEqual([1, 1, 3, 0]);
    expect(r.every((p) => p.n === 5)).toBe(true);
    expectClose(r[2]!.proportion, 0.6, 1e-15, 0, 'p2');
    expect(r[3]!.ciLow).toBe(0);
    expect(() => categoryProportions([0, 4], 4)).toThrow(/code/);
  });
  it('gives each checkbox option its own n', () => {
    const r = checkboxProportions([arr([1, 0, 1, null]), arr([null, null, null, null]), [0, 0, 0, 1]]);
    expect(r.map((p) => [p.count, p.n])).toEqual([[2, 3], [0, 0], [1, 4]]);
    expect(r[1]!.proportion).toBeNull();
    expect(() => checkboxProportions([[1, 2]])).toThrow(DiagError);
  });
});
