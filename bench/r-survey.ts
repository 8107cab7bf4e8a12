/**
 * The analysis beside its ceiling, R `survey` (where Rscript and the survey package are installed): R works out
 * estimates that `diag analyze` publishes — every area score's weighted mean and its standard error in each segment
 * and overall, with the same design (JSTs as clusters, weighting strata, the frame weights) — from the same
 * respondents, and the two are compared number by number, so that the times are of the same work.
 *
 * What R is given: the analysed respondents (after the quality exclusions) with their JST, stratum and weight as
 * `diag analyze --weights-out` writes them, their segment, and their area scores, computed here by the library's
 * own functions. R's time is its own `proc.time()` around the estimates, without reading the CSV (printed apart);
 * diag's is the whole command, reading, validating, weighting and every other estimate and test included.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { segmentIndex } from '../src/analysis/cells.ts';
import { DEFAULT_CONFIG } from '../src/analysis/config.ts';
import { computeScores, itemColumn } from '../src/analysis/scores.ts';
import { selectRows } from '../src/dataset/dataset.ts';
import { prepareData } from '../src/dataset/prepared.ts';
import { assessQuality } from '../src/dataset/quality.ts';
import { loadQuestionnaire } from '../src/questionnaire/load.ts';
import { readResponsesCsv } from '../src/responses/csv.ts';

const root = resolve(import.meta.dirname, '..');
const bin = join(root, 'bin', 'diag.js');

/** The version of R's survey package, or null when Rscript or the package is missing. */
export function rSurveyVersion(): string | null {
  const r = spawnSync('Rscript', ['-e', 'suppressMessages(library(survey)); cat(R.version$major, ".", R.version$minor, " ", as.character(packageVersion("survey")), sep = "")'], { encoding: 'utf8' });
  if (r.error || r.status !== 0) return null;
  const [rv, sv] = r.stdout.trim().split(' ');
  return `R ${rv}, survey ${sv}`;
}

interface Estimate {
  mean: number;
  se: number;
}

/** Lines comparing `diag analyze` on these inputs (its best wall time `diagSeconds`) with R computing its estimates. */
export function rSurveyCeiling(n: number, data: string, frame: string, diagSeconds: number): string[] {
  const version = rSurveyVersion();
  const label = `analyze vs R survey: ${n.toLocaleString('en')} respondents`;
  if (!version) return [`${label}: skipped, Rscript with the survey package is not installed (Debian: r-base-core r-cran-survey)`];
  const dir = mkdtempSync(join(tmpdir(), 'diag-bench-r-'));
  try {
    const results = join(dir, 'results.json');
    const weights = join(dir, 'weights.csv');
    const run = spawnSync(process.execPath, [bin, 'analyze', '--data', data, '--frame', frame, '--out', results, '--weights-out', weights, '--date', '2026-11-24'], { cwd: root, encoding: 'utf8' });
    if (run.status !== 0) return [`${label}: diag analyze failed: ${run.stderr.slice(-500)}`];
    const input = join(dir, 'respondents.csv');
    const fromDiag = published(results);
    const variables = writeRespondents(data, weights, fromDiag, input);
    const output = join(dir, 'estimates.csv');
    const r = spawnSync('Rscript', [join(import.meta.dirname, 'r-survey.R'), input, output], { encoding: 'utf8', maxBuffer: 16 << 20 });
    if (r.status !== 0) return [`${label}: R failed: ${r.stderr.slice(-500)}`];
    const read = Number(/^read (\S+)$/m.exec(r.stdout)?.[1]);
    const seconds = Number(/^estimates (\S+)$/m.exec(r.stdout)?.[1]);
    const fromR = readEstimates(output);
    let dMean = 0;
    let dSe = 0;
    let compared = 0;
    for (const [key, e] of fromR) {
      const d = fromDiag.estimates.get(key);
      if (!d && e.mean === 0 && e.se === 0) continue; // a domain with no score in it (an area a segment is not asked)
      if (!d) return [`${label}: diag's results have no estimate for ${key}, which R computed`];
      dMean = Math.max(dMean, Math.abs(d.mean - e.mean));
      dSe = Math.max(dSe, Math.abs(d.se - e.se));
      compared++;
    }
    const ratio = diagSeconds / seconds;
    return [
      `${label} (${version}): R works out ${compared.toLocaleString('en')} weighted means with their standard errors, diag's published estimates of ${variables} scores (the areas' and items' level, importance and gap) in every segment × staff group cell and the margins (svyby and svymean; ids = ~jst, strata = ~stratum, the frame weights) in ${seconds.toFixed(2)} s, after reading its CSV in ${read.toFixed(2)} s`,
      `${label}: diag analyze does all of its work, these estimates among it, in ${diagSeconds.toFixed(2)} s: ${ratio.toFixed(3)}× R's time for the estimates alone (ceiling: R, ≤ 1×): ${ratio <= 1 ? 'PASS' : 'FAIL'}`,
      `${label}: the same numbers — ${compared.toLocaleString('en')} of diag's ${fromDiag.estimates.size.toLocaleString('en')} published weighted estimates of these scores compared; largest difference of the means ${dMean.toExponential(1)}, of their standard errors ${dSe.toExponential(1)}`,
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The R input: one row per analysed respondent, in the weights file's order (checked), with its segment, staff group
 * and scores: `<AREA or ITEM>_lvl`, `_imp` and `_gap` (importance less level, where both are given) for the areas
 * and items diag publishes. Returns how many score columns it has.
 */
function writeRespondents(data: string, weightsFile: string, published: Published, out: string): number {
  const q = loadQuestionnaire();
  const responses = readResponsesCsv(q, readFileSync(data), data).responses;
  const all = prepareData(q, responses).dataset;
  const keep = assessQuality(all, DEFAULT_CONFIG.quality).keep;
  const d = selectRows(all, (i) => keep[i] === 1, false);
  const scores = computeScores(d);
  const segment = segmentIndex(d, DEFAULT_CONFIG);
  const codes = DEFAULT_CONFIG.segments.map((s) => s.code);
  const weights = readFileSync(weightsFile, 'utf8').replace(/^\uFEFF/, '').trim().split('\r\n').slice(1).map((l) => l.split(';'));
  if (weights.length !== d.n || weights.some((w, i) => w[0] !== d.ids[i])) throw new Error('the weights file and the analysed respondents differ');
  const columns: [string, Float64Array][] = [];
  const add = (name: string, level: Float64Array, importance: Float64Array) => {
    columns.push([`${name}_lvl`, level], [`${name}_imp`, importance], [`${name}_gap`, importance.map((x, i) => x - level[i]!)]);
  };
  for (const a of published.areas) add(a, scores.area.get(a)!.level, scores.area.get(a)!.importance);
  for (const item of published.items) add(item, Float64Array.from(itemColumn(d, item, 'level')), Float64Array.from(itemColumn(d, item, 'importance')));
  const cell = (v: number) => (v === v ? String(v) : 'NA');
  const lines = [['id', 'jst', 'stratum', 'weight', 'weight_within_group', 'segment', 'group', ...columns.map(([name]) => name)].join(',')];
  for (let i = 0; i < d.n; i++) {
    const [id, jst, stratum, weight, within] = weights[i]!;
    const row = [id, jst, stratum, weight!.replace(',', '.'), within!.replace(',', '.'), codes[segment[i]!] ?? 'NA', ['management', 'operational'][d.group[i]!] ?? 'NA'];
    for (const [, values] of columns) row.push(cell(values[i]!));
    lines.push(row.join(','));
  }
  writeFileSync(out, `${lines.join('\n')}\n`);
  return columns.length;
}

/** R's estimates by `<variable>/<segment>/<group>`. */
function readEstimates(file: string): Map<string, Estimate> {
  const out = new Map<string, Estimate>();
  for (const line of readFileSync(file, 'utf8').trim().split('\n').slice(1)) {
    const [variable, segment, group, mean, se] = line.split(',').map((c) => c.replace(/^"|"$/g, '').trim());
    out.set(`${variable}/${segment}/${group}`, { mean: Number(mean), se: Number(se) });
  }
  return out;
}

interface Published {
  areas: string[];
  items: string[];
  /** the weighted estimates by `<area or item>_<lvl|imp|gap>/<segment>/<group>` */
  estimates: Map<string, Estimate>;
}

/** diag's published weighted estimates of the areas and items: level, importance and gap in every cell. */
function published(file: string): Published {
  type Cell = { segment: string; group: string; weighted?: { mean: number; se: number } | null };
  type Scored = { level: Cell[]; importance: Cell[]; gap: Cell[] };
  const results = JSON.parse(readFileSync(file, 'utf8')) as { estimates: { areas: (Scored & { area: string })[]; items: (Scored & { item: string })[] } };
  const estimates = new Map<string, Estimate>();
  const add = (name: string, s: Scored) => {
    for (const [measure, cells] of [['lvl', s.level], ['imp', s.importance], ['gap', s.gap]] as const) {
      for (const c of cells) if (c.weighted) estimates.set(`${name}_${measure}/${c.segment}/${c.group}`, { mean: c.weighted.mean, se: c.weighted.se });
    }
  };
  for (const a of results.estimates.areas) add(a.area, a);
  for (const i of results.estimates.items) add(i.item, i);
  return { areas: results.estimates.areas.map((a) => a.area), items: results.estimates.items.map((i) => i.item), estimates };
}
