/**
 * Micro benchmark of the statistics layer on 100,000 synthetic respondents.
 * Run: npx tsx bench/stats.ts
 * Prints the wall time of each function (fastest of several runs after a warm-up: the machine may be
 * shared), then an "analysis-shaped" workload: 10 competence areas × 5 items in 7 segments.
 */
import { performance } from 'node:perf_hooks';
import { Rng } from '../src/util/rng.ts';
import {
  categoryProportions, chiSquareIndependence, cronbachAlpha, crossTab, describe, holm, kish,
  kruskalWallis, mannWhitney, mwds, poststratify, rake, svyDesign, svyMean, svyProportions,
  tQuantile, welchT,
} from '../src/stats/index.ts';

const N = 100_000;
const rng = new Rng('bench');

function likert(pMissing = 0.05): Float64Array {
  const x = new Float64Array(N);
  for (let i = 0; i < N; i++) x[i] = rng.chance(pMissing) ? Number.NaN : 1 + rng.int(5);
  return x;
}

// Design: 16 voivodeships × 3 JST types as strata, 2,477 gminas as PSUs (~40 staff each).
const gmina = new Int32Array(N);
const stratum = new Int32Array(N);
const jstType = new Float64Array(N);
const voivodeship = new Float64Array(N);
const weights = new Float64Array(N);
for (let i = 0; i < N; i++) {
  gmina[i] = rng.int(2477);
  jstType[i] = gmina[i]! % 3;
  voivodeship[i] = gmina[i]! % 16;
  stratum[i] = voivodeship[i]! * 3 + jstType[i]!;
  weights[i] = 0.5 + rng.next() * 3;
}
const items = Array.from({ length: 5 }, () => ({ importance: likert(), level: likert() }));
const y = items[0]!.importance;
const codes = Float64Array.from(y, (v) => (Number.isNaN(v) ? Number.NaN : v - 1));

/**
 * Runs fn once to warm up, then `runs` times; prints the fastest wall time, the median, and the CPU
 * time of the fastest run (CPU time is what another process on a shared machine cannot inflate).
 */
function time(name: string, fn: () => unknown, runs = 7): number {
  fn();
  const t: { wall: number; cpu: number }[] = [];
  for (let r = 0; r < runs; r++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    fn();
    const wall = performance.now() - t0;
    const c = process.cpuUsage(c0);
    t.push({ wall, cpu: (c.user + c.system) / 1000 });
  }
  t.sort((a, b) => a.wall - b.wall);
  const median = t[Math.floor(t.length / 2)]!.wall;
  const best = t[0]!;
  console.log(`${name.padEnd(58)} ${best.wall.toFixed(2).padStart(9)} ms  (median ${median.toFixed(2)}, cpu ${best.cpu.toFixed(1)})`);
  return best.wall;
}

console.log(`statistics layer, n = ${N.toLocaleString('en')}: fastest of 7 runs after a warm-up, wall ms (median, CPU ms)`);
const design = svyDesign({ weights, cluster: gmina, stratum });
time('svyDesign (2,477 PSUs, 48 strata)', () => svyDesign({ weights, cluster: gmina, stratum }));
time('svyMean', () => svyMean(y, design));
time('svyProportions (5 categories)', () => svyProportions(codes, 5, design));
time('describe', () => describe(y));
time('kish', () => kish(weights));
time('rake (JST type × voivodeship, to 1e-10)', () =>
  rake([{ codes: jstType, targets: [1464, 302, 711] }, { codes: voivodeship, targets: Array.from({ length: 16 }, () => 2477 / 16) }]));
time('poststratify (48 cells)', () => poststratify(stratum, Array.from({ length: 48 }, () => 50)));
time('categoryProportions (Wilson)', () => categoryProportions(codes, 5));
time('crossTab + chiSquareIndependence (3 × 5)', () => chiSquareIndependence(crossTab(jstType, codes, 3, 5)));
const groups = [0, 1, 2].map((g) => y.filter((_, i) => jstType[i] === g));
time('kruskalWallis (3 groups, Likert)', () => kruskalWallis(groups));
time('mannWhitney (2 groups, Likert)', () => mannWhitney(groups[0]!, groups[1]!));
const cont = Float64Array.from({ length: N }, () => rng.normal());
time('kruskalWallis (3 groups, continuous → sort)', () => kruskalWallis([cont.subarray(0, 33000), cont.subarray(33000, 66000), cont.subarray(66000)]));
time('welchT', () => welchT(groups[0]!, groups[1]!));
const ps = Float64Array.from({ length: 1000 }, () => rng.next());
time('holm (1,000 p-values)', () => holm(ps));
time('cronbachAlpha (5 items)', () => cronbachAlpha(items.map((it) => it.importance)));
time('mwds', () => mwds(items[0]!.importance, items[0]!.level));
time('tQuantile × 1,000 (ν from 2 to 100,000)', () => {
  for (let k = 0; k < 1000; k++) tQuantile(0.975, 2 + k * 100);
});

// Analysis-shaped workload: 10 areas × 5 items; segments = all + 3 JST types + 3 staff groups.
// The dataset layer hands the analysis one column per variable and segment, so the columns are cut
// before the clock starts.
const pickers = [
  () => true,
  ...[0, 1, 2].map((g) => (i: number) => jstType[i] === g),
  ...[0, 1, 2].map((g) => (i: number) => gmina[i]! % 7 % 3 === g),
] as ((i: number) => boolean)[];
const areaItems = Array.from({ length: 10 }, () => Array.from({ length: 5 }, () => ({ importance: likert(), level: likert() })));
const segments = pickers.map((keep) => {
  const idx: number[] = [];
  for (let i = 0; i < N; i++) if (keep(i)) idx.push(i);
  const cut = <T extends Float64Array | Int32Array>(x: T, make: (n: number) => T): T => {
    const out = make(idx.length);
    idx.forEach((i, u) => (out[u] = x[i]!));
    return out;
  };
  const f64 = (x: Float64Array) => cut(x, (n) => new Float64Array(n));
  return {
    weights: f64(weights),
    cluster: cut(gmina, (n) => new Int32Array(n)),
    stratum: cut(stratum, (n) => new Int32Array(n)),
    areas: areaItems.map((area) => area.map((it) => ({ importance: f64(it.importance), level: f64(it.level) }))),
  };
});
const kwGroups = areaItems.flat().map((it) => [0, 1, 2].map((g) => it.importance.filter((_, i) => jstType[i] === g)));
console.log(`workload: ${segments.length} segments of ${segments.map((s) => s.weights.length.toLocaleString('en')).join(', ')} respondents`);
const total = time('WORKLOAD 10 areas × 5 items × 7 segments (see below)', () => {
  for (const seg of segments) {
    const design = svyDesign({ weights: seg.weights, cluster: seg.cluster, stratum: seg.stratum });
    for (const area of seg.areas) {
      for (const it of area) {
        describe(it.importance);
        describe(it.level);
        svyMean(it.importance, design);
        svyMean(it.level, design);
        mwds(it.importance, it.level);
      }
      cronbachAlpha(area.map((it) => it.level));
    }
  }
  const ps = kwGroups.map((g) => kruskalWallis(g).p);
  holm(ps);
}, 3);
console.log('  per segment: svyDesign; per item: 2 × describe, 2 × svyMean, mwds;');
console.log('  per area: cronbachAlpha; plus Kruskal–Wallis across JST types for');
console.log(`  each of the 50 items and Holm over them. Single thread: ${(total / 1000).toFixed(2)} s.`);
