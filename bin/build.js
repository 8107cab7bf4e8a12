#!/usr/bin/env node
// `npm run build` (run by `npm install` too, as the prepare script): bundles the TypeScript of src/ into dist/ so
// that `diag` starts without compiling and resolving some hundred modules through tsx — about a quarter of a
// second a process. dist/ is build output: never committed, and used only while it matches the sources
// (src/runtime/load.js checks the SHA-256 of every source it was built from and otherwise loads the sources).
//
// One bundle per process entry (the CLI, the MWDS bootstrap worker, the server's analysis worker), split into
// shared chunks, so that the CLI's lazily imported commands stay lazy. Packages stay in node_modules. Code that
// finds files next to its source (`import.meta.url`: the questionnaires, the catalogue, the workers' entries)
// gets its source's URL, relative to dist/, so the bundle reads the same files the sources do.
//
// A failed build is reported and leaves no dist/; it does not fail the install, since the sources still run.
import { build } from 'esbuild';
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fileHash, MANIFEST } from '../src/runtime/load.js';

/** Process entries: source (from the repository root) → output name in dist/. */
export const ENTRIES = {
  'src/cli/main.ts': 'main',
  'src/analysis/bootstrap-parallel.ts': 'bootstrap-parallel',
  'src/server/analysis-job.ts': 'analysis-job',
};

const posix = (p) => p.split(sep).join('/');

/** Gives every `import.meta.url` in our TypeScript the URL of its source file, written relative to the output folder. */
function sourceUrls(outdir) {
  return {
    name: 'source-urls',
    setup(b) {
      b.onLoad({ filter: /\.ts$/ }, (args) => {
        if (args.path.includes(`${sep}node_modules${sep}`)) return undefined;
        const text = readFileSync(args.path, 'utf8');
        const other = /import\.meta\.(?!url\b)\w+/.exec(text);
        if (other) return { errors: [{ text: `${other[0]} is not supported in bundled code; use import.meta.url` }] };
        const url = `new URL(${JSON.stringify(posix(relative(outdir, args.path)))}, import.meta.url).href`;
        return { contents: text.replaceAll('import.meta.url', url), loader: 'ts' };
      });
    },
  };
}

/**
 * Bundles the sources under `root` into `outdir` (replaced whole) and writes its manifest.
 * @param {string} root
 * @param {string} [outdir]
 * @returns {Promise<{ entries: Record<string, string>, inputs: Record<string, string>, outputs: Record<string, string[]> }>}
 */
export async function buildBundle(root, outdir = join(root, 'dist')) {
  const staging = `${outdir}.build-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  try {
    const result = await build({
      absWorkingDir: root,
      entryPoints: Object.entries(ENTRIES).map(([source, name]) => ({ in: source, out: name })),
      outdir: staging,
      bundle: true,
      splitting: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      packages: 'external',
      keepNames: true,
      metafile: true,
      logLevel: 'silent',
      plugins: [sourceUrls(outdir)],
    });
    /** @type {Record<string, string>} */
    const inputs = {};
    for (const file of Object.keys(result.metafile.inputs).sort()) inputs[posix(file)] = fileHash(join(root, file));
    /** @type {Record<string, string>} */
    const entries = {};
    for (const [source, name] of Object.entries(ENTRIES)) entries[source] = `${name}.js`;
    // What each output file holds, for whoever wonders what a process loaded (test/cli/lazy-loading.test.ts).
    /** @type {Record<string, string[]>} */
    const outputs = {};
    for (const [file, out] of Object.entries(result.metafile.outputs)) outputs[posix(relative(staging, join(root, file)))] = Object.keys(out.inputs).map(posix).sort();
    writeFileSync(join(staging, MANIFEST), `${JSON.stringify({ version: 1, entries, inputs, outputs }, null, 2)}\n`);
    rmSync(outdir, { recursive: true, force: true });
    renameSync(staging, outdir);
    return { entries, inputs, outputs };
  } catch (e) {
    rmSync(staging, { recursive: true, force: true });
    throw e;
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  const t0 = performance.now();
  try {
    const { inputs } = await buildBundle(root);
    process.stderr.write(`build: dist/ bundled from ${Object.keys(inputs).length} sources in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
  } catch (e) {
    rmSync(join(root, 'dist'), { recursive: true, force: true });
    process.stderr.write(`build: bundling failed, diag will load its sources through tsx (slower start-up):\n${e?.message ?? e}\n`);
  }
}
