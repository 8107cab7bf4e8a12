/** Shared helpers for the statistics tests: fixtures, null → NaN, and tolerance checks. */
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';

const FIXTURES = new URL('../fixtures/stats/', import.meta.url);

/** A fixture file of test/fixtures/stats/ (written by make_fixtures.py). */
export function fixture<T = any>(name: string): T & { provenance: string } {
  return JSON.parse(readFileSync(new URL(name, FIXTURES), 'utf8')) as T & { provenance: string };
}

/** JSON arrays carry missing values as null; the library expects NaN. */
export function arr(xs: readonly (number | null)[]): Float64Array {
  return Float64Array.from(xs, (v) => (v === null ? Number.NaN : v));
}

/**
 * |actual − expected| ≤ rtol·|expected| + atol; null must match null.
 * The tolerance is stated at every call site.
 */
export function expectClose(actual: number | null | undefined, expected: number | null | undefined, rtol: number, atol = 0, what = ''): void {
  if (expected === null || expected === undefined) {
    expect(actual ?? null, what).toBeNull();
    return;
  }
  expect(actual, what).not.toBeNull();
  expect(Number.isFinite(actual as number), what).toBe(true);
  const err = Math.abs((actual as number) - expected);
  const allowed = rtol * Math.abs(expected) + atol;
  if (!(err <= allowed)) {
    throw new Error(`${what}: got ${actual}, expected ${expected} (|err| ${err.toExponential(2)} > ${allowed.toExponential(2)})`);
  }
}

/** Every number in a result is finite or null (policy: no NaN or Infinity in results). */
export function expectNoNonFinite(value: unknown, path = 'result'): void {
  if (typeof value === 'number') {
    expect(Number.isFinite(value), `${path} = ${value}`).toBe(true);
  } else if (value instanceof Float64Array) {
    value.forEach((v, i) => expect(Number.isFinite(v), `${path}[${i}]`).toBe(true));
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => expectNoNonFinite(v, `${path}[${i}]`));
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) expectNoNonFinite(v, `${path}.${k}`);
  }
}
