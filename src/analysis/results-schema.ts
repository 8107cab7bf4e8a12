/**
 * The results model: the one file (`results.json`) that reports, the dashboard and exports render from.
 * One TypeBox definition gives both the JSON Schema (committed as schemas/results.schema.json and checked
 * in tests) and the TypeScript types, so the two cannot drift.
 *
 * Conventions: every estimate carries its `n`; a withheld cell (fewer respondents than the threshold, or
 * withheld so that such a cell cannot be worked out by subtraction — see `disclosure`) carries
 * `suppressed: true` and a `reason` instead of any value (not even its n); numbers are unrounded. Nothing
 * of respondent length is here: per-respondent weights go to a file of their own (`diag analyze --weights-out`).
 */
import { Type, type Static, type TSchema } from '@sinclair/typebox';

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const Num = Type.Number();
const NNum = Nullable(Num);
const Localized = Type.Object({ pl: Type.String(), en: Type.String() });
const SegmentCode = Type.String({ description: 'a segment code from config.segments, or "all"' });
const GroupCode = Type.Union([Type.Literal('management'), Type.Literal('operational'), Type.Literal('all')]);
const CellKey = { segment: SegmentCode, group: GroupCode };

export const Suppressed = Type.Object({ ...CellKey, suppressed: Type.Literal(true), reason: Type.String() });

const Weighted = Type.Object({
  mean: NNum, se: NNum, ciLow: NNum, ciHigh: NNum,
  deff: Type.Union([Num, Type.Null()], { description: 'design effect against simple random sampling with replacement (R svymean deff = "replace")' }),
  nEff: NNum,
  df: Type.Union([Type.Integer(), Type.Null()], { description: "design degrees of freedom of the cell's data (R degf of the domain): JSTs holding its data − their strata" }),
  jsts: Type.Union([Type.Integer(), Type.Null()], { description: "JSTs (clusters) holding the cell's data" }),
}, { description: 'the design-based estimate (R svymean): with --weights frame the frame weights, JSTs as clusters within the weighting strata; with --weights none equal weights, JSTs as clusters, no strata' });

const NoInference = Type.Optional(Type.String({ description: 'present when the cell cannot support inference (its data come from one JST, or from one JST per stratum: design df < 1): every interval is null and no test involves it' }));

export const NumericEstimate = Type.Object({
  ...CellKey,
  n: Type.Integer({ minimum: 0 }),
  mean: NNum, sd: NNum, median: NNum, ciLow: NNum, ciHigh: NNum,
  lowPrecision: Type.Boolean({ description: 'n below config.lowPrecisionBelow' }),
  weighted: Nullable(Weighted),
  noInference: NoInference,
});
const EstimateCell = Type.Union([NumericEstimate, Suppressed]);

const Distribution = Type.Union([
  Type.Object({
    ...CellKey,
    n: Type.Integer({ minimum: 0 }),
    values: Type.Array(Num),
    counts: Type.Array(Nullable(Type.Integer()), { description: 'null where the count is suppressed' }),
    percent: Type.Array(NNum),
  }),
  Suppressed,
]);

const ItemEstimates = Type.Object({
  item: Type.String(), area: Type.String(), label: Localized,
  importance: Type.Array(EstimateCell), level: Type.Array(EstimateCell), gap: Type.Array(EstimateCell),
  distribution: Type.Object({ importance: Type.Array(Distribution), level: Type.Array(Distribution) }),
});
const AreaEstimates = Type.Object({
  area: Type.String(), label: Localized,
  importance: Type.Array(EstimateCell), level: Type.Array(EstimateCell), gap: Type.Array(EstimateCell),
});

const ChoiceOption = Type.Object({
  value: Type.String(), label: Localized,
  n: Nullable(Type.Integer({ description: "the option's base: respondents who answered the question (and, for a checkbox option, were shown it)" })),
  count: Nullable(Type.Integer()), proportion: NNum, ciLow: NNum, ciHigh: NNum,
  weighted: Nullable(Type.Object({ proportion: NNum, ciLow: NNum, ciHigh: NNum })),
  suppressed: Type.Optional(Type.String()),
});
const ChoiceCell = Type.Union([Type.Object({ ...CellKey, n: Type.Integer(), lowPrecision: Type.Boolean(), options: Type.Array(ChoiceOption), noInference: NoInference }), Suppressed]);
const Choice = Type.Object({
  question: Type.String(), label: Localized, type: Type.Union([Type.Literal('single'), Type.Literal('multiple')]),
  cells: Type.Array(ChoiceCell),
});

const Effect = Type.Object({ name: Type.String(), value: NNum, magnitude: Nullable(Type.String()) });
const Basis = Type.Union([Type.Literal('design'), Type.Literal('unweighted')], { description: 'design: the design-based test the findings use; unweighted: its twin on respondents, a sensitivity analysis' });
const TestResult = Type.Object({
  family: Type.String(),
  basis: Basis,
  test: Type.Union([
    Type.Literal('svyranktest'), Type.Literal('svyttest'), Type.Literal('svychisq'),
    Type.Literal('kruskal_wallis'), Type.Literal('mann_whitney'), Type.Literal('welch_t'), Type.Literal('chi_square'),
  ]),
  variable: Type.String(),
  by: Type.Union([Type.Literal('segment'), Type.Literal('group')]),
  groups: Type.Array(Type.String()),
  within: Type.Object({ segment: Type.Optional(Type.String()), group: Type.Optional(Type.String()) }),
  n: Type.Array(Type.Integer()),
  jsts: Type.Array(Type.Integer(), { description: 'JSTs (clusters) holding the data of each group' }),
  statistic: NNum, df: NNum,
  df2: Type.Optional(Type.Union([Num, Type.Null()], { description: 'denominator df of an F statistic (Rao–Scott; the k-sample rank test)' })),
  p: NNum, pAdjusted: NNum,
  effect: Effect,
  difference: Type.Optional(Type.Object({ estimate: NNum, ciLow: NNum, ciHigh: NNum, description: Type.String() })),
  significant: Type.Boolean(),
  note: Type.Optional(Type.String()),
  noInference: Type.Optional(Type.String({ description: 'present when a group cannot support inference (data from one JST, or one JST per stratum): no statistic' })),
});
const TestFamily = Type.Object({
  id: Type.String(), basis: Basis, test: Type.String(), description: Type.String(),
  twin: Type.String({ description: 'the family of the same comparisons in the other basis' }),
  rCall: Nullable(Type.String({ description: 'the R survey call of one test of the family, on the designs of tests.design' })),
  correction: Type.Literal('holm'),
  tests: Type.Integer({ description: 'comparisons tested (Holm runs over these)' }),
  omitted: Type.Integer({ description: 'comparisons not tested: a group under the suppression threshold, or one that cannot support inference' }),
  omittedNoInference: Type.Integer({ description: 'of omitted, those for want of inference (listed in results with noInference)' }),
});
const TestDesign = Type.Object({
  weights: Type.Union([Type.Literal('frame'), Type.Literal('equal')]),
  description: Type.String(),
  rSetup: Type.Array(Type.String(), { description: 'R calls that set up the designs des and desg (respondents: one row per analysed respondent with jst, stratum, weight and weight_within_group as in the file of diag analyze --weights-out, segment, group and the variables)' }),
});

const Reliability = Type.Union([
  Type.Object({
    area: Type.String(), measure: Type.Union([Type.Literal('importance'), Type.Literal('level')]), ...CellKey,
    n: Type.Integer(), k: Type.Integer(), alpha: NNum,
    items: Type.Array(Type.Object({ item: Type.String(), itemRestCorrelation: NNum, alphaIfDeleted: NNum })),
  }),
  Type.Object({ area: Type.String(), measure: Type.String(), ...CellKey, suppressed: Type.Literal(true), reason: Type.String() }),
]);

const MwdsVariant = {
  meanImportance: NNum, meanLevel: NNum, meanGap: NNum,
  mwds: Type.Union([Num, Type.Null()], { description: 'meanGap × meanImportance (Borich MWDS; for an area, of the area scores)' }),
  ciLow: NNum, ciHigh: NNum, rank: Nullable(Type.Integer()),
};
const Unweighted = Type.Object(MwdsVariant, { description: 'the classic Borich MWDS on respondents (unweighted), with its own bootstrap interval and rank' });
const PriorityItem = Type.Object({
  item: Type.String(), area: Type.String(), n: Type.Integer(),
  ...MwdsVariant,
  unweighted: Unweighted,
  noInference: NoInference,
});
const PriorityArea = Type.Object({
  area: Type.String(), n: Type.Integer(),
  ...MwdsVariant,
  unweighted: Unweighted,
  noInference: NoInference,
  quadrant: Nullable(Type.Union([Type.Literal('concentrate_here'), Type.Literal('keep_up'), Type.Literal('low_priority'), Type.Literal('possible_overkill')])),
  trainingDemand: Type.Object({ count: Nullable(Type.Integer()), proportion: NNum }),
});
const PriorityCell = Type.Union([
  Type.Object({
    ...CellKey, n: Type.Integer(), jsts: Type.Integer(), lowPrecision: Type.Boolean(),
    interval: Type.Union([Type.Literal('cluster_bootstrap'), Type.Literal('cluster_bootstrap_normal_approximation')]),
    crosshairs: Type.Object({ importance: NNum, level: NNum }),
    items: Type.Array(PriorityItem), areas: Type.Array(PriorityArea),
    noInference: NoInference,
  }),
  Suppressed,
]);
const MwdsPolicy = Type.Object({
  mwds: Type.Literal('weighted', { description: 'what the `mwds` fields hold, with their ciLow, ciHigh, rank, means, quadrant and the cross-hairs: the population estimate with the weights below' }),
  unweighted: Type.Literal('classic', { description: 'what `unweighted` beside them holds: the classic Borich MWDS on respondents' }),
  weights: Type.Union([Type.Literal('frame'), Type.Literal('equal')], { description: 'equal: --weights none, where the two coincide' }),
  statement: Type.String(),
}, { description: 'which MWDS the recommendations use: `mwds`' });

const Withheld = Type.Object({
  table: Type.Union([
    Type.Literal('respondents'), Type.Literal('coverage'), Type.Literal('estimates'), Type.Literal('distributions'), Type.Literal('breakdowns'),
    Type.Literal('choices'), Type.Literal('reliability'), Type.Literal('priorities'), Type.Literal('tests'),
  ]),
  description: Type.String(),
  published: Type.Integer({ description: 'cells (or tests) published' }),
  primary: Type.Integer({ description: 'cells withheld because they hold 1 … threshold − 1 respondents' }),
  complementary: Type.Integer({ description: 'further cells (or tests) withheld so that no withheld cell can be worked out from the published ones' }),
});
const Disclosure = Type.Object({
  threshold: Type.Integer(),
  rule: Type.String(),
  /** withheld cells by table */
  withheld: Type.Array(Withheld),
  /** the segment × staff-group respondent counts withheld (primary or complementary), as the reports mention them */
  respondentCells: Type.Array(Type.Object({ segment: Type.String(), group: GroupCode })),
});

const Coverage = Type.Object({
  segment: Type.String(), voivodeship: Type.String(),
  populationJst: Nullable(Type.Integer()), respondingJst: Type.Integer(), respondents: Nullable(Type.Integer()),
});

export const ResultsSchema = Type.Object(
  {
    schemaVersion: Type.Literal('1.0'),
    generatedAt: Type.String({ description: 'ISO 8601 date of the analysis (injectable for reproducible output)' }),
    software: Type.Object({ name: Type.String(), version: Type.String(), node: Type.String() }),
    input: Type.Object({
      data: Type.Object({ file: Type.String(), sha256: Type.String() }),
      frame: Nullable(Type.Object({ file: Type.String(), sha256: Type.String(), units: Type.Integer() })),
      questionnaire: Type.Object({ file: Type.String(), version: Type.String(), sha256: Type.String() }),
    }),
    config: Type.Object({
      suppressionThreshold: Type.Integer(), lowPrecisionBelow: Type.Integer(), level: Num,
      weights: Type.Union([Type.Literal('none'), Type.Literal('frame')]),
      segments: Type.Array(Type.Object({ code: Type.String(), label: Localized, kinds: Type.Array(Type.String()) })),
      quality: Type.Object({ minRatedShare: Num, straightliningMinCells: Type.Integer(), speedingRatio: Num, exclude: Type.Array(Type.String()) }),
      bootstrap: Type.Object({ replicates: Type.Integer(), seed: Type.String(), exactUpToJsts: Type.Integer(), resampling: Type.String() }),
      areaScore: Type.String(), alphaItems: Type.String(), effectSizeThresholds: Type.Record(Type.String(), Type.Array(Num)),
      breakdowns: Type.Array(Type.String()),
    }),
    dataset: Type.Object({
      respondents: Type.Integer(), jsts: Type.Integer(), analysed: Type.Integer(), analysedJsts: Type.Integer(),
      excluded: Type.Integer(), flagged: Type.Record(Type.String(), Nullable(Type.Integer()), { description: 'submissions per data-quality flag; null for 1 … threshold − 1' }), medianDurationSec: NNum,
      sources: Type.Record(Type.String(), Type.Integer(), { description: 'respondents by source (web, import, synthetic, …)' }),
    }),
    weights: Type.Object({
      method: Type.Union([Type.Literal('none'), Type.Literal('poststratified'), Type.Literal('raked')]),
      notes: Type.Array(Type.String()),
      kishEffectiveN: NNum, kishDesignEffect: NNum,
      strata: Type.Array(Type.Object({ kind: Type.String(), voivodeship: Nullable(Type.String()), populationJst: Type.Integer(), respondingJst: Type.Integer(), jstWeight: NNum })),
      raking: Nullable(Type.Object({ status: Type.String(), iterations: Type.Integer(), maxRelativeError: NNum })),
    }),
    segments: Type.Array(Type.Object({
      code: Type.String(), label: Localized, kinds: Type.Array(Type.String()),
      respondents: Nullable(Type.Integer()), jsts: Type.Integer(), management: Nullable(Type.Integer()), operational: Nullable(Type.Integer()),
    }, { description: 'respondents analysed per segment and staff group; null where withheld (see disclosure)' })),
    coverage: Type.Array(Coverage),
    estimates: Type.Object({
      items: Type.Array(ItemEstimates),
      areas: Type.Array(AreaEstimates),
      breakdowns: Type.Array(Type.Object({
        variable: Type.String(), label: Localized,
        categories: Type.Array(Type.Object({ value: Type.String(), label: Localized })),
        cells: Type.Array(Type.Object({ area: Type.String(), segment: Type.String(), category: Type.String(), importance: EstimateCell, level: EstimateCell, gap: EstimateCell })),
      })),
    }),
    choices: Type.Array(Choice),
    tests: Type.Object({ alpha: Num, design: TestDesign, families: Type.Array(TestFamily), results: Type.Array(TestResult) }),
    reliability: Type.Array(Reliability),
    priorities: Type.Object({ method: Type.String(), mwdsPolicy: MwdsPolicy, cells: Type.Array(PriorityCell) }),
    disclosure: Disclosure,
  },
  { $id: 'results.schema.json', title: 'diag analysis results', additionalProperties: false },
);

export type Results = Static<typeof ResultsSchema>;
export type NumericEstimateT = Static<typeof NumericEstimate>;
export type SuppressedT = Static<typeof Suppressed>;
export type EstimateCellT = Static<typeof EstimateCell>;
export type DistributionT = Static<typeof Distribution>;
export type ChoiceT = Static<typeof Choice>;
export type ChoiceCellT = Static<typeof ChoiceCell>;
export type TestResultT = Static<typeof TestResult>;
export type TestFamilyT = Static<typeof TestFamily>;
export type ReliabilityT = Static<typeof Reliability>;
export type PriorityCellT = Static<typeof PriorityCell>;
export type PriorityAreaT = Static<typeof PriorityArea>;
export type PriorityItemT = Static<typeof PriorityItem>;
export type CoverageT = Static<typeof Coverage>;
export type DisclosureT = Static<typeof Disclosure>;
export type WithheldT = Static<typeof Withheld>;
export type GroupCode = Static<typeof GroupCode>;
