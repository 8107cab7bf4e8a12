// Runs `diag analyze` in this process and reports its peak resident memory: the child of bench/analyze.ts.
import { main } from '../src/cli/main.ts';

const [data, frame, out] = process.argv.slice(2) as [string, string, string];
const started = performance.now();
const code = await main(['analyze', '--data', data, '--frame', frame, '--out', out, '--date', '2026-11-24']);
process.stderr.write(`child: exit ${code}, ${((performance.now() - started) / 1000).toFixed(2)} s, peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB\n`);
process.exitCode = code;
