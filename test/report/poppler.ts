/**
 * poppler-utils (pdftotext, pdfinfo, pdftoppm) for reading the reports back. Locally a missing poppler
 * skips those tests with a message; under CI (`CI` set) it is an error, so CI cannot pass silently.
 */
import { execFileSync, spawnSync } from 'node:child_process';

export function findPoppler(): boolean {
  const ok = ['pdftotext', 'pdfinfo', 'pdftoppm'].every((tool) => spawnSync(tool, ['-v'], { stdio: 'ignore' }).error === undefined);
  if (ok) return true;
  const message = 'poppler-utils (pdftotext, pdfinfo, pdftoppm) not found: install it with `apt-get install -y poppler-utils` (Debian package) to read the PDF reports back';
  if (process.env.CI) throw new Error(`${message}. CI must run these tests.`);
  console.warn(`[PDF read-back tests skipped] ${message}.`);
  return false;
}

/** The text of one page (1-based) or of the whole file, in poppler's reading order or its layout mode. */
export function pdfText(file: string, opts: { page?: number; layout?: boolean } = {}): string {
  const args = [...(opts.layout ? ['-layout'] : []), ...(opts.page ? ['-f', String(opts.page), '-l', String(opts.page)] : []), '-enc', 'UTF-8', file, '-'];
  return execFileSync('pdftotext', args, { encoding: 'utf8' });
}

/** pdfinfo's "Key: value" lines as a record. */
export function pdfInfo(file: string): Record<string, string> {
  const out = execFileSync('pdfinfo', ['-enc', 'UTF-8', file], { encoding: 'utf8' });
  return Object.fromEntries(out.split('\n').filter((l) => l.includes(':')).map((l) => [l.slice(0, l.indexOf(':')).trim(), l.slice(l.indexOf(':') + 1).trim()]));
}

/** Renders every page to `${prefix}-N.png` at `dpi`. */
export function renderPages(file: string, prefix: string, dpi = 80): void {
  execFileSync('pdftoppm', ['-png', '-r', String(dpi), file, prefix]);
}
