/**
 * The dashboard's programme downloads: the list, each programme as JSON and PDF, behind the admin token,
 * built by the same library functions as `diag programmes` from the analysis of the stored responses.
 */
import { hashToken } from '../../src/responses/store/tokens.ts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadCatalogue } from '../../src/recommendations/catalogue.ts';
import { buildProgrammes, populationOf, type ProgrammeDoc } from '../../src/recommendations/programme.ts';
import { DEFAULT_PLAN } from '../../src/recommendations/rollout.ts';
import type { Results } from '../../src/analysis/results-schema.ts';
import { generateSynthetic } from '../../src/synth/generate.ts';
import { shippedQuestionnaire } from '../helpers/questionnaire.ts';
import { admin, startTestServer, type TestServer } from './helpers.ts';

let s: TestServer;
afterEach(async () => s.close());

describe('programmes from the store', () => {
  const q = shippedQuestionnaire();
  const synthetic = generateSynthetic(q, { respondents: 600, seed: 'server-programmes' });

  beforeEach(async () => {
    s = await startTestServer();
    await s.store.importFrame({ name: 'synthetic', version: '1', source: 'test' }, synthetic.frame);
    await s.store.importResponses({ fileName: 'synthetic.csv', sha256: '0'.repeat(64) }, synthetic.responses);
  });

  it.each(['/api/admin/programmes', '/api/admin/programmes/GW-K.json', '/api/admin/programmes/GW-K.pdf'])('refuses %s without the admin token', async (url) => {
    const r = await s.app.inject({ url });
    expect(r.statusCode).toBe(401);
  });

  it('lists the six programmes and serves each as the same JSON the library builds, and as a PDF', async () => {
    const list = await admin(s, '/api/admin/programmes');
    expect(list.statusCode).toBe(200);
    const body = list.json() as { programmes: { code: string; files: { pl: string }; hours: number[] }[] };
    expect(body.programmes.map((p) => p.code)).toEqual(['GW-K', 'GW-O', 'GM-K', 'GM-O', 'PW-K', 'PW-O']);
    expect(body.programmes[0]!.files.pl).toBe('program-gminy-wiejskie-kadra-zarzadzajaca.pdf');

    const results = (await admin(s, '/api/admin/results')).json() as Results;
    const expected = buildProgrammes({ results, questionnaire: q, catalogue: loadCatalogue(q, results.config.segments.map((x) => x.code)), plan: DEFAULT_PLAN, population: populationOf(results) });
    const json = await admin(s, '/api/admin/programmes/PW-O.json');
    expect(json.statusCode).toBe(200);
    expect(json.headers['content-disposition']).toContain('program-powiaty-pracownicy-operacyjni.json');
    expect(json.json() as ProgrammeDoc).toEqual(JSON.parse(JSON.stringify(expected.find((d) => d.code === 'PW-O'))));
    expect(body.programmes.find((p) => p.code === 'PW-O')!.hours).toEqual(expected.find((d) => d.code === 'PW-O')!.schedule.years);

    const pdf = await admin(s, '/api/admin/programmes/PW-O.pdf?lang=en');
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toContain('programme-counties-operational-staff.pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await admin(s, '/api/admin/programmes/XX-K.json')).statusCode).toBe(404);
  }, 120_000);

  it('builds the programmes of one wave with ?wave=, from that wave\'s results', async () => {
    expect((await admin(s, '/api/admin/programmes?wave=w1')).json()).toMatchObject({ code: 'INPUT_NOT_FOUND', message: expect.stringMatching(/, wave w1: no responses to analyse$/) });
    expect((await admin(s, '/api/admin/programmes?wave=nope')).statusCode).toBe(404);
    // a wave drawn from the synthetic frame, with 300 of its responses
    const frame = (await s.store.findFrame('synthetic'))!;
    await s.store.createWave(
      { name: 'w2', frameId: frame.id, sampleSize: synthetic.sampled.length, strata: ['kind'], allocation: 'equal', seed: 's', slots: 5, allocationTable: [], secretFingerprint: '0'.repeat(16) },
      synthetic.sampled.map((u, i) => ({ teryt: u.teryt, tokenHash: hashToken(`w2-${i}`), slots: 5, stratum: u.kind, inclusionProbability: 1, baseWeight: 1 })),
    );
    await s.store.importResponses({ fileName: 'w2.csv', sha256: '1'.repeat(64) }, synthetic.responses.slice(0, 300).map((r) => ({ ...r, id: `w2-${r.id}`, meta: { ...r.meta, wave: 'w2' } })));
    const r = await admin(s, '/api/admin/results?wave=w2');
    expect(r.statusCode, r.body.slice(0, 500)).toBe(200);
    const results = r.json() as Results;
    expect(results.input.data.file).toMatch(/^store:sqlite:.*diag\.sqlite, wave w2$/);
    const expected = buildProgrammes({ results, questionnaire: q, catalogue: loadCatalogue(q, results.config.segments.map((x) => x.code)), plan: DEFAULT_PLAN, population: populationOf(results) });
    const json = await admin(s, '/api/admin/programmes/GW-K.json?wave=w2');
    expect(json.json() as ProgrammeDoc).toEqual(JSON.parse(JSON.stringify(expected.find((d) => d.code === 'GW-K'))));
    const all = (await admin(s, '/api/admin/programmes/GW-K.json')).json() as ProgrammeDoc;
    expect(all).not.toEqual(json.json());
  }, 120_000);
});
