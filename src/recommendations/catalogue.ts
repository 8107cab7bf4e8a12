/**
 * The programme catalogue: the six training-advisory programmes (JST segment × staff group), kept as data
 * in catalogue.json and checked at load against the questionnaire's competence areas.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Type, type Static } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { DiagError, type ErrorDetail } from '../errors.ts';
import type { Questionnaire } from '../questionnaire/types.ts';

export const DEFAULT_CATALOGUE = fileURLToPath(new URL('./catalogue.json', import.meta.url));
export const FORMS = ['workshops', 'elearning', 'coaching', 'study_visits', 'peer_networks'] as const;
export type Form = (typeof FORMS)[number];

const Localized = Type.Object({ pl: Type.String({ minLength: 1 }), en: Type.String({ minLength: 1 }) });
const FormT = Type.Union(FORMS.map((f) => Type.Literal(f)));
const Module = Type.Object({
  code: Type.String({ pattern: '^[A-Z0-9-]+$' }),
  title: Localized,
  areas: Type.Array(Type.String()),
  capstone: Type.Optional(Type.Boolean()),
  forms: Type.Array(Type.Object({ form: FormT, hours: Type.Number({ exclusiveMinimum: 0, maximum: 200 }) }), { minItems: 1 }),
});
const Programme = Type.Object({
  code: Type.String({ pattern: '^[A-Z0-9-]+$' }),
  segment: Type.String(),
  staffGroup: Type.Union([Type.Literal('management'), Type.Literal('operational')]),
  title: Localized,
  modules: Type.Array(Module, { minItems: 1 }),
});
const CatalogueT = Type.Object({
  $comment: Type.Optional(Type.String()),
  version: Type.String(),
  hoursPerDay: Type.Number({ exclusiveMinimum: 0, maximum: 12 }),
  forms: Type.Record(Type.String(), Localized),
  lackToAreas: Type.Record(Type.String(), Type.Array(Type.String())),
  programmes: Type.Array(Programme, { minItems: 1 }),
}, { additionalProperties: false });

export type Catalogue = Static<typeof CatalogueT>;
export type ProgrammeT = Static<typeof Programme>;
export type ModuleT = Static<typeof Module>;

/** Reads and checks a catalogue; `segments` are the analysis segment codes every programme must cover. */
export function loadCatalogue(q: Questionnaire, segments: string[], file = DEFAULT_CATALOGUE): Catalogue {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new DiagError('CONFIG_INVALID', `${file} cannot be read as JSON: ${(e as Error).message}`, [{ file, message: 'expected the programme catalogue (JSON)' }]);
  }
  return checkCatalogue(value, q, segments, file);
}

export function checkCatalogue(value: unknown, q: Questionnaire, segments: string[], file = 'catalogue'): Catalogue {
  if (!Value.Check(CatalogueT, value)) {
    const details: ErrorDetail[] = [...Value.Errors(CatalogueT, value)].slice(0, 20).map((e) => ({ file, column: e.path || '/', message: e.message }));
    throw new DiagError('CONFIG_INVALID', `${file} is not a valid programme catalogue`, details);
  }
  const c = value as Catalogue;
  const problems: ErrorDetail[] = [];
  const areas = new Set(q.areas.map((a) => a.code));
  const codes = new Set<string>();
  const lacks = new Set(q.questions.find((x) => x.name === 'kc_lack')?.choices?.map((x) => x.value) ?? []);
  for (const f of FORMS) if (!c.forms[f]) problems.push({ file, column: `/forms/${f}`, message: `form "${f}" has no label` });
  for (const [lack, list] of Object.entries(c.lackToAreas)) {
    if (lacks.size && !lacks.has(lack)) problems.push({ file, column: `/lackToAreas/${lack}`, message: `"${lack}" is not a choice of kc_lack` });
    for (const a of list) if (!areas.has(a)) problems.push({ file, column: `/lackToAreas/${lack}`, message: `unknown competence area "${a}"` });
  }
  c.programmes.forEach((p, i) => {
    if (!segments.includes(p.segment)) problems.push({ file, column: `/programmes/${i}/segment`, message: `unknown segment "${p.segment}" (segments: ${segments.join(', ')})` });
    p.modules.forEach((m, j) => {
      if (codes.has(m.code)) problems.push({ file, column: `/programmes/${i}/modules/${j}/code`, message: `duplicate module code "${m.code}"` });
      codes.add(m.code);
      for (const a of m.areas) if (!areas.has(a)) problems.push({ file, column: `/programmes/${i}/modules/${j}/areas`, message: `unknown competence area "${a}" (areas: ${[...areas].join(', ')})` });
      if (!m.capstone && m.areas.length === 0) problems.push({ file, column: `/programmes/${i}/modules/${j}/areas`, message: 'a module that is not the capstone must train at least one competence area' });
    });
  });
  for (const s of segments) {
    for (const g of ['management', 'operational']) {
      const n = c.programmes.filter((p) => p.segment === s && p.staffGroup === g).length;
      if (n !== 1) problems.push({ file, column: '/programmes', message: `expected exactly one programme for segment "${s}" and ${g}, found ${n}` });
    }
  }
  if (problems.length) throw new DiagError('CONFIG_INVALID', `${file}: ${problems.length} problem${problems.length === 1 ? '' : 's'} in the programme catalogue`, problems);
  return c;
}
