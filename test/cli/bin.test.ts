import { spawnSync } from 'node:child_process';
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
