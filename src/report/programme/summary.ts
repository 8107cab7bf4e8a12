/**
 * The first page, for a mayor, a county head or the programme's director reading nothing else: what is
 * trained, whom, how many hours in which year, in which form — plain words, one small table, every
 * abbreviation explained — and the chapter on the programme's goal and participants.
 */
import type { CellValue, Report } from '../kit/index.ts';
import type { ModuleDoc } from '../../recommendations/programme.ts';
import type { JstCondition } from '../../questionnaire/types.ts';
import {
  budgetSource, cap, counted, DAYS, fig, GROUPS, GROUPS_LOC, hours, joinList, LABEL_WORDS, lowerFirst, modeWord, pctOf, PEOPLE, PEOPLE_ACC, PEOPLE_GEN, pn,
  quote, sourceLine, t, tn, tr, type ProgrammeContext,
} from './context.ts';

const formsAndMode = (ctx: ProgrammeContext, m: ModuleDoc): string => {
  const modes = new Set(m.forms.map((f) => f.mode));
  return `${joinList(ctx, m.forms.map((f) => tr(ctx, f.label)))}; ${t(ctx, 'tryb', 'mode')} ${modes.size === 1 ? modeWord(ctx, m.mode) : joinList(ctx, [...modes].map((x) => modeWord(ctx, x)))}`;
};

export function summaryPage(report: Report, ctx: ProgrammeContext): void {
  const d = ctx.doc;
  report.h1(t(ctx, 'Program w skrócie', 'The programme at a glance'));
  const [y1, y2] = d.schedule.years;
  const who = lowerFirst(tr(ctx, d.participants));
  report.paragraph(t(ctx,
    `Program jest przeznaczony dla ${lowerFirst(tr(ctx, d.title).replace(/^Program szkoleniowo-doradczy dla /, ''))}, czyli jednostek samorządu terytorialnego (JST). Uczestniczą w nim ${who}. Trwa dwa lata: ${hours(ctx, 'schedule.years[0]', y1)} zajęć w pierwszym roku i ${hours(ctx, 'schedule.years[1]', y2)} w drugim; w żadnym roku nie przekracza ${hours(ctx, 'time.hoursPerYear', d.time.hoursPerYear, true)}, ${budgetSource(ctx)}.`,
    `The programme is for ${tr(ctx, d.title).replace(/^Training and advisory programme for /, '')}, local governments (JSTs). Its participants are ${who}. It runs for two years: ${hours(ctx, 'schedule.years[0]', y1)} in the first year and ${hours(ctx, 'schedule.years[1]', y2)} in the second; no year exceeds the ${hours(ctx, 'time.hoursPerYear', d.time.hoursPerYear)} ${budgetSource(ctx)}.`));

  const thematic = d.modules.filter((m) => m.label !== 'capstone');
  const first = thematic[0];
  const cap0 = d.modules.find((m) => m.label === 'capstone');
  if (first) {
    const rest = thematic.slice(1);
    const ev = first.evidence;
    const why = ev && ev.importance && ev.level
      ? t(ctx, `badani uznają ten obszar za ważny (średnio ${fig(ctx, ev.importance.value)} na 5), a swoje umiejętności oceniają na ${fig(ctx, ev.level.value)} – to ich największa potrzeba szkoleniowa`, `respondents rate the area as important (${fig(ctx, ev.importance.value)} out of 5 on average) and their own skills at ${fig(ctx, ev.level.value)} – their largest training need`)
      : t(ctx, 'to największa potrzeba szkoleniowa tej grupy', "it is the group's largest training need");
    report.paragraph(t(ctx,
      `Program zaczyna się od modułu ${quote(ctx, tr(ctx, first.title))} (${hours(ctx, `modules[code=${first.code}].hours`, first.hours)}), najdłuższego z modułów tematycznych: ${why}.${rest.length ? ` Dalej: ${joinList(ctx, rest.map((m) => quote(ctx, tr(ctx, m.title))))}.` : ''}${cap0 ? ` Na koniec zespół każdej JST przygotowuje z doradcą lokalny plan podnoszenia jakości usług oświatowych.` : ''}`,
      `The programme opens with ${quote(ctx, tr(ctx, first.title))} (${hours(ctx, `modules[code=${first.code}].hours`, first.hours)}), the longest of its thematic modules: ${why}.${rest.length ? ` Then: ${joinList(ctx, rest.map((m) => quote(ctx, tr(ctx, m.title))))}.` : ''}${cap0 ? ' Finally each JST team drafts, with an adviser, its local plan for better education services.' : ''}`));
  }

  const topMode = d.mode.shares[0];
  const formsUsed = [...new Set(d.modules.flatMap((m) => m.forms.map((f) => f.form)))];
  const formWords = formsUsed.map((f) => tr(ctx, d.modules.flatMap((m) => m.forms).find((x) => x.form === f)!.label));
  const fixed: string[] = [];
  if (formsUsed.includes('study_visits') && d.mode.preferred !== 'onsite') fixed.push(t(ctx, 'wizyty studyjne odbywają się zawsze na miejscu', 'study visits always take place on site'));
  if (formsUsed.includes('elearning') && d.mode.preferred !== 'online') fixed.push(t(ctx, 'e-learning – zawsze zdalnie', 'e-learning is always online'));
  report.paragraph(t(ctx,
    `Zajęcia mają tryb ${modeWord(ctx, d.mode.preferred)}${topMode ? ` – taki wybiera najwięcej badanych ${d.mode.source === 'segment' ? `z ${ctx.seg.gen}` : 'z tej grupy'} (${pctOf(ctx, topMode.share)}) –` : ' (preferencje badanych nie są publikowane, więc przyjęto tryb łączony)'} i formę: ${joinList(ctx, formWords)}${fixed.length ? `; ${joinList(ctx, fixed)}` : ''}.`,
    `Sessions are ${modeWord(ctx, d.mode.preferred)}${topMode ? ` – the mode most ${d.mode.source === 'segment' ? `respondents from ${ctx.seg.gen}` : 'of the group'} prefer (${pctOf(ctx, topMode.share)}) –` : ' (the respondents\' preferences are not published, so blended is assumed)'} in these forms: ${joinList(ctx, formWords)}${fixed.length ? `; ${joinList(ctx, fixed)}` : ''}.`));

  const r = d.scale.rollout.total;
  const pl = d.scale.pilot.total;
  if (d.scale.rollout.jsts) report.paragraph(t(ctx,
    `Po pilotażu w ${counted(ctx, pn(ctx, 'scale.pilot.jsts', d.scale.pilot.jsts), d.scale.pilot.jsts, ['JST', 'JST', 'JST'], ['JST', 'JSTs'])} (${counted(ctx, pn(ctx, 'scale.pilot.total.participants', pl.participants), pl.participants, PEOPLE.pl, PEOPLE.en)}) program obejmie ${counted(ctx, pn(ctx, 'scale.rollout.jsts', d.scale.rollout.jsts), d.scale.rollout.jsts, ['JST', 'JST', 'JST'], ['JST', 'JSTs'])} tego rodzaju i ${counted(ctx, pn(ctx, 'scale.rollout.total.participants', r.participants), r.participants, PEOPLE.pl, PEOPLE.en)} w ${counted(ctx, pn(ctx, 'scale.rollout.total.groups', r.groups), r.groups, GROUPS_LOC.pl, GROUPS_LOC.en)} (rozdział „Skala wdrożenia”).`,
    `After a pilot in ${counted(ctx, pn(ctx, 'scale.pilot.jsts', d.scale.pilot.jsts), d.scale.pilot.jsts, ['JST', 'JST', 'JST'], ['JST', 'JSTs'])} (${counted(ctx, pn(ctx, 'scale.pilot.total.participants', pl.participants), pl.participants, PEOPLE.pl, PEOPLE.en)}), the programme will reach ${counted(ctx, pn(ctx, 'scale.rollout.jsts', d.scale.rollout.jsts), d.scale.rollout.jsts, ['JST', 'JST', 'JST'], ['JST', 'JSTs'])} of this kind and ${counted(ctx, pn(ctx, 'scale.rollout.total.participants', r.participants), r.participants, PEOPLE.pl, PEOPLE.en)} in ${counted(ctx, pn(ctx, 'scale.rollout.total.groups', r.groups), r.groups, GROUPS.pl, GROUPS.en)} (chapter "Scale of the rollout").`));

  conditionsSentence(report, ctx);
  scheduleTable(report, ctx);
}

/** One sentence on the segment's conditions for change. */
function conditionsSentence(report: Report, ctx: ProgrammeContext): void {
  const c = (k: JstCondition) => ctx.doc.conditions.find((x) => x.condition === k)?.share ?? null;
  const parts: string[] = [];
  const strategy = c('educationStrategy');
  const coalition = c('localCoalition');
  const cuw = c('sharedServiceCentre');
  if (strategy) parts.push(t(ctx, `strategię rozwoju oświaty ma ${pctOf(ctx, strategy)}`, `${pctOf(ctx, strategy)} have an education strategy`));
  if (coalition) parts.push(t(ctx, `lokalna koalicja na rzecz edukacji działa w ${pctOf(ctx, coalition)}`, `a local coalition for education works in ${pctOf(ctx, coalition)}`));
  if (cuw) parts.push(t(ctx, `szkoły obsługuje centrum usług wspólnych w ${pctOf(ctx, cuw)}`, `a shared-service centre serves the schools in ${pctOf(ctx, cuw)}`));
  const lacks = ctx.doc.lacks.slice(0, 2).map((l) => t(ctx, `${tr(ctx, l.label)} (${pctOf(ctx, l.share)})`, `${tr(ctx, l.label)} (${pctOf(ctx, l.share)})`));
  if (!parts.length && !lacks.length) return;
  report.paragraph(t(ctx,
    `Warunki, w jakich program ma działać, według badanych z ${ctx.seg.gen}: ${parts.length ? `${joinList(ctx, parts)} tych JST` : ''}${parts.length && lacks.length ? '; ' : ''}${lacks.length ? `najczęściej brakuje im ${joinList(ctx, lacks)}` : ''}.`,
    `The conditions the programme works in, as respondents from ${ctx.seg.gen} report them: ${parts.length ? `of these JSTs, ${joinList(ctx, parts)}` : ''}${parts.length && lacks.length ? '; ' : ''}${lacks.length ? `what they lack most is ${joinList(ctx, lacks)}` : ''}.`));
}

function scheduleTable(report: Report, ctx: ProgrammeContext): void {
  const d = ctx.doc;
  const rows: CellValue[][] = d.modules.map((m) => [
    `${tn(ctx, 'module order', m.order)}. ${tr(ctx, m.title)}`,
    tr(ctx, LABEL_WORDS[m.label]!),
    m.years[0] ? pn(ctx, `modules[code=${m.code}].years[0]`, m.years[0]) : '–',
    m.years[1] ? pn(ctx, `modules[code=${m.code}].years[1]`, m.years[1]) : '–',
    formsAndMode(ctx, m),
  ]);
  rows.push([t(ctx, 'Razem', 'Total'), '', pn(ctx, 'schedule.years[0]', d.schedule.years[0]), pn(ctx, 'schedule.years[1]', d.schedule.years[1]), '']);
  report.table({
    title: t(ctx, 'Czego, kiedy i w jakiej formie uczy program (godziny w każdym roku)?', 'What does the programme teach, when, and in what form (hours in each year)?'),
    columns: [
      { header: t(ctx, 'Moduł', 'Module'), width: 0.4 },
      { header: t(ctx, 'Rodzaj', 'Kind'), width: 0.15 },
      { header: t(ctx, 'Rok 1', 'Year 1'), width: 0.08, align: 'right' },
      { header: t(ctx, 'Rok 2', 'Year 2'), width: 0.08, align: 'right' },
      { header: t(ctx, 'Formy i tryb', 'Forms and mode'), width: 0.29 },
    ],
    rows,
    totalRow: true,
    notes: [t(ctx,
      `Rodzaj: podstawowy – odpowiada na najpilniejszą potrzebę tej grupy; uzupełniający – potrzeba mniejsza, ale wyraźna; końcowy – lokalny plan. Budżet czasu: ${hours(ctx, 'time.hoursPerYear', d.time.hoursPerYear)} rocznie (${counted(ctx, pn(ctx, 'time.days', d.time.days), d.time.days, DAYS.pl, DAYS.en)} po ${hours(ctx, 'time.hoursPerDay', d.time.hoursPerDay)}). Tryb: stacjonarny – na miejscu, zdalny – przez internet, łączony – część spotkań na miejscu, część przez internet.`,
      `Kind: core – answers the group's most urgent need; supplementary – a smaller but clear need; capstone – the local plan. Time budget: ${hours(ctx, 'time.hoursPerYear', d.time.hoursPerYear)} a year (${counted(ctx, pn(ctx, 'time.days', d.time.days), d.time.days, DAYS.pl, DAYS.en)} of ${hours(ctx, 'time.hoursPerDay', d.time.hoursPerDay)}). Mode: on site, online, or blended (some meetings on site, some online).`)],
    source: sourceLine(ctx),
  });
}

/** The opening of chapter 2: goal, participants, the basis, time. */
export function goalSection(report: Report, ctx: ProgrammeContext): void {
  const d = ctx.doc;
  report.paragraph([{ text: t(ctx, 'Cel programu. ', 'Goal. '), bold: true }, tr(ctx, d.goal)]);
  const per = d.scale.rollout.participantsPerJst;
  const min = d.scale.plan.minPerJst;
  report.paragraph([{ text: t(ctx, 'Uczestnicy. ', 'Participants. '), bold: true }, t(ctx,
    `${cap(tr(ctx, d.participants))}. Każda JST kieruje do programu ${counted(ctx, pn(ctx, 'scale.rollout.participantsPerJst', per), per, PEOPLE_ACC.pl, PEOPLE.en)} z tej grupy; razem z ${ctx.other.inst} – co najmniej ${counted(ctx, pn(ctx, 'scale.plan.minPerJst', min), min, PEOPLE.pl, PEOPLE.en)} z JST. Grupy są jednorodne: jeden rodzaj JST i jedna grupa stanowisk.`,
    `${cap(tr(ctx, d.participants))}. Each JST sends ${counted(ctx, pn(ctx, 'scale.rollout.participantsPerJst', per), per, PEOPLE.pl, PEOPLE.en)} of this group; together with ${ctx.other.nom}, at least ${counted(ctx, pn(ctx, 'scale.plan.minPerJst', min), min, PEOPLE.pl, PEOPLE.en)} per JST. Groups are homogeneous: one kind of JST and one staff group.`)]);
  const b = d.basis;
  const basis = b.evidenceFrom === 'group' && b.respondents
    ? t(ctx, `Program opiera się na odpowiedziach ${counted(ctx, fig(ctx, b.respondents), b.respondents.value, PEOPLE_GEN.pl, ['respondent', 'respondents'])} z tej grupy${b.jsts ? ` z ${counted(ctx, fig(ctx, b.jsts), b.jsts.value, ['JST', 'JST', 'JST'], ['JST', 'JSTs'])}` : ''} w diagnozie kompetencji kadr JST.`,
      `The programme rests on the answers of ${counted(ctx, fig(ctx, b.respondents), b.respondents.value, ['', '', ''], ['respondent', 'respondents'])} of this group${b.jsts ? ` from ${counted(ctx, fig(ctx, b.jsts), b.jsts.value, ['', '', ''], ['JST', 'JSTs'])}` : ''} in the diagnosis of JST staff competences.`)
    : b.evidenceFrom === 'segment'
      ? t(ctx, `Wyniki tej grupy nie są publikowane osobno (za mało odpowiedzi), dlatego program opiera się na odpowiedziach wszystkich badanych z ${ctx.seg.gen}.`, `This group's results are not published separately (too few answers), so the programme rests on the answers of all respondents from ${ctx.seg.gen}.`)
      : t(ctx, 'Diagnoza nie publikuje wyników, na których można by oprzeć wybór modułów; program zawiera tylko moduł końcowy i wymaga potwierdzenia w pilotażu.', 'The diagnosis publishes no results to base the choice of modules on; the programme holds only the capstone and must be confirmed in the pilot.');
  report.paragraph([{ text: t(ctx, 'Podstawa. ', 'Basis. '), bold: true }, basis]);
  const time = d.time.source === 'plan'
    ? t(ctx, `Odpowiedzi o czasie, jaki badani mogą przeznaczyć na szkolenia, nie są publikowane dla tej grupy; przyjęto ${counted(ctx, pn(ctx, 'time.days', d.time.days), d.time.days, DAYS.pl, DAYS.en)} rocznie (ustawienie planu wdrożenia), czyli ${hours(ctx, 'time.hoursPerYear', d.time.hoursPerYear)}.`,
      `The answers on the time respondents can give are not published for this group; the plan's ${counted(ctx, pn(ctx, 'time.days', d.time.days), d.time.days, DAYS.pl, DAYS.en)} a year are assumed, i.e. ${hours(ctx, 'time.hoursPerYear', d.time.hoursPerYear)}.`)
    : t(ctx, `Środkowa odpowiedź (mediana) badanych ${d.time.source === 'segment' ? `z ${ctx.seg.gen}` : 'z tej grupy'} na pytanie, ile dni w roku mogą przeznaczyć na szkolenia i doradztwo, to ${quote(ctx, tr(ctx, d.time.label!))}. Program przyjmuje ${counted(ctx, pn(ctx, 'time.days', d.time.days), d.time.days, DAYS.pl, DAYS.en)} po ${hours(ctx, 'time.hoursPerDay', d.time.hoursPerDay)}, czyli ${hours(ctx, 'time.hoursPerYear', d.time.hoursPerYear)} rocznie, i w żadnym roku tego budżetu nie przekracza.`,
      `The middle answer (median) of respondents ${d.time.source === 'segment' ? `from ${ctx.seg.gen}` : 'of this group'} to how many days a year they can give to training and advice is ${quote(ctx, tr(ctx, d.time.label!))}. The programme assumes ${counted(ctx, pn(ctx, 'time.days', d.time.days), d.time.days, DAYS.pl, DAYS.en)} of ${hours(ctx, 'time.hoursPerDay', d.time.hoursPerDay)}, i.e. ${hours(ctx, 'time.hoursPerYear', d.time.hoursPerYear)} a year, and never exceeds that budget.`);
  report.paragraph([{ text: t(ctx, 'Czas. ', 'Time. '), bold: true }, time]);
}
