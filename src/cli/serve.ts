import { loadCatalogue } from '../recommendations/catalogue.ts';
import { loadQuestionnaire } from '../questionnaire/load.ts';
import { renderSegmentReport } from '../report/report.ts';
import { openStore } from '../responses/store/open.ts';
import { startServer, untilSignal } from '../server/server.ts';
import { DEFAULT_RATE_LIMIT } from '../server/security.ts';
import { defineCommand, intOption, oneOf } from './command.ts';
import { STORE_HELP } from './store.ts';

const LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'silent'] as const;

export const serveCommand = defineCommand({
  name: 'serve',
  summary: 'the web server: respondent links (/s/TOKEN), the admin dashboard (/admin) and API (/api)',
  usage: 'diag serve [--host 127.0.0.1] [--port 8080] [--rate-limit N|off] [--trust-proxy] [--log-level info]',
  help: [
    '  --host H           address to listen on (default 127.0.0.1; 0.0.0.0 for every interface)',
    '  --port P           port (default 8080; 0 picks a free one)',
    `  --rate-limit N     requests a minute per client address on the public routes (default ${DEFAULT_RATE_LIMIT.max}); off to disable`,
    '  --trust-proxy      behind a reverse proxy: take the client address from X-Forwarded-For',
    '  --log-level L      fatal, error, warn, info (default), debug or silent; JSON lines on standard output,',
    '                     invitation tokens and admin tokens are never logged',
    '',
    'Stops on SIGINT or SIGTERM: requests in flight finish, then the store is closed. Admin tokens: diag admin token create.',
    STORE_HELP,
  ].join('\n'),
  options: {
    host: { type: 'string' },
    port: { type: 'string' },
    'rate-limit': { type: 'string' },
    'trust-proxy': { type: 'boolean' },
    'log-level': { type: 'string' },
  },
  async run({ values }, io) {
    const port = intOption(values.port, 'port', 8080, 0);
    const level = oneOf(values['log-level'], 'log-level', LEVELS, 'info');
    const limit = values['rate-limit'] === 'off' ? false : { max: intOption(values['rate-limit'], 'rate-limit', DEFAULT_RATE_LIMIT.max, 1), timeWindow: '1 minute' };
    const questionnaire = loadQuestionnaire();
    const store = await openStore();
    const server = await startServer({
      store,
      questionnaire,
      host: values.host ?? '127.0.0.1',
      port,
      rateLimit: limit,
      trustProxy: values['trust-proxy'] === true,
      logger: level === 'silent' ? false : { level },
      reports: (results, segment, lang) => renderSegmentReport({ results, questionnaire, catalogue: loadCatalogue(questionnaire, results.config.segments.map((s) => s.code)), lang, date: new Date() }, segment),
    }).catch(async (e: unknown) => {
      await store.close();
      throw e;
    });
    io.out(`diag serve: listening on ${server.url} (store: ${store.backend} ${store.backend === 'sqlite' ? store.location : ''})\n`);
    const signal = await untilSignal();
    io.out(`diag serve: ${signal} received, stopping\n`);
    await server.close();
    io.out('diag serve: stopped\n');
    return 0;
  },
});
