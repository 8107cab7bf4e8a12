/**
 * Chapter 1, "Najważniejsze wnioski". Its first page is for a mayor or county head reading nothing else: in
 * plain Polish, with every abbreviation explained, what to train, whom, how many hours in which year and in
 * which form, the JSTs' conditions, and one small table of both programmes. The second page, "Podstawa
 * wniosków", is for the programme designer: the top priority areas of each staff group with Borich's index
 * and its interval, the largest gap, how sure the ranking is, and the top areas with the decision the one
 * evidence rule gives them.
 */
import type { CellValue, Inline, Report } from '../kit/index.ts';
import { suppressed } from '../kit/index.ts';
import { areaMean, segmentCount, share } from '../../recommendations/figures.ts';
import type { ProgrammeDoc } from '../../recommendations/programme.ts';
import type { JstCondition } from '../../questionnaire/types.ts';
import { areaLabel, GROUPS, programmeFor, segmentAreas, type Group, type ReportContext } from '../context.ts';
import { groupForms, segmentForms } from '../words.ts';
import type { Chapter } from './types.ts';
import { mwdsWithCi, quadrantWord } from '../programme/evidence-words.ts';
import { mwdsDefinitionNote } from '../programme/evidence.ts';
import { hours, LABEL_WORDS, modeLoc, modeWord, programmeContext, STRENGTH_WORDS, tr as ptr } from '../programme/context.ts';
import { areaPrinted, areaQuoted, areaWithMwds, cap, ciWord, jstGen, joinList, num, overlap, peopleGen, rankedAreas, sourceLine, t, ci, withheldWhy, type AreaPriority, ciName, withCiHeader } from './wording.ts';

const TOP = 3;

export const summaryChapter: Chapter = (report, ctx) => {
  report.h1(t(ctx, 'Najważniejsze wnioski', 'Key findings'));
  const seg = ctx.results.segments.find((s) => s.code === ctx.segment.code);
  const forms = segmentForms(ctx.segment.code, ctx.lang, ctx.tr(ctx.segment.label));
  if (!seg || seg.respondents === 0) {
    report.paragraph(t(ctx, `W tym segmencie (${forms.nom}) nikt nie odpowiedział, dlatego raport nie zawiera wyników.`, `Nobody answered in this segment (${forms.nom}), so the report holds no results.`));
    return;
  }
  decisionPage(report, ctx);
  if (!report.atTop) report.newPage();
  basisPage(report, ctx);
};

const f = (ctx: ReportContext, x: Parameters<ReportContext['ledger']['figure']>[0]) => ctx.ledger.figure(x);

/** Page 1: plain words for decision makers. */
function decisionPage(report: Report, ctx: ReportContext): void {
  const code = ctx.segment.code;
  const forms = segmentForms(code, ctx.lang, ctx.tr(ctx.segment.label));
  const r = ctx.results;
  const respondents = segmentCount(r, code, 'respondents');
  const jsts = segmentCount(r, code, 'jsts');
  const who = respondents && jsts
    ? t(ctx, `odpowiedziało ${peopleGen(ctx, respondents.value).replace(/^\S+/, f(ctx, respondents))} z ${jstGen(ctx, jsts.value).replace(/^\S+/, f(ctx, jsts))}`, `${peopleGen(ctx, respondents.value).replace(/^\S+/, f(ctx, respondents))} from ${jstGen(ctx, jsts.value).replace(/^\S+/, f(ctx, jsts))} answered`)
    : '';
  const cond: string[] = [];
  const s = (k: JstCondition) => {
    const role = ctx.questionnaire.roles.jstConditions?.[k];
    return role ? share(r, role.question, role.value, code, 'all') : null;
  };
  const strategy = s('educationStrategy');
  const coalition = s('localCoalition');
  const cuw = s('sharedServiceCentre');
  if (strategy) cond.push(t(ctx, `strategię rozwoju oświaty ma ${f(ctx, strategy.value)} tych JST`, `${f(ctx, strategy.value)} of these JSTs have an education strategy`));
  if (coalition) cond.push(t(ctx, `lokalna koalicja na rzecz edukacji działa w ${f(ctx, coalition.value)}`, `a local coalition for education works in ${f(ctx, coalition.value)}`));
  if (cuw) cond.push(t(ctx, `szkoły obsługuje centrum usług wspólnych w ${f(ctx, cuw.value)}`, `a shared-service centre serves the schools in ${f(ctx, cuw.value)}`));
  const docs = GROUPS.map((g) => programmeFor(ctx, g)).filter((d): d is ProgrammeDoc => !!d);
  const lacks = (docs[0]?.lacks ?? []).slice(0, 2).map((l) => `${ctx.tr(l.label)} (${f(ctx, l.share.value)})`);
  report.paragraph(t(ctx,
    `Diagnoza objęła urzędników odpowiedzialnych za oświatę ${forms.inLoc} – jednostkach samorządu terytorialnego (JST)${who ? `; ${who}` : ''}.${cond.length ? ` Według badanych ${joinList(ctx, cond)}.` : ''}${lacks.length ? ` W rozwijaniu kompetencji kluczowych uczniów najczęściej brakuje ${joinList(ctx, lacks)}.` : ''}`,
    `The diagnosis covered officials responsible for education ${forms.inLoc} – local governments (JSTs)${who ? `; ${who}` : ''}.${cond.length ? ` According to respondents, ${joinList(ctx, cond)}.` : ''}${lacks.length ? ` What they lack most in developing pupils' key competences: ${joinList(ctx, lacks)}.` : ''}`));

  // What to train, whom.
  const firsts = docs.map((d) => ({ d, m: d.modules.find((m) => m.label !== 'capstone') })).filter((x) => x.m?.area);
  if (firsts.length) {
    const sameArea = firsts.length === 2 && firsts[0]!.m!.area === firsts[1]!.m!.area;
    const area = firsts[0]!.m!.area!;
    const imp = areaMean(r, area, 'importance', code, 'all');
    const lvl = areaMean(r, area, 'level', code, 'all');
    const why = imp && lvl
      ? t(ctx, `: badani uznają ten obszar za ważny (średnio ${f(ctx, imp.value)} na 5), a swoje umiejętności oceniają na ${f(ctx, lvl.value)}`, `: respondents rate the area as important (${f(ctx, imp.value)} out of 5 on average) and their own skills at ${f(ctx, lvl.value)}`)
      : '';
    report.paragraph(sameArea
      ? t(ctx, `Obie grupy – kadra zarządzająca i pracownicy operacyjni – najpilniej potrzebują szkoleń w obszarze ${areaQuoted(ctx, area)}${why}.`, `Both groups – management and operational staff – most urgently need training in ${areaQuoted(ctx, area)}${why}.`)
      : t(ctx,
        `Najpilniej trzeba szkolić ${joinList(ctx, firsts.map(({ d, m }) => `${d.staffGroup === 'management' ? 'kadrę zarządzającą' : 'pracowników operacyjnych'} w obszarze ${areaQuoted(ctx, m!.area!)}`))}: tam badani widzą największą różnicę między tym, jak ważne jest zadanie, a tym, jak dobrze je wykonują.`,
        `Management and operational staff most urgently need training in ${joinList(ctx, firsts.map(({ d, m }) => `${areaQuoted(ctx, m!.area!)} (${groupForms(d.staffGroup, 'en').nom})`))}: there respondents see the largest gap between how important a task is and how well they do it.`));
  }

  // The programmes: hours by year and form.
  const progs = docs.map((d) => {
    const p = programmeContext(d, ctx.lang, ctx.synthetic, ctx.ledger);
    return t(ctx,
      `${p.grp.forGroup}: ${hours(p, 'schedule.years[0]', d.schedule.years[0])} w pierwszym roku i ${hours(p, 'schedule.years[1]', d.schedule.years[1])} w drugim, w trybie ${modeLoc(p, d.mode.preferred)}`,
      `${p.grp.forGroup}: ${hours(p, 'schedule.years[0]', d.schedule.years[0])} in year 1 and ${hours(p, 'schedule.years[1]', d.schedule.years[1])} in year 2, ${modeWord(p, d.mode.preferred)}`);
  });
  if (progs.length) {
    report.paragraph(t(ctx,
      `Zalecane są dwa dwuletnie programy szkoleniowo-doradcze – ${progs.join('; ')}. Oba mieszczą się w czasie, który badani mogą przeznaczyć na szkolenia, i kończą się lokalnym planem podnoszenia jakości usług oświatowych. Tabela ${report.nextTableNumber()} pokazuje, czego, kiedy i w jakiej formie uczą; pełne programy są osobnymi dokumentami (rozdział „Rekomendacje”).`,
      `Two two-year training and advisory programmes are recommended – ${progs.join('; ')}. Both fit the time respondents can give to training and end with the local plan for better education services. Table ${report.nextTableNumber()} shows what they teach, when and in what form; the full programmes are separate documents (chapter "Recommendations").`), { keepWithNext: true });
    programmesTable(report, ctx, docs);
  }
}

function programmesTable(report: Report, ctx: ReportContext, docs: ProgrammeDoc[]): void {
  const rows: CellValue[][] = [];
  for (const d of docs) {
    const p = programmeContext(d, ctx.lang, ctx.synthetic, ctx.ledger);
    d.modules.forEach((m, i) => {
      const formsList = joinList(ctx, m.forms.map((x) => ptr(p, x.label)));
      rows.push([
        i === 0 ? { text: p.grp.title, bold: true } : '',
        ptr(p, m.title),
        m.years[0] ? p.ledger.number(`programme:${d.code}:modules[code=${m.code}].years[0]`, m.years[0], { decimals: 0, kind: 'programme' }) : '–',
        m.years[1] ? p.ledger.number(`programme:${d.code}:modules[code=${m.code}].years[1]`, m.years[1], { decimals: 0, kind: 'programme' }) : '–',
        `${formsList}; ${t(ctx, 'tryb', 'mode')} ${modeWord(p, m.mode)}`,
      ]);
    });
  }
  report.table({
    title: t(ctx, 'Czego, komu, kiedy i w jakiej formie uczą zalecane programy (godziny w każdym roku)?', 'What do the recommended programmes teach, to whom, when and in what form (hours in each year)?'),
    columns: [
      { header: t(ctx, 'Dla kogo', 'For'), width: 0.15 },
      { header: t(ctx, 'Moduł', 'Module'), width: 0.38 },
      { header: t(ctx, `Rok ${ctx.ledger.number('text:year', 1)}`, `Year ${ctx.ledger.number('text:year', 1)}`), width: 0.08, align: 'right' },
      { header: t(ctx, `Rok ${ctx.ledger.number('text:year', 2)}`, `Year ${ctx.ledger.number('text:year', 2)}`), width: 0.08, align: 'right' },
      { header: t(ctx, 'Formy i tryb', 'Forms and mode'), width: 0.31 },
    ],
    rows,
    notes: [t(ctx,
      'Lata – godziny zajęć w pierwszym i drugim roku programu. Tryb: stacjonarny – na miejscu, zdalny – przez internet, łączony – część spotkań na miejscu, część przez internet. Ostatni moduł każdego programu to lokalny plan przygotowywany z doradcą.',
      'Years – hours of sessions in the first and the second year. Mode: on site, online, or blended (some meetings on site, some online). The last module of each programme is the local plan drafted with an adviser.')],
    source: sourceLine(ctx),
  });
}

/** Page 2: the basis of the findings, for the programme designer. */
function basisPage(report: Report, ctx: ReportContext): void {
  report.h2(t(ctx, 'Podstawa wniosków', 'What the findings rest on'), { toc: false });
  const sentences: Inline[] = [];
  sentences.push(t(ctx,
    `Potrzebę szkoleniową w każdym obszarze kompetencji mierzy wskaźnik potrzeb szkoleniowych Boricha (MWDS): im wyższy, tym większa różnica między ważnością zadań a własnym poziomem badanych. Przy wskaźniku podano ${ciName(ctx)} (${ciWord(ctx)}): zakres, w którym z dużym prawdopodobieństwem leży wynik całej populacji.`,
    `The training need in each competence area is measured by Borich's training-need index (MWDS): the higher, the larger the gap between the importance of the tasks and the respondents' own level. Beside it is the ${ciName(ctx)} (${ciWord(ctx)}): the range that very probably holds the result for the whole population.`));
  const tops = Object.fromEntries(GROUPS.map((g) => [g, rankedAreas(ctx, g).slice(0, TOP)])) as Record<Group, AreaPriority[]>;
  const m = tops.management;
  const o = tops.operational;
  if (m.length) sentences.push([t(ctx, 'Największe potrzeby szkoleniowe ', 'The largest training needs of '), { text: groupForms('management', ctx.lang).gen, bold: true }, t(ctx, ` dotyczą ${m.length === 1 ? 'obszaru' : 'obszarów'}: `, ' are in '), joinList(ctx, m.map((a, i) => areaWithMwds(ctx, a, false, i === 0))), '.']);
  if (o.length) {
    const same = m.length > 0 && m.map((a) => a.area).join() === o.map((a) => a.area).join();
    if (same) sentences.push([t(ctx, 'U ', 'For '), { text: t(ctx, groupForms('operational', 'pl').gen, groupForms('operational', 'en').nom), bold: true }, t(ctx, ' kolejność jest taka sama; wskaźniki wynoszą ', ' the order is the same, with indices of '), joinList(ctx, o.map((a) => `${num(ctx, a.mwds)} (${ci(ctx, a.ciLow, a.ciHigh)})`)), '.']);
    else sentences.push([t(ctx, 'Największe potrzeby ', 'The largest needs of '), { text: groupForms('operational', ctx.lang).gen, bold: true }, t(ctx, ` dotyczą ${o.length === 1 ? 'obszaru' : 'obszarów'}: `, ' are in '), joinList(ctx, o.map((a, i) => areaWithMwds(ctx, a, false, i === 0 && !m.length))), '.']);
  }
  if (!m.length || !o.length) {
    const missing = (!m.length ? ['management'] : []).concat(!o.length ? ['operational'] : []) as Group[];
    sentences.push(t(ctx, `Wyniki ${missing.map((g) => groupForms(g, ctx.lang).gen).join(' ani ')} nie są publikowane osobno (${withheldWhy(ctx)}), dlatego nie ma ich rankingu.`, `The results of ${missing.map((g) => groupForms(g, ctx.lang).nom).join(' or ')} are not published separately (${withheldWhy(ctx)}), so there is no ranking for them.`));
  }
  const gaps = segmentAreas(ctx).map((a) => ({ area: a.code, gap: areaPrinted(ctx, a.code, 'gap', 'all'), imp: areaPrinted(ctx, a.code, 'importance', 'all'), lvl: areaPrinted(ctx, a.code, 'level', 'all') }))
    .filter((x) => x.gap !== null).sort((a, b) => b.gap!.mean! - a.gap!.mean!);
  const g0 = gaps[0];
  if (g0 && g0.imp && g0.lvl) {
    const coincide = rankedAreas(ctx, 'all')[0]?.area === g0.area;
    sentences.push(t(ctx,
      `Największa luka między ważnością zadań a poziomem, na jakim badani je wykonują, dotyczy obszaru ${areaQuoted(ctx, g0.area)}: ważność ${num(ctx, g0.imp.mean)}, poziom ${num(ctx, g0.lvl.mean)} na skali 1–5, luka ${num(ctx, g0.gap!.mean)} punktu (średnie ważone do populacji JST)${coincide ? '; to zarazem obszar największej potrzeby szkoleniowej wszystkich badanych łącznie' : ''}.`,
      `The largest gap between the importance of the tasks and the level respondents perform them at is in ${areaQuoted(ctx, g0.area)}: importance ${num(ctx, g0.imp.mean)}, level ${num(ctx, g0.lvl.mean)} on the 1–5 scale, a gap of ${num(ctx, g0.gap!.mean)} points (means weighted to the JST population)${coincide ? '; it is also the largest training need of all respondents together' : ''}.`));
  }
  sentences.push(certaintySentence(ctx, tops));
  for (const s of sentences) report.paragraph(s);
  topAreasTable(report, ctx);
}

/** Whether the first place, and the border of the top three, are clear of the next area's interval. */
function certaintySentence(ctx: ReportContext, tops: Record<Group, AreaPriority[]>): string {
  const parts: { group: Group; firstClear: boolean; borderClear: boolean; lowN: boolean }[] = [];
  for (const g of GROUPS) {
    const all = rankedAreas(ctx, g);
    if (all.length < 2) continue;
    const third = all[Math.min(TOP, all.length) - 1]!;
    const fourth = all[TOP];
    parts.push({ group: g, firstClear: !overlap(all[0]!, all[1]!), borderClear: fourth ? !overlap(third, fourth) : true, lowN: (tops[g][0]?.n ?? 0) < ctx.results.config.lowPrecisionBelow });
  }
  if (!parts.length) return t(ctx, 'Ze względu na małą liczbę odpowiedzi wyniki należy traktować ostrożnie.', 'With so few answers the results must be read with caution.');
  const gen = (g: Group) => groupForms(g, ctx.lang).gen;
  const clearFirst = parts.filter((p) => p.firstClear).map((p) => p.group);
  const unclearFirst = parts.filter((p) => !p.firstClear).map((p) => p.group);
  const fuzzy = parts.filter((p) => !p.borderClear).map((p) => p.group);
  const low = parts.filter((p) => p.lowN).map((p) => p.group);
  const out: string[] = [];
  if (clearFirst.length === parts.length) out.push(t(ctx, `Pierwsze miejsce w rankingu jest pewne${parts.length > 1 ? ' w obu grupach' : ''}: przedział ufności obszaru na pierwszym miejscu nie nakłada się na przedział drugiego.`, `The first place is secure${parts.length > 1 ? ' in both groups' : ''}: the interval of the first area does not overlap that of the second.`));
  else if (unclearFirst.length === parts.length) out.push(t(ctx, `Kolejności na szczycie rankingu nie należy przeceniać: przedziały ufności dwóch pierwszych obszarów nakładają się${parts.length > 1 ? ' w obu grupach' : ''}, więc są to potrzeby porównywalnie pilne.`, `The order at the top should not be overread: the intervals of the first two areas overlap${parts.length > 1 ? ' in both groups' : ''}, so their needs are about equally urgent.`));
  else out.push(t(ctx, `Pierwsze miejsce jest pewne w rankingu ${clearFirst.map(gen).join(' i ')}, natomiast w rankingu ${unclearFirst.map(gen).join(' i ')} przedziały ufności dwóch pierwszych obszarów nakładają się.`, `The first place is secure for ${clearFirst.map(gen).join(' and ')}, while for ${unclearFirst.map(gen).join(' and ')} the intervals of the first two areas overlap.`));
  if (fuzzy.length) {
    const where = fuzzy.length === parts.length && parts.length > 1 ? t(ctx, 'W obu rankingach', 'In both rankings') : t(ctx, `W rankingu ${fuzzy.map(gen).join(' i ')}`, `In the ranking of ${fuzzy.map((g) => groupForms(g, ctx.lang).nom).join(' and ')}`);
    out.push(t(ctx, `${where} granica między trzecim a czwartym obszarem jest nieostra.`, `${where} the border between the third and fourth areas is blurred.`));
  }
  if (low.length) out.push(t(ctx, `Wyniki ${low.map(gen).join(' i ')} opierają się na mniej niż ${ctx.results.config.lowPrecisionBelow} odpowiedziach i są mało precyzyjne.`, `The results for ${low.map((g) => groupForms(g, ctx.lang).nom).join(' and ')} rest on fewer than ${ctx.results.config.lowPrecisionBelow} answers and are imprecise.`));
  return out.join(' ');
}

/** Each group's top areas with the decision the one evidence rule gives them, as in the programmes. */
function topAreasTable(report: Report, ctx: ReportContext): void {
  const rows: CellValue[][] = [];
  let basis: ProgrammeDoc['basis'] | null = null;
  for (const g of GROUPS) {
    const d = programmeFor(ctx, g);
    const title = groupForms(g, ctx.lang).title;
    const top = d?.basis.evidenceFrom === 'group' ? d.areas.slice().sort((a, b) => (a.rank?.value ?? 99) - (b.rank?.value ?? 99)).slice(0, TOP) : [];
    if (!d || !top.length) {
      rows.push([title, suppressed(), suppressed(), suppressed(), suppressed(), suppressed()]);
      continue;
    }
    basis = d.basis;
    const p = programmeContext(d, ctx.lang, ctx.synthetic, ctx.ledger);
    top.forEach((a, i) => rows.push([
      i === 0 ? { text: title, bold: true } : '',
      areaLabel(ctx, a.area),
      `${ptr(p, LABEL_WORDS[a.decision]!)}${a.decision !== 'not_recommended' && !a.scheduled ? '*' : ''}`,
      ptr(p, STRENGTH_WORDS[a.strength]!),
      quadrantWord(p, a.quadrant).replace(/^[„“"]|[”"]$/g, ''),
      mwdsWithCi(p, a, false),
    ]));
  }
  const notes = [
    ...(basis ? [mwdsDefinitionNote(ctx.lang, basis)] : []),
    t(ctx, 'Decyzja i siła dowodów wynikają z jednej reguły (rozdział „Metodologia”): moduł podstawowy leży zawsze w ćwiartce „Skoncentruj się tutaj” i ma dowody mocne lub umiarkowane. * – moduł zalecany, który nie zmieścił się w harmonogramie i jest oferowany jako kurs e-learningowy.',
      'The decision and the strength of evidence follow one rule (chapter "Methodology"): a core module always lies in "Concentrate here" with strong or moderate evidence. * – a recommended module that did not fit the schedule and is offered as an e-learning course.'),
  ];
  report.table({
    title: t(ctx, 'Które obszary są najpilniejsze dla każdej grupy i co z tego wynika dla programu?', "Which areas are most urgent for each group, and what follows for the programme?"),
    columns: [
      { header: t(ctx, 'Grupa', 'Group'), width: 0.15 },
      { header: t(ctx, 'Obszar', 'Area'), width: 0.25 },
      { header: t(ctx, 'Decyzja', 'Decision'), width: 0.15 },
      { header: t(ctx, 'Dowody', 'Evidence'), width: 0.13 },
      { header: t(ctx, 'Ćwiartka', 'Quadrant'), width: 0.14 },
      { header: withCiHeader(ctx, 'MWDS', 'MWDS'), width: 0.18, align: 'right' },
    ],
    rows,
    notes,
    source: sourceLine(ctx),
  });
}

export { cap };
