import { describe as suite, expect, it } from 'vitest';
import { DiagError } from '../../src/errors.ts';
import { holm } from '../../src/stats/index.ts';
import { arr, expectClose, fixture } from './helpers.ts';

const ref = fixture('holm.json');
suite('holm', () => {
  it.each(ref.cases as any[])('matches the step-down transcription (1e-15 relative) %#', ({ p, adjusted }) => {
    const r = holm(arr(p));
    (adjusted as (number | null)[]).forEach((a, i) => expectClose(r[i], a, 1e-15, 0, `p̃[${i}]`));
  });
  it('keeps the input order and the hand-worked values', () => {
    expect(holm([0.01, 0.04, 0.03])).toEqual([0.03, 0.06, 0.06]);
  });
  it('handles empty input, nulls, ties and caps at 1', () => {
    expect(holm([])).toEqual([]);
    expect(holm([null, 0.5, Number.NaN])).toEqual([null, 0.5, null]);
    expect(holm([0.02, 0.02])).toEqual([0.04, 0.04]);
    expect(holm([0.6, 0.9])).toEqual([1, 1]);
  });
  it('rejects values that are not probabilities', () => {
    expect(() => holm([0.1, 1.2])).toThrow(DiagError);
    expect(() => holm([-0.1])).toThrow(DiagError);
  });
});
