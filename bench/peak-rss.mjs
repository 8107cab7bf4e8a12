// Preloaded into the benchmarked process (`node --import ./bench/peak-rss.mjs bin/diag.js …`): prints its peak
// resident memory and the CPU time it used to stderr as it exits, so the benchmark needs no /usr/bin/time. Plain
// JavaScript, so that it loads before (and without) tsx.
process.on('exit', () => {
  const usage = process.resourceUsage();
  process.stderr.write(`bench: peak RSS ${usage.maxRSS} KB\n`);
  process.stderr.write(`bench: cpu ${((usage.userCPUTime + usage.systemCPUTime) / 1e6).toFixed(3)} s\n`);
});
