// Process entry point for `npm start` and `npm run diag`: the only place that sets the exit code.
import { main } from './main.ts';

process.exitCode = await main(process.argv.slice(2));
