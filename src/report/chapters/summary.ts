/**
 * Chapter 1, "Najważniejsze wnioski": the pages a mayor or county head reads alone. A handful of plain
 * sentences — who answered, the top priority areas for management and for operational staff with their
 * MWDS and interval, the largest gap, how sure we are — and one small table that links each staff group's
 * priority areas to the recommended programme modules.
 */
import type { Inline } from '../kit/index.ts';
import { suppressed, type CellValue } from '../kit/index.ts';
import { areaLabel, GROUPS, recommendationFor, segmentAreas, type Group, type ReportContext } from '../context.ts';
import { groupForms, segmentForms } from '../words.ts';
import type { Chapter } from './types.ts';
import {
  areaInText, areaPrinted, areaQuoted, areaWithMwds, cap, cellWithCi, int, jstGen, joinList, num, overlap, peopleGen, segmentSizes, withheldWhy,
  rankedAreas, sourceLine, t, ci, ciWord, type AreaPriority,
} from './part1-common.ts';

const TOP = 3;

export const summaryChapter: Chapter = (report, ctx) => {
  report.h1(t(ctx, 'Najważniejsze wnioski', 'Key findings'));
  const seg = ctx.results.segments.find((s) => s.code === ctx.segment.code);
  const forms = segmentForms(ctx.segment.code, ctx.lang, ctx.tr(ctx.segment.label));

  if (!seg || seg.respondents === 0) {
    report.paragraph(t(ctx, `W tym segmencie (${forms.nom}) nikt nie odpowiedział, dlatego raport nie zawiera wyników.`, `Nobody answered in this segment (${forms.nom}), so the report holds no results.`));
    return;
  }

  const sentences: Inline[] = [];
  // 1. Who answered.
  sentences.push(t(ctx,
    `Diagnoza objęła urzędników odpowiedzialnych za oświatę ${forms.inLoc}: analizujemy odpowiedzi ${segmentSizes(ctx, seg)}.`,
    `The diagnosis covered officials responsible for education ${forms.inLoc}: we analyse the answers of ${segmentSizes(ctx, seg)}.`));

  // 2–3. Top areas per staff group.
  const tops = Object.fromEntries(GROUPS.map((g) => [g, rankedAreas(ctx, g).slice(0, TOP)])) as Record<Group, AreaPriority[]>;
  const m = tops.management;
  const o = tops.operational;
  if (m.length) {
    sentences.push([
      t(ctx, 'Największe potrzeby szkoleniowe ', 'The largest training needs of '),
      { text: groupForms('management', ctx.lang).gen, bold: true },
      t(ctx, ` (tabela ${report.nextTableNumber()}) dotyczą ${m.length === 1 ? 'obszaru' : 'obszarów'}: `, ` (table ${report.nextTableNumber()}) are in `),
      joinList(ctx, m.map((a, i) => areaWithMwds(ctx, a, false, i === 0))),
      '.',
    ]);
  }
  if (o.length) {
    const same = m.length > 0 && m.map((a) => a.area).join() === o.map((a) => a.area).join();
    const sameSet = m.length > 0 && [...m.map((a) => a.area)].sort().join() === [...o.map((a) => a.area)].sort().join();
    const sameFirst = m[0]?.area === o[0]?.area;
    const opName = { text: groupForms('operational', ctx.lang).nom, bold: true };
    if (same) {
      sentences.push([t(ctx, 'U ', 'For '), { text: t(ctx, groupForms('operational', 'pl').gen, groupForms('operational', 'en').nom), bold: true }, t(ctx, ' kolejność jest taka sama; wartości MWDS wynoszą ', ' the order is the same, with MWDS of '), joinList(ctx, o.map((a, i) => (i === 0 ? `${num(ctx, a.mwds)} (${ciWord(ctx)}: ${ci(ctx, a.ciLow, a.ciHigh)})` : `${num(ctx, a.mwds)} (${ci(ctx, a.ciLow, a.ciHigh)})`))), '.']);
    } else if (sameSet) {
      sentences.push([cap(opName.text), t(ctx, ' wskazują te same obszary, ale w innej kolejności: ', ' name the same areas in a different order: '), joinList(ctx, o.map((a, i) => areaWithMwds(ctx, a, false, i === 0))), '.']);
    } else if (sameFirst) {
      sentences.push([t(ctx, 'Również ', 'For '), opName, t(ctx, ` na pierwszym miejscu stawiają ${areaWithMwds(ctx, o[0]!)}; dalej są `, ` ${areaWithMwds(ctx, o[0]!)} also comes first; then come `),
        joinList(ctx, o.slice(1).map((a) => areaWithMwds(ctx, a, false, false))), '.']);
    } else {
      sentences.push([t(ctx, 'Priorytety ', 'The priorities of '), { text: groupForms('operational', ctx.lang).gen, bold: true }, t(ctx, ' są inne: ', ' differ: '), joinList(ctx, o.map((a, i) => areaWithMwds(ctx, a, false, i === 0))), '.']);
    }
  }
  if (!m.length || !o.length) {
    const missing = (!m.length ? ['management'] : []).concat(!o.length ? ['operational'] : []) as Group[];
    sentences.push(t(ctx,
      `Rankingu potrzeb ${missing.map((g) => groupForms(g, ctx.lang).gen).join(' ani ')} nie pokazujemy (${withheldWhy(ctx)}).`,
      `The ranking of needs of ${missing.map((g) => groupForms(g, ctx.lang).nom).join(' or ')} is not shown (${withheldWhy(ctx)}).`));
  }

  // 4. Largest gap, all staff.
  const gaps = segmentAreas(ctx).map((a) => ({ area: a.code, gap: areaPrinted(ctx, a.code, 'gap', 'all'), imp: areaPrinted(ctx, a.code, 'importance', 'all'), lvl: areaPrinted(ctx, a.code, 'level', 'all') }))
    .filter((x) => x.gap !== null).sort((a, b) => b.gap!.mean! - a.gap!.mean!);
  const g0 = gaps[0];
  if (g0 && g0.imp && g0.lvl) {
    const allTop = rankedAreas(ctx, 'all')[0];
    const coincide = allTop?.area === g0.area;
    sentences.push(t(ctx,
      `Największa luka między tym, jak ważne jest zadanie, a tym, jak dobrze badani je wykonują, dotyczy obszaru ${areaQuoted(ctx, g0.area)}: ważność ${num(ctx, g0.imp.mean)}, poziom ${num(ctx, g0.lvl.mean)} na skali 1–5, czyli ${num(ctx, g0.gap!.mean)} punktu różnicy${coincide ? ` — to zarazem pierwszy priorytet szkoleniowy wszystkich badanych łącznie (MWDS ${num(ctx, allTop!.mwds)})` : ''}.`,
      `The largest gap between how important a task is and how well respondents do it is in ${areaQuoted(ctx, g0.area)}: importance ${num(ctx, g0.imp.mean)}, level ${num(ctx, g0.lvl.mean)} on the 1–5 scale, a gap of ${num(ctx, g0.gap!.mean)} points${coincide ? ` — also the first training priority of all respondents together (MWDS ${num(ctx, allTop!.mwds)})` : ''}.`));
  } else if (rankedAreas(ctx, 'all')[0]) {
    const a = rankedAreas(ctx, 'all')[0]!;
    sentences.push(t(ctx, `Dla wszystkich badanych łącznie pierwszym priorytetem jest ${areaWithMwds(ctx, a, false, true)}.`, `For all respondents together the first priority is ${areaWithMwds(ctx, a, false, true)}.`));
  }

  // 5. How sure we are.
  sentences.push(certaintySentence(ctx, tops));
  for (const s of sentences) report.paragraph(s);

  summaryTable(report, ctx);
};

/** Whether the first place, and the border of the top three, are clear of the next area's interval. */
function certaintySentence(ctx: ReportContext, tops: Record<Group, AreaPriority[]>): string {
  const parts: { group: Group; firstClear: boolean; borderClear: boolean; lowN: boolean }[] = [];
  for (const g of GROUPS) {
    const all = rankedAreas(ctx, g);
    if (all.length < 2) continue;
    const firstClear = !overlap(all[0]!, all[1]!);
    const third = all[Math.min(TOP, all.length) - 1]!;
    const fourth = all[TOP];
    const borderClear = fourth ? !overlap(third, fourth) : true;
    const lowN = (tops[g][0]?.n ?? 0) < ctx.results.config.lowPrecisionBelow;
    parts.push({ group: g, firstClear, borderClear, lowN });
  }
  if (!parts.length) return t(ctx, 'Ze względu na małą liczbę odpowiedzi wyniki należy traktować ostrożnie.', 'With so few answers the results must be read with caution.');
  const gen = (g: Group) => groupForms(g, ctx.lang).gen;
  const clearFirst = parts.filter((p) => p.firstClear).map((p) => p.group);
  const unclearFirst = parts.filter((p) => !p.firstClear).map((p) => p.group);
  const fuzzyBorder = parts.filter((p) => !p.borderClear).map((p) => p.group);
  const low = parts.filter((p) => p.lowN).map((p) => p.group);
  const out: string[] = [];
  if (clearFirst.length === parts.length) {
    out.push(t(ctx, 'Pierwsze miejsce w rankingu jest pewne w obu grupach: przedział ufności obszaru na pierwszym miejscu nie nakłada się na przedział drugiego.', 'The first place is secure in both groups: the interval of the first area does not overlap that of the second.'));
  } else if (unclearFirst.length === parts.length) {
    out.push(t(ctx, 'Kolejności na szczycie rankingu nie należy jednak przeceniać: przedziały ufności dwóch pierwszych obszarów nakładają się w obu grupach, więc są to potrzeby porównywalnie pilne.', 'The order at the top should not be overread: the intervals of the first two areas overlap in both groups, so their needs are about equally urgent.'));
  } else {
    out.push(t(ctx,
      `Pierwsze miejsce jest pewne w rankingu ${clearFirst.map(gen).join(' i ')}, natomiast w rankingu ${unclearFirst.map(gen).join(' i ')} przedziały ufności dwóch pierwszych obszarów nakładają się.`,
      `The first place is secure for ${clearFirst.map(gen).join(' and ')}, while for ${unclearFirst.map(gen).join(' and ')} the intervals of the first two areas overlap.`));
  }
  if (fuzzyBorder.length) {
    const where = fuzzyBorder.length === parts.length && parts.length > 1 ? t(ctx, 'W obu rankingach', 'In both rankings') : t(ctx, `W rankingu ${fuzzyBorder.map(gen).join(' i ')}`, `In the ranking of ${fuzzyBorder.map((g) => groupForms(g, ctx.lang).nom).join(' and ')}`);
    out.push(t(ctx,
      `${where} granica między trzecim a czwartym obszarem jest nieostra, więc o wyborze modułu powinny rozstrzygać także potrzeby zgłaszane przez JST.`,
      `${where} the border between the third and fourth areas is blurred: the evidence is thinner there, and the JSTs' declared needs should also decide the module.`));
  }
  if (low.length) {
    out.push(t(ctx, `Wyniki ${low.map(gen).join(' i ')} opierają się na mniej niż ${ctx.results.config.lowPrecisionBelow} odpowiedziach i są mało precyzyjne.`, `The results for ${low.map((g) => groupForms(g, ctx.lang).nom).join(' and ')} rest on fewer than ${ctx.results.config.lowPrecisionBelow} answers and are imprecise.`));
  }
  return out.join(' ');
}

const STRENGTH: Record<string, { pl: string; en: string }> = {
  strong: { pl: 'mocne', en: 'strong' },
  moderate: { pl: 'umiarkowane', en: 'moderate' },
  thin: { pl: 'słabe', en: 'thin' },
};

/** Staff group × priority area × recommended core module, with MWDS (CI), evidence and n. */
function summaryTable(report: Parameters<Chapter>[0], ctx: ReportContext): void {
  const rows: CellValue[][] = [];
  const tableNote = t(ctx, 'Formy, liczbę godzin i kolejność modułów opisuje rozdział „Rekomendacje”.', 'The chapter "Recommendations" gives the modules\' forms, hours and sequence.');
  let anyMissing = false;
  for (const g of GROUPS) {
    const rec = recommendationFor(ctx, g);
    const title = groupForms(g, ctx.lang).title;
    const core = rec?.modules.filter((mod) => mod.role === 'core') ?? [];
    if (!rec || rec.insufficient || !core.length) {
      anyMissing = true;
      rows.push([title, suppressed(), '–', suppressed(), '–', suppressed()]);
      continue;
    }
    core.forEach((mod, i) => {
      const ev = mod.evidence[0];
      rows.push([
        i === 0 ? title : '',
        ev ? areaLabel(ctx, ev.area) : '–',
        ctx.tr(mod.title),
        ev ? cellWithCi(ctx, ev.mwds, ev.ciLow, ev.ciHigh) : '–',
        ev ? ctx.tr(STRENGTH[ev.strength] ?? STRENGTH.moderate!) : '–',
        ev ? ev.n : '–',
      ]);
    });
  }
  const notes: string[] = [
    t(ctx, `MWDS — wskaźnik potrzeb szkoleniowych Boricha (średnia luka ważność − poziom × średnia ważność); w nawiasie przedział ufności 95 %. Dowody: mocne — przedział w całości powyżej przedziału najlepszego obszaru spoza listy; słabe — przedziały nakładają się lub n < ${ctx.results.config.lowPrecisionBelow}.`,
      `MWDS — Borich's training-need score (mean gap importance − level × mean importance); in brackets the 95% confidence interval. Evidence: strong — the interval lies wholly above that of the best area left out; thin — the intervals overlap or n < ${ctx.results.config.lowPrecisionBelow}.`),
  ];
  if (rows.length > 2 * TOP) notes.push(t(ctx, 'Poza trzema obszarami o najwyższym MWDS moduł dostaje też obszar z ćwiartki „Skoncentruj się tutaj”, którego MWDS nie różni się istotnie od trzeciego.', 'Besides the three areas with the highest MWDS, an area in the "Concentrate here" quadrant whose MWDS is not clearly below the third also gets a module.'));
  notes.push(tableNote);
  if (anyMissing) notes.push(t(ctx, `Dla grupy oznaczonej „–” modułów nie wskazujemy: jej wyników nie pokazujemy (${withheldWhy(ctx)}).`, `For a group marked "–" no modules are named: its results are not shown (${withheldWhy(ctx)}).`));
  report.table({
    title: t(ctx, 'Które moduły programu odpowiadają na najpilniejsze potrzeby każdej grupy?', 'Which programme modules answer each group\'s most urgent needs?'),
    columns: [
      { header: t(ctx, 'Grupa', 'Group'), width: 0.13 },
      { header: t(ctx, 'Obszar priorytetowy', 'Priority area'), width: 0.29 },
      { header: t(ctx, 'Rekomendowany moduł programu', 'Recommended programme module'), width: 0.29 },
      { header: t(ctx, 'MWDS (PU\u00A095\u00A0%)', 'MWDS (95%\u00A0CI)'), width: 0.14, align: 'right' },
      { header: t(ctx, 'Dowody', 'Evidence'), width: 0.1 },
      { header: 'n', width: 0.05, align: 'right' },
    ],
    rows,
    notes,
    source: sourceLine(ctx),
  });
}
