/**
 * The pilot in `npm start`: the evaluation report from the shipped synthetic pilot data (data-samples/pilot/:
 * the diagnosis of the pilot's officials, the register of participant codes, module reactions, end-of-programme and
 * 3-month follow-up responses), and, on the live server, one wave per pilot questionnaire in the demo's JSTs with
 * links that take answers.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { DEFAULT_CONFIG } from '../analysis/config.ts';
import { DEFAULT_CATALOGUE } from '../recommendations/catalogue.ts';
import { catalogueChangeList, pilotFilesIn } from './pilot-steps.ts';
import { analyzePilot } from '../analysis/pilot/analyze.ts';
import { DEFAULT_PILOT_CONFIG } from '../analysis/pilot/types.ts';
import { readPilotInput, readRegister } from '../pipeline/pilot.ts';
import { shippedPilotInstruments } from '../questionnaire/instrument.ts';
import { instrumentRef, type PilotInstrument, type PilotInstrumentKind, type Questionnaire } from '../questionnaire/types.ts';
import type { Store } from '../responses/store/types.ts';
import { createWave } from '../responses/waves.ts';
import { PILOT_FILES } from '../synth/pilot-files.ts';
import type { Io } from './command.ts';

/** The demo's wave per pilot questionnaire (the diagnosis' demo wave is `demo-pilot`: the pilot's 30 JSTs). */
export const DEMO_PILOT_WAVES: Record<PilotInstrumentKind, string> = {
  reaction: 'demo-pilot-reakcja',
  post: 'demo-pilot-koniec',
  followup: 'demo-pilot-po-3-miesiacach',
};

const KIND_LABEL: Record<PilotInstrumentKind, string> = {
  reaction: 'module reaction (after each module)',
  post: 'end of programme (competences now and before)',
  followup: 'three months later (applying it at work)',
};

/**
 * `diag pilot analyze` and `diag pilot report` on the shipped sample: pilot-results.json and the evaluation PDF in
 * `<outDir>/pilot/`. Returns the files written.
 */
export async function demoPilotEvaluation(q: Questionnaire, root: string, outDir: string, date: Date, io: Io): Promise<string[]> {
  const { input, inputs } = readPilotInput(pilotFilesIn(join(root, 'data-samples', 'pilot'), io.cwd), { diagnosis: q, ...shippedPilotInstruments() });
  const results = analyzePilot(input, { config: { ...DEFAULT_PILOT_CONFIG }, inputs, date });
  const pilotDir = join(outDir, 'pilot');
  mkdirSync(pilotDir, { recursive: true });
  const resultsFile = join(pilotDir, 'pilot-results.json');
  const text = `${JSON.stringify(results, null, 1)}\n`;
  writeFileSync(resultsFile, text);
  // the decisions as a change list against the shipped catalogue, as `diag pilot report` writes it
  const changes = catalogueChangeList({ questionnaire: q, segments: DEFAULT_CONFIG.segments.map((x) => x.code), cataloguePath: DEFAULT_CATALOGUE, results, resultsFile: { file: resultsFile, bytes: Buffer.from(text) } });
  const { writePilotReport } = await import('../report/pilot/render.ts');
  const [report, ...changeFiles] = await writePilotReport(results, { lang: 'pl', date, synthetic: results.synthetic === true, changes }, pilotDir);
  const all = results.participants.find((p) => p.programme === 'all')?.result;
  const linked = all && 'linked' in all ? all.linked : undefined;
  io.out(`Pilot evaluation (synthetic pilot in ${new Set(input.diagnosis.responses.map((r) => r.data[input.diagnosis.instrument.roles.teryt])).size} JSTs${linked === undefined ? '' : `, ${linked} officials linked by participant code`}):\n`);
  const counts = (d: string) => changes.changes.filter((c) => c.decision === d).length;
  for (const f of [report!, resultsFile]) io.out(`  ${relative(io.cwd, f) || f}\n`);
  io.out(`  ${changeFiles.map((f) => relative(io.cwd, f) || f).join(', ')}: the catalogue's modules kept ${counts('keep')}, revised ${counts('revise')}, dropped ${counts('drop')}\n`);
  return [report!, resultsFile, ...changeFiles];
}

/**
 * A wave per pilot questionnaire, drawn as the diagnosis' demo wave was (same frame, size, strata and seed: the same
 * 30 JSTs), bound to its questionnaire; created once.
 */
export async function demoPilotWaves(store: Store, dataDir: string, draw: { size: number; seed: string; slots: number }, io: Io): Promise<Record<PilotInstrumentKind, PilotInstrument>> {
  const instruments = shippedPilotInstruments();
  for (const [kind, name] of Object.entries(DEMO_PILOT_WAVES) as [PilotInstrumentKind, string][]) {
    if (await store.getWave(name)) continue;
    // a reaction per official and module: as many slots per JST as its officials answer modules
    const slots = kind === 'reaction' ? draw.slots * Math.max(1, instruments.reaction.modules.length) : draw.slots;
    await createWave(store, { name, size: draw.size, strata: ['kind'], allocation: 'proportional', seed: draw.seed, slots, dataDir, instrument: instrumentRef(instruments[kind]) });
    io.out(`Store: wave ${name} (${instrumentRef(instruments[kind]).file}) created\n`);
  }
  return instruments;
}

/** The lines the demo prints for the pilot's waves: a link of each and a participant code that links to the diagnosis. */
export function pilotLinkLines(root: string, links: Record<PilotInstrumentKind, string | undefined>): string {
  const code = readRegister({ path: join(root, 'data-samples', 'pilot', PILOT_FILES.register), cwd: root }).rows[0]?.code;
  const lines = (Object.keys(DEMO_PILOT_WAVES) as PilotInstrumentKind[]).map((kind) => `    ${KIND_LABEL[kind]}: ${links[kind] ?? `every invitation of ${DEMO_PILOT_WAVES[kind]} is used up`}`);
  return `  Pilot questionnaires (waves ${Object.values(DEMO_PILOT_WAVES).join(', ')}):\n${lines.join('\n')}\n${code ? `    participant code to try (from data-samples/pilot/${PILOT_FILES.register}): ${code}\n` : ''}`;
}
