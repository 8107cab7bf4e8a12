/**
 * GNU PSPP (Debian package `pspp`), to run the exported SPSS syntax headless. Locally a missing pspp skips those
 * tests with a message; under CI (`CI` set) it is an error, so CI cannot pass silently.
 */
import { spawnSync } from 'node:child_process';

export function findPspp(): boolean {
  if (spawnSync('pspp', ['--version'], { stdio: 'ignore' }).error === undefined) return true;
  const message = 'pspp not found: install it with `apt-get install -y pspp` (Debian package) to check the SPSS syntax of the exports';
  if (process.env.CI) throw new Error(`${message}. CI must run these tests.`);
  console.warn(`[PSPP tests skipped] ${message}.`);
  return false;
}

/** Runs a syntax file in `cwd`; returns PSPP's exit status, its listing (text output) and what it printed. */
export function runPspp(syntaxFile: string, cwd: string, listing: string): { status: number | null; output: string } {
  const r = spawnSync('pspp', ['-o', listing, '-O', 'width=200', syntaxFile], { cwd, encoding: 'utf8' });
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}
