/**
 * The analysis dataset: validated responses turned into typed columns, one per codebook variable, plus
 * what the analysis needs per respondent (JST, kind, staff group, items shown, completion time).
 *
 * Coding: scale, number, dichotomy and boolean variables are numbers; categorical variables are the index
 * of the choice in the codebook's value list; a missing answer is NaN. Columns are Float64Arrays so that
 * every statistic runs over contiguous memory.
 */
import type { JstKind } from '../domain/jst.ts';
import { JST_KINDS } from '../domain/jst.ts';
import { toRecord } from '../questionnaire/record.ts';
import type { SurveyResponse } from '../questionnaire/response.ts';
import { STAFF_GROUPS, type Questionnaire, type StaffGroup, type Variable } from '../questionnaire/types.ts';
import { validatorFor } from '../questionnaire/validate.ts';

export interface Dataset {
  questionnaire: Questionnaire;
  /** number of respondents (rows) */
  n: number;
  ids: string[];
  /** TERYT code of each respondent's JST */
  jst: string[];
  /** index into JST_KINDS */
  kind: Int8Array;
  /** index into STAFF_GROUPS */
  group: Int8Array;
  voivodeship: string[];
  /** completion time in seconds, NaN where unknown */
  duration: Float64Array;
  /** one column per codebook variable */
  columns: Map<string, Float64Array>;
  /** number of rated items shown to each respondent (each item has an importance and a level cell) */
  itemsShown: Int16Array;
  /** per item code: 1 where the respondent was shown the item */
  shown: Map<string, Uint8Array>;
  /** answers as submitted, for checks that need the whole response (duplicates) */
  fingerprints: string[];
}

const kindIndex = new Map<string, number>(JST_KINDS.map((k, i) => [k, i]));
const groupIndex = new Map<string, number>(STAFF_GROUPS.map((g, i) => [g, i]));

export function kindOf(d: Dataset, row: number): JstKind {
  return JST_KINDS[d.kind[row]!] as JstKind;
}
export function groupOf(d: Dataset, row: number): StaffGroup {
  return STAFF_GROUPS[d.group[row]!] as StaffGroup;
}

/** Builds the dataset from responses that passed validation. */
export function buildDataset(q: Questionnaire, responses: readonly SurveyResponse[]): Dataset {
  const n = responses.length;
  const validator = validatorFor(q);
  const columns = new Map<string, Float64Array>();
  const codeMaps = new Map<string, Map<string, number>>();
  for (const v of q.variables) {
    if (v.type === 'text') continue;
    columns.set(v.name, new Float64Array(n).fill(NaN));
    if (v.type === 'categorical') codeMaps.set(v.name, new Map((v.values ?? []).map((x, i) => [String(x.value), i])));
  }
  const items = q.areas.flatMap((a) => a.items.map((i) => ({ area: a, code: i.code })));
  const shown = new Map(items.map((i) => [i.code, new Uint8Array(n)]));
  const d: Dataset = {
    questionnaire: q,
    n,
    ids: new Array<string>(n),
    jst: new Array<string>(n),
    kind: new Int8Array(n),
    group: new Int8Array(n),
    voivodeship: new Array<string>(n),
    duration: new Float64Array(n).fill(NaN),
    columns,
    itemsShown: new Int16Array(n),
    shown,
    fingerprints: new Array<string>(n),
  };
  const numericVars: Variable[] = q.variables.filter((v) => v.type !== 'text');
  responses.forEach((r, row) => {
    const data = r.data;
    d.ids[row] = r.id;
    d.jst[row] = String(data[q.roles.teryt] ?? '');
    d.kind[row] = kindIndex.get(String(data[q.roles.jstKind])) ?? -1;
    d.group[row] = groupIndex.get(String(data[q.roles.staffGroup])) ?? -1;
    d.voivodeship[row] = String(data[q.roles.voivodeship] ?? '');
    if (typeof r.meta.durationSec === 'number') d.duration[row] = r.meta.durationSec;
    d.fingerprints[row] = JSON.stringify(data);
    const rec = toRecord(q, r);
    for (const v of numericVars) {
      const cell = rec[v.name];
      if (cell === null || cell === undefined) continue;
      const col = columns.get(v.name)!;
      if (v.type === 'categorical') {
        const code = codeMaps.get(v.name)!.get(String(cell));
        if (code !== undefined) col[row] = code;
      } else {
        col[row] = Number(cell);
      }
    }
    let count = 0;
    for (const area of q.areas) {
      if (!validator.isVisible(area.question, data)) continue;
      for (const item of validator.visibleOptions(area.question, data)) {
        const s = shown.get(item);
        if (s) {
          s[row] = 1;
          count++;
        }
      }
    }
    d.itemsShown[row] = count;
  });
  return d;
}

/** A dataset restricted to some rows (e.g. after data-quality exclusions). */
export function selectRows(d: Dataset, keep: (row: number) => boolean): Dataset {
  const rows: number[] = [];
  for (let i = 0; i < d.n; i++) if (keep(i)) rows.push(i);
  const pickF = (a: Float64Array) => Float64Array.from(rows, (i) => a[i]!);
  return {
    questionnaire: d.questionnaire,
    n: rows.length,
    ids: rows.map((i) => d.ids[i]!),
    jst: rows.map((i) => d.jst[i]!),
    kind: Int8Array.from(rows, (i) => d.kind[i]!),
    group: Int8Array.from(rows, (i) => d.group[i]!),
    voivodeship: rows.map((i) => d.voivodeship[i]!),
    duration: pickF(d.duration),
    columns: new Map([...d.columns].map(([k, v]) => [k, pickF(v)])),
    itemsShown: Int16Array.from(rows, (i) => d.itemsShown[i]!),
    shown: new Map([...d.shown].map(([k, v]) => [k, Uint8Array.from(rows, (i) => v[i]!)])),
    fingerprints: rows.map((i) => d.fingerprints[i]!),
  };
}
