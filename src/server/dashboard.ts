/**
 * `GET /admin`: the dashboard page. It holds no data: its script (public/dashboard.js) asks for the admin token,
 * keeps it in sessionStorage (gone when the tab closes), and fetches everything from the admin API with it. The
 * script renders every value with textContent, never innerHTML, and downloads files with fetch + a blob link, so
 * the token never appears in a URL.
 */
import type { FastifyInstance } from 'fastify';
import { VOIVODESHIPS } from '../domain/jst.ts';
import { langOf, layout } from './html.ts';
import { contentReply, LangQuery } from './schemas.ts';

const TEXTS = {
  pl: {
    title: 'Panel badania',
    tokenLabel: 'Token administratora',
    tokenHelp: 'Token z polecenia diag admin token create. Jest przechowywany tylko w tej karcie przeglądarki.',
    signIn: 'Zaloguj',
  },
  en: {
    title: 'Survey dashboard',
    tokenLabel: 'Admin token',
    tokenHelp: 'The token from diag admin token create. It is kept in this browser tab only.',
    signIn: 'Sign in',
  },
} as const;

export async function dashboardRoutes(app: FastifyInstance): Promise<void> {
  app.get<{ Querystring: { lang?: 'pl' | 'en' } }>('/admin', {
    config: { html: true },
    schema: { summary: 'the admin dashboard page', tags: ['pages'], querystring: LangQuery, response: { 200: contentReply('text/html', 'the dashboard') } },
  }, async (request, reply) => {
    const lang = langOf(request.query, request.headers['accept-language']);
    const t = TEXTS[lang];
    const body = `<h1>${t.title}</h1>
<form id="login" class="login" autocomplete="off" hidden>
<label for="token">${t.tokenLabel}</label>
<p id="token-help" class="hint">${t.tokenHelp}</p>
<div class="login__row"><input id="token" name="token" type="password" required aria-describedby="token-help login-error" spellcheck="false"><button type="submit" class="button">${t.signIn}</button></div>
<p id="login-error" class="error" role="alert"></p>
</form>
<div id="dashboard" hidden></div>`;
    reply.header('cache-control', 'no-store');
    return reply.type('text/html; charset=utf-8').send(layout({
      lang, title: t.title, body, langSwitch: true,
      styles: ['/assets/dashboard.css'],
      scripts: ['/assets/vendor/chart.umd.min.js', '/assets/dashboard-texts.js', '/assets/dashboard.js'],
      config: { lang, voivodeships: VOIVODESHIPS },
    }));
  });
}
