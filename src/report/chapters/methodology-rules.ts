/**
 * Two parts of the methodology chapter that the programmes share: the number policy (which figures are
 * weighted, figures.ts) and the one rule from findings to programmes (rules.ts, schedule.ts, programme.ts),
 * stated as the code applies them.
 */
import type { Report } from '../kit/index.ts';
import { mwdsDefinition, prioritiesWeighted } from '../../recommendations/figures.ts';
import { DEMAND_SHARE, LACK_SHARE } from '../../recommendations/rules.ts';
import type { ReportContext } from '../context.ts';
import { b, pct, t } from './wording.ts';

/** How the published area MWDS is defined, in words (for the methodology's Borich paragraph). */
export function mwdsAreaDefinition(ctx: ReportContext): string {
  const d = mwdsDefinition(ctx.results);
  return d === 'product'
    ? t(ctx, 'MWDS obszaru to średnia luka obszaru pomnożona przez jego średnią ważność (z wyników obszaru, na tych samych badanych), więc można go odtworzyć z ważności i poziomu obszaru', "An area's MWDS is its mean gap times its mean importance (from the area scores, on the same respondents), so it can be reproduced from the area's importance and level")
    : d === 'mean_of_items'
      ? t(ctx, 'MWDS obszaru to średnia MWDS jego pozycji, więc nie jest iloczynem średniej luki i średniej ważności obszaru', "An area's MWDS is the mean of its items' MWDS, so it is not the product of the area's mean gap and mean importance")
      : t(ctx, `MWDS obszaru liczy analiza priorytetów (${ctx.results.priorities.method})`, `The area MWDS is computed by the priority analysis (${ctx.results.priorities.method})`);
}

/** Which figures are weighted and which are not: one value per quantity across the report and the programmes. */
export function numberPolicy(report: Report, ctx: ReportContext): void {
  const weighted = ctx.results.weights.method !== 'none';
  const pw = prioritiesWeighted(ctx.results);
  report.paragraph([b(t(ctx, 'Jedna liczba – jedna wartość. ', 'One number, one value. ')), t(ctx,
    `${weighted ? 'Średnie ocen (ważność, poziom, luka) i odsetki odpowiedzi, które opisują populację JST – warunki JST, braki, potrzeby szkoleniowe, preferowane formy, tryb i czas szkoleń – są w raporcie i w programach zawsze ważone.' : 'Wyniki nie są ważone (analiza bez operatu JST), więc wszystkie średnie i odsetki opisują próbę.'} Liczebności (n, liczba JST i badanych) opisują próbę i nie są ważone; rozkłady odpowiedzi na wykresach pokazują odsetki badanych bez wag i są tak podpisane. Wskaźnik potrzeb MWDS, jego przedział, ranga i ćwiartka analizy ważność–poziom pochodzą z analizy priorytetów, liczonej ${pw ? 'z wagami' : 'bez wag'}; ${pw === weighted ? 'ważność i poziom podane przy MWDS są jego składnikami, ważonymi tak samo jak w rozdziale o kompetencjach (na badanych, którzy ocenili i ważność, i poziom)' : 'dlatego przy MWDS nie podaje się ważonych średnich jako jego składników, a przypis podaje dokładną definicję wskaźnika'}.`,
    `${weighted ? 'Mean ratings (importance, level, gap) and shares of answers that describe the population of JSTs – their conditions, lacks, training needs, preferred forms, mode and time – are always weighted, in the report and in the programmes.' : 'The results are unweighted (analysed without a frame), so every mean and share describes the sample.'} Counts (n, JSTs, respondents) describe the sample and are unweighted; answer distributions in charts show unweighted shares of respondents and say so. The MWDS, its interval, rank and importance–performance quadrant come from the priority analysis, computed ${pw ? 'with weights' : 'without weights'}; ${pw === weighted ? 'the importance and level printed beside an MWDS are its components, weighted as in the competences chapter (over the respondents who rated both importance and level)' : 'so weighted means are never printed beside an MWDS as its components, and the footnote gives its exact definition'}.`)]);
}

/** The rule from findings to programmes, as the code applies it. */
export function rulesSection(report: Report, ctx: ReportContext): void {
  report.h2(t(ctx, 'Od wyników do programów', 'From findings to programmes'), { toc: false });
  const lowN = ctx.results.config.lowPrecisionBelow;
  const demand = pct(ctx, DEMAND_SHARE);
  const lack = pct(ctx, LACK_SHARE);
  const h = ctx.catalogue.hoursPerDay;
  report.paragraph(t(ctx,
    'Moduły programów wynikają z jednej jawnej reguły, stosowanej osobno w każdej grupie stanowisk każdego segmentu. Bierze ona pod uwagę dwa sygnały: wskaźnik MWDS obszaru na tle typowej potrzeby tej grupy (mediany MWDS wszystkich jej obszarów) – „wyraźnie wyższy”, gdy cały przedział ufności leży powyżej mediany – oraz ćwiartkę analizy ważność–poziom.',
    'The programme modules follow one explicit rule, applied to each staff group of each segment. It weighs two signals: the area\'s MWDS against the group\'s typical need (the median MWDS of all its areas) – "clearly higher" when the whole confidence interval lies above the median – and the importance–performance quadrant.'), { keepWithNext: true });
  report.bullets(ctx.lang === 'pl' ? [
    [b('Siła dowodów: '), `mocne – co najmniej ${lowN} odpowiedzi, ćwiartka „Skoncentruj się tutaj” i MWDS wyraźnie wyższy od typowego; umiarkowane – „Skoncentruj się tutaj” i MWDS wyższy od typowego albo MWDS wyraźnie wyższy od typowego w ćwiartce „Niski priorytet” lub „Utrzymaj”; słabe – pozostałe, zawsze przy mniej niż ${lowN} odpowiedziach i w ćwiartce „Możliwy nadmiar”.`],
    [b('Rodzaj modułu: '), `podstawowy – ćwiartka „Skoncentruj się tutaj” i dowody mocne lub umiarkowane; uzupełniający – pozostałe obszary spoza ćwiartki „Możliwy nadmiar” z dowodami umiarkowanymi, o które prosi co najmniej ${demand} badanych albo które odpowiadają na brak wskazywany przez co najmniej ${lack} badanych segmentu (powiązania braków z modułami i ich uzasadnienia zawiera katalog programów); niezalecany – pozostałe. Moduł podstawowy nie może więc leżeć w innej ćwiartce niż „Skoncentruj się tutaj”, a uzupełniający nie ma dowodów mocniejszych niż umiarkowane.`],
    [b('Kolejność: '), 'najpierw moduły podstawowe, potem uzupełniające; w każdej grupie najpierw mocniejsze dowody, potem wyższy MWDS. Moduł końcowy (lokalny plan podnoszenia jakości usług oświatowych) zamyka każdy program.'],
    [b('Godziny: '), 'każda forma modułu ma w katalogu zakres godzin; moduł dostaje w nim tym więcej godzin, im bliższy jest jego MWDS największemu MWDS tej grupy. Wzdłuż kolejności ani to położenie, ani liczba godzin nigdy nie rosną: moduł o wyższym priorytecie nie ma mniej godzin niż moduł o niższym.'],
    [b('Budżet i lata: '), `mediana (ważona) dni, które badani mogą przeznaczyć na szkolenia, po ${h} godzin, to roczny budżet; żaden z dwóch lat go nie przekracza. Moduły podstawowe dostają godziny według potrzeb i są skracane proporcjonalnie tylko wtedy, gdy się nie mieszczą; uzupełniające wchodzą, dopóki mieszczą się choćby w minimalnym wymiarze, a pozostałe są oferowane jako kursy e-learningowe. Lokalny plan powstaje w drugim roku.`],
    [b('Tryb i formy: '), 'tryb zajęć to ten, który wybiera najwięcej badanych z danej grupy (stacjonarny, zdalny lub łączony); wizyty studyjne odbywają się zawsze na miejscu, e-learning – zawsze zdalnie. Formy wynikają z projektu modułu w katalogu.'],
  ] : [
    [b('Evidence: '), `strong – at least ${lowN} answers, "Concentrate here" and an MWDS clearly above typical; moderate – "Concentrate here" with an MWDS above typical, or an MWDS clearly above typical in "Low priority" or "Keep up"; thin – everything else, always under ${lowN} answers and in "Possible overkill".`],
    [b('Kind of module: '), `core – "Concentrate here" with strong or moderate evidence; supplementary – other areas outside "Possible overkill" with moderate evidence, asked for by at least ${demand} of respondents, or answering a lack named by at least ${lack} of the segment's respondents (the catalogue maps lacks to modules and gives its reasons); not recommended – the rest. So a core module can lie in no quadrant but "Concentrate here", and a supplementary one has no evidence stronger than moderate.`],
    [b('Order: '), 'core modules first, then supplementary ones; within each, stronger evidence first, then higher MWDS. The capstone (the local plan) closes every programme.'],
    [b('Hours: '), "each form of a module has an hour range in the catalogue; the module gets the more hours within it, the closer its MWDS is to the group's largest. Along the order neither that position nor the hours ever rise: a higher-priority module never has fewer hours than a lower-priority one."],
    [b('Budget and years: '), `the (weighted) median of the days respondents can give, at ${h} hours, is the yearly budget; neither year exceeds it. Core modules get hours by need and are shortened in proportion only when they do not fit; supplementary ones enter while they fit at least at their minimum, and the rest are offered as e-learning courses. The local plan is written in year 2.`],
    [b('Mode and forms: '), 'the mode is the one most of the group choose (on site, online or blended); study visits are always on site and e-learning always online. Forms follow the module\'s design in the catalogue.'],
  ]);
}
