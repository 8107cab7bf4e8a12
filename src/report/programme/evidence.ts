/**
 * Chapter "Dowody": every competence area of the group with the decision the one rule gives (rules.ts) and
 * the figures beside it — never a label that contradicts the quadrant or the evidence next to it — the MWDS
 * defined exactly, and the lacks the JSTs report with the modules that answer them, or why none can.
 */
import type { CellValue, Lang, Report } from '../kit/index.ts';
import { levelPercent } from '../kit/index.ts';
import type { ProgrammeDoc } from '../../recommendations/programme.ts';
import { suppressed } from '../kit/index.ts';
import { mwdsWithCi, quadrantWord } from './evidence-words.ts';
import { fig, joinList, LABEL_WORDS, pctOf, pn, ppct, quote, sourceLine, STRENGTH_WORDS, t, tr, type ProgrammeContext } from './context.ts';

export function evidenceChapter(report: Report, ctx: ProgrammeContext): void {
  const d = ctx.doc;
  const b = d.basis;
  report.h1(t(ctx, 'Dowody', 'Evidence'));
  const typical = b.typicalNeed === null ? '–' : pn(ctx, 'basis.typicalNeed', b.typicalNeed, 2);
  const low = pn(ctx, 'basis.lowPrecisionBelow', b.lowPrecisionBelow);
  const demand = ppct(ctx, 'basis.demandShare', b.demandShare);
  const lack = ppct(ctx, 'basis.lackShare', b.lackShare);
  report.paragraph(t(ctx,
    `O tym, czy moduł jest podstawowy, uzupełniający czy niezalecany, rozstrzyga jedna reguła, stosowana do każdego obszaru kompetencji. Bierze ona pod uwagę dwa sygnały z diagnozy. Pierwszy to wskaźnik potrzeb szkoleniowych Boricha (MWDS) na tle typowej potrzeby tej grupy, czyli mediany wskaźnika wszystkich obszarów (tu ${typical}): wskaźnik jest „wyraźnie wyższy”, gdy cały jego przedział ufności leży powyżej tej wartości. Drugi to ćwiartka analizy ważność–poziom: „Skoncentruj się tutaj” oznacza obszar ważniejszy i gorzej opanowany niż przeciętny.`,
    `One rule, applied to every competence area, decides whether a module is core, supplementary or not recommended. It weighs two signals from the diagnosis. The first is Borich's training-need index (MWDS) against the group's typical need, the median index of all areas (here ${typical}): the index is "clearly higher" when its whole confidence interval lies above that value. The second is the quadrant of the importance–performance analysis: "Concentrate here" marks an area more important and less mastered than the average one.`));
  report.bullets(ctx.lang === 'pl' ? [
    [{ text: 'Dowody mocne: ', bold: true }, `co najmniej ${low} odpowiedzi, ćwiartka „Skoncentruj się tutaj” i wskaźnik wyraźnie wyższy od typowego. `, { text: 'Umiarkowane: ', bold: true }, '„Skoncentruj się tutaj” i wskaźnik wyższy od typowego, albo wskaźnik wyraźnie wyższy od typowego w ćwiartce „Niski priorytet” lub „Utrzymaj”. ', { text: 'Słabe: ', bold: true }, `pozostałe przypadki, zawsze poniżej ${low} odpowiedzi i w ćwiartce „Możliwy nadmiar”.`],
    [{ text: 'Moduł podstawowy: ', bold: true }, 'ćwiartka „Skoncentruj się tutaj” i dowody mocne lub umiarkowane. ', { text: 'Uzupełniający: ', bold: true }, `pozostałe obszary spoza ćwiartki „Możliwy nadmiar”, jeżeli dowody są umiarkowane, co najmniej ${demand} badanych chce szkoleń w obszarze albo obszar odpowiada na brak wskazywany przez co najmniej ${lack} badanych z tego rodzaju JST. `, { text: 'Niezalecany: ', bold: true }, 'wszystkie pozostałe.'],
  ] : [
    [{ text: 'Strong evidence: ', bold: true }, `at least ${low} answers, the "Concentrate here" quadrant and an index clearly above typical. `, { text: 'Moderate: ', bold: true }, '"Concentrate here" and an index above typical, or an index clearly above typical in "Low priority" or "Keep up". ', { text: 'Thin: ', bold: true }, `everything else, always under ${low} answers and in "Possible overkill".`],
    [{ text: 'Core module: ', bold: true }, '"Concentrate here" with strong or moderate evidence. ', { text: 'Supplementary: ', bold: true }, `other areas outside "Possible overkill" with moderate evidence, or asked for by at least ${demand} of respondents, or answering a lack named by at least ${lack} of the officials of this kind of JST. `, { text: 'Not recommended: ', bold: true }, 'all others.'],
  ]);
  report.paragraph(t(ctx,
    'Moduł podstawowy leży więc zawsze w ćwiartce „Skoncentruj się tutaj” i ma dowody co najmniej umiarkowane, a moduł uzupełniający nigdy nie ma dowodów mocniejszych niż umiarkowane.',
    'So a core module always lies in "Concentrate here" with at least moderate evidence, and a supplementary module never has evidence stronger than moderate.'), { keepWithNext: true });

  const rows: CellValue[][] = d.areas.map((a) => [
    tr(ctx, a.label),
    `${tr(ctx, LABEL_WORDS[a.decision]!)}${a.decision !== 'not_recommended' && !a.scheduled ? '*' : ''};\n${tr(ctx, STRENGTH_WORDS[a.strength]!)}`,
    quadrantWord(ctx, a.quadrant).replace(/^[„“"]|[”"]$/g, ''),
    mwdsWithCi(ctx, a, false).replace(' (', '\n('),
    a.importance ? fig(ctx, a.importance.value) : suppressed(),
    a.level ? fig(ctx, a.level.value) : suppressed(),
    a.demand ? pctOf(ctx, a.demand) : suppressed(),
    fig(ctx, a.n),
  ]);
  const notes: string[] = [mwdsNote(ctx), t(ctx,
    `Ważność i poziom: ${b.weighted ? 'średnie ważone do populacji JST' : 'średnie'} na skali 1–5. Chce szkoleń: odsetek badanych z tej grupy, którzy wybrali obszar wśród najwyżej trzech obszarów, w których chcą się szkolić${b.weighted ? ' (ważony)' : ''}. n – liczba badanych, na których odpowiedziach opiera się wskaźnik. * – moduł zalecany, który nie zmieścił się w harmonogramie i jest oferowany jako kurs e-learningowy.`,
    `Importance and level: ${b.weighted ? 'means weighted to the population of JSTs' : 'means'} on the 1–5 scale. Want training: the share of the group who chose the area among at most three areas they want training in${b.weighted ? ' (weighted)' : ''}. n – respondents whose answers the index rests on. * – a recommended module that did not fit the schedule and is offered as an e-learning course.`)];
  report.table({
    title: t(ctx, `Jak wypadają wszystkie obszary kompetencji ${ctx.grp.gen} ${ctx.seg.gen} i co z tego wynika dla programu?`, `How do all competence areas of ${ctx.grp.nom} of ${ctx.seg.gen} fare, and what follows for the programme?`),
    columns: [
      { header: t(ctx, 'Obszar', 'Area'), width: 0.19 },
      { header: t(ctx, 'Decyzja; dowody', 'Decision; evidence'), width: 0.16 },
      { header: t(ctx, 'Ćwiartka', 'Quadrant'), width: 0.13 },
      { header: t(ctx, `MWDS (PU\u00A0${levelPercent(ctx.doc.basis.ciLevel, 'pl')}\u00A0%)`, `MWDS (${levelPercent(ctx.doc.basis.ciLevel, 'en')}%\u00A0CI)`), width: 0.15, align: 'right' },
      { header: t(ctx, 'Ważność', 'Importance'), width: 0.1, align: 'right' },
      { header: t(ctx, 'Poziom', 'Level'), width: 0.09, align: 'right' },
      { header: t(ctx, 'Szkoleń chce', 'Want training'), width: 0.11, align: 'right' },
      { header: 'n', width: 0.07, align: 'right' },
    ],
    rows,
    notes,
    source: sourceLine(ctx),
  });
  lacksSection(report, ctx);
}

/** The MWDS's exact definition, as the results define it (figures.ts mwdsDefinition and the number policy). */
export const mwdsNote = (ctx: ProgrammeContext): string => mwdsDefinitionNote(ctx.lang, ctx.doc.basis);

export function mwdsDefinitionNote(lang: Lang, b: ProgrammeDoc['basis']): string {
  const t = (pl: string, en: string) => (lang === 'pl' ? pl : en);
  const L = levelPercent(b.ciLevel, lang);
  const weight = b.prioritiesWeighted ? t('z wagami', 'weighted') : t('bez wag', 'unweighted');
  const def = b.mwdsDefinition === 'product'
    ? t('średnia luka (ważność − poziom) pomnożona przez średnią ważność obszaru', 'the mean gap (importance − level) times the mean importance of the area')
    : b.mwdsDefinition === 'mean_of_items'
      ? t('średnia wskaźników MWDS zadań obszaru; wskaźnik zadania to średnia luka (ważność − poziom) pomnożona przez średnią ważność zadania', "the mean of the MWDS of the area's tasks; a task's MWDS is the mean gap (importance − level) times the task's mean importance")
      : t('według definicji w rozdziale „Metodologia” raportu diagnostycznego', "as defined in the diagnostic report's methodology chapter");
  const beside = b.meansBesideMwds && b.mwdsDefinition === 'product'
    ? t('Można go odtworzyć z ważności i poziomu podanych obok.', 'It can be reproduced from the importance and level beside it.')
    : t(`Nie jest iloczynem średnich podanych obok: ${b.weighted && !b.prioritiesWeighted ? 'te są ważone, a wskaźnik liczony bez wag' : 'wskaźnik liczony jest inaczej'}.`, `It is not the product of the means beside it: ${b.weighted && !b.prioritiesWeighted ? 'those are weighted, the index is not' : 'the index is computed differently'}.`);
  return t(
    `MWDS – wskaźnik potrzeb szkoleniowych Boricha, liczony ${weight}: ${def}. ${beside} PU ${L} % – przedział ufności ${L} % z bootstrapu losującego całe JST. Typowa potrzeba – mediana MWDS wszystkich obszarów tej grupy.`,
    `MWDS – Borich's training-need index, ${weight}: ${def}. ${beside} ${L}% CI – ${L}% confidence interval from a bootstrap that resamples whole JSTs. Typical need – the median MWDS of all of the group's areas.`);
}

function lacksSection(report: Report, ctx: ProgrammeContext): void {
  const d = ctx.doc;
  report.h2(t(ctx, 'Braki, które zgłaszają JST', 'What the JSTs say they lack'));
  if (!d.lacks.length) {
    report.paragraph(t(ctx, `Żadnego braku w rozwijaniu kompetencji kluczowych uczniów nie wskazuje co najmniej ${ppct(ctx, 'basis.lackShare', d.basis.lackShare)} badanych z ${ctx.seg.gen}.`, `No lack in developing pupils' key competences is named by at least ${ppct(ctx, 'basis.lackShare', d.basis.lackShare)} of respondents from ${ctx.seg.gen}.`));
    return;
  }
  report.paragraph(t(ctx,
    `Braki, które w rozwijaniu kompetencji kluczowych uczniów wskazuje co najmniej ${ppct(ctx, 'basis.lackShare', d.basis.lackShare)} badanych z ${ctx.seg.gen}, i to, co program może z nimi zrobić:`,
    `The lacks in developing pupils' key competences that at least ${ppct(ctx, 'basis.lackShare', d.basis.lackShare)} of respondents from ${ctx.seg.gen} name, and what the programme can do about them:`), { keepWithNext: true });
  report.bullets(d.lacks.map((l) => {
    const mods = l.modules.map((code) => {
      const m = d.modules.find((x) => x.code === code);
      if (m) return t(ctx, `moduł ${quote(ctx, tr(ctx, m.title))}`, `the module ${quote(ctx, tr(ctx, m.title))}`);
      const e = d.elearning.find((x) => x.code === code);
      return e ? t(ctx, `kurs e-learningowy ${quote(ctx, tr(ctx, e.title))}`, `the e-learning course ${quote(ctx, tr(ctx, e.title))}`) : null;
    }).filter((x): x is string => !!x);
    const answer = mods.length ? t(ctx, `odpowiada na niego ${joinList(ctx, mods)}. `, `answered by ${joinList(ctx, mods)}. `) : t(ctx, 'żaden moduł. ', 'no module. ');
    return [{ text: t(ctx, `Brak ${tr(ctx, l.label)} (${pctOf(ctx, l.share)}): `, `Lack of ${tr(ctx, l.label)} (${pctOf(ctx, l.share)}): `), bold: true }, answer, tr(ctx, l.reason)];
  }));
}
