/**
 * The pilot evaluation as a user runs it, each command in a child process (`node bin/diag.js …`): the synthetic
 * pilot (`synth --pilot`), the paired analysis of it (`pilot analyze --dir`) and the PDF (`pilot report`); wall
 * clock from here, peak resident memory from the preload bench/peak-rss.mjs.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const bin = join(root, 'bin', 'diag.js');
const preload = join(import.meta.dirname, 'peak-rss.mjs');

export async function benchPilot(): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'diag-bench-pilot-'));
  const out: string[] = ['| command | wall (s) | peak RSS (MB) |', '|---|---|---|'];
  try {
    const steps: [string, string[]][] = [
      ['synth --pilot (30 JSTs, 120 officials)', ['synth', '--pilot', '--out', join(dir, 'data'), '--seed', 'bench']],
      ['pilot analyze', ['pilot', 'analyze', '--dir', join(dir, 'data'), '--out', join(dir, 'results.json'), '--date', '2027-10-01']],
      ['pilot report (pl)', ['pilot', 'report', '--results', join(dir, 'results.json'), '--out', join(dir, 'reports'), '--date', '2027-10-01']],
    ];
    for (const [label, args] of steps) {
      const t0 = performance.now();
      const child = spawnSync(process.execPath, ['--import', preload, bin, ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
      const seconds = (performance.now() - t0) / 1000;
      const rss = /^bench: peak RSS (\d+) KB$/m.exec(child.stderr ?? '');
      out.push(`| ${label}${child.status === 0 ? '' : ` (failed: ${child.status})`} | ${seconds.toFixed(2)} | ${rss ? (Number(rss[1]) / 1024).toFixed(0) : '?'} |`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return out;
}
