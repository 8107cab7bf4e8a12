/**
 * Analysis configuration: defaults a methodologist can read in one place, overridable by a JSON file
 * (`diag analyze --config FILE`), validated with clear errors.
 */
import { readFileSync } from 'node:fs';
import { Type, type Static } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { DiagError } from '../errors.ts';
import { JST_KINDS, type JstKind } from '../domain/jst.ts';
import { DEFAULT_QUALITY_RULES, QUALITY_FLAGS, type QualityRules } from '../dataset/quality.ts';
import type { Localized } from '../questionnaire/types.ts';

export interface SegmentDef {
  code: string;
  label: Localized;
  kinds: JstKind[];
}

export interface AnalysisConfig {
  /**
   * The report segments and the JST kinds in each. Default: urban-rural gminas with rural gminas (most of
   * their area and pupils are rural), cities with county rights with counties (they run the county
   * schools: secondary, vocational, special).
   */
  segments: SegmentDef[];
  /** no cell with fewer respondents than this is shown anywhere */
  suppressionThreshold: number;
  /** estimates on fewer respondents are marked low precision */
  lowPrecisionBelow: number;
  /** confidence level of every interval */
  level: number;
  weights: 'none' | 'frame';
  /** post-stratify when every kind × voivodeship cell has this many responding JSTs, else rake */
  minJstPerCell: number;
  quality: QualityRules;
  /** MWDS intervals: replicates, seed, and the cell size (JSTs) up to which the exact cluster bootstrap runs */
  bootstrap: { replicates: number; seed: string; exactUpToJsts: number };
  /** categorical variables by which area results are further broken down within each segment */
  breakdowns: string[];
}

export const DEFAULT_CONFIG: AnalysisConfig = {
  segments: [
    { code: 'rural', label: { pl: 'Gminy wiejskie', en: 'Rural gminas' }, kinds: ['rural', 'urban_rural'] },
    { code: 'urban', label: { pl: 'Gminy miejskie', en: 'Urban gminas' }, kinds: ['urban'] },
    { code: 'county', label: { pl: 'Powiaty', en: 'Counties' }, kinds: ['county', 'city_county'] },
  ],
  suppressionThreshold: 5,
  lowPrecisionBelow: 30,
  level: 0.95,
  weights: 'none',
  minJstPerCell: 2,
  quality: DEFAULT_QUALITY_RULES,
  bootstrap: { replicates: 1000, seed: 'diag', exactUpToJsts: 500 },
  breakdowns: ['population_class'],
};

const ConfigFile = Type.Partial(
  Type.Object({
    segments: Type.Array(Type.Object({ code: Type.String({ pattern: '^[a-z][a-z0-9_]*$' }), label: Type.Object({ pl: Type.String(), en: Type.String() }), kinds: Type.Array(Type.Union(JST_KINDS.map((k) => Type.Literal(k))), { minItems: 1 }) }), { minItems: 2 }),
    suppressionThreshold: Type.Integer({ minimum: 1 }),
    lowPrecisionBelow: Type.Integer({ minimum: 1 }),
    level: Type.Number({ exclusiveMinimum: 0.5, exclusiveMaximum: 1 }),
    weights: Type.Union([Type.Literal('none'), Type.Literal('frame')]),
    minJstPerCell: Type.Integer({ minimum: 1 }),
    quality: Type.Partial(Type.Object({
      minRatedShare: Type.Number({ minimum: 0, maximum: 1 }),
      straightliningMinCells: Type.Integer({ minimum: 2 }),
      speedingRatio: Type.Number({ minimum: 0, maximum: 1 }),
      exclude: Type.Array(Type.Union(QUALITY_FLAGS.map((f) => Type.Literal(f)))),
    })),
    bootstrap: Type.Partial(Type.Object({ replicates: Type.Integer({ minimum: 100, maximum: 100000 }), seed: Type.String(), exactUpToJsts: Type.Integer({ minimum: 2 }) })),
    breakdowns: Type.Array(Type.String()),
  }),
  { additionalProperties: false },
);
export type ConfigFile = Static<typeof ConfigFile>;

/** Merges a partial configuration over the defaults, checking it first. */
export function resolveConfig(partial: unknown, source = 'configuration'): AnalysisConfig {
  if (!Value.Check(ConfigFile, partial)) {
    const details = [...Value.Errors(ConfigFile, partial)].slice(0, 20).map((e) => ({ file: source, column: e.path || '/', message: `${e.message}${e.value !== undefined ? ` (got ${JSON.stringify(e.value)})` : ''}` }));
    throw new DiagError('CONFIG_INVALID', `${source} is not a valid analysis configuration`, details);
  }
  const c = partial as ConfigFile;
  const config: AnalysisConfig = {
    ...DEFAULT_CONFIG,
    ...c,
    quality: { ...DEFAULT_CONFIG.quality, ...(c.quality ?? {}) } as QualityRules,
    bootstrap: { ...DEFAULT_CONFIG.bootstrap, ...(c.bootstrap ?? {}) },
  } as AnalysisConfig;
  const claimed = new Map<string, string>();
  for (const s of config.segments) {
    for (const k of s.kinds) {
      if (claimed.has(k)) throw new DiagError('CONFIG_INVALID', `${source}: JST kind "${k}" is in segments "${claimed.get(k)}" and "${s.code}"; each kind belongs to one segment`);
      claimed.set(k, s.code);
    }
  }
  if (new Set(config.segments.map((s) => s.code)).size !== config.segments.length || claimed.has('all')) throw new DiagError('CONFIG_INVALID', `${source}: segment codes must be unique and not "all"`);
  return config;
}

export function readConfigFile(path: string): AnalysisConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new DiagError('INPUT_NOT_FOUND', `cannot read ${path}`, [{ file: path, message: 'file not found or not readable' }]);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new DiagError('CONFIG_INVALID', `${path} is not valid JSON: ${(e as Error).message}`);
  }
  return resolveConfig(value, path);
}
