import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeResponsesCsv } from '../../src/responses/csv.ts';
import { shippedQuestionnaire } from '../helpers/questionnaire.ts';
import { completeResponse } from '../helpers/responses.ts';
import { runCli } from '../helpers/io.ts';

const dir = mkdtempSync(join(tmpdir(), 'diag-analyze-'));
const root = join(import.meta.dirname, '..', '..');

describe('diag analyze', () => {
  it('writes results.json from the shipped sample with frame weights, reporting progress on stderr', async () => {
    const out = join(dir, 'results.json');
    const r = await runCli(['analyze', '--data', join(root, 'data-samples/responses.csv'), '--frame', join(root, 'data-samples/frame.csv'), '--date', '2026-11-24', '--out', out]);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/analyze: read 1500 responses/);
    expect(r.err).toMatch(/1424 respondents analysed \(76 excluded\), weights (raked|poststratified)/);
    const results = JSON.parse(readFileSync(out, 'utf8'));
    expect(results.generatedAt).toBe('2026-11-24T12:00:00.000Z');
    expect(results.input.data.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(results.input.frame.units).toBe(2791);
  });

  it('refuses invalid responses, naming the row, and writes nothing', async () => {
    const q = shippedQuestionnaire();
    const bad = completeResponse(q, 'rural', 'management', 'X1');
    (bad.data.DANE as Record<string, { imp: number }>).DANE1!.imp = 8;
    const file = join(dir, 'bad.csv');
    writeFileSync(file, writeResponsesCsv(q, [completeResponse(q, 'urban', 'operational', 'X0'), bad]));
    const out = join(dir, 'never.json');
    const r = await runCli(['analyze', '--data', file, '--out', out]);
    expect(r.code).toBe(4);
    expect(r.err).toContain('row 3: respondent X1, DANE1_imp = 8: expected a rating 1, 2, 3, 4, 5');
    expect(() => readFileSync(out)).toThrow();
  });

  it('names what is wrong in a configuration file', async () => {
    const cfg = join(dir, 'config.json');
    writeFileSync(cfg, JSON.stringify({ suppressionThreshold: 0, segmnts: [] }));
    const r = await runCli(['analyze', '--data', join(root, 'data-samples/responses.csv'), '--config', cfg]);
    expect(r.code).toBe(4);
    expect(r.err).toContain('CONFIG_INVALID');
    expect(r.err).toContain('/suppressionThreshold');
  });

  it('writes the per-respondent weights to a file of their own with --weights-out, and results.json holds no respondent', async () => {
    const out = join(dir, 'results-w.json');
    const weights = join(dir, 'weights.csv');
    const r = await runCli(['analyze', '--data', join(root, 'data-samples/responses.csv'), '--frame', join(root, 'data-samples/frame.csv'), '--date', '2026-11-24', '--out', out, '--weights-out', weights]);
    expect(r.code).toBe(0);
    const text = readFileSync(weights, 'utf8');
    expect(text.startsWith('\uFEFFid;jst;stratum;weight;weight_within_group\r\n')).toBe(true);
    const lines = text.slice(1).trim().split('\r\n').slice(1).map((l) => l.split(';'));
    expect(lines).toHaveLength(1424);
    // the weights of each kind add up to the frame's JSTs of that kind: 2,791 in all
    const total = lines.reduce((a, l) => a + Number(l[3]!.replace(',', '.')), 0);
    expect(total).toBeCloseTo(2791, 6);
    const resultsText = readFileSync(out, 'utf8');
    for (const [id] of lines.slice(0, 50)) expect(resultsText).not.toContain(`"${id}"`);
  });

  it('takes the threshold as suppression.minN and refuses a contradiction', async () => {
    const cfg = join(dir, 'minn.json');
    writeFileSync(cfg, JSON.stringify({ suppression: { minN: 10 } }));
    const out = join(dir, 'minn-results.json');
    const r = await runCli(['analyze', '--data', join(root, 'data-samples/responses.csv'), '--config', cfg, '--out', out]);
    expect(r.code).toBe(0);
    expect(JSON.parse(readFileSync(out, 'utf8')).config.suppressionThreshold).toBe(10);
    writeFileSync(cfg, JSON.stringify({ suppression: { minN: 10 }, suppressionThreshold: 5 }));
    const bad = await runCli(['analyze', '--data', join(root, 'data-samples/responses.csv'), '--config', cfg]);
    expect(bad.code).toBe(4);
    expect(bad.err).toContain('disagree');
  });

  it('prints the results schema', async () => {
    const r = await runCli(['analyze', '--print-schema']);
    expect(JSON.parse(r.out).title).toBe('diag analysis results');
  });

  it('needs a frame for frame weights', async () => {
    const r = await runCli(['analyze', '--data', join(root, 'data-samples/responses.csv'), '--weights', 'frame']);
    expect(r.code).toBe(64);
    expect(r.err).toContain('weights "frame" need a frame');
  });
});
