// Preloaded into a benchmarked server (`node --import ./bench/cpu-report.mjs …`): on SIGUSR2 it writes the CPU time
// the process has used so far (user + system, every thread, in µs) to stderr as `bench-cpu <µs>`, so that the
// benchmark can take the CPU time of each load run alone. Plain JavaScript, loaded before (and without) tsx.
process.on('SIGUSR2', () => {
  const usage = process.cpuUsage();
  process.stderr.write(`bench-cpu ${usage.user + usage.system}\n`);
});
