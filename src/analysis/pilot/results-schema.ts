/**
 * The JSON Schema of pilot-results.json (`diag pilot analyze`), as TypeBox: committed as
 * src/analysis/pilot-results.schema.json (a test keeps the two equal) and checked against the hand-written
 * types of types.ts at compile time (the assertion at the end fails `tsc` if one drifts from the other).
 *
 * Every object is closed (`additionalProperties: false`): a renamed field is refused, not ignored. A cell is
 * either its figures or `{ "withheld": true }` and nothing else.
 */
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { Value, type ValueError } from '@sinclair/typebox/value';
import { DiagError, type ErrorDetail } from '../../errors.ts';
import type { PilotResults } from './types.ts';

const closed = { additionalProperties: false } as const;
const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const Num = Type.Number();
const NNum = Nullable(Num);
const Count = Type.Integer({ minimum: 0 });
const Localized = Type.Object({ pl: Type.String(), en: Type.String() }, closed);
const Withheld = Type.Object({ withheld: Type.Literal(true) }, { ...closed, description: 'a cell withheld whole: fewer participants than config.minN, or one that would reveal such a cell' });
const orWithheld = <T extends TSchema>(t: T) => Type.Union([t, Withheld]);
const InstrumentRef = Type.Object({ file: Type.String(), version: Type.String(), sha256: Type.String() }, closed);

const PairedStats = Type.Object({
  n: Count,
  clusters: Type.Integer({ minimum: 0, description: 'JSTs the pairs come from' }),
  meanBefore: NNum, meanAfter: NNum, meanChange: NNum, sdChange: NNum,
  t: Type.Object({ t: NNum, df: NNum, p: NNum, ciLow: NNum, ciHigh: NNum, dz: NNum }, closed),
  clustered: Type.Object({ se: NNum, df: NNum, p: NNum, ciLow: NNum, ciHigh: NNum }, { ...closed, description: 'the mean change with a JST-clustered standard error: the interval the decisions read' }),
  wilcoxon: Type.Object({
    statistic: NNum, p: NNum,
    method: Type.Union([Type.Literal('exact'), Type.Literal('normal'), Type.Null()]),
    rankBiserial: NNum,
  }, closed),
}, closed);

const PairedCell = Type.Object({
  programme: Type.String(),
  staffGroup: Type.String({ description: '"all" or a staff group code of the diagnosis' }),
  area: Type.String(),
  item: Type.Optional(Type.String({ description: 'absent for the area score' })),
  stats: orWithheld(PairedStats),
}, closed);

const NeedCell = Type.Object({
  programme: Type.String(),
  need: Type.Boolean(),
  participants: Nullable(Type.Integer()),
  stats: orWithheld(PairedStats),
}, closed);

const Baseline = Type.Object({ n: Count, meanBaseline: NNum, sd: NNum }, closed);
const AttritionCell = Type.Object({
  programme: Type.String(),
  completers: orWithheld(Baseline),
  dropouts: orWithheld(Baseline),
  difference: Nullable(Type.Object({ value: NNum, ciLow: NNum, ciHigh: NNum, p: NNum, hedgesG: NNum }, closed)),
}, closed);

const ScaleSummary = Type.Object({
  scale: Type.String(),
  n: Count,
  mean: NNum,
  sd: NNum,
  distribution: Type.Array(Type.Object({ value: Num, count: Count }, closed)),
}, closed);

const ReactionCell = Type.Object({
  programme: Type.String({ description: 'a programme code, or "all"' }),
  module: Type.String(),
  result: orWithheld(Type.Object({ n: Count, scales: Type.Array(ScaleSummary) }, closed)),
}, closed);

const FollowupCell = Type.Object({
  programme: Type.String(),
  result: orWithheld(Type.Object({
    n: Count,
    scales: Type.Array(ScaleSummary),
    choices: Type.Array(Type.Object({ question: Type.String(), choice: Type.String(), count: Nullable(Type.Integer()), share: NNum }, closed)),
  }, closed)),
}, closed);

const Labels = Type.Record(Type.String(), Localized);

export const PilotResultsSchema = Type.Object({
  kind: Type.Literal('pilot-evaluation'),
  generatedAt: Type.String({ description: 'ISO 8601 date of the analysis' }),
  synthetic: Type.Boolean({ description: 'every response read was marked synthetic' }),
  config: Type.Object({
    minN: Type.Integer({ minimum: 1, description: 'no cell describes fewer participants than this' }),
    level: Type.Number({ exclusiveMinimum: 0, exclusiveMaximum: 1 }),
    needGap: Num,
  }, closed),
  instruments: Type.Object({ diagnosis: InstrumentRef, reaction: Type.Optional(InstrumentRef), post: InstrumentRef, followup: Type.Optional(InstrumentRef) }, closed),
  inputs: Type.Array(Type.Object({ file: Type.String(), sha256: Type.String() }, closed)),
  labels: Type.Object({
    programmes: Labels, staffGroups: Labels, areas: Labels, modules: Labels, scales: Labels,
    choices: Type.Optional(Type.Record(Type.String(), Type.Object({ title: Localized, values: Labels }, closed))),
  }, closed),
  method: Type.Record(Type.String(), Type.String()),
  participants: Type.Array(Type.Object({ programme: Type.String(), result: orWithheld(Type.Object({ linked: Count, jsts: Count }, closed)) }, closed)),
  change: Type.Array(PairedCell),
  changeItems: Type.Array(PairedCell),
  responseShift: Type.Array(PairedCell),
  thenTest: Type.Array(PairedCell),
  needVsElsewhere: Type.Array(NeedCell),
  attrition: Type.Array(AttritionCell),
  reactions: Type.Array(ReactionCell),
  followup: Type.Array(FollowupCell),
  withheld: Type.Array(Type.Object({ table: Type.String(), primary: Count, complementary: Count, published: Count }, closed)),
}, { $id: 'pilot-results.schema.json', title: 'diag pilot evaluation results', ...closed });

export type PilotResultsT = Static<typeof PilotResultsSchema>;

/**
 * The schema as committed (pilot-results.schema.json): the same schema with each repeated part written once
 * under `$defs` and referred to by `$ref`, so that the file stays readable.
 */
export function pilotResultsJsonSchema(): Record<string, unknown> {
  const defs: Record<string, TSchema> = { PairedCell, PairedStats, ScaleSummary, Baseline, InstrumentRef, Withheld, Localized };
  const plain = (x: unknown) => JSON.stringify(x);
  const keyOf = new Map(Object.entries(defs).map(([name, s]) => [plain(s), name]));
  const dedupe = (x: unknown, self?: string): unknown => {
    if (x === null || typeof x !== 'object') return x;
    const name = keyOf.get(plain(x));
    if (name && name !== self) return { $ref: `#/$defs/${name}` };
    if (Array.isArray(x)) return x.map((y) => dedupe(y));
    return Object.fromEntries(Object.entries(x).map(([k, y]) => [k, dedupe(y)]));
  };
  const root = dedupe(JSON.parse(plain(PilotResultsSchema))) as Record<string, unknown>;
  return { ...root, $defs: Object.fromEntries(Object.entries(defs).map(([name, s]) => [name, dedupe(JSON.parse(plain(s)), name)])) };
}

/** The committed file's text: pilotResultsJsonSchema() with every part that fits a line of 118 written on one. */
export function pilotResultsSchemaText(): string {
  const fmt = (v: unknown, indent: string): string => {
    const flat = JSON.stringify(v);
    if (v === null || typeof v !== 'object' || flat.length + indent.length <= 118) return flat;
    const next = `${indent}  `;
    if (Array.isArray(v)) return `[\n${v.map((x) => next + fmt(x, next)).join(',\n')}\n${indent}]`;
    return `{\n${Object.entries(v).map(([k, x]) => `${next}${JSON.stringify(k)}: ${fmt(x, next)}`).join(',\n')}\n${indent}}`;
  };
  return `${fmt(pilotResultsJsonSchema(), '')}\n`;
}

// The schema and the types of types.ts describe the same file: each must be assignable to the other.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameShape: Same<PilotResultsT, PilotResults> = true;
void sameShape;

/**
 * The most telling error under `e`: a value that matches no branch of a union is described by the branch it
 * comes closest to (fewest errors), down to the innermost path ("/change/3/stats/n: Expected integer", not
 * "/change/3/stats: Expected union value").
 */
function innermost(e: ValueError): ValueError {
  if (!e.errors.length) return e;
  const branches = e.errors.map((it) => [...it]);
  const best = branches.reduce((a, b) => (b.length && (!a.length || b.length < a.length) ? b : a), [] as ValueError[]);
  return best.length ? innermost(best[0]!) : e;
}

/** `value` as pilot results, or INPUT_INVALID naming the first offending path (and up to 10 in the details). */
export function checkPilotResults(value: unknown, file: string): PilotResults {
  if (Value.Check(PilotResultsSchema, value)) return value as PilotResults;
  const errors = [...Value.Errors(PilotResultsSchema, value)].slice(0, 10).map(innermost);
  const details: ErrorDetail[] = errors.map((e) => ({ file, column: e.path || '/', message: `${e.message}${e.path ? '' : ' (the whole file)'}` }));
  const first = errors[0]!;
  const kind = typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'pilot-evaluation';
  throw new DiagError('INPUT_INVALID', `${file} ${kind ? 'does not match the pilot results schema (made by another version of diag, or edited?)' : 'is not a pilot evaluation (expected pilot-results.json from `diag pilot analyze`)'}: at ${first.path || '/'}: ${first.message}`, details);
}
