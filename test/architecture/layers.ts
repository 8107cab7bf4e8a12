/**
 * The one-way rule of the house, as data: every top-level folder of src/ is a stage with a rank, and a
 * module may import only modules of its own stage or of a lower rank. Data flow
 *   questionnaire → responses → dataset → analysis → recommendations → report
 * with the foundations (errors, util, domain, pure statistics, the runtime loader) below everything and the
 * adapters (cli, server) above everything.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

/** Stage ranks: an import must point to an equal or lower rank. */
export const STAGES: Record<string, number> = {
  'errors.ts': 0,
  util: 0,
  domain: 0,
  stats: 0,
  runtime: 0,
  questionnaire: 1,
  sampling: 2,
  responses: 3,
  synth: 3,
  dataset: 4,
  pipeline: 5,
  analysis: 6,
  recommendations: 7,
  report: 8,
  server: 9,
  cli: 10,
  'index.ts': 11,
};

export interface Violation {
  file: string;
  imports: string;
  from: string;
  to: string;
}

/** Relative specifiers of every static import, re-export and dynamic import() with a literal argument. */
export function importSpecifiers(source: string): string[] {
  const out: string[] = [];
  const patterns = [
    /\bimport\s+(?:type\s+)?[^'";]*?\bfrom\s*['"]([^'"]+)['"]/g,
    /\bexport\s+(?:type\s+)?[^'";]*?\bfrom\s*['"]([^'"]+)['"]/g,
    /\bimport\s*['"]([^'"]+)['"]/g,
    /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
    /\bnew\s+URL\s*\(\s*['"](\.[^'"]+\.(?:ts|js))['"]\s*,\s*import\.meta\.url\s*\)/g,
  ];
  for (const re of patterns) for (const m of source.matchAll(re)) out.push(m[1]!);
  return out.filter((s) => s.startsWith('.'));
}

/** The stage of a path inside src/ (its first segment), or null outside src/. */
export function stageOf(srcRoot: string, path: string): string | null {
  const rel = relative(srcRoot, path);
  if (rel.startsWith('..')) return null;
  return rel.split(sep)[0] ?? null;
}

/** Every backward import among `files` (absolute paths of modules under srcRoot, with their text). */
export function backwardImports(srcRoot: string, files: { path: string; text: string }[]): Violation[] {
  const out: Violation[] = [];
  for (const { path, text } of files) {
    const from = stageOf(srcRoot, path)!;
    for (const spec of importSpecifiers(text)) {
      const target = resolve(dirname(path), spec);
      const to = stageOf(srcRoot, target);
      if (to === null || to === from) continue;
      const rf = STAGES[from];
      const rt = STAGES[to];
      if (rf === undefined || rt === undefined || rt > rf) out.push({ file: relative(srcRoot, path), imports: spec, from, to });
    }
  }
  return out;
}

/** The modules of src/ (TypeScript and JavaScript, not the browser's public/ assets). */
export function sourceFiles(srcRoot: string): { path: string; text: string }[] {
  const out: { path: string; text: string }[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) {
        if (name !== 'public') walk(p);
      } else if (/\.(ts|js|mjs)$/.test(name)) out.push({ path: p, text: readFileSync(p, 'utf8') });
    }
  };
  walk(srcRoot);
  return out;
}
