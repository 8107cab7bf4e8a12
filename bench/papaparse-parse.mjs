// The baseline of the import benchmark (bench/intake.ts): papaparse's raw parse of a CSV file, streamed from disk as
// a large file is, once row by row (`step`) and once chunk by chunk (`chunk`), doing nothing with the rows. Prints
// JSON: the rows and each parse's seconds, timed inside the process (Node's start-up not counted), and CPU seconds.
import { createReadStream } from 'node:fs';
import Papa from 'papaparse';

const file = process.argv[2];
async function parse(mode) {
  let rows = 0;
  const cpu = process.cpuUsage();
  const t0 = performance.now();
  await new Promise((resolve, reject) => {
    const config = { delimitersToGuess: [';', ',', '\t'], skipEmptyLines: 'greedy', complete: resolve, error: reject };
    if (mode === 'step') config.step = () => rows++;
    else config.chunk = (result) => (rows += result.data.length);
    Papa.parse(createReadStream(file, 'utf8'), config);
  });
  const used = process.cpuUsage(cpu);
  return { rows, seconds: (performance.now() - t0) / 1000, cpu: (used.user + used.system) / 1e6 };
}
const step = await parse('step');
const chunk = await parse('chunk');
process.stdout.write(`${JSON.stringify({ step, chunk })}\n`);
