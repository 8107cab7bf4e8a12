/**
 * The prebuilt bundle (bin/build.js, loaded by src/runtime/load.js) only saves start-up time: it must run the
 * same code as the sources, be used only while it matches them, and never be needed.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBundle, ENTRIES } from '../../bin/build.js';
import { bundleProblem, fileHash, MANIFEST } from '../../src/runtime/load.js';

const root = resolve(import.meta.dirname, '..', '..');
// Inside the repository (node_modules/.cache), so that the bundle's imports of packages resolve as dist/'s do.
mkdirSync(join(root, 'node_modules', '.cache'), { recursive: true });
const dir = mkdtempSync(join(root, 'node_modules', '.cache', 'diag-bundle-'));
const dist = join(dir, 'dist');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('bundleProblem: whether a bundle matches the sources', () => {
  const fake = join(dir, 'fake');
  const write = (file: string, text: string) => {
    mkdirSync(join(fake, file, '..'), { recursive: true });
    writeFileSync(join(fake, file), text);
  };
  const manifest = (inputs: Record<string, string>) => write(`dist/${MANIFEST}`, JSON.stringify({ version: 1, entries: { 'src/a.ts': 'a.js' }, inputs }));

  it('usable while every source has the bytes it was built from; stale when one changes or goes', () => {
    write('src/a.ts', 'export const a = 1;\n');
    write('src/b.ts', 'export const b = 2;\n');
    manifest({ 'src/a.ts': fileHash(join(fake, 'src/a.ts')), 'src/b.ts': fileHash(join(fake, 'src/b.ts')) });
    expect(bundleProblem(fake, join(fake, 'dist'))).toBeNull();

    write('src/b.ts', 'export const b = 3;\n'); // same size, other bytes
    expect(bundleProblem(fake, join(fake, 'dist'))).toBe('bundle stale: src/b.ts changed since npm run build');
    write('src/b.ts', 'export const b = 2;\n');
    expect(bundleProblem(fake, join(fake, 'dist'))).toBeNull();

    unlinkSync(join(fake, 'src/a.ts'));
    expect(bundleProblem(fake, join(fake, 'dist'))).toBe('bundle stale: src/a.ts is gone');
  });

  it('no manifest, or one of another version: not usable', () => {
    expect(bundleProblem(fake, join(fake, 'nowhere'))).toBe('no bundle (run npm run build)');
    write(`dist/${MANIFEST}`, JSON.stringify({ version: 2, entries: {}, inputs: {} }));
    expect(bundleProblem(fake, join(fake, 'dist'))).toBe('bundle manifest of another version');
  });
});

describe('the bundle', () => {
  let built: { entries: Record<string, string>; inputs: Record<string, string> };
  beforeAll(async () => {
    built = await buildBundle(root, dist);
  });

  it('records every source it was built from, and an output for every process entry', () => {
    for (const source of Object.keys(ENTRIES)) {
      expect(built.inputs).toHaveProperty([source]);
      expect(readFileSync(join(dist, built.entries[source]!), 'utf8').length).toBeGreaterThan(0);
    }
    expect(built.inputs).toHaveProperty(['src/analysis/series.ts']);
    expect(Object.keys(built.inputs).every((f) => f.startsWith('src/'))).toBe(true);
    expect(bundleProblem(root, dist)).toBeNull();
  });

  it('gives the same results.json and reports as the sources, and reads the same files next to them', () => {
    const run = (env: Record<string, string>, out: string) => {
      const child = spawnSync(process.execPath, [join(root, 'bin', 'diag.js'), 'analyze', '--data', 'data-samples/responses.csv', '--frame', 'data-samples/frame.csv', '--out', out, '--date', '2026-11-24'], {
        cwd: root, encoding: 'utf8', env: { ...process.env, ...env },
      });
      expect(child.stderr).toContain('results written');
      expect(child.status).toBe(0);
      return readFileSync(out, 'utf8');
    };
    const fromBundle = run({ DIAG_DIST: dist }, join(dir, 'bundle.json'));
    const fromSources = run({ DIAG_BUNDLE: '0' }, join(dir, 'sources.json'));
    expect(fromBundle).toBe(fromSources);
    // The questionnaire is read from surveys/ through the source's own URL.
    expect(JSON.parse(fromBundle).input.questionnaire.file).toBe('diagnoza-jst.json');
  });

  it('is not used once a source it was built from differs (DIAG_DIST pointing at a bundle with another hash)', () => {
    const manifestPath = join(dist, MANIFEST);
    const good = readFileSync(manifestPath, 'utf8');
    try {
      const m = JSON.parse(good);
      m.inputs['src/analysis/series.ts'] = '0'.repeat(64);
      writeFileSync(manifestPath, JSON.stringify(m));
      const child = spawnSync(process.execPath, ['--input-type=module', '-e', `
        import { loadingFrom } from ${JSON.stringify(join(root, 'src/runtime/load.js'))};
        console.log(JSON.stringify(loadingFrom()));`], { encoding: 'utf8', env: { ...process.env, DIAG_DIST: dist } });
      expect(JSON.parse(child.stdout)).toEqual({ bundle: false, why: 'bundle stale: src/analysis/series.ts changed since npm run build' });
    } finally {
      writeFileSync(manifestPath, good);
    }
  });
});
