// Preloaded into the benchmarked process (`node --import ./bench/peak-rss.mjs bin/diag.js …`): prints its peak
// resident memory to stderr as it exits, so the benchmark needs no /usr/bin/time. Plain JavaScript, so that it
// loads before (and without) tsx.
process.on('exit', () => {
  process.stderr.write(`bench: peak RSS ${process.resourceUsage().maxRSS} KB\n`);
});
