/** The text rule and the bounded walks behind it (util/safe-text.ts, responses/store/guard.ts). */
import { describe, expect, it } from 'vitest';
import { assertStorable, assertStorableEach, matchable } from '../../src/responses/store/guard.ts';
import { clipText, findUnsafeText, isSafeText, previewValue, unsafeTextReason } from '../../src/util/safe-text.ts';

const deep = (n: number, leaf: unknown): unknown => {
  let v = leaf;
  for (let i = 0; i < n; i++) v = [v];
  return v;
};

describe('the text rule', () => {
  it.each([
    ['Zażółć gęślą jaźń', true],
    ['emoji 😀 (a surrogate pair)', true],
    ['tab\tand \u0001 control characters', true],
    ['', true],
    ['a\u0000b', false],
    ['x\uD800', false],
    ['\uDC00x', false],
    ['\uDE00\uD83D', false],
  ])('%j keeps it: %s', (text, ok) => {
    expect(isSafeText(text)).toBe(ok);
    expect(unsafeTextReason(text) === null).toBe(ok);
    expect(matchable(text)).toBe(ok);
  });
});

describe('findUnsafeText', () => {
  it('names where the first bad text is, keys included', () => {
    expect(findUnsafeText({ a: [{ b: 'ok' }, { c: 'x\u0000' }] })).toEqual({ path: 'a[1].c', reason: 'contains a NUL character (U+0000)' });
    expect(findUnsafeText({ a: { 'k\uD800': 1 } })).toEqual({ path: 'a', reason: 'has a key that contains an unpaired UTF-16 surrogate (U+D800–U+DFFF)' });
    expect(findUnsafeText([['x\uD800']])).toEqual({ path: '[0][0]', reason: expect.stringContaining('surrogate') });
    expect(findUnsafeText({ a: ['fine', 1, null, true, { b: '😀' }] })).toBeNull();
  });

  it('stops at its depth and size limits without overflowing the stack', () => {
    expect(findUnsafeText(deep(100_000, 'x'))).toEqual({ path: expect.stringMatching(/^(\[0\]){64}$/), reason: 'is nested more than 64 levels deep' });
    expect(findUnsafeText(Array.from({ length: 20 }, () => 'x'), { maxNodes: 10 })?.reason).toBe('is too large (more than 10 values)');
  });

  it('lets the store refuse a deep value, and check a large import item by item', () => {
    expect(() => assertStorable({ comments: deep(40, 'x') }, 'response')).toThrow(/response\.comments(\[0\])* is nested more than 32 levels deep: nothing was stored/);
    const many = Array.from({ length: 100_000 }, (_, i) => ({ id: `r${i}`, data: { comments: 'uwagi', tasks: ['a', 'b'] } }));
    expect(() => assertStorableEach(many, 'responses')).not.toThrow();
    many[77_777]!.data.tasks[1] = 'b\u0000';
    expect(() => assertStorableEach(many, 'responses')).toThrow('responses[77777].data.tasks[1] contains a NUL character (U+0000): nothing was stored');
  });
});

describe('what an error may echo', () => {
  it('clips text without splitting a surrogate pair', () => {
    expect(clipText('abc', 5)).toBe('abc');
    expect(clipText('abcdef', 3)).toBe('abc…');
    expect(clipText('ab😀cd', 3)).toBe('ab…');
  });

  it('previews any value in bounded size, calling none of its methods', () => {
    const evil = { toString: 1, valueOf: 1, toJSON: 1 };
    expect(previewValue(evil)).toBe('{"toString":1,"valueOf":1,"toJSON":1}');
    expect(previewValue([evil])).toBe('[{"toString":1,"valueOf":1,"toJSON":1}]');
    expect(previewValue(deep(10_000, 1))).toBe('[[[[…]]]]');
    expect(String(previewValue('x'.repeat(10_000))).length).toBe(81);
    expect(String(previewValue(Array.from({ length: 100_000 }, (_, i) => i))).length).toBeLessThanOrEqual(81);
    expect(previewValue(12.5)).toBe(12.5);
    expect(previewValue(null)).toBeNull();
    expect(previewValue(undefined)).toBeUndefined();
  });
});
