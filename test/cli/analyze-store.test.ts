/**
 * `diag analyze --store`: the stored responses give the same results as the same responses exported to CSV
 * (`diag export`, raw) and analysed from the file; the store's frame is used when --frame is not given. On
 * SQLite always, and on PostgreSQL where it can be reached (in CI, where process.env.CI is set, it must be).
 */
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { readResponsesFile } from '../../src/responses/read-file.ts';
import { writeResponsesCsv } from '../../src/responses/csv.ts';
import { openStore } from '../../src/responses/store/open.ts';
import type { Store } from '../../src/responses/store/types.ts';
import { runCli } from '../helpers/io.ts';
import { shippedQuestionnaire } from '../helpers/questionnaire.ts';
import { completeResponse } from '../helpers/responses.ts';
import { useDataDir } from './data-dir.ts';
import { postgresProblem, TEST_DATABASE_URL } from '../helpers/postgres.ts';

const root = resolve(import.meta.dirname, '..', '..');
const q = shippedQuestionnaire();
const data = useDataDir();
const DATE = ['--date', '2026-11-24'];
/** part of the shipped sample (wave demo-2026), to keep the test short */
const SAMPLE_SIZE = 600;

/** Loads the shipped frame and the first SAMPLE_SIZE sample responses into the store the CLI opens (from the environment). */
async function fill(dir: string): Promise<void> {
  const sample = join(dir, 'sample.csv');
  writeFileSync(sample, writeResponsesCsv(q, readResponsesFile(q, join(root, 'data-samples/responses.csv')).responses.slice(0, SAMPLE_SIZE)));
  expect((await runCli(['frame', 'import', 'data-samples/frame.csv'], root)).code).toBe(0);
  const imported = await runCli(['import', sample], root);
  expect(imported.err).toBe('');
  expect(imported.code).toBe(0);
}

type Json = Record<string, any>;

/** Runs `diag analyze` with the arguments and returns results.json. */
async function analyse(dir: string, args: string[]): Promise<{ results: Json; err: string }> {
  const out = join(dir, `results-${randomBytes(4).toString('hex')}.json`);
  const run = await runCli(['analyze', ...args, ...DATE, '--out', out], root);
  expect(run.err).toMatch(/results written/);
  expect(run.code).toBe(0);
  return { results: JSON.parse(readFileSync(out, 'utf8')) as Json, err: run.err };
}

/** The same responses exported raw and analysed from the CSV, with the same frame. */
async function viaExport(dir: string, wave?: string): Promise<Json> {
  const exported = join(dir, 'export');
  const run = await runCli(['export', '--out', exported, ...(wave ? ['--wave', wave] : [])], root);
  expect(run.code).toBe(0);
  return (await analyse(dir, ['--data', join(exported, `responses-${wave ?? 'all'}.csv`), '--frame', join(root, 'data-samples/frame.csv')])).results;
}

const withoutInput = (r: Json): Json => ({ ...r, input: null });

/** The documented data hash: SHA-256 of "<id>:<content hash>" lines in storage order. */
async function storeHash(store: Store, wave?: string): Promise<string> {
  const responses = await store.listResponses(wave === undefined ? {} : { wave });
  return createHash('sha256').update(responses.map((r) => `${r.id}:${r.contentHash}`).join('\n')).digest('hex');
}

async function sameAsExport(dir: string, open: () => Promise<Store>, backend: 'sqlite' | 'postgres'): Promise<void> {
  await fill(dir);
  const { results, err } = await analyse(dir, ['--store']);
  expect(err).toMatch(new RegExp(`analyze: read ${SAMPLE_SIZE} responses from store:${backend}`));
  const fromCsv = await viaExport(dir);

  expect(withoutInput(results)).toEqual(withoutInput(fromCsv));
  expect(results.dataset.respondents).toBe(SAMPLE_SIZE);
  expect(results.weights.method).not.toBe('none'); // the store's frame, with frame weights by default
  expect(results.estimates.areas.length).toBeGreaterThan(0);

  const store = await open();
  try {
    expect(results.input.data.sha256).toBe(await storeHash(store));
  } finally {
    await store.close();
  }
  if (backend === 'sqlite') expect(results.input.data.file).toBe(`store:sqlite:${join(data.dir, 'diag.sqlite')}`);
  else expect(results.input.data.file).toBe('store:postgres');
  // the store's frame, written as a frame CSV, hashes like the shipped frame file it was imported from
  expect(results.input.frame).toEqual({ ...fromCsv.input.frame, file: `${results.input.data.file}, frame "frame" version ${fromCsv.input.frame.sha256.slice(0, 12)}` });
  expect(results.input.questionnaire).toEqual(fromCsv.input.questionnaire);
}

describe('diag analyze --store (SQLite)', () => {
  it('gives the results of the same responses exported to CSV, with the store\'s frame', async () => {
    await sameAsExport(data.dir, data.open, 'sqlite');
  });

  it('analyses one wave with --wave, and takes --frame and --weights over the store\'s frame', async () => {
    await fill(data.dir);
    const store = await data.open();
    const extra = [completeResponse(q, 'rural', 'management', 'W2-1'), completeResponse(q, 'urban', 'operational', 'W2-2'), completeResponse(q, 'county', 'management', 'W2-3')];
    await store.importResponses({ fileName: 'second wave', sha256: '1'.repeat(64) }, extra.map((r) => ({ ...r, meta: { ...r.meta, wave: 'w2', source: 'paper' } })));
    const w2Hash = await storeHash(store, 'w2');
    await store.close();

    const { results } = await analyse(data.dir, ['--store', '--wave', 'w2', '--weights', 'none']);
    expect(results.dataset.respondents).toBe(3);
    expect(results.dataset.sources).toEqual({ paper: 3 });
    expect(results.weights.method).toBe('none');
    expect(results.input.data).toEqual({ file: `store:sqlite:${join(data.dir, 'diag.sqlite')}, wave w2`, sha256: w2Hash });

    const wave = await analyse(data.dir, ['--store', '--wave', 'demo-2026', '--frame', join(root, 'data-samples/frame.csv')]);
    const fromCsv = await viaExport(data.dir, 'demo-2026');
    expect(withoutInput(wave.results)).toEqual(withoutInput(fromCsv));
    expect(wave.results.input.frame).toEqual(fromCsv.input.frame);
  });

  it.each([
    [['--store', '--data', 'data-samples/responses.csv'], 'give either --data FILE or --store, not both'],
    [[], '--data FILE (responses in a file) or --store (the responses in the store) is required'],
    [['--data', 'data-samples/responses.csv', '--wave', 'w1'], '--wave NAME goes with --store'],
  ])('refuses %j with a usage error', async (args, message) => {
    const run = await runCli(['analyze', ...args, '--out', join(data.dir, 'never.json')], root);
    expect(run.code).toBe(64);
    expect(run.err).toContain(message);
  });

  it('says so when the store holds no responses, or not the wave asked for', async () => {
    const empty = await runCli(['analyze', '--store', '--out', join(data.dir, 'never.json')], root);
    expect(empty.code).toBe(2);
    expect(empty.err).toContain('INPUT_NOT_FOUND');
    expect(empty.err).toContain('no responses to analyse');

    const store = await data.open();
    await store.importResponses({ fileName: 'f', sha256: '2'.repeat(64) }, [{ ...completeResponse(q, 'rural', 'management', 'A1'), meta: { wave: 'w1' } }]);
    await store.close();
    const unknown = await runCli(['analyze', '--store', '--wave', 'w9', '--out', join(data.dir, 'never.json')], root);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('no wave "w9"');
    expect(unknown.err).toContain('the waves in the store: w1');
  });

  it('validates the stored responses again and reports every problem, as for a file', async () => {
    const bad = completeResponse(q, 'rural', 'management', 'OLD-1');
    (bad.data.DANE as Record<string, { imp: number }>).DANE1!.imp = 8;
    const store = await data.open();
    await store.importResponses({ fileName: 'older questionnaire', sha256: '3'.repeat(64) }, [completeResponse(q, 'urban', 'operational', 'OK-1'), bad, { ...completeResponse(q, 'county', 'operational', 'OLD-2'), data: { ...completeResponse(q, 'county', 'operational').data, retired_question: 'x' } }]);
    await store.close();
    const out = join(data.dir, 'never.json');
    const run = await runCli(['analyze', '--store', '--out', out], root);
    expect(run.code).toBe(4);
    expect(run.err).toContain('INPUT_INVALID');
    expect(run.err).toMatch(/2 validation issues/);
    expect(run.err).toContain('stored response 2: respondent OLD-1, DANE1_imp = 8: expected a rating 1, 2, 3, 4, 5');
    expect(run.err).toContain('stored response 3: respondent OLD-2, retired_question');
    expect(() => readFileSync(out)).toThrow();
  });
});

// ---------------------------------------------------------------- PostgreSQL

const problem = await postgresProblem();
if (problem && !process.env.CI) console.warn(`diag analyze --store on PostgreSQL skipped: ${TEST_DATABASE_URL} is not reachable (${problem}).`);

describe('diag analyze --store (PostgreSQL)', () => {
  it.runIf(process.env.CI)('reaches PostgreSQL in CI', () => {
    expect(problem, `PostgreSQL at ${TEST_DATABASE_URL} must be reachable in CI`).toBeNull();
  });

  it.skipIf(problem !== null)('gives the results of the same responses exported to CSV', async () => {
    // a schema of the test's own: the CLI opens DATABASE_URL, whose search_path points there
    const schema = `diag_cli_${randomBytes(6).toString('hex')}`;
    const url = new URL(TEST_DATABASE_URL);
    url.searchParams.set('options', `-c search_path=${schema}`);
    const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
    const saved = process.env.DATABASE_URL;
    process.env.DATABASE_URL = url.toString();
    try {
      await sameAsExport(data.dir, () => openStore({ databaseUrl: TEST_DATABASE_URL, pgSchema: schema }), 'postgres');
    } finally {
      if (saved === undefined) delete process.env.DATABASE_URL;
      else process.env.DATABASE_URL = saved;
      await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await admin.end();
    }
  });
});
