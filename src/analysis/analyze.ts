/**
 * The analysis: responses (already validated) → results.json. Every number any output shows is computed
 * here, once, with the suppression rule applied; reports and the dashboard only render the results.
 */
import { readFileSync } from 'node:fs';
import { svyDesign } from '../stats/index.ts';
import { selectRows, type Dataset } from '../dataset/dataset.ts';
import { prepareData, type PreparedData } from '../dataset/prepared.ts';
import { assessQuality } from '../dataset/quality.ts';
import { frameWeights, noWeights, type Weights } from '../dataset/weights.ts';
import { DiagError } from '../errors.ts';
import type { SurveyResponse } from '../questionnaire/response.ts';
import { instrumentRef, STAFF_GROUPS, type Questionnaire } from '../questionnaire/types.ts';
import type { FrameUnit } from '../sampling/frame.ts';
import type { Provenance } from '../pipeline/provenance.ts';
import { EFFECT_THRESHOLDS } from './effect-size.ts';
import { buildCells, cellPartition, type Cell } from './cells.ts';
import { choiceResults } from './choices.ts';
import type { AnalysisConfig } from './config.ts';
import { breakdownEstimates, Estimator, itemAndAreaEstimates, type Designs, type SeriesCounts } from './estimates.ts';
import { weightedDesign } from './series.ts';
import { mwdsPolicy, PRIORITY_METHOD, priorities, startPriorities } from './priorities.ts';
import type { Parallelism } from './bootstrap-parallel.ts';
import { reliability } from './reliability.ts';
import type { CoverageT, Results } from './results-schema.ts';
import { computeScores } from './scores.ts';
import { TestRunner } from './tests.ts';
import { protectResults } from './disclosure/protect.ts';

export interface AnalysisInput {
  questionnaire: Questionnaire;
  /** the validated responses, or `prepared` (their dataset, built beforehand so the responses can be freed) */
  responses?: readonly SurveyResponse[];
  prepared?: PreparedData;
  /**
   * `prepared` is the analysis's to reuse: the excluded rows are dropped from its columns in place rather
   * than into copies (saves time and memory on a large file); the caller must not read its dataset again
   */
  consumePrepared?: boolean;
  config: AnalysisConfig;
  /** the sampling frame, needed for weights and coverage */
  frame?: readonly FrameUnit[];
  /** provenance of the inputs, for the report's appendix */
  source: Provenance;
  /** date of the analysis (fixed in tests for reproducible output) */
  now?: Date;
  /** called as each step is done, with what was done */
  onProgress?: (done: string) => void;
  /** whether the MWDS bootstrap may run in a worker thread (default: when it is large) */
  parallel?: Parallelism;
}

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { name: string; version: string };

/** Per-respondent weights (microdata, kept out of results.json): column i is respondent i of the analysed rows. */
export interface RespondentWeights {
  ids: readonly string[];
  jst: readonly string[];
  stratum: readonly string[];
  weight: Float64Array;
  weightWithinGroup: Float64Array;
}

export interface AnalysisOutput {
  /** the published results: every output renders from these, and only from these */
  results: Results;
  /** null without frame weights */
  respondentWeights: RespondentWeights | null;
}

/** The published results of an analysis (see runAnalysis). */
export function analyze(input: AnalysisInput): Results {
  return runAnalysis(input).results;
}

/**
 * The analysis, in two steps: every figure is computed for every non-empty cell (the raw model, which never
 * leaves this function), then disclosure control (disclosure/) withholds what the threshold rule requires —
 * small cells and the complements that stop subtraction — in one pass over the whole model.
 */
export function runAnalysis(input: AnalysisInput): AnalysisOutput {
  const { questionnaire: q } = input;
  const config = input.config;
  // the raw model: nothing withheld yet
  const raw: AnalysisConfig = { ...config, suppressionThreshold: 1 };
  const progress = input.onProgress ?? (() => {});
  if (config.weights === 'frame' && !input.frame) throw new DiagError('USAGE', 'weights "frame" need a frame (--frame FILE)');
  // The cells, tests, priorities and reports compare exactly these two staff groups: a questionnaire that declares
  // other respondent groups is loaded, validated and collected, but not analysed here (yet), rather than analysed
  // with some respondents left out.
  if (q.staffGroups.length !== STAFF_GROUPS.length || STAFF_GROUPS.some((g) => !q.staffGroups.includes(g))) {
    throw new DiagError('CONFIG_INVALID', `${q.file}: the analysis compares the staff groups ${STAFF_GROUPS.join(' and ')}; this questionnaire declares ${q.staffGroups.join(', ')}`, [{ file: q.file, column: 'staffGroups', message: 'the programme metadata\'s "staffGroups" must be exactly management and operational for `diag analyze`' }]);
  }
  const breakdownVariables = config.breakdowns ?? [q.roles.populationClass];
  for (const b of breakdownVariables) {
    if (q.variables.find((v) => v.name === b)?.type !== 'categorical') throw new DiagError('CONFIG_INVALID', `breakdown "${b}" is not a categorical variable of the codebook`);
  }

  const prepared = input.prepared ?? (input.responses ? prepareData(q, input.responses) : null);
  if (!prepared) throw new DiagError('USAGE', 'analyze needs responses or a prepared dataset');
  const all = prepared.dataset;
  if (!input.prepared) progress('dataset');
  const quality = assessQuality(all, config.quality);
  const d = selectRows(all, (i) => quality.keep[i] === 1, !input.prepared || input.consumePrepared === true);
  progress('quality flags and exclusions');

  const cells = buildCells(d, config);
  const partition = cellPartition(d, config, cells);
  const weights = config.weights === 'frame' ? frameWeights(d, input.frame!, { minJstPerCell: config.minJstPerCell }) : noWeights(d);
  const designs = config.weights === 'frame' ? surveyDesigns(d, weights) : equalWeightDesigns(d);
  const scores = computeScores(d);
  progress('segments, weights and scores');
  // The MWDS bootstrap (weighted and unweighted, of items and area scores) starts next: on a large dataset it
  // runs in a worker thread while everything else is computed.
  const prioInputs = startPriorities(d, cells, partition, config, designs, scores, input.parallel);
  progress(`bootstrap start${prioInputs.run.where === 'worker' ? ' (in a worker thread)' : ''}`);
  const est = new Estimator(d, raw, designs, partition, cells.map((c) => c.rows));
  // Frequency tables per segment × staff group of every series read, for the tests and priorities.
  const counts: SeriesCounts = new Map();
  // The tests of each series are made from the sums its estimates accumulate, as it is read.
  const testRunner = new TestRunner(raw, partition, designs);
  const { items, areas } = itemAndAreaEstimates(d, scores, est, counts, testRunner);
  const segmentCells = cells.filter((c) => c.group === 'all' && c.segment !== 'all');
  const breakdowns = breakdownEstimates(d, scores, segmentCells, breakdownVariables, raw, designs);
  progress('estimates');
  const choices = choiceResults(d, partition, est, raw, counts, testRunner);
  progress('choices');
  const tests = testRunner.result();
  progress('tests');
  const rel = reliability(d, partition, raw);
  progress('reliability');
  const prio = priorities(prioInputs, counts);
  progress('priorities');

  const unprotected: Results = {
    schemaVersion: '1.0',
    generatedAt: (input.now ?? new Date()).toISOString(),
    software: { name: pkg.name, version: pkg.version, node: process.version },
    input: {
      data: { file: input.source.dataFile, sha256: input.source.dataSha256 },
      frame: input.frame && input.source.frameFile ? { file: input.source.frameFile, sha256: input.source.frameSha256 ?? '', units: input.frame.length } : null,
      questionnaire: instrumentRef(q),
    },
    config: {
      suppressionThreshold: config.suppressionThreshold,
      lowPrecisionBelow: config.lowPrecisionBelow,
      level: config.level,
      weights: config.weights,
      segments: config.segments,
      quality: config.quality,
      bootstrap: { ...config.bootstrap, resampling: 'JSTs (clusters) within the strata of the design, Rao–Wu rescaling bootstrap (n_h − 1 of the n_h JSTs of each stratum drawn with replacement, each counting n_h/(n_h − 1)); percentile interval' },
      areaScore: "mean of the area's items a respondent answered, if they answered at least half of the items shown to them",
      alphaItems: 'items shown to every respondent of the cell; listwise-complete respondents',
      effectSizeThresholds: EFFECT_THRESHOLDS,
      breakdowns: breakdownVariables,
    },
    dataset: {
      respondents: all.n,
      jsts: new Set(all.jst).size,
      analysed: d.n,
      analysedJsts: new Set(d.jst).size,
      excluded: quality.excluded,
      flagged: quality.counts,
      medianDurationSec: quality.medianDurationSec,
      sources: prepared.sources,
    },
    weights: weightsSection(weights),
    segments: segmentSummary(d, cells, config),
    coverage: coverage(d, cells, config, input.frame),
    estimates: { items, areas, breakdowns },
    choices,
    tests,
    reliability: rel,
    priorities: { method: PRIORITY_METHOD, mwdsPolicy: mwdsPolicy(config), cells: prio },
    disclosure: { threshold: config.suppressionThreshold, rule: '', withheld: [], respondentCells: [] },
  };
  const results = protectResults(unprotected, config, {
    importance: q.measures.find((m) => m.role === 'importance')!.column,
    level: q.measures.find((m) => m.role === 'level')!.column,
    trainingAreas: q.roles.trainingAreas,
  });
  progress('disclosure control');
  return {
    results,
    respondentWeights: weights.method === 'none' ? null : { ids: d.ids, jst: d.jst, stratum: weights.stratum, weight: weights.all, weightWithinGroup: weights.byGroup },
  };
}

/** The design with JSTs as clusters within the weighting strata, under both weight sharings. */
function surveyDesigns(d: Dataset, weights: Weights): Designs {
  const all = svyDesign({ weights: weights.all, cluster: d.jst, stratum: weights.stratum });
  const byGroup = svyDesign({ weights: weights.byGroup, cluster: d.jst, stratum: weights.stratum });
  return { all, byGroup, weighted: weightedDesign(all, byGroup) };
}

/**
 * Without frame weights (`--weights none`) the design is JSTs as clusters with equal weights and no strata
 * (R: svydesign(ids = ~jst, weights = ~1)): the estimates are the unweighted means, and their intervals and
 * the tests still allow for respondents of one JST answering alike. (The sampling strata are not known
 * without a frame, so none are assumed: the conservative choice.)
 */
function equalWeightDesigns(d: Dataset): Designs {
  const design = svyDesign({ weights: new Float64Array(d.n).fill(1), cluster: d.jst });
  return { all: design, byGroup: design, weighted: weightedDesign(design, design) };
}

function weightsSection(w: Weights): Results['weights'] {
  return {
    method: w.method,
    notes: w.notes,
    kishEffectiveN: w.kishEffectiveN,
    kishDesignEffect: w.kishDesignEffect,
    strata: w.strata,
    raking: w.raking,
  };
}

function segmentSummary(d: Dataset, cells: Cell[], config: AnalysisConfig): Results['segments'] {
  return config.segments.map((s) => {
    const cell = (g: string) => cells.find((c) => c.segment === s.code && c.group === g)!;
    const rows = cell('all').rows;
    return {
      code: s.code, label: s.label, kinds: s.kinds,
      respondents: rows.length,
      jsts: new Set(Array.from(rows, (r) => d.jst[r]!)).size,
      management: cell('management').rows.length,
      operational: cell('operational').rows.length,
    };
  });
}

/** JSTs in the population (from the frame), responding JSTs and respondents per segment and voivodeship. */
function coverage(d: Dataset, cells: Cell[], config: AnalysisConfig, frame?: readonly FrameUnit[]): CoverageT[] {
  const out: CoverageT[] = [];
  const voivs = [...new Set([...d.voivodeship, ...(frame ?? []).map((u) => u.voivodeship)])].sort();
  for (const s of config.segments) {
    const rows = cells.find((c) => c.segment === s.code && c.group === 'all')!.rows;
    const respondents = new Map<string, number>();
    const jsts = new Map<string, Set<string>>();
    for (const r of rows) {
      const v = d.voivodeship[r]!;
      respondents.set(v, (respondents.get(v) ?? 0) + 1);
      (jsts.get(v) ?? jsts.set(v, new Set()).get(v)!).add(d.jst[r]!);
    }
    for (const v of voivs) {
      const n = respondents.get(v) ?? 0;
      out.push({
        segment: s.code, voivodeship: v,
        populationJst: frame ? frame.filter((u) => u.voivodeship === v && s.kinds.includes(u.kind)).length : null,
        respondingJst: jsts.get(v)?.size ?? 0,
        respondents: n,
      });
    }
  }
  return out;
}
