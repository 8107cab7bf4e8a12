/**
 * A responses file read into memory that is given back as soon as the dataset holds it (readReleasable):
 * the same bytes as the file either way, none left after release when it was large, and the usual error
 * for a file that cannot be read.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readReleasable } from '../../src/pipeline/from-file.ts';

const sample = join(import.meta.dirname, '..', '..', 'data-samples', 'responses.csv');

describe('readReleasable', () => {
  it('above the size: the file\'s bytes, released at once', () => {
    const file = readReleasable(sample, 0);
    expect(Buffer.compare(file.bytes, readFileSync(sample))).toBe(0);
    file.release();
    expect(file.bytes.length).toBe(0);
  });

  it('below it: an ordinary buffer of the file\'s bytes, left to the garbage collector', () => {
    const file = readReleasable(sample, Infinity);
    expect(Buffer.compare(file.bytes, readFileSync(sample))).toBe(0);
    file.release();
    expect(Buffer.compare(file.bytes, readFileSync(sample))).toBe(0);
  });

  it('a missing file is INPUT_NOT_FOUND, naming it', () => {
    expect(() => readReleasable('/nonexistent/responses.csv', 0)).toThrow(expect.objectContaining({ code: 'INPUT_NOT_FOUND', message: 'cannot read /nonexistent/responses.csv' }));
  });
});
