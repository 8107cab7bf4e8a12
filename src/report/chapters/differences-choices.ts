/**
 * Section 5.4 of chapter 5: the choice questions on which this segment differs from the others after
 * Holm's correction (the Rao–Scott design-based chi-square), with the design-based shares the test
 * compares, per segment, and Cramér's V of the weighted table.
 */
import { plural as kitPlural, suppressed, type CellValue, type Report } from '../kit/index.ts';
import type { TestResultT } from '../../analysis/results-schema.ts';
import type { ReportContext } from '../context.ts';
import { capitalise, choiceCell, describeVariable, effectPhrase, fromSeg, int, joinList, lowerFirst, magnitudeWord, num, pct, quote, segForms, sourceLine, t } from './wording.ts';
import { keptTable } from './kept-table.ts';

export function choicesSection(report: Report, ctx: ReportContext, tests: TestResultT[]): void {
  const seg = ctx.segment.code;
  const me = segForms(ctx, seg);
  const segs = [ctx.segment.code, ...ctx.others.map((o) => o.code)];
  // The design-based share the test compares: weighted with frame weights, else the share of respondents.
  const shareOf = (question: string, value: string, s: string) => {
    const o = choiceCell(ctx, question, s)?.options.find((x) => x.value === value) ?? null;
    if (!o) return null;
    return { ...o, proportion: o.weighted?.proportion ?? o.proportion };
  };
  // The three clearest differences in words.
  const top = [...tests].sort((a, b2) => (b2.effect.value ?? 0) - (a.effect.value ?? 0)).filter((x) => describeVariable(ctx, x.variable).kind === 'choice');
  const phrases: string[] = [];
  for (const x of top) {
    const v = describeVariable(ctx, x.variable);
    if (v.kind !== 'choice' || v.type !== 'multiple' || !v.choice) continue;
    const mine = shareOf(v.question, v.choice, seg);
    const rest = ctx.others.map((o) => ({ o, opt: shareOf(v.question, v.choice!, o.code) }));
    if (!mine || mine.proportion === null || rest.some((r) => !r.opt || r.opt.proportion === null)) continue;
    phrases.push(t(ctx,
      `${quote(ctx, v.optionLabel ?? '')} (${lowerFirst(v.questionLabel.replace(/\?$/, ''))}) wskazuje ${pct(ctx, mine.proportion)} badanych ${fromSeg(ctx, seg)}, wobec ${joinList(ctx, rest.map((r) => `${pct(ctx, r.opt!.proportion)} ${segForms(ctx, r.o.code).inLoc}`))} (V Craméra ${num(ctx, x.effect.value)}; ${effectPhrase(ctx, x.effect.magnitude)})`,
      `${quote(ctx, v.optionLabel ?? '')} (${lowerFirst(v.questionLabel.replace(/\?$/, ''))}) is chosen by ${pct(ctx, mine.proportion)} of respondents ${fromSeg(ctx, seg)}, against ${joinList(ctx, rest.map((r) => `${pct(ctx, r.opt!.proportion)} ${segForms(ctx, r.o.code).inLoc}`))} (Cramér's V ${num(ctx, x.effect.value)}; ${effectPhrase(ctx, x.effect.magnitude)})`));
    if (phrases.length === 2) break;
  }
  const no = report.nextTableNumber();
  report.paragraph([
    t(ctx,
      `W pytaniach o sytuację JST, potrzeby szkoleniowe i rozwiązania wspierające kompetencje kluczowe uczniów po poprawce utrzymuje się ${plural(ctx, tests.length, 'różnica', 'różnice', 'różnic')} między segmentami (tabela ${no}). `,
      `In the questions on the JST's situation, training needs and key-competence solutions, ${plural(ctx, tests.length, 'difference', 'differences', 'differences')} between segments hold after the correction (table ${no}). `),
    ...(phrases.length ? [t(ctx, 'Najwyraźniej: ', 'Most clearly: '), phrases.join('; '), '.'] : []),
  ]);
  const rows: CellValue[][] = [];
  const byQuestion = groupBy(tests, (x) => { const v = describeVariable(ctx, x.variable); return v.kind === 'choice' ? v.question : x.variable; });
  const order = ctx.results.choices.map((c) => c.question);
  for (const [question, list] of [...byQuestion.entries()].sort((a, b2) => order.indexOf(a[0]) - order.indexOf(b2[0]))) {
    const choice = ctx.results.choices.find((c) => c.question === question);
    if (!choice) continue;
    rows.push([{ text: ctx.tr(choice.label), bold: true }, ...segs.map(() => ''), '', '']);
    if (choice.type === 'single') {
      const x = list[0]!;
      const opts = choiceCell(ctx, question, seg)?.options ?? [];
      opts.forEach((o, i) => rows.push([
        capitalise(ctx.tr(o.label)),
        ...segs.map((s) => shareCell(ctx, shareOf(question, o.value, s))),
        i === 0 ? num(ctx, x.effect.value) : '',
        i === 0 ? magnitudeWord(ctx, x.effect.magnitude) : '',
      ]));
    } else {
      for (const x of [...list].sort((a, b2) => (b2.effect.value ?? 0) - (a.effect.value ?? 0))) {
        const v = describeVariable(ctx, x.variable);
        if (v.kind !== 'choice' || !v.choice) continue;
        rows.push([capitalise(v.optionLabel ?? '–'), ...segs.map((s) => shareCell(ctx, shareOf(question, v.choice!, s))), num(ctx, x.effect.value), magnitudeWord(ctx, x.effect.magnitude)]);
      }
    }
  }
  const nNote = segs.map((s) => {
    const c = ctx.results.segments.find((x) => x.code === s);
    return `${segForms(ctx, s).nom} ${nOfSafe(ctx, c?.respondents)}`;
  }).join(', ');
  keptTable(report, {
    title: t(ctx, `W czym sytuacja i potrzeby ${me.gen} odróżniają się od innych JST?`, `Where do the situation and needs of ${me.gen} differ from other JSTs?`),
    columns: [
      { header: t(ctx, 'Pytanie i odpowiedź', 'Question and answer'), width: 0.44 },
      ...segs.map((s) => ({ header: `${capitalise(segForms(ctx, s).nom)} (%)`, align: 'right' as const })),
      { header: t(ctx, 'V Craméra', "Cramér's V"), align: 'right' },
      { header: t(ctx, 'Efekt', 'Effect') },
    ],
    rows,
    notes: [t(ctx,
      `Odsetek ${ctx.results.tests.design.weights === 'frame' ? 'ważony' : 'badanych'} danej grupy JST, którzy wybrali odpowiedź (jak w teście). Test chi-kwadrat segment × odpowiedź z poprawką Rao–Scotta drugiego rzędu (svychisq, statystyka F; dla pytań wielokrotnego wyboru – osobno dla każdej odpowiedzi), poprawka Holma; efekt według V Craméra tabeli ważonej. Podstawa: ${nNote}. Pominięto strukturę próby (liczba mieszkańców, stanowisko, staż).`,
      `${ctx.results.tests.design.weights === 'frame' ? 'Weighted share' : 'Share of respondents'} of the group choosing the answer (as in the test). Chi-square test of segment × answer with the Rao–Scott second-order correction (svychisq, F statistic; for multiple-choice questions, each answer separately), Holm's correction; effect by Cramér's V of the weighted table. Base: ${nNote}. The structure of the sample (population, position, years in post) is left out.`)],
    source: sourceLine(ctx),
  });
}

function nOfSafe(ctx: ReportContext, n: number | null | undefined): string {
  return n === undefined || n === null ? '–' : `n\u00A0=\u00A0${int(ctx, n)}`;
}

function shareCell(ctx: ReportContext, o: { proportion: number | null; suppressed?: string } | null): CellValue {
  if (!o || o.proportion === null || o.suppressed) return suppressed();
  return num(ctx, o.proportion * 100, 0);
}


function plural(ctx: ReportContext, n: number, one: string, few: string, many: string): string {
  return kitPlural(n, one, few, many, ctx.lang);
}

export function groupBy<T>(xs: readonly T[], key: (x: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const x of xs) {
    const k = key(x);
    m.set(k, [...(m.get(k) ?? []), x]);
  }
  return m;
}
