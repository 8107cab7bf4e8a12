/**
 * The CLI loads what a command needs and nothing else: `diag --help` only the command specs, `diag analyze` the
 * questionnaire and the analysis but neither the server, the PDF reports nor the store (unless --store). Start-up
 * time is most of what a short command costs, so a static import of a heavy module in commands.ts or on the
 * analysis path would show here. Checked on the sources (DIAG_BUNDLE=0, module by module) and on the prebuilt
 * bundle (bin/build.js), whose chunks must keep the commands as lazy and load no TypeScript tooling at all.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBundle } from '../../bin/build.js';
import { COMMANDS } from '../../src/cli/commands.ts';
import { SERVE_DEFAULT_RATE_LIMIT } from '../../src/cli/commands-store.ts';

const root = resolve(import.meta.dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'diag-lazy-'));
// The bundle lives inside the repository (node_modules/.cache), so that its imports of packages resolve as dist/'s do.
mkdirSync(join(root, 'node_modules', '.cache'), { recursive: true });
const dist = join(mkdtempSync(join(root, 'node_modules', '.cache', 'diag-lazy-')), 'dist');
/** output file of the bundle → the sources it holds */
let outputs: Record<string, string[]> = {};
beforeAll(async () => {
  ({ outputs } = await buildBundle(root, dist));
});
/** The sources a run from the bundle loaded, through the chunks it loaded. */
const sourcesIn = (bundled: Set<string>) => [...new Set([...bundled].flatMap((f) => outputs[f] ?? [`?${f}`]))].sort();
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(join(dist, '..'), { recursive: true, force: true });
});

const SOURCES = { DIAG_BUNDLE: '0' };
const BUNDLE = { DIAG_DIST: dist };
const TOOLING = ['tsx', 'esbuild', 'get-tsconfig', 'resolve-pkg-maps'];

/** The modules `diag <args>` loads: packages by name, our own files by path. */
function modulesLoaded(args: string[], env: Record<string, string>): { packages: Set<string>; files: Set<string>; bundled: Set<string>; status: number | null; stderr: string } {
  const log = join(dir, `modules-${Math.random().toString(36).slice(2)}.txt`);
  const child = spawnSync(process.execPath, ['--import', join(import.meta.dirname, 'module-log.mjs'), join(root, 'bin', 'diag.js'), ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, DIAG_MODULE_LOG: log, DATABASE_URL: '', DIAG_DATA_DIR: dir, ...env },
  });
  const urls = readFileSync(log, 'utf8').trim().split('\n');
  const packages = new Set(urls.filter((u) => !u.startsWith(`file://${dist}/`)).flatMap((u) => /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(u)?.[1] ?? []));
  const files = new Set(urls.filter((u) => u.startsWith(`file://${root}/`) && !u.includes('/node_modules/')).map((u) => u.slice(`file://${root}/`.length)));
  const bundled = new Set(urls.filter((u) => u.startsWith(`file://${dist}/`)).map((u) => u.slice(`file://${dist}/`.length)));
  return { packages, files, bundled, status: child.status, stderr: child.stderr };
}

const HEAVY = ['fastify', 'helmet', 'pdfkit', 'chart.js', '@napi-rs/canvas', 'pg', 'better-sqlite3', 'survey-js-ui', 'fontkit'];

describe('what the CLI loads', () => {
  it('diag --help and diag analyze --help: the command specs only', () => {
    for (const args of [['--help'], ['analyze', '--help']]) {
      const { packages, files, status } = modulesLoaded(args, SOURCES);
      expect(status).toBe(0);
      expect([...packages].filter((p) => !TOOLING.includes(p))).toEqual([]);
      expect([...files].sort()).toEqual(['bin/diag.js', 'src/cli/command.ts', 'src/cli/commands-pilot.ts', 'src/cli/commands-store.ts', 'src/cli/commands.ts', 'src/cli/main.ts', 'src/errors.ts', 'src/runtime/load.js']);

      const fromBundle = modulesLoaded(args, BUNDLE);
      expect(fromBundle.status).toBe(0);
      expect([...fromBundle.packages]).toEqual([]);
      expect([...fromBundle.files].sort()).toEqual(['bin/diag.js', 'src/runtime/load.js']);
      expect(sourcesIn(fromBundle.bundled)).toEqual(['src/cli/command.ts', 'src/cli/commands-pilot.ts', 'src/cli/commands-store.ts', 'src/cli/commands.ts', 'src/cli/main.ts', 'src/errors.ts']);
    }
  });

  const analyzeArgs = () => ['analyze', '--data', 'data-samples/responses.csv', '--frame', 'data-samples/frame.csv', '--out', join(dir, 'results.json'), '--date', '2026-11-24'];

  it('diag analyze --data: the questionnaire and the analysis, not the server, reports or store', () => {
    const { packages, files, status, stderr } = modulesLoaded(analyzeArgs(), SOURCES);
    expect(stderr).toContain('results written');
    expect(status).toBe(0);
    expect(packages).toContain('survey-core');
    expect(HEAVY.filter((p) => packages.has(p))).toEqual([]);
    // The schema library is for --print-schema and --config only.
    expect(packages.has('@sinclair/typebox')).toBe(false);
    expect([...files].filter((f) => /^src\/(server|report|recommendations|responses\/store)\//.test(f) || f === 'src/analysis/results-schema.ts' || f === 'src/analysis/config-file.ts')).toEqual([]);
  });

  it('diag analyze --data from the bundle: the same packages, no TypeScript tooling, no source file', () => {
    const fromSources = modulesLoaded(analyzeArgs(), SOURCES);
    const fromBundle = modulesLoaded(analyzeArgs(), BUNDLE);
    expect(fromBundle.stderr).toContain('results written');
    expect(fromBundle.status).toBe(0);
    expect([...fromBundle.packages].sort()).toEqual([...fromSources.packages].filter((p) => !TOOLING.includes(p)).sort());
    expect([...fromBundle.files].sort()).toEqual(['bin/diag.js', 'src/runtime/load.js']);
    // No source that the sources themselves do not load (fewer: unused re-exports are left out): the chunks keep
    // the commands as lazy as the modules.
    const loaded = sourcesIn(fromBundle.bundled);
    expect(loaded).toContain('src/analysis/series.ts');
    expect(loaded.filter((f) => !fromSources.files.has(f))).toEqual([]);
  });

  it('diag analyze --store: the store\'s SQLite driver too, but not the server or reports', () => {
    for (const env of [SOURCES, BUNDLE]) {
      const { packages, status, stderr } = modulesLoaded(['analyze', '--store', '--out', join(dir, 'never.json')], env);
      expect(stderr).toContain('no responses to analyse');
      expect(status).toBe(2);
      expect(packages).toContain('better-sqlite3');
      expect(HEAVY.filter((p) => p !== 'better-sqlite3' && p !== 'pg' && packages.has(p))).toEqual([]);
    }
  });
});

describe('the command specs', () => {
  it('each loads the implementation of the command it names', async () => {
    for (const spec of COMMANDS) {
      const command = await spec.load();
      expect(command.name).toBe(spec.name);
      expect(command.options).toBe(spec.options);
    }
  });

  it('serve --help shows the server\'s default rate limit', async () => {
    const { DEFAULT_RATE_LIMIT } = await import('../../src/server/security.ts');
    expect(SERVE_DEFAULT_RATE_LIMIT).toBe(DEFAULT_RATE_LIMIT.max);
  });
});
