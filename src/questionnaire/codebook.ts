/**
 * The codebook: one variable per analysable column, derived from the questionnaire.
 *
 * Naming rules (stable, SPSS-safe):
 * - single choice, number, text, rating: the question name;
 * - checkbox: one 0/1 dichotomy per choice, `<question>_<choice>` (multiple-dichotomy coding);
 * - rated items (matrixdropdown): `<item>_<measure column>`, e.g. `DANE1_imp`, `DANE1_lvl`.
 */
import { JST_KINDS, type JstKind } from '../domain/jst.ts';
import { CompiledCondition } from './expressions.ts';
import { STAFF_GROUPS, type CompetenceArea, type Localized, type MeasureSpec, type ProgrammeRoles, type QuestionSpec, type Variable, type Visibility } from './types.ts';

const DICHOTOMY_VALUES = [
  { value: 1, label: { pl: 'zaznaczono', en: 'selected' } },
  { value: 0, label: { pl: 'nie zaznaczono', en: 'not selected' } },
];

export function buildVariables(questions: QuestionSpec[], areas: CompetenceArea[], measures: MeasureSpec[], roles: ProgrammeRoles | undefined, staffGroups: readonly string[] = STAFF_GROUPS): Variable[] {
  const visibility = visibilityEvaluator(roles, staffGroups);
  const areaOf = new Map(areas.map((a) => [a.question, a.code]));
  const out: Variable[] = [];
  for (const q of questions) {
    const base = { question: q.name };
    switch (q.type) {
      case 'radiogroup':
      case 'dropdown':
        out.push({ ...base, name: q.name, label: q.title, type: 'categorical', values: (q.choices ?? []).map((c) => ({ value: c.value, label: c.label })), visibility: visibility(q.visibleIf) });
        break;
      case 'checkbox': {
        const choices = [...(q.choices ?? [])];
        if (q.noneValue) choices.push({ value: q.noneValue, label: q.noneLabel ?? { pl: 'żadne', en: 'none' } });
        for (const c of choices) {
          out.push({ ...base, name: `${q.name}_${c.value}`, label: joinLabels(q.title, c.label), type: 'dichotomy', choice: c.value, values: DICHOTOMY_VALUES, visibility: visibility(c.visibleIf ? [...q.visibleIf, c.visibleIf] : q.visibleIf) });
        }
        break;
      }
      case 'matrixdropdown': {
        const area = areaOf.get(q.name);
        for (const row of q.rows ?? []) {
          for (const col of q.columns ?? []) {
            const measure = measures.find((m) => m.column === col.name);
            const values = col.values.map((v) => ({ value: v, label: { pl: String(v), en: String(v) } }));
            out.push({
              ...base,
              name: `${row.value}_${col.name}`,
              label: joinLabels(row.label, measure?.label ?? col.label),
              type: 'scale',
              values,
              min: Math.min(...col.values),
              max: Math.max(...col.values),
              ...(area ? { area } : {}),
              ...(measure ? { measure: measure.role } : {}),
              item: row.value,
              visibility: visibility(row.visibleIf ? [...q.visibleIf, row.visibleIf] : q.visibleIf),
            });
          }
        }
        break;
      }
      case 'rating': {
        const values = q.rateValues ?? [];
        out.push({ ...base, name: q.name, label: q.title, type: 'scale', values: values.map((v) => ({ value: v, label: { pl: String(v), en: String(v) } })), min: Math.min(...values), max: Math.max(...values), visibility: visibility(q.visibleIf) });
        break;
      }
      case 'boolean':
        out.push({ ...base, name: q.name, label: q.title, type: 'boolean', values: [{ value: 1, label: { pl: 'tak', en: 'yes' } }, { value: 0, label: { pl: 'nie', en: 'no' } }], visibility: visibility(q.visibleIf) });
        break;
      case 'text':
        if (q.inputType === 'number') {
          out.push({ ...base, name: q.name, label: q.title, type: 'number', ...(q.integer ? { integer: true } : {}), ...(q.min !== undefined ? { min: q.min } : {}), ...(q.max !== undefined ? { max: q.max } : {}), visibility: visibility(q.visibleIf) });
        } else {
          out.push({ ...base, name: q.name, label: q.title, type: 'text', visibility: visibility(q.visibleIf) });
        }
        break;
      case 'comment':
        out.push({ ...base, name: q.name, label: q.title, type: 'text', visibility: visibility(q.visibleIf) });
        break;
    }
  }
  return out;
}

function joinLabels(a: Localized, b: Localized): Localized {
  return { pl: `${a.pl}: ${b.pl}`, en: `${a.en}: ${b.en}` };
}

/**
 * Which JST kinds and staff groups can see a variable: its conditions evaluated for every pair of JST kind
 * and staff group. Conditions that also read other answers are listed in `dependsOn`.
 */
function visibilityEvaluator(roles: ProgrammeRoles | undefined, staffGroups: readonly string[]): (conditions: string[]) => Visibility {
  return (conditions) => {
    const compiled = conditions.map((c) => new CompiledCondition(c));
    // an instrument without JST kind and staff group questions (the pilot's): shown to every kind, no group known
    if (!roles) return { jstKinds: [...JST_KINDS], staffGroups: [], conditions, dependsOn: [...new Set(compiled.flatMap((c) => c.variables))] };
    const kinds = new Set<JstKind>();
    const groups = new Set<string>();
    for (const kind of JST_KINDS) {
      for (const group of staffGroups) {
        const values = { [roles.jstKind]: kind, [roles.staffGroup]: group };
        if (compiled.every((c) => c.run(values))) {
          kinds.add(kind);
          groups.add(group);
        }
      }
    }
    const dependsOn = [...new Set(compiled.flatMap((c) => c.variables))].filter((v) => v !== roles.jstKind && v !== roles.staffGroup);
    return {
      jstKinds: JST_KINDS.filter((k) => kinds.has(k)),
      staffGroups: staffGroups.filter((g) => groups.has(g)),
      conditions,
      dependsOn,
    };
  };
}
