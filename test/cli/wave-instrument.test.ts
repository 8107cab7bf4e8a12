/**
 * A wave is bound to the questionnaire it collects: `diag wave create --questionnaire` records its file, version and
 * SHA-256; importing into the wave, analysing it and serving its links with another questionnaire are refused with
 * both versions named, and work with the wave's own. Waves created before the binding are checked against nothing.
 */
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadQuestionnaire } from '../../src/questionnaire/load.ts';
import { runCli } from '../helpers/io.ts';
import { useDataDir } from './data-dir.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const data = useDataDir();

/** The shipped questionnaire under another file name and version: the same questions, another instrument. */
function otherVersion(): string {
  const dir = mkdtempSync(join(tmpdir(), 'diag-instrument-'));
  const file = join(dir, 'diagnoza-2027.json');
  copyFileSync(join(root, 'surveys/diagnoza-jst.json'), file);
  const programme = readFileSync(join(root, 'surveys/diagnoza-jst.programme.json'), 'utf8');
  writeFileSync(join(dir, 'diagnoza-2027.programme.json'), programme.replace('"version": "1.0"', '"version": "2027.1"'));
  return file;
}

describe('waves bound to their questionnaire', () => {
  it('records the questionnaire at wave create and lists it', async () => {
    expect((await runCli(['frame', 'import', 'data-samples/frame.csv'], root)).code).toBe(0);
    const custom = otherVersion();
    const made = await runCli(['wave', 'create', '--name', 'w2027', '--size', '20', '--strata', 'kind', '--allocation', 'proportional', '--seed', '1', '--questionnaire', custom], root);
    expect(made.code, made.err).toBe(0);
    expect(made.out).toContain('questionnaire diagnoza-2027.json version 2027.1');
    expect((await runCli(['wave', 'create', '--name', 'wdefault', '--size', '20', '--strata', 'kind', '--allocation', 'proportional', '--seed', '1'], root)).code).toBe(0);
    const store = await data.open();
    try {
      expect((await store.getWave('w2027'))?.instrument).toEqual({ file: 'diagnoza-2027.json', version: '2027.1', sha256: loadQuestionnaire(custom).hash });
      expect((await store.getWave('wdefault'))?.instrument).toEqual({ file: 'diagnoza-jst.json', version: '1.0', sha256: loadQuestionnaire().hash });
    } finally {
      await store.close();
    }
    const list = await runCli(['wave', 'list'], root);
    expect(list.out).toMatch(/^w2027\s+open\s+20\s+kind\s+proportional\s+1\s+3\s+diagnoza-2027\.json 2027\.1\s/m);
    expect(list.out).toMatch(/^wdefault\s+open\s+20\s+kind\s+proportional\s+1\s+3\s+diagnoza-jst\.json 1\.0\s/m);
  });

  it('refuses to import or analyse a wave\'s answers with another questionnaire, and takes its own', async () => {
    expect((await runCli(['frame', 'import', 'data-samples/frame.csv'], root)).code).toBe(0);
    const custom = otherVersion();
    // the shipped sample's responses name their wave demo-2026
    expect((await runCli(['wave', 'create', '--name', 'demo-2026', '--size', '20', '--strata', 'kind', '--allocation', 'proportional', '--seed', '1', '--questionnaire', custom], root)).code).toBe(0);

    const refused = await runCli(['import', 'data-samples/responses.csv', '--wave', 'demo-2026'], root);
    expect(refused.code).not.toBe(0);
    expect(refused.err).toContain('wave demo-2026 collects diagnoza-2027.json version 2027.1, not diagnoza-jst.json version 1.0: cannot import answers into it');
    const store = await data.open();
    expect(await store.countResponses()).toBe(0);
    await store.close();

    const imported = await runCli(['import', 'data-samples/responses.csv', '--wave', 'demo-2026', '--questionnaire', custom], root);
    expect(imported.code, imported.err).toBe(0);

    const out = join(data.dir, 'results.json');
    const wrong = await runCli(['analyze', '--store', '--wave', 'demo-2026', '--out', out], root);
    expect(wrong.code).not.toBe(0);
    expect(wrong.err).toContain('cannot analyse its answers with it');
    expect(wrong.err).toContain('pass --questionnaire with the file the wave was created for');
    const right = await runCli(['analyze', '--store', '--wave', 'demo-2026', '--questionnaire', custom, '--date', '2026-12-04', '--out', out], root);
    expect(right.code, right.err).toBe(0);
    expect(JSON.parse(readFileSync(out, 'utf8')).input.questionnaire).toMatchObject({ file: 'diagnoza-2027.json', version: '2027.1' });
  }, 120_000);

  it('will not serve an open wave\'s links with another questionnaire', async () => {
    expect((await runCli(['frame', 'import', 'data-samples/frame.csv'], root)).code).toBe(0);
    const custom = otherVersion();
    expect((await runCli(['wave', 'create', '--name', 'w2027', '--size', '20', '--strata', 'kind', '--allocation', 'proportional', '--seed', '1', '--questionnaire', custom], root)).code).toBe(0);
    const r = await runCli(['serve', '--port', '0'], root);
    expect(r.code).not.toBe(0);
    expect(r.err).toContain('wave w2027 collects diagnoza-2027.json version 2027.1, not diagnoza-jst.json version 1.0: cannot serve its links with this questionnaire');
    expect(r.err).toContain('or close the wave');
  });

  it('reports a pilot wave\'s fieldwork with its own questionnaire, and refuses another one', async () => {
    expect((await runCli(['frame', 'import', 'data-samples/frame.csv'], root)).code).toBe(0);
    const pilot = join(root, 'surveys/pilot-reakcja.json');
    expect((await runCli(['wave', 'create', '--name', 'reakcja', '--size', '6', '--strata', 'kind', '--allocation', 'proportional', '--seed', '1', '--questionnaire', pilot], root)).code).toBe(0);
    const own = await runCli(['wave', 'status', 'reakcja', '--questionnaire', pilot], root);
    expect(own.code, own.err).toBe(0);
    expect(own.out).toMatch(/^wave reakcja: 6 invited JSTs — 0 answered, 0 started, 6 not started; 0 responses/m);
    const merged = await runCli(['wave', 'mailmerge', 'reakcja', '--invitations', '--base-url', 'https://ankieta.example.pl', '--out', join(data.dir, 'merge.csv'), '--questionnaire', pilot], root);
    expect(merged.code, merged.err).toBe(0);
    const other = await runCli(['wave', 'status', 'reakcja', '--questionnaire', join(root, 'surveys/pilot-koniec.json')], root);
    expect(other.code).not.toBe(0);
    expect(other.err).toContain('wave reakcja collects pilot-reakcja.json version');
    expect(other.err).toContain('cannot report its fieldwork');
  });
});
