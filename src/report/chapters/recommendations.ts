/**
 * Chapter 7, "Rekomendacje": per staff group (management, then operational), the programme the rules of
 * src/recommendations/rules.ts give for this segment — its modules in order (core, capstone,
 * supplementary) with areas, forms and hours, year, and the evidence behind each line (MWDS with CI,
 * rank, IPA quadrant, n, strength) — worded for a programme designer, with thin evidence said plainly.
 */
import type { CellValue } from '../kit/index.ts';
import type { Report } from '../kit/index.ts';
import type { RecommendedModule, Recommendation, AreaEvidence } from '../../recommendations/rules.ts';
import { areaLabel, GROUPS, recommendationFor, type Group, type ReportContext } from '../context.ts';
import { FORM_LABELS, groupForms, QUADRANT_LABELS } from '../words.ts';
import type { Chapter } from './types.ts';
import { capitalise, choiceCell, ci, countOf, joinList, nOf, num, pct, quote, segForms, sourceLine, t, keptTable } from './part2-common.ts';
import { withheldWhy } from './part1-common.ts';

const STRENGTH: Record<AreaEvidence['strength'], { pl: string; en: string }> = {
  strong: { pl: 'mocne', en: 'strong' },
  moderate: { pl: 'umiarkowane', en: 'moderate' },
  thin: { pl: 'słabe', en: 'thin' },
};
const ROLE: Record<RecommendedModule['role'], { pl: string; en: string }> = {
  core: { pl: 'podstawowy', en: 'core' },
  capstone: { pl: 'końcowy – plan lokalny', en: 'capstone – local plan' },
  supplementary: { pl: 'uzupełniający, do wyboru', en: 'supplementary, optional' },
};

const formWord = (ctx: ReportContext, f: string) => (FORM_LABELS[f] ? ctx.tr(FORM_LABELS[f]!) : ctx.catalogue.forms[f] ? ctx.tr(ctx.catalogue.forms[f]!) : f);
const quadrantWord = (ctx: ReportContext, q: string | null) => (q && QUADRANT_LABELS[q] ? ctx.tr(QUADRANT_LABELS[q]!) : '–');
const hours = (ctx: ReportContext, h: number) => `${num(ctx, h, Number.isInteger(h) ? 0 : 1)}\u00A0${t(ctx, 'godz.', 'h')}`;

function lackLabel(ctx: ReportContext, value: string): string {
  const c = choiceCell(ctx, 'kc_lack');
  const o = c?.options.find((x) => x.value === value);
  return o ? ctx.tr(o.label) : value;
}

function daysLabel(ctx: ReportContext, category: string): string {
  const c = ctx.results.choices.find((x) => x.question === 'train_days');
  for (const cell of c?.cells ?? []) {
    if ('options' in cell) {
      const o = cell.options.find((x) => x.value === category);
      if (o) return ctx.tr(o.label);
    }
  }
  return category;
}

export const recommendationsChapter: Chapter = (report, ctx) => {
  const me = segForms(ctx, ctx.segment.code);
  report.h1(t(ctx, 'Rekomendacje', 'Recommendations'));
  report.paragraph(t(ctx,
    `Dla ${me.gen} rekomendujemy dwa programy szkoleniowo-doradcze: dla kadry zarządzającej i dla pracowników operacyjnych. Moduły wynikają z reguł opisanych w rozdziale „Metodologia”: moduły podstawowe odpowiadają na obszary o najwyższym wskaźniku potrzeb (MWDS) i obszary z ćwiartki „Skoncentruj się tutaj”, moduły uzupełniające – na obszary, o które badani sami proszą, i na braki JST w rozwijaniu kompetencji kluczowych uczniów. Każdy program kończy moduł, w którym JST przygotowuje lokalny plan podnoszenia jakości usług oświatowych.`,
    `For ${me.gen} we recommend two training and advisory programmes: one for management and one for operational staff. The modules follow the rules set out in the chapter "Methodology": core modules answer the areas with the highest training-need index (MWDS) and those in the "Concentrate here" quadrant; supplementary modules answer areas respondents ask for and the JSTs' lacks in developing pupils' key competences. Every programme ends with a module in which the JST prepares its local plan for better education services.`));
  for (const g of GROUPS) groupSection(report, ctx, g);
};

function groupSection(report: Report, ctx: ReportContext, g: Group): void {
  const me = segForms(ctx, ctx.segment.code);
  const gf = groupForms(g, ctx.lang);
  const rec = recommendationFor(ctx, g);
  report.h2(gf.title);
  if (!rec || rec.insufficient || !rec.modules.length) {
    const reason = rec?.insufficient?.startsWith('withheld')
      ? t(ctx, `wyników tej grupy nie pokazujemy (${withheldWhy(ctx)})`, `this group's results are not shown (${withheldWhy(ctx)})`)
      : t(ctx, 'w tej grupie nie ma wystarczających danych', 'there are not enough data for this group');
    report.paragraph(t(ctx,
      `Dla ${gf.gen} ${me.gen} nie formułujemy rekomendacji opartej na danych: ${reason}. Program warto oprzeć na wynikach całego segmentu i potwierdzić w rozmowach z JST.`,
      `We make no data-based recommendation for ${gf.nom} of ${me.gen}: ${reason}. The programme should draw on the results for the whole segment and be confirmed in talks with JSTs.`));
    return;
  }
  const core = rec.modules.filter((m) => m.role === 'core');
  const supp = rec.modules.filter((m) => m.role === 'supplementary');
  const cap = rec.modules.find((m) => m.role === 'capstone');
  const first = core[0] ?? rec.modules[0]!;
  const ev = first.evidence[0];
  const tableNo = report.nextTableNumber();

  // The plan in plain language.
  const lead: string[] = [];
  lead.push(t(ctx,
    `${capitalise(gf.forGroup)} ${me.gen} rekomendujemy ${quote(ctx, ctx.tr(rec.title))}: ${countOf(ctx, core.length, ['moduł podstawowy', 'moduły podstawowe', 'modułów podstawowych'], ['core module', 'core modules'])}${cap ? ', moduł końcowy' : ''}${supp.length ? ` i ${countOf(ctx, supp.length, ['moduł uzupełniający', 'moduły uzupełniające', 'modułów uzupełniających'], ['', ''])}` : ''} (tabela ${tableNo}).`,
    `For ${gf.nom} of ${me.gen} we recommend ${quote(ctx, ctx.tr(rec.title))}: ${countOf(ctx, core.length, ['', '', ''], ['core module', 'core modules'])}${cap ? ', the capstone module' : ''}${supp.length ? ` and ${countOf(ctx, supp.length, ['', '', ''], ['supplementary module', 'supplementary modules'])}` : ''} (table ${tableNo}).`));
  if (ev) {
    lead.push(t(ctx,
      `Program otwiera moduł ${quote(ctx, ctx.tr(first.title))}: obszar ${quote(ctx, areaLabel(ctx, ev.area))} ma ${ev.rank === 1 ? 'najwyższy' : `${ev.rank}. w kolejności`} wskaźnik potrzeb szkoleniowych (MWDS ${num(ctx, ev.mwds)}; PU 95 %: ${ci(ctx, ev.ciLow, ev.ciHigh)})${ev.quadrant === 'concentrate_here' ? ' i leży w ćwiartce „Skoncentruj się tutaj”: jest ważny, a badani oceniają swój poziom nisko' : ''}${ev.demandShare !== null ? `; szkolenia w tym obszarze chce ${pct(ctx, ev.demandShare)} badanych` : ''}.`,
      `The programme opens with ${quote(ctx, ctx.tr(first.title))}: ${quote(ctx, areaLabel(ctx, ev.area))} has the ${ev.rank === 1 ? 'highest' : `${ev.rank}th highest`} training-need index (MWDS ${num(ctx, ev.mwds)}; 95% CI ${ci(ctx, ev.ciLow, ev.ciHigh)})${ev.quadrant === 'concentrate_here' ? ' and lies in the "Concentrate here" quadrant: important, yet rated low' : ''}${ev.demandShare !== null ? `; ${pct(ctx, ev.demandShare)} of respondents ask for training in it` : ''}.`));
  }
  const rest = core.slice(1);
  if (rest.length) lead.push(t(ctx,
    `Dalej: ${joinList(ctx, rest.map((m) => quote(ctx, ctx.tr(m.title))))}${cap ? `, a na koniec ${quote(ctx, ctx.tr(cap.title))}` : ''}.`,
    `Then: ${joinList(ctx, rest.map((m) => quote(ctx, ctx.tr(m.title))))}${cap ? `, and finally ${quote(ctx, ctx.tr(cap.title))}` : ''}.`));
  report.paragraph(lead.join(' '));

  // Forms and time.
  const forms = rec.preferredForms.slice(0, 3);
  const timing: string[] = [];
  if (forms.length) timing.push(t(ctx,
    `Za najbardziej przydatne formy wsparcia badani z tej grupy uznają: ${joinList(ctx, forms.map((f) => `${formWord(ctx, f.form)} (${pct(ctx, f.share)})`))}; w każdym module formy uporządkowano według tych wskazań.`,
    `Respondents in this group find these forms most useful: ${joinList(ctx, forms.map((f) => `${formWord(ctx, f.form)} (${pct(ctx, f.share)})`))}; within each module the forms are ordered by these shares.`));
  if (rec.daysAvailable && rec.hoursBudget !== null) {
    const y1 = rec.modules.filter((m) => m.year === 1);
    const y2 = rec.modules.filter((m) => m.year === 2);
    timing.push(t(ctx,
      `Mediana czasu, jaki badani mogą przeznaczyć na szkolenia i doradztwo, to ${daysLabel(ctx, rec.daysAvailable.category)} w roku; przyjmujemy ${countOf(ctx, rec.daysAvailable.days, ['dzień', 'dni', 'dni'], ['day', 'days'])} po ${ctx.catalogue.hoursPerDay} godzin, czyli ${hours(ctx, rec.hoursBudget)} rocznie. W pierwszym roku mieści się ${joinList(ctx, y1.map((m) => quote(ctx, ctx.tr(m.title))))}${y2.length ? `; ${countOf(ctx, y2.length, ['moduł przechodzi', 'moduły przechodzą', 'modułów przechodzi'], ['', ''])} na rok drugi` : ''}.`,
      `The median time respondents can give to training and advice is ${daysLabel(ctx, rec.daysAvailable.category)} a year; we assume ${countOf(ctx, rec.daysAvailable.days, ['', '', ''], ['day', 'days'])} of ${ctx.catalogue.hoursPerDay} hours, i.e. ${hours(ctx, rec.hoursBudget)} a year. Year 1 holds ${joinList(ctx, y1.map((m) => quote(ctx, ctx.tr(m.title))))}${y2.length ? `; ${countOf(ctx, y2.length, ['', '', ''], ['module moves', 'modules move'])} to year 2` : ''}.`).replace(/ {2,}/g, ' '));
  }
  if (timing.length) report.paragraph(timing.join(' '));

  // Lacks addressed.
  const lacks = new Map<string, { share: number; modules: string[] }>();
  for (const m of rec.modules) for (const l of m.addressesLacks) {
    const e = lacks.get(l.lack) ?? { share: l.share, modules: [] };
    e.modules.push(quote(ctx, ctx.tr(m.title)));
    lacks.set(l.lack, e);
  }
  if (lacks.size) {
    const parts = [...lacks.entries()].sort((a, b2) => b2[1].share - a[1].share).map(([lack, e]) => t(ctx,
      `brak ${lackLabel(ctx, lack)} (${pct(ctx, e.share)}) – ${joinList(ctx, e.modules)}`,
      `lack of ${lackLabel(ctx, lack)} (${pct(ctx, e.share)}) – ${joinList(ctx, e.modules)}`));
    report.paragraph(t(ctx,
      `Moduły odpowiadają też na braki, które w rozwijaniu kompetencji kluczowych uczniów wskazuje co najmniej 40 % badanych z ${me.gen} (odsetki badanych bez wag, jak w regułach rekomendacji): ${parts.join('; ')}.`,
      `The modules also answer the lacks in developing pupils' key competences named by at least 40% of respondents from ${me.gen} (unweighted shares of respondents, as in the recommendation rules): ${parts.join('; ')}.`));
  } else {
    report.paragraph(t(ctx,
      `Żaden brak w rozwijaniu kompetencji kluczowych uczniów nie jest wskazywany przez co najmniej 40 % badanych w sposób, który odpowiadałby modułom tego programu.`,
      `No lack in developing pupils' key competences named by at least 40% of respondents maps onto the modules of this programme.`));
  }

  moduleTable(report, ctx, rec, g);

  // Where the evidence is thin.
  const thin = rec.modules.filter((m) => m.evidence.some((e) => e.strength === 'thin'));
  if (thin.length) {
    const overlaps = thin.filter((m) => m.evidence.some((e) => e.notes.includes('overlaps_next')));
    const lowN = thin.filter((m) => m.evidence.some((e) => e.notes.includes('low_n')));
    const s: string[] = [];
    if (overlaps.length) s.push(t(ctx,
      `Dowody są słabsze dla ${overlaps.length === 1 ? 'modułu' : 'modułów'} ${joinList(ctx, overlaps.map((m) => quote(ctx, ctx.tr(m.title))))}: przedział ufności MWDS nakłada się z przedziałem najlepszego obszaru, który nie wszedł do rdzenia programu, więc ich pierwszeństwo przed tym obszarem nie jest pewne.`,
      `The evidence is thinner for ${joinList(ctx, overlaps.map((m) => quote(ctx, ctx.tr(m.title))))}: the MWDS interval overlaps that of the best area left out of the core, so their precedence over it is not certain.`));
    if (lowN.length) s.push(t(ctx,
      `${capitalise(joinList(ctx, lowN.map((m) => quote(ctx, ctx.tr(m.title)))))} ${lowN.length === 1 ? 'opiera' : 'opierają'} się na mniej niż ${ctx.results.config.lowPrecisionBelow} odpowiedziach: wyniki są orientacyjne.`,
      `${capitalise(joinList(ctx, lowN.map((m) => quote(ctx, ctx.tr(m.title)))))} rest on fewer than ${ctx.results.config.lowPrecisionBelow} answers: the results are indicative.`));
    s.push(t(ctx,
      'Zalecamy potwierdzić te moduły w rozmowach z JST w pilotażu, zanim program zostanie ostatecznie ułożony.',
      'We advise confirming these modules with JSTs in the pilot before the programme is finalised.'));
    report.paragraph(s.join(' '));
  } else {
    report.paragraph(t(ctx,
      'Dowody dla wszystkich modułów podstawowych są mocne: ich przedziały ufności leżą powyżej przedziału najlepszego obszaru spoza rdzenia.',
      'The evidence for all core modules is strong: their intervals lie above that of the best area left out of the core.'));
  }
}

function moduleTable(report: Report, ctx: ReportContext, rec: Recommendation, g: Group): void {
  const me = segForms(ctx, ctx.segment.code);
  const gf = groupForms(g, ctx.lang);
  const rows: CellValue[][] = rec.modules.map((m) => {
    const areas = m.evidence.length ? m.evidence.map((e) => areaLabel(ctx, e.area, true)) : [t(ctx, 'wszystkie obszary – lokalny plan', 'all areas – local plan')];
    const evidence = m.evidence.length
      ? m.evidence.map((e) => t(ctx,
        `MWDS ${num(ctx, e.mwds)} (${ci(ctx, e.ciLow, e.ciHigh)}), ranga ${e.rank ?? '–'}; ${quote(ctx, quadrantWord(ctx, e.quadrant))}; ${nOf(ctx, e.n)}; dowody ${ctx.tr(STRENGTH[e.strength])}`,
        `MWDS ${num(ctx, e.mwds)} (${ci(ctx, e.ciLow, e.ciHigh)}), rank ${e.rank ?? '–'}; ${quote(ctx, quadrantWord(ctx, e.quadrant))}; ${nOf(ctx, e.n)}; ${ctx.tr(STRENGTH[e.strength])} evidence`)).join('\n')
      : t(ctx, 'zamyka każdy program (wymóg programu)', 'closes every programme (programme requirement)');
    return [
      String(m.order),
      { text: `${ctx.tr(m.title)}\n`, bold: true },
      areas.join('\n'),
      m.forms.map((f) => `${formWord(ctx, f.form)} ${hours(ctx, f.hours)}`).join('\n'),
      m.year === null ? t(ctx, 'wg JST', 'any') : String(m.year),
      evidence,
    ];
  });
  // The role in a line of its own under the title.
  rows.forEach((r, i) => {
    const m = rec.modules[i]!;
    r[1] = { text: `${ctx.tr(m.title)}\n(${ctx.tr(ROLE[m.role])}, ${hours(ctx, m.hours)})`, bold: false };
  });
  keptTable(report, {
    title: t(ctx, `Z jakich modułów składa się program ${gf.forGroup} ${me.gen} i na czym opiera się każdy z nich?`, `Which modules make up the programme for ${gf.nom} of ${me.gen}, and what evidence supports each?`),
    columns: [
      { header: t(ctx, 'Lp.', 'No.'), width: 0.045, align: 'right' },
      { header: t(ctx, 'Moduł (rola, godziny)', 'Module (role, hours)'), width: 0.25 },
      { header: t(ctx, 'Obszar kompetencji', 'Competence area'), width: 0.145 },
      { header: t(ctx, 'Formy i godziny', 'Forms and hours'), width: 0.18 },
      { header: t(ctx, 'Rok', 'Year'), width: 0.08 },
      { header: t(ctx, 'Dowody', 'Evidence'), width: 0.30 },
    ],
    rows,
    notes: [t(ctx,
      `MWDS – ważony wskaźnik potrzeb szkoleniowych Boricha, w nawiasie przedział ufności 95 % (bootstrap po JST); ranga 1 = największa potrzeba w tej grupie. Ćwiartka – wynik analizy ważność–poziom (IPA). n – liczba badanych (${gf.nom}, ${me.nom}). Dowody: mocne – n ≥ ${ctx.results.config.lowPrecisionBelow} i przedział leży w całości powyżej przedziału najlepszego obszaru spoza rdzenia; słabe – przedziały nakładają się lub n < ${ctx.results.config.lowPrecisionBelow}; umiarkowane – pozostałe moduły. Rok „wg JST”: moduł uzupełniający, do wyboru i w terminie ustalonym przez JST.`,
      `MWDS – Borich's weighted training-need index, 95% CI in brackets (bootstrap over JSTs); rank 1 = the largest need in this group. Quadrant – importance–performance analysis (IPA). n – respondents (${gf.nom}, ${me.nom}). Evidence: strong – n ≥ ${ctx.results.config.lowPrecisionBelow} and the interval lies wholly above that of the best area left out of the core; thin – intervals overlap or n < ${ctx.results.config.lowPrecisionBelow}; moderate – other modules. Year "any": a supplementary module, optional and timed as the JST decides.`)],
    source: sourceLine(ctx),
  });
}

