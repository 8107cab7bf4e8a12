#!/usr/bin/env node
// Entry point installed as `diag`: runs the CLI from the prebuilt bundle, or from the TypeScript sources through
// tsx when the bundle is missing or older than the sources (src/runtime/load.js).
import { loadModule } from '../src/runtime/load.js';

const { main } = await loadModule('src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
