/**
 * Browser test harness: a tiny local HTTP server that renders the questionnaire with SurveyJS
 * (survey-core + survey-js-ui, no bundler) and a launcher for Debian's headless Chromium driven by
 * playwright-core. Nothing is fetched from the internet and no browser is ever downloaded.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { DEFAULT_QUESTIONNAIRE } from '../../src/questionnaire/load.ts';

/** Debian's chromium package; CHROMIUM_PATH overrides it (e.g. to check the skip and CI paths). */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** Flags for a root, sandboxed, offline machine: no GPU, no QUIC, no calls home. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * The Chromium to run the browser tests with, or undefined when it is not installed. Locally the tests
 * then skip with a message; under CI (`CI` set) a missing browser is an error, so CI cannot pass silently.
 */
export function findChromium(): string | undefined {
  if (existsSync(CHROMIUM_PATH)) return CHROMIUM_PATH;
  const message = `${CHROMIUM_PATH} not found: install it with \`apt-get install -y chromium\` (Debian package) to run the browser tests`;
  if (process.env.CI) throw new Error(`${message}. CI must run the browser tests.`);
  console.warn(`[browser tests skipped] ${message}.`);
  return undefined;
}

export async function launchChromium(executablePath: string = CHROMIUM_PATH): Promise<Browser> {
  // playwright adds its own --headless; ours are passed as well so the command line is the documented one.
  return chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
}

const require = createRequire(import.meta.url);
// survey-core exports no ./package.json: its main file sits in the package folder.
const SURVEY_CORE_DIR = dirname(require.resolve('survey-core'));
const SURVEY_JS_UI_DIR = dirname(require.resolve('survey-js-ui'));

const ASSETS: Record<string, { file: string; type: string }> = {
  '/survey.core.min.js': { file: join(SURVEY_CORE_DIR, 'survey.core.min.js'), type: 'text/javascript' },
  '/polish.min.js': { file: join(SURVEY_CORE_DIR, 'i18n', 'polish.min.js'), type: 'text/javascript' },
  '/survey-core.fontless.min.css': { file: join(SURVEY_CORE_DIR, 'survey-core.fontless.min.css'), type: 'text/css' },
  '/survey-js-ui.min.js': { file: join(SURVEY_JS_UI_DIR, 'survey-js-ui.min.js'), type: 'text/javascript' },
};

/*
 * The fontless stylesheet leaves --sjs-default-font-family undefined, so without this the browser's
 * default serif font is used. The stack ends in fonts that carry every Polish letter on Debian.
 */
const PAGE = `<!doctype html>
<html lang="pl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Diagnoza JST</title>
<link rel="stylesheet" href="/survey-core.fontless.min.css">
<style>
  :root { --sjs-default-font-family: "Open Sans", "Segoe UI", "DejaVu Sans", "Liberation Sans", Arial, sans-serif; }
  body { margin: 0; }
</style>
<script src="/survey.core.min.js"></script>
<script src="/polish.min.js"></script>
<script src="/survey-js-ui.min.js"></script>
</head>
<body>
<div id="survey"></div>
<script src="/app.js"></script>
</body>
</html>
`;

const APP = `(async () => {
  const params = new URLSearchParams(location.search);
  const lang = params.get('lang') === 'en' ? 'en' : 'pl';
  document.documentElement.lang = lang;
  const json = await (await fetch('/questionnaire.json')).json();
  const survey = new Survey.Model(json);
  survey.locale = lang;
  window.surveyCompleted = false;
  survey.onComplete.add(() => { window.surveyCompleted = true; });
  survey.render(document.getElementById('survey'));
  window.survey = survey;
})().catch((e) => { window.surveyError = String(e && e.stack || e); });
`;

export interface Harness {
  /** base URL, e.g. http://127.0.0.1:40123/ */
  url: string;
  close(): Promise<void>;
}

/** Serves the survey page and its assets on 127.0.0.1 at a free port. */
export async function startHarness(questionnaireFile: string = DEFAULT_QUESTIONNAIRE): Promise<Harness> {
  const cache = new Map<string, Buffer>();
  const read = (file: string) => {
    let body = cache.get(file);
    if (!body) {
      body = readFileSync(file);
      cache.set(file, body);
    }
    return body;
  };
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const send = (status: number, type: string, body: string | Buffer) => {
      res.writeHead(status, { 'content-type': `${type}; charset=utf-8`, 'cache-control': 'no-store' });
      res.end(body);
    };
    try {
      if (path === '/' || path === '/index.html') return send(200, 'text/html', PAGE);
      if (path === '/favicon.ico') { res.writeHead(204); return res.end(); }
      if (path === '/app.js') return send(200, 'text/javascript', APP);
      // Read on every request, so a test run always sees the questionnaire as it is on disk.
      if (path === '/questionnaire.json') return send(200, 'application/json', readFileSync(questionnaireFile));
      const asset = ASSETS[path];
      if (asset) return send(200, asset.type, read(asset.file));
      return send(404, 'text/plain', `not found: ${path}`);
    } catch (e) {
      return send(500, 'text/plain', String(e));
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise<void>((resolve, reject) => {
      server.closeAllConnections();
      server.close((e) => (e ? reject(e) : resolve()));
    }),
  };
}
