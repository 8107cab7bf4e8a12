import { describe, expect, it } from 'vitest';
import {
  effectSizeWords, formatCi, formatDate, formatInt, formatN, formatNumber, formatP, formatPercent, plural, pluralForm,
} from '../../src/report/kit/format.ts';

// Spelled-out characters, so that every expectation says which space or dash it means.
const THIN = '\u202F'; // narrow no-break space: thousands
const NB = '\u00A0'; // no-break space: before % and units
const MINUS = '\u2212';
const DASH = '\u2013';

describe('formatNumber prints Polish numbers with a decimal comma, thin-space thousands and a real minus', () => {
  it.each([
    [3.45, 2, `3,45`],
    [3.449, 2, `3,45`],
    [1234, 0, `1${THIN}234`],
    [1234567.891, 1, `1${THIN}234${THIN}567,9`],
    [999, 0, '999'],
    [-0.12, 2, `${MINUS}0,12`],
    [-1234.5, 1, `${MINUS}1${THIN}234,5`],
    [-0.001, 2, '0,00'],
    [0, 2, '0,00'],
  ])('%d with %d decimals → %s', (x, decimals, expected) => {
    expect(formatNumber(x, { decimals })).toBe(expected);
  });

  it.each([
    [3.45, 2, '3.45'],
    [1234, 0, '1,234'],
    [-0.12, 2, `${MINUS}0.12`],
  ])('in English %d → %s', (x, decimals, expected) => {
    expect(formatNumber(x, { decimals, lang: 'en' })).toBe(expected);
  });

  it('signs differences on request, but never zero', () => {
    expect(formatNumber(0.84, { signed: true })).toBe('+0,84');
    expect(formatNumber(-0.84, { signed: true })).toBe(`${MINUS}0,84`);
    expect(formatNumber(0, { signed: true })).toBe('0,00');
  });

  it.each([null, undefined, Number.NaN, Number.POSITIVE_INFINITY])('prints an en dash, never NaN or undefined, for %s', (x) => {
    for (const s of [formatNumber(x), formatInt(x), formatPercent(x), formatCi(x, 1), formatCi(1, x), formatP(x), formatN(x), plural(x, 'gmina', 'gminy', 'gmin')]) {
      expect(s).toBe(DASH);
    }
  });
});

describe('percentages, intervals, p-values and n', () => {
  it.each([
    [45.2, {}, `45,2${NB}%`],
    [0.452, { fraction: true }, `45,2${NB}%`],
    [7, { decimals: 0 }, `7${NB}%`],
    [45.2, { lang: 'en' as const }, '45.2%'],
  ])('formatPercent(%d, %o) → %s', (x, opts, expected) => {
    expect(formatPercent(x, opts)).toBe(expected);
  });

  it.each([
    [3.12, 3.48, {}, `3,12${DASH}3,48`],
    [3.12, 3.48, { lang: 'en' as const }, `3.12${DASH}3.48`],
    [-0.12, 0.3, {}, `${MINUS}0,12${NB}${DASH} 0,30`],
    [1, 2, { decimals: 0 }, `1${DASH}2`],
  ])('formatCi(%d, %d, %o) → %s', (lo, hi, opts, expected) => {
    expect(formatCi(lo, hi, opts)).toBe(expected);
  });

  it.each([
    [0.0004, 'pl', `p${NB}<${NB}0,001`],
    [0.034, 'pl', `p${NB}=${NB}0,034`],
    [0.0345, 'en', `p${NB}=${NB}0.035`],
    [0.9996, 'pl', `p${NB}>${NB}0,999`],
    [1.5, 'pl', DASH],
  ] as const)('formatP(%d, %s) → %s', (p, lang, expected) => {
    expect(formatP(p, lang)).toBe(expected);
  });

  it('formatN gives the base of an estimate', () => {
    expect(formatN(1234)).toBe(`n${NB}=${NB}1${THIN}234`);
    expect(formatN(1234, 'en')).toBe(`n${NB}=${NB}1,234`);
  });
});

describe('formatDate writes the month in the genitive, read in UTC', () => {
  it.each([
    [Date.UTC(2026, 10, 24), 'pl', `24${NB}listopada 2026`],
    [Date.UTC(2026, 0, 1), 'pl', `1${NB}stycznia 2026`],
    [Date.UTC(2026, 8, 30, 23, 59), 'pl', `30${NB}września 2026`],
    [Date.UTC(2026, 10, 24), 'en', `24${NB}November 2026`],
  ] as const)('%d (%s) → %s', (t, lang, expected) => {
    expect(formatDate(new Date(t), lang)).toBe(expected);
  });

  it('prints a dash for an invalid date', () => {
    expect(formatDate(new Date(Number.NaN))).toBe(DASH);
  });
});

describe('plural agrees a Polish noun with its number', () => {
  it.each([
    [0, 'gmin'],
    [1, 'gmina'],
    [2, 'gminy'],
    [4, 'gminy'],
    [5, 'gmin'],
    [11, 'gmin'],
    [12, 'gmin'],
    [14, 'gmin'],
    [21, 'gmin'],
    [22, 'gminy'],
    [25, 'gmin'],
    [101, 'gmin'],
    [102, 'gminy'],
    [112, 'gmin'],
    [122, 'gminy'],
    [1004, 'gminy'],
    [2.5, 'gminy'],
  ])('%d → %s', (n, form) => {
    expect(pluralForm(n, 'gmina', 'gminy', 'gmin')).toBe(form);
    expect(plural(n, 'gmina', 'gminy', 'gmin')).toBe(`${formatNumber(n, { decimals: Number.isInteger(n) ? 0 : 1 })}${NB}${form}`);
  });

  it('prints the count with a no-break space: 1 gmina, 22 gminy, 1 234 gminy', () => {
    expect(plural(1, 'gmina', 'gminy', 'gmin')).toBe(`1${NB}gmina`);
    expect(plural(22, 'gmina', 'gminy', 'gmin')).toBe(`22${NB}gminy`);
    expect(plural(1234, 'gmina', 'gminy', 'gmin')).toBe(`1${THIN}234${NB}gminy`);
  });

  it.each([
    [1, '1 municipality'],
    [2, '2 municipalities'],
    [0, '0 municipalities'],
    [1234, '1,234 municipalities'],
  ])('in English %d → %s', (n, expected) => {
    expect(plural(n, 'municipality', 'municipalities', undefined, 'en')).toBe(expected.replace(' ', NB));
  });
});

describe('effectSizeWords', () => {
  it.each([
    [0.1, 'znikomy'],
    [-0.3, 'mały'],
    [0.6, 'średni'],
    [1.2, 'duży'],
  ])('|d| = %d → %s', (d, words) => {
    expect(effectSizeWords(d)).toBe(words);
  });
});
