import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { analyzePilot } from '../analysis/pilot/analyze.ts';
import { DEFAULT_PILOT_CONFIG, type PilotConfig } from '../analysis/pilot/types.ts';
import { DEFAULT_CONFIG } from '../analysis/config.ts';
import { DiagError } from '../errors.ts';
import { shippedPilotInstruments } from '../questionnaire/instrument.ts';
import { loadQuestionnaire } from '../questionnaire/load.ts';
import { readPilotInput, type PilotFiles } from '../pipeline/pilot.ts';
import { registerCsv } from '../synth/pilot-files.ts';
import { MIN_SECRET_LENGTH, participantCodes } from '../domain/participant-code.ts';
import { readResponsesFile } from '../responses/read-file.ts';
import { parseDate } from './analyze.ts';
import { implement, oneOf, type Io } from './command.ts';
import { pilotSpec } from './commands-pilot.ts';
import { pilotFilesIn } from './pilot-steps.ts';

export const pilotCommand = implement(pilotSpec, {
  async run({ values, positionals }, io) {
    const [sub, ...extra] = positionals;
    if (sub === 'analyze' && !extra.length && values['print-schema']) {
      io.out((await import('../analysis/pilot/results-schema.ts')).pilotResultsSchemaText());
      return 0;
    }
    if (sub === 'report' && !extra.length) return report(values, io);
    if (sub === 'codes' && !extra.length) return codes(values, io);
    if (sub !== 'analyze' || extra.length) throw new DiagError('USAGE', `diag pilot: expected "analyze", "report" or "codes", got "${positionals.join(' ')}" (see diag pilot --help)`);
    const ref = (path: string) => ({ path: resolve(io.cwd, path), cwd: io.cwd });
    let files: PilotFiles;
    if (values.dir) {
      if (values.diagnosis || values.register || values.post || values.reactions || values.followup) throw new DiagError('USAGE', 'give either --dir or the files, not both');
      files = pilotFilesIn(values.dir, io.cwd);
    } else {
      if (!values.diagnosis || !values.register || !values.post) throw new DiagError('USAGE', 'diag pilot analyze needs --dir DIR, or --diagnosis, --register and --post (see diag pilot --help)');
      files = {
        diagnosis: ref(values.diagnosis),
        register: ref(values.register),
        post: ref(values.post),
        ...(values.reactions ? { reaction: ref(values.reactions) } : {}),
        ...(values.followup ? { followup: ref(values.followup) } : {}),
      };
    }
    const config: PilotConfig = { ...DEFAULT_PILOT_CONFIG };
    if (values.config) {
      const { readConfigFile } = await import('../analysis/config-file.ts');
      const c = readConfigFile(resolve(io.cwd, values.config));
      config.minN = c.suppressionThreshold;
      config.level = c.level;
    }
    if (values['need-gap'] !== undefined) {
      const x = Number(values['need-gap']);
      if (!Number.isFinite(x) || x < 0 || x > 4) throw new DiagError('USAGE', `--need-gap must be a number from 0 to 4, got "${values['need-gap']}"`);
      config.needGap = x;
    }
    const diagnosis = loadQuestionnaire(values.questionnaire ? resolve(io.cwd, values.questionnaire) : undefined);
    const { input, inputs } = readPilotInput(files, { diagnosis, ...shippedPilotInstruments() });
    const results = analyzePilot(input, { config, inputs, date: values.date ? parseDate(values.date) : new Date() });
    const text = `${JSON.stringify(results, null, 1)}\n`;
    if (values.out) writeFileSync(resolve(io.cwd, values.out), text);
    else io.out(text);
    const all = results.participants.find((p) => p.programme === 'all')?.result;
    const withheld = results.withheld.reduce((a, t) => a + t.primary + t.complementary, 0);
    io.err(`pilot: ${all && 'linked' in all ? `${all.linked} officials linked` : 'officials linked'}; ${results.change.length} area cells, ${results.reactions.length} module-reaction cells; ${withheld} cells withheld (fewer than ${config.minN} participants or revealing one)${values.out ? `; written to ${values.out}` : ''}\n`);
    return 0;
  },
});

/**
 * `diag pilot report`: the PDF from pilot-results.json, checked against its schema first, and beside it the
 * catalogue change list (catalogue-changes.json / .csv) against the current programme catalogue (the renderer,
 * the schema and the catalogue are loaded only here).
 */
async function report(values: { results?: string | undefined; out?: string | undefined; lang?: string | undefined; date?: string | undefined; catalogue?: string | undefined; questionnaire?: string | undefined; config?: string | undefined }, io: Io): Promise<number> {
  if (!values.results || !values.out) throw new DiagError('USAGE', 'diag pilot report needs --results pilot-results.json and --out DIR');
  const path = resolve(io.cwd, values.results);
  let bytes: Buffer;
  let value: unknown;
  try {
    bytes = readFileSync(path);
    value = JSON.parse(bytes.toString('utf8').replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new DiagError('INPUT_INVALID', `${values.results} cannot be read as JSON: ${(e as Error).message}`, [{ file: values.results, message: 'expected pilot-results.json from `diag pilot analyze`' }]);
  }
  const lang = oneOf(values.lang, 'lang', ['pl', 'en'] as const, 'pl');
  const { checkPilotResults } = await import('../analysis/pilot/results-schema.ts');
  const results = checkPilotResults(value, values.results);
  const [{ DEFAULT_CATALOGUE }, { catalogueChangeList }, { writePilotReport }] = await Promise.all([
    import('../recommendations/catalogue.ts'), import('./pilot-steps.ts'), import('../report/pilot/render.ts'),
  ]);
  const segments = values.config ? (await import('../analysis/config-file.ts')).readConfigFile(resolve(io.cwd, values.config)).segments : DEFAULT_CONFIG.segments;
  const cataloguePath = values.catalogue ? resolve(io.cwd, values.catalogue) : DEFAULT_CATALOGUE;
  const changes = catalogueChangeList({
    questionnaire: loadQuestionnaire(values.questionnaire ? resolve(io.cwd, values.questionnaire) : undefined),
    segments: segments.map((s) => s.code), cataloguePath, results, resultsFile: { file: path, bytes },
  });
  if (changes.unmatched.length) io.err(`pilot report: ${changes.unmatched.length} pilot decision${changes.unmatched.length === 1 ? ' has' : 's have'} no module in the catalogue (${changes.unmatched.slice(0, 5).join(', ')}${changes.unmatched.length > 5 ? ', …' : ''}); they are listed under "unmatched" in catalogue-changes.json\n`);
  const started = Date.now();
  const files = await writePilotReport(results, { lang, date: values.date ? parseDate(values.date) : new Date(), synthetic: results.synthetic === true, changes }, resolve(io.cwd, values.out));
  io.err(`pilot report written to ${files.join(', ')} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  return 0;
}

/**
 * `diag pilot codes`: the register for the pilot's officials, one participant code per diagnosis response, keyed by
 * the response id (domain/participant-code.ts). The secret is read from a file and never printed.
 */
function codes(values: { diagnosis?: string | undefined; 'secret-file'?: string | undefined; ids?: string | undefined; out?: string | undefined; questionnaire?: string | undefined }, io: Io): number {
  if (!values.diagnosis || !values['secret-file'] || !values.out) throw new DiagError('USAGE', 'diag pilot codes needs --diagnosis FILE, --secret-file FILE and --out register.csv');
  let secret: string;
  try {
    secret = readFileSync(resolve(io.cwd, values['secret-file']), 'utf8').trim();
  } catch {
    throw new DiagError('INPUT_NOT_FOUND', `cannot read ${values['secret-file']}`, [{ file: values['secret-file'], message: 'file not found or not readable' }]);
  }
  if (secret.length < MIN_SECRET_LENGTH) throw new DiagError('INPUT_INVALID', `${values['secret-file']}: the secret is too short`, [{ file: values['secret-file'], message: `expected at least ${MIN_SECRET_LENGTH} characters` }]);
  const q = loadQuestionnaire(values.questionnaire ? resolve(io.cwd, values.questionnaire) : undefined);
  const file = values.diagnosis;
  const { responses } = readResponsesFile(q, resolve(io.cwd, file));
  const known = new Set(responses.map((r) => r.id));
  let ids = responses.map((r) => r.id);
  if (values.ids) {
    const listed = readFileSync(resolve(io.cwd, values.ids), 'utf8').replace(/^\uFEFF/, '').split(/\r?\n/).map((l) => l.trim());
    const problems = listed.flatMap((id, i) => (id && !known.has(id) ? [{ file: values.ids!, row: i + 1, message: `no response "${id}" in ${file}` }] : []));
    if (problems.length) throw new DiagError('INPUT_INVALID', `${values.ids}: ${problems.length} unknown respondent id${problems.length === 1 ? '' : 's'}`, problems);
    ids = [...new Set(listed.filter(Boolean))];
  }
  const issued = participantCodes(secret, ids);
  writeFileSync(resolve(io.cwd, values.out), registerCsv(ids.map((respondentId, i) => ({ code: issued[i]!, respondentId }))));
  io.err(`pilot: ${ids.length} participant codes written to ${values.out} (keep the secret file; the same secret gives the same codes)\n`);
  return 0;
}
