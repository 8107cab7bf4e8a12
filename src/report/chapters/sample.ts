/**
 * Chapter 2, "O badaniu": who was asked and how many answered (segment counts, data-quality exclusions
 * with their reasons), coverage by voivodeship (JSTs in the population, responding JSTs, respondents; a
 * suppressed count printed as "–"), and how the results are weighted, in words for non-specialists.
 */
import { VOIVODESHIPS } from '../../domain/jst.ts';
import { suppressed, type CellValue, type Inline } from '../kit/index.ts';
import type { ReportContext } from '../context.ts';
import { segmentForms } from '../words.ts';
import type { Chapter } from './types.ts';
import { genCount, int, jstGen, num, pct, peopleGen, segmentSizes, sourceLine, t } from './wording.ts';

const FLAG_WORDS: Record<string, (ctx: ReportContext) => { pl: string; en: string }> = {
  duplicate: () => ({ pl: 'duplikaty — ta sama ankieta wysłana ponownie pod innym identyfikatorem (zostaje pierwsza)', en: 'duplicates — the same questionnaire sent again under another id (the first one stays)' }),
  straightlining: (ctx) => ({
    pl: `jednakowe odpowiedzi — ta sama ocena we wszystkich co najmniej ${ctx.results.config.quality.straightliningMinCells} polach skali, co świadczy o wypełnianiu „na skróty”`,
    en: `straight-lining — the same rating in all of at least ${ctx.results.config.quality.straightliningMinCells} scale cells, a sign of answering without reading`,
  }),
  speeding: (ctx) => {
    const share = Math.round(ctx.results.config.quality.speedingRatio * 100);
    const med = ctx.results.dataset.medianDurationSec;
    const minutes = med === null ? null : Math.round(med / 60);
    return {
      pl: `zbyt szybkie wypełnienie — poniżej ${share} % mediany czasu${minutes === null ? '' : ` (mediana: ${minutes} min)`}, za mało, by przeczytać pytania`,
      en: `speeding — under ${share}% of the median time${minutes === null ? '' : ` (median: ${minutes} min)`}, too little to read the questions`,
    };
  },
  incomplete: (ctx) => ({
    pl: `niepełne — ocenione mniej niż ${Math.round(ctx.results.config.quality.minRatedShare * 100)} % pozycji skali`,
    en: `incomplete — fewer than ${Math.round(ctx.results.config.quality.minRatedShare * 100)}% of the scale items rated`,
  }),
};

export const sampleChapter: Chapter = (report, ctx) => {
  report.h1(t(ctx, 'O badaniu', 'About the survey'));
  const r = ctx.results;
  const seg = r.segments.find((s) => s.code === ctx.segment.code);
  const forms = segmentForms(ctx.segment.code, ctx.lang, ctx.tr(ctx.segment.label));
  const ds = r.dataset;

  // Who was asked.
  report.h2(t(ctx, 'Kogo zapytano i ile osób odpowiedziało?', 'Who was asked and how many answered?'), { toc: false });
  report.paragraph(t(ctx,
    'Ankietę skierowano do urzędników odpowiedzialnych za oświatę w dwóch grupach: kadry zarządzającej (wójtowie, burmistrzowie, prezydenci, starostowie i ich zastępcy, naczelnicy wydziałów oświaty, dyrektorzy centrów usług wspólnych) i pracowników operacyjnych (inspektorzy i specjaliści ds. oświaty, skarbnicy, analitycy budżetowi, obsługa ekonomiczno-administracyjna szkół).',
    'The questionnaire went to the officials who handle education in gminas, cities and counties, in two groups: management (mayors, county heads and their deputies, heads of education departments, directors of shared-service centres) and operational staff (education inspectors and specialists, treasurers, budget analysts, the schools\' economic-administrative units).'));

  if (seg) {
    const kinds = ctx.segment.kinds.length > 1
      ? t(ctx, ` Segment obejmuje ${ctx.segment.code === 'rural' ? 'gminy wiejskie i miejsko-wiejskie' : ctx.segment.code === 'county' ? 'powiaty ziemskie i miasta na prawach powiatu' : 'kilka rodzajów JST'}.`, ` The segment includes ${ctx.segment.code === 'rural' ? 'rural and urban-rural gminas' : ctx.segment.code === 'county' ? 'counties and cities with county rights' : 'several kinds of JST'}.`)
      : '';
    report.paragraph(t(ctx, `Ten raport (${forms.nom}) analizuje odpowiedzi ${segmentSizes(ctx, seg)}.${kinds}`, `This report (${forms.nom}) analyses the answers of ${segmentSizes(ctx, seg)}.${kinds}`));
  }

  coverageTable(report, ctx);
  report.h2(t(ctx, 'Jak sprawdzono jakość odpowiedzi?', 'How was the quality of answers checked?'), { toc: false });
  const quality: Inline[] = [];
  const excluded = r.config.quality.exclude.filter((f) => (ds.flagged[f] ?? 0) > 0);
  report.paragraph(t(ctx,
    `Łącznie, we wszystkich trzech segmentach, zebrano ${int(ctx, ds.respondents)} ${ds.respondents === 1 ? 'ankietę' : plPlural(ds.respondents, 'ankiety', 'ankiet')} z ${int(ctx, ds.jsts)} JST wszystkich rodzajów. ${ds.excluded > 0 ? `Po kontroli jakości odrzucono ${int(ctx, ds.excluded)} ${ds.excluded === 1 ? 'ankietę' : plPlural(ds.excluded, 'ankiety', 'ankiet')}, a do analizy weszło ${int(ctx, ds.analysed)} (z ${int(ctx, ds.analysedJsts)} JST).` : `Kontrola jakości nie odrzuciła żadnej ankiety.`}`,
    `In all, across the three segments, ${int(ctx, ds.respondents)} questionnaires came in from ${int(ctx, ds.jsts)} JSTs of every kind. ${ds.excluded > 0 ? `The quality checks set aside ${int(ctx, ds.excluded)} and ${int(ctx, ds.analysed)} were analysed (from ${int(ctx, ds.analysedJsts)} JSTs).` : 'The quality checks set none aside.'}`));
  if (excluded.length) {
    for (const f of excluded) {
      const words = FLAG_WORDS[f]?.(ctx) ?? { pl: f, en: f };
      quality.push([{ text: `${int(ctx, ds.flagged[f])}`, bold: true }, ` — ${ctx.tr(words)}`]);
    }
    report.paragraph(t(ctx, 'Powody odrzucenia (jedna ankieta mogła mieć więcej niż jeden):', 'Reasons (one questionnaire may have more than one):'), { keepWithNext: true });
    report.bullets(quality);
  }

  weighting(report, ctx);

  if (ctx.synthetic) {
    report.box(t(ctx, 'Dane syntetyczne', 'Synthetic data'), [
      t(ctx,
        `Wszystkie ${int(ctx, ds.sources.synthetic ?? ds.respondents)} ${plPlural(ds.sources.synthetic ?? ds.respondents, 'ankiety', 'ankiet')} w tym raporcie wygenerował program na podstawie modelu z zaplanowanymi efektami (np. niższy poziom analizy danych w gminach wiejskich). Nazwy i kody JST są fikcyjne, liczba JST w populacji pochodzi z rejestru TERYT.`,
        `All ${int(ctx, ds.sources.synthetic ?? ds.respondents)} questionnaires in this report were generated by a program from a model with planted effects (e.g. a lower level of data analysis in rural gminas). JST names and codes are fictitious; the number of JSTs in the population comes from the TERYT register.`),
      t(ctx, 'Raport pokazuje, jak będzie wyglądać diagnoza po badaniu właściwym; jego liczb nie wolno cytować jako wyników.', 'The report shows what the diagnosis will look like after the real survey; its figures must not be quoted as findings.'),
    ]);
  }
};

const KIND_PLURAL: Record<string, { pl: string; en: string }> = {
  rural: { pl: 'gmina wiejska', en: 'rural gminas' },
  urban_rural: { pl: 'gmina miejsko-wiejska', en: 'urban-rural gminas' },
  urban: { pl: 'gmina miejska', en: 'urban gminas' },
  city_county: { pl: 'miasto na prawach powiatu', en: 'cities with county rights' },
  county: { pl: 'powiat', en: 'counties' },
};

const plPlural = (n: number, few: string, many: string) => {
  const d = n % 10;
  const dd = n % 100;
  return d >= 2 && d <= 4 && (dd < 12 || dd > 14) ? few : many;
};

function coverageTable(report: Parameters<Chapter>[0], ctx: ReportContext): void {
  const cov = ctx.results.coverage.filter((c) => c.segment === ctx.segment.code);
  if (!cov.length) return;
  const seg = ctx.results.segments.find((s) => s.code === ctx.segment.code);
  const hasPop = cov.some((c) => c.populationJst !== null);
  const rows: CellValue[][] = cov.map((c) => [
    VOIVODESHIPS[c.voivodeship] ?? c.voivodeship,
    hasPop ? c.populationJst : null,
    c.respondingJst,
    hasPop && c.populationJst ? (100 * c.respondingJst) / c.populationJst : null,
    c.respondents === null ? suppressed() : c.respondents,
  ]);
  const popTotal = cov.reduce((s, c) => s + (c.populationJst ?? 0), 0);
  const jstTotal = seg?.jsts ?? cov.reduce((s, c) => s + c.respondingJst, 0);
  const respTotal = seg?.respondents ?? null;
  rows.push([t(ctx, 'Razem', 'Total'), hasPop ? popTotal : null, jstTotal, hasPop && popTotal ? (100 * jstTotal) / popTotal : null, respTotal]);
  const cols = hasPop
    ? cov.map((c) => ({ v: c, share: c.populationJst ? c.respondingJst / c.populationJst : 0 })).sort((a, b) => b.share - a.share)
    : [];
  const hi = cols[0];
  const lo = cols[cols.length - 1];
  const no = report.nextTableNumber();
  const spread = hi && lo && hi !== lo
    ? t(ctx,
      ` Odsetek JST, które odpowiedziały, waha się od ${pct(ctx, lo.share)} (${VOIVODESHIPS[lo.v.voivodeship] ?? lo.v.voivodeship}) do ${pct(ctx, hi.share)} (${VOIVODESHIPS[hi.v.voivodeship] ?? hi.v.voivodeship}); ważenie wyrównuje te różnice.`,
      ` The share of JSTs that responded ranges from ${pct(ctx, lo.share)} (${VOIVODESHIPS[lo.v.voivodeship] ?? lo.v.voivodeship}) to ${pct(ctx, hi.share)} (${VOIVODESHIPS[hi.v.voivodeship] ?? hi.v.voivodeship}); the weights even out these differences.`)
    : '';
  report.h2(t(ctx, 'Jak próba pokrywa województwa?', 'How does the sample cover the voivodeships?'), { toc: false });
  report.paragraph(t(ctx,
    `Tabela ${no} pokazuje, ile JST tego segmentu jest w każdym województwie, ile z nich odpowiedziało i ilu urzędników wypełniło ankietę.${spread}`,
    `Table ${no} shows how many JSTs of this segment each voivodeship has, how many responded and how many officials answered.${spread}`), { keepWithNext: true });
  report.table({
    title: t(ctx, 'Ile JST i ilu urzędników odpowiedziało w każdym województwie?', 'How many JSTs and officials responded in each voivodeship?'),
    columns: [
      { header: t(ctx, 'Województwo', 'Voivodeship'), width: 0.3 },
      { header: t(ctx, 'JST w populacji', 'JSTs in the population'), decimals: 0 },
      { header: t(ctx, 'JST, które odpowiedziały', 'Responding JSTs'), decimals: 0 },
      { header: t(ctx, 'Odsetek JST (%)', 'Share of JSTs (%)'), decimals: 1 },
      { header: t(ctx, 'Respondenci (n)', 'Respondents (n)'), decimals: 0 },
    ],
    rows,
    totalRow: true,
    notes: [t(ctx,
      `Populacja: liczba JST danego rodzaju w województwie według rejestru TERYT. Liczby respondentów mniejsze niż ${ctx.results.config.suppressionThreshold} ukryto, aby nie dało się wskazać osób z małych urzędów.`,
      `Population: the number of JSTs of the segment's kinds in the voivodeship, from the TERYT register. Respondent counts below ${ctx.results.config.suppressionThreshold} are withheld so that officials of small offices cannot be identified.`)],
    source: sourceLine(ctx),
  });
}

function weighting(report: Parameters<Chapter>[0], ctx: ReportContext): void {
  const w = ctx.results.weights;
  const ds = ctx.results.dataset;
  report.h2(t(ctx, 'Jak ważono wyniki?', 'How were the results weighted?'), { toc: false });
  if (w.method === 'none') {
    report.paragraph(t(ctx,
      'Wyniki nie są ważone: każda ankieta liczy się tak samo. Jeśli struktura próby (rodzaje JST, województwa) odbiega od struktury wszystkich JST, średnie mogą przesuwać się w stronę grup, które odpowiadały chętniej. Przedziały ufności uwzględniają to, że urzędnicy jednej JST odpowiadają podobnie.',
      'The results are not weighted: every questionnaire counts the same. Where the sample (JST kinds, voivodeships) differs from the population of JSTs, the means may lean towards the groups that answered more readily. The confidence intervals allow for officials of one JST answering alike.'));
    return;
  }
  const how = w.method === 'raked'
    ? t(ctx, 'metodą rakingu: wagi dobrano tak, by rozkład JST według rodzaju i według województwa zgadzał się z rejestrem TERYT (tam, gdzie w komórce rodzaj × województwo odpowiedziało za mało JST, oba rozkłady dopasowano osobno)', 'by raking: the weights make the distribution of JSTs by kind and by voivodeship match the TERYT register (where too few JSTs answered in a kind × voivodeship cell, both margins are matched separately)')
    : t(ctx, 'przez poststratyfikację: w każdej komórce rodzaj JST × województwo odpowiadające JST reprezentują wszystkie JST tej komórki z rejestru TERYT', 'by post-stratification: in each JST kind × voivodeship cell the responding JSTs stand for all the cell\'s JSTs in the TERYT register');
  // which kinds of JST the sample over- and under-represents, from the weighting strata
  const byKind = new Map<string, { pop: number; resp: number }>();
  for (const s of w.strata) {
    const k = byKind.get(s.kind) ?? { pop: 0, resp: 0 };
    k.pop += s.populationJst;
    k.resp += s.respondingJst;
    byKind.set(s.kind, k);
  }
  const shares = [...byKind].filter(([, v]) => v.pop > 0).map(([kind, v]) => ({ kind, share: v.resp / v.pop })).sort((a, b) => b.share - a.share);
  const top = shares[0];
  const bottom = shares[shares.length - 1];
  const uneven = top && bottom && top !== bottom && top.share > 1.5 * bottom.share;
  const kindWords = (k: string) => ctx.tr(KIND_PLURAL[k] ?? { pl: k, en: k });
  const why = uneven
    ? t(ctx,
      `Próba nie odwzorowuje proporcji populacji: w całym badaniu odpowiedziało ${pct(ctx, top.share)} wszystkich JST typu ${kindWords(top.kind)}, ale tylko ${pct(ctx, bottom.share)} JST typu ${kindWords(bottom.kind)}.`,
      `The sample does not mirror the population: across the survey ${pct(ctx, top.share)} of all ${kindWords(top.kind)} responded, but only ${pct(ctx, bottom.share)} of ${kindWords(bottom.kind)}.`)
    : t(ctx, 'Struktura próby jest zbliżona do struktury populacji, ale nie identyczna.', 'The sample resembles the population, but not exactly.');
  report.paragraph(t(ctx,
    `${why} Aby wyniki opisywały wszystkie JST, a nie tylko próbę, zostały zważone ${how}. Urzędnicy jednej JST dzielą jej wagę.`,
    `${why} So that the results describe all JSTs, not just the sample, we weight them ${how}. The officials of one JST share its weight.`));
  if (w.kishEffectiveN !== null && w.kishDesignEffect !== null) {
    report.paragraph(t(ctx,
      `Ważenie ma swoją cenę: zważona próba ${genCount(ctx, ds.analysed, { pl: 'ankiety', en: '' }, { pl: 'ankiet', en: '' })} niesie tyle informacji, co około ${genCount(ctx, Math.round(w.kishEffectiveN), { pl: 'ankiety', en: '' }, { pl: 'ankiet', en: '' })} z prostej próby losowej (efekt ważenia ${num(ctx, w.kishDesignEffect)}). Dlatego przedziały ufności w raporcie są szersze, niż sugerowałaby sama liczba odpowiedzi — i to one, a nie liczba ankiet, mówią, jak pewny jest wynik. Szczegóły opisuje rozdział „Metodologia”.`,
      `Weighting has a price. ${int(ctx, ds.analysed)} weighted questionnaires carry as much information as about ${int(ctx, Math.round(w.kishEffectiveN))} from a simple random sample (weighting effect ${num(ctx, w.kishDesignEffect)}). That is why the report's confidence intervals are wider than the number of answers alone would suggest — and they, not the count, say how sure a result is. The chapter "Methodology" gives the details.`));
  }
}
