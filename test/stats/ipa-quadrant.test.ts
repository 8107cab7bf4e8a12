import { describe as suite, expect, it } from 'vitest';
import { ipaQuadrant } from '../../src/stats/index.ts';

suite('ipaQuadrant', () => {
  it.each([
    [4.5, 2.8, 'concentrate_here'],
    [4.5, 3.6, 'keep_up'],
    [3.1, 2.8, 'low_priority'],
    [3.1, 3.6, 'possible_overkill'],
    // ties count as high on both axes
    [4.0, 3.2, 'keep_up'],
    [4.0, 3.0, 'concentrate_here'],
    [3.9, 3.2, 'possible_overkill'],
  ] as const)('I = %f, C = %f against cross-hairs (4.0, 3.2) → %s', (i, c, q) => {
    expect(ipaQuadrant(i, c, 4.0, 3.2)).toBe(q);
  });
  it('is null when an input is missing', () => {
    expect(ipaQuadrant(null, 3, 4, 3)).toBeNull();
    expect(ipaQuadrant(4, Number.NaN, 4, 3)).toBeNull();
  });
});
