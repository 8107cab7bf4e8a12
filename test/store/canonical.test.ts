/**
 * canonicalJson writes strings without calling JSON.stringify when nothing needs escaping: its text (and so every
 * content hash already stored) must stay exactly JSON.stringify's, with keys sorted, for every kind of string.
 */
import { describe, expect, it } from 'vitest';
import { canonicalJson, canonicalJsonWithin } from '../../src/responses/store/tokens.ts';

/** The definition: JSON.stringify with keys sorted at every level. */
function reference(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : reference(v))).join(',')}]`;
  const o = value as Record<string, unknown>;
  return `{${Object.keys(o).sort().filter((k) => o[k] !== undefined).map((k) => `${JSON.stringify(k)}:${reference(o[k])}`).join(',')}}`;
}

describe('canonicalJson', () => {
  it('writes what JSON.stringify writes, keys sorted, for quotes, backslashes, controls, NUL, lone and paired surrogates', () => {
    const values: unknown[] = ['a"b', 'x\\y', 'ż\u0000', '\ud800', 'a\udfffb', '\ud83d\ude00', 'tab\t', 'nl\n', '\u001f', '\u007f', '\u2028', 'zwykły tekst', '', -0, 1.5, NaN, true, null,
      { b: 1, a: [1, undefined, 'q'], 'k"': { z: null, y: true } }, { '': '', ł: 'ą', 'c\u001f': '\udfff', '\ud800': 1 }, [], {}];
    // every UTF-16 code unit, alone and inside text
    for (let c = 0; c < 0x10000; c += 7) values.push(String.fromCharCode(c), `a${String.fromCharCode(c)}b`, { [String.fromCharCode(c)]: c });
    for (const v of values) expect(canonicalJson(v)).toBe(reference(v));
  });

  it('stops at a depth limit instead of overflowing the stack', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(canonicalJsonWithin(deep, 32)).toBeNull();
    expect(canonicalJsonWithin([[['x']]], 3)).toBe('[[["x"]]]');
    expect(canonicalJsonWithin([[['x']]], 2)).toBeNull();
  });
});
