/**
 * The pilot end to end, as a research team runs it: the diagnosis of the pilot's officials → participant codes
 * issued from it (`diag pilot codes`) → a wave per pilot questionnaire bound to it (`diag wave create
 * --questionnaire`), answered partly in Chromium through the server's links (the participant types the code from
 * the invitation) and partly imported from CSV (`diag import --wave`) → the waves exported (`diag export --wave
 * --questionnaire`) → the paired analysis (`diag pilot analyze`) → the evaluation report with its catalogue change
 * list (`diag pilot report`).
 *
 * The answers are a synthetic pilot's (synth/pilot.ts, with its planted effects), their codes replaced by the ones
 * `diag pilot codes` issued. What went through the browser and the store must give the same evaluation as the same
 * answers analysed straight from files: every figure within 1e-12 (the order of the responses may differ, so sums
 * may differ in the last bits), and the same decisions.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import type { SurveyModel } from 'survey-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PILOT_INSTRUMENT_FILES, shippedPilotInstruments } from '../../src/questionnaire/instrument.ts';
import type { SurveyResponse } from '../../src/questionnaire/response.ts';
import type { PilotInstrumentKind } from '../../src/questionnaire/types.ts';
import { openStore } from '../../src/responses/store/open.ts';
import { writeResponsesCsv } from '../../src/responses/csv.ts';
import { writeFrameCsv } from '../../src/sampling/frame.ts';
import { startServer, type RunningServer } from '../../src/server/server.ts';
import { generatePilot } from '../../src/synth/pilot.ts';
import { PILOT_FILES, writePilotFiles } from '../../src/synth/pilot-files.ts';
import { runCli } from '../helpers/io.ts';
import { shippedQuestionnaire } from '../helpers/questionnaire.ts';
import { findChromium, launchChromium } from './harness.ts';

declare const window: { survey: SurveyModel; diagState: { completed: boolean } };

const chromiumPath = findChromium();
const q = shippedQuestionnaire();
const instruments = shippedPilotInstruments();
const KINDS: PilotInstrumentKind[] = ['reaction', 'post', 'followup'];
const WAVES: Record<PilotInstrumentKind, string> = { reaction: 'pilot-reactions', post: 'pilot-post', followup: 'pilot-followup' };
const SECRET = 'the pilot team keeps this secret apart from the data';

/** Every number of two JSON values within `tol`, everything else equal; the paths that differ. */
function differences(a: unknown, b: unknown, tol: number, path = '$'): string[] {
  if (typeof a === 'number' && typeof b === 'number') return Math.abs(a - b) <= tol * Math.max(1, Math.abs(a)) ? [] : [`${path}: ${a} vs ${b}`];
  if (Array.isArray(a) && Array.isArray(b)) return a.length !== b.length ? [`${path}: length ${a.length} vs ${b.length}`] : a.flatMap((x, i) => differences(x, b[i], tol, `${path}[${i}]`));
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].flatMap((k) => differences((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], tol, `${path}.${k}`));
  }
  return a === b ? [] : [`${path}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`];
}

describe.skipIf(!chromiumPath)('the pilot end to end: diagnosis → codes → browser and CSV answers → paired analysis → report', () => {
  const work = mkdtempSync(join(tmpdir(), 'diag-pilot-e2e-'));
  const dataDir = join(work, 'data');
  const saved = { data: process.env.DIAG_DATA_DIR, url: process.env.DATABASE_URL };
  let browser: Browser;
  let server: RunningServer;

  beforeAll(async () => {
    process.env.DIAG_DATA_DIR = dataDir;
    delete process.env.DATABASE_URL;
    browser = await launchChromium(chromiumPath);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (saved.data === undefined) delete process.env.DIAG_DATA_DIR;
    else process.env.DIAG_DATA_DIR = saved.data;
    if (saved.url !== undefined) process.env.DATABASE_URL = saved.url;
    rmSync(work, { recursive: true, force: true });
  });

  it('links what officials answered in the browser and on paper to their diagnosis, and evaluates the pilot from it', async () => {
    // 1. the diagnosis of the pilot's officials (a synthetic pilot: 30 JSTs, 120 officials)
    const pilot = generatePilot(q, instruments, { seed: 77 });
    const synthDir = join(work, 'synth');
    const files = writePilotFiles(synthDir, q, instruments, pilot);

    // 2. participant codes issued from the diagnosis responses, with the team's secret
    writeFileSync(join(work, 'secret.txt'), `${SECRET}\n`);
    const register = join(work, 'register.csv');
    const codes = await runCli(['pilot', 'codes', '--diagnosis', files.diagnosis, '--secret-file', join(work, 'secret.txt'), '--out', register]);
    expect(codes.code, codes.err).toBe(0);
    const issued = new Map(readFileSync(register, 'utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/).slice(1).map((l) => l.split(';') as [string, string]).map(([code, id]) => [id, code]));
    expect(issued.size).toBe(pilot.diagnosis.length);
    expect(readFileSync(register, 'utf8')).not.toContain(SECRET);
    // the pilot's answers carry the codes the officials were given
    const codeOf = new Map(pilot.register.map((r) => [r.code, issued.get(r.respondentId)!]));
    const recode = (kind: PilotInstrumentKind, rs: SurveyResponse[]) => rs.map((r) => ({ ...r, data: { ...r.data, [instruments[kind].participantCode]: codeOf.get(r.data[instruments[kind].participantCode] as string)! } }));
    const answersOf: Record<PilotInstrumentKind, SurveyResponse[]> = { reaction: recode('reaction', pilot.reactions), post: recode('post', pilot.post), followup: recode('followup', pilot.followup) };

    // the same answers straight from files: the reference evaluation
    const direct = join(work, 'direct');
    mkdirSync(direct);
    for (const kind of KINDS) writeFileSync(join(direct, PILOT_FILES[kind]), writeResponsesCsv(instruments[kind], answersOf[kind]));
    const directResults = join(work, 'direct-results.json');
    const ref = await runCli(['pilot', 'analyze', '--diagnosis', files.diagnosis, '--register', register, '--post', join(direct, PILOT_FILES.post), '--reactions', join(direct, PILOT_FILES.reaction), '--followup', join(direct, PILOT_FILES.followup), '--date', '2027-10-01', '--out', directResults]);
    expect(ref.code, ref.err).toBe(0);

    // 3. the pilot's JSTs as the frame, and a wave per questionnaire inviting all 30 of them
    const frameFile = join(work, 'pilot-frame.csv');
    writeFileSync(frameFile, writeFrameCsv(pilot.jsts));
    expect((await runCli(['frame', 'import', frameFile])).code).toBe(0);
    for (const kind of KINDS) {
      const made = await runCli(['wave', 'create', '--name', WAVES[kind], '--size', '30', '--strata', '', '--allocation', 'proportional', '--seed', '1', '--slots', '40', '--questionnaire', PILOT_INSTRUMENT_FILES[kind]]);
      expect(made.code, made.err).toBe(0);
    }
    const store = await openStore({ dataDir, databaseUrl: '' });
    server = await startServer({ store, questionnaire: q, instruments: Object.values(instruments), host: '127.0.0.1', port: 0, portHint: '', logger: false, rateLimit: false, cwd: work });

    // 4. two officials of one JST answer in the browser: A all three questionnaires (one module), B the end-of-programme one
    const [a, b] = answersOf.post.slice(0, 2).map((r) => r.data[instruments.post.participantCode] as string);
    const own = (kind: PilotInstrumentKind, code: string) => answersOf[kind].filter((r) => r.data[instruments[kind].participantCode] === code);
    const online = [
      { kind: 'reaction' as const, response: own('reaction', a!)[0]! },
      { kind: 'post' as const, response: own('post', a!)[0]! },
      { kind: 'followup' as const, response: own('followup', a!)[0] },
      { kind: 'post' as const, response: own('post', b!)[0]! },
    ].filter((x): x is { kind: PilotInstrumentKind; response: SurveyResponse } => x.response !== undefined);
    const teryt = pilot.diagnosis.find((r) => r.id === pilot.register.find((x) => codeOf.get(x.code) === a)!.respondentId)!.data[q.roles.teryt] as string;
    const context = await browser.newContext({ locale: 'pl-PL', viewport: { width: 1200, height: 900 } });
    for (const { kind, response } of online) {
      const links = join(work, `links-${kind}.csv`);
      expect((await runCli(['wave', 'links', WAVES[kind], '--out', links, '--base-url', server.url])).code).toBe(0);
      const link = readFileSync(links, 'utf8').split(/\r?\n/).find((l) => l.startsWith(`${teryt};`))!.split(';').pop()!;
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(link);
      expect(page.url()).toMatch(/\/q\/[0-9a-f]{12}\/s\//);
      await page.waitForFunction(() => window.survey !== undefined);
      const codeQuestion = instruments[kind].participantCode;
      const { [codeQuestion]: code, ...rest } = response.data;
      // the official types the code from the invitation, in lower case as people do; the rest of the answers are set
      await page.locator(`[data-name="${codeQuestion}"] input`).pressSequentially(String(code).toLowerCase());
      await page.locator(`[data-name="${codeQuestion}"] input`).press('Tab');
      await page.evaluate((data) => { for (const [k, v] of Object.entries(data)) window.survey.setValue(k, v); }, rest);
      for (let step = 0; step < 20 && !(await page.evaluate(() => window.diagState.completed)); step++) {
        const last = await page.evaluate(() => window.survey.isLastPage);
        await page.getByRole('button', { name: last ? 'Zakończyć i wysłać' : 'Dalej', exact: true }).click();
        if (last) await page.waitForFunction(() => window.diagState.completed, undefined, { timeout: 10_000 });
      }
      expect(await page.evaluate(() => window.diagState.completed)).toBe(true);
      expect(errors).toEqual([]);
      await page.close();
    }
    await context.close();

    // 5. the rest from CSV (paper questionnaires), imported into each wave
    for (const kind of KINDS) {
      const rest = answersOf[kind].filter((r) => !online.some((o) => o.response === r)).map((r) => ({ ...r, meta: { ...r.meta, wave: WAVES[kind] } }));
      const csv = join(work, `paper-${kind}.csv`);
      writeFileSync(csv, writeResponsesCsv(instruments[kind], rest));
      const imported = await runCli(['import', csv, '--wave', WAVES[kind], '--source', 'paper', '--questionnaire', PILOT_INSTRUMENT_FILES[kind]]);
      expect(imported.code, imported.err).toBe(0);
      expect(await store.countResponses({ wave: WAVES[kind] })).toBe(answersOf[kind].length);
    }
    // the browser's answers were stored as typed: the code upper-cased to the issued one
    const web = (await store.listResponses({ wave: WAVES.post })).filter((r) => r.meta.source === 'web');
    expect(web.map((r) => r.data[instruments.post.participantCode]).sort()).toEqual([a, b].sort());

    // 6. exported wave by wave, analysed with the register, and reported
    const exported: Record<PilotInstrumentKind, string> = { reaction: '', post: '', followup: '' };
    for (const kind of KINDS) {
      const out = join(work, `export-${kind}`);
      const r = await runCli(['export', '--wave', WAVES[kind], '--questionnaire', PILOT_INSTRUMENT_FILES[kind], '--out', out]);
      expect(r.code, r.err).toBe(0);
      exported[kind] = join(out, `responses-${WAVES[kind]}.csv`);
    }
    const resultsFile = join(work, 'pilot-results.json');
    const analysed = await runCli(['pilot', 'analyze', '--diagnosis', files.diagnosis, '--register', register, '--post', exported.post, '--reactions', exported.reaction, '--followup', exported.followup, '--date', '2027-10-01', '--out', resultsFile]);
    expect(analysed.code, analysed.err).toBe(0);
    const results = JSON.parse(readFileSync(resultsFile, 'utf8'));
    const reference = JSON.parse(readFileSync(directResults, 'utf8'));
    // every official who ended the programme, online or on paper, is linked to their diagnosis as a completer
    const completers = (results.attrition as { programme: string; completers: { n: number } }[]).filter((x) => x.programme !== 'all').reduce((n, x) => n + x.completers.n, 0);
    expect(completers).toBe(pilot.post.length);
    // the inputs' hashes differ (other files), and so does "synthetic": the answers came in as web and paper responses
    const { inputs: _i, synthetic: webSynthetic, ...got } = results;
    const { inputs: _r, synthetic: fileSynthetic, ...want } = reference;
    expect([webSynthetic, fileSynthetic]).toEqual([false, true]);
    expect(differences(got, want, 1e-12)).toEqual([]);
    // the planted effect is there: rural management's data-analysis level rises by about 0.6
    const dane = results.change.find((c: { programme: string; staffGroup: string; area: string; item?: string }) => c.programme === 'GW_K' && c.staffGroup === 'all' && c.area === 'DANE' && c.item === undefined);
    expect(dane.stats.meanChange).toBeGreaterThan(0.3);

    const reportDir = join(work, 'report');
    const reported = await runCli(['pilot', 'report', '--results', resultsFile, '--date', '2027-10-02', '--out', reportDir]);
    expect(reported.code, reported.err).toBe(0);
    for (const f of ['ewaluacja-pilotazu.pdf', 'catalogue-changes.json', 'catalogue-changes.csv']) expect(existsSync(join(reportDir, f)), f).toBe(true);
    if (existsSync('/usr/bin/pdftotext')) {
      const text = execFileSync('pdftotext', ['-layout', join(reportDir, 'ewaluacja-pilotazu.pdf'), '-'], { encoding: 'utf8' });
      expect(text).toContain('Zmiany w katalogu programów');
      // no participant code reaches the report
      for (const code of [a, b]) expect(text).not.toContain(code);
    }
  }, 240_000);
});

