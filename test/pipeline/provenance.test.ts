/**
 * One provenance whoever reads the input: `diag analyze --store` and the dashboard's results (GET
 * /api/admin/results) name and hash the same stored responses and frame alike, and give the same results; a
 * file's provenance does not depend on how its path was written.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { Results } from '../../src/analysis/results-schema.ts';
import { frameUnitsSha256, sha256, storedDataSha256 } from '../../src/pipeline/provenance.ts';
import { generateSynthetic } from '../../src/synth/generate.ts';
import { runCli } from '../helpers/io.ts';
import { shippedQuestionnaire } from '../helpers/questionnaire.ts';
import { admin, startTestServer, type TestServer } from '../server/helpers.ts';

const root = resolve(import.meta.dirname, '..', '..');
const q = shippedQuestionnaire();

let s: TestServer | undefined;
let dir = '';
const outDir = mkdtempSync(join(tmpdir(), 'diag-prov-out-'));
afterAll(() => rmSync(outDir, { recursive: true, force: true }));
const saved = { data: process.env.DIAG_DATA_DIR, url: process.env.DATABASE_URL };
afterEach(async () => {
  await s?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = '';
  s = undefined;
  if (saved.data === undefined) delete process.env.DIAG_DATA_DIR;
  else process.env.DIAG_DATA_DIR = saved.data;
  if (saved.url !== undefined) process.env.DATABASE_URL = saved.url;
});

/** Runs `diag analyze` in `cwd`, writing results.json into a temporary folder. */
async function analyse(args: string[], cwd: string): Promise<Results> {
  const out = join(outDir, `results-${Math.random().toString(36).slice(2)}.json`);
  const run = await runCli(['analyze', ...args, '--date', '2026-11-24', '--out', out], cwd);
  expect(run.err).toMatch(/results written/);
  expect(run.code).toBe(0);
  return JSON.parse(readFileSync(out, 'utf8')) as Results;
}

describe('provenance of the analysis input', () => {
  it('is the same from the CLI (--store) and the dashboard for the same stored data, and so are the results', async () => {
    const synthetic = generateSynthetic(q, { respondents: 120, seed: 'pipeline-provenance' });
    dir = mkdtempSync(join(tmpdir(), 'diag-prov-'));
    s = await startTestServer({ cwd: dir });
    await s.store.importFrame({ name: 'synthetic', version: '1', source: 'test' }, synthetic.frame);
    await s.store.importResponses({ fileName: 'synthetic.csv', sha256: '0'.repeat(64) }, synthetic.responses);

    const r = await admin(s, '/api/admin/results');
    expect(r.statusCode).toBe(200);
    const dashboard = r.json() as Results;

    process.env.DIAG_DATA_DIR = s.dir;
    delete process.env.DATABASE_URL;
    const cli = await analyse(['--store'], dir);

    const stored = await s.store.listResponses();
    const expected = {
      data: { file: `store:sqlite:${join(s.dir, 'diag.sqlite')}`, sha256: storedDataSha256(stored) },
      frame: { file: `store:sqlite:${join(s.dir, 'diag.sqlite')}, frame "synthetic" version 1`, sha256: frameUnitsSha256(synthetic.frame), units: synthetic.frame.length },
    };
    expect(dashboard.input).toMatchObject(expected);
    expect(cli.input).toEqual(dashboard.input);
    expect(cli).toEqual(dashboard);

    // inside the working folder, the SQLite file is named relative to it, by both
    const inside = await analyse(['--store'], s.dir);
    expect(inside.input.data.file).toBe('store:sqlite:diag.sqlite');
  });

  it('names a file relative to the working folder and hashes its bytes, however its path was given', async () => {
    const data = 'data-samples/responses.csv';
    const frame = 'data-samples/frame.csv';
    const relativeArgs = await analyse(['--data', data, '--frame', frame, '--weights', 'none'], root);
    const absoluteArgs = await analyse(['--data', join(root, data), '--frame', join(root, frame), '--weights', 'none'], root);
    expect(absoluteArgs.input).toEqual(relativeArgs.input);
    expect(relativeArgs.input.data).toEqual({ file: data, sha256: sha256(readFileSync(join(root, data))) });
    expect(relativeArgs.input.frame).toMatchObject({ file: frame, sha256: sha256(readFileSync(join(root, frame))) });
  });
});
