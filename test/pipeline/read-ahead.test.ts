/**
 * A responses file read ahead on another thread (pipeline/read-ahead.ts): the same bytes and SHA-256 as the file,
 * and through `readResponsesInputAhead` the same dataset and provenance as the usual reader; what it does not read
 * ahead (a missing file, JSON, a file above the size) is left to the usual path, with its usual errors.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readResponsesInput, readResponsesInputAhead } from '../../src/pipeline/from-file.ts';
import { sha256 } from '../../src/pipeline/provenance.ts';
import { readAhead, startReadAhead } from '../../src/pipeline/read-ahead.ts';
import { loadQuestionnaire } from '../../src/questionnaire/load.ts';

const root = join(import.meta.dirname, '..', '..');
const sample = join(root, 'data-samples', 'responses.csv');

describe('readAhead', () => {
  it('gives the file\'s bytes and their SHA-256', async () => {
    const ahead = readAhead(sample, Infinity)!;
    expect(ahead).not.toBeNull();
    const { bytes, validUtf8 } = ahead.bytes()!;
    expect(Buffer.compare(bytes, readFileSync(sample))).toBe(0);
    expect(validUtf8).toBe(true);
    expect(ahead.bytes()).toBeNull(); // given once
    expect(await ahead.sha256()).toBe(sha256(readFileSync(sample)));
  });

  it('says when the text is not valid UTF-8 (a Windows-1250 file), and the CSV reader then reads it as before', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'diag-ahead-'));
    try {
      const file = join(dir, 'cp1250.csv');
      writeFileSync(file, Buffer.from([0x61, 0x3b, 0x62, 0x0a, 0xb9, 0x3b, 0x31, 0x0a])); // "a;b\ną;1" in Windows-1250
      const ahead = readAhead(file, Infinity)!;
      const read = ahead.bytes()!;
      expect(read.validUtf8).toBe(false);
      expect(Buffer.compare(read.bytes, readFileSync(file))).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('is not started for a missing file, an empty name, a file above the size, or a responses file that is not CSV', () => {
    expect(readAhead('/nonexistent/responses.csv', Infinity)).toBeNull();
    expect(readAhead(join(root, 'data-samples'), Infinity)).toBeNull();
    expect(readAhead(sample, 100)).toBeNull();
    expect(startReadAhead(join(root, 'data-samples', 'responses.json'))).toBeNull();
  });
});

describe('readResponsesInputAhead', () => {
  const q = loadQuestionnaire();
  const ref = { path: sample, cwd: root, name: 'data-samples/responses.csv' };

  it('reads what readResponsesInput reads, with the same provenance', async () => {
    const usual = readResponsesInput(q, ref);
    const ahead = await readResponsesInputAhead(q, ref, startReadAhead(sample));
    expect(ahead.source).toEqual(usual.source);
    expect(ahead.prepared.dataset.n).toBe(usual.prepared.dataset.n);
    expect(ahead.prepared.sources).toEqual(usual.prepared.sources);
    expect(ahead.prepared.dataset.ids).toEqual(usual.prepared.dataset.ids);
    expect(ahead.prepared.dataset.fingerprint).toEqual(usual.prepared.dataset.fingerprint);
    for (const [name, column] of usual.prepared.dataset.columns) expect(ahead.prepared.dataset.columns.get(name), name).toEqual(column);
  });

  it('without a read-ahead, reads the usual way, errors included', async () => {
    const missing = { path: '/nonexistent/responses.csv', cwd: root };
    expect(startReadAhead(missing.path)).toBeNull();
    await expect(readResponsesInputAhead(q, missing, null)).rejects.toMatchObject({ code: 'INPUT_NOT_FOUND' });
  });
});
