import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const bin = join(import.meta.dirname, '..', '..', 'bin', 'diag.js');

describe('the diag executable', () => {
  it('runs from any directory and lists its commands', () => {
    const r = spawnSync(process.execPath, [bin, '--help'], { cwd: tmpdir(), encoding: 'utf8' });
    expect(r.status).toBe(0);
    for (const c of ['codebook', 'validate', 'synth', 'analyze', 'report', 'programmes', 'import', 'export', 'frame', 'wave', 'admin', 'demo']) expect(r.stdout).toContain(`  ${c}`);
  });

  it('exits with status 64 and the help on an unknown command', () => {
    const r = spawnSync(process.execPath, [bin, 'analyse'], { cwd: tmpdir(), encoding: 'utf8' });
    expect(r.status).toBe(64);
    expect(r.stderr).toContain('unknown command "analyse"');
  });
});

describe('diag writing to a pipe its reader closed', () => {
  it.each([
    ['codebook --format json', ['codebook', '--format', 'json'], false],
    ['export (the CSV to standard output)', ['export'], true],
  ])('%s | head -1 ends quietly, with status 0', async (_name, args, needsStore) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'diag-epipe-'));
    try {
      if (needsStore) {
        const { openStore } = await import('../../src/responses/store/open.ts');
        const { generateSynthetic } = await import('../../src/synth/generate.ts');
        const { shippedQuestionnaire } = await import('../helpers/questionnaire.ts');
        const store = await openStore({ dataDir, databaseUrl: '' });
        await store.importResponses({ fileName: 'synthetic', sha256: '0'.repeat(64) }, generateSynthetic(shippedQuestionnaire(), { respondents: 400, seed: 'pipe' }).responses);
        await store.close();
      }
      const command = `"${process.execPath}" "${bin}" ${args.join(' ')} | head -1; echo "status \${PIPESTATUS[0]}" >&2`;
      const r = spawnSync('bash', ['-c', command], { cwd: tmpdir(), encoding: 'utf8', env: { ...process.env, DIAG_DATA_DIR: dataDir, DATABASE_URL: '' } });
      expect(r.stdout.split('\n').filter(Boolean)).toHaveLength(1);
      expect(r.stderr).not.toContain('EPIPE');
      expect(r.stderr).not.toContain('Error');
      expect(r.stderr.trim()).toBe('status 0');
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
