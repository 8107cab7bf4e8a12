/**
 * The codebook in three forms: JSON (for programs), CSV (for a Polish Excel: UTF-8 with BOM, `;`) and
 * Markdown (for people and the repository).
 */
import Papa from 'papaparse';
import { SYSTEM_VARIABLES, type SurveyInstrument, type Questionnaire, type Variable } from './types.ts';
import { plainText } from './localized.ts';

export type CodebookFormat = 'json' | 'csv' | 'md';
export const CODEBOOK_FORMATS: readonly CodebookFormat[] = ['json', 'csv', 'md'];

const SYSTEM_LABELS: Record<(typeof SYSTEM_VARIABLES)[number], { pl: string; en: string; type: string }> = {
  respondent_id: { pl: 'identyfikator respondenta', en: 'respondent identifier', type: 'text' },
  wave: { pl: 'fala badania', en: 'survey wave', type: 'text' },
  source: { pl: 'źródło odpowiedzi (web, import, synthetic)', en: 'source of the response (web, import, synthetic)', type: 'text' },
  started_at: { pl: 'początek wypełniania (ISO 8601, UTC)', en: 'start of completion (ISO 8601, UTC)', type: 'datetime' },
  submitted_at: { pl: 'wysłanie odpowiedzi (ISO 8601, UTC)', en: 'submission (ISO 8601, UTC)', type: 'datetime' },
  duration_sec: { pl: 'czas wypełniania w sekundach', en: 'completion time in seconds', type: 'number' },
};

/** The diagnosis or any other instrument: areas and staff groups where it declares them. */
export type CodebookSource = SurveyInstrument & Partial<Pick<Questionnaire, 'areas' | 'staffGroups'>>;

export function formatCodebook(q: CodebookSource, format: CodebookFormat): string {
  switch (format) {
    case 'json':
      return JSON.stringify(codebookJson(q), null, 2) + '\n';
    case 'csv':
      return codebookCsv(q);
    case 'md':
      return codebookMarkdown(q);
  }
}

export function codebookJson(q: CodebookSource) {
  return {
    questionnaire: { file: q.file.split(/[\\/]/).pop(), version: q.version, sha256: q.hash, title: q.title },
    areas: q.areas ?? [],
    system: SYSTEM_VARIABLES.map((name) => ({ name, label: { pl: SYSTEM_LABELS[name].pl, en: SYSTEM_LABELS[name].en }, type: SYSTEM_LABELS[name].type })),
    variables: q.variables.map((v) => ({ ...v, label: { pl: plainText(v.label.pl), en: plainText(v.label.en) } })),
  };
}

const valueText = (v: Variable, lang: 'pl' | 'en') => (v.values ?? []).map((x) => `${x.value}=${plainText(x.label[lang])}`).join(' | ');

function rowsOf(q: CodebookSource) {
  const system = SYSTEM_VARIABLES.map((name) => ({
    name, question: '', type: SYSTEM_LABELS[name].type, label_pl: SYSTEM_LABELS[name].pl, label_en: SYSTEM_LABELS[name].en,
    values_pl: '', values_en: '', min: '', max: '', area: '', measure: '', item: '', jst_kinds: 'all', staff_groups: 'all', condition: '',
  }));
  const vars = q.variables.map((v) => ({
    name: v.name,
    question: v.question,
    type: v.type,
    label_pl: plainText(v.label.pl),
    label_en: plainText(v.label.en),
    values_pl: valueText(v, 'pl'),
    values_en: valueText(v, 'en'),
    min: v.min ?? '',
    max: v.max ?? '',
    area: v.area ?? '',
    measure: v.measure ?? '',
    item: v.item ?? '',
    jst_kinds: v.visibility.jstKinds.length === 5 ? 'all' : v.visibility.jstKinds.join(' '),
    staff_groups: v.visibility.staffGroups.length === (q.staffGroups ?? []).length ? 'all' : v.visibility.staffGroups.join(' '),
    condition: v.visibility.conditions.join(' and '),
  }));
  return [...system, ...vars];
}

function codebookCsv(q: CodebookSource): string {
  return '\uFEFF' + Papa.unparse(rowsOf(q), { delimiter: ';', newline: '\r\n' }) + '\r\n';
}

function codebookMarkdown(q: CodebookSource): string {
  const esc = (s: string | number) => String(s).replace(/\|/g, '\\|');
  const lines = [
    `# Codebook: ${q.title.pl}`,
    '',
    `*${q.title.en}* — questionnaire \`${q.file.split(/[\\/]/).pop()}\`, version ${q.version}, SHA-256 \`${q.hash.slice(0, 16)}…\``,
    '',
    `${q.variables.length} variables in ${q.questions.length} questions; ${(q.areas ?? []).length} competence areas, each item rated for importance and current level (1–5).`,
    '',
    '## Competence areas',
    '',
    '| Code | Obszar | Area | Items |',
    '|---|---|---|---|',
    ...(q.areas ?? []).map((a) => `| ${a.code} | ${esc(a.label.pl)} | ${esc(a.label.en)} | ${a.items.map((i) => i.code).join(', ')} |`),
    '',
    '## Variables',
    '',
    '| Variable | Type | Etykieta / Label | Values | Area · measure | JST kinds | Staff groups |',
    '|---|---|---|---|---|---|---|',
    ...rowsOf(q).map((r) => `| \`${r.name}\` | ${r.type} | ${esc(r.label_pl)}<br>*${esc(r.label_en)}* | ${esc(r.values_pl || (r.min !== '' ? `${r.min}–${r.max}` : ''))} | ${r.area ? `${r.area} · ${r.measure}` : ''} | ${r.jst_kinds} | ${r.staff_groups} |`),
    '',
  ];
  return lines.join('\n');
}
