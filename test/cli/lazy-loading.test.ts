/**
 * The CLI loads what a command needs and nothing else: `diag --help` only the command specs, `diag analyze` the
 * questionnaire and the analysis but neither the server, the PDF reports nor the store (unless --store). Start-up
 * time is most of what a short command costs, so a static import of a heavy module in commands.ts or on the
 * analysis path would show here.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { COMMANDS, SERVE_DEFAULT_RATE_LIMIT } from '../../src/cli/commands.ts';

const root = resolve(import.meta.dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'diag-lazy-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The modules `diag <args>` loads: packages by name, our own files by path. */
function modulesLoaded(args: string[], env: Record<string, string> = {}): { packages: Set<string>; files: Set<string>; status: number | null; stderr: string } {
  const log = join(dir, `modules-${Math.random().toString(36).slice(2)}.txt`);
  const child = spawnSync(process.execPath, ['--import', join(import.meta.dirname, 'module-log.mjs'), join(root, 'bin', 'diag.js'), ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, DIAG_MODULE_LOG: log, DATABASE_URL: '', DIAG_DATA_DIR: dir, ...env },
  });
  const urls = readFileSync(log, 'utf8').trim().split('\n');
  const packages = new Set(urls.flatMap((u) => /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(u)?.[1] ?? []));
  const files = new Set(urls.filter((u) => u.startsWith(`file://${root}/`) && !u.includes('/node_modules/')).map((u) => u.slice(`file://${root}/`.length)));
  return { packages, files, status: child.status, stderr: child.stderr };
}

const HEAVY = ['fastify', '@fastify/helmet', 'pdfkit', 'chart.js', '@napi-rs/canvas', 'pg', 'better-sqlite3', 'survey-js-ui', 'fontkit'];

describe('what the CLI loads', () => {
  it('diag --help and diag analyze --help: the command specs only', () => {
    for (const args of [['--help'], ['analyze', '--help']]) {
      const { packages, files, status } = modulesLoaded(args);
      expect(status).toBe(0);
      expect([...packages].filter((p) => p !== 'tsx' && p !== 'esbuild' && p !== 'get-tsconfig' && p !== 'resolve-pkg-maps')).toEqual([]);
      expect([...files].sort()).toEqual(['bin/diag.js', 'src/cli/command.ts', 'src/cli/commands.ts', 'src/cli/main.ts', 'src/errors.ts']);
    }
  });

  it('diag analyze --data: the questionnaire and the analysis, not the server, reports or store', () => {
    const { packages, files, status, stderr } = modulesLoaded(['analyze', '--data', 'data-samples/responses.csv', '--frame', 'data-samples/frame.csv', '--out', join(dir, 'results.json'), '--date', '2026-11-24']);
    expect(stderr).toContain('results written');
    expect(status).toBe(0);
    expect(packages).toContain('survey-core');
    expect(HEAVY.filter((p) => packages.has(p))).toEqual([]);
    // The schema library is for --print-schema and --config only.
    expect(packages.has('@sinclair/typebox')).toBe(false);
    expect([...files].filter((f) => /^src\/(server|report|recommendations|responses\/store)\//.test(f) || f === 'src/analysis/results-schema.ts' || f === 'src/analysis/config-file.ts')).toEqual([]);
  });

  it('diag analyze --store: the store\'s SQLite driver too, but not the server or reports', () => {
    const { packages, status, stderr } = modulesLoaded(['analyze', '--store', '--out', join(dir, 'never.json')]);
    expect(stderr).toContain('no responses to analyse');
    expect(status).toBe(2);
    expect(packages).toContain('better-sqlite3');
    expect(HEAVY.filter((p) => p !== 'better-sqlite3' && p !== 'pg' && packages.has(p))).toEqual([]);
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
