/**
 * Chapter 9, "Aneks": the codebook in brief (areas, their items and who is shown them; the other
 * questions), the reliability of every area scale in this segment (alpha, n, k per staff group), the
 * unweighted tests as a sensitivity analysis beside the design-based ones, and the versions of software,
 * data and questionnaire with their SHA-256 hashes, so that any number in the report can be traced to the
 * run that produced it.
 */
import { suppressed, type CellValue } from '../kit/index.ts';
import type { ReliabilityT } from '../../analysis/results-schema.ts';
import { areaLabel, GROUPS, type ReportContext } from '../context.ts';
import { groupForms } from '../words.ts';
import type { Chapter } from './types.ts';
import { capitalise, formatDateTime, int, joinList, kindWord, measureWord, num, pct, segForms, sourceLine, t } from './wording.ts';
import { keptTable } from './kept-table.ts';
import { familyWords } from './inference-words.ts';
import type { Report } from '../kit/index.ts';
import type { TestResultT } from '../../analysis/results-schema.ts';
import { KEY_COMPETENCE_QUESTIONS, TOPIC_GROUPS, type Questionnaire, type TopicGroup } from '../../questionnaire/types.ts';

const ALL_KINDS = ['rural', 'urban_rural', 'urban', 'city_county', 'county'];

const has = (kinds: readonly string[], set: string[]) => set.length === kinds.length && set.every((x) => kinds.includes(x));

function whoSees(ctx: ReportContext, kinds: readonly string[], groups: readonly string[]): string {
  const k = ALL_KINDS.every((x) => kinds.includes(x)) ? t(ctx, 'wszystkie JST', 'all JSTs')
    : has(kinds, ['rural', 'urban_rural']) ? t(ctx, 'gminy wiejskie i miejsko-wiejskie', 'rural and urban-rural gminas')
    : has(kinds, ['rural', 'urban_rural', 'urban', 'city_county']) ? t(ctx, 'gminy i miasta na prawach powiatu', 'gminas and cities with county rights')
    : has(kinds, ['city_county', 'county']) ? t(ctx, 'powiaty i miasta na prawach powiatu', 'counties and cities with county rights')
    : joinList(ctx, kinds.map((x) => kindWord(ctx, x)));
  const g = groups.length >= 2 ? '' : ` (${t(ctx, 'tylko', 'only')} ${groupForms(groups[0] ?? '', ctx.lang).nom})`;
  return `${k}${g}`;
}

/** Lower-cases the first letter unless the word is an acronym ("JST"). */
const lowerFirst = (s: string) => (s.length > 1 && s[1] === s[1]!.toLowerCase() ? s[0]!.toLowerCase() + s.slice(1) : s);

export const annexChapter: Chapter = (report, ctx) => {
  const q = ctx.questionnaire;
  const r = ctx.results;
  const me = segForms(ctx, ctx.segment.code);
  report.h1(t(ctx, 'Aneks', 'Annex'));

  // --- codebook ----------------------------------------------------------------------------------------
  report.h2(t(ctx, 'Kwestionariusz w skrócie', 'The questionnaire in brief'), { toc: false });
  const itemsNo = report.nextTableNumber();
  const nItems = q.areas.reduce((s, a) => s + a.items.length, 0);
  report.paragraph(t(ctx,
    `Kwestionariusz (wersja ${q.version}) obejmuje ${q.areas.length} obszarów kompetencji i ${nItems} zadań; każde zadanie badany ocenia dwa razy na skali 1–5: ważność w swojej pracy (1 – nieważne, 5 – bardzo ważne) i własny poziom (1 – bardzo niski, 5 – bardzo wysoki). Część zadań widzą tylko niektóre rodzaje JST lub jedna grupa stanowisk (tabela ${itemsNo}).`,
    `The questionnaire (version ${q.version}) covers ${q.areas.length} competence areas and ${nItems} tasks; each task is rated twice on a 1–5 scale: importance in the respondent's work and own level. Some tasks are shown only to some JST kinds or to one staff group (table ${itemsNo}).`), { keepWithNext: true });
  const rows: CellValue[][] = [];
  for (const a of q.areas) {
    rows.push([{ text: areaLabel(ctx, a.code), bold: true }, '']);
    for (const it of a.items) {
      const v = q.variables.find((x) => x.item === it.code);
      rows.push([`${ctx.tr(it.label)}`, v ? whoSees(ctx, v.visibility.jstKinds, v.visibility.staffGroups) : '–']);
    }
  }
  keptTable(report, {
    title: t(ctx, 'Jakie zadania obejmuje każdy obszar kompetencji i kto je ocenia?', 'Which tasks does each competence area cover, and who rates them?'),
    columns: [{ header: t(ctx, 'Obszar i zadanie', 'Area and task'), width: 0.68 }, { header: t(ctx, 'Kto ocenia', 'Rated by'), width: 0.32 }],
    rows,
    zebra: false,
    notes: [t(ctx, 'Każde zadanie oceniane na dwóch skalach 1–5: ważność i poziom.', 'Each task is rated on two 1–5 scales: importance and level.')],
    source: t(ctx, `kwestionariusz „${ctx.tr(q.title)}”, wersja ${q.version}`, `questionnaire "${ctx.tr(q.title)}", version ${q.version}`),
  }, 100);
  const others = q.questions.filter((x) => !x.area && x.type !== 'comment' && x.name !== q.roles.teryt);
  // the questions in the report's impersonal register: "ile dni może Pan/Pani…" → "ile dni może badany…"
  const impersonal = (s: string) => (ctx.lang === 'pl' ? s.replace(/Pana\/Pani/g, 'badanego').replace(/Pan\/Pani/g, 'badany') : s);
  const kinds = (names: string[]) => others.filter((x) => names.includes(x.name)).map((x) => lowerFirst(impersonal(ctx.tr(x.title)).replace(/\?$/, '').replace(/\? \(/, ' (')));
  const topics = topicsOf(q);
  const heading: Record<TopicGroup, [string, string]> = {
    jst: ['JST: ', 'The JST: '],
    respondent: ['Badanego: ', 'The respondent: '],
    trainingNeeds: ['Potrzeby szkoleniowe: ', 'Training needs: '],
    keyCompetences: ['Kompetencje kluczowe uczniów: ', "Pupils' key competences: "],
  };
  const comments = q.questions.filter((x) => x.type === 'comment').length;
  report.paragraph(t(ctx, 'Poza ocenami zadań kwestionariusz pyta o:', 'Besides the task ratings the questionnaire asks about:'), { keepWithNext: true });
  report.bullets([
    ...TOPIC_GROUPS.map((g) => ({ g, asked: kinds(topics[g] ?? []) })).filter((x) => x.asked.length).map(({ g, asked }) => [{ text: t(ctx, ...heading[g]), bold: true }, asked.join('; ') + '.']),
    ...(comments ? [[{ text: t(ctx, 'Pytania otwarte: ', 'Open questions: '), bold: true }, t(ctx, `${comments} (uwagi i planowane rozwiązania; nie są cytowane w raporcie, by chronić anonimowość).`, `${comments} (comments and planned solutions; not quoted in the report, to protect anonymity).`)]] : []),
  ]);

  // --- reliability -------------------------------------------------------------------------------------
  report.h2(t(ctx, 'Rzetelność skal w segmencie', 'Reliability of the scales in the segment'), { toc: false });
  const relNo = report.nextTableNumber();
  report.paragraph(t(ctx,
    `Tabela ${relNo} podaje alfę Cronbacha każdego obszaru ${me.inLoc}, osobno dla ważności i poziomu oraz dla obu grup stanowisk. Wartości od 0,70 uznaje się za zadowalające, od 0,80 – za dobre.`,
    `Table ${relNo} gives Cronbach's alpha of each area ${me.inLoc}, separately for importance and level and for both staff groups. Values from 0.70 are usually taken as acceptable, from 0.80 as good.`), { keepWithNext: true });
  const relOf = (area: string, measure: string, group: string) => r.reliability.find((x) => x.area === area && x.measure === measure && x.segment === ctx.segment.code && x.group === group);
  const relCells = (x: ReliabilityT | undefined): CellValue[] => {
    if (!x) return ['–', '–', '–'];
    if ('suppressed' in x) return [suppressed(), suppressed(), suppressed()];
    return [x.alpha === null ? '–' : num(ctx, x.alpha), x.n, x.k];
  };
  const relRows: CellValue[][] = [];
  for (const a of q.areas) {
    if (!GROUPS.some((g) => relOf(a.code, 'importance', g))) continue;
    for (const m of ['importance', 'level'] as const) {
      relRows.push([m === 'importance' ? areaLabel(ctx, a.code, true) : '', measureWord(ctx, m), ...GROUPS.flatMap((g) => relCells(relOf(a.code, m, g)))]);
    }
  }
  const gm = groupForms('management', ctx.lang);
  const go = groupForms('operational', ctx.lang);
  keptTable(report, {
    title: t(ctx, `Czy pozycje każdego obszaru tworzą spójną skalę ${me.inLoc}?`, `Do the items of each area form a consistent scale ${me.inLoc}?`),
    columns: [
      { header: t(ctx, 'Obszar', 'Area'), width: 0.28 },
      { header: t(ctx, 'Miara', 'Measure'), width: 0.12 },
      { header: `α: ${gm.nom}`, align: 'right', width: 0.15 },
      { header: 'n', align: 'right', decimals: 0, width: 0.075 },
      { header: 'k', align: 'right', decimals: 0, width: 0.05 },
      { header: `α: ${go.nom}`, align: 'right', width: 0.15 },
      { header: 'n', align: 'right', decimals: 0, width: 0.075 },
      { header: 'k', align: 'right', decimals: 0, width: 0.05 },
    ],
    rows: relRows,
    notes: [t(ctx,
      'α – alfa Cronbacha; n – badani, którzy ocenili wszystkie pozycje skali; k – liczba pozycji (tylko te, które widzą wszyscy badani w komórce, np. bez pozycji tylko dla jednej grupy stanowisk).',
      "α – Cronbach's alpha; n – respondents who rated every item of the scale; k – number of items (only those every respondent of the cell is shown).")],
    source: sourceLine(ctx),
  }, 50);

  sensitivity(report, ctx);

  // --- versions ----------------------------------------------------------------------------------------
  report.h2(t(ctx, 'Wersje oprogramowania i danych', 'Software and data versions'), { toc: false });
  const verNo = report.nextTableNumber();
  report.paragraph(t(ctx,
    `Raport powstał automatycznie z pliku wyników analizy. Skróty SHA-256 w tabeli ${verNo} pozwalają sprawdzić, że raport opisuje dokładnie te dane i ten kwestionariusz: ten sam plik zawsze daje ten sam skrót.`,
    `The report was generated from the analysis results file. The SHA-256 hashes in table ${verNo} let anyone check that it describes exactly these data and this questionnaire: the same file always gives the same hash.`), { keepWithNext: true });
  const inp = r.input;
  const cfg = r.config;
  const hash = (h: string) => ({ text: h, bold: false });
  const verRows: CellValue[][] = [
    [t(ctx, 'Oprogramowanie', 'Software'), `${r.software.name} ${r.software.version} (Node.js ${r.software.node.replace(/^v/, '')})`],
    [t(ctx, 'Data analizy', 'Analysis date'), formatDateTime(ctx, r.generatedAt)],
    [t(ctx, 'Plik danych', 'Data file'), inp.data.file],
    [t(ctx, 'SHA-256 danych', 'Data SHA-256'), hash(inp.data.sha256)],
    ...(inp.frame ? [
      [t(ctx, 'Operat JST', 'JST frame'), `${inp.frame.file} (${int(ctx, inp.frame.units)} JST)`],
      [t(ctx, 'SHA-256 operatu', 'Frame SHA-256'), hash(inp.frame.sha256)],
    ] as CellValue[][] : []),
    [t(ctx, 'Kwestionariusz', 'Questionnaire'), `${inp.questionnaire.file}, ${t(ctx, 'wersja', 'version')} ${inp.questionnaire.version}`],
    [t(ctx, 'SHA-256 kwestionariusza', 'Questionnaire SHA-256'), hash(inp.questionnaire.sha256)],
    [t(ctx, 'Katalog programów', 'Programme catalogue'), `${t(ctx, 'wersja', 'version')} ${ctx.catalogue.version}`],
    [t(ctx, 'Próg ukrywania', 'Suppression threshold'), t(ctx, `mniej niż ${cfg.suppressionThreshold} odpowiedzi`, `fewer than ${cfg.suppressionThreshold} answers`)],
    [t(ctx, 'Niska precyzja', 'Low precision'), t(ctx, `n < ${cfg.lowPrecisionBelow}`, `n < ${cfg.lowPrecisionBelow}`)],
    [t(ctx, 'Poziom ufności', 'Confidence level'), pct(ctx, cfg.level)],
    [t(ctx, 'Wagi', 'Weights'), cfg.weights === 'none' ? t(ctx, 'brak', 'none') : r.weights.method === 'raked' ? t(ctx, 'z operatu, raking', 'from the frame, raked') : t(ctx, 'z operatu, poststratyfikacja', 'from the frame, post-stratified')],
    [t(ctx, 'Bootstrap MWDS', 'MWDS bootstrap'), t(ctx, `${int(ctx, cfg.bootstrap.replicates)} replikacji, ziarno „${cfg.bootstrap.seed}”, JST w obrębie warstw (Rao–Wu), dokładny do ${int(ctx, cfg.bootstrap.exactUpToJsts)} JST`, `${int(ctx, cfg.bootstrap.replicates)} replicates, seed "${cfg.bootstrap.seed}", JSTs within strata (Rao–Wu), exact up to ${int(ctx, cfg.bootstrap.exactUpToJsts)} JSTs`)],
    [t(ctx, 'Segmenty', 'Segments'), cfg.segments.map((s) => `${capitalise(segForms(ctx, s.code).nom)}: ${joinList(ctx, s.kinds.map((k) => kindWord(ctx, k)))}`).join('; ')],
  ];
  keptTable(report, {
    title: t(ctx, 'Z jakich danych i jakim oprogramowaniem powstał raport?', 'From what data and with what software was the report made?'),
    columns: [{ header: t(ctx, 'Element', 'Item'), width: 0.24 }, { header: t(ctx, 'Wartość', 'Value'), width: 0.76 }],
    rows: verRows,
    notes: [t(ctx, 'Skrót SHA-256 liczony z całej zawartości pliku (64 znaki szesnastkowe).', 'SHA-256 computed over the whole file content (64 hexadecimal characters).')],
    source: t(ctx, 'plik wyników analizy (results.json)', 'analysis results file (results.json)'),
  }, 95);
};

/**
 * The unweighted tests on respondents as a sensitivity analysis: for each family of design-based tests and
 * its unweighted twin (the same comparisons), how many differences involving this segment each finds, and
 * how many only the unweighted one calls significant — the differences that the clustering of officials in
 * JSTs (and the weights) do not support.
 */
function sensitivity(report: Report, ctx: ReportContext): void {
  const r = ctx.results;
  const me = segForms(ctx, ctx.segment.code);
  const mine = (x: TestResultT) => (x.by === 'segment' ? x.groups.includes(ctx.segment.code) : x.within.segment === ctx.segment.code);
  const key = (x: TestResultT) => `${x.variable}|${x.groups.join()}|${x.within.segment ?? x.within.group}`;
  report.h2(t(ctx, 'Analiza wrażliwości: testy bez uwzględnienia schematu badania', 'Sensitivity analysis: tests that ignore the survey design'), { toc: false });
  const no = report.nextTableNumber();
  const rows: CellValue[][] = [];
  let onlyUnweighted = 0;
  let tested = 0;
  for (const f of r.tests.families.filter((x) => x.basis === 'design')) {
    const twin = r.tests.families.find((x) => x.id === f.twin);
    if (!twin) continue;
    const d = r.tests.results.filter((x) => x.family === f.id && mine(x) && !x.noInference);
    const u = new Map(r.tests.results.filter((x) => x.family === twin.id && mine(x)).map((x) => [key(x), x]));
    const both = d.filter((x) => x.significant && u.get(key(x))?.significant).length;
    const uOnly = d.filter((x) => !x.significant && u.get(key(x))?.significant).length;
    const dOnly = d.filter((x) => x.significant && !u.get(key(x))?.significant).length;
    onlyUnweighted += uOnly;
    tested += d.length;
    rows.push([familyWords(ctx, f.id, f.description), familyWords(ctx, twin.id, twin.description), d.length, both, uOnly, dOnly]);
  }
  report.paragraph(t(ctx,
    `Wnioski raportu opierają się na testach uwzględniających schemat badania. Dla porównania tabela ${no} zestawia je z testami liczonymi na badanych bez wag, jak gdyby urzędnicy jednej JST odpowiadali niezależnie. W porównaniach z udziałem ${me.gen} (${int(ctx, tested)}) ${onlyUnweighted === 0 ? 'testy bez wag nie znajdują żadnej różnicy, której nie potwierdzałyby testy schematu.' : `testy bez wag uznałyby za istotne dodatkowo ${int(ctx, onlyUnweighted)} — to różnice, których schemat badania nie potwierdza, dlatego raport ich nie opisuje.`}`,
    `The report's findings rest on design-based tests. For comparison, table ${no} sets them beside tests on respondents without weights, as if officials of one JST answered independently. In the comparisons involving ${me.gen} (${int(ctx, tested)}) ${onlyUnweighted === 0 ? 'the unweighted tests find no difference that the design-based tests do not confirm.' : `the unweighted tests would call ${int(ctx, onlyUnweighted)} more significant — differences the survey design does not support, which the report therefore does not describe.`}`), { keepWithNext: true });
  keptTable(report, {
    title: t(ctx, `Ile różnic ${me.gen} znajdują testy schematu, a ile testy bez wag?`, `How many differences of ${me.gen} do the design-based and the unweighted tests find?`),
    columns: [
      { header: t(ctx, 'Test schematu (raport)', 'Design-based test (report)'), width: 0.25 },
      { header: t(ctx, 'Test bez wag (aneks)', 'Unweighted test (annex)'), width: 0.23 },
      { header: t(ctx, 'Porównań (n)', 'Tested (n)'), decimals: 0, width: 0.12 },
      { header: t(ctx, 'Istotne w obu (n)', 'In both (n)'), decimals: 0, width: 0.12 },
      { header: t(ctx, 'Tylko bez wag (n)', 'Unweighted only (n)'), decimals: 0, width: 0.14 },
      { header: t(ctx, 'Tylko schemat (n)', 'Design only (n)'), decimals: 0, width: 0.14 },
    ],
    rows,
    notes: [t(ctx,
      'Te same porównania w obu kolumnach; istotność po poprawce Holma w rodzinie danego testu. Pełne wyniki obu rodzajów testów zawiera plik wyników (results.json, tests).',
      "The same comparisons in both columns; significance after Holm's correction within each test's family. The results file holds both kinds of tests in full (results.json, tests).")],
    source: sourceLine(ctx),
  }, 40);
}

/**
 * The questions the annex lists under each heading: the metadata's roles.topics, or, when it declares none, the
 * questions the other roles name.
 */
function topicsOf(q: Questionnaire): Partial<Record<TopicGroup, string[]>> {
  const r = q.roles;
  if (r.topics) return r.topics;
  const some = (xs: (string | undefined)[]) => xs.filter((x): x is string => x !== undefined);
  return {
    jst: [r.jstKind, r.voivodeship, r.populationClass, ...Object.values(r.jstConditions ?? {}).map((c) => c.question)],
    respondent: [r.staffGroup, ...(r.respondentProfile ?? [])],
    trainingNeeds: some([r.trainingAreas, r.trainingForms, r.trainingMode, r.trainingDays]),
    keyCompetences: some(KEY_COMPETENCE_QUESTIONS.map((k) => r.keyCompetences?.[k])),
  };
}
