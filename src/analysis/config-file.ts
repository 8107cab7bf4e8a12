/**
 * An analysis configuration file (`diag analyze --config FILE`): a partial configuration checked against
 * a schema, with errors naming the path and the value, then merged over the defaults (config.ts).
 * Kept apart from config.ts so that an analysis without a file does not load the schema library.
 */
import { readFileSync } from 'node:fs';
import { Type, type Static } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { DiagError } from '../errors.ts';
import { JST_KINDS } from '../domain/jst.ts';
import { QUALITY_FLAGS, type QualityRules } from '../dataset/quality.ts';
import { DEFAULT_CONFIG, type AnalysisConfig } from './config.ts';

const ConfigFile = Type.Partial(
  Type.Object({
    segments: Type.Array(Type.Object({ code: Type.String({ pattern: '^[a-z][a-z0-9_]*$' }), label: Type.Object({ pl: Type.String(), en: Type.String() }), kinds: Type.Array(Type.Union(JST_KINDS.map((k) => Type.Literal(k))), { minItems: 1 }) }), { minItems: 2 }),
    suppression: Type.Object({ minN: Type.Integer({ minimum: 1, description: 'no published figure describes fewer respondents' }) }, { additionalProperties: false }),
    /** the same as suppression.minN (the name results.json records) */
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
  const { suppression, ...c } = partial as ConfigFile;
  if (suppression && c.suppressionThreshold !== undefined && suppression.minN !== c.suppressionThreshold) {
    throw new DiagError('CONFIG_INVALID', `${source}: suppression.minN (${suppression.minN}) and suppressionThreshold (${c.suppressionThreshold}) disagree; give one`);
  }
  const config: AnalysisConfig = {
    ...DEFAULT_CONFIG,
    ...c,
    ...(suppression ? { suppressionThreshold: suppression.minN } : {}),
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
