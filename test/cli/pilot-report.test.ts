/**
 * `diag pilot report`: the PDF and, beside it, the catalogue change list (catalogue-changes.json and .csv) from
 * the shipped pilot's results; a results file that does not match the schema is refused naming the path.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { sha256 } from '../../src/pipeline/provenance.ts';
import { DEFAULT_CATALOGUE } from '../../src/recommendations/catalogue.ts';
import { runCli } from '../helpers/io.ts';

const shipped = join(import.meta.dirname, '..', '..', 'data-samples', 'pilot');
const work = mkdtempSync(join(tmpdir(), 'diag-pilot-report-'));
const resultsFile = join(work, 'pilot-results.json');

beforeAll(async () => {
  const r = await runCli(['pilot', 'analyze', '--dir', shipped, '--date', '2027-10-01', '--out', resultsFile]);
  expect(r.code).toBe(0);
});

describe('diag pilot report', () => {
  it('writes the PDF and the change list against the shipped catalogue, with its version, hash and the results\' provenance', async () => {
    const out = join(work, 'out');
    const r = await runCli(['pilot', 'report', '--results', resultsFile, '--date', '2027-10-02', '--out', out]);
    expect(r.err).toMatch(/pilot report written to .*ewaluacja-pilotazu\.pdf, .*catalogue-changes\.json, .*catalogue-changes\.csv/);
    expect(r.code).toBe(0);
    expect(existsSync(join(out, 'ewaluacja-pilotazu.pdf'))).toBe(true);
    const list = JSON.parse(readFileSync(join(out, 'catalogue-changes.json'), 'utf8'));
    const catalogue = JSON.parse(readFileSync(DEFAULT_CATALOGUE, 'utf8'));
    expect(list.kind).toBe('catalogue-changes');
    expect(list.catalogue).toEqual({ file: 'catalogue.json', version: catalogue.version, sha256: sha256(readFileSync(DEFAULT_CATALOGUE)) });
    expect(list.pilot.results).toEqual({ file: 'pilot-results.json', sha256: sha256(readFileSync(resultsFile)) });
    expect(list.pilot.generatedAt).toBe('2027-10-01T12:00:00.000Z');
    expect(list.changes).toHaveLength(catalogue.programmes.reduce((a: number, p: { modules: unknown[] }) => a + p.modules.length, 0));
    const csv = readFileSync(join(out, 'catalogue-changes.csv'));
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.toString('utf8').split('\r\n')[0]).toMatch(/^\uFEFFprogramme;pilot_programme;module;/);
  });

  it('refuses results that do not match the schema, naming the first offending path', async () => {
    const value = JSON.parse(readFileSync(resultsFile, 'utf8'));
    value.reactions[2].result.scales[0].mean = '4,1';
    const broken = join(work, 'broken.json');
    writeFileSync(broken, JSON.stringify(value));
    const out = join(work, 'refused');
    const r = await runCli(['pilot', 'report', '--results', broken, '--out', out]);
    expect(r.code).toBe(4);
    expect(r.err).toContain('does not match the pilot results schema');
    expect(r.err).toContain('/reactions/2/result/scales/0/mean');
    expect(existsSync(out)).toBe(false);
  });

  it('refuses a file that is not a pilot evaluation', async () => {
    const other = join(work, 'other.json');
    writeFileSync(other, JSON.stringify({ schemaVersion: '1.0', generatedAt: '2026-01-01' }));
    const r = await runCli(['pilot', 'report', '--results', other, '--out', join(work, 'x')]);
    expect(r.code).toBe(4);
    expect(r.err).toMatch(/other\.json is not a pilot evaluation/);
  });
});
