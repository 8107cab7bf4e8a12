/**
 * `diag synth` streams its CSV (synth/write-csv.ts): the file must hold exactly what the in-memory writer gives for
 * the same seed — the shipped sample, a file recorded before streaming, and duplicates of duplicates read back.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeResponsesCsv } from '../../src/responses/csv.ts';
import { generateSynthetic } from '../../src/synth/generate.ts';
import { writeSyntheticCsv } from '../../src/synth/write-csv.ts';
import { shippedQuestionnaire } from '../helpers/questionnaire.ts';

const q = shippedQuestionnaire();
const root = join(import.meta.dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'diag-synth-stream-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the streamed synthetic CSV', () => {
  it('is the shipped data-samples/responses.csv for --respondents 1500 --seed 2026', () => {
    const out = join(dir, 'shipped.csv');
    const result = writeSyntheticCsv(q, { respondents: 1500, seed: 2026 }, out);
    expect(readFileSync(out, 'utf8')).toBe(readFileSync(join(root, 'data-samples', 'responses.csv'), 'utf8'));
    expect(result.written).toBe(1500);
  });

  it('has the bytes `diag synth --respondents 1500 --seed 7` wrote before it streamed', () => {
    const out = join(dir, 'seed7.csv');
    writeSyntheticCsv(q, { respondents: 1500, seed: 7 }, out);
    // SHA-256 of the file written by the in-memory `diag synth` (commit 65ef03b)
    expect(createHash('sha256').update(readFileSync(out)).digest('hex')).toBe('bbfb2fbe8e2fbb1e8e0681095873478b0bb6de8442590e93e6191354b9d58917');
  });

  it('equals the in-memory writer when many duplicates copy originals and earlier duplicates', () => {
    const options = { respondents: 400, seed: 'dups', duplicates: 0.3 };
    const out = join(dir, 'dups.csv');
    const streamed = writeSyntheticCsv(q, options, out);
    expect(streamed.duplicates).toHaveLength(120);
    expect(streamed.duplicates.some((d) => d.source >= streamed.originals)).toBe(true);
    expect(readFileSync(out, 'utf8')).toBe(writeResponsesCsv(q, generateSynthetic(q, options).responses));
  });
});
