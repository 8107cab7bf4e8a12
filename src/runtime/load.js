// How the processes of `diag` load the TypeScript in src/: from the prebuilt bundle in dist/ (made at install by
// `npm run build`, bin/build.js) when it was built from exactly the sources now in src/, else from the sources
// themselves through tsx. The bundle only saves start-up time (about a quarter of a second of module loading a
// process); both load the same code, so a stale or missing bundle is never an error, just slower.
//
// Plain JavaScript: it runs before any TypeScript loader is registered (bin/diag.js, the worker entries).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** dist/manifest.json: the sources each bundle was built from, with their SHA-256, and each entry's output file. */
export const MANIFEST = 'manifest.json';

/** The SHA-256 (hex) of a file's bytes. */
export function fileHash(path) {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

/**
 * The bundle in `dist` if it can be used for the sources under `root` ({ manifest }: every source it was
 * built from still has the bytes it had), else why not ({ why }). Reading and hashing them takes a few ms.
 */
function checkBundle(root, dist) {
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(join(dist, MANIFEST), 'utf8'));
  } catch {
    return { why: 'no bundle (run npm run build)' };
  }
  if (manifest.version !== 1 || typeof manifest.inputs !== 'object' || typeof manifest.entries !== 'object') return { why: 'bundle manifest of another version' };
  for (const [file, sha256] of Object.entries(manifest.inputs)) {
    let now;
    try {
      now = fileHash(join(root, file));
    } catch {
      return { why: `bundle stale: ${file} is gone` };
    }
    if (now !== sha256) return { why: `bundle stale: ${file} changed since npm run build` };
  }
  return { manifest };
}

/** Why the bundle in `dist` cannot be used for the sources under `root`, or null when it can. */
export function bundleProblem(root = ROOT, dist = bundleDir(root)) {
  return checkBundle(root, dist).why ?? null;
}

/** Where the bundle is: dist/ in the repository, or DIAG_DIST (tests build bundles of their own). */
export function bundleDir(root = ROOT) {
  return process.env.DIAG_DIST || join(root, 'dist');
}

let state;

/**
 * Where this process loads src/ from: { bundle: true, dir } or { bundle: false, why }. Decided once per thread;
 * DIAG_BUNDLE=0 forces the sources.
 */
export function loadingFrom() {
  if (!state) {
    const dir = bundleDir();
    const check = process.env.DIAG_BUNDLE === '0' ? { why: 'DIAG_BUNDLE=0' } : checkBundle(ROOT, dir);
    state = check.manifest ? { bundle: true, dir, manifest: check.manifest } : { bundle: false, why: check.why };
  }
  return state;
}

let tsxRegistered = false;

/** Imports a module of src/ by its path from the repository root ('src/cli/main.ts'). */
export async function loadModule(source) {
  const from = loadingFrom();
  const built = from.bundle ? from.manifest.entries[source] : undefined;
  if (built) return import(pathToFileURL(join(from.dir, built)).href);
  if (!tsxRegistered) {
    const { register } = await import('tsx/esm/api');
    register();
    tsxRegistered = true;
  }
  return import(pathToFileURL(join(ROOT, source)).href);
}
