#!/usr/bin/env node
// Entry point installed as `diag`: runs the TypeScript CLI through tsx's loader.
import { register } from 'tsx/esm/api';
import { pathToFileURL, fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

register();
const here = dirname(fileURLToPath(import.meta.url));
const { main } = await import(pathToFileURL(join(here, '..', 'src', 'cli', 'main.ts')).href);
process.exitCode = await main(process.argv.slice(2));
