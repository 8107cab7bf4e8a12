/**
 * `--questionnaire` on the commands that analyse and render: a study's own questionnaire (here the shipped one with
 * an area renamed and a version of its own, in files of another name) is analysed and reported as such, and a report
 * refuses to label results.json with a questionnaire other than the one it was computed from.
 */
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadQuestionnaire } from '../../src/questionnaire/load.ts';
import { runCli } from '../helpers/io.ts';
import { findPoppler, pdfText } from '../report/poppler.ts';

const root = join(import.meta.dirname, '..', '..');
const frame = join(root, 'data-samples/frame.csv');
const data = join(root, 'data-samples/responses.csv');
const RENAMED = 'Analiza i wykorzystanie danych oświatowych';
const poppler = findPoppler();

describe('--questionnaire on analyze, report and programmes', () => {
  const dir = mkdtempSync(join(tmpdir(), 'diag-cli-questionnaire-'));
  const custom = join(dir, 'badanie-wlasne.json');
  const results = join(dir, 'results.json');

  beforeAll(async () => {
    copyFileSync(join(root, 'surveys/diagnoza-jst.json'), custom);
    const programme = readFileSync(join(root, 'surveys/diagnoza-jst.programme.json'), 'utf8');
    expect(programme).toContain('"Analiza danych oświatowych"');
    writeFileSync(join(dir, 'badanie-wlasne.programme.json'), programme.replace('"Analiza danych oświatowych"', JSON.stringify(RENAMED)).replace('"version": "1.0"', '"version": "1.0-wlasna"'));
    const r = await runCli(['analyze', '--data', data, '--frame', frame, '--questionnaire', custom, '--date', '2026-12-04', '--out', results]);
    expect(r.code, r.err).toBe(0);
  }, 120_000);

  it('records the questionnaire given in results.json: its file, version and SHA-256', () => {
    const recorded = JSON.parse(readFileSync(results, 'utf8')).input.questionnaire;
    expect(recorded).toEqual({ file: 'badanie-wlasne.json', version: '1.0-wlasna', sha256: loadQuestionnaire(custom).hash });
    expect(recorded.sha256).not.toBe(loadQuestionnaire().hash);
  });

  it('refuses to render results.json with another questionnaire, naming both versions', async () => {
    for (const command of ['report', 'programmes']) {
      const r = await runCli([command, '--results', results, '--frame', frame, '--out', join(dir, `refused-${command}`)]);
      expect(r.code, command).not.toBe(0);
      expect(r.err).toContain('was computed from another questionnaire');
      expect(r.err).toContain('badanie-wlasne.json version 1.0-wlasna');
      expect(r.err).toContain('pass --questionnaire');
    }
  });

  it.skipIf(!poppler)('renders the reports with the questionnaire the results came from, in its wording', async () => {
    const out = join(dir, 'reports');
    const r = await runCli(['report', '--results', results, '--questionnaire', custom, '--date', '2026-12-04', '--out', out]);
    expect(r.code, r.err).toBe(0);
    const text = pdfText(join(out, 'raport-gminy-wiejskie.pdf')).replace(/\s+/g, ' ');
    expect(text).toContain(RENAMED);
    expect(text).toContain('1.0-wlasna');
  }, 120_000);

  it('takes the questionnaire on demo too: the reports in its wording, the pilot (of the shipped one) skipped', async () => {
    const out = join(dir, 'demo');
    const r = await runCli(['demo', '--no-serve', '--questionnaire', custom, '--out', out]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('Questionnaire ');
    expect(r.out).toContain('badanie-wlasne.json (version 1.0-wlasna)');
    expect(r.out).toContain('Pilot evaluation: skipped');
    expect(JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')).input.questionnaire.file).toBe('badanie-wlasne.json');
  }, 120_000);
});
