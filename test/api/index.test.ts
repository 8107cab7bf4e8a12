/**
 * The public API (src/index.ts) on its own: a questionnaire loaded, responses and frame read through the
 * pipeline, analysed, programmes built and a report rendered, by imports from the package's entry alone; the
 * results are those `diag analyze` writes for the same files, and the rendered report is a PDF of the segment.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import * as api from '../../src/index.ts';
import { runCli } from '../helpers/io.ts';

const root = resolve(import.meta.dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'diag-api-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the public API (src/index.ts)', () => {
  it('exports every stage: questionnaire, responses, pipeline, analysis, recommendations, report', () => {
    for (const name of ['loadQuestionnaire', 'validateResponse', 'readResponsesFile', 'readResponsesInput', 'readFrameInput', 'readStoreInput', 'analyze', 'runAnalysis', 'loadCatalogue', 'buildProgrammes', 'renderSegmentReport', 'writeReports', 'writeProgrammes'] as const) {
      expect(typeof api[name], name).toBe('function');
    }
    expect(api.DEFAULT_CONFIG.level).toBe(0.95);
  });

  it('analyses the shipped sample as `diag analyze` does, and renders a segment report from the results', async () => {
    const q = api.loadQuestionnaire();
    const data = api.readResponsesInput(q, { path: join(root, 'data-samples/responses.csv'), cwd: root });
    const frame = api.readFrameInput({ path: join(root, 'data-samples/frame.csv'), cwd: root });
    const results = api.analyze({
      questionnaire: q, prepared: data.prepared, frame: frame.frame, config: { ...api.DEFAULT_CONFIG, weights: 'frame' },
      source: { ...data.source, ...frame.source }, now: new Date('2026-11-24T12:00:00Z'),
    });

    const out = join(dir, 'results.json');
    const cli = await runCli(['analyze', '--data', 'data-samples/responses.csv', '--frame', 'data-samples/frame.csv', '--date', '2026-11-24', '--out', out], root);
    expect(cli.code).toBe(0);
    expect(JSON.parse(JSON.stringify(results))).toEqual(JSON.parse(readFileSync(out, 'utf8')));

    // an empty response is refused by the API's validation, each issue naming a variable or question of the codebook
    const verdict = api.validateResponse(q, { id: 'X1', data: {}, meta: {} });
    expect(verdict.ok).toBe(false);
    expect(verdict.issues.length).toBeGreaterThan(0);
    expect(verdict.issues.every((i) => q.variables.some((v) => v.name === i.variable || v.question === i.variable))).toBe(true);

    const catalogue = api.loadCatalogue(q, results.config.segments.map((s) => s.code));
    const programmes = api.buildProgrammes({ results, questionnaire: q, catalogue, plan: api.DEFAULT_PLAN, population: api.populationOf(results, frame.frame) });
    expect(programmes.length).toBe(6);
    const pdf = await api.renderSegmentReport({ results, questionnaire: q, catalogue, lang: 'pl', date: new Date(Date.UTC(2026, 10, 24)) }, 'rural');
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.length).toBeGreaterThan(100_000);
  }, 120_000);
});
