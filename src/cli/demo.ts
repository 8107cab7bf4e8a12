import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeFileSync, writeSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadQuestionnaire } from '../questionnaire/load.ts';
import { readFrameInput, readResponsesInput } from '../pipeline/from-file.ts';
import { readFrameFile } from '../sampling/frame-file.ts';
import { implement, intOption, type Io } from './command.ts';
import { demoSpec } from './commands.ts';
import { instrumentRef, type PilotInstrumentKind, type Questionnaire } from '../questionnaire/types.ts';
import { DEMO_PILOT_WAVES, demoPilotEvaluation, demoPilotWaves, pilotLinkLines } from './demo-pilot.ts';
import { openStore, resolveDataDir } from '../responses/store/open.ts';
import { hashToken, newToken } from '../responses/store/tokens.ts';
import type { Store } from '../responses/store/types.ts';
import { createWave, waveLinks, type InvitationLink } from '../responses/waves.ts';
import { importResponsesFile } from '../responses/import.ts';
import { assertPortFree, startServer, untilSignal } from '../server/server.ts';
import { smtpConfigFromEnv } from '../responses/mail.ts';
import { renderSegmentReport } from '../report/report.ts';
import { analyze } from '../analysis/analyze.ts';
import { DEFAULT_CONFIG } from '../analysis/config.ts';
import { loadCatalogue } from '../recommendations/catalogue.ts';
import { writeReports } from '../report/report.ts';
import { buildProgrammes, populationOf } from '../recommendations/programme.ts';
import { DEFAULT_PLAN } from '../recommendations/rollout.ts';
import { writeProgrammes } from '../report/programme/render.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * The main job on the embedded default (`npm start`): loads the questionnaire, the shipped sample frame and
 * responses, validates them all, analyses them with frame weights and writes reports/results.json, the
 * three PDF diagnostic reports and the six programmes (PDF and JSON) into reports/, and the pilot evaluation from
 * the shipped synthetic pilot data into reports/pilot/.
 */
export const demoCommand = implement(demoSpec, {
  async run({ values }, io) {
    const dataFile = values.data ? resolve(io.cwd, values.data) : join(root, 'data-samples', 'responses.csv');
    const frameFile = values.frame ? resolve(io.cwd, values.frame) : join(root, 'data-samples', 'frame.csv');
    const show = (p: string) => relative(io.cwd, p) || p;

    // a busy port is said at once, before the analysis, the reports and the store are touched
    const port = intOption(values.port, 'port', 8080, 0);
    if (!values['no-serve']) await assertPortFree('127.0.0.1', port, `npm start -- --port ${port === 8080 ? 8081 : 8080} (or diag demo --port N; --port 0 takes any free port)`);

    const q = loadQuestionnaire(values.questionnaire ? resolve(io.cwd, values.questionnaire) : undefined);
    const kinds = new Set(q.variables.flatMap((v) => v.visibility.jstKinds));
    io.out(`Questionnaire ${show(q.file)} (version ${q.version}): ${q.questions.length} questions, ${q.variables.length} variables, ${q.areas.length} competence areas, ${kinds.size} JST kinds — OK\n`);

    if (!existsSync(frameFile)) throw new Error(`missing ${frameFile}`);
    const frameData = readFrameInput({ path: frameFile, cwd: io.cwd });
    const { frame } = frameData;
    io.out(`Frame ${show(frameFile)}: ${frame.length} JSTs${frame.every((u) => u.synthetic) ? ' (synthetic)' : ''} — OK\n`);

    // read, validated and hashed by the pipeline, as `diag analyze --data` reads them
    const data = readResponsesInput(q, { path: dataFile, cwd: io.cwd });
    const known = new Set(frame.map((u) => u.teryt));
    const jsts = new Set(data.prepared.dataset.jst);
    const outside = [...jsts].filter((t) => !known.has(t));
    io.out(`Responses ${show(dataFile)}: ${data.prepared.dataset.n} respondents from ${jsts.size} JSTs; ${data.prepared.dataset.n} valid, 0 invalid; ${outside.length} JSTs outside the frame\n`);
    if (outside.length > 0) {
      io.err(`  JSTs outside the frame: ${outside.slice(0, 10).join(', ')}${outside.length > 10 ? ', …' : ''}\n`);
      io.out('Problems found: see above.\n');
      return 1;
    }

    const results = analyze({
      questionnaire: q, prepared: data.prepared, frame, config: { ...DEFAULT_CONFIG, weights: 'frame' },
      source: { ...data.source, ...frameData.source },
    });
    const outDir = values.out ? resolve(io.cwd, values.out) : join(root, 'reports');
    mkdirSync(outDir, { recursive: true });
    const resultsFile = join(outDir, 'results.json');
    writeFileSync(resultsFile, JSON.stringify(results, null, 1) + '\n');
    io.out(`Analysis: ${results.dataset.analysed} respondents analysed, ${results.dataset.excluded} excluded by the data-quality rules; weights ${results.weights.method} to the frame (Kish design effect ${results.weights.kishDesignEffect?.toFixed(2)})\n`);
    for (const seg of results.config.segments) {
      const cell = results.priorities.cells.find((c) => c.segment === seg.code && c.group === 'all');
      if (!cell || 'suppressed' in cell) continue;
      const top = [...cell.areas].sort((a, b) => (a.rank ?? 99) - (b.rank ?? 99)).slice(0, 3);
      const label = (code: string) => q.areas.find((a) => a.code === code)?.label.en ?? code;
      io.out(`  ${seg.label.en}: training priorities ${top.map((a) => `${label(a.area)} (MWDS ${a.mwds?.toFixed(2)})`).join('; ')}\n`);
    }
    const catalogue = loadCatalogue(q, results.config.segments.map((s) => s.code));
    const programmes = buildProgrammes({ results, questionnaire: q, catalogue, plan: DEFAULT_PLAN, population: populationOf(results, frame) });
    const date = new Date();
    const written = await writeReports({ results, questionnaire: q, catalogue, lang: 'pl', date, programmes }, outDir);
    io.out(`Reports:\n${written.map((p) => `  ${show(p)}`).join('\n')}\n`);
    const programmeFiles = await writeProgrammes(programmes, { lang: 'pl', date, synthetic: Object.keys(results.dataset.sources).includes('synthetic'), suppressionThreshold: results.config.suppressionThreshold }, outDir);
    io.out(`Programmes (PDF and JSON; rollout plan: diag programmes --print-plan):\n${programmeFiles.filter((p) => p.endsWith('.pdf')).map((p) => `  ${show(p)} (+ .json)`).join('\n')}\n`);
    // the shipped pilot sample answers the shipped diagnosis questionnaire
    if (q.hash === loadQuestionnaire().hash) await demoPilotEvaluation(q, root, outDir, date, io);
    else io.out('Pilot evaluation: skipped (the shipped pilot sample is of surveys/diagnoza-jst.json, not of this questionnaire)\n');
    io.out(`Results: ${show(resultsFile)}. The data are SYNTHETIC (see data-samples/README.md).\n`);
    if (values['no-serve']) return 0;
    return serveDemo(q, frameFile, dataFile, port, io);
  },
});

const DEMO_WAVE = 'demo-pilot';
/** How the demo's waves are drawn: 30 JSTs, 3 officials each (the pilot's size), the same JSTs for every wave. */
const DEMO_DRAW = { size: 30, seed: '2026', slots: 3 };
const DEMO_TOKEN_NAME = 'demo';
/** How long a demo admin token works before `npm start` makes the next one. */
const DEMO_TOKEN_DAYS = 30;

/**
 * The demo's admin token: made once and kept in the data folder (`secrets/demo-admin-token`, mode 0600, beside the
 * wave secrets), then reused at every start while the store still accepts it; a new one (and the old one revoked)
 * only when it is missing, revoked or expired. So `npm start` no longer leaves a new token in the store each time.
 */
export async function demoAdminToken(store: Store, dataDir: string): Promise<{ token: string; reused: boolean; file: string; expiresAt: string }> {
  const file = join(dataDir, 'secrets', 'demo-admin-token');
  if (existsSync(file)) {
    const token = readFileSync(file, 'utf8').trim();
    const found = /^[A-Za-z0-9_-]{16,128}$/.test(token) ? await store.findAdminToken(hashToken(token)) : null;
    if (found) return { token, reused: true, file, expiresAt: found.expiresAt ?? '—' };
  }
  await store.revokeAdminToken(DEMO_TOKEN_NAME).catch(() => undefined);
  const token = newToken();
  const expiresAt = new Date(Date.now() + DEMO_TOKEN_DAYS * 86_400_000).toISOString();
  await store.createAdminToken(DEMO_TOKEN_NAME, hashToken(token), { expiresAt });
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.tmp`;
  const fd = openSync(tmp, 'w', 0o600);
  try {
    writeSync(fd, `${token}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
  return { token, reused: false, file, expiresAt };
}

/**
 * The invitation link to print: the first whose invitation still has a free slot in an open wave (a used-up link
 * would only show "already filled in" to whoever follows it); undefined when there is none.
 */
export async function openLink(store: Store, wave: string, links: readonly InvitationLink[]): Promise<{ link: InvitationLink | undefined; free: number }> {
  const w = await store.getWave(wave);
  const free = new Set((await store.listInvitations(wave)).filter((i) => i.slotsUsed < i.slots).map((i) => i.teryt));
  return { link: w?.status === 'open' ? links.find((l) => free.has(l.teryt)) : undefined, free: w?.status === 'open' ? free.size : 0 };
}

/**
 * The live part of the demo: the store filled once with the sample frame and responses, a diagnosis wave of
 * 30 JSTs with invitation links, and the server on 127.0.0.1 until Ctrl-C.
 */
async function serveDemo(q: Questionnaire, frameFile: string, dataFile: string, port: number, io: Io): Promise<number> {
  const dataDir = resolveDataDir();
  const store = await openStore();
  let pilot: Awaited<ReturnType<typeof demoPilotWaves>>;
  try {
    if (!(await store.findFrame())) {
      const frame = readFrameFile(frameFile);
      await store.importFrame({ name: 'demo-synthetic', version: frame.version, source: frameFile }, frame.units);
      io.out(`Store: frame of ${frame.units.length} synthetic JSTs loaded\n`);
    }
    if (!(await store.getWave(DEMO_WAVE))) {
      const created = await createWave(store, { name: DEMO_WAVE, ...DEMO_DRAW, strata: ['kind'], allocation: 'proportional', dataDir, instrument: instrumentRef(q) });
      io.out(`Store: wave ${DEMO_WAVE} with ${created.sample.units.length} invited JSTs created\n`);
    }
    pilot = await demoPilotWaves(store, dataDir, DEMO_DRAW, io);
    if ((await store.countResponses()) === 0) {
      const report = await importResponsesFile(q, store, dataFile, { source: 'other' });
      io.out(`Store: ${report.added} sample responses imported\n`);
    }
  } catch (e) {
    await store.close();
    throw e;
  }
  const admin = await demoAdminToken(store, dataDir);
  const catalogueFor = (segments: string[]) => loadCatalogue(q, segments);
  const server = await startServer({
    store,
    cwd: io.cwd,
    questionnaire: q,
    instruments: Object.values(pilot),
    host: '127.0.0.1',
    port,
    portHint: 'npm start -- --port N (--port 0 takes any free port)',
    dataDir,
    smtp: smtpConfigFromEnv(),
    logger: false,
    reports: (results, segment, lang) => renderSegmentReport({ results, questionnaire: q, catalogue: catalogueFor(results.config.segments.map((s) => s.code)), lang, date: new Date() }, segment),
  });
  const links = await waveLinks(store, dataDir, DEMO_WAVE, server.url);
  const { link, free } = await openLink(store, DEMO_WAVE, links);
  io.out(`\nServer: ${server.url} (store: ${store.backend} ${store.location})\n`);
  // a data folder kept from an earlier version: its demo wave collects another version of the questionnaire
  const bound = (await store.getWave(DEMO_WAVE))?.instrument;
  if (bound && bound.sha256 !== q.hash) io.out(`  Questionnaire: the demo wave ${DEMO_WAVE} in this data folder was created for ${bound.file} version ${bound.version} as it was then (SHA-256 ${bound.sha256.slice(0, 12)}…), so its links are refused; start afresh with an empty data folder (DIAG_DATA_DIR=/tmp/diag-demo npm start)\n`);
  else if (link) io.out(`  Questionnaire for ${link.name}: ${link.link} (${free} of ${links.length} demo invitations still take answers)\n`);
  else io.out(`  Questionnaire: every invitation of the demo wave ${DEMO_WAVE} is used up or the wave is closed; start afresh with an empty data folder (DIAG_DATA_DIR=/tmp/diag-demo npm start), or draw a new wave: diag wave create --help\n`);
  const pilotLinks = {} as Record<PilotInstrumentKind, string | undefined>;
  for (const [kind, wave] of Object.entries(DEMO_PILOT_WAVES) as [PilotInstrumentKind, string][]) pilotLinks[kind] = (await openLink(store, wave, await waveLinks(store, dataDir, wave, server.url))).link?.link;
  // Ctrl-C is taken from before "Stop with Ctrl-C" is printed: whoever reads the line may press it at once
  const stopping = untilSignal();
  io.out(pilotLinkLines(root, pilotLinks));
  io.out(`  Dashboard (signs in with the demo's admin token): ${server.url}/admin#token=${admin.token}\n`);
  io.out(`  Admin token: ${admin.token} (${admin.reused ? 'the same as last time' : 'new'}; kept in ${relative(io.cwd, admin.file) || admin.file}, valid until ${admin.expiresAt.slice(0, 10)})\n`);
  io.out(`  API documentation: ${server.url}/api/docs/openapi.json\n  Stop with Ctrl-C.\n`);
  const signal = await stopping;
  io.out(`${signal}: stopping\n`);
  await server.close();
  return 0;
}
