import { resolve } from 'node:path';
import { loadCatalogue } from '../recommendations/catalogue.ts';
import { loadQuestionnaire } from '../questionnaire/load.ts';
import { loadInstrument, shippedPilotInstruments } from '../questionnaire/instrument.ts';
import { instrumentRef, type SurveyInstrument } from '../questionnaire/types.ts';
import { DiagError } from '../errors.ts';
import { renderSegmentReport } from '../report/report.ts';
import { openStore, resolveDataDir } from '../responses/store/open.ts';
import { assertInstrument } from '../responses/waves.ts';
import { smtpConfigFromEnv } from '../responses/mail.ts';
import { assertPortFree, startServer, untilSignal } from '../server/server.ts';
import { DEFAULT_RATE_LIMIT } from '../server/security.ts';
import { implement, intOption, oneOf } from './command.ts';
import { serveSpec } from './commands-store.ts';

const LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'silent'] as const;

export const serveCommand = implement(serveSpec, {
  async run({ values }, io) {
    const port = intOption(values.port, 'port', 8080, 0);
    const level = oneOf(values['log-level'], 'log-level', LEVELS, 'info');
    const limit = values['rate-limit'] === 'off' ? false : { max: intOption(values['rate-limit'], 'rate-limit', DEFAULT_RATE_LIMIT.max, 1), timeWindow: '1 minute' };
    const host = values.host ?? '127.0.0.1';
    await assertPortFree(host, port, `diag serve --port ${port === 8080 ? 8081 : 8080}`);
    const questionnaire = loadQuestionnaire(values.questionnaire === undefined ? undefined : resolve(io.cwd, values.questionnaire));
    const instruments = servedAlongside(values.instrument, io.cwd);
    const store = await openStore();
    // every open wave must collect one of the instruments served: a respondent must never answer another instrument
    try {
      for (const wave of await store.listWaves()) {
        if (wave.status !== 'open' || instruments.some((i) => i.hash === wave.instrument?.sha256)) continue;
        assertInstrument(wave, questionnaire, 'serve its links with this questionnaire', 'start with --questionnaire (or --instrument) set to the file the wave was created for, or close the wave');
      }
    } catch (e) {
      await store.close();
      throw e;
    }
    const server = await startServer({
      store,
      cwd: io.cwd,
      questionnaire,
      instruments,
      host,
      port,
      portHint: 'diag serve --port N',
      dataDir: resolveDataDir(),
      smtp: smtpConfigFromEnv(),
      rateLimit: limit,
      trustProxy: values['trust-proxy'] === true,
      logger: level === 'silent' ? false : { level },
      reports: (results, segment, lang) => renderSegmentReport({ results, questionnaire, catalogue: loadCatalogue(questionnaire, results.config.segments.map((s) => s.code)), lang, date: new Date() }, segment),
    }).catch(async (e: unknown) => {
      await store.close();
      throw e;
    });
    // SIGINT/SIGTERM are taken from before the address is printed: whoever reads it may stop the server at once
    const stopping = untilSignal();
    io.out(`diag serve: listening on ${server.url} (store: ${store.backend} ${store.backend === 'sqlite' ? store.location : ''}); instruments: ${[questionnaire, ...instruments].map((i) => `${instrumentRef(i).file} ${i.version}`).join(', ')}\n`);
    const signal = await stopping;
    io.out(`diag serve: ${signal} received, stopping\n`);
    await server.close();
    io.out('diag serve: stopped\n');
    return 0;
  },
});

/**
 * The instruments served beside the questionnaire: the pilot's three shipped questionnaires, and the files of
 * `--instrument` (comma-separated), so that every wave created with `diag wave create --questionnaire` for one of
 * them has working links.
 */
export function servedAlongside(list: string | undefined, cwd: string): SurveyInstrument[] {
  const shipped: SurveyInstrument[] = Object.values(shippedPilotInstruments());
  const files = (list ?? '').split(',').map((f) => f.trim()).filter(Boolean);
  if (list !== undefined && files.length === 0) throw new DiagError('USAGE', '--instrument needs a questionnaire file (or several, comma-separated)');
  return [...shipped, ...files.map((f) => loadInstrument(resolve(cwd, f)))];
}
