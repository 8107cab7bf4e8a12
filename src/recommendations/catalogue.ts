/**
 * The programme catalogue: the six training-advisory programmes (JST segment × staff group) and the module
 * library they draw on, kept as data in catalogue.json and checked at load against the questionnaire.
 *
 * - `modules`: one module per competence area, plus the capstone (the local plan). A module carries what a
 *   programme director adopts: goal, learning outcomes per staff group, topics, methods, prerequisites and a
 *   self-study e-learning version. An outcome or topic may be limited to some segments (`segments`).
 * - `programmes`: per segment and staff group, the modules offered with their forms; every form has an hour
 *   range `[min, max]` in steps of `step` hours, and the rules (rules.ts) choose the hours within it by need.
 * - `lacks`: which modules answer each lack a JST reports in the questionnaire (the question of
 *   roles.keyCompetences.lack: its choices), with the reason a
 *   domain reader can check; a lack training cannot fix maps to no module and says why.
 * - `quality`: the bars the pilot must reach and the organisational standards of delivery.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Type, type Static } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { DiagError, type ErrorDetail } from '../errors.ts';
import { FORMS } from '../domain/training.ts';
import { STAFF_GROUPS, type Questionnaire, type StaffGroup } from '../questionnaire/types.ts';

export const DEFAULT_CATALOGUE = fileURLToPath(new URL('./catalogue.json', import.meta.url));
export { FORMS, type Form } from '../domain/training.ts';
// the staff groups the programmes are written for: the two the analysis compares (one closed list, in
// questionnaire/types.ts; a questionnaire's groups are declared in its programme metadata)
export { STAFF_GROUPS, type StaffGroup };

const Text = Type.String({ minLength: 1 });
const Localized = Type.Object({ pl: Text, en: Text }, { additionalProperties: false });
const Scoped = Type.Object({ pl: Text, en: Text, segments: Type.Optional(Type.Array(Type.String(), { minItems: 1 })) }, { additionalProperties: false });
const FormT = Type.Union(FORMS.map((f) => Type.Literal(f)));
const FormLabel = Type.Object({
  pl: Text, en: Text,
  /** who a trainer works with: a group of participants, one JST's team, or nobody (self-study) */
  delivery: Type.Union([Type.Literal('group'), Type.Literal('jst'), Type.Literal('self')]),
  /** on site or online by nature, or as the respondents prefer */
  mode: Type.Union([Type.Literal('onsite'), Type.Literal('online'), Type.Literal('flexible')]),
}, { additionalProperties: false });
const LibraryModule = Type.Object({
  area: Type.Optional(Type.String()),
  capstone: Type.Optional(Type.Boolean()),
  title: Localized,
  titleBySegment: Type.Optional(Type.Record(Type.String(), Localized)),
  goal: Localized,
  outcomes: Type.Object({ management: Type.Array(Scoped, { minItems: 1 }), operational: Type.Array(Scoped, { minItems: 1 }) }, { additionalProperties: false }),
  topics: Type.Array(Scoped, { minItems: 1 }),
  /** each method may belong to a form: it is listed only when the programme schedules that form */
  methods: Type.Array(Type.Object({ pl: Text, en: Text, form: Type.Optional(FormT) }, { additionalProperties: false }), { minItems: 1 }),
  prerequisites: Type.Array(Type.String()),
  elearning: Type.Union([Type.Object({ title: Localized, hours: Type.Number({ exclusiveMinimum: 0, maximum: 40 }), units: Type.Array(Localized, { minItems: 1 }) }, { additionalProperties: false }), Type.Null()]),
}, { additionalProperties: false });
const ProgrammeForm = Type.Object({
  form: FormT,
  hours: Type.Tuple([Type.Number({ minimum: 0, maximum: 200 }), Type.Number({ minimum: 0, maximum: 200 })]),
  step: Type.Number({ exclusiveMinimum: 0, maximum: 12 }),
}, { additionalProperties: false });
const ProgrammeModule = Type.Object({ module: Type.String(), forms: Type.Array(ProgrammeForm, { minItems: 1 }) }, { additionalProperties: false });
const Programme = Type.Object({
  code: Type.String({ pattern: '^[A-Z0-9-]+$' }),
  segment: Type.String(),
  staffGroup: Type.Union(STAFF_GROUPS.map((g) => Type.Literal(g))),
  title: Localized,
  goal: Localized,
  participants: Localized,
  modules: Type.Array(ProgrammeModule, { minItems: 1 }),
}, { additionalProperties: false });
const Share = Type.Number({ minimum: 0, maximum: 1 });
const Quality = Type.Object({
  attendance: Type.Object({ participants: Share, hours: Share }, { additionalProperties: false }),
  levelGain: Type.Number({ exclusiveMinimum: 0, maximum: 4 }),
  improvedShare: Share,
  satisfaction: Type.Number({ minimum: 1, maximum: 5 }),
  plans: Share,
  planCriteria: Type.Array(Localized, { minItems: 1 }),
  planCriteriaMin: Type.Integer({ minimum: 1 }),
  standards: Type.Array(Localized, { minItems: 1 }),
}, { additionalProperties: false });
const CatalogueT = Type.Object({
  $comment: Type.Optional(Type.String()),
  version: Type.String(),
  hoursPerDay: Type.Number({ exclusiveMinimum: 0, maximum: 12 }),
  forms: Type.Record(Type.String(), FormLabel),
  lacks: Type.Record(Type.String(), Type.Object({ areas: Type.Array(Type.String()), reason: Localized }, { additionalProperties: false })),
  quality: Quality,
  modules: Type.Record(Type.String({ pattern: '^[A-Z0-9]+$' }), LibraryModule),
  programmes: Type.Array(Programme, { minItems: 1 }),
}, { additionalProperties: false });

export type Catalogue = Static<typeof CatalogueT>;
export type ProgrammeT = Static<typeof Programme>;
export type LibraryModuleT = Static<typeof LibraryModule>;
export type ProgrammeModuleT = Static<typeof ProgrammeModule>;
export type ProgrammeFormT = Static<typeof ProgrammeForm>;
export type ScopedText = Static<typeof Scoped>;
export type QualityT = Static<typeof Quality>;

/** The code of a programme's module: programme code + library key ("GW-K-DANE"). */
export const moduleCode = (programme: string, key: string): string => `${programme}-${key}`;

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
  const at = (column: string, message: string) => problems.push({ file, column, message });
  const areas = new Set(q.areas.map((a) => a.code));
  const lackQuestion = q.roles.keyCompetences?.lack;
  const lack = q.questions.find((x) => x.name === lackQuestion);
  const lackChoices = (lack?.choices ?? []).map((x) => x.value).filter((v) => v !== lack?.noneValue && v !== 'none');

  for (const f of FORMS) if (!c.forms[f]) at(`/forms/${f}`, `form "${f}" has no label`);
  for (const f of Object.keys(c.forms)) if (!(FORMS as readonly string[]).includes(f)) at(`/forms/${f}`, `unknown form "${f}" (forms: ${FORMS.join(', ')})`);

  for (const [lack, entry] of Object.entries(c.lacks)) {
    if (lackChoices.length && !lackChoices.includes(lack)) at(`/lacks/${lack}`, `"${lack}" is not a choice of ${lackQuestion}`);
    for (const a of entry.areas) if (!areas.has(a)) at(`/lacks/${lack}/areas`, `unknown competence area "${a}"`);
  }
  for (const lack of lackChoices) if (!c.lacks[lack]) at(`/lacks/${lack}`, `the lack "${lack}" (a choice of ${lackQuestion}) has no entry: give the modules that answer it, or none, and the reason`);

  const keys = Object.keys(c.modules);
  const capstones = keys.filter((k) => c.modules[k]!.capstone);
  if (capstones.length !== 1) at('/modules', `expected exactly one capstone module, found ${capstones.length}`);
  for (const [key, m] of Object.entries(c.modules)) {
    const where = `/modules/${key}`;
    if (m.capstone && m.area) at(`${where}/area`, 'the capstone trains no single competence area');
    if (!m.capstone && (!m.area || !areas.has(m.area))) at(`${where}/area`, `a module must train one competence area of the questionnaire (areas: ${[...areas].join(', ')}), got "${m.area ?? ''}"`);
    if (!m.capstone && !m.elearning) at(`${where}/elearning`, 'a thematic module needs its self-study e-learning version');
    for (const p of m.prerequisites) if (!c.modules[p] || p === key) at(`${where}/prerequisites`, `unknown prerequisite "${p}"`);
    for (const s of Object.keys(m.titleBySegment ?? {})) if (!segments.includes(s)) at(`${where}/titleBySegment/${s}`, `unknown segment "${s}"`);
    const scoped = [...m.topics.map((x, i) => [`topics/${i}`, x] as const), ...STAFF_GROUPS.flatMap((g) => m.outcomes[g].map((x, i) => [`outcomes/${g}/${i}`, x] as const))];
    for (const [path, x] of scoped) for (const s of x.segments ?? []) if (!segments.includes(s)) at(`${where}/${path}/segments`, `unknown segment "${s}" (segments: ${segments.join(', ')})`);
  }
  const byArea = new Map<string, string>();
  for (const [key, m] of Object.entries(c.modules)) if (m.area) {
    if (byArea.has(m.area)) at(`/modules/${key}/area`, `area "${m.area}" is already trained by module "${byArea.get(m.area)}"`);
    byArea.set(m.area, key);
  }

  c.programmes.forEach((p, i) => {
    const where = `/programmes/${i}`;
    if (!segments.includes(p.segment)) at(`${where}/segment`, `unknown segment "${p.segment}" (segments: ${segments.join(', ')})`);
    const seen = new Set<string>();
    p.modules.forEach((pm, j) => {
      const mw = `${where}/modules/${j}`;
      const lib = c.modules[pm.module];
      if (!lib) at(`${mw}/module`, `unknown module "${pm.module}" (modules: ${keys.join(', ')})`);
      if (seen.has(pm.module)) at(`${mw}/module`, `module "${pm.module}" appears twice`);
      seen.add(pm.module);
      let min = 0;
      pm.forms.forEach((f, k) => {
        const [lo, hi] = f.hours;
        if (lo > hi) at(`${mw}/forms/${k}/hours`, `the range [${lo}, ${hi}] runs backwards`);
        else if (Math.abs((hi - lo) / f.step - Math.round((hi - lo) / f.step)) > 1e-9) at(`${mw}/forms/${k}/step`, `the range [${lo}, ${hi}] is not a whole number of ${f.step}-hour steps`);
        min += lo;
      });
      if (min <= 0) at(`${mw}/forms`, 'a module needs some hours at its minimum (a form with a minimum above 0)');
    });
    const caps = p.modules.filter((m) => c.modules[m.module]?.capstone).length;
    if (caps !== 1) at(`${where}/modules`, `a programme ends in exactly one capstone module (the local plan), found ${caps}`);
  });
  for (const s of segments) {
    for (const g of STAFF_GROUPS) {
      const n = c.programmes.filter((p) => p.segment === s && p.staffGroup === g).length;
      if (n !== 1) at('/programmes', `expected exactly one programme for segment "${s}" and ${g}, found ${n}`);
    }
  }
  if (c.quality.planCriteriaMin > c.quality.planCriteria.length) at('/quality/planCriteriaMin', `more criteria required (${c.quality.planCriteriaMin}) than listed (${c.quality.planCriteria.length})`);
  if (problems.length) throw new DiagError('CONFIG_INVALID', `${file}: ${problems.length} problem${problems.length === 1 ? '' : 's'} in the programme catalogue`, problems);
  return c;
}

/** The texts of a module that apply to a segment. */
export function forSegment<T extends ScopedText>(items: readonly T[], segment: string): T[] {
  return items.filter((x) => !x.segments || x.segments.includes(segment));
}

/** A module's title in a segment (a segment may have its own, e.g. counties run no pupil transport). */
export function moduleTitle(m: LibraryModuleT, segment: string): { pl: string; en: string } {
  return m.titleBySegment?.[segment] ?? m.title;
}
