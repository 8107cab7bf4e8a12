/**
 * A sample report that uses every element of the kit, on made-up numbers: the kit's living example
 * (chapters are written the same way), the subject of test/report/kit.test.ts, and the workload of
 * bench/report-kit.ts. Nothing here is a finding.
 */
import { buildReport } from './build.ts';
import type { Report, ReportOptions } from './document.ts';
import { dumbbellChart, type DumbbellRow } from './charts/dumbbell.ts';
import { distributionChart, type DistributionItem } from './charts/distribution.ts';
import { groupedChart } from './charts/grouped.ts';
import { ipaChart } from './charts/ipa.ts';
import { rankingChart } from './charts/ranking.ts';
import { formatCi, formatDate, formatN, formatNumber, formatP, formatPercent, plural, type Lang } from './format.ts';
import { suppressed, type CellValue } from './table.ts';

/** The pangram every Polish-text test looks for. */
export const PANGRAM = 'Zażółć gęślą jaźń';
/** A value carried by a suppressed cell: it must never appear in the PDF. */
export const SUPPRESSED_VALUE = 8.76;

export const SAMPLE_AREAS = [
  { label: 'Prawo oświatowe i zadania organu prowadzącego', short: 'Prawo' },
  { label: 'Planowanie strategiczne i lokalna polityka oświatowa', short: 'Strategia' },
  { label: 'Analiza danych oświatowych (SIO, egzaminy, EWD)', short: 'Dane' },
  { label: 'Finansowanie oświaty', short: 'Finanse' },
  { label: 'Sieć szkół i organizacja', short: 'Sieć szkół' },
  { label: 'Zarządzanie dyrektorami i nauczycielami', short: 'Kadry' },
  { label: 'Wspieranie szkół i kompetencji kluczowych uczniów', short: 'Wspieranie szkół' },
  { label: 'Edukacja włączająca', short: 'Włączanie' },
  { label: 'Wczesna edukacja', short: 'Wczesna edukacja' },
  { label: 'Partnerstwo lokalne i komunikacja', short: 'Partnerstwo' },
] as const;

/** Made-up importance and level per area, deterministic. */
export function sampleAreaRows(shift = 0): DumbbellRow[] {
  return SAMPLE_AREAS.map((a, i) => {
    const imp = 3.55 + (((i + shift) * 37) % 11) / 12;
    const lev = 2.75 + (((i + shift) * 53) % 13) / 12;
    const n = 290 + ((i * 41) % 9) * 13;
    const half = (sd: number) => (1.96 * sd) / Math.sqrt(n);
    return { label: a.label, importance: { value: imp, lo: imp - half(0.8), hi: imp + half(0.8) }, level: { value: lev, lo: lev - half(0.95), hi: lev + half(0.95) }, n };
  });
}

/** Borich MWDS from the made-up rows (mean gap × mean importance), with a CI of the same width. */
export function sampleRanking(rows: readonly DumbbellRow[]) {
  return rows.map((r) => {
    const v = (r.importance.value - r.level.value) * r.importance.value;
    return { label: r.label, value: v, lo: v - 0.42, hi: v + 0.42, n: r.n ?? null };
  });
}

export function sampleDistribution(count: number): DistributionItem[] {
  const items = ['Znam obowiązki organu prowadzącego wobec szkół', 'Przygotowuję arkusz organizacji pracy szkoły', 'Analizuję wyniki egzaminu ósmoklasisty i EWD', 'Planuję wydatki na oświatę w budżecie JST', 'Prowadzę konsultacje zmian w sieci szkół', 'Oceniam pracę dyrektorów szkół'];
  return items.slice(0, count).map((label, i) => ({ label, counts: [6 + i, 22 + 4 * i, 61 - i, 88 - 6 * i, 38 + 8 * i] as [number, number, number, number, number] }));
}

/** The long annex table: one row per questionnaire item, with two suppressed cells. */
export function sampleItemRows(count: number): CellValue[][] {
  return Array.from({ length: count }, (_, i) => {
    const area = SAMPLE_AREAS[i % SAMPLE_AREAS.length]!;
    const n = 180 + ((i * 67) % 23) * 11;
    const imp = 3.4 + ((i * 29) % 15) / 10;
    const lev = 2.6 + ((i * 31) % 17) / 10;
    const small = i === 7 || i === 23;
    return [`${area.short}: pozycja ${i + 1}`, small ? 4 : n, imp, small ? suppressed(SUPPRESSED_VALUE) : lev, small ? suppressed(SUPPRESSED_VALUE) : imp - lev];
  });
}

export const SCALE_WORDS: Record<Lang, [string, string, string, string, string]> = {
  pl: ['bardzo niska', 'niska', 'średnia', 'wysoka', 'bardzo wysoka'],
  en: ['very low', 'low', 'medium', 'high', 'very high'],
};

export const SAMPLE_OPTIONS: ReportOptions = {
  title: 'Diagnoza kompetencji kadr JST w zarządzaniu oświatą',
  subtitle: 'Raport diagnostyczny: potrzeby szkoleniowe kadry zarządzającej i pracowników operacyjnych',
  lang: 'pl',
  date: new Date(Date.UTC(2026, 10, 24)),
  synthetic: true,
  author: 'Zespół analityczny projektu',
};

/** Writes the sample chapters into `r` (Polish). */
export function writeSample(r: Report): void {
  const rows = sampleAreaRows();
  const lang = r.lang;
  r.cover({ segment: 'Gminy wiejskie', programme: 'Program „Wsparcie kadry jednostek samorządu terytorialnego w zarządzaniu oświatą” (PO\u00A0WER 2014–2020, działanie 2.10)', version: '0.1 (próbna)' });
  r.tableOfContents();

  r.h1('Najważniejsze wnioski');
  r.paragraph(`${PANGRAM} — ten akapit sprawdza polskie znaki w całym łańcuchu: od tekstu, przez czcionkę DejaVu, do pliku PDF.`);
  r.paragraph([
    'W badaniu wzięło udział ', { text: plural(1234, 'osoba', 'osoby', 'osób'), bold: true },
    ` z ${plural(412, 'gminy', 'gmin', 'gmin')} wiejskich (stopa odpowiedzi ${formatPercent(45.2, { lang })}). `,
    `Średnia ocena ważności kompetencji wyniosła ${formatNumber(3.3, { lang })} (przedział ufności 95 %: ${formatCi(3.12, 3.48, { lang })}), `,
    `a różnica między kadrą zarządzającą a pracownikami operacyjnymi jest istotna statystycznie (${formatP(0.0004, lang)}; w obszarze finansów ${formatP(0.034, lang)}). `,
    `Zmiana oceny poziomu między edycjami wyniosła ${formatNumber(-0.12, { lang })} punktu. Dane zebrano do ${formatDate(new Date(Date.UTC(2026, 9, 31)), lang)}.`,
  ]);
  r.bullets([
    [{ text: 'Analiza danych oświatowych', bold: true }, ' ma największą lukę między ważnością a poziomem i najwyższy wskaźnik MWDS.'],
    'Kadra zarządzająca ocenia ważność planowania strategicznego wyżej niż pracownicy operacyjni.',
    'W obszarach z małą liczbą odpowiedzi wyniki ukryto, aby nie dało się zidentyfikować urzędników z małych gmin.',
  ]);
  const top = sampleRanking(rows).sort((a, b) => b.value - a.value).slice(0, 4);
  r.table({
    title: 'Które obszary wymagają szkolenia w pierwszej kolejności?',
    columns: [{ header: 'Obszar kompetencji', width: 0.44 }, { header: 'n' }, { header: 'MWDS' }, { header: 'Luka (pkt)' }, { header: 'Rekomendowany moduł', width: 0.2, align: 'left' }],
    rows: top.map((t, i) => (i === 3 ? [t.label, 3, suppressed(SUPPRESSED_VALUE), suppressed(SUPPRESSED_VALUE), '–'] : [t.label, t.n, t.value, t.value / 4, `Moduł ${String.fromCharCode(65 + i)}`])),
    notes: ['MWDS — ważony wskaźnik rozbieżności Boricha (średnia luka × średnia ważność).'],
    source: 'dane syntetyczne, opracowanie własne',
  });
  r.box('Jak czytać przedział ufności 95 %?', [
    'Wynik z próby nie jest dokładnie taki sam jak wynik w całej populacji JST. Przedział ufności pokazuje zakres, w którym z dużym prawdopodobieństwem leży prawdziwa średnia.',
    [{ text: 'Przykład: ', bold: true }, `średnia ${formatNumber(3.3, { lang })} i przedział ${formatCi(3.12, 3.48, { lang })} oznaczają, że prawdziwa średnia najpewniej leży między tymi wartościami. Wąski przedział to precyzyjny wynik; ${formatN(1234, lang)} daje wąskie przedziały.`],
  ]);

  r.h1('Kompetencje i priorytety szkoleniowe');
  r.paragraph(`Wykres ${r.nextFigureNumber()} zestawia ważność i poziom kompetencji we wszystkich obszarach; obszary uporządkowano od największej luki.`);
  r.h2('Ważność a poziom');
  r.figure(dumbbellChart(rows, { lang }), { title: 'Gdzie luka między ważnością a poziomem kompetencji jest największa?', notes: ['Luka = średnia ważność − średni poziom.'], source: 'dane syntetyczne' });
  r.h2('Rozkład odpowiedzi');
  r.paragraph(`Rozkład odpowiedzi (wykres ${r.nextFigureNumber()}) pokazuje, czy średnia wynika z ocen skrajnych, czy umiarkowanych.`, { keepWithNext: true });
  r.figure(distributionChart(sampleDistribution(6), { lang, measure: 'level', scaleLabels: SCALE_WORDS[lang] }), { title: 'Jak pracownicy oceniają swój poziom w wybranych zadaniach?', source: 'dane syntetyczne' });
  r.h2('Ranking potrzeb (MWDS)');
  r.figure(rankingChart(sampleRanking(rows), { lang, valueLabel: 'Wskaźnik potrzeb szkoleniowych (MWDS)', highlightTop: 3 }), { title: 'Które obszary mają największe potrzeby szkoleniowe?', notes: ['Pełnym kolorem: trzy obszary o najwyższym wskaźniku MWDS.'], source: 'dane syntetyczne' });
  r.h2('Analiza ważność–poziom');
  const cross = { level: mean(rows.map((x) => x.level.value)), importance: mean(rows.map((x) => x.importance.value)) };
  r.figure(ipaChart(rows.map((x, i) => ({ label: SAMPLE_AREAS[i]!.short, level: x.level.value, importance: x.importance.value })), { lang, cross }), { title: 'Na których obszarach warto się skoncentrować?', notes: ['Linie przerywane: średnie ze wszystkich obszarów.'], source: 'dane syntetyczne' });
  r.h2('Kadra zarządzająca a pracownicy operacyjni');
  r.figure(groupedChart(rows.slice(0, 5).map((x) => ({ label: x.label, management: { value: x.importance.value + 0.1, lo: x.importance.value - 0.02, hi: x.importance.value + 0.22 }, operational: { value: x.importance.value - 0.35, lo: x.importance.value - 0.5, hi: x.importance.value - 0.2 } })), { lang, valueLabel: 'Średnia ważność (skala 1–5)', min: 1, max: 5 }), { title: 'Czy kadra zarządzająca i pracownicy operacyjni oceniają ważność tak samo?', source: 'dane syntetyczne' });

  r.h1('Aneks');
  r.h2('Wyniki dla wszystkich pozycji kwestionariusza');
  r.table({
    title: 'Ważność i poziom kompetencji według pozycji kwestionariusza',
    columns: [{ header: 'Pozycja', width: 0.46 }, { header: 'n' }, { header: 'Ważność (1–5)' }, { header: 'Poziom (1–5)' }, { header: 'Luka (pkt)' }],
    rows: sampleItemRows(44),
    notes: ['Pozycje uporządkowano według obszarów kompetencji.'],
    source: 'dane syntetyczne, opracowanie własne',
  });
  r.footnote('Wszystkie liczby w tym raporcie są syntetyczne i służą wyłącznie do sprawdzenia układu.');
}

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/** Builds the sample report; returns its bytes and the Report (headings, pages) for tests. */
export function buildSampleReport(options: Partial<ReportOptions> = {}) {
  return buildReport({ ...SAMPLE_OPTIONS, ...options }, writeSample);
}
