/**
 * The respondent API's bodies (PUT …/draft, POST …/responses), checked strictly before any other code sees them.
 *
 * Fastify's own Ajv coerces types ("3" becomes 3, [x] becomes x) and silently drops properties the schema does not
 * declare. These two routes use a validator of their own instead (`respondentValidatorCompiler`): no coercion, no
 * removal (an unknown property is an error, as `additionalProperties: false` in the OpenAPI document says), no
 * defaults, the first error only (bounded work whatever the body). The answers' schema is derived from the
 * questionnaire's codebook (questionnaire/answers-schema.ts) and compiled once per questionnaire, so a request
 * costs one pass of generated code over the body.
 *
 * Errors name the field and what it takes, in the codebook's words ("body/data/n_schools: expected a whole number
 * from 0 to 2000"); they never echo a value, and a property name they echo is clipped.
 */
import { Type, type Static } from '@sinclair/typebox';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { answersSchema, expectedAt, type JsonSchema } from '../../questionnaire/answers-schema.ts';
import type { SurveyInstrument } from '../../questionnaire/types.ts';
import { clipText, isSafeText, SAFE_TEXT_FORMAT, SAFE_TEXT_PATTERN } from '../../util/safe-text.ts';
import { DRAFT_ID_PATTERN } from '../schemas.ts';

/** An ISO 8601 date-time as browsers write it (`new Date().toISOString()`), with or without seconds and an offset. */
export const DATE_TIME_PATTERN = '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?(Z|[+-]\\d{2}:\\d{2})$';

/**
 * One Ajv for the strict bodies: JSON types as sent, every property declared, the first error only. References are
 * compiled as functions of their own (`inlineRefs: false`), see `shared`.
 */
const strictAjv = new Ajv({ coerceTypes: false, removeAdditional: false, useDefaults: false, allErrors: false, allowUnionTypes: true, strict: true, inlineRefs: false });
// The text rule as a format: a function call per string, about twice as fast as the same rule as a `u` pattern.
strictAjv.addFormat(SAFE_TEXT_FORMAT, { type: 'string', validate: isSafeText });

function bodySchemas(questionnaire: SurveyInstrument) {
  const answers = Type.Unsafe<Record<string, unknown>>(answersSchema(questionnaire) as JsonSchema);
  const draftId = Type.String({ pattern: DRAFT_ID_PATTERN, description: 'the client draft id: a random base64url string the browser draws once' });
  const startedAt = Type.Optional(Type.String({ maxLength: 40, pattern: DATE_TIME_PATTERN, description: 'when the respondent started (ISO 8601 date-time)' }));
  return {
    draft: Type.Object(
      { id: draftId, answers: Type.Unsafe<Record<string, unknown>>({ ...(answers as object), description: 'the answers so far (partial)' }), startedAt, page: Type.Optional(Type.Integer({ minimum: 0, maximum: 1000 })) },
      { additionalProperties: false, description: 'what the browser autosaves: the answers so far, when the respondent started and the page they are on' },
    ),
    submission: Type.Object(
      { draftId: { ...draftId, description: 'the client draft id: a retry with the same id is recognised as a double submit' }, data: answers, startedAt },
      { additionalProperties: false, description: 'the completed questionnaire' },
    ),
  };
}

type Schemas = ReturnType<typeof bodySchemas>;
export type DraftBodyT = Static<Schemas['draft']>;
export type SubmissionBodyT = Static<Schemas['submission']>;

interface Compiled {
  schemas: Schemas;
  draft: BodyValidator;
  submission: BodyValidator;
}

export type BodyError = Pick<ErrorObject, 'instancePath' | 'schemaPath' | 'keyword' | 'params' | 'message'>;

/** What Fastify calls: true, or false with `errors` set. */
export interface BodyValidator {
  (body: unknown): boolean;
  errors: BodyError[] | null;
}

const compiled = new WeakMap<SurveyInstrument, Compiled>();

/** The body schemas of a questionnaire and their validators, compiled once per questionnaire. */
export function respondentBodies(questionnaire: SurveyInstrument): Compiled {
  let c = compiled.get(questionnaire);
  if (!c) {
    const schemas = bodySchemas(questionnaire);
    c = {
      schemas,
      draft: bodyValidator(strictAjv.compile(shared(schemas.draft)), questionnaire, 'answers'),
      submission: bodyValidator(strictAjv.compile(shared(schemas.submission)), questionnaire, 'data'),
    };
    compiled.set(questionnaire, c);
  }
  return c;
}

/**
 * The validator compiler of the respondent API routes: the precompiled strict validator for the body, the same strict
 * Ajv for params and query strings (all strings: no coercion needed).
 */
export function respondentValidatorCompiler(questionnaire: SurveyInstrument) {
  const bodies = respondentBodies(questionnaire);
  return ({ schema, httpPart }: { schema: unknown; httpPart?: string }): BodyValidator | ValidateFunction => {
    if (httpPart === 'body') {
      if (schema === bodies.schemas.draft) return bodies.draft;
      if (schema === bodies.schemas.submission) return bodies.submission;
      throw new Error('respondentValidatorCompiler: a body schema other than the questionnaire\'s');
    }
    return strictAjv.compile(schema as JsonSchema);
  };
}

/**
 * The schema as Ajv compiles it: every sub-schema that occurs more than once (a matrix's item, the same for each of its
 * items and across matrices) moved to `$defs` and referenced. Written out inline, the generated validator of the
 * shipped questionnaire is ~150 KB of code, too large for V8 to optimise (it ran ~10× slower under load); shared, each
 * definition is one small function. The schema Fastify shows in the OpenAPI document stays inline.
 */
function shared(schema: object): JsonSchema {
  const copy = JSON.parse(JSON.stringify(schema)) as JsonSchema;
  const seen = new Map<string, number>();
  eachSchema(copy, (node) => {
    const key = JSON.stringify(node);
    if (key.length > 80) seen.set(key, (seen.get(key) ?? 0) + 1);
    return node;
  });
  const defs: Record<string, JsonSchema> = {};
  const names = new Map<string, string>();
  const replace = (node: JsonSchema, top: boolean): JsonSchema => {
    const key = JSON.stringify(node);
    if (!top && (seen.get(key) ?? 0) > 1) {
      let name = names.get(key);
      if (!name) {
        name = `s${names.size}`;
        names.set(key, name);
        defs[name] = mapChildren(node, (child) => replace(child, false));
      }
      return { $ref: `#/$defs/${name}` };
    }
    return mapChildren(node, (child) => replace(child, false));
  };
  const out = replace(copy, true);
  return Object.keys(defs).length ? { ...out, $defs: defs } : out;
}

/** Keywords whose value is a schema, a map of schemas, or a list of schemas (the rest hold data: enum, type, …). */
const SCHEMA_KEYWORDS = new Set(['items', 'additionalProperties', 'not', 'contains', 'propertyNames', 'if', 'then', 'else']);
const MAP_KEYWORDS = new Set(['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas']);
const LIST_KEYWORDS = new Set(['anyOf', 'allOf', 'oneOf', 'prefixItems']);

/** A copy of a schema with `f` applied to each of its direct sub-schemas. */
function mapChildren(node: JsonSchema, f: (child: JsonSchema) => JsonSchema): JsonSchema {
  const isSchema = (v: unknown): v is JsonSchema => typeof v === 'object' && v !== null && !Array.isArray(v);
  return Object.fromEntries(Object.entries(node).map(([k, v]) => {
    if (SCHEMA_KEYWORDS.has(k) && isSchema(v)) return [k, f(v)];
    if (MAP_KEYWORDS.has(k) && isSchema(v)) return [k, Object.fromEntries(Object.entries(v).map(([name, s]) => [name, isSchema(s) ? f(s) : s]))];
    if (LIST_KEYWORDS.has(k) && Array.isArray(v)) return [k, v.map((s) => (isSchema(s) ? f(s) : s))];
    return [k, v];
  }));
}

/** Visits every sub-schema, depth first. */
function eachSchema(node: JsonSchema, f: (node: JsonSchema) => JsonSchema): void {
  f(node);
  mapChildren(node, (child) => {
    eachSchema(child, f);
    return child;
  });
}

function bodyValidator(validate: ValidateFunction, questionnaire: SurveyInstrument, answersKey: string): BodyValidator {
  const fn = ((body: unknown) => {
    if (validate(body)) {
      fn.errors = null;
      return true;
    }
    fn.errors = (validate.errors ?? []).map((e) => explain(e, questionnaire, answersKey));
    return false;
  }) as BodyValidator;
  fn.errors = null;
  return fn;
}

const unescapePointer = (s: string) => s.replace(/~1/g, '/').replace(/~0/g, '~');
const escapePointer = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');

/** An Ajv error in the codebook's words, pointing at the offending property. */
function explain(e: ErrorObject, questionnaire: SurveyInstrument, answersKey: string): BodyError {
  const segments = e.instancePath === '' ? [] : e.instancePath.slice(1).split('/').map(unescapePointer);
  const inAnswers = segments[0] === answersKey ? segments.slice(1) : null;
  if (e.keyword === 'additionalProperties') {
    const property = clipText(String((e.params as { additionalProperty?: unknown }).additionalProperty ?? ''), 40);
    const where = `${e.instancePath}/${escapePointer(property)}`;
    let message = 'is not a field of this body';
    if (inAnswers?.length === 0) message = 'is not a question of the questionnaire (see `diag codebook`)';
    else if (inAnswers?.length === 1) message = `is not an item of ${inAnswers[0]}`;
    else if (inAnswers?.length === 2) message = 'is not a rating column of this item';
    return { instancePath: where, schemaPath: e.schemaPath, keyword: e.keyword, params: {}, message };
  }
  if ((e.keyword === 'pattern' && (e.params as { pattern?: string }).pattern === SAFE_TEXT_PATTERN) || (e.keyword === 'format' && (e.params as { format?: string }).format === SAFE_TEXT_FORMAT)) {
    return { instancePath: e.instancePath, schemaPath: e.schemaPath, keyword: e.keyword, params: {}, message: 'contains a NUL character or an unpaired surrogate: expected text without them' };
  }
  const expected = inAnswers ? expectedAt(questionnaire, inAnswers) : undefined;
  return { instancePath: e.instancePath, schemaPath: e.schemaPath, keyword: e.keyword, params: {}, message: expected ? `expected ${expected}` : (e.message ?? 'is not valid') };
}
