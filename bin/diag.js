#!/usr/bin/env node
// Entry point installed as `diag`: runs the CLI from the prebuilt bundle, or from the TypeScript sources through
// tsx when the bundle is missing or older than the sources (src/runtime/load.js).
import { loadModule } from '../src/runtime/load.js';

// A reader that stops early (`diag export | head -1`) closes the pipe: the next write fails with EPIPE. Nobody is
// left to read the rest, so the command ends quietly with the status it has so far (0 unless it already failed)
// instead of an unhandled 'error' event and its stack trace. Other stream errors are real and still surface.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

const { main } = await loadModule('src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
