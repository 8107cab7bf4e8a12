/**
 * Chapter 8, "Metodologia": sample and segments, data-quality exclusions, weights, estimators and
 * intervals, area scores, tests and Holm families, effect-size thresholds, reliability, Borich MWDS with
 * the cluster bootstrap, IPA, the recommendation rules, small-cell suppression, and the limits of the
 * study — every number from results.json, so the chapter always describes the run that made the report.
 */
import { suppressed, type CellValue } from '../kit/index.ts';
import type { ReportContext } from '../context.ts';
import type { Chapter } from './types.ts';
import { groupForms } from '../words.ts';
import { segmentCount } from '../../recommendations/figures.ts';
import { mwdsAreaDefinition, numberPolicy, rulesSection } from './methodology-rules.ts';
import { b, capitalise, countOf, int, joinList, kindWord, num, pct, segForms, sourceLine, t, ciName, ciWord } from './wording.ts';
import { keptTable } from './kept-table.ts';
import { VOIVODESHIPS } from '../../domain/jst.ts';
import { EFFECT_WORDS, familyWords, rCallsTable } from './inference-words.ts';

const FLAG_WORDS: Record<string, (ctx: ReportContext) => [string, string]> = {
  duplicate: () => ['duplikat', 'ta sama JST i te same odpowiedzi na wszystkie pytania zamknięte co we wcześniejszej ankiecie (zostaje pierwsza)'],
  straightlining: (ctx) => ['jednakowe odpowiedzi', `co najmniej ${ctx.results.config.quality.straightliningMinCells} ocen na skalach, wszystkie o tej samej wartości`],
  speeding: (ctx) => ['zbyt szybkie wypełnienie', `czas wypełniania krótszy niż ${pct(ctx, ctx.results.config.quality.speedingRatio)} mediany czasu w całym zbiorze`],
  incomplete: (ctx) => ['niekompletna ankieta', `odpowiedź na mniej niż ${pct(ctx, ctx.results.config.quality.minRatedShare)} pokazanych pól ocen`],
};
const FLAG_WORDS_EN: Record<string, (ctx: ReportContext) => [string, string]> = {
  duplicate: () => ['duplicate', 'the same JST and the same answers to every closed question as an earlier submission (the first is kept)'],
  straightlining: (ctx) => ['straight-lining', `at least ${ctx.results.config.quality.straightliningMinCells} rating cells answered, all with one value`],
  speeding: (ctx) => ['speeding', `completion time below ${pct(ctx, ctx.results.config.quality.speedingRatio)} of the median time of the data set`],
  incomplete: (ctx) => ['incomplete', `fewer than ${pct(ctx, ctx.results.config.quality.minRatedShare)} of the rating cells shown were answered`],
};

/** The analysis writes weighting notes in English; the Polish report words the known ones itself. */
function weightNote(ctx: ReportContext, note: string): string | null {
  if (ctx.lang === 'en') return note;
  let m = /^(\d+) of (\d+) kind × voivodeship cells have fewer than (\d+) responding JSTs/.exec(note);
  if (m) return `W ${m[1]} z ${m[2]} komórek „rodzaj JST × województwo” odpowiedziało mniej niż ${m[3]} JST, dlatego zamiast poststratyfikacji wagi dopasowano do rozkładów brzegowych (raking).`;
  m = /^no responding JST of kind (\w+)/.exec(note);
  if (m) return `Nie odpowiedziała żadna JST rodzaju „${kindWord(ctx, m[1]!)}”: ten rodzaj nie jest reprezentowany.`;
  m = /^no responding JST in voivodeship (\d+)/.exec(note);
  if (m) return `W województwie ${VOIVODESHIPS[m[1]!] ?? m[1]} nie odpowiedziała żadna JST; pominięto je w rozkładzie brzegowym województw.`;
  m = /^raking did not converge in (\d+) cycles/.exec(note);
  if (m) return `Raking nie osiągnął zbieżności w ${m[1]} cyklach; wagi są przybliżone.`;
  return null;
}

export const methodologyChapter: Chapter = (report, ctx) => {
  const r = ctx.results;
  const cfg = r.config;
  const k = cfg.suppressionThreshold;
  const me = segForms(ctx, ctx.segment.code);
  const level = pct(ctx, cfg.level);
  report.h1(t(ctx, 'Metodologia', 'Methodology'));

  report.box(t(ctx, 'Jak czytać liczby w tym raporcie', 'How to read the numbers in this report'), [
    [b('n'), t(ctx,
      ` – liczba osób, których odpowiedzi stoją za wynikiem. Im większe n, tym pewniejszy wynik; przy n poniżej ${cfg.lowPrecisionBelow} wynik jest orientacyjny, a komórek z mniej niż ${k} odpowiedziami – ani tych, z których dałoby się je obliczyć – w ogóle się nie pokazuje („–”).`,
      ` – the number of people whose answers a result rests on. The larger n, the surer the result; below ${cfg.lowPrecisionBelow} it is indicative, and cells with fewer than ${k} answers – or cells they could be worked out from – are not shown at all ("–").`)],
    [b(`${capitalise(ciName(ctx))} (${ciWord(ctx)})`), t(ctx,
      ' – zakres, w którym z dużym prawdopodobieństwem leży wynik całej populacji JST, a nie tylko badanych. Wąski przedział to precyzyjny wynik. Gdy przedziały dwóch obszarów się nakładają, nie wiadomo na pewno, który z nich jest wyżej.',
      ' – the range that very probably holds the value for the whole population of JSTs, not just the respondents. A narrow interval is a precise result. When the intervals of two areas overlap, we cannot be sure which is higher.')],
    [b(t(ctx, 'Istotne statystycznie', 'Statistically significant')), t(ctx,
      ' – różnica zbyt duża, by przypisać ją przypadkowi doboru badanych, także po uwzględnieniu tego, że porównań było wiele (poprawka Holma). Istotna nie znaczy duża: o tym mówi wielkość efektu (mały, średni, duży).',
      ' – a difference too large to put down to the chance of who answered, even allowing for the many comparisons made (Holm\'s correction). Significant does not mean large: the effect size (small, medium, large) says that.')],
  ]);

  // --- sample and segments ---------------------------------------------------------------------------
  report.h2(t(ctx, 'Badanie, próba i segmenty', 'Survey, sample and segments'), { toc: false });
  const d = r.dataset;
  const segTable = report.nextTableNumber();
  const placed = ['urban_rural', 'city_county'].map((kind) => ({ kind, seg: cfg.segments.find((s) => s.kinds.includes(kind as never)) })).filter((x) => x.seg);
  const placement = placed.map((x) => t(ctx, `${kindWord(ctx, x.kind)} do segmentu „${segForms(ctx, x.seg!.code).nom}”`, `${kindWord(ctx, x.kind)} go with ${segForms(ctx, x.seg!.code).nom}`));
  report.paragraph(t(ctx,
    `Ankietę internetową wypełniło ${countOf(ctx, d.respondents, ['osoba', 'osoby', 'osób'], ['person', 'people'])} z ${int(ctx, d.jsts)} JST${r.input.frame ? `, wylosowanych z operatu ${int(ctx, r.input.frame.units)} JST (wszystkie gminy, miasta na prawach powiatu i powiaty)` : ''}. Każdy badany ocenił zadania z obszarów kompetencji na dwóch skalach 1–5: ważność zadania w swojej pracy i własny poziom. Raporty powstają dla trzech segmentów; gminy miejsko-wiejskie i miasta na prawach powiatu przypisuje konfigurowalna reguła${placement.length ? `, tu: ${placement.join(', ')}` : ''} (tabela ${segTable}). Gminy miejsko-wiejskie łączy z wiejskimi charakter większości ich terytorium i szkół, a miasta na prawach powiatu z powiatami – prowadzenie szkół ponadpodstawowych, zawodowych i specjalnych. ${ctx.synthetic ? 'W tej wersji raportu wszystkie odpowiedzi są syntetyczne (wygenerowane programem), dlatego liczby nie opisują rzeczywistych JST.' : ''}`,
    `${countOf(ctx, d.respondents, ['', '', ''], ['person', 'people'])} from ${int(ctx, d.jsts)} JSTs completed the online questionnaire${r.input.frame ? `, drawn from a frame of ${int(ctx, r.input.frame.units)} JSTs (every gmina, city with county rights and county)` : ''}. Each respondent rated the tasks of the competence areas on two 1–5 scales: the task's importance in their work and their own level. Reports are made for three segments; urban-rural gminas and cities with county rights are placed by a configurable rule${placement.length ? `, here: ${placement.join('; ')}` : ''} (table ${segTable}). Urban-rural gminas share the mostly rural character of their territory and schools with rural gminas; cities with county rights run secondary, vocational and special schools, as counties do. ${ctx.synthetic ? 'In this version all answers are synthetic (generated by the software), so the numbers do not describe real JSTs.' : ''}`).trim());
  keptTable(report, {
    title: t(ctx, 'Które JST tworzą każdy segment i ile osób z nich odpowiedziało?', 'Which JSTs make up each segment, and how many people answered?'),
    columns: [
      { header: t(ctx, 'Segment', 'Segment'), width: 0.18 },
      { header: t(ctx, 'Rodzaje JST', 'JST kinds'), width: 0.36 },
      { header: t(ctx, 'JST (n)', 'JSTs (n)'), decimals: 0 },
      { header: t(ctx, 'Badani (n)', 'Respondents (n)'), decimals: 0 },
      { header: t(ctx, 'Kadra zarządzająca (n)', 'Management (n)'), decimals: 0 },
      { header: t(ctx, 'Pracownicy operacyjni (n)', 'Operational (n)'), decimals: 0 },
    ],
    rows: r.segments.map((s) => [capitalise(segForms(ctx, s.code).nom), joinList(ctx, s.kinds.map((x) => kindWord(ctx, x))), s.jsts, s.respondents ?? suppressed(), ...(['management', 'operational'] as const).map((g) => segmentCount(r, s.code, g)?.value ?? suppressed())]),
    notes: [t(ctx, 'Liczby po wykluczeniach z kontroli jakości danych.', 'Counts after the data-quality exclusions.')],
    source: sourceLine(ctx),
  });

  // --- data quality ------------------------------------------------------------------------------------
  report.h2(t(ctx, 'Kontrola jakości danych', 'Data quality'), { toc: false });
  const flagNo = report.nextTableNumber();
  const excludes = cfg.quality.exclude;
  report.paragraph(t(ctx,
    `Przed analizą każdą ankietę sprawdzono według czterech reguł (tabela ${flagNo}). ${excludes.length === 4 ? 'Ankieta, która narusza którąkolwiek z nich, jest wykluczana' : `Wykluczają reguły: ${joinList(ctx, excludes.map((f) => FLAG_WORDS[f]?.(ctx)[0] ?? f))}`}. Wykluczono ${countOf(ctx, d.excluded, ['ankietę', 'ankiety', 'ankiet'], ['', ''])}; do analizy weszło ${countOf(ctx, d.analysed, ['ankieta', 'ankiety', 'ankiet'], ['', ''])} z ${int(ctx, d.analysedJsts)} JST.${d.medianDurationSec !== null ? ` Mediana czasu wypełniania wyniosła ${num(ctx, d.medianDurationSec / 60, 0)} min.` : ''}`,
    `Before the analysis every submission was checked against four rules (table ${flagNo}). ${excludes.length === 4 ? 'A submission that breaks any of them is excluded' : `Exclusion follows: ${joinList(ctx, excludes.map((f) => FLAG_WORDS_EN[f]?.(ctx)[0] ?? f))}`}. ${int(ctx, d.excluded)} were excluded; ${int(ctx, d.analysed)} from ${int(ctx, d.analysedJsts)} JSTs were analysed.${d.medianDurationSec !== null ? ` The median completion time was ${num(ctx, d.medianDurationSec / 60, 0)} min.` : ''}`));
  const flagRows: CellValue[][] = Object.keys(FLAG_WORDS).map((f) => {
    const [name, rule] = (ctx.lang === 'pl' ? FLAG_WORDS : FLAG_WORDS_EN)[f]!(ctx);
    return [capitalise(name), rule, d.flagged[f] ?? 0, excludes.includes(f as never) ? t(ctx, 'tak', 'yes') : t(ctx, 'nie', 'no')];
  });
  flagRows.push([{ text: t(ctx, 'Wykluczone łącznie', 'Excluded in total'), bold: true }, '', d.excluded, '']);
  keptTable(report, {
    title: t(ctx, 'Ile ankiet i z jakiego powodu wykluczono?', 'How many submissions were excluded, and why?'),
    columns: [
      { header: t(ctx, 'Problem', 'Problem'), width: 0.2 },
      { header: t(ctx, 'Reguła', 'Rule'), width: 0.52 },
      { header: t(ctx, 'Ankiety (n)', 'Submissions (n)'), decimals: 0 },
      { header: t(ctx, 'Wyklucza', 'Excludes') },
    ],
    rows: flagRows,
    totalRow: true,
    notes: [t(ctx, `Ankieta może naruszać kilka reguł, dlatego liczby w wierszach nie sumują się do ogółu wykluczonych. Przed kontrolą: ${int(ctx, d.respondents)} ankiet.`, `A submission may break several rules, so the rows do not add up to the total. Before the checks: ${int(ctx, d.respondents)} submissions.`)],
    source: sourceLine(ctx),
  });

  // --- weights ---------------------------------------------------------------------------------------
  report.h2(t(ctx, 'Wagi', 'Weights'), { toc: false });
  const w = r.weights;
  if (w.method === 'none') {
    report.paragraph(t(ctx,
      'Wyniki nie są ważone: każda odpowiedź liczy się tak samo. Opisują więc badanych, a nie populację JST.',
      'The results are unweighted: every answer counts the same. They describe the respondents, not the population of JSTs.'));
  } else {
    const notes = w.notes.map((n) => weightNote(ctx, n)).filter((x): x is string => !!x);
    const strataNo = report.nextTableNumber();
    report.paragraph(t(ctx,
      `Próbę losowano warstwowo, z równą liczbą JST każdego rodzaju, więc powiaty i miasta są w niej nadreprezentowane, a gminy wiejskie – niedoreprezentowane. Wagi przywracają proporcje populacji (tabela ${strataNo}). Jednostką ważenia jest JST: ${w.method === 'poststratified' ? 'waga JST to liczba JST w komórce „rodzaj × województwo” podzielona przez liczbę JST, które w niej odpowiedziały (poststratyfikacja)' : 'wagi JST dopasowano iteracyjnie (raking) do liczby JST każdego rodzaju i każdego województwa'}${w.raking ? ` – zbieżność osiągnięto po ${countOf(ctx, w.raking.iterations, ['cyklu', 'cyklach', 'cyklach'], ['', ''])}` : ''}. Wagę JST dzieli się równo między jej badanych (w analizach grup stanowisk – między badanych z tej samej grupy), tak by każda JST liczyła się raz, niezależnie od liczby ankiet. ${notes.join(' ')} Efektywna liczebność próby według Kisha wynosi ${num(ctx, w.kishEffectiveN, 0)} (efekt schematu z ważenia ${num(ctx, w.kishDesignEffect)}).`,
      `The sample was stratified with equal numbers of JSTs of each kind, so counties and cities are over-represented and rural gminas under-represented. Weights restore the population's proportions (table ${strataNo}). The unit of weighting is the JST: ${w.method === 'poststratified' ? 'its weight is the number of JSTs in its kind × voivodeship cell divided by the number that responded (post-stratification)' : 'JST weights were raked to the number of JSTs of each kind and each voivodeship'}${w.raking ? ` – converged after ${w.raking.iterations} cycles` : ''}. A JST's weight is shared equally among its respondents (within staff group for group estimates), so every JST counts once however many answered. ${notes.join(' ')} Kish's effective sample size is ${num(ctx, w.kishEffectiveN, 0)} (design effect of weighting ${num(ctx, w.kishDesignEffect)}).`).replace(/ {2,}/g, ' '));
    const byKind = new Map<string, { pop: number; resp: number }>();
    for (const s of w.strata) {
      const e = byKind.get(s.kind) ?? { pop: 0, resp: 0 };
      e.pop += s.populationJst;
      e.resp += s.respondingJst;
      byKind.set(s.kind, e);
    }
    keptTable(report, {
      title: t(ctx, 'Ile JST każdego rodzaju jest w populacji, a ile odpowiedziało?', 'How many JSTs of each kind are in the population, and how many responded?'),
      columns: [
        { header: t(ctx, 'Rodzaj JST', 'JST kind'), width: 0.4 },
        { header: t(ctx, 'JST w populacji (n)', 'JSTs in the population (n)'), decimals: 0 },
        { header: t(ctx, 'JST, które odpowiedziały (n)', 'JSTs that responded (n)'), decimals: 0 },
      ],
      rows: [...byKind.entries()].map(([kind, e]) => [capitalise(kindWord(ctx, kind)), e.pop, e.resp]),
      notes: [w.method === 'poststratified'
        ? t(ctx, 'Wagi liczone w komórkach rodzaj × województwo; tu zsumowane według rodzaju.', 'Weights are computed in kind × voivodeship cells; summed here by kind.')
        : t(ctx, 'Raking do dwóch rozkładów brzegowych: rodzaj JST i województwo.', 'Raking to two margins: JST kind and voivodeship.')],
      source: sourceLine(ctx),
    });
  }

  // --- estimators ------------------------------------------------------------------------------------
  report.h2(t(ctx, 'Estymatory i przedziały ufności', 'Estimators and confidence intervals'), { toc: false });
  const eq = r.tests.design.weights === 'equal';
  report.paragraph(t(ctx,
    `Każdy wynik ma swoje n. Średnie (ważności, poziomu i luki) i odsetki są estymatorami uwzględniającymi schemat badania, jak funkcja svymean pakietu survey w R: JST są skupieniami (wszyscy badani z jednej JST)${eq ? ', każda odpowiedź waży tyle samo, a warstw nie ma (bez operatu nie są znane)' : `, ${w.method === 'poststratified' ? 'komórki rodzaj × województwo' : 'rodzaje JST'} – warstwami, a wagi – jak wyżej`}. Przedział ufności ${level} wyznacza kwantyl rozkładu normalnego z błędu standardowego, który uwzględnia to, że urzędnicy jednej JST odpowiadają podobnie; efekt schematu (deff) porównuje tę wariancję z losowaniem prostym ze zwracaniem. Plik wyników podaje obok przedział t liczony na odpowiedziach badanych, a dla odsetków przedział Wilsona. Wynik obszaru to średnia odpowiedzi badanego na pozycje obszaru, jeśli ocenił co najmniej połowę pokazanych mu pozycji; luka to ważność minus poziom.`,
    `Every result carries its n. Means (importance, level, gap) and shares are design-based, as R survey's svymean: JSTs are clusters (all respondents of one JST)${eq ? ', every answer weighs the same and there are no strata (without a frame they are unknown)' : `, ${w.method === 'poststratified' ? 'kind × voivodeship cells' : 'JST kinds'} are strata and the weights as above`}. The ${level} interval uses the normal quantile and a standard error that allows for officials of one JST answering alike; the design effect (deff) compares that variance with simple random sampling with replacement. The results file also gives the t-interval over respondents and, for shares, the Wilson interval. An area score is the mean of a respondent's answers to the area's items if they rated at least half of the items shown; the gap is importance minus level.`));
  report.paragraph(t(ctx,
    'Jedna reguła obowiązuje wszystkie wyniki: gdy odpowiedzi komórki pochodzą z jednej JST (albo z jednej JST w każdej warstwie, co daje zero stopni swobody schematu), nie podaje się przedziału ufności ani testu – tylko średnią lub odsetek, z informacją o powodzie. Przy jednej JST nie da się oddzielić niepewności wyniku od tego, że urzędnicy tej JST odpowiadają podobnie.',
    'One rule holds for every result: when the answers of a cell come from one JST (or from one JST in each stratum, leaving the design no degrees of freedom) there is no confidence interval and no test – only the mean or share, with the reason stated. With one JST the uncertainty of a result cannot be told apart from its officials answering alike.'));

  numberPolicy(report, ctx);

  // --- tests -----------------------------------------------------------------------------------------
  report.h2(t(ctx, 'Testy i poprawka na wielokrotne porównania', 'Tests and the correction for multiple comparisons'), { toc: false });
  const famNo = report.nextTableNumber();
  const design = r.tests.families.filter((f) => f.basis === 'design');
  report.paragraph(t(ctx,
    `Segmenty i grupy stanowisk porównano testami uwzględniającymi schemat badania, takimi jak w pakiecie survey w R: wyniki obszarów – testem t różnicy średnich (svyttest, kontrast w svyglm), pojedyncze pozycje na skali porządkowej 1–5 – testem rangowym z rangami populacyjnymi (svyranktest; dla wszystkich segmentów naraz – wersja wielogrupowa z testem Walda), pytania wyboru – testem chi-kwadrat z poprawką Rao–Scotta drugiego rzędu (svychisq, statystyka F). Porównania segmentów używają wagi JST dzielonej między wszystkich jej badanych, porównania grup stanowisk – wagi dzielonej w obrębie grupy, tak jak średnie tych komórek. Porównanie wykonano tylko wtedy, gdy każda grupa ma co najmniej ${k} odpowiedzi i odpowiedzi z więcej niż jednej JST. Wartości p skorygowano metodą Holma osobno w każdej rodzinie testów (tabela ${famNo}); różnica jest istotna, gdy skorygowane p < ${num(ctx, r.tests.alpha)}. Wnioski i rozdział „Na tle innych JST” opierają się wyłącznie na tych testach; testy na badanych bez wag (Manna–Whitneya, Kruskala–Wallisa, t Welcha, chi-kwadrat Pearsona) podaje aneks jako analizę wrażliwości.`,
    `Segments and staff groups are compared with design-based tests, as in R's survey package: area scores with a t test of the difference in means (svyttest, a contrast in svyglm), single items on the ordinal 1–5 scale with a rank test on population ranks (svyranktest; across all segments its multi-group Wald form), choice questions with the Rao–Scott second-order corrected chi-square (svychisq, F statistic). Comparisons of segments use the JST weight shared among all its respondents, comparisons of staff groups the weight shared within the group, as the means of those cells do. A comparison is made only when each group has at least ${k} answers, from more than one JST. p-values are adjusted by Holm's method within each family (table ${famNo}); a difference is significant when the adjusted p < ${num(ctx, r.tests.alpha)}. The findings and the chapter "Compared with other JSTs" rest on these tests only; the unweighted tests on respondents (Mann–Whitney, Kruskal–Wallis, Welch's t, Pearson's chi-square) are in the annex as a sensitivity analysis.`));
  keptTable(report, {
    title: t(ctx, 'Ile testów objęła każda rodzina i ile różnic okazało się istotnych?', 'How many tests did each family hold, and how many differences were significant?'),
    columns: [
      { header: t(ctx, 'Rodzina testów', 'Family of tests'), width: 0.44 },
      { header: t(ctx, 'Testy (n)', 'Tests (n)'), decimals: 0 },
      { header: t(ctx, 'Pominięte (n)', 'Omitted (n)'), decimals: 0 },
      { header: t(ctx, 'w tym: jedna JST (n)', 'of which: one JST (n)'), decimals: 0 },
      { header: t(ctx, 'Istotne (n)', 'Significant (n)'), decimals: 0 },
      { header: t(ctx, `Istotne: ${me.nom} (n)`, `Significant: ${me.nom} (n)`), decimals: 0 },
    ],
    rows: design.map((f) => {
      const sig = r.tests.results.filter((x) => x.family === f.id && x.significant);
      const mine = sig.filter((x) => (x.by === 'segment' ? x.groups.includes(ctx.segment.code) : x.within.segment === ctx.segment.code));
      return [familyWords(ctx, f.id, f.description), f.tests, f.omitted, f.omittedNoInference, sig.length, mine.length];
    }),
    notes: [t(ctx, `Pominięte – porównania, w których któraś grupa miała mniej niż ${k} odpowiedzi, odpowiedzi z jednej JST (lub z jednej JST w każdej warstwie) albo jej wyniki ukryto, by nie dało się ich obliczyć z innych liczb. Poprawka Holma w obrębie rodziny, wśród pokazanych testów.`, `Omitted – comparisons where a group had fewer than ${k} answers, answers from one JST (or one JST per stratum), or results withheld so that they cannot be worked out from other figures. Holm's correction within each family, among the tests shown.`)],
    source: sourceLine(ctx),
  });
  const esNo = report.nextTableNumber();
  report.paragraph(t(ctx,
    `Wielkości efektu policzono z estymatorów schematu: d – różnica średnich ważonych podzielona przez pierwiastek ze średniej z dwóch wariancji populacyjnych (svyvar); r – dwukrotność różnicy średnich rang populacyjnych (prawdopodobieństwo, że odpowiedź z jednej grupy jest wyższa niż z drugiej, minus odwrotne); η² – udział zmienności rang populacyjnych między segmentami; V Craméra – z tabeli ważonej. Słowami opisano je według progów Cohena (tabela ${esNo}); poniżej progu „mały” efekt jest znikomy.`,
    `Effect sizes come from the design-based estimates: d – the difference in weighted means over the root of the mean of the two population variances (svyvar); r – twice the difference in mean population ranks (the probability that an answer of one group is higher than one of the other, minus the reverse); η² – the share of the variation of population ranks between segments; Cramér's V – from the weighted table. They are put into words by Cohen's thresholds (table ${esNo}); below "small" an effect is negligible.`), { keepWithNext: true });
  const th = cfg.effectSizeThresholds;
  keptTable(report, {
    title: t(ctx, 'Od jakiej wartości efekt jest mały, średni i duży?', 'From what value is an effect small, medium and large?'),
    columns: [
      { header: t(ctx, 'Miara efektu', 'Effect measure'), width: 0.46 },
      { header: t(ctx, 'Mały od', 'Small from') },
      { header: t(ctx, 'Średni od', 'Medium from') },
      { header: t(ctx, 'Duży od', 'Large from') },
    ],
    rows: Object.keys(th).map((key) => [EFFECT_WORDS[key] ? ctx.tr(EFFECT_WORDS[key]!) : key, ...(th[key] ?? []).slice(0, 3)]),
    notes: [t(ctx, 'df* = min(liczba wierszy, liczba kolumn) − 1 tabeli kontyngencji (Cohen 1988).', 'df* = min(rows, columns) − 1 of the contingency table (Cohen 1988).')],
    source: t(ctx, 'J. Cohen, Statistical Power Analysis for the Behavioral Sciences, 1988.', 'J. Cohen, Statistical Power Analysis for the Behavioral Sciences, 1988.'),
  }, 40);

  // --- reliability -----------------------------------------------------------------------------------
  report.h2(t(ctx, 'Rzetelność skal', 'Reliability of the scales'), { toc: false });
  const rel = r.reliability.filter((x) => x.segment === ctx.segment.code && !('suppressed' in x)) as Extract<(typeof r.reliability)[number], { alpha: unknown }>[];
  const alphas = rel.map((x) => x.alpha).filter((x): x is number => x !== null);
  const low = alphas.filter((a) => a < 0.7).length;
  report.paragraph(alphas.length ? t(ctx,
    `Spójność wewnętrzną pozycji każdego obszaru mierzy alfa Cronbacha, liczona osobno dla ważności i poziomu, w każdej grupie stanowisk, na pozycjach pokazanych wszystkim badanym danej komórki i na badanych, którzy ocenili je wszystkie. ${capitalise(me.inLoc)} alfa wynosi od ${num(ctx, Math.min(...alphas))} do ${num(ctx, Math.max(...alphas))} (${countOf(ctx, alphas.length, ['komórka', 'komórki', 'komórek'], ['', ''])})${low ? `; ${countOf(ctx, low, ['komórka ma', 'komórki mają', 'komórek ma'], ['', ''])} alfę poniżej 0,70` : ' – wszystkie powyżej progu 0,70 uznawanego za zadowalający'}. Pełne wyniki zawiera aneks.`,
    `The internal consistency of each area's items is measured by Cronbach's alpha, separately for importance and level, in each staff group, on the items shown to every respondent of the cell and on respondents who rated them all. ${capitalise(me.inLoc)} alpha ranges from ${num(ctx, Math.min(...alphas))} to ${num(ctx, Math.max(...alphas))} (${alphas.length} cells)${low ? `; ${low} below 0.70` : ' – all above the usual 0.70 threshold'}. The annex gives the full results.`) : t(ctx,
    'Alfy Cronbacha nie można było policzyć w żadnej komórce tego segmentu (za mało kompletnych odpowiedzi).',
    "Cronbach's alpha could not be computed in any cell of this segment (too few complete answers)."));

  // --- priorities ------------------------------------------------------------------------------------
  report.h2(t(ctx, 'Wskaźnik potrzeb Boricha i analiza ważność–poziom', "Borich's need index and importance–performance analysis"), { toc: false });
  const cells = r.priorities.cells.filter((c) => c.segment === ctx.segment.code && !('suppressed' in c)) as Extract<(typeof r.priorities.cells)[number], { interval: unknown }>[];
  const exact = cells.every((c) => c.interval === 'cluster_bootstrap');
  const frameMwds = r.priorities.mwdsPolicy.weights === 'frame';
  report.paragraph(t(ctx,
    `Potrzebę szkoleniową w zadaniu mierzy ważony wskaźnik rozbieżności Boricha (MWDS): średnia z różnic ważność − poziom pomnożona przez średnią ważność, liczona na badanych, którzy ocenili obie skale. MWDS obszaru to ten sam wzór zastosowany do wyników obszaru (średnia luka obszaru × średnia ważność obszaru, na badanych z oboma wynikami), więc jest dokładnie iloczynem średniej luki i średniej ważności podanych obok niego. ${frameMwds ? 'Rekomendacje, rangi i ćwiartki IPA opierają się na MWDS ważonym – średnie liczone z wagami, jak w rozdziale 3, opisują populację JST; klasyczny, nieważony MWDS Boricha (na badanych) podano obok dla porównania.' : 'Bez wag MWDS ważony i klasyczny, nieważony MWDS Boricha są równe.'} Obszary uszeregowano od najwyższego MWDS (ranga 1). Przedział ufności MWDS wyznacza bootstrap percentylowy (${int(ctx, cfg.bootstrap.replicates)} replikacji, ziarno „${cfg.bootstrap.seed}”), który losuje całe JST, a nie pojedynczych badanych – odpowiedzi urzędników jednej JST są do siebie podobne – w obrębie warstw schematu (bootstrap Rao–Wu: z n JST warstwy losuje się ze zwracaniem n − 1, każda wylosowana liczy się n/(n − 1) razy). ${exact ? `Wszystkie komórki ${me.gen} mają dokładny bootstrap (do ${int(ctx, cfg.bootstrap.exactUpToJsts)} JST w komórce).` : `W komórkach większych niż ${int(ctx, cfg.bootstrap.exactUpToJsts)} JST replikacje losowano z przybliżenia normalnego.`}`,
    `The training need in a task is Borich's mean weighted discrepancy score (MWDS): the mean of importance − level times the mean importance, over respondents who rated both. An area's MWDS is the same formula on the area scores (mean area gap × mean area importance, over respondents with both), so it is exactly the product of the mean gap and mean importance printed beside it. ${frameMwds ? 'Recommendations, ranks and IPA quadrants rest on the weighted MWDS – means with the weights, as in chapter 3, describing the population of JSTs; the classic unweighted Borich MWDS (on respondents) is given beside it for comparison.' : 'Without weights the weighted MWDS and the classic unweighted Borich MWDS are equal.'} Areas are ranked from the highest MWDS (rank 1). The MWDS interval is a percentile bootstrap (${int(ctx, cfg.bootstrap.replicates)} replicates, seed "${cfg.bootstrap.seed}") that resamples whole JSTs, not respondents – officials of one JST answer alike – within the strata of the design (Rao–Wu bootstrap: of a stratum's n JSTs, n − 1 are drawn with replacement, each counting n/(n − 1) times). ${exact ? `All cells of ${me.gen} use the exact bootstrap (up to ${int(ctx, cfg.bootstrap.exactUpToJsts)} JSTs per cell).` : `Cells of more than ${int(ctx, cfg.bootstrap.exactUpToJsts)} JSTs draw replicates from the normal approximation.`}`));
  report.paragraph(t(ctx,
    'W analizie ważność–poziom (IPA) każdy obszar to punkt o współrzędnych: średni poziom i średnia ważność. Linie podziału wyznaczają średnie ze wszystkich obszarów w danej grupie. Obszar ważny, w którym poziom jest niski, trafia do ćwiartki „Skoncentruj się tutaj”; ważny i dobrze opanowany – „Utrzymaj”; mniej ważny i słabo opanowany – „Niski priorytet”; mniej ważny, a dobrze opanowany – „Możliwy nadmiar”.',
    'In importance–performance analysis (IPA) each area is a point at its mean level and mean importance; the cross-hairs are the means over all areas in the group. An important area with a low level falls in "Concentrate here"; important and well mastered – "Keep up the good work"; less important and weak – "Low priority"; less important but well mastered – "Possible overkill".'));

  // --- reproduction in R ------------------------------------------------------------------------------
  report.h2(t(ctx, 'Jak odtworzyć wyniki w R', 'How to reproduce the results in R'), { toc: false });
  const rNo = report.nextTableNumber();
  report.paragraph(t(ctx,
    `Każdą liczbę rozdziału „Na tle innych JST” i najważniejszych wniosków można policzyć ponownie pakietem survey w R (tabela ${rNo}); testy tego narzędzia są sprawdzane z wynikami tych funkcji z dokładnością do 10⁻⁹. Przedziały bootstrapowe są losowe: w R wychodzą takie same z dokładnością do błędu Monte Carlo.`,
    `Every number of the chapter "Compared with other JSTs" and of the key findings can be computed again with R's survey package (table ${rNo}); this toolkit's tests are checked against those functions to 10⁻⁹. Bootstrap intervals are random: R gives the same up to Monte Carlo error.`), { keepWithNext: true });
  rCallsTable(report, ctx);

  // --- rules -----------------------------------------------------------------------------------------
  rulesSection(report, ctx);

  const lowN = cfg.lowPrecisionBelow;
  // --- suppression -----------------------------------------------------------------------------------
  disclosureSection(report, ctx, lowN);

  // --- limits ----------------------------------------------------------------------------------------
  report.h2(t(ctx, 'Ograniczenia badania', 'Limits of the study'), { toc: false });
  report.bullets(ctx.lang === 'pl' ? [
    ...(ctx.synthetic ? [[b('Dane syntetyczne. '), 'Ta wersja raportu pokazuje działanie narzędzia na danych wygenerowanych programem; wnioski nie dotyczą rzeczywistych JST.'] as const] : []),
    [b('Samoocena. '), 'Poziom kompetencji to ocena samego badanego, a nie wynik testu wiedzy; osoby mniej doświadczone mogą się oceniać zarówno za nisko, jak i za wysoko.'],
    [b('Skupienie w JST. '), 'Przedziały, testy i MWDS uwzględniają to, że urzędnicy jednej JST odpowiadają podobnie; dlatego wyników opartych na jednej JST się nie testuje. Testy nieważone z aneksu traktują badanych jak niezależnych i ich wartości p są zbyt optymistyczne – służą tylko do porównania.'],
    [b('Kalibracja wag. '), 'Błędy standardowe traktują wagi jako dane i nie uwzględniają zysku z kalibracji do operatu (poststratyfikacji lub rakingu), są więc raczej zachowawcze.'],
    [b('Brak odpowiedzi. '), 'Wagi wyrównują proporcje JST według rodzaju i województwa, ale nie różnice między JST, które odpowiedziały, a tymi, które nie odpowiedziały.'],
    [b('Jeden pomiar. '), 'Badanie opisuje stan w jednym momencie; zmianę po programie pokaże dopiero kolejna edycja.'],
  ] : [
    ...(ctx.synthetic ? [[b('Synthetic data. '), 'This version shows the toolkit at work on generated data; its conclusions are not about real JSTs.'] as const] : []),
    [b('Self-assessment. '), "The competence level is the respondent's own rating, not a test score; less experienced staff may rate themselves too low or too high."],
    [b('Clustering in JSTs. '), 'Intervals, tests and MWDS allow for officials of one JST answering alike, which is why results resting on one JST are not tested. The unweighted tests of the annex treat respondents as independent and their p-values are too optimistic – they serve only for comparison.'],
    [b('Calibrated weights. '), 'Standard errors take the weights as given and do not credit the calibration to the frame (post-stratification or raking), so they are on the conservative side.'],
    [b('Non-response. '), 'Weights restore the proportions of JSTs by kind and voivodeship, not differences between JSTs that answered and those that did not.'],
    [b('One measurement. '), 'The survey describes one moment; change after the programme needs the next wave.'],
  ]);
};

const WITHHELD_WORDS: Record<string, { pl: string; en: string }> = {
  respondents: { pl: 'Liczba badanych w segmentach i grupach', en: 'Respondents per segment and staff group' },
  coverage: { pl: 'Liczba badanych w segmentach i województwach', en: 'Respondents per segment and voivodeship' },
  estimates: { pl: 'Średnie pozycji i obszarów w komórkach', en: 'Item and area estimates per cell' },
  distributions: { pl: 'Rozkłady odpowiedzi (w całości)', en: 'Answer distributions (whole)' },
  breakdowns: { pl: 'Wyniki obszarów według wielkości JST', en: 'Area results by breakdown category' },
  choices: { pl: 'Liczby wskazań w pytaniach wyboru', en: 'Counts of answers to choice questions' },
  reliability: { pl: 'Rzetelność (alfa Cronbacha)', en: "Reliability (Cronbach's alpha)" },
  priorities: { pl: 'Priorytety szkoleniowe (komórki)', en: 'Training priorities (cells)' },
  tests: { pl: 'Testy różnic', en: 'Tests of differences' },
};

/** The disclosure rule in words, and what it withheld in these results (from results.disclosure). */
function disclosureSection(report: Parameters<Chapter>[0], ctx: ReportContext, lowN: number): void {
  const d = ctx.results.disclosure;
  const k = d.threshold;
  report.h2(t(ctx, 'Ochrona anonimowości', 'Protecting anonymity'), { toc: false });
  report.paragraph(t(ctx,
    `W małej JST odpowiedź jednego urzędnika łatwo rozpoznać. Dlatego żadna liczba w tym raporcie nie opisuje mniej niż ${k} osób. Komórka z 1–${k - 1} odpowiedziami jest ukryta (w tabelach stoi w jej miejscu „–”), a wraz z nią tyle innych komórek, by ukrytej wartości – liczby osób, sumy ani średniej – nie dało się obliczyć z pokazanych liczb: odejmowaniem w tabeli (ogół = kadra zarządzająca + pracownicy operacyjni; wszystkie segmenty = suma segmentów; kategorie = ich suma), między tabelami o wspólnej sumie ani ze średniej i odchylenia standardowego. Dlatego rozkład odpowiedzi jest pokazany w całości albo wcale. Komórki dodatkowe są dobrane tak, by ukryć jak najmniej odpowiedzi samego segmentu (najpierw wyniki ogólnokrajowe). Testy, priorytety i rzetelność są pokazane tylko tam, gdzie pokazano komórki, z których je policzono. Wyższy próg nigdy nie odsłania niczego, co ukrywa niższy. Wyniki oparte na mniej niż ${lowN} odpowiedziach są oznaczone jako orientacyjne.`,
    `In a small JST one official's answer is easy to recognise. So no figure in this report describes fewer than ${k} people. A cell with 1–${k - 1} answers is withheld ("–" in tables), and with it as many other cells as it takes for the withheld value – a count, a sum or a mean – not to be worked out from the figures shown: by subtraction within a table (all staff = management + operational; all segments = the sum of the segments; categories = their total), across tables that share a total, or from a mean and standard deviation. That is why an answer distribution is shown whole or not at all. The further cells are chosen to withhold as few of the segment's own answers as possible (national figures first). Tests, priorities and reliability are shown only where the cells they are computed from are shown. A larger threshold never reveals anything a smaller one withholds. Results based on fewer than ${lowN} answers are marked as indicative.`));
  const cells = d.respondentCells.filter((c) => c.segment !== 'all' || c.group !== 'all');
  if (cells.length) {
    const words = cells.map((c) => `${c.segment === 'all' ? t(ctx, 'wszystkie segmenty', 'all segments') : segForms(ctx, c.segment).nom} – ${groupForms(c.group, ctx.lang).nom}`);
    report.paragraph(t(ctx,
      `W tych wynikach nie podano liczby badanych (ani wyników) w komórkach: ${joinList(ctx, words)}.`,
      `These results give no count of respondents (nor results) for: ${joinList(ctx, words)}.`));
  }
  keptTable(report, {
    title: t(ctx, 'Co ukryto, by chronić anonimowość badanych?', 'What was withheld to protect respondents?'),
    columns: [
      { header: t(ctx, 'Wyniki', 'Results'), width: 0.4 },
      { header: t(ctx, 'Pokazane (n)', 'Shown (n)'), decimals: 0 },
      { header: t(ctx, `Poniżej ${k} osób (n)`, `Under ${k} people (n)`), decimals: 0 },
      { header: t(ctx, 'Ukryte dodatkowo (n)', 'Withheld in addition (n)'), decimals: 0 },
    ],
    rows: d.withheld.map((w) => [WITHHELD_WORDS[w.table] ? ctx.tr(WITHHELD_WORDS[w.table]!) : w.description, w.published, w.primary, w.complementary]),
    notes: [t(ctx, 'Liczby komórek (w testach: liczby testów) we wszystkich segmentach razem. Ukryte dodatkowo – komórki, z których dałoby się obliczyć komórkę poniżej progu.', 'Counts of cells (for tests: of tests) in all segments together. Withheld in addition – cells from which a cell under the threshold could be worked out.')],
    source: sourceLine(ctx),
  });
}
